"""Suppression for public output: examples, and properties checked with hypothesis.

The properties are checked by implementations written here, independent of the module: a
brute-force set enumeration per row/column (with the bounds a reader knows: "<5" is 1-4, "x"
is 0 or at least 5) and exact rational linear algebra over all published totals.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from passend.analysis import kruistabel, onderdruk, onderdruk_transitie
from passend.analysis.privacy import PRIMAIR, SECUNDAIR


def test_small_counts_and_their_complements():
    tabel = [
        {"g": "A", "a": 1, "b": 1, "c": 10},
        {"g": "B", "a": 7, "b": 8, "c": 9},
        {"g": "C", "a": 12, "b": 6, "c": 20},
    ]
    uit = onderdruk(tabel, ["a", "b", "c"])
    # Row A: 1 + 1 with total 12 would give away both ones (two cells of 1-4 adding to 2), so
    # c (10) goes too; each column then needs a second hidden cell (7, 8, 9 in row B). Row C
    # and all totals stay.
    assert [[r[k] for k in ("g", "a", "b", "c", "totaal")] for r in uit] == [
        ["A", "<5", "<5", "x", 12],
        ["B", "x", "x", "x", 24],
        ["C", 12, 6, 20, 38],
        ["Totaal", 20, 15, 39, 74],
    ]
    assert tabel[0]["a"] == 1  # the input is not changed


def test_a_small_total_is_itself_suppressed():
    uit = onderdruk(
        [{"g": "A", "a": 3, "b": 0, "c": 0}, {"g": "B", "a": 7, "b": 8, "c": 9}], ["a", "b", "c"]
    )
    # Row total 3 is "<5"; column a (3 + 7 = 10) and the total column (3 + 24 = 27) each need a
    # second hidden cell: a in row B (7) and B's total (24). Zeros stay visible.
    assert [[r[k] for k in ("a", "b", "c", "totaal")] for r in uit] == [
        ["<5", 0, 0, "<5"],
        ["x", 8, 9, "x"],
        [10, 8, 9, 27],
    ]


def test_pivot_and_transition_summary():
    rijen = [{"gemeente": "X", "uitkomst": "a", "n": 3}, {"gemeente": "Y", "uitkomst": "b", "n": 9}]
    tabel, kolommen = kruistabel(rijen, "gemeente", "uitkomst", "n")
    assert (tabel, kolommen) == (
        [{"gemeente": "X", "a": 3, "b": 0}, {"gemeente": "Y", "a": 0, "b": 9}],
        ["a", "b"],
    )
    resultaat = {
        "jaar": 2024,
        "cohort": 40,
        "verlengde_jeugdhulp": 10,
        "naar_wmo": 27,
        "warme_overdracht": 2,
        "zonder_vervolg": 3,
        "gat_dagen_mediaan": 12.5,
        "met_verblijf": 15,
        "zonder_verblijf": 25,
        "wmo_instroom_18_26": 30,
        "wmo_instroom_uit_jeugdhulp": 12,
    }
    uit = onderdruk_transitie(resultaat)
    # zonder_vervolg 3 -> "<5"; with the cohort published, the smallest other outcome (10)
    # goes too. warme_overdracht 2 of naar_wmo 27: the hidden "not warm" 25 protects it.
    assert (uit["zonder_vervolg"], uit["verlengde_jeugdhulp"], uit["naar_wmo"]) == ("<5", "x", 27)
    assert (uit["warme_overdracht"], uit["cohort"], uit["met_verblijf"]) == ("<5", 40, 15)
    assert uit["gat_dagen_mediaan"] == 12.5
    klein = onderdruk_transitie(
        {
            **resultaat,
            "naar_wmo": 3,
            "warme_overdracht": 1,
            "zonder_vervolg": 27,
            "gat_dagen_mediaan": 4.0,
        }
    )
    assert klein["gat_dagen_mediaan"] == SECUNDAIR  # a median over fewer than 5 youths
    with pytest.raises(ValueError):
        onderdruk([{"a": -1}], ["a"])


# -- properties ------------------------------------------------------------------------------
aantallen = st.one_of(st.integers(0, 6), st.integers(0, 40))
tabellen = st.integers(1, 4).flatmap(
    lambda n: st.lists(st.lists(aantallen, min_size=n, max_size=n), min_size=1, max_size=4)
)


def _rooster(waarden, uit, kolommen, rijtotalen, kolomtotalen):
    """Full grid (true values) and the published grid, totals at the last index."""
    m, n = len(waarden), len(kolommen)
    echt, getoond = {}, {}
    for i in range(m + 1):
        for j in range(n + 1):
            if (i == m and not kolomtotalen) or (j == n and not rijtotalen):
                continue
            rijen = range(m) if i == m else [i]
            cols = range(n) if j == n else [j]
            echt[(i, j)] = sum(waarden[r][c] for r in rijen for c in cols)
            naam = "totaal" if j == n else kolommen[j]
            getoond[(i, j)] = uit[i][naam]
    return echt, getoond


def _lijnen(m, n, rijtotalen, kolomtotalen):
    """(inner cells, total cell) of every published row and column sum."""
    lijnen = []
    if rijtotalen:
        lijnen += [
            ([(i, j) for j in range(n)], (i, n)) for i in range(m + (1 if kolomtotalen else 0))
        ]
    if kolomtotalen:
        lijnen += [
            ([(i, j) for i in range(m)], (m, j)) for j in range(n + (1 if rijtotalen else 0))
        ]
    return lijnen


def _domein(teken, grens):
    return set(range(1, 5)) if teken == PRIMAIR else {0, *range(5, grens + 1)}


def _mogelijke_waarden(cel, binnen, marge, getoond, grens):
    """Brute force: values of `cel` consistent with one line (inner sum = total)."""
    onbekend = [c for c in [*binnen, marge] if not isinstance(getoond[c], int)]
    zichtbaar = sum(getoond[c] for c in binnen if isinstance(getoond[c], int))
    uit = set()
    for v in _domein(getoond[cel], grens):
        # Reachable values of (inner unknowns) - (total, if unknown), with cel fixed at v.
        sommen = {zichtbaar + (v if cel in binnen else 0) - (v if cel == marge else 0)}
        for c in onbekend:
            if c == cel:
                continue
            teken = -1 if c == marge else 1
            sommen = {s + teken * w for s in sommen for w in _domein(getoond[c], grens)}
        doel = 0 if marge in onbekend else getoond[marge]
        if doel in sommen:
            uit.add(v)
    return uit


def _rang(rijen):
    rijen = [list(r) for r in rijen]
    rang, kolom = 0, 0
    breedte = len(rijen[0]) if rijen else 0
    while rang < len(rijen) and kolom < breedte:
        spil = next((r for r in range(rang, len(rijen)) if rijen[r][kolom] != 0), None)
        if spil is None:
            kolom += 1
            continue
        rijen[rang], rijen[spil] = rijen[spil], rijen[rang]
        for r in range(len(rijen)):
            if r != rang and rijen[r][kolom] != 0:
                f = rijen[r][kolom] / rijen[rang][kolom]
                rijen[r] = [a - f * b for a, b in zip(rijen[r], rijen[rang], strict=True)]
        rang, kolom = rang + 1, kolom + 1
    return rang


def _lineair_bepaald(onderdrukt, lijnen):
    """Suppressed cells whose value follows exactly from all published sums together."""
    index = {c: k for k, c in enumerate(onderdrukt)}
    matrix = []
    for binnen, marge in lijnen:
        rij = [Fraction(0)] * len(onderdrukt)
        for c in binnen:
            if c in index:
                rij[index[c]] += 1
        if marge in index:
            rij[index[marge]] -= 1
        matrix.append(rij)
    basis = _rang(matrix) if matrix else 0
    bepaald = []
    for c, k in index.items():
        eenheid = [Fraction(1 if j == k else 0) for j in range(len(onderdrukt))]
        if _rang([*matrix, eenheid]) == basis:
            bepaald.append(c)
    return bepaald


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tabellen, st.booleans(), st.booleans())
def test_no_suppressed_cell_can_be_worked_out(waarden, rijtotalen, kolomtotalen):
    kolommen = [f"k{j}" for j in range(len(waarden[0]))]
    tabel = [
        {"label": f"r{i}", **dict(zip(kolommen, rij, strict=True))} for i, rij in enumerate(waarden)
    ]
    uit = onderdruk(
        tabel,
        kolommen,
        totaal_kolom="totaal" if rijtotalen else None,
        totaal_rij="Totaal" if kolomtotalen else None,
    )
    m, n = len(waarden), len(kolommen)
    echt, getoond = _rooster(waarden, uit, kolommen, rijtotalen, kolomtotalen)
    for cel, waarde in echt.items():
        # Primary rule and honesty: 1-4 is "<5"; anything published is the true count.
        if 1 <= waarde <= 4:
            assert getoond[cel] == PRIMAIR
        else:
            assert getoond[cel] in (waarde, SECUNDAIR)
    # Enumeration bound: loose enough never to add knowledge a row or column does not give.
    grens = max(echt.values()) + 4 * len(echt) + 5
    lijnen = _lijnen(m, n, rijtotalen, kolomtotalen)
    for binnen, marge in lijnen:
        for cel in [*binnen, marge]:
            if not isinstance(getoond[cel], int):
                mogelijk = _mogelijke_waarden(cel, binnen, marge, getoond, grens)
                assert echt[cel] in mogelijk
                if len(mogelijk) < 2:
                    # The documented limit: a row or column hidden entirely, total "<5"
                    # included (such as four times 1 with total 4). Nothing is left to hide.
                    assert getoond[marge] == PRIMAIR, (cel, mogelijk, uit)
                    assert all(not isinstance(getoond[c], int) for c in binnen), (cel, uit)
    onderdrukt = [c for c, w in getoond.items() if not isinstance(w, int)]
    assert _lineair_bepaald(onderdrukt, lijnen) == [], uit
