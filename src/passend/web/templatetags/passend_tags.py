"""Template helpers: cell formatting and export links."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe

from passend.domain import opmaak
from passend.web.tabellen import Kolom
from passend.web.tijd import lokale_tijd
from passend.web.weergave import taal

register = template.Library()


#: Web cell kinds (passend.web.tabellen.SOORTEN) as the kinds of the one number format.
_OPMAAKSOORT = {
    "geheel": "aantal",
    "jaartal": "jaar",
    "bedrag": "eurocent",
    "tarief": "tarief",
    "euro": "euro",
    "procent": "aandeel",
    "dagen": "dagen",
    "getal": "getal",
    "datum": "datum",
    "tekst": "tekst",
}


@register.filter
def cel(waarde: Any, kolom: Kolom) -> str:
    """A cell as shown on the page: the one number format (passend.domain.opmaak) in the
    active language."""
    return opmaak.cel(waarde, _OPMAAKSOORT.get(kolom.soort, "getal"), taal())


@register.filter
def tijd(waarde: Any) -> str:
    """A moment in Europe/Amsterdam with its zone: 05-12-2026 14:03 CET."""
    return lokale_tijd(waarde)


@register.filter
def kerngetal(k: Any) -> str:
    """A key figure (passend.web.paginas.basis.Kerngetal) formatted by its kind."""
    return cel(k.waarde, Kolom("", "", k.soort))


@register.filter
def kerngetal_dict(k: Any) -> str:
    """A key figure stored in a published report (a dict)."""
    return cel(k.get("waarde"), Kolom("", "", k.get("soort", "getal")))


@register.filter
def veld(rij: Any, sleutel: str) -> Any:
    return rij.get(sleutel) if hasattr(rij, "get") else None


def _cel_html(rij: Any, kolom: Kolom, tabel: Any) -> str:
    waarde = rij.get(kolom.sleutel)
    tekst = escape(cel(waarde, kolom))
    prefix = tabel.koppelingen.get(kolom.sleutel)
    if prefix and waarde not in (None, ""):
        query = f"?{tabel.link_query}" if tabel.link_query else ""
        href = escape(f"{prefix}{quote(str(waarde))}/{query}")
        return f'<a href="{href}">{tekst}</a>'
    return tekst


def _rij_html(rij: Any, tabel: Any) -> str:
    cellen = []
    for index, kolom in enumerate(tabel.kolommen):
        inhoud = _cel_html(rij, kolom, tabel)
        if index == 0 and tabel.rij_koppen:
            cellen.append(f'<th scope="row">{inhoud}</th>')
        else:
            klasse = (
                ' class="getal"'
                if kolom.is_getal
                else (' class="datum"' if kolom.soort == "datum" else "")
            )
            cellen.append(f"<td{klasse}>{inhoud}</td>")
    return "<tr>" + "".join(cellen) + "</tr>"


@register.simple_tag
def tabel_rijen(tabel: Any, leeg: str) -> str:
    """The <tbody> rows of a table, rendered in Python (large tables render fast)."""
    if not tabel.rijen:
        return mark_safe(f'<tr><td colspan="{len(tabel.kolommen)}">{escape(leeg)}</td></tr>')
    return mark_safe("\n".join(_rij_html(rij, tabel) for rij in tabel.rijen))


@register.simple_tag(takes_context=True)
def export_url(context: Any, tabel_id: str, formaat: str) -> str:
    """The current URL with ?export=<tabel>&formaat=<formaat> (filters kept)."""
    request = context["request"]
    q: QueryDict = request.GET.copy()
    q["export"] = tabel_id
    q["formaat"] = formaat
    return f"{request.path}?{q.urlencode()}"


@register.simple_tag(takes_context=True)
def met_parameter(context: Any, sleutel: str, waarde: Any) -> str:
    """The current query string with one parameter replaced (for pagination)."""
    q: QueryDict = context["request"].GET.copy()
    q[sleutel] = str(waarde)
    return "?" + q.urlencode()
