"""The Django feed (SQLite and PostgreSQL), the Parquet snapshot and the report output."""

from __future__ import annotations

import ast
import json
from datetime import date as d
from pathlib import Path

import openpyxl
import pytest

import passend.analysis
from passend.analysis import Gebied, als_json, transitie, zorggebruik
from passend.analysis.kolommen import bladnaam
from passend.analysis.relaties import SCHEMA, OntbrekendeRelatie, verbind
from passend.bronnen.database import django_tabellen, django_verbinding
from passend.bronnen.snapshot import lees_snapshot, schrijf_snapshot
from passend.domain.records import LeveringRecord
from passend.istandaarden import writer
from tests import berichten as b
from tests.analysis import scenarios
from tests.analysis.berichtenset import AANBIEDER_A, DORDRECHT, JEUGD, Berichtenset
from tests.analysis.verzoek import rapport, schrijf_xlsx

pytestmark = pytest.mark.django_db
ALLES = Gebied.standaard()

VERWACHT_2024 = {
    "jaar": 2024,
    "cohort": 10,
    "verlengde_jeugdhulp": 3,
    "naar_wmo": 4,
    "warme_overdracht": 2,
    "zonder_vervolg": 3,
    "gat_dagen_mediaan": 20.0,
    "met_verblijf": 2,
    "zonder_verblijf": 8,
    "wmo_instroom_18_26": 4,
    "wmo_instroom_uit_jeugdhulp": 2,
}  # derived in test_transitie.test_cohort_2024_hand_computed


def test_feed_types_and_whole_path_on_this_backend(tmp_path):
    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    tabellen = berichten.importeer()
    for naam, schema in SCHEMA.items():
        assert tabellen[naam].schema == schema, naam
    assert tabellen["levering"].num_rows == 31  # every levering of scenarios.transitie
    assert tabellen["client"].num_rows == 19  # A..S
    # The whole path on this backend (SQLite or PostgreSQL): messages -> store -> DuckDB.
    assert transitie(django_verbinding(), 2024, ALLES) == VERWACHT_2024
    regio = {r["gemeente"]: r["jeugdregio"] for r in tabellen["gemeente"].to_pylist()}
    assert regio[DORDRECHT] == "Zuid-Holland Zuid" and len(regio) == 342


def test_blank_codes_become_null_and_levering_takes_the_toewijzing_product(tmp_path):
    berichten = Berichtenset(tmp_path / "berichten")
    kind = berichten.persoon(d(2012, 5, 1))
    # An aspecifieke toewijzing (no productcode) and a start without a product.
    berichten.toewijzing(
        kind,
        JEUGD,
        DORDRECHT,
        AANBIEDER_A,
        77,
        "45",
        None,
        d(2024, 1, 1),
        d(2024, 12, 31),
        d(2024, 1, 1),
    )
    k = b.kop("305", "LEEG305", JEUGD, DORDRECHT, AANBIEDER_A)
    start = LeveringRecord(k, kind, "start", 77, None, None, None, d(2024, 2, 1))
    berichten.paden.append(
        b.schrijf(berichten.map, "start.xml", writer.startbericht(k, kind, [start], naam="Test"))
    )
    tabellen = berichten.importeer()
    assert tabellen["toewijzing"].to_pylist()[0]["productcode"] is None
    levering = tabellen["levering"].to_pylist()[0]
    assert (levering["categorie"], levering["productcode"], levering["einddatum"]) == (
        None,
        None,
        None,
    )
    rijen = zorggebruik(verbind(tabellen), ALLES, jaren=[2024], uitsplitsing="productcategorie")
    # Born 2012-05-01: 11 on 2024-02-01; categorie 45 comes from the toewijzing.
    assert [(r["productcategorie"], r["leeftijdsgroep"], r["aantal"]) for r in rijen] == [
        ("45", "0-11", 1)
    ]


def test_snapshot_round_trip_and_refresh(tmp_path):
    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    berichten.importeer()
    map_ = schrijf_snapshot(tmp_path / "momentopname", django_tabellen())
    assert sorted(p.name for p in map_.iterdir()) == sorted(f"{n}.parquet" for n in SCHEMA)
    assert transitie(lees_snapshot(map_), 2024, ALLES) == VERWACHT_2024
    assert transitie(lees_snapshot(map_, in_geheugen=True), 2024, ALLES) == VERWACHT_2024
    # A refresh replaces the snapshot as a whole.
    leeg = {naam: schema.empty_table() for naam, schema in SCHEMA.items()}
    schrijf_snapshot(map_, leeg)
    assert transitie(lees_snapshot(map_), 2024, ALLES)["cohort"] == 0
    assert not list(tmp_path.glob(".momentopname-*"))
    (map_ / "prestatie.parquet").unlink()
    with pytest.raises(OntbrekendeRelatie, match=r"prestatie\.parquet"):
        lees_snapshot(map_)


