from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from passend.domain.age import achttiende_verjaardag, leeftijd_op, verjaardag


def test_eighteenth_birthday_and_age_boundaries():
    geboren = date(2006, 12, 31)
    assert achttiende_verjaardag(geboren) == date(2024, 12, 31)
    assert leeftijd_op(geboren, date(2024, 12, 30)) == 17
    assert leeftijd_op(geboren, date(2024, 12, 31)) == 18
    assert leeftijd_op(geboren, date(2025, 1, 1)) == 18


def test_leap_day_birthday_falls_on_first_of_march():
    geboren = date(2008, 2, 29)
    assert verjaardag(geboren, 18) == date(2026, 3, 1)
    assert verjaardag(geboren, 16) == date(2024, 2, 29)
    assert leeftijd_op(geboren, date(2026, 2, 28)) == 17
    assert leeftijd_op(geboren, date(2026, 3, 1)) == 18


def test_before_birth_is_zero():
    assert leeftijd_op(date(2020, 5, 5), date(2019, 1, 1)) == 0


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=30),
)
def test_age_changes_exactly_on_birthday(geboren, jaren):
    dag = verjaardag(geboren, jaren)
    assert leeftijd_op(geboren, dag) == jaren
    if jaren:
        assert leeftijd_op(geboren, dag - timedelta(days=1)) == jaren - 1
