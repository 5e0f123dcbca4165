"""Funding-model arithmetic against hand computations."""

import numpy as np
import pytest

from passend.strategy import bekostiging as bek

# Three runs x two years of care cost; the median per year (the budget) is [200, 300].
KOSTEN = np.array([[100.0, 200.0], [300.0, 400.0], [200.0, 300.0]])
BEGROTING = np.array([200.0, 300.0])


def test_begroting_is_the_median_forecast():
    np.testing.assert_allclose(bek.begroting_uit(KOSTEN), BEGROTING)


def test_inspanningsgericht_pays_the_cost():
    np.testing.assert_allclose(bek.betaling("inspanningsgericht", KOSTEN, BEGROTING), KOSTEN)


def test_taakgericht_pays_the_lumpsum_and_the_aanbieder_carries_the_rest():
    betaald = bek.betaling("taakgericht", KOSTEN, BEGROTING)
    np.testing.assert_allclose(betaald, [[200, 300]] * 3)
    # betaling - kosten: run 1 keeps 100 a year, run 2 loses 100 a year, run 3 breaks even.
    np.testing.assert_allclose(betaald - KOSTEN, [[100, 100], [-100, -100], [0, 0]])
    # A lumpsum of 110% of the median: 220 and 330.
    np.testing.assert_allclose(
        bek.betaling("taakgericht", KOSTEN, BEGROTING, plafondfactor=1.1)[0], [220, 330]
    )


def test_outputgericht_pays_a_price_per_trajectory():
    trajecten = np.array([[10.0, 20.0], [30.0, 20.0], [20.0, 10.0]])
    # median trajectories [20, 20] -> price [200/20, 300/20] = [10, 15] per trajectory;
    # run 1: [10*10, 15*20] = [100, 300]; run 2: [300, 300]; run 3: [200, 150].
    betaald = bek.betaling("outputgericht", KOSTEN, BEGROTING, trajecten=trajecten)
    np.testing.assert_allclose(betaald, [[100, 300], [300, 300], [200, 150]])


def test_populatiegebonden_fixes_a_norm_per_inhabitant_in_the_first_year():
    bevolking = np.array([1000.0, 1100.0])
    index = np.array([1.0, 1.02])
    # norm = 200 / 1000 / 1.0 = 0.2 per inhabitant; year 2: 0.2 * 1.02 * 1100 = 224.4.
    betaald = bek.betaling("populatiegebonden", KOSTEN, BEGROTING, bevolking=bevolking, index=index)
    np.testing.assert_allclose(betaald, [[200, 224.4]] * 3)


def test_plafond_per_aanbieder_does_not_offset_between_aanbieders():
    # Cost 100, realised shares 70/30 against expected 50/50, budget 100, factor 1:
    # ceilings 50 and 50 -> paid min(70, 50) + min(30, 50) = 80; the first aanbieder carries 20.
    betaald = bek.met_plafond_per_aanbieder(
        np.array([[100.0]]), np.array([[0.7, 0.3]]), np.array([0.5, 0.5]), np.array([100.0]), 1.0
    )
    np.testing.assert_allclose(betaald, [[80.0]])


def test_risico_splits_overspend_and_aanbieder_result():
    betaald = bek.betaling("taakgericht", KOSTEN, BEGROTING)
    r = bek.risico(betaald, KOSTEN, BEGROTING, (50,))
    np.testing.assert_allclose(r["overschrijding_gemeente"][0], [0, 0])
    np.testing.assert_allclose(r["kans_overschrijding"], [0, 0])
    # aanbieder losses: only run 2 loses 100 -> mean 100/3.
    np.testing.assert_allclose(r["verwacht_verlies_aanbieder"], [100 / 3, 100 / 3])
    pxq = bek.risico(KOSTEN, KOSTEN, BEGROTING, (50,))
    # P×Q: overspend = kosten - median -> [-100, 0, 100] per year; mean shortfall 100/3.
    np.testing.assert_allclose(pxq["verwacht_tekort_gemeente"], [100 / 3, 100 / 3])
    np.testing.assert_allclose(pxq["verwacht_verlies_aanbieder"], [0, 0])


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="Onbekend bekostigingsmodel"):
        bek.betaling("gratis", KOSTEN, BEGROTING)
