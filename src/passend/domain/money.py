"""Amount arithmetic in whole eurocents.

iStandaarden carry amounts as integers in eurocents; floats never enter the calculation.
Debet amounts count positive, credit amounts negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

DebetCredit = Literal["D", "C"]

#: Eenheid 83 ("Euro's"): the delivered volume is a number of euros.
EENHEID_EURO = "83"


def met_teken(bedrag_centen: int, debet_credit: DebetCredit) -> int:
    """Signed amount: debet positive, credit negative."""
    return bedrag_centen if debet_credit == "D" else -bedrag_centen


def verwacht_bedrag(volume: int, tarief_centen: int | None, eenheid: str) -> int | None:
    """The amount a prestatie must carry, or None when the message gives no basis to check.

    Volume × tarief when a tarief is given; for eenheid 83 without tarief, one euro per unit.
    """
    if tarief_centen is not None:
        return volume * tarief_centen
    if eenheid == EENHEID_EURO:
        return volume * 100
    return None


def som_met_teken(regels: Iterable[tuple[int, DebetCredit]]) -> int:
    """Sum of (amount, debet/credit) pairs as one signed amount."""
    return sum(met_teken(bedrag, dc) for bedrag, dc in regels)


def als_bedrag_met_dc(centen: int) -> tuple[int, DebetCredit]:
    """Split a signed amount into the iStandaarden (amount, D/C) pair."""
    return (centen, "D") if centen >= 0 else (-centen, "C")


def euro_tekst(centen: int) -> str:
    """Format eurocents the Dutch way: € 1.234,56 (negative with a leading minus)."""
    teken = "-" if centen < 0 else ""
    euros, rest = divmod(abs(centen), 100)
    return f"{teken}€ {euros:,}".replace(",", ".") + f",{rest:02d}"
