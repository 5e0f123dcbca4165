"""Knelpunten: triggers, figures and the severity ranking, computed by hand.

Severity = |value - threshold| / threshold x log10(10 + clients concerned), rounded to 4
decimals. log10(11) = 1.041393, log10(14) = 1.146128, log10(20) = 1.301030.
"""

from __future__ import annotations

from datetime import date

import pytest

from passend.analysis import Drempels, knelpunten
from passend.analysis.dekking import Dekking, dekking
from passend.analysis.gebied import Gebied
from tests.analysis.berichtenset import AANBIEDER_A, AANBIEDER_B, GORINCHEM

pytestmark = pytest.mark.django_db

#: The handmade datasets hold a few persons each, not a whole export: these tests state the
#: period an export of 2021-2025 would cover (what decides completeness is tested below and
#: in test_dekking.py).
HEEL = Dekking(date(2021, 1, 1), date(2025, 12, 31))


def test_market_signals_ranked(dataset):
    lijst = knelpunten(dataset("markt"), 2024, Gebied.standaard(), periode=HEEL)
    samenvatting = [(k["soort"], k["segment"], k["aanbieder"], k["ernst"]) for k in lijst]
    assert samenvatting == [
        # 4A mean cost per client 66666.67 -> 100000: +50%; (0.5 - 0.1) / 0.1 = 4 x log10(14).
        ("KOSTENSTIJGING", "4A", None, 4.5845),
        # Segments 2 and 7: one aanbieder, one client: HHI 10000 -> (10000 - 2500) / 2500 = 3
        # x log10(11) = 3.1242; share 1.0 -> (1 - 0.4) / 0.4 = 1.5 x log10(11) = 1.5621;
        # 1 aanbieder -> (3 - 1) / 3 x log10(11) = 0.6943.
        ("CONCENTRATIE", "2", None, 3.1242),
        ("CONCENTRATIE", "7", None, 3.1242),
        ("DOMINANTE_AANBIEDER", "2", AANBIEDER_A, 1.5621),
        ("DOMINANTE_AANBIEDER", "7", AANBIEDER_B, 1.5621),
        # 4A: HHI 4550 -> 0.82 x log10(14) = 0.9398.
        ("CONCENTRATIE", "4A", None, 0.9398),
        ("WEINIG_AANBIEDERS", "2", None, 0.6943),
        ("WEINIG_AANBIEDERS", "7", None, 0.6943),
        # 4A shares: B 0.5 -> 0.25 x log10(14) = 0.2865; A 0.45 -> 0.125 x log10(14) = 0.1433.
        ("DOMINANTE_AANBIEDER", "4A", AANBIEDER_B, 0.2865),
        ("DOMINANTE_AANBIEDER", "4A", AANBIEDER_A, 0.1433),
    ]
    # 4A has 3 aanbieders (not fewer than 3) and a median start delay of 10 days: no signal.
    kosten = lijst[0]
    assert kosten["cijfers"]["kosten_per_client_gemiddeld_cent"] == pytest.approx(100000.0)
    assert kosten["waarde"] == pytest.approx(0.5) and kosten["drempel"] == 0.1
    assert (
        "50,0%" in kosten["uitleg"]
        and "Specialistisch/veel voorkomend, lokaal" in (kosten["uitleg"])
    )
    assert "Zorg A heeft 100,0% van de uitgaven in Wonen" in lijst[3]["uitleg"]
    # Thresholds are configurable: a start delay above 5 days now signals 4A (median 10):
    # (10 - 5) / 5 = 1 x log10(14).
    streng = knelpunten(
        dataset("markt"),
        2024,
        Gebied.standaard(),
        drempels=Drempels(startwachttijd=5),
        periode=HEEL,
    )
    wacht = [k for k in streng if k["soort"] == "STARTWACHTTIJD"]
    assert [(k["segment"], k["ernst"]) for k in wacht] == [("4A", 1.1461)]
    assert knelpunten(dataset("markt"), 2024, Gebied.standaard(GORINCHEM), periode=HEEL) == []


def test_transition_signals(dataset):
    con = dataset("transitie")
    # Cohort 2024: zonder_vervolg 3 of 10 = 0.3 > 0.2: (0.3 - 0.2) / 0.2 = 0.5 x log10(20).
    # Median gap 20 <= 30: no gap signal. No prestaties, so no market signal.
    lijst = knelpunten(con, 2024, Gebied.standaard(), periode=HEEL)
    assert [(k["soort"], k["ernst"]) for k in lijst] == [("ZONDER_VERVOLG", 0.6505)]
    assert lijst[0]["cijfers"] == {"cohort": 10, "zonder_vervolg": 3}
    assert "30,0%" in lijst[0]["uitleg"]
    # With a gap threshold of 10 days: (20 - 10) / 10 = 1 x log10(20) = 1.3010, ranked first.
    streng = knelpunten(
        con, 2024, Gebied.standaard(), drempels=Drempels(gat_dagen=10), periode=HEEL
    )
    assert [(k["soort"], k["ernst"]) for k in streng] == [
        ("GAT_NAAR_WMO", 1.301),
        ("ZONDER_VERVOLG", 0.6505),
    ]


def test_an_incomplete_year_or_cohort_raises_no_knelpunt(dataset):
    con = dataset("transitie")
    # The dataset itself ends 2025-06-14: cohort 2024 has no full year of follow-up.
    eigen = dekking(con)
    assert eigen.tot == date(2025, 6, 14) and not eigen.cohort_volledig(2024)
    assert eigen.jaar_volledig(2024)
    assert knelpunten(con, 2024, Gebied.standaard()) == []  # no prestaties: no market signal
    assert knelpunten(con, 2025, Gebied.standaard(), periode=HEEL) == []  # cohort 2025 neither
    # A complete year 2024 without a complete cohort 2024: no transition signal.
    jaar_wel_cohort_niet = Dekking(date(2021, 1, 1), date(2025, 6, 14))
    assert knelpunten(con, 2024, Gebied.standaard(), periode=jaar_wel_cohort_niet) == []
    # An incomplete calendar year raises nothing at all.
    assert knelpunten(con, 2025, Gebied.standaard(), periode=jaar_wel_cohort_niet) == []
    assert knelpunten(con, 2024, Gebied.standaard(), periode=HEEL)  # the signal of above
