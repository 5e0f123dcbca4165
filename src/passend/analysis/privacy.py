"""Suppression of small counts for public output (raad, website): ``onderdruk``.

Rules (also in ``docs/definities.md``):

1. **Primary**: a count of 1-4 is shown as ``"<5"``; 0 and 5 or more are shown as they are.
   Totals (row totals, column totals, grand total) count as cells: a total of 1-4 is "<5".
2. **Secondary**: further cells are shown as ``"x"`` until no suppressed cell can be worked
   out from what is published, in two senses:

   a. *Linear*: from the published cells and totals, using any combination of row and
      column sums. Seen as a graph (one vertex per row or column with a published total,
      one edge per suppressed cell), a cell is determined exactly when its edge is a bridge;
      so secondary cells are added along the cheapest path that puts every suppressed cell
      on a cycle.
   b. *Per row or column with bounds*: a reader knows that "<5" is 1-4 and that "x" is 0 or
      at least 5. Within each row and column the possible values of every suppressed cell
      are enumerated; if only one remains, the cheapest further cell of that line is
      suppressed.

   Secondary cells are chosen cheapest first: non-zero before zero, inner cells before
   totals, then the smallest count (the least information lost), as CBS does. A last pass
   publishes again every secondary cell the table turns out not to need.

We suppress rather than round (CBS also rounds to multiples of 5): suppression keeps every
published number exact, which a raad can check against its own totals.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PRIMAIR = "<5"
SECUNDAIR = "x"
GROND = ("grond", -1)  # every row/column without a published total, merged into one vertex

Cel = tuple[int, int]


@dataclass
class _Lijn:
    """A row or column with a published total: sum of `binnen` = `marge`."""

    binnen: list[Cel]
    marge: Cel


class _Rooster:
    """The table with its totals as one grid; cells (i, j), totals at index m (row) / n (col)."""

    def __init__(self, waarden: list[list[int]], rijtotalen: bool, kolomtotalen: bool) -> None:
        self.m, self.n = len(waarden), len(waarden[0]) if waarden else 0
        self.rijtotalen, self.kolomtotalen = rijtotalen, kolomtotalen
        self.waarde: dict[Cel, int] = {}
        for i, rij in enumerate(waarden):
            for j, w in enumerate(rij):
                self.waarde[(i, j)] = w
        rijen = self.m + (1 if kolomtotalen else 0)
        kolommen = self.n + (1 if rijtotalen else 0)
        for i in range(rijen):
            for j in range(kolommen):
                if (i, j) not in self.waarde:
                    self.waarde[(i, j)] = self._som(i, j)
        self.lijnen = self._maak_lijnen(rijen, kolommen)
        self.status: dict[Cel, str] = {c: PRIMAIR for c, w in self.waarde.items() if 1 <= w <= 4}
        self.vast: set[Cel] = set()  # hidden beforehand (in another table): stays hidden

    def houd_verborgen(self, cel: Cel) -> None:
        """Hide `cel` for good (it is hidden in another table that shares it)."""
        if cel in self.waarde:
            self.status.setdefault(cel, SECUNDAIR)
            self.vast.add(cel)

    def _som(self, i: int, j: int) -> int:
        rijen = range(self.m) if i == self.m else [i]
        kolommen = range(self.n) if j == self.n else [j]
        return sum(self.waarde[(r, k)] for r in rijen for k in kolommen)

    def _maak_lijnen(self, rijen: int, kolommen: int) -> list[_Lijn]:
        lijnen = []
        if self.rijtotalen:
            lijnen += [_Lijn([(i, j) for j in range(self.n)], (i, self.n)) for i in range(rijen)]
        if self.kolomtotalen:
            lijnen += [_Lijn([(i, j) for i in range(self.m)], (self.m, j)) for j in range(kolommen)]
        return lijnen

    # -- graph view --------------------------------------------------------------------------
    def hoeken(self, cel: Cel) -> tuple[tuple[str, int], tuple[str, int]]:
        i, j = cel
        return (("r", i) if self.rijtotalen else GROND, ("k", j) if self.kolomtotalen else GROND)

    def buren(self) -> dict[tuple[str, int], list[tuple[Cel, tuple[str, int]]]]:
        """Per vertex: (cell, other end) for every cell of the grid."""
        uit: dict[tuple[str, int], list[tuple[Cel, tuple[str, int]]]] = defaultdict(list)
        for cel in self.waarde:
            a, b = self.hoeken(cel)
            uit[a].append((cel, b))
            if b != a:
                uit[b].append((cel, a))
        return uit

    def is_marge(self, cel: Cel) -> bool:
        return cel[0] == self.m or cel[1] == self.n

    def kosten(self, cel: Cel) -> tuple[int, int, int]:
        w = self.waarde[cel]
        # A suppressed 0 protects little (its line often pins it down), so zeros come last.
        return (1 if w == 0 else 0, 1 if self.is_marge(cel) else 0, w)


def _bruggen(rooster: _Rooster) -> list[Cel]:
    """Suppressed cells that are bridges in the graph of suppressed cells (Tarjan, O(V+E)).

    A bridge's value follows exactly from the published totals; parallel edges (two hidden
    cells between the same row and column vertices) are told apart by cell, not by vertex.
    """
    buren: dict[tuple[str, int], list[tuple[Cel, tuple[str, int]]]] = defaultdict(list)
    for cel in rooster.status:
        a, b = rooster.hoeken(cel)
        if a != b:
            buren[a].append((cel, b))
            buren[b].append((cel, a))
    orde: dict[tuple[str, int], int] = {}
    laag: dict[tuple[str, int], int] = {}
    bruggen: list[Cel] = []
    for wortel in sorted(buren):
        if wortel in orde:
            continue
        orde[wortel] = laag[wortel] = len(orde)
        stapel: list[tuple[tuple[str, int], Cel | None, Iterator[tuple[Cel, tuple[str, int]]]]]
        stapel = [(wortel, None, iter(buren[wortel]))]
        while stapel:
            v, via, rest = stapel[-1]
            stap = next(rest, None)
            if stap is None:
                stapel.pop()
                if stapel:
                    ouder = stapel[-1][0]
                    laag[ouder] = min(laag[ouder], laag[v])
                    if laag[v] > orde[ouder] and via is not None:
                        bruggen.append(via)
                continue
            cel, w = stap
            if cel == via:
                continue
            if w in orde:
                laag[v] = min(laag[v], orde[w])
            else:
                orde[w] = laag[w] = len(orde)
                stapel.append((w, cel, iter(buren[w])))
    return sorted(bruggen)


def _goedkoopste_pad(rooster: _Rooster, brug: Cel) -> list[Cel]:
    """Cells to suppress so that `brug` lies on a cycle (Dijkstra; suppressed cells free)."""
    start, doel = rooster.hoeken(brug)
    buren = rooster.buren()
    afstand: dict[tuple[str, int], tuple[int, ...]] = {start: (0, 0, 0)}
    vorige: dict[tuple[str, int], tuple[tuple[str, int], Cel]] = {}
    rij: list[tuple[tuple[int, ...], tuple[str, int]]] = [((0, 0, 0), start)]
    while rij:
        kosten, v = heapq.heappop(rij)
        if v == doel:
            break
        if kosten > afstand.get(v, kosten):
            continue
        for cel, w in buren[v]:
            if cel == brug:
                continue
            stap = (0, 0, 0) if cel in rooster.status else rooster.kosten(cel)
            nieuw = tuple(x + y for x, y in zip(kosten, stap, strict=True))
            if w not in afstand or nieuw < afstand[w]:
                afstand[w], vorige[w] = nieuw, (v, cel)
                heapq.heappush(rij, (nieuw, w))
    pad, v = [], doel
    while v != start and v in vorige:
        v, cel = vorige[v]
        pad.append(cel)
    return [c for c in pad if c not in rooster.status]


# -- per-line check with what a reader knows of the symbols -----------------------------------
# Sets of whole numbers as sorted, disjoint, inclusive intervals; "x" is unbounded above.
Verzameling = list[tuple[int, int]]
ONEINDIG = 10**15


def _samenvoegen(delen: Verzameling) -> Verzameling:
    uit: Verzameling = []
    for lo, hi in sorted(delen):
        if uit and lo <= uit[-1][1] + 1:
            uit[-1] = (uit[-1][0], max(uit[-1][1], hi))
        else:
            uit.append((lo, min(hi, ONEINDIG)))
    return uit


def _plus(a: Verzameling, b: Verzameling) -> Verzameling:
    return _samenvoegen([(x0 + y0, x1 + y1) for x0, x1 in a for y0, y1 in b])


def _min(a: Verzameling, b: Verzameling) -> Verzameling:
    """{x - y : x in a, y in b}."""
    return _samenvoegen([(x0 - y1, x1 - y0) for x0, x1 in a for y0, y1 in b])


def _doorsnede(a: Verzameling, b: Verzameling) -> Verzameling:
    uit = []
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if lo <= hi:
                uit.append((lo, hi))
    return _samenvoegen(uit)


def _domein(rooster: _Rooster, cel: Cel) -> Verzameling:
    """What a reader knows of a hidden cell: "<5" is 1-4, "x" is 0 or 5 and more."""
    return [(1, 4)] if rooster.status[cel] == PRIMAIR else [(0, 0), (5, ONEINDIG)]


def _som(rooster: _Rooster, cellen: list[Cel]) -> Verzameling:
    uit: Verzameling = [(0, 0)]
    for cel in cellen:
        uit = _plus(uit, _domein(rooster, cel))
    return uit


def _mogelijk(rooster: _Rooster, lijn: _Lijn, cel: Cel) -> Verzameling:
    """The values `cel` can take given this line alone (inner cells add up to the total)."""
    zichtbaar = sum(rooster.waarde[c] for c in lijn.binnen if c not in rooster.status)
    onbekend = [c for c in lijn.binnen if c in rooster.status and c != cel]
    anderen = _som(rooster, onbekend)
    if lijn.marge not in rooster.status:  # cel is inner: cel = total - visible - others
        rest = [(rooster.waarde[lijn.marge] - zichtbaar,) * 2]
        return _doorsnede(_domein(rooster, cel), _min(rest, anderen))
    if cel == lijn.marge:  # total = visible + sum of the hidden inner cells
        return _doorsnede(_domein(rooster, cel), _plus([(zichtbaar, zichtbaar)], anderen))
    # Inner cell with a hidden total: cel = total - visible - others.
    totalen = _min(_domein(rooster, lijn.marge), [(zichtbaar, zichtbaar)])
    return _doorsnede(_domein(rooster, cel), _min(totalen, anderen))


def _herleidbaar(rooster: _Rooster, lijn: _Lijn) -> bool:
    for cel in [*lijn.binnen, lijn.marge]:
        if cel in rooster.status:
            mogelijk = _mogelijk(rooster, lijn, cel)
            if sum(hi - lo + 1 for lo, hi in mogelijk) <= 1:  # one value (or none) left
                return True
    return False


def _aanvulling(rooster: _Rooster, opgegeven: set[Cel]) -> list[Cel]:
    """The next cells to suppress, or [] when the table is safe (or cannot be made safer)."""
    if rooster.lijnen:
        for cel in _bruggen(rooster):
            if cel not in opgegeven:
                pad = _goedkoopste_pad(rooster, cel)
                if pad:
                    return pad
                opgegeven.add(cel)
    for lijn in rooster.lijnen:
        vrij = [c for c in [*lijn.binnen, lijn.marge] if c not in rooster.status]
        if vrij and _herleidbaar(rooster, lijn):
            return [min(vrij, key=rooster.kosten)]
    return []


#: Above this many secondary cells the clean-up pass is skipped (it is quadratic).
MAX_OPSCHONEN = 300


def _onderdruk_rooster(rooster: _Rooster) -> None:
    opgegeven: set[Cel] = set()
    while extra := _aanvulling(rooster, opgegeven):
        for cel in extra:
            rooster.status[cel] = SECUNDAIR
    _schoon_op(rooster, opgegeven)


def _schoon_op(rooster: _Rooster, opgegeven: set[Cel]) -> None:
    """Publish again every secondary cell that is not needed, most costly first.

    The greedy pass above can suppress more than necessary; a cell is restored when the
    table stays safe without it.
    """
    secundair = [c for c, s in rooster.status.items() if s == SECUNDAIR and c not in rooster.vast]
    if len(secundair) > MAX_OPSCHONEN:
        return
    for cel in sorted(secundair, key=rooster.kosten, reverse=True):
        del rooster.status[cel]
        if _aanvulling(rooster, set(opgegeven)):
            rooster.status[cel] = SECUNDAIR


def onderdruk(
    tabel: Sequence[Mapping[str, Any]],
    kolommen: Sequence[str],
    *,
    totaal_kolom: str | None = "totaal",
    totaal_rij: str | None = "Totaal",
    label_kolom: str | None = None,
    vast: Iterable[tuple[int, str]] = (),
) -> list[dict[str, Any]]:
    """A copy of `tabel` fit for publication: counts in `kolommen` suppressed as above.

    `tabel` is a list of rows (dicts); the cells are the `kolommen` of every row (whole,
    non-negative numbers; None counts as 0). With `totaal_kolom` a row-total column is added
    and published; with `totaal_rij` a row of column totals (its label in `label_kolom`, or
    the first other column) is appended. Omitting a total means it is not published and
    cannot be used to work back; other columns of the rows are passed through unchanged.

    `vast` lists cells that are hidden already, because another published table shares them:
    (row index, column name), with index ``len(tabel)`` for the row of column totals and
    `totaal_kolom` as the name of the row totals. They stay hidden and are protected too.
    """
    waarden = [[_aantal(rij.get(k)) for k in kolommen] for rij in tabel]
    if not waarden or not kolommen:
        return [dict(rij) for rij in tabel]
    rooster = _Rooster(waarden, totaal_kolom is not None, totaal_rij is not None)
    namen = [*kolommen, *([totaal_kolom] if totaal_kolom is not None else [])]
    for i, naam in vast:
        if naam in namen:
            rooster.houd_verborgen((i, namen.index(naam)))
    _onderdruk_rooster(rooster)
    uit = [dict(rij) for rij in tabel]
    if totaal_rij is not None:
        uit.append(_totaalrij(tabel[0], kolommen, totaal_rij, label_kolom))
    for i, rij in enumerate(uit):
        for j, naam in enumerate(namen):
            rij[naam] = rooster.status.get((i, j), rooster.waarde[(i, j)])
    return uit


def _aantal(waarde: Any) -> int:
    if waarde is None:
        return 0
    if not isinstance(waarde, int) or isinstance(waarde, bool) or waarde < 0:
        raise ValueError(
            f"Alleen gehele, niet-negatieve aantallen kunnen worden onderdrukt: {waarde!r}"
        )
    return waarde


def _totaalrij(
    voorbeeld: Mapping[str, Any], kolommen: Sequence[str], label: str, label_kolom: str | None
) -> dict[str, Any]:
    rij: dict[str, Any] = {k: None for k in voorbeeld if k not in kolommen}
    doel = label_kolom or next(iter(rij), None)
    if doel is not None:
        rij[doel] = label
    return rij


def kruistabel(
    rijen: Sequence[Mapping[str, Any]], rij: str, kolom: str, waarde: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """Pivot long rows into a table: one row per value of `rij`, one column per `kolom` value.

    Missing combinations become 0. Returns the rows and the new column names (sorted), ready
    for :func:`onderdruk`.
    """
    kolommen = sorted({str(r[kolom]) for r in rijen})
    tabel: dict[Any, dict[str, Any]] = {}
    for r in rijen:
        uit = tabel.setdefault(r[rij], {rij: r[rij], **{k: 0 for k in kolommen}})
        uit[str(r[kolom])] += r[waarde]
    return [tabel[k] for k in sorted(tabel, key=str)], kolommen


def onderdruk_transitie(resultaat: Mapping[str, Any]) -> dict[str, Any]:
    """The :func:`~passend.analysis.transitie.transitie` dict fit for publication.

    The outcome partition and the zorgvorm partition are suppressed as one-row tables with
    the cohort as published total; warme_overdracht within naar_wmo and instroom uit
    jeugdhulp within the instroom the same way. The median gap is shown only when at least 5
    youths went to the Wmo.
    """
    uit: dict[str, Any] = dict(resultaat)
    delen = (
        (("verlengde_jeugdhulp", "naar_wmo", "zonder_vervolg"), "cohort"),
        (("met_verblijf", "zonder_verblijf"), "cohort"),
        (("warme_overdracht", "_niet_warm"), "naar_wmo"),
        (("wmo_instroom_uit_jeugdhulp", "_niet_uit_jeugdhulp"), "wmo_instroom_18_26"),
    )
    bron = {
        **resultaat,
        "_niet_warm": resultaat["naar_wmo"] - resultaat["warme_overdracht"],
        "_niet_uit_jeugdhulp": resultaat["wmo_instroom_18_26"]
        - resultaat["wmo_instroom_uit_jeugdhulp"],
    }
    for kolommen, totaal in delen:
        rij = onderdruk(
            [{k: bron[k] for k in kolommen}], kolommen, totaal_kolom="_t", totaal_rij=None
        )[0]
        for k in kolommen:
            if not k.startswith("_"):
                uit[k] = _strengst(uit[k], rij[k])
        uit[totaal] = _strengst(uit[totaal], rij["_t"])
    if isinstance(resultaat["naar_wmo"], int) and resultaat["naar_wmo"] < 5:
        uit["gat_dagen_mediaan"] = None if resultaat["naar_wmo"] == 0 else SECUNDAIR
    return uit


def _strengst(huidig: Any, nieuw: Any) -> Any:
    """A value suppressed in any of the tables it appears in stays suppressed."""
    if huidig in (PRIMAIR, SECUNDAIR):
        return huidig
    return nieuw
