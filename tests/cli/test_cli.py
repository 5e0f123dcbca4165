"""The `passend` command as a user runs it, in a subprocess with its own database."""

from __future__ import annotations

import json
import stat
import subprocess
from datetime import date

import pytest

from passend.analysis.kolommen import MONITORSTATUS
from tests import berichten as b

pytestmark = pytest.mark.cli_db


def _berichten(tmp_path):
    k = b.kop("301", "CLI1")
    goed, fout = (
        b.toewijzing(k, 1),
        b.toewijzing(k, 2, ingang=date(2024, 5, 1), eind=date(2024, 4, 1)),
    )
    return b.schrijf(tmp_path, "jw301.xml", b.toewijzingbericht(k, [goed, fout]))


def test_import_json_summary_and_quarantine_commands(cli_omgeving, tmp_path):
    pad = _berichten(tmp_path)
    uit = json.loads(cli_omgeving.passend("import", str(pad), "--json").stdout)
    assert {"accepted", "quarantined", "by_type"} <= set(uit)
    assert (uit["accepted"], uit["quarantined"]) == (1, 1)
    assert uit["by_type"]["JW301"] == {"berichten": 1, "accepted": 1, "quarantined": 1}

    lijst = json.loads(cli_omgeving.passend("quarantine", "list", "--json").stdout)
    assert [r["regel"] for r in lijst] == ["DATUMVOLGORDE"]
    detail = cli_omgeving.passend("quarantine", "show", str(lijst[0]["id"])).stdout
    assert "ToegewezenProduct[2]/Einddatum" in detail and "ligt vóór de ingangsdatum" in detail

    tweede = json.loads(cli_omgeving.passend("import", str(pad), "--json").stdout)
    assert tweede["al_geimporteerd"] and tweede["accepted"] == 0


def test_import_table_output_and_status(cli_omgeving, tmp_path):
    uit = cli_omgeving.passend("import", str(_berichten(tmp_path))).stdout
    assert "JW301" in uit and "Quarantaine" in uit and "passend quarantine list" in uit
    status = json.loads(cli_omgeving.passend("status", "--json").stdout)
    assert status["gemeenten"][0]["naam"] == "Dordrecht"
    assert status["totaal"]["toewijzingen"] == 1


def test_exit_codes(cli_omgeving, tmp_path):
    # An import that quarantines records still ran: exit 0.
    assert cli_omgeving.passend("import", str(_berichten(tmp_path))).returncode == 0
    # An unusable invocation is not 0.
    assert (
        cli_omgeving.passend("import", str(tmp_path / "bestaat-niet"), check=False).returncode == 2
    )
    assert cli_omgeving.passend("import", check=False).returncode == 2
    assert cli_omgeving.passend("quarantine", "show", "999", check=False).returncode == 2


def test_pseudonymisation_key_file_is_private(cli_omgeving, tmp_path):
    cli_omgeving.env.pop("PASSEND_PSEUDONYM_KEY")
    cli_omgeving.passend("import", str(_berichten(tmp_path)))
    sleutel = cli_omgeving.data_dir / "pseudoniem.key"
    assert stat.S_IMODE(sleutel.stat().st_mode) == 0o600
    assert len(bytes.fromhex(sleutel.read_text())) == 32


