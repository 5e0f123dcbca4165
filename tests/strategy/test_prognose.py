"""The cohort-component forecast and the levers against hand computations (runs=0 gives the
point forecast: every rate at its estimate)."""

import numpy as np
import pytest

from passend.strategy.scenario import (
    LEEFTIJDEN,
    Hefbomen,
    Scenario,
    ScenarioInvoer,
    SegmentInfo,
    projecteer_bevolking,
    simuleer,
)

A = LEEFTIJDEN


def test_population_projection_by_cohort_component():
    # Two observed years, three ages. Ratios r[a] = P[y+1, a+1] / P[y, a]:
    # r[0] = 90/100 = 0.9, r[1] = 100/100 = 1.0; births = mean(100, 110) = 105.
    historie = np.array([[100.0, 100.0, 100.0], [110.0, 90.0, 100.0]])
    uit = projecteer_bevolking(historie, 2)
    np.testing.assert_allclose(uit[0], [110, 90, 100])
    # year +1: [105, 110 * 0.9, 90 * 1.0] = [105, 99, 90]
    np.testing.assert_allclose(uit[1], [105, 99, 90])
    # year +2: [105, 105 * 0.9, 99 * 1.0] = [105, 94.5, 99]
    np.testing.assert_allclose(uit[2], [105, 94.5, 99])


def _invoer(jaren: int = 3) -> ScenarioInvoer:
    """One jeugd segment J and one Wmo segment W, 1,000 inhabitants at every age.

    J: incidence 10/1000 = 0.01 at ages 15-17; continuation 0.5 at 15 and 16, 0.2 at 17;
       20 clients at 15, 16 and 17 in the base year; EUR 1,000 per client-year.
    W: incidence 0.02 at 18-20; continuation 0.5 at 18 and 19; 30 clients at 18-20;
       EUR 500 per client-year. Of the 18-cohort from J, 5 of 10 went to the Wmo (q = 0.5).
    """
    s, vorm = 2, (1, 2, A)
    instroom, blootstelling = np.zeros(vorm), np.full(vorm, 1000.0)
    vervolg, risico, start = np.zeros(vorm), np.zeros(vorm), np.zeros(vorm)
    instroom[0, 0, 15:18] = 10
    instroom[0, 1, 18:21] = 20
    risico[0, 0, 15:18] = 100
    vervolg[0, 0, 15:17] = 50
    vervolg[0, 0, 17] = 20
    risico[0, 1, 18:20] = 100
    vervolg[0, 1, 18:20] = 50
    start[0, 0, 15:18] = 20
    start[0, 1, 18:21] = 30
    return ScenarioInvoer(
        basisjaar=2025,
        jaren=tuple(range(2026, 2026 + jaren)),
        segmenten=(SegmentInfo("J", "Jeugd", "jeugd"), SegmentInfo("W", "Wmo", "wmo")),
        gebieden=("test",),
        bevolking=np.full((jaren + 1, 1, A), 1000.0),
        start=start,
        instroom=instroom,
        blootstelling=blootstelling,
        vervolg=vervolg,
        risico=risico,
        kosten_per_client=np.array([[1000.0, 500.0]]),
        kosten_cv=np.zeros((1, s)),
        kosten_n=np.full((1, s), 100.0),
        naar_wmo=np.array([[5.0, 0.0]]),
        cohort=np.array([[10.0, 0.0]]),
        wmo_gewicht=np.array([[0.0, 1.0]]),
    )


def _clienten(r, s: int) -> list[float]:
    return [float(x) for x in r.clienten[r.p(50), :, 0, s]]


def test_demand_forecast_matches_hand_computation():
    r = simuleer(_invoer(), runs=0)
    # N[t, a] = 1000 * λ[a] + N[t-1, a-1] * p[a-1]
    # t=1: a15 = 10; a16 = 10 + 20*.5 = 20; a17 = 10 + 20*.5 = 20; a18 = 20*.2 = 4 -> 54
    # t=2: a15 = 10; a16 = 10 + 10*.5 = 15; a17 = 10 + 20*.5 = 20; a18 = 20*.2 = 4 -> 49
    # t=3: a15 = 10; a16 = 15; a17 = 10 + 15*.5 = 17.5; a18 = 20*.2 = 4 -> 46.5
    assert _clienten(r, 0) == pytest.approx([54, 49, 46.5])
    # Wmo: t=1: 20 + (20 + 30*.5) + (20 + 30*.5) = 90; t=2: 20 + 30 + 37.5 = 87.5;
    # t=3: 20 + 30 + 35 = 85
    assert _clienten(r, 1) == pytest.approx([90, 87.5, 85])
    # cost = clients x cost per client
    np.testing.assert_allclose(r.kosten[r.p(50), :, 0, 0], [54_000, 49_000, 46_500])
    np.testing.assert_allclose(r.kosten[r.p(50), :, 0, 1], [45_000, 43_750, 42_500])
    # age bands: at t=1 the 4 clients aged 18 are in band 18-22, the other 50 in 12-15/16-17.
    np.testing.assert_allclose(r.clienten_band[r.p(50), 0, 0], [0, 10, 40, 4, 0])


