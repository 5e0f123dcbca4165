"""The analysis benchmark compares like with like: on small synthetic data, every analysis
gives the same figures as the hand-written SQL it is timed against, growth included."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from passend.analysis.gebied import Gebied

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "analysis_bench.py"


def _laad() -> ModuleType:
    spec = importlib.util.spec_from_file_location("analysis_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["analysis_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[ModuleType, Path, dict[str, Any]]:
    module = _laad()
    map_ = tmp_path_factory.mktemp("bench")
    module.genereer(map_, 20_000, 300_000)
    bestand = map_ / "analyse.duckdb"
    module.schrijf(map_, bestand)
    return module, bestand, module.meet(bestand, rondes=1)


def test_each_analysis_agrees_with_its_hand_written_sql(bench):
    _, _, meting = bench
    vergelijking = meting["tegen_handgeschreven_sql"]
    assert set(vergelijking) == {"transitie", "wmo_instroom", "markt_segmenten"}
    for naam, v in vergelijking.items():
        assert v["zelfde_uitkomst"], naam
        assert v["analyse_seconden"] > 0 and v["handgeschreven_sql_seconden"] > 0
    assert meting["transitie"]["cohort"] > 100
    assert meting["transitie"]["naar_wmo"] > 0


def test_the_hand_queries_give_every_figure_they_are_checked_on(bench):
    module, bestand, _ = bench
    for naam, (analyse, sqls, gelijk) in module.vergelijkingen(Gebied.standaard()).items():
        eigen, _ = module._los(bestand, analyse)
        hand, _ = module._hand(bestand, sqls)
        assert all(hand) and gelijk(eigen, hand), naam
        if naam == "markt_segmenten":  # growth is compared, and not only as None
            assert any(r["groei_bedrag"] is not None for r in hand[0])
            assert any(r["groei_clienten"] is not None for r in hand[0])
        if naam == "wmo_instroom":  # every categorie and the total
            assert len(hand[0]) > 2 and any(r["productcategorie"] == "totaal" for r in hand[0])


def test_a_wrong_figure_is_noticed(bench):
    module, bestand, _ = bench
    _, sqls, gelijk = module.vergelijkingen(Gebied.standaard())["markt_segmenten"]
    hand, _ = module._hand(bestand, sqls)
    eigen = [dict(r) for r in hand[0]]
    eigen[0]["hhi"] += 1.0
    assert not gelijk(eigen, hand)
