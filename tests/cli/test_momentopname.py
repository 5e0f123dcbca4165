"""``passend analyse`` opens the snapshot of the current data version without Django when it
can (the embedded SQLite database), gives the same figures as through Django, and never reads
the snapshot of an older version."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from passend.bronnen import momentopname
from tests import berichten as b


def _berichten(map_, bsn, nummer):
    map_.mkdir()
    c = b.client(bsn, date(2006, 6, 1))
    t = b.kop("301", f"T{nummer}")
    s = b.kop("305", f"S{nummer}")
    b.schrijf(map_, f"t{nummer}.xml", b.toewijzingbericht(t, [b.toewijzing(t, nummer, c=c)]))
    levering = b.levering(s, nummer, date(2024, 2, 1), c=c)
    b.schrijf(map_, f"s{nummer}.xml", b.startbericht(s, [levering]))
    return map_


def _analyse(omgeving):
    """The zorggebruik report as JSON, and whether the process imported Django."""
    uitkomst, modules = _analyse_met_modules(omgeving)
    return uitkomst, "django" in modules


def _analyse_met_modules(omgeving):
    """The zorggebruik report as JSON, and the top-level modules the process imported."""
    env = {**omgeving.env, "PYTHONPROFILEIMPORTTIME": "1"}
    uit = subprocess.run(
        [sys.executable, "-m", "passend.cli", "analyse", "zorggebruik", "--jaar", "2024", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    modules = {r.rsplit("|", 1)[-1].strip() for r in uit.stderr.splitlines() if "|" in r}
    return json.loads(uit.stdout), modules


def _snapshots(omgeving):
    return {p.name for p in (omgeving.data_dir / "snapshot").iterdir()}


@pytest.mark.cli_db
def test_analyse_reads_the_current_snapshot_without_django_and_never_an_older_one(
    cli_omgeving, tmp_path
):
    embedded = cli_omgeving.database_url is None
    cli_omgeving.passend("import", str(_berichten(tmp_path / "een", b.BSN_A, 1)))
    snel, met_django = _analyse(cli_omgeving)
    assert met_django is not embedded  # PostgreSQL always goes through Django

    # Without the snapshot the command takes the Django path (which writes it again): the
    # same figures.
    for naam in _snapshots(cli_omgeving):
        shutil.rmtree(cli_omgeving.data_dir / "snapshot" / naam)
    via_django, met_django = _analyse(cli_omgeving)
    assert met_django and via_django == snel
    assert _analyse(cli_omgeving) == (snel, not embedded)

    # A second import: its snapshot is removed (as if writing it failed), the first one is
    # still there, and must not be read: the figures include the new client.
    oud = _snapshots(cli_omgeving)
    cli_omgeving.passend("import", str(_berichten(tmp_path / "twee", b.BSN_B, 2)))
    for naam in _snapshots(cli_omgeving) - oud:
        shutil.rmtree(cli_omgeving.data_dir / "snapshot" / naam)
    assert _snapshots(cli_omgeving) == oud
    na_import, met_django = _analyse(cli_omgeving)
    assert met_django and na_import != snel


@pytest.mark.cli_db
def test_reading_a_snapshot_loads_neither_django_nor_pyarrow(cli_omgeving, tmp_path):
    """What makes `passend analyse` quick: the snapshot is found and read with DuckDB alone."""
    cli_omgeving.passend("import", str(_berichten(tmp_path / "een", b.BSN_A, 1)))
    uitkomst, modules = _analyse_met_modules(cli_omgeving)
    assert uitkomst and "duckdb" in modules
    if cli_omgeving.database_url is None:
        assert not {"django", "pyarrow", "numpy", "pandas"} & modules, modules
    else:
        assert "django" in modules  # PostgreSQL always goes through Django


def test_the_version_tables_are_the_models_tables():
    from passend.care import models as care
    from passend.imports.models import ImportBatch, VerwerktBericht
    from passend.reference.models import Bevolking

    modellen = [ImportBatch, VerwerktBericht, care.Client, care.Toewijzing, care.Levering]
    modellen += [care.Prestatie, Bevolking]
    assert tuple(m._meta.db_table for m in modellen) == momentopname.VERSIE_TABELLEN
    registers = (care.Toekomstplan, care.ZrmMeting, care.Clientoordeel)
    assert tuple(m._meta.db_table for m in registers) == momentopname.REGISTER_TABELLEN
    assert ImportBatch._meta.db_table == momentopname.BATCH_TABEL
    from passend.planning.models import Segmentmodel

    assert Segmentmodel._meta.db_table == momentopname.SEGMENTMODEL_TABEL


@pytest.mark.django_db
def test_the_segment_model_without_django_is_the_one_gebied_voor_chooses():
    from passend.planning import opslag
    from passend.planning.gebieden import gebied_voor
    from passend.planning.models import Segmentmodel
    from passend.strategy.segmentmodellen import model

    vijf = model("voorbeeld-5")
    opslag.bewaar_segmentmodel(vijf, "Zuid-Holland Zuid", actief=True)
    eigen = vijf.als_dict() | {"naam": "Gorinchem eigen"}
    from passend.analysis.segmentatie import Segmentatie

    opslag.bewaar_segmentmodel(Segmentatie.uit_dict(eigen), "0512", actief=True)
    opslag.bewaar_segmentmodel(model("standaard-7"), "0512", actief=False)
    db = sqlite3.connect(":memory:")
    db.execute(
        f"CREATE TABLE {momentopname.SEGMENTMODEL_TABEL} (gebied TEXT, naam TEXT, actief BOOL, "
        "definitie TEXT)"
    )
    for rij in Segmentmodel.objects.values_list("gebied", "naam", "actief", "definitie"):
        db.execute(
            f"INSERT INTO {momentopname.SEGMENTMODEL_TABEL} VALUES (?, ?, ?, ?)",
            [*rij[:3], json.dumps(rij[3])],
        )
    gevallen = [("0505", None, "Zuid-Holland Zuid"), ("0512", None, "Zuid-Holland Zuid")]
    gevallen += [
        (None, "Zuid-Holland Zuid", None),
        ("0363", None, "Amsterdam-Amstelland"),
        (None, None, None),
    ]
    for gemeente, regio, eigen_regio in gevallen:
        zonder = momentopname.gebied_zonder_django(db, gemeente, regio, "x", eigen_regio)
        assert zonder is not None
        assert zonder.segmentatie == gebied_voor(gemeente, regio).segmentatie, (gemeente, regio)
