from hypothesis import given
from hypothesis import strategies as st

from passend.domain.elfproef import is_geldig_bsn, normaliseer_bsn


def test_known_valid_and_invalid_numbers():
    # 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6 x 11
    assert is_geldig_bsn("111222333")
    assert not is_geldig_bsn("111222334")
    assert not is_geldig_bsn("000000000")  # weighted sum 0 is not a BSN
    assert not is_geldig_bsn("999999999")  # CBS placeholder for "unknown"
    assert not is_geldig_bsn("12345678a")
    assert not is_geldig_bsn("1234567")


def test_eight_digit_bsn_is_left_padded():
    assert normaliseer_bsn("11222333") == "011222333"
    assert normaliseer_bsn(" 111222333 ") == "111222333"
    assert normaliseer_bsn("1112223334") is None


def _hand_elfproef(bsn: str) -> bool:
    total = sum(int(bsn[i]) * (9 - i) for i in range(8)) - int(bsn[8])
    return total != 0 and total % 11 == 0


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_matches_independent_formula(bsn):
    assert is_geldig_bsn(bsn) == _hand_elfproef(bsn)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_changing_one_digit_breaks_a_valid_bsn(bsn):
    if not is_geldig_bsn(bsn):
        return
    changed = bsn[:4] + str((int(bsn[4]) + 1) % 10) + bsn[5:]
    assert not is_geldig_bsn(changed)


_ARABISCH_INDISCH = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(st.text(alphabet="0123456789", min_size=8, max_size=9))
def test_other_unicode_digits_get_the_verdict_of_their_ascii_digits(bsn):
    """ASCII digits take a fast path; digits int() reads in other scripts take the general
    one. Both give the elfproef of the same number (8 digits: with a leading zero)."""
    assert is_geldig_bsn(bsn) == _hand_elfproef(bsn.zfill(9))
    assert is_geldig_bsn(bsn.translate(_ARABISCH_INDISCH)) == is_geldig_bsn(bsn)
