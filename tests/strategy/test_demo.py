"""The demo scenario set on the synthetic region: the four scenarios and their direction."""

import pytest

from passend.analysis.gebied import Gebied
from passend.strategy.demo import demo_scenarios
from passend.strategy.scenario import vergelijk


@pytest.fixture(scope="module")
def resultaten(con):
    return demo_scenarios(con, Gebied.standaard(), runs=1000)


def test_four_named_scenarios(resultaten):
    assert [r.naam for r in resultaten] == [
        "Basis",
        "Doorlopend tot 23",
        "Taakgericht segment 1",
        "Ontschot budget",
    ]


def test_continued_care_moves_cost_to_jeugd(resultaten):
    basis, door, _, _ = vergelijk(resultaten)
    assert door["jeugd_p50"] > basis["jeugd_p50"]
    assert door["wmo_p50"] < basis["wmo_p50"]
    assert door["verschil_p5"] > 0  # more care in every run: youths keep their support


def test_taakgericht_moves_segment_1_risk_to_the_aanbieder(resultaten):
    basis, _, taak, _ = resultaten
    b = {x["segment"]: x for x in basis.segmenttabel()}["1"]
    t = {x["segment"]: x for x in taak.segmenttabel()}["1"]
    assert b["kans_overschrijding"] > 0.3 and t["kans_overschrijding"] == 0
    assert b["resultaat_aanbieder_p5"] == 0 and t["resultaat_aanbieder_p5"] < 0
    assert taak.risicoverdeling()["verwacht_tekort"] < basis.risicoverdeling()["verwacht_tekort"]


def test_pooled_budget_lowers_the_expected_shortfall(resultaten):
    rijen = vergelijk(resultaten)
    assert rijen[3]["verschil_p50"] == 0
    assert rijen[3]["tekort"] < rijen[0]["tekort"]
