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


def test_the_tekort_over_the_horizon_separate_and_pooled_by_hand():
    from passend.strategy.budget import budgetrisico, tekort_per_run

    budget = Budget({(2026, "jeugd"): 100, (2026, "wmo"): 15, (2027, "jeugd"): 125})
    per_run = _per_run()
    # Separate budgets. 2026 jeugd over: 0 0 0 5 10; wmo over 15: 0 0 0 0 15;
    # 2027 jeugd over 125: 0 0 0 5 15 (2027 wmo has no budget) -> per run 0 0 0 10 40.
    apart = tekort_per_run([2026, 2027], per_run, budget, ontschot=False)
    np.testing.assert_allclose(apart, [0, 0, 0, 10, 40])
    # Pooled: 2026 (both domains budgeted) total 100 105 110 115 140 against 115 -> 0 0 0 0 25;
    # 2027 has only a jeugd budget, so it stays separate -> 0 0 0 5 15. Per run 0 0 0 5 40.
    samen = tekort_per_run([2026, 2027], per_run, budget, ontschot=True)
    np.testing.assert_allclose(samen, [0, 0, 0, 5, 40])
    r = budgetrisico([2026, 2027], per_run, budget, ontschot=False)
    assert r["budget"] == 240
    assert r["kans_tekort"] == pytest.approx(2 / 5)
    assert r["verwacht_tekort"] == pytest.approx(50 / 5)
    # P95 of (0, 0, 0, 10, 40): 10 + 0.8 x 30 = 34
    assert r["tekort_p95"] == pytest.approx(34)
    assert budgetrisico([2030], per_run, budget, ontschot=False) == {}


def test_a_stored_run_comes_back_identical(invoer):
    from passend.strategy.bewaring import inpakken, uitpakken
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer, vergelijk

    s = Scenario("Tot 23", "x", Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3, ontschot=True))
    r = simuleer(invoer, s, runs=200, seed=5)
    terug = uitpakken(inpakken(r), "2026-12-05T10:00:00+01:00")
    assert terug.berekend_op == "2026-12-05T10:00:00+01:00"
    assert terug.hefbomen == r.hefbomen and terug.segmenten == r.segmenten
    assert terug.jaren == r.jaren and terug.runs == 200 and terug.seed == 5
    for k, v in r.per_run.items():
        np.testing.assert_array_equal(terug.per_run[k], v)
    np.testing.assert_array_equal(terug.kosten, r.kosten)
    assert terug.segmenttabel() == r.segmenttabel()
    assert vergelijk([terug, terug]) == vergelijk([r, r])


def test_a_stored_run_of_another_form_is_refused():
    import io

    from passend.strategy.bewaring import uitpakken

    buffer = io.BytesIO()
    np.savez_compressed(buffer, meta=np.frombuffer(b'{"versie": 0}', dtype=np.uint8))
    with pytest.raises(ValueError, match="oudere versie"):
        uitpakken(buffer.getvalue())


def test_the_providers_result_is_exactly_zero_under_pxq(invoer):
    """P×Q without a ceiling pays every euro of care: no float noise such as € -8."""
    from passend.strategy.scenario import simuleer

    risico = simuleer(invoer, runs=500, seed=3).risicoverdeling()
    assert risico == {"resultaat_aanbieder_p5": 0.0, "verwacht_verlies_aanbieder": 0.0}


def test_the_fan_per_year_holds_the_percentiles_of_the_payments(invoer):
    from passend.strategy.scenario import simuleer

    r = simuleer(invoer, runs=300, seed=8)
    w = {(x["jaar"], x["domein"]): x for x in r.waaier()}
    betaald = r.per_run["betaling_wmo"][:, 1]
    rij = w[(r.jaren[1], "wmo")]
    assert rij["p5"] == pytest.approx(np.percentile(betaald, 5))
    assert rij["p95"] == pytest.approx(np.percentile(betaald, 95))
    assert rij["p5"] < rij["p25"] < rij["p50"] < rij["p75"] < rij["p95"]
    assert len(w) == 3 * len(r.jaren)
