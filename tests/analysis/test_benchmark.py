"""Benchmark of gemeenten against their jeugdregio, on ``scenarios.zorggebruik`` (2024).

Population 2024: Dordrecht 100 per age (0-17: 1800, 18-26: 900), Gorinchem 60 per age
(0-17: 1080, 18-26: 540). Both are in Zuid-Holland Zuid; the region pools 2880 and 1440.
"""

from __future__ import annotations

import pytest

from passend.analysis import benchmark
from passend.analysis.gebied import Gebied
from tests.analysis.berichtenset import DORDRECHT, GORINCHEM, ZHZ

pytestmark = pytest.mark.django_db


def test_measures_against_the_region(dataset):
    rijen = benchmark(dataset("zorggebruik"), 2024, Gebied.standaard())
    per = {(r["gemeente"], r["maat"]): r for r in rijen}
    assert {r["regio"] for r in rijen} == {ZHZ}
    teller = {k: (r["teller"], r["noemer"]) for k, r in per.items()}
    assert teller == {
        # Jeugd 0-17 in 2024: Dordrecht Z1, Z2 (Z3 is 18); Gorinchem Z2, Z9.
        (DORDRECHT, "jeugdhulp_per_1000"): (2, 1800),
        (GORINCHEM, "jeugdhulp_per_1000"): (2, 1080),
        # Met verblijf: Z2's 44 in Dordrecht.
        (DORDRECHT, "jeugdhulp_verblijf_per_1000"): (1, 1800),
        (GORINCHEM, "jeugdhulp_verblijf_per_1000"): (0, 1080),
        # Jeugd spend 2024: Z1's 100000 cent in Dordrecht = 1000 euro.
        (DORDRECHT, "jeugdkosten_per_jeugdige"): (1000.0, 1800),
        (GORINCHEM, "jeugdkosten_per_jeugdige"): (0, 1080),
        # Wmo 18-26: Z4 (26) in Dordrecht, Z6 (24) in Gorinchem; Z5 is 27.
        (DORDRECHT, "wmo_18_26_per_1000"): (1, 900),
        (GORINCHEM, "wmo_18_26_per_1000"): (1, 540),
        # Their first Wmo levering also began in 2024: instroom.
        (DORDRECHT, "wmo_instroom_per_1000"): (1, 900),
        (GORINCHEM, "wmo_instroom_per_1000"): (1, 540),
        # Cohort 2024: Z9 (Gorinchem, no care after 18 and no Wmo: zonder vervolg). Z3's only
        # care day is the birthday itself, outside the window.
        (DORDRECHT, "cohort_per_1000"): (0, 900),
        (GORINCHEM, "cohort_per_1000"): (1, 540),
        (DORDRECHT, "verlengd_per_1000"): (0, 900),
        (GORINCHEM, "verlengd_per_1000"): (0, 540),
        (DORDRECHT, "naar_wmo_per_1000"): (0, 900),
        (GORINCHEM, "naar_wmo_per_1000"): (0, 540),
        (DORDRECHT, "zonder_vervolg_per_1000"): (0, 900),
        (GORINCHEM, "zonder_vervolg_per_1000"): (1, 540),
    }
    dordt, gorkum = per[(DORDRECHT, "jeugdhulp_per_1000")], per[(GORINCHEM, "jeugdhulp_per_1000")]
    assert dordt["waarde"] == pytest.approx(2000 / 1800)  # 1.111
    assert gorkum["waarde"] == pytest.approx(2000 / 1080)  # 1.852
    # Pooled region: 4 x 1000 / 2880 = 1.389; Dordrecht: (1/900 - 1/720) / (1/720) = -0.2.
    assert dordt["regio_waarde"] == pytest.approx(4000 / 2880)
    assert dordt["afwijking"] == pytest.approx(-0.2)
    assert gorkum["afwijking"] == pytest.approx(5760 / 4320 - 1)  # +0.333
    # The other gemeenten of the region: for Dordrecht that is Gorinchem alone.
    assert dordt["overige_waarde"] == pytest.approx(2000 / 1080)
    assert (dordt["rang"], gorkum["rang"], dordt["aantal_gemeenten"]) == (2, 1, 2)
    assert dordt["regio_mediaan"] == pytest.approx((2000 / 1800 + 2000 / 1080) / 2)
    assert (dordt["regio_min"], dordt["regio_max"]) == (
        pytest.approx(2000 / 1800),
        pytest.approx(2000 / 1080),
    )
    kosten = per[(DORDRECHT, "jeugdkosten_per_jeugdige")]
    assert kosten["waarde"] == pytest.approx(1000 / 1800)  # euro per inhabitant 0-17
    assert kosten["regio_waarde"] == pytest.approx(1000 / 2880)
    assert [
        r["maat"] for r in benchmark(dataset("zorggebruik"), 2024, Gebied.standaard(GORINCHEM))
    ][:2] == ["jeugdhulp_per_1000", "jeugdhulp_verblijf_per_1000"]
