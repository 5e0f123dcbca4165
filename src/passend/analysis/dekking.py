"""The period the data covers, and which years and cohorts are complete in it.

An export from a suite holds the messages of its own period: the stops (307) and the
declared periods (323) of that period, and every care that still ran in it, however long ago
it started. So the **begin** of the data is the earliest recorded end of care or declared
period, not the earliest start (a care started in 2015 and still running in 2021 says nothing
about 2015). When the data holds neither, its earliest recorded date is the begin. The **end**
is the peildatum: the latest date on which something was recorded
(:func:`passend.analysis.relaties.peildatum`). Both are given per domain and message type
(:attr:`Dekking.bronnen`); the begin and end that decide are those over all of them.

* A calendar year Y is **complete** when the data covers 1 January to 31 December of Y.
* A cohort Y (youths turning 18 in Y, see :mod:`passend.analysis.transitie`) is complete
  when the data covers the window of its first member (from 1 January Y minus 365 days) to
  the follow-up of its last (31 December Y plus 365 days): the outcome of an 18th birthday is
  known only a year later.
* A year with no day inside the data is **outside** it and is refused; a year inside but not
  complete is shown, marked "voorlopig", never by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

#: A cohort needs this long before its first and after its last 18th birthday.
COHORTVENSTER = timedelta(days=365)


class JaarBuitenGegevens(ValueError):
    """A year that has no day inside the data."""


@dataclass(frozen=True)
class Bronperiode:
    """The first and last date of one kind of message in one domain."""

    domein: str
    bron: str  # 'toewijzing' (301), 'levering' (305/307), 'declaratie' (323)
    eerste: date | None
    laatste: date | None


@dataclass(frozen=True)
class Dekking:
    van: date | None
    tot: date | None
    bronnen: tuple[Bronperiode, ...] = ()

    @property
    def leeg(self) -> bool:
        return self.van is None or self.tot is None

    def jaren(self) -> list[int]:
        """The years with at least one day inside the data, newest first."""
        if self.van is None or self.tot is None:
            return []
        return list(range(self.tot.year, self.van.year - 1, -1))

    def binnen(self, jaar: int) -> bool:
        return jaar in self.jaren()

    def jaar_volledig(self, jaar: int) -> bool:
        return self._dekt(date(jaar, 1, 1), date(jaar, 12, 31))

    def cohort_volledig(self, jaar: int) -> bool:
        return self._dekt(date(jaar, 1, 1) - COHORTVENSTER, date(jaar, 12, 31) + COHORTVENSTER)

    def volledig(self, jaar: int, *, cohort: bool) -> bool:
        return self.cohort_volledig(jaar) if cohort else self.jaar_volledig(jaar)

    def nodig_tot(self, jaar: int, *, cohort: bool) -> date:
        """The date the data must reach for `jaar` to be complete."""
        return date(jaar, 12, 31) + (COHORTVENSTER if cohort else timedelta(0))

    def standaardjaar(self, *, cohort: bool) -> int | None:
        """The newest complete year (or cohort); the newest year inside when none is."""
        jaren = self.jaren()
        return next((j for j in jaren if self.volledig(j, cohort=cohort)), None) or (
            jaren[0] if jaren else None
        )

    def controleer(self, jaar: int) -> None:
        """Refuse a year with no day inside the data, in words a user understands."""
        if self.binnen(jaar):
            return
        if self.van is None or self.tot is None:
            raise JaarBuitenGegevens(f"Er zijn nog geen gegevens, dus ook niet over {jaar}.")
        raise JaarBuitenGegevens(
            f"Het jaar {jaar} valt buiten de gegevens: die lopen van {_datum(self.van)} "
            f"tot en met {_datum(self.tot)}. Kies een jaar van {self.van.year} tot en met "
            f"{self.tot.year}."
        )

    def tabel(self, jaar: int | None, *, cohort: bool) -> dict[str, Any]:
        """The report table ``dekking``: the data's period and whether `jaar` is complete."""
        rij: dict[str, Any] = {"gegevens_van": self.van, "gegevens_tot": self.tot}
        if jaar is not None:
            rij |= {
                "jaar": jaar,
                "nodig_tot": self.nodig_tot(jaar, cohort=cohort),
                "volledig": self.volledig(jaar, cohort=cohort),
            }
        return rij

    def _dekt(self, begin: date, einde: date) -> bool:
        return (
            self.van is not None
            and self.tot is not None
            and self.van <= begin
            and (self.tot >= einde)
        )


_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _datum(d: date) -> str:
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


_BRONNEN = """
SELECT domein, 'toewijzing' AS bron, min(toewijzingsdatum) AS eerste,
       max(toewijzingsdatum) AS laatste, NULL::DATE AS eerste_einde
FROM toewijzing GROUP BY domein
UNION ALL
SELECT domein, 'levering', min(begindatum),
       max(greatest(begindatum, coalesce(einddatum, begindatum))), min(einddatum)
FROM levering GROUP BY domein
UNION ALL
SELECT domein, 'declaratie', min(periode_begin), max(periode_eind), min(periode_begin)
FROM prestatie GROUP BY domein
ORDER BY 1, 2
"""


def dekking(con: duckdb.DuckDBPyConnection) -> Dekking:
    """The period the data on `con` covers (see the module docstring)."""
    rijen = con.execute(_BRONNEN).fetchall()
    bronnen = tuple(Bronperiode(d, b, eerste, laatste) for d, b, eerste, laatste, _e in rijen)
    eindes = [e for *_x, e in rijen if e is not None]
    begins = [b.eerste for b in bronnen if b.eerste is not None]
    laatste = [b.laatste for b in bronnen if b.laatste is not None]
    van = min(eindes) if eindes else min(begins, default=None)
    return Dekking(van, max(laatste, default=None), bronnen)
