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
            "--doorlopend-aandeel",
            "0.5",
            "--demedicalisering",
            "1=0.1",
            "--verschuiving",
            "4B:4A:0.2",
            "--bekostiging",
            "2=outputgericht",
            "--plafond-aanbieder",
            "4A=1.0",
            "--indexatie",
            "0.02",
            "--runs",
            "200",
        ],
    )
    assert [r["scenario"] for r in uit["vergelijking"]] == ["Basis", "Mix"]
    assert uit["scenarios"][1]["hefbomen"]["verschuiving"] == [["4B", "4A", 0.2]]
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
