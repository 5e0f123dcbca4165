"""A scenario against a real budget, computed by hand on a handful of runs."""

from __future__ import annotations

import numpy as np
import pytest

from passend.strategy.budget import Budget, budgettoets


def _per_run():
    # 5 runs, 2 years; payments in euro per domain.
    jeugd = np.array([[90, 100], [95, 110], [100, 120], [105, 130], [110, 140]], dtype=float)
    wmo = np.array([[10, 20], [10, 20], [10, 20], [10, 20], [30, 20]], dtype=float)
    return {"betaling_jeugd": jeugd, "betaling_wmo": wmo, "betaling_totaal": jeugd + wmo}


def test_overrun_chance_and_size_against_the_entered_budget():
    budget = Budget({(2026, "jeugd"): 100, (2026, "wmo"): 15, (2027, "jeugd"): 125})
    rijen = {(r["jaar"], r["domein"]): r for r in budgettoets([2026, 2027], _per_run(), budget)}
    assert set(rijen) == {(2026, "jeugd"), (2026, "wmo"), (2026, "totaal"), (2027, "jeugd")}
    j = rijen[(2026, "jeugd")]
    # payments 90 95 100 105 110 against 100: two runs over (105, 110), by 5 and 10
    assert j["kans_overschrijding"] == pytest.approx(2 / 5)
    assert j["verwachte_overschrijding"] == pytest.approx((5 + 10) / 5)
    assert j["betaling_p50"] == pytest.approx(100)
    # P95 of (-10, -5, 0, 5, 10) with linear interpolation: 5 + 0.8 x 5 = 9
    assert j["overschrijding_p95"] == pytest.approx(9)
    w = rijen[(2026, "wmo")]
    assert w["kans_overschrijding"] == pytest.approx(1 / 5)  # only the run of 30
    assert w["verwachte_overschrijding"] == pytest.approx(15 / 5)
    # pooled: 100 95+10 ... against 115: payments 100 105 110 115 140 -> one run over by 25
    s = rijen[(2026, "totaal")]
    assert s["budget"] == 115 and s["kans_overschrijding"] == pytest.approx(1 / 5)
    assert s["verwachte_overschrijding"] == pytest.approx(25 / 5)
    # 2027: 100 110 120 130 140 against 125: 130 and 140 are over
    assert rijen[(2027, "jeugd")]["kans_overschrijding"] == pytest.approx(2 / 5)


def test_a_more_expensive_scenario_has_a_higher_overrun_chance_not_always_half():
    budget = Budget({(2026, "jeugd"): 100, (2027, "jeugd"): 100})
    goedkoop = budgettoets([2026, 2027], _per_run(), budget)
    duur_per_run = {k: v + 20 for k, v in _per_run().items()}
    duur = budgettoets([2026, 2027], duur_per_run, budget)
    for a, b in zip(goedkoop, duur, strict=True):
        assert b["kans_overschrijding"] > a["kans_overschrijding"] or b["kans_overschrijding"] == 1


def test_a_budget_must_be_for_a_domain_and_not_negative():
    with pytest.raises(ValueError, match="jeugd of wmo"):
        Budget({(2026, "totaal"): 10})
    with pytest.raises(ValueError, match="negatief"):
        Budget({(2026, "wmo"): -1})
