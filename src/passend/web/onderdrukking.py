"""Small-count suppression for pages and exports, on passend.analysis.privacy.onderdruk.

Counts of persons are suppressed for every role without client-level access and in every
published report; figures derived from a suppressed count (rates, shares, medians) are
hidden with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from passend.analysis.privacy import PRIMAIR, SECUNDAIR, onderdruk

ONDERDRUKT = (PRIMAIR, SECUNDAIR)


def is_onderdrukt(waarde: Any) -> bool:
    return waarde in ONDERDRUKT


def _als_aantal(waarde: Any) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float)):
        return 0
    return max(0, int(waarde))


def onderdruk_tabel(
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[str],
    *,
    label: str | None = None,
    totaal: bool = True,
    totaal_kolom: str | None = None,
    afgeleid: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Suppress the count `kolommen` of a table (with a published total row when `totaal`,
    and a published row-total column `totaal_kolom`, computed as the sum of `kolommen`).

    `afgeleid` maps a count column to the columns computed from it, which become "x" when
    that count is suppressed.
    """
    if not rijen:
        return []
    schoon = [{**rij, **{k: _als_aantal(rij.get(k)) for k in kolommen}} for rij in rijen]
    uit = onderdruk(
        schoon,
        list(kolommen),
        totaal_kolom=totaal_kolom,
        totaal_rij="Totaal" if totaal else None,
        label_kolom=label,
    )
    for rij in uit:
        for bron, doelen in (afgeleid or {}).items():
            if is_onderdrukt(rij.get(bron)):
                for doel in doelen:
                    rij[doel] = SECUNDAIR
    return uit


def onderdruk_per_kolom(
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[str],
    *,
    afgeleid: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Suppress each count column on its own, without totals (for lists whose rows are not
    parts of one whole, such as segments of a market)."""
    uit = [dict(rij) for rij in rijen]
    for rij in uit:
        for k in kolommen:
            waarde = rij.get(k)
            if isinstance(waarde, int) and not isinstance(waarde, bool) and 0 < waarde < 5:
                rij[k] = PRIMAIR
        for bron, doelen in (afgeleid or {}).items():
            if is_onderdrukt(rij.get(bron)):
                for doel in doelen:
                    rij[doel] = SECUNDAIR
    return uit
