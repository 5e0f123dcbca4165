"""The click groups for the lead to register, run with CliRunner on a Parquet snapshot."""

import json

import pytest
from click.testing import CliRunner

from passend.cli.scenario import scenario
from passend.cli.strategie import strategie


@pytest.fixture(scope="module")
def snapshot(tabellen, tmp_path_factory):
    from passend.bronnen.snapshot import schrijf_snapshot

    return schrijf_snapshot(tmp_path_factory.mktemp("snap") / "relaties", tabellen)


def _json(groep, args):
    uitslag = CliRunner().invoke(groep, [*args, "--json"], catch_exceptions=False)
    assert uitslag.exit_code == 0, uitslag.output
    return json.loads(uitslag.output)


def test_strategie_commands(snapshot):
    modellen = _json(strategie, ["segmentmodellen"])
    assert set(modellen) == {"standaard-7", "voorbeeld-5"}
    assert _json(strategie, ["niet-ingedeeld", "--snapshot", str(snapshot)]) == []
    voorstel = _json(strategie, ["voorstel", "--snapshot", str(snapshot), "--model", "voorbeeld-5"])
    assert [v["kenmerken"]["segment"] for v in voorstel] == ["1", "2", "3", "4", "5", "W02", "W15"]
    assert voorstel[0]["advies"]["procedure"]["redenen"]
    assert len(_json(strategie, ["regels"])) > 30
    monitor = _json(strategie, ["monitor", "--snapshot", str(snapshot)])
    assert {r["jaar"] for r in monitor} == {2023, 2024, 2025}


def test_strategie_document(snapshot, tmp_path):
    uit = _json(
        strategie,
        [
            "document",
            "--snapshot",
            str(snapshot),
            "--ocds",
            str(tmp_path / "ocds.json"),
            "--runs",
            "100",
        ],
    )
    assert json.loads((tmp_path / "ocds.json").read_text())["version"] == "1.1"
    assert uit == {"ocds": str(tmp_path / "ocds.json")}


def test_scenario_commands(snapshot):
    uit = _json(
        scenario,
        [
            "run",
            "--snapshot",
            str(snapshot),
            "--naam",
            "Mix",
            "--doorlopend-tot",
            "21",
            "--doorlopend-pct",
            "50",
            "--demedicalisering",
            "1=10",
            "--verschuiving",
            "4B:4A:20",
            "--bekostiging",
            "2=outputgericht",
            "--plafond-aanbieder",
            "4A=1.0",
            "--indexatie-pct",
            "2,5",
            "--runs",
            "200",
        ],
    )
    assert [r["scenario"] for r in uit["vergelijking"]] == ["Basis", "Mix"]
    # percentages as on the web page: 50 -> 0.5, 10 -> 0.1, 20 -> 0.2, "2,5" -> 0.025
    hefbomen = uit["scenarios"][1]["hefbomen"]
    assert hefbomen["verschuiving"] == [["4B", "4A", 0.2]]
    assert hefbomen["doorlopend_aandeel"] == 0.5 and hefbomen["demedicalisering"] == {"1": 0.1}
    assert hefbomen["indexatie"] == pytest.approx(0.025)
    demo = _json(scenario, ["demo", "--snapshot", str(snapshot), "--runs", "200"])
    assert len(demo["vergelijking"]) == 4
    invoer = _json(scenario, ["invoer", "--snapshot", str(snapshot)])
    assert invoer["basisjaar"] == 2025


def test_bad_lever_is_a_usage_error(snapshot):
    uitslag = CliRunner().invoke(
        scenario, ["run", "--snapshot", str(snapshot), "--bekostiging", "1=gratis"]
    )
    assert uitslag.exit_code == 2 and "Onbekend bekostigingsmodel" in uitslag.output