def test_the_database_source_reads_the_snapshot_of_the_current_data_version_only(
    tmp_path, settings, monkeypatch
):
    from passend.bronnen import database
    from passend.bronnen.database import (
        BESTAND,
        DatabaseBron,
        klaarzetten,
        open_analysebestand,
        snapshot_map,
    )

    settings.DATA_DIR = tmp_path / "data"
    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    berichten.importeer()
    assert klaarzetten()  # what the end of every import does
    eerste = snapshot_map()
    assert [p.name for p in eerste.iterdir()] == [BESTAND]
    opgeslagen = {
        n for (n,) in open_analysebestand(eerste / BESTAND).execute("SHOW TABLES").fetchall()
    }
    assert set(SCHEMA) <= opgeslagen
    assert {"_toew", "_lev_basis", "_pres_basis", "_producten"} <= opgeslagen

    # The analyses open that snapshot: no table is copied from the database.
    def geen_kopie():
        raise AssertionError("tables copied from the database although a snapshot exists")

    monkeypatch.setattr(database, "django_tabellen", geen_kopie)
    assert transitie(DatabaseBron().verbinding(), 2024, ALLES) == VERWACHT_2024
    monkeypatch.undo()

    # An import changes the data version: the old snapshot is never read again.
    meer = Berichtenset(tmp_path / "meer")
    meer._teller, meer._personen = 9000, 9000  # identifications and BSNs unlike the first set
    kind = meer.persoon(d(2007, 3, 1))
    meer.toewijzing(
        kind,
        JEUGD,
        DORDRECHT,
        AANBIEDER_A,
        5,
        "45",
        "45A48",
        d(2024, 1, 1),
        d(2024, 12, 31),
        d(2024, 1, 1),
    )
    meer.importeer()
    assert snapshot_map() != eerste and not snapshot_map().exists()
    con = DatabaseBron().verbinding()  # reads the database, then writes the new snapshot
    assert con.execute("SELECT count(*) FROM toewijzing").fetchone()[0] == (
        open_analysebestand(eerste / BESTAND)
        .execute("SELECT count(*) FROM toewijzing")
        .fetchone()[0]
        + 1
    )
    assert snapshot_map().is_dir()
    monkeypatch.setattr(database, "django_tabellen", geen_kopie)
    nieuw = DatabaseBron().verbinding()
    assert (
        nieuw.execute("SELECT count(*) FROM toewijzing").fetchone()[0]
        == con.execute("SELECT count(*) FROM toewijzing").fetchone()[0]
    )


def test_a_snapshot_being_written_is_never_seen_half(tmp_path, settings):
    from passend.bronnen.database import schrijf_database_snapshot, snapshot_map

    settings.DATA_DIR = tmp_path / "data"
    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    berichten.importeer()
    map_ = schrijf_database_snapshot()
    inhoud = {p.name: p.stat().st_mtime_ns for p in map_.iterdir()}
    assert schrijf_database_snapshot() == map_ == snapshot_map()  # written once per version
    assert {p.name: p.stat().st_mtime_ns for p in map_.iterdir()} == inhoud
    assert [p.name for p in map_.parent.iterdir()] == [map_.name]  # no work dirs left


def test_reports_as_json_and_excel(dataset, tmp_path):
    con = dataset("transitie")
    tabellen = rapport("transitie", con, jaar=2024, gevallen=True)
    assert list(tabellen) == [
        "transitie",
        "uitkomsten",
        "per_gemeente",
        "per_segment",
        "per_zorgvorm",
        "stroom_zorgvorm",
        "stroom_segment",
        "doorloop_21_23",
        "gevallen",
        "dekking",
    ]
    # The outcomes as rows, with their share of the cohort of 10 (hand count in test_transitie).
    assert [(r["uitkomst"], r["aantal"], r["aandeel"]) for r in tabellen["uitkomsten"]] == [
        ("verlengde_jeugdhulp", 3, 0.3),
        ("naar_wmo", 4, 0.4),
        ("zonder_vervolg", 3, 0.3),
        ("cohort", 10, 1.0),
    ]
    # Public summary: 3, 4, 3 of 10 are under 5 -> "<5"; met_verblijf 2 is "<5", so 8 (= the
    # published cohort 10 - 2) must be hidden too.
    openbaar = rapport("transitie", con, jaar=2024, openbaar=True)["transitie"]
    assert (
        openbaar["cohort"],
        openbaar["verlengde_jeugdhulp"],
        openbaar["met_verblijf"],
        openbaar["zonder_verblijf"],
    ) == (10, "<5", "<5", "x")
    # The outcome rows are the summary's cells: hidden exactly as there, shares with them.
    uitkomsten = rapport("transitie", con, jaar=2024, openbaar=True)["uitkomsten"]
    assert [(r["aantal"], r["aandeel"]) for r in uitkomsten] == [
        ("<5", "x"),
        ("<5", "x"),
        ("<5", "x"),
        (10, 1.0),
    ]
    tekst = als_json(tabellen)
    assert json.loads(tekst)["gevallen"][0]["verjaardag_18"].startswith("2024-")
    pad = schrijf_xlsx(tmp_path / "transitie.xlsx", tabellen)
    boek = openpyxl.load_workbook(pad)
    assert boek.sheetnames == [bladnaam(t) for t in tabellen] + ["Definities"]
    assert [c.value for c in boek["Overzicht transitie"]["A"]][:3] == ["Gegeven", "Jaar", "Cohort"]
    for naam in ("zorggebruik", "wmo-instroom", "markt", "knelpunten", "benchmark"):
        assert rapport(naam, con, jaar=2024), naam
    with pytest.raises(ValueError, match="jaar"):
        rapport("knelpunten", con)


def test_the_analysis_package_never_imports_django_or_an_adapter():
    map_ = Path(passend.analysis.__file__).parent
    for bestand in map_.glob("*.py"):
        boom = ast.parse(bestand.read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(boom) if isinstance(n, ast.ImportFrom)}
        modules |= {a.name for n in ast.walk(boom) if isinstance(n, ast.Import) for a in n.names}
        verboden = {
            m
            for m in modules
            if m.startswith(
                (
                    "django",
                    "passend.care",
                    "passend.imports",
                    "passend.web",
                    "passend.bronnen",
                    "passend.planning",
                    "passend.cli",
                )
            )
        }
        assert not verboden, (bestand.name, verboden)
