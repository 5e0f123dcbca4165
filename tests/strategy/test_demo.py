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
    # Against the planning figure the lump sum is set from: P×Q overshoots it in about half
    # of the runs, a taakgericht lump sum never (it is also the ceiling).
    assert b["kans_boven_planning"] > 0.3 and t["kans_boven_planning"] == 0
    assert b["resultaat_aanbieder_p5"] == 0 and t["resultaat_aanbieder_p5"] < 0
    budget = _budget_van(basis)
    assert (
        taak.risicoverdeling(budget)["verwacht_tekort"]
        < basis.risicoverdeling(budget)["verwacht_tekort"]
    )


def _budget_van(r):
    """One fixed budget for every scenario: the baseline's median payment per year and domain."""
    from passend.strategy.budget import Budget

    return Budget(
        {(w["jaar"], w["domein"]): w["p50"] for w in r.waaier() if w["domein"] != "totaal"}
    )


def test_pooled_budget_lowers_the_expected_shortfall(resultaten):
    rijen = vergelijk(resultaten, budget=_budget_van(resultaten[0]))
    assert rijen[3]["verschil_p50"] == 0
    assert rijen[3]["risico"]["verwacht_tekort"] < rijen[0]["risico"]["verwacht_tekort"]
    assert rijen[3]["risico"]["kans_tekort"] < rijen[0]["risico"]["kans_tekort"]
