"""One way to show a number, for every output: web pages, PDF, Excel text, CLI and charts.

Rounding is half up (27.25 % shows as 27,3 %), as a reader and a spreadsheet expect, never
truncation (Django's number_format cuts decimals off) nor the banker's rounding of Python's
``round``. A float is rounded by its shortest decimal representation (``repr``), so 0.2725
is 27,25 % and not the binary 27.249999… Dutch output groups thousands with a dot and uses
a decimal comma; English the other way round. Suppressed cells ("<5", "x") pass unchanged.

The kinds are those of the column catalogue (:mod:`passend.analysis.kolommen`): ``aantal``,
``geheel``, ``index``, ``jaar``, ``eurocent``, ``euro``, ``aandeel``, ``dagen``, ``datum``,
``getal``, ``janee``, ``lijst`` and ``tekst``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

Getal = int | float | Decimal
#: Shown for a missing value.
LEEG = "–"
#: Decimals per kind of column (counts whole, shares as a percentage with one decimal).
DECIMALEN: Mapping[str, int] = {
    "aantal": 0,
    "geheel": 0,
    "index": 0,
    "eurocent": 0,
    "euro": 0,
    "aandeel": 1,
    "dagen": 0,
    "getal": 1,
}


def is_getal(waarde: Any) -> bool:
    """A number that can be shown (booleans are not numbers here)."""
    return isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool)


def _decimaal(waarde: Getal) -> Decimal:
    if isinstance(waarde, Decimal):
        return waarde
    if isinstance(waarde, float):
        return Decimal(repr(waarde))
    return Decimal(waarde)


def rond(waarde: Getal, decimalen: int = 0) -> Decimal:
    """`waarde` rounded half up (away from zero) to `decimalen` decimals."""
    d = _decimaal(waarde)
    try:
        uit = d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # inf, nan: nothing to round
        return d
    return abs(uit) if uit == 0 else uit  # never "-0"


def getal(waarde: Getal, decimalen: int = 0, taal: str = "nl") -> str:
    """A number with thousands grouped: 1.234.567,8 (nl) or 1,234,567.8 (en)."""
    d = rond(waarde, decimalen)
    if not d.is_finite():
        return LEEG
    tekst = f"{d:,.{decimalen}f}"
    if taal == "en":
        return tekst
    return tekst.replace(",", "\0").replace(".", ",").replace("\0", ".")


def procent(aandeel: Getal, decimalen: int = 1, taal: str = "nl") -> str:
    """A share (0.273) as a percentage: 27,3% (nl) or 27.3% (en)."""
    return getal(_decimaal(aandeel) * 100, decimalen, taal) + "%"


def euro(bedrag: Getal, decimalen: int = 0, taal: str = "nl") -> str:
    """An amount in euro: € 1.234 (nl) or € 1,234 (en)."""
    return "€ " + getal(bedrag, decimalen, taal)


def euro_cent(cent: Getal, decimalen: int = 0, taal: str = "nl") -> str:
    """An amount held in eurocent, shown in euro."""
    return euro(_decimaal(cent) / 100, decimalen, taal)


def miljoen(bedrag: Getal, decimalen: int = 2, taal: str = "nl") -> str:
    """An amount in euro shown in millions: € 1,23 mln (nl) or € 1.23 m (en)."""
    return euro(_decimaal(bedrag) / 1_000_000, decimalen, taal) + (" m" if taal == "en" else " mln")


_GROEPEN = {s: re.compile(r"-?\d{1,3}(" + re.escape(s) + r"\d{3})+") for s in ".,"}


def lees_bedrag(tekst: str) -> Decimal:
    """An amount as a user types it: "€ 98.000.000", "98000000,50", "98 000 000" or the
    English "98,000,000.50". With both marks the last is the decimal one; a single kind of
    mark in groups of three groups thousands ("1.000" is a thousand, as in Dutch), except one
    comma, which is the Dutch decimal comma. ValueError with a Dutch message otherwise."""
    schoon = re.sub(r"[\s\u00a0\u202f€]", "", tekst or "")
    if "," in schoon and "." in schoon:
        decimaal = "," if schoon.rfind(",") > schoon.rfind(".") else "."
        duizend = "." if decimaal == "," else ","
        schoon = schoon.replace(duizend, "").replace(decimaal, ".")
    elif _GROEPEN["."].fullmatch(schoon):
        schoon = schoon.replace(".", "")
    elif _GROEPEN[","].fullmatch(schoon) and schoon.count(",") > 1:
        schoon = schoon.replace(",", "")
    else:
        schoon = schoon.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", schoon):
        raise ValueError(f"{tekst!r} is geen bedrag.")
    return Decimal(schoon)


class GeenHeleCenten(ValueError):
    """An amount with a fraction of a cent (37,001)."""


def lees_cent(tekst: str) -> int:
    """An amount in euro as a user types it (see :func:`lees_bedrag`) as whole eurocents.
    ValueError when it is no amount, GeenHeleCenten when it has a fraction of a cent."""
    cent = lees_bedrag(tekst) * 100
    if cent != cent.to_integral_value():
        raise GeenHeleCenten(f"{tekst!r} is geen bedrag in hele centen.")
    return int(cent)


def datum(waarde: date | str, taal: str = "nl") -> str:
    """A date (or the date part of an ISO time) as 05-12-2026 (nl) or 2026-12-05 (en)."""
    dag = waarde if isinstance(waarde, date) else date.fromisoformat(str(waarde)[:10])
    return dag.isoformat() if taal == "en" else dag.strftime("%d-%m-%Y")


def janee(waarde: bool, taal: str = "nl") -> str:
    if taal == "en":
        return "yes" if waarde else "no"
    return "ja" if waarde else "nee"


def cel(waarde: Any, soort: str, taal: str = "nl") -> str:
    """Any table cell as text, by the kind of its column."""
    if waarde is None or waarde == "":
        return LEEG
    if isinstance(waarde, bool):
        return janee(waarde, taal)
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, Sequence):
        return ", ".join(cel(w, "tekst", taal) for w in waarde)
    if not is_getal(waarde):
        return str(waarde)
    if soort in ("jaar", "tekst", "datum"):  # a code or a year is not grouped
        return str(waarde)
    if soort == "eurocent":
        return euro_cent(waarde, taal=taal)
    if soort == "tarief":  # a price per unit: its cents matter
        return euro_cent(waarde, 2, taal)
    if soort == "euro":
        return euro(waarde, taal=taal)
    if soort == "aandeel":
        return procent(waarde, taal=taal)
    decimalen = DECIMALEN.get(soort, 1) if isinstance(waarde, float | Decimal) else 0
    return getal(waarde, decimalen, taal)


def lees_fractie(tekst: str) -> float | None:
    """A fraction between 0 and 1 as typed: 0,8 or 0.8 or 80%; empty: None; ValueError for
    anything else (a verzilveringsgraad, a share)."""
    tekst = tekst.strip().replace(",", ".")
    if not tekst:
        return None
    procent = tekst.endswith("%")
    waarde = float(tekst.rstrip("%").strip()) / (100 if procent else 1)
    if not 0 <= waarde <= 1:
        raise ValueError(tekst)
    return waarde


def tekstsleutel(tekst: str) -> str:
    """A typed name as a code-like key: trimmed, lower case, NFC, spaces and dashes as '_'
    ("Vrije tijd" -> "vrije_tijd"), to match a vocabulary."""
    tekst = unicodedata.normalize("NFC", tekst.strip().lower())
    return re.sub(r"[\s-]+", "_", tekst)


def lees_heel_getal(tekst: str, laagste: int, hoogste: int) -> int | None:
    """A whole number in [laagste, hoogste] as typed ('3', '3.0' and '3,0' alike); None for
    empty; ValueError otherwise (the caller names the range in its own words)."""
    schoon = tekst.strip().replace(",", ".")
    if not schoon:
        return None
    try:
        getal = float(schoon)
    except ValueError:
        raise ValueError(schoon[:10]) from None
    if not getal.is_integer() or not laagste <= getal <= hoogste:
        raise ValueError(schoon[:10])
    return int(getal)
