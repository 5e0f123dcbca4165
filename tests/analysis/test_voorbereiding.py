"""The analysis snapshot stores the prepared relations (passend.analysis.sql.
bewaar_voorbereiding): every report computed from it equals the report computed from the
relations themselves, and a stored segmentation costs no preparation at all."""

from __future__ import annotations

import duckdb
import pytest

from passend.analysis import Gebied
from passend.analysis import sql as analysesql
from passend.analysis.rapport import RAPPORTSOORTEN
from passend.analysis.relaties import SCHEMA, verbind
from passend.analysis.segmentatie import Segmentatie
from passend.bronnen import momentopname
from passend.bronnen.database import open_analysebestand, schrijf_analysebestand
from passend.bronnen.momentopname import snapshot_sleutel
from passend.strategy.segmentmodellen import model
from tests.analysis.verzoek import rapport

pytestmark = pytest.mark.django_db

#: Every report the registry computes from the relations alone, with the years the
#: scenarios cover.
RAPPORTEN = [n for n, s in RAPPORTSOORTEN.items() if not s.register]
ANDER_MODEL = model("voorbeeld-5")


def _tabellen(dataset, naam):
    con = dataset(naam)
    return {n: con.sql(f"SELECT * FROM {n}").to_arrow_table() for n in SCHEMA}


def _opgeslagen(tabellen, tmp_path, segmentaties):
    pad = tmp_path / "analyse.duckdb"
    schrijf_analysebestand(pad, tabellen, segmentaties)
    return open_analysebestand(pad)


def _alle(con, gebied):
    uit = {}
    for naam in RAPPORTEN:
        for jaar in (2023, 2024, 2025):
            try:
                uit[naam, jaar] = rapport(naam, con, gebied=gebied, jaar=jaar)
            except ValueError as fout:  # e.g. no data for that year
                uit[naam, jaar] = str(fout)
    return uit


@pytest.mark.parametrize("scenario", ["transitie", "markt", "zorggebruik"])
@pytest.mark.parametrize("segmentatie", [Segmentatie.standaard(), ANDER_MODEL])
def test_every_report_from_the_stored_preparation_equals_the_report_from_the_relations(
    dataset, tmp_path, scenario, segmentatie
):
    # The default model is stored with the snapshot; the other is prepared on opening.
    tabellen = _tabellen(dataset, scenario)
    opgeslagen = _opgeslagen(tabellen, tmp_path, [Segmentatie.standaard()])
    gebied = Gebied(segmentatie)
    assert _alle(opgeslagen, gebied) == _alle(verbind(tabellen), gebied)


def test_a_stored_segmentation_is_read_not_prepared(dataset, tmp_path, monkeypatch):
    tabellen = _tabellen(dataset, "markt")
    con = _opgeslagen(tabellen, tmp_path, [Segmentatie.standaard(), ANDER_MODEL])

    def niet(*_args, **_kwargs):
        raise AssertionError("prepared again although stored")

    monkeypatch.setattr(analysesql, "_maak_toew", niet)
    monkeypatch.setattr(analysesql, "_voeg_producten_toe", niet)
    monkeypatch.setattr(analysesql, "macros", niet)  # the snapshot stores them too
    for segmentatie in (Segmentatie.standaard(), ANDER_MODEL):
        tabellen = rapport("markt", con, gebied=Gebied(segmentatie), jaar=2024)
        assert tabellen["segmenten"]
    # Both are views over the stored tables, not copies.
    views = {
        n for (n,) in con.execute("SELECT view_name FROM duckdb_views() WHERE temporary").fetchall()
    }
    assert {"_lev", "_productsegment", "_pres"} <= views


def test_a_snapshot_with_other_macros_is_not_read_as_this_versions(dataset, tmp_path):
    tabellen = _tabellen(dataset, "transitie")
    pad = tmp_path / "analyse.duckdb"
    schrijf_analysebestand(pad, tabellen, [Segmentatie.standaard()])
    verwacht = _alle(open_analysebestand(pad), Gebied.standaard())
    schrijf = duckdb.connect(str(pad))
    schrijf.execute("UPDATE _passend_voorbereid SET macros = 'ouder'")
    schrijf.execute("CREATE OR REPLACE MACRO main.verjaardag(g, n) AS DATE '2000-01-01'")
    schrijf.close()
    con = open_analysebestand(pad)
    assert not analysesql.opgeslagen(con)
    # Prepared as from bare relations, with this version's macros (a temporary macro goes
    # before the stored one), so the figures are this version's.
    assert _alle(con, Gebied.standaard()) == verwacht
    assert snapshot_sleutel("v1") != _met_sleutel(snapshot_sleutel, "ander", "v1")


def _met_sleutel(functie, sleutel, *args):
    oud = momentopname.MACROS_SLEUTEL
    momentopname.MACROS_SLEUTEL = sleutel
    try:
        return functie(*args)
    finally:
        momentopname.MACROS_SLEUTEL = oud


def test_heeft_tabel_tells_temporary_from_stored_tables(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute("CREATE TABLE vast AS SELECT 1; CREATE TEMP TABLE los AS SELECT 1")
    con.execute("CREATE VIEW zicht AS SELECT 1")
    gevonden = {
        naam: analysesql.heeft_tabel(con, naam)
        for naam in ("vast", "los", "main.vast", "temp.vast", "main.los", "temp.los", "zicht")
    }
    assert gevonden == {
        "vast": True,
        "los": True,
        "main.vast": True,
        "temp.vast": False,
        "main.los": False,
        "temp.los": True,
        "zicht": False,
    }


def test_a_relation_changed_on_the_connection_is_prepared_anew_with_opnieuw(dataset):
    con = dataset("transitie")
    seg = Segmentatie.standaard()
    analysesql.bereid(con, seg)
    voor = con.execute("SELECT count(*) FROM _lev").fetchone()[0]
    con.execute("CREATE TABLE levering_kopie AS SELECT * FROM levering")
    con.unregister("levering")
    con.execute("CREATE VIEW levering AS SELECT * FROM levering_kopie LIMIT 1")
    analysesql.bereid(con, seg)
    assert con.execute("SELECT count(*) FROM _lev").fetchone()[0] == voor  # still cached
    analysesql.bereid(con, seg, opnieuw=True)
    assert con.execute("SELECT count(*) FROM _lev").fetchone()[0] == 1


def test_switching_segment_models_on_one_connection_gives_what_a_fresh_one_gives(dataset):
    con = dataset("markt")
    tabellen = {n: con.sql(f"SELECT * FROM {n}").to_arrow_table() for n in SCHEMA}
    for segmentatie in (Segmentatie.standaard(), ANDER_MODEL, Segmentatie.standaard()):
        gebied = Gebied(segmentatie)
        assert _alle(con, gebied) == _alle(verbind(tabellen), gebied)


def test_opening_a_snapshot_leaves_no_result_open(dataset, tmp_path):
    """The contract register is registered on the connection after opening and preparing
    it; DuckDB refuses that while a result of an earlier query is still unread."""
    pad = tmp_path / "analyse.duckdb"
    schrijf_analysebestand(pad, _tabellen(dataset, "markt"), [Segmentatie.standaard()])
    los = duckdb.sql("SELECT 1 AS x").to_arrow_table()
    con = open_analysebestand(pad)
    con.register("los", los)  # straight after opening, as `passend monitor` does
    analysesql.bereid(con, Segmentatie.standaard())
    con.register("los", los)
    assert con.execute("SELECT x FROM los").fetchall() == [(1,)]
