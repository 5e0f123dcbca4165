"""Published reports: frozen, suppressed copies of analysis pages for the raad."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts import audit
from passend.accounts import rollen as r
from passend.accounts.models import AuditRegel
from passend.accounts.scope import gemeenten_in_scope, rol_van
from passend.reference.models import Gemeente
from passend.web.models import GepubliceerdRapport
from passend.web.paginas.basis import Filters, Inhoud, lees_filters
from passend.web.paginas.register import PAGINAS
from passend.web.tabellen import export_response, tabel_als_dict, tabel_uit_dict
from passend.web.toegang import toegang


def _zichtbaar(user: Any) -> list[GepubliceerdRapport]:
    return GepubliceerdRapport.zichtbaar_voor(gemeenten_in_scope(user))


@toegang(r.RAPPORTEN)
def lijst(request: HttpRequest) -> HttpResponse:
    return render(request, "passend/rapporten/lijst.html", {"rapporten": _zichtbaar(request.user)})


def _gemeenten(f: Filters, user: Any) -> list[str]:
    if f.gemeente:
        return [f.gemeente]
    if f.regio:
        return list(
            Gemeente.objects.filter(jeugdregio__naam=f.regio).values_list("code", flat=True)
        )
    return sorted(gemeenten_in_scope(user))


def _inhoud_als_dict(inhoud: Inhoud) -> dict[str, Any]:
    return {
        "titel": str(inhoud.titel),
        "gebied": inhoud.filters.gebied_naam,
        "jaar": inhoud.filters.jaar,
        "kerngetallen": [
            {"label": str(k.label), "waarde": k.waarde, "soort": k.soort}
            for k in inhoud.kerngetallen
        ],
        "grafieken": inhoud.grafieken,
        "tabellen": [tabel_als_dict(t) for t in inhoud.tabellen],
    }


@require_POST
@toegang(r.PUBLICEREN)
def publiceren(request: HttpRequest) -> HttpResponse:
    pagina = PAGINAS.get(request.POST.get("soort", ""))
    if pagina is None or rol_van(request.user) not in pagina.rollen:
        raise PermissionDenied("Deze pagina kunt u niet publiceren.")
    q = QueryDict(request.POST.get("query", ""))
    f = lees_filters(
        request.user, q, standaard_jaar=pagina.standaard_jaar, keuzes=pagina.keuzes, openbaar=True
    )
    inhoud = pagina.bouw(f)
    titel = (request.POST.get("titel") or str(inhoud.titel)).strip()[:200]
    rapport = GepubliceerdRapport.objects.create(
        titel=titel,
        soort=pagina.naam,
        parameters=f.als_dict(),
        gemeenten=_gemeenten(f, request.user),
        inhoud=_inhoud_als_dict(inhoud),
        gepubliceerd_door=request.user.username,
    )
    audit.schrijf(
        request, AuditRegel.Actie.BEHEER, f"rapport {rapport.pk} gepubliceerd", soort=pagina.naam
    )
    messages.success(request, _("Het rapport is gepubliceerd."))
    return redirect("rapport", rapport_id=rapport.pk)


@toegang(r.RAPPORTEN)
def detail(request: HttpRequest, rapport_id: int) -> HttpResponse:
    rapport = get_object_or_404(GepubliceerdRapport, pk=rapport_id)
    if not gemeenten_in_scope(request.user) & set(rapport.gemeenten):
        raise Http404
    tabellen = [tabel_uit_dict(t) for t in rapport.inhoud.get("tabellen", [])]
    if (export := export_response(tabellen, request)) is not None:
        return export
    context = {
        "rapport": rapport,
        "inhoud": rapport.inhoud,
        "tabellen": tabellen,
        "definities": f"passend/analyse/definities/{rapport.soort}.html",
    }
    return render(request, "passend/rapporten/detail.html", context)
