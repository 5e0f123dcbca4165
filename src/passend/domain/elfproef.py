"""The BSN elfproef (eleven test)."""

from __future__ import annotations

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normaliseer_bsn(waarde: str) -> str | None:
    """Return the 9-digit BSN, left-padding 8-digit numbers with a zero; None if not digits."""
    kaal = waarde.strip()
    if not kaal.isdigit() or not 8 <= len(kaal) <= 9:
        return None
    return kaal.zfill(9)


def is_geldig_bsn(waarde: str) -> bool:
    """True when `waarde` is a BSN that passes the elfproef.

    The weighted sum uses weights 9..2 and -1 for the last digit and must be a positive
    multiple of 11. All-zero and CBS placeholder numbers (000000000, 999999999) fail.
    """
    bsn = normaliseer_bsn(waarde)
    if bsn is None:
        return False
    totaal = sum(int(cijfer) * gewicht for cijfer, gewicht in zip(bsn, _WEIGHTS, strict=True))
    return totaal > 0 and totaal % 11 == 0
