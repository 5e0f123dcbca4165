"""The one number format: half-up rounding and Dutch separators, checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passend.domain import opmaak


@pytest.mark.parametrize(
    ("aandeel", "verwacht"),
    [
        (30 / 110, "27,3%"),  # 27.2727…: truncation would give 27,2%
        (0.2725, "27,3%"),  # exactly halfway in decimal: up, although the float is 0.27249999…
        (0.0725, "7,3%"),  # banker's rounding would give 7,2%
        (0.0, "0,0%"),
        (1.0, "100,0%"),
        (7 / 15, "46,7%"),  # the cohort share of the raad report (was 46,6%)
        (-0.00001, "0,0%"),  # never "-0,0%"
    ],
)
def test_percentages_round_half_up(aandeel, verwacht):
    assert opmaak.procent(aandeel) == verwacht


@pytest.mark.parametrize(
    ("waarde", "decimalen", "nl", "en"),
    [
        (1234567.5, 0, "1.234.568", "1,234,568"),
        (2.5, 0, "3", "3"),  # round() would give 2
        (0.5, 0, "1", "1"),
        (-2.5, 0, "-3", "-3"),  # half away from zero
        (1234.25, 1, "1.234,3", "1,234.3"),
        (999, 0, "999", "999"),
        (Decimal("1000.05"), 1, "1.000,1", "1,000.1"),
    ],
)
def test_numbers_group_thousands_and_round_half_up(waarde, decimalen, nl, en):
    assert opmaak.getal(waarde, decimalen) == nl
    assert opmaak.getal(waarde, decimalen, "en") == en


def test_amounts():
    assert opmaak.euro_cent(123456789) == "€ 1.234.568"  # 1,234,567.89 euro
    assert opmaak.euro_cent(50) == "€ 1"
    assert opmaak.euro(1234.5, 2, "en") == "€ 1,234.50"
    assert opmaak.miljoen(17_345_000) == "€ 17,35 mln"
    assert opmaak.miljoen(17_345_000, taal="en") == "€ 17.35 m"


def test_cells_by_the_kind_of_their_column():
    assert opmaak.cel(None, "aantal") == "–"
    assert opmaak.cel("<5", "aantal") == "<5"
    assert opmaak.cel(12345, "aantal") == "12.345"
    assert opmaak.cel(2024, "jaar") == "2024"
    assert opmaak.cel(12345678, "tekst") == "12345678"  # an AGB code is not a number to group
    assert opmaak.cel(0.5, "aandeel") == "50,0%"
    assert opmaak.cel(150050, "eurocent") == "€ 1.501"
    assert opmaak.cel(True, "janee") == "ja" and opmaak.cel(False, "janee", "en") == "no"
    assert opmaak.cel(12.5, "dagen") == "13"
    assert opmaak.cel(2.25, "getal") == "2,3"
    assert opmaak.cel(date(2024, 5, 1), "datum") == "2024-05-01"
    assert opmaak.cel(["43", "44"], "lijst") == "43, 44"
    assert opmaak.cel(float("nan"), "getal") == "–"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_a_whole_number_reads_back_as_itself(n):
    tekst = opmaak.getal(n)
    assert int(tekst.replace(".", "")) == n
    assert all(len(groep) == 3 for groep in tekst.lstrip("-").split(".")[1:])


@given(st.fractions(min_value=0, max_value=1))
def test_a_percentage_is_the_share_rounded_half_up(breuk):
    # Independent of the module: exact rational arithmetic on the share itself.
    tekst = opmaak.procent(Decimal(breuk.numerator) / Decimal(breuk.denominator))
    tienden = int(tekst.rstrip("%").replace(",", ""))
    exact = breuk * 1000
    verwacht = int(exact) + (1 if exact - int(exact) >= 0.5 else 0)
    assert tienden == verwacht, (breuk, tekst)


@pytest.mark.parametrize(
    ("tekst", "bedrag"),
    [
        ("€ 98.000.000", "98000000"),
        ("98000000,50", "98000000.50"),
        ("98 000 000", "98000000"),
        ("98.000.000,25", "98000000.25"),
        ("98,000,000.50", "98000000.50"),
        ("98,000,000", "98000000"),
        ("1.000", "1000"),
        ("1,5", "1.5"),
        ("12.5", "12.5"),
    ],
)
def test_an_amount_is_read_as_a_dutch_user_types_it(tekst, bedrag):
    from decimal import Decimal

    assert opmaak.lees_bedrag(tekst) == Decimal(bedrag)


@pytest.mark.parametrize("tekst", ["abc", "1e3", "NaN", "", "1.2.3,4,5", "--5"])
def test_what_is_no_amount_is_refused_in_dutch(tekst):
    with pytest.raises(ValueError, match="geen bedrag"):
        opmaak.lees_bedrag(tekst)


def test_lees_cent_reads_euros_as_whole_cents():
    from passend.domain.opmaak import GeenHeleCenten, lees_cent

    assert lees_cent("37,02") == 3702
    assert lees_cent("€ 1.250.000") == 125_000_000
    assert lees_cent("1,250,000.50") == 125_000_050
    with pytest.raises(GeenHeleCenten):
        lees_cent("35,001")
    with pytest.raises(ValueError, match="geen bedrag"):
        lees_cent("abc")


def test_lees_fractie_reads_a_share_as_typed():
    from passend.domain.opmaak import lees_fractie

    assert lees_fractie("0,8") == 0.8 and lees_fractie("0.8") == 0.8
    assert lees_fractie(" 80% ") == 0.8 and lees_fractie("100%") == 1.0
    assert lees_fractie("") is None and lees_fractie("   ") is None
    for fout in ("1,5", "-0,1", "80 procent", "nan", "inf", "%"):
        with pytest.raises(ValueError):
            lees_fractie(fout)