@pytest.mark.slow
def test_strategy_and_saved_scenarios_on_the_database(cli_omgeving):
    """The strategy commands read the imported data from the database (no snapshot), and a
    scenario run with --bewaar lands next to the demo set."""
    cli_omgeving.passend("demo", "--schaal", "klein", timeout=900)
    # As after every import, the analysis snapshot of the data version is ready.
    assert [p.name for p in (cli_omgeving.data_dir / "snapshot").iterdir()]
    regio = "Zuid-Holland Zuid"
    voorstel = json.loads(
        cli_omgeving.passend("strategie", "voorstel", "--regio", regio, "--json").stdout
    )
    assert voorstel[0]["kenmerken"]["segment"] == "1"
    assert voorstel[0]["advies"]["procedure"]["redenen"]
    # the demo stored the example ambitions, so the raadsrapportage has a monitor
    raad = json.loads(
        cli_omgeving.passend("rapport", "raad", "--regio", regio, "--jaar", "2025").stdout
    )
    assert [s["titel"] for s in raad["secties"]][-1] == "Commitmentmonitor"
    monitor = raad["secties"][-1]["tabellen"][0][3]
    assert len(monitor) == 5 and {r["status"] for r in monitor} <= set(MONITORSTATUS)
    pdf = cli_omgeving.data_dir / "council.pdf"
    cli_omgeving.passend(
        "rapport", "raad", "--regio", regio, "--jaar", "2025", "--taal", "en", "--pdf", str(pdf)
    )
    tekst = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Council report youth care and Wmo 16–27, 2025" in tekst
    assert "5. Commitment monitor" in tekst and "Commitmentmonitor" not in tekst
    uit = json.loads(
        cli_omgeving.passend(
            "scenario",
            "run",
            "--regio",
            regio,
            "--naam",
            "Tot 21 voor de helft",
            "--doorlopend-tot",
            "21",
            "--doorlopend-pct",
            "50",
            "--runs",
            "200",
            "--bewaar",
            "--json",
        ).stdout
    )
    # Without --budget the run is tested against the budget the demo entered for the region.
    assert uit["budgettoets"]["Tot 21 voor de helft"]
    assert 0 <= uit["vergelijking"][1]["risico"]["kans_tekort"] <= 1
    bewaard = json.loads(
        cli_omgeving.passend("scenario", "opgeslagen", "--regio", regio, "--json").stdout
    )
    namen = [r["scenario"] for r in bewaard]
    assert set(namen) == {
        "Basis",
        "Doorlopend tot 23",
        "Taakgericht segment 1",
        "Ontschot budget",
        "Tot 21 voor de helft",
    }
    eigen = next(r for r in bewaard if r["scenario"] == "Tot 21 voor de helft")
    berekend = next(r for r in uit["vergelijking"] if r["scenario"] == "Tot 21 voor de helft")
    assert eigen["totaal_p50"] == pytest.approx(berekend["totaal_p50"], rel=0.02)
    assert (
        json.loads(
            cli_omgeving.passend("scenario", "opgeslagen", "--regio", "Twente", "--json").stdout
        )
        == []
    )
    elders = cli_omgeving.passend("scenario", "opgeslagen", "--regio", "Elders", check=False)
    assert elders.returncode == 2 and "onbekende jeugdregio 'Elders'" in elders.stderr
    vijf = json.loads(
        cli_omgeving.passend(
            "analyse", "markt", "--regio", regio, "--model", "voorbeeld-5", "--json"
        ).stdout
    )
    assert {"1", "2", "3", "4", "5"} <= {r["segment"] for r in vijf["segmenten"]}
    assert "4A" not in {r["segment"] for r in vijf["segmenten"]}
    fout = cli_omgeving.passend("analyse", "markt", "--model", "onbekend", check=False)
    assert fout.returncode == 2 and "Onbekend segmentmodel" in fout.stderr
    _demoregister(cli_omgeving, regio)


def _demoregister(cli_omgeving, regio: str) -> None:
    """The demo imports its contract register; the check finds the deliberate findings
    (passend.demo.contracten) and only those kinds."""
    peil = ("--peildatum", "2026-12-05", "--json")
    register = json.loads(cli_omgeving.passend("contract", "lijst", "--regio", regio, *peil).stdout)
    consortium = [r for r in register["contracten"] if r["segment"] == "1"]
    assert len(consortium) == 1 and consortium[0]["onderaannemers"]
    assert consortium[0]["bestedingsruimte_cent"]["2025"] > 0
    aflopend = {r["contractnummer"] for r in register["contracten"] if r["waarschuwingen"]}
    controle = json.loads(
        cli_omgeving.passend(
            "contract", "controle", "--regio", regio, "--jaar", "2025", *peil
        ).stdout
    )
    assert {r["contractnummer"] for r in controle["aflopend"]} == aflopend
    assert {r["segment"] for r in controle["aflopend"]} == {"5"}
    per = {r["naam"].split()[0]: r for r in controle["per_aanbieder"]}
    assert per["Praktijk"]["declaratie_geen_contract"] > 0
    assert per["Jeugd-ggz"]["declaratie_tarief_afwijkend"] > 0
    assert per["Jeugd-ggz"]["tariefverschil_cent"] != 0
    assert {r["aanbieder"] for r in controle["tarieven"]} == {per["Jeugd-ggz"]["aanbieder"]}
    _demomonitor(cli_omgeving, regio)
    _demo_uitkomsten(cli_omgeving, regio)


def _demo_uitkomsten(cli_omgeving, regio: str) -> None:
    """The demo's clients' judgements reach the provider results, and its ZRM scores the
    report zelfredzaamheid, each consistent with its definition."""
    uit = json.loads(
        cli_omgeving.passend(
            "monitor", "aanbieders", "--jaar", "2025", "--regio", regio, "--json"
        ).stdout
    )
    gemeten = [r for r in uit["aanbieders"] if r["tevredenheid_gemeten"]]
    assert gemeten and all(3 <= r["tevredenheid_gemiddeld"] <= 10 for r in gemeten)
    for r in uit["aanbieders"]:
        assert r["tevredenheid_gemeten"] <= r["afgesloten"]
        assert r["zonder_hulp_verder"] <= r["zonder_hulp_gemeten"] <= r["afgesloten"]
    zrm = json.loads(
        cli_omgeving.passend(
            "analyse", "zelfredzaamheid", "--jaar", "2025", "--regio", regio, "--json"
        ).stdout
    )
    domeinen = zrm["zrm_per_domein"]
    assert len(domeinen) == 13 and sum(r["gemeten"] for r in domeinen) > 50
    for r in domeinen:
        assert r["verbeterd"] + r["gelijk"] + r["verslechterd"] == r["gemeten"]
    assert sum(r["gemeten"] for r in zrm["zrm_per_aanbieder"]) > 0


