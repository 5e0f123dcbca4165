"""The register upsert: new keys add rows, a changed value updates its row and change
time, an unchanged row is not written at all (its change time, part of the data version,
stays), and only a real unique key may be used."""

from __future__ import annotations

from datetime import date

import pytest

from passend.care.models import ZrmMeting
from passend.care.upsert import bewaar_op_sleutel, werk_bij
from passend.care.zrm import SLEUTEL

pytestmark = pytest.mark.django_db


def _rijen(scores: dict[str, int]) -> dict[tuple[object, ...], tuple[object, ...]]:
    return {
        ("p" * 64, "0505", "", domein, date(2024, 1, 1)): (score,)
        for domein, score in scores.items()
    }


def test_only_new_and_changed_rows_are_written():
    assert bewaar_op_sleutel(ZrmMeting, SLEUTEL, ("score",), _rijen({"a": 1, "b": 2})) == 2
    eerst = dict(ZrmMeting.objects.values_list("domein", "gewijzigd_op"))
    assert bewaar_op_sleutel(ZrmMeting, SLEUTEL, ("score",), _rijen({"a": 1, "b": 2})) == 0
    assert dict(ZrmMeting.objects.values_list("domein", "gewijzigd_op")) == eerst
    assert bewaar_op_sleutel(ZrmMeting, SLEUTEL, ("score",), _rijen({"a": 1, "b": 3})) == 1
    na = dict(ZrmMeting.objects.values_list("domein", "gewijzigd_op"))
    assert na["a"] == eerst["a"] and na["b"] > eerst["b"]
    assert dict(ZrmMeting.objects.values_list("domein", "score")) == {"a": 1, "b": 3}
    assert ZrmMeting.objects.count() == 2


def test_a_key_without_a_unique_constraint_is_refused():
    with pytest.raises(ValueError, match="geen unieke sleutel"):
        bewaar_op_sleutel(ZrmMeting, SLEUTEL[:-1], ("score",), {("p", "0505", "", "a"): (1,)})
    assert not ZrmMeting.objects.exists()


def test_rows_are_updated_by_id_the_last_values_of_an_id_winning():
    bewaar_op_sleutel(ZrmMeting, SLEUTEL, ("score",), _rijen({"a": 1, "b": 2, "c": 3}))
    pk = dict(ZrmMeting.objects.values_list("domein", "pk"))
    werk_bij(
        ZrmMeting,
        [
            (pk["a"], {"score": 5, "datum": date(2024, 2, 1)}),
            (pk["b"], {"score": 4}),
            (pk["a"], {"score": 2, "datum": date(2024, 3, 1)}),
        ],
    )
    assert sorted(ZrmMeting.objects.values_list("domein", "score", "datum")) == [
        ("a", 2, date(2024, 3, 1)),
        ("b", 4, date(2024, 1, 1)),
        ("c", 3, date(2024, 1, 1)),
    ]
