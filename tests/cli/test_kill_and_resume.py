"""An import killed with SIGKILL halfway leaves a consistent database; running it again
completes it, and the end state equals that of one uninterrupted import."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from tests import berichten as b
from tests.cli_support import maak_cli_omgeving, vingerafdruk

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]

AANTAL_BERICHTEN = 400


def _veel_berichten(map_):
    map_.mkdir()
    for i in range(AANTAL_BERICHTEN // 2):
        bsn = _bsn(i)
        c = b.client(bsn, date(2006, 1, 1 + i % 28))
        k = b.kop("301", f"K{i}")
        toewijzingen = [b.toewijzing(k, i * 10 + j, c=c) for j in range(3)]
        b.schrijf(map_, f"{i:04d}_301.xml", b.toewijzingbericht(k, toewijzingen))
        regels = [(f"R{i}-{j}", 2, 9000, 18000, "D") for j in range(40)]
        b.schrijf(
            map_, f"{i:04d}_323.xml", b.declaratie(b.kop("323", f"D{i}"), f"DEC{i}", regels, c=c)
        )
    return map_


def _bsn(i: int) -> str:
    basis = f"{100000 + i:06d}"
    for staart in range(1000):
        kandidaat = basis + f"{staart:03d}"
        totaal = sum(int(kandidaat[n]) * (9 - n) for n in range(8)) - int(kandidaat[8])
        if totaal % 11 == 0 and totaal:
            return kandidaat
    raise AssertionError("no valid BSN")


TABELLEN = {
    "care_client": "pseudoniem, geboortedatum",
    "care_toewijzing": "sleutel, einddatum, volume",
    "care_prestatie": "sleutel, bedrag, debet_credit",
    "care_declaratie": "sleutel, totaal_bedrag",
    "imports_verwerktbericht": "inhoud_hash, geaccepteerd, quarantaine",
}


def _vingerafdruk(omgeving) -> dict[str, tuple[int, str]]:
    return vingerafdruk(omgeving, TABELLEN)


def _aantal_verwerkt(omgeving) -> int:
    try:
        return omgeving.sql("SELECT COUNT(*) FROM imports_verwerktbericht")[0][0]
    except Exception:  # table not created yet
        return 0


def test_sigkill_halfway_then_resume(cli_omgeving, tmp_path):
    invoer = _veel_berichten(tmp_path / "berichten")
    cli_omgeving.passend("status")  # migrate first, so the kill lands inside the import
    # Small groups, so that several commits happen before the kill.
    cli_omgeving.env["PASSEND_IMPORT_BERICHTEN_PER_TRANSACTIE"] = "10"
    proces = subprocess.Popen(
        [sys.executable, "-m", "passend.cli", "import", str(invoer)],
        env=cli_omgeving.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while _aantal_verwerkt(cli_omgeving) < AANTAL_BERICHTEN // 4:
        assert proces.poll() is None, "import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proces.send_signal(signal.SIGKILL)
    proces.wait()

    half = _aantal_verwerkt(cli_omgeving)
    assert 0 < half < AANTAL_BERICHTEN
    assert cli_omgeving.sql("SELECT status FROM imports_importbatch") == [("bezig",)]
    if cli_omgeving.database_url is None:
        assert cli_omgeving.sql("PRAGMA integrity_check") == [("ok",)]
    # Consistent: every ledgered message has all of its records, nothing else is there.
    assert (
        cli_omgeving.sql("SELECT COUNT(*) FROM care_prestatie")[0][0]
        == cli_omgeving.sql(
            "SELECT COALESCE(SUM(geaccepteerd), 0) FROM imports_verwerktbericht "
            "WHERE berichttype = 'JW323'"
        )[0][0]
    )

    cli_omgeving.passend("import", str(invoer))
    assert cli_omgeving.sql("SELECT status FROM imports_importbatch") == [("voltooid",)]
    na_herstel = _vingerafdruk(cli_omgeving)
    assert na_herstel["imports_verwerktbericht"][0] == AANTAL_BERICHTEN
    assert na_herstel["care_prestatie"][0] == AANTAL_BERICHTEN // 2 * 40

    schoon = maak_cli_omgeving(tmp_path / "schoon")
    schoon.passend("import", str(invoer))
    assert _vingerafdruk(schoon) == na_herstel


def _grote_declaratie(map_, aantal: int):
    """One JW323 with `aantal` prestaties: larger than one write round."""
    map_.mkdir()
    c = b.client(_bsn(1), date(2006, 1, 1))
    regels = [(f"G{j}", 2, 9000, 18000, "D") for j in range(aantal)]
    b.schrijf(map_, "groot_323.xml", b.declaratie(b.kop("323", "GROOT"), "DECG", regels, c=c))
    k = b.kop("301", "KLEIN")
    b.schrijf(map_, "klein_301.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1, c=c)]))
    return map_


def test_sigkill_inside_a_message_written_over_several_rounds(cli_omgeving, tmp_path):
    """A message larger than a round is written in parts; killed between two parts, the
    database is consistent (its ledger row says how many records are in and that it is
    unfinished), and the next run completes it without duplicates or lost records."""
    aantal = 12_000
    invoer = _grote_declaratie(tmp_path / "groot", aantal)
    cli_omgeving.passend("status")
    cli_omgeving.env["PASSEND_IMPORT_RECORDS_PER_RONDE"] = "500"
    proces = subprocess.Popen(
        [sys.executable, "-m", "passend.cli", "import", str(invoer)],
        env=cli_omgeving.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300

    def deels_binnen() -> int:
        try:
            rijen = cli_omgeving.sql(
                "SELECT geaccepteerd FROM imports_verwerktbericht "
                "WHERE berichttype = 'JW323' AND NOT voltooid"
            )
        except Exception:  # table not created yet
            return 0
        return rijen[0][0] if rijen else 0

    while deels_binnen() < aantal // 4:
        assert proces.poll() is None, "import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proces.send_signal(signal.SIGKILL)
    proces.wait()

    ((binnen, voltooid),) = cli_omgeving.sql(
        "SELECT geaccepteerd, voltooid FROM imports_verwerktbericht WHERE berichttype = 'JW323'"
    )
    assert not voltooid and 0 < binnen < aantal
    assert cli_omgeving.sql("SELECT COUNT(*) FROM care_prestatie")[0][0] == binnen

    uit = json.loads(cli_omgeving.passend("import", str(invoer), "--json").stdout)
    assert uit["quarantined"] == 0, uit
    na_herstel = _vingerafdruk(cli_omgeving)
    assert na_herstel["care_prestatie"][0] == aantal
    assert cli_omgeving.sql("SELECT COUNT(*) FROM imports_quarantinerecord")[0][0] == 0

    schoon = maak_cli_omgeving(tmp_path / "schoon")
    schoon.passend("import", str(invoer))
    assert _vingerafdruk(schoon) == na_herstel
