"""Filters (area and year within the user's scope) and the content of an analysis page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from passend.accounts import rollen as r
from passend.accounts.scope import eis_gemeente, gemeenten_in_scope, regio_in_scope, rol_van
from passend.analysis.dekking import Dekking, JaarBuitenGegevens
from passend.analysis.gebied import Gebied
from passend.planning.gebieden import gebied_voor
from passend.reference.models import Gemeente
from passend.web import analysedata
from passend.web.tabellen import Tabel


class Patroon:
    """Allowed values of a free filter (such as a segment code), as a regular expression."""

    def __init__(self, regex: str) -> None:
        self.regex = re.compile(regex)

    def __contains__(self, waarde: object) -> bool:
        return isinstance(waarde, str) and self.regex.fullmatch(waarde) is not None


@dataclass
class Filters:
    """What an analysis runs on: a gemeente or a regio (never outside scope) and a year."""

    gemeente: str | None
    regio: str | None
    jaar: int | None
    jaren: list[int]
    gebieden: list[tuple[str, str]]  # (value for ?gemeente=, label)
    openbaar: bool  # suppress small counts
    extra: dict[str, str] = field(default_factory=dict)
    #: The area with the segment model that applies to it (part of every cache key).
    gebied: Gebied = field(default_factory=Gebied.standaard)
    #: The period the data covers, and whether the year is a cohort (complete a year later).
    dekking: Dekking = field(default_factory=lambda: Dekking(None, None))
    cohort: bool = False
    #: Why the year asked for was not used (outside the data); the page then says so.
    fout: str = ""

    @property
    def volledig(self) -> bool:
        return self.jaar is not None and self.dekking.volledig(self.jaar, cohort=self.cohort)

    @property
    def voorlopige_jaren(self) -> set[int]:
        return {j for j in self.jaren if not self.dekking.volledig(j, cohort=self.cohort)}

    @property
    def gebied_naam(self) -> str:
        waarde = self.gemeente or ""
        return next((label for code, label in self.gebieden if code == waarde), waarde)

    def als_dict(self) -> dict[str, Any]:
        return {"gemeente": self.gemeente, "regio": self.regio, "jaar": self.jaar, **self.extra}


@dataclass
class Kerngetal:
    label: str
    waarde: Any
    soort: str = "getal"
    toelichting: str = ""


@dataclass
class Inhoud:
    """Everything a page shows: key figures, charts (Vega-Lite specs) and tables."""

    soort: str
    titel: str
    filters: Filters
    kerngetallen: list[Kerngetal] = field(default_factory=list)
    grafieken: list[dict[str, Any]] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    #: Why the figures are voorlopig (an incomplete year or cohort); '' when complete.
    voorlopig: str = ""


def _gebieden(user: Any) -> list[tuple[str, str]]:
    codes = gemeenten_in_scope(user)
    regio = regio_in_scope(user)
    opties: list[tuple[str, str]] = []
    if regio:
        opties.append(("", _("Hele jeugdregio %(regio)s") % {"regio": regio}))
    elif getattr(user, "is_superuser", False) and not hasattr(user, "profiel"):
        opties.append(("", _("Alle gemeenten")))
    for code, naam in Gemeente.objects.filter(code__in=codes).values_list("code", "naam"):
        opties.append((code, f"{naam} ({code})"))
    return opties


def _jaar(waarde: str | None, dekking: Dekking, cohort: bool) -> tuple[int | None, str]:
    """The year asked for, or the default (newest complete) with why the asked one is not."""
    standaard = dekking.standaardjaar(cohort=cohort)
    if not waarde:
        return standaard, ""
    if not waarde.isdigit() or len(waarde) != 4:
        return standaard, _("'%(jaar)s' is geen jaartal.") % {"jaar": waarde[:20]}
    try:
        dekking.controleer(int(waarde))
    except JaarBuitenGegevens as fout:
        return standaard, str(fout)
    return int(waarde), ""


def lees_filters(
    user: Any,
    q: QueryDict,
    *,
    standaard_jaar: str = "jaar",
    keuzes: dict[str, dict[str, Any]] | None = None,
    openbaar: bool | None = None,
) -> Filters:
    """The page filters from a query string, checked against the user's scope (403).

    `keuzes` are extra select filters (name -> allowed values); an unknown value is ignored.
    Without `openbaar`, counts are suppressed for every role without client-level access.
    """
    gemeente = q.get("gemeente") or None
    eis_gemeente(user, gemeente)
    gebieden = _gebieden(user)
    regio = None
    if gemeente is None:
        regio = regio_in_scope(user)
        if regio is None and gebieden and gebieden[0][0]:
            gemeente = gebieden[0][0]  # a user scoped to gemeenten only: the first of them
    dekking = analysedata.dekking()
    cohort = standaard_jaar == "cohort"
    jaar, fout = _jaar(q.get("jaar"), dekking, cohort)
    if openbaar is None:
        openbaar = rol_van(user) not in r.CLIENTNIVEAU
    extra = {
        k: q.get(k, "") for k, toegestaan in (keuzes or {}).items() if q.get(k, "") in toegestaan
    }
    return Filters(
        gemeente,
        regio,
        jaar,
        dekking.jaren(),
        gebieden,
        openbaar,
        extra,
        gebied_voor(gemeente, regio),
        dekking,
        cohort,
        fout,
    )


def aandeel(deel: Any, geheel: Any) -> float | None:
    """A share of two published counts; None when either is hidden ("<5", "x") or absent."""
    if isinstance(deel, int) and isinstance(geheel, int) and geheel > 0:
        return deel / geheel
    return None