def test_commands_on_stored_data_refuse_a_snapshot(snapshot):
    """A snapshot holds no stored scenarios: the option is refused, not silently ignored."""
    for args in (["opgeslagen"], ["run", "--bewaar"]):
        uitslag = CliRunner().invoke(scenario, [*args, "--snapshot", str(snapshot)])
        assert uitslag.exit_code == 2, uitslag.output
        assert "zonder --snapshot" in uitslag.output


def test_a_scenario_against_an_entered_budget(snapshot):
    """The overrun chance is measured against the budget the user enters, not against the
    scenario's own median (which gave about 50% for every scenario)."""
    basis = _json(scenario, ["run", "--snapshot", str(snapshot), "--runs", "300"])
    jaar = basis["scenarios"][0]["jaren"][0]
    p50 = next(r for r in basis["scenarios"][0]["jaartabel"] if r["jaar"] == jaar)
    ruim, krap = p50["jeugd_betaling_p50"] * 1.5, p50["jeugd_betaling_p50"] * 0.5
    uit = {}
    for naam, bedrag in (("ruim", ruim), ("krap", krap)):
        uit[naam] = _json(
            scenario,
            [
                "run",
                "--snapshot",
                str(snapshot),
                "--runs",
                "300",
                "--doorlopend-tot",
                "23",
                "--doorlopend-pct",
                "100",
                "--budget",
                f"{jaar}:jeugd={bedrag:.0f}",
            ],
        )["budgettoets"]
    ruim_basis, ruim_eigen = (uit["ruim"][n][0] for n in ("Basis", "Scenario"))
    krap_basis = uit["krap"]["Basis"][0]
    assert (ruim_basis["jaar"], ruim_basis["domein"]) == (jaar, "jeugd")
    assert ruim_basis["kans_overschrijding"] == 0 and krap_basis["kans_overschrijding"] == 1
    assert krap_basis["verwachte_overschrijding"] > 0
    assert ruim_eigen["betaling_p50"] >= ruim_basis["betaling_p50"]  # care to 23 costs more
    fout = CliRunner().invoke(scenario, ["run", "--snapshot", str(snapshot), "--budget", "x"])
    assert fout.exit_code == 2 and "JAAR:DOMEIN=EURO" in fout.output


def test_the_tariff_lever_from_a_sheet(snapshot, tabellen, tmp_path):
    """--tariefblad puts, per segment, the sheet's factor on the declarations of the data's
    last year into the scenario (the same figures tarieffactoren gives on that data)."""
    from passend.analysis.gebied import Gebied
    from passend.analysis.relaties import verbind
    from passend.contracting.tariefblad import lees_blad, tarieffactoren

    con = verbind(tabellen)
    codes = con.execute(
        "SELECT categorie, productcode, eenheid FROM prestatie "
        "WHERE domein = 'jeugd' AND productcode IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC"
    ).fetchall()[:2]
    blad = {
        "producten": [
            {
                "productcategorie": cat,
                "productcode": code,
                "eenheid": eenheid,
                "loonkosten_per_uur": 24.68,
                "productiviteit": 0.8,
                "overhead": 0.2,
                "uren_per_eenheid": 1,
            }
            for cat, code, eenheid in codes
        ]
    }
    pad = tmp_path / "blad.json"
    pad.write_text(json.dumps(blad), encoding="utf-8")
    args = ["run", "--snapshot", str(snapshot), "--tariefblad", str(pad), "--runs", "200"]
    uit = _json(scenario, args)
    hefboom = uit["scenarios"][1]["hefbomen"]["tarieffactor"]
    regels, _deelbaar = lees_blad(blad)
    segmentatie = Gebied.standaard().segmentatie
    (jaar,) = con.execute("SELECT max(year(periode_begin)) FROM prestatie").fetchone()
    verwacht = tarieffactoren(con, regels, jaar, None, segmentatie.segment_van)
    assert hefboom and hefboom == {s: r["factor"] for s, r in verwacht.items() if r["factor"]}
    assert any(f != 1 for f in hefboom.values())  # the sheet's products changed something