def test_continued_care_shifts_cost_from_wmo_to_jeugd():
    h = Hefbomen(doorlopend_tot=21, doorlopend_aandeel=0.5)
    r = simuleer(_invoer(), Scenario("Doorlopend", "", h), runs=0)
    # Of those who would leave J at 18, half stay and continue with p(16) = 0.5 until 21.
    # t=1: stay = 20 * (1 - .2) * .5 = 8 at 18                        extra 8  -> J 54 + 8
    # t=2: 8 new at 18; 8 * .5 = 4 at 19                              extra 12 -> J 49 + 12
    # t=3: 8 at 18; 4 at 19; 4 * .5 = 2 at 20                          extra 14 -> J 46.5 + 14
    assert _clienten(r, 0) == pytest.approx([62, 61, 60.5])
    # Wmo inflow change (q = 0.5): at 18 -8 * .5 = -4 every year; leavers of the extra stock
    # enter at their age: t=2: 8 * .5 * .5 = 2 at 19; t=3: 2 at 19 and 4 * .5 * .5 = 1 at 20.
    # The change keeps Wmo's own continuation: t=2: -4*.5 = -2 moves to 19 (2 - 2 = 0);
    # t=3: -2 to 19 again (0), 0 to 20 (+1).  ΔW = [-4, -4, -3].
    assert _clienten(r, 1) == pytest.approx([86, 83.5, 82])


def test_demedicalisation_indexation_and_shift():
    inv = _invoer()
    h = Hefbomen(demedicalisering={"J": 0.1}, indexatie=0.02)
    r = simuleer(inv, Scenario("x", "", h), runs=0)
    # cost t = clients * 1000 * 0.9 * 1.02^t
    np.testing.assert_allclose(
        r.kosten[r.p(50), :, 0, 0], [54 * 900 * 1.02, 49 * 900 * 1.02**2, 46.5 * 900 * 1.02**3]
    )
    # shift 25% of J's clients to W: J 54 * .75 = 40.5, W 90 + 13.5 = 103.5 (at W's cost)
    r = simuleer(inv, Scenario("y", "", Hefbomen(verschuiving=(("J", "W", 0.25),))), runs=0)
    assert _clienten(r, 0)[0] == pytest.approx(40.5)
    assert _clienten(r, 1)[0] == pytest.approx(103.5)
    assert r.kosten[r.p(50), 0, 0, 1] == pytest.approx(103.5 * 500)


def test_the_tariff_lever_scales_a_segments_cost_not_its_clients():
    """A tariff factor of 0.6 on J: J's cost is 0.6 × clients × 1000, its clients and W
    unchanged; a factor outside (0, 10] is refused."""
    inv = _invoer()
    basis = simuleer(inv, runs=0)
    r = simuleer(inv, Scenario("t", "", Hefbomen(tarieffactor={"J": 0.6})), runs=0)
    assert _clienten(r, 0) == pytest.approx(_clienten(basis, 0))
    np.testing.assert_allclose(r.kosten[r.p(50), :, 0, 0], [54 * 600, 49 * 600, 46.5 * 600])
    np.testing.assert_allclose(r.kosten[r.p(50), :, 0, 1], basis.kosten[basis.p(50), :, 0, 1])
    with pytest.raises(ValueError, match="tarieffactor"):
        Hefbomen(tarieffactor={"J": 0})


def test_funding_model_in_the_engine():
    h = Hefbomen(bekostiging={"J": "taakgericht"})
    r = simuleer(_invoer(), Scenario("t", "", h), runs=500, seed=3)
    tabel = {x["segment"]: x for x in r.segmenttabel()}
    assert tabel["J"]["kans_boven_planning"] == 0  # the lumpsum is also the ceiling
    assert tabel["J"]["resultaat_aanbieder_p5"] < 0  # the aanbieder carries bad years
    assert tabel["W"]["kans_boven_planning"] == pytest.approx(0.5, abs=0.06)  # P×Q


def test_levers_are_validated():
    with pytest.raises(ValueError):
        Hefbomen(doorlopend_tot=30, doorlopend_aandeel=0.3)
    with pytest.raises(ValueError):
        Hefbomen(doorlopend_aandeel=1.5)
    with pytest.raises(ValueError):
        Hefbomen(bekostiging={"J": "gratis"})
    h = Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3, verschuiving=(("4B", "4A", 0.2),))
    assert Hefbomen.uit_dict(h.als_dict()) == h
