import hashlib
import hmac

import pytest

from passend.domain.pseudonym import pseudoniem

KEY = bytes(range(32))


def test_is_hmac_sha256_of_the_normalised_bsn():
    expected = hmac.new(KEY, b"011222333", hashlib.sha256).hexdigest()
    assert pseudoniem("11222333", KEY) == expected
    assert pseudoniem("011222333", KEY) == expected


def test_depends_on_the_key_and_never_contains_the_bsn():
    a, b = pseudoniem("111222333", KEY), pseudoniem("111222333", bytes(32))
    assert a != b
    assert "111222333" not in a and len(a) == 64


def test_rejects_short_keys_and_non_numbers():
    with pytest.raises(ValueError):
        pseudoniem("111222333", b"short")
    with pytest.raises(ValueError):
        pseudoniem("abc", KEY)