def _bestedingsruimte(cli_omgeving, regio: str, peildatum: str) -> dict:
    return json.loads(
        cli_omgeving.passend(
            "monitor",
            "bestedingsruimte",
            "--jaar",
            "2025",
            "--peildatum",
            peildatum,
            "--regio",
            regio,
            "--json",
        ).stdout
    )


def _demomonitor(cli_omgeving, regio: str) -> None:
    """On 30 June the demo's tight contract (a Jeugd-ggz aanbieder's, passend.demo.contracten)
    has passed 70%; every figure is consistent with its definition."""
    uit = _bestedingsruimte(cli_omgeving, regio, "2025-06-30")
    assert uit["jaar"] == 2025 and uit["peildatum"] == "2025-06-30"
    krap = [r for r in uit["contracten"] if r["signaal_70"]]  # the designed one, no other
    assert len(krap) == 1 and krap[0]["naam"].startswith("Jeugd-ggz")
    assert 0.70 <= krap[0]["benutting"] < 0.80
    for r in uit["contracten"]:
        assert r["benutting"] == round(r["gedeclareerd_cent"] / r["bestedingsruimte_cent"], 4)
        assert r["signaal_70"] == (r["benutting"] >= 0.70)
        # lineair: 181 days of 365 up to 30 June
        assert abs(r["prognose_lineair_cent"] - r["gedeclareerd_cent"] * 365 / 181) <= 0.5
        assert r["prognose_verplichtingen_cent"] >= r["gedeclareerd_cent"]
        # the tight contract's cliëntenstop begins on 1 July: nothing yet on 30 June
        assert r["clientenstop_sinds"] is None and r["instroom_tijdens_stop"] == 0
    # On 31 December the stop runs; the toewijzingen that began under it are counted
    eind = _bestedingsruimte(cli_omgeving, regio, "2025-12-31")
    gestopt = [r for r in eind["contracten"] if r["clientenstop_sinds"]]
    assert [r["contractnummer"] for r in gestopt] == [krap[0]["contractnummer"]]
    assert gestopt[0]["clientenstop_sinds"] == "2025-07-01"
    assert isinstance(gestopt[0]["instroom_tijdens_stop"], int)
    assert all(r["instroom_tijdens_stop"] == 0 for r in eind["contracten"] if r not in gestopt)
    fout = cli_omgeving.passend(
        "monitor",
        "bestedingsruimte",
        "--jaar",
        "2025",
        "--peildatum",
        "2024-06-30",
        check=False,
    )
    assert fout.returncode == 2 and "ligt niet in 2025" in fout.stderr


def _klein_aantal(waarde) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool) and 1 <= waarde <= 4


def test_public_market_report_has_no_small_counts(cli_omgeving, tmp_path):
    """`--publiek` suppresses every table of the report, not only the transition summary;
    the client-level case list is refused with it (a usage error, exit code 2)."""
    from passend.analysis.openbaar import ONDERDRUKKINGSREGELS
    from tests.analysis.berichtenset import Berichtenset
    from tests.analysis.scenarios import SCENARIOS

    berichten = Berichtenset(tmp_path / "markt")
    SCENARIOS["markt"](berichten)
    cli_omgeving.passend("import", str(berichten.map), "--json")
    rauw = json.loads(cli_omgeving.passend("analyse", "markt", "--jaar", "2024", "--json").stdout)
    assert any(_klein_aantal(r["clienten"]) for r in rauw["segmenten"])  # the test has teeth
    uit = json.loads(
        cli_omgeving.passend("analyse", "markt", "--jaar", "2024", "--publiek", "--json").stdout
    )
    assert uit["dekking"]["jaar"] == 2024 and isinstance(uit["dekking"]["volledig"], bool)
    for tabel, rijen in uit.items():
        regel = ONDERDRUKKINGSREGELS["markt"][tabel]
        for rij in [rijen] if isinstance(rijen, dict) else rijen:
            assert not any(_klein_aantal(rij.get(k)) for k in regel.aantallen), (tabel, rij)
    assert any(r["clienten"] == "<5" for r in uit["segmenten"])

    fout = cli_omgeving.passend(
        "analyse", "transitie", "--jaar", "2024", "--publiek", "--gevallen", check=False
    )
    assert fout.returncode == 2
    assert "kan niet samen met --publiek" in fout.stderr
    # A year outside the data is refused (exit 2), in words, never an empty report.
    buiten = cli_omgeving.passend("analyse", "markt", "--jaar", "2030", check=False)
    assert buiten.returncode == 2 and "2030 valt buiten de gegevens" in buiten.stderr
