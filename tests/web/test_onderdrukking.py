"""The small-count helpers of passend.analysis.openbaar that the start page uses, and cell
formatting."""

from __future__ import annotations

from passend.analysis.openbaar import onderdruk_per_kolom, onderdruk_tabel
from passend.web.tabellen import Kolom


def test_small_counts_and_what_is_derived_from_them_are_hidden():
    rijen = [
        {"naam": "A", "n": 2, "per_1000": 0.4},
        {"naam": "B", "n": 40, "per_1000": 3.0},
        {"naam": "C", "n": 30, "per_1000": 2.5},
    ]
    uit = onderdruk_tabel(rijen, ["n"], label="naam", afgeleid={"n": ["per_1000"]})
    assert uit[0]["n"] == "<5" and uit[0]["per_1000"] == "x"
    assert uit[-1]["naam"] == "Totaal" and uit[-1]["n"] == 72
    # Secondary suppression: with the total published, a second cell must go too.
    assert sum(1 for r in uit[:3] if r["n"] in ("<5", "x")) >= 2


def test_per_column_suppression_keeps_zero_and_large_counts():
    uit = onderdruk_per_kolom([{"n": 0}, {"n": 3, "k": 10}, {"n": 7}], ["n"], afgeleid={"n": ["k"]})
    assert [r["n"] for r in uit] == [0, "<5", 7] and uit[1]["k"] == "x"


def test_cells_use_the_dutch_number_format():
    from django.utils import translation

    from passend.web.templatetags.passend_tags import cel

    with translation.override("nl"):
        assert cel(1234567, Kolom("a", "a", "getal")) == "1.234.567"
        assert cel(0.1234, Kolom("a", "a", "procent")) == "12,3%"
        assert cel(123456, Kolom("a", "a", "bedrag")) == "€ 1.235"
        assert cel(2024, Kolom("a", "a")) == "2024"
        assert cel(None, Kolom("a", "a", "getal")) == "–"
        assert cel("<5", Kolom("a", "a", "getal")) == "<5"
