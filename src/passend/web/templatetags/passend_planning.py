"""Formatting filters of the planning pages (Dutch number style, as the analysis pages)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from passend.domain import opmaak
from passend.strategy.keuzes import DIMENSIES
from passend.web.tijd import lokale_tijd
from passend.web.weergave import taal

register = template.Library()

_SCORE = {2: "++", 1: "+", 0: "0", -1: "−", -2: "−−"}


_getal = opmaak.is_getal


@register.filter
def euro(x: Any) -> str:
    """Whole euros with thousands separators; '–' for a missing value."""
    return opmaak.euro(x, taal=taal()) if _getal(x) else "–"


@register.filter
def duizendtal(x: Any) -> str:
    """Euros rounded to whole thousands: the Monte Carlo is not more precise than that."""
    return opmaak.euro(round(x / 1000) * 1000, taal=taal()) if _getal(x) else "–"


@register.filter
def procent(x: Any) -> str:
    return opmaak.procent(x, taal=taal()) if _getal(x) else "–"


@register.filter
def indicatorwaarde(x: Any, eenheid: str) -> str:
    if not _getal(x):
        return "–"
    if eenheid == "aandeel":
        return procent(x)
    if eenheid == "euro":
        return euro(x)
    return opmaak.getal(x, 1 if eenheid == "dagen" else 0, taal())


@register.filter
def kenmerkwaarde(x: Any, soort: str) -> str:
    if not _getal(x):
        return "–"
    if soort == "procent":
        return procent(x)
    if soort == "euro":
        return euro(x)
    if soort == "geheel":
        return "<5" if 0 < x < 5 else opmaak.getal(x, 0, taal())
    return opmaak.getal(x, 2, taal())


@register.filter
def score(x: Any) -> str:
    return _SCORE.get(x, str(x))


@register.filter
def waarde_van(d: Any, sleutel: str) -> Any:
    return d.get(sleutel) if isinstance(d, dict) else None


@register.filter
def dimensie_label(d: str) -> str:
    return DIMENSIES[d][0] if d in DIMENSIES else d


@register.filter
def kernwaarde_label(w: str) -> str:
    return {
        "gelijkheid": _("Gelijkheid"),
        "efficiency": _("Efficiency"),
        "vrijheid": _("Vrijheid"),
        "zekerheid": _("Zekerheid"),
    }.get(w, w)


@register.filter
def status_label(status: str) -> str:
    """The monitor's status in the page language (the engine speaks Dutch)."""
    return {
        "op koers": _("op koers"),
        "achter": _("achter"),
        "gehaald": _("gehaald"),
        "niet gehaald": _("niet gehaald"),
        "geen gegevens": _("geen gegevens"),
        "voorlopig": _("voorlopig"),
    }.get(status, status)


@register.filter
def tijdstip(tekst: str) -> str:
    return lokale_tijd(tekst)
