"""The analysis pages. Each states its definitions, exports every table to Excel and CSV,
and can be published (suppressed) for the raad."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from passend.accounts import rollen as r
from passend.accounts.scope import rol_van
from passend.web.paginas.basis import lees_filters
from passend.web.paginas.register import GEVALLEN, PAGINAS, PLAN_GEVALLEN, aanbieder_inhoud
from passend.web.tabellen import export_response
from passend.web.toegang import toegang

FILTERS = ("gemeente", "jaar", "maat", "segment", "aanbieder")


def filter_query(q: QueryDict) -> str:
    """The page's filters as a query string (for links and for publishing)."""
    schoon = QueryDict(mutable=True)
    for k in FILTERS:
        if q.get(k):
            schoon[k] = q[k]
    return schoon.urlencode()


def toon(request: HttpRequest, inhoud: Any, template: str) -> HttpResponse:
    if (export := export_response(inhoud.tabellen, request)) is not None:
        return export
    query = filter_query(request.GET)
    for tabel in inhoud.tabellen:
        tabel.link_query = query
    context = {
        "inhoud": inhoud,
        "f": inhoud.filters,
        "query": query,
        "mag_publiceren": rol_van(request.user) in r.PUBLICEREN and inhoud.soort in PAGINAS,
        "mag_clientniveau": rol_van(request.user) in r.CLIENTNIVEAU,
    }
    # A year outside the data is refused: the page says why and shows the default year.
    return render(request, template, context, status=400 if inhoud.filters.fout else 200)


def _pagina(naam: str) -> Callable[[HttpRequest], HttpResponse]:
    pagina = PAGINAS[naam]

    @toegang(pagina.rollen)
    def view(request: HttpRequest) -> HttpResponse:
        return toon(
            request,
            pagina.bouw(pagina.filters(request.user, request.GET)),
            f"passend/analyse/{naam}.html",
        )

    view.__name__ = view.__qualname__ = naam.replace("-", "_")
    return view


kerncijfers = _pagina("kerncijfers")
transitie = _pagina("transitie")
wmo_instroom = _pagina("wmo-instroom")
markt = _pagina("markt")
knelpunten = _pagina("knelpunten")
benchmark = _pagina("benchmark")
toekomstplan = _pagina("toekomstplan")
zelfredzaamheid = _pagina("zelfredzaamheid")


@toegang(r.MARKT)
def aanbieder(request: HttpRequest, agb: str) -> HttpResponse:
    f = lees_filters(request.user, request.GET)
    return toon(request, aanbieder_inhoud(f, agb), "passend/analyse/aanbieder.html")


@toegang(r.CLIENTNIVEAU)
def transitie_gevallen(request: HttpRequest) -> HttpResponse:
    """Pseudonymous client-level list of a cohort: regio-analist only."""
    f = GEVALLEN.filters(request.user, request.GET)
    return toon(request, GEVALLEN.bouw(f), "passend/analyse/transitie_gevallen.html")


@toegang(r.CLIENTNIVEAU)
def toekomstplan_jongeren(request: HttpRequest) -> HttpResponse:
    """Pseudonymous youths of a cohort with their plan facts, optionally those of one
    aanbieder: regio-analist only."""
    f = PLAN_GEVALLEN.filters(request.user, request.GET)
    return toon(request, PLAN_GEVALLEN.bouw(f), "passend/analyse/toekomstplan_jongeren.html")
