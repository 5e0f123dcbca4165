"""Age arithmetic on calendar dates.

A person born on 29 February reaches a birthday in a non-leap year on 1 March: the day on
which the full number of years has passed. The same convention is used everywhere in Passend
so that the 18th birthday (the Jeugdwet boundary) is unambiguous.
"""

from __future__ import annotations

import calendar
from datetime import date


def verjaardag(geboortedatum: date, jaren: int) -> date:
    """The date on which someone born on `geboortedatum` turns `jaren` years old."""
    jaar = geboortedatum.year + jaren
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:  # 29 February in a non-leap year
        return date(jaar, 3, 1)


def achttiende_verjaardag(geboortedatum: date) -> date:
    """The 18th birthday: the day jeugdhulp ends unless it is continued (verlengd)."""
    return verjaardag(geboortedatum, 18)


def leeftijd_op(geboortedatum: date, peildatum: date) -> int:
    """Age in completed years on `peildatum` (negative before birth is not meaningful: 0)."""
    if peildatum < geboortedatum:
        return 0
    jaren = peildatum.year - geboortedatum.year
    if verjaardag(geboortedatum, jaren) > peildatum:
        jaren -= 1
    return jaren


def plus_maanden(dag: date, maanden: int) -> date:
    """`dag` moved by whole months, clamped to the last day of a shorter month (as DuckDB's
    ``date + INTERVAL n MONTH``)."""
    jaren, maand = divmod(dag.month - 1 + maanden, 12)
    jaar = dag.year + jaren
    return date(jaar, maand + 1, min(dag.day, calendar.monthrange(jaar, maand + 1)[1]))


def halfjaar_na_verjaardag(geboortedatum: date, jaren: int) -> date:
    """The day someone turns `jaren`½: six calendar months after that birthday (17½ for the
    toekomstplan, 16½ for the start of the handover)."""
    return plus_maanden(verjaardag(geboortedatum, jaren), 6)
