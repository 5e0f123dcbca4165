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
from passend.analysis.dekking import JaarBuitenGegevens
from passend.analysis.uitvoer import Rapportinfo, als_xlsx
from passend.monitoring.bestedingsruimte import PeildatumBuitenJaar
from passend.monitoring.raadspdf import als_pdf
from passend.monitoring.raadsrapportage import Raadsrapportage
from passend.planning.raad import gemeenten_van, maak_raadsrapportage
from passend.reference.models import Gemeente
from passend.web import analysedata
from passend.web.models import GepubliceerdRapport
from passend.web.paginas.basis import Filters, Inhoud, lees_filters
from passend.web.paginas.register import PAGINAS
from passend.web.raad import publiceer, raadstabellen
from passend.web.tabellen import export_response, tabel_als_dict, tabel_uit_dict
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb
from passend.web.weergave import taal


def _zichtbaar(user: Any) -> list[GepubliceerdRapport]:
    return GepubliceerdRapport.zichtbaar_voor(gemeenten_in_scope(user))


@toegang(r.RAPPORTEN)
def lijst(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"rapporten": _zichtbaar(request.user)}
    if rol_van(request.user) in r.PUBLICEREN:
        context["gebieden"] = [(k, n) for k, n in pb.gebieden(request.user) if k]
        context["jaren"] = list(reversed(analysedata.dekking().jaren()))
    return render(request, "passend/rapporten/lijst.html", context)


@require_POST
@toegang(r.PUBLICEREN)
def raadsrapportage(request: HttpRequest) -> HttpResponse:
    """Make and publish the raadsrapportage of an area and year (frozen: the raad reads the
    document as it was published, in the page, the PDF and the workbook)."""
    gebied = pb.kies_gebied(request)
    try:
        jaar = int(request.POST.get("jaar", ""))
    except ValueError:
        raise Http404(_("Niet gevonden.")) from None
    analysegebied = pb.analysegebied(gebied)
    try:
        document = analysedata.met_verbinding(maak_raadsrapportage, analysegebied, jaar)
    except (JaarBuitenGegevens, PeildatumBuitenJaar) as fout:
        messages.error(request, str(fout))
        return redirect("rapporten")
    gemeenten = gemeenten_van(analysegebied)
    rapport = publiceer(
        document,
        gebied,
        gemeenten if gemeenten is not None else sorted(gemeenten_in_scope(request.user)),
        request.user.username,
    )
    audit.schrijf(
        request, AuditRegel.Actie.BEHEER, f"rapport {rapport.pk} gepubliceerd", soort="raad"
    )
    messages.success(request, _("De raadsrapportage is gepubliceerd."))
    return redirect("rapport", rapport_id=rapport.pk)


def _document(rapport: GepubliceerdRapport, soort: str) -> HttpResponse | None:
    """The frozen raadsrapportage as PDF or workbook (?document=pdf|xlsx)."""
    if rapport.soort != "raadsrapportage" or soort not in ("pdf", "xlsx"):
        return None
    document = Raadsrapportage.uit_json(rapport.inhoud["raadsrapportage"])
    t = taal()
    naam = f"{'council-report' if t == 'en' else 'raadsrapportage'}-{document.jaar}"
    if soort == "pdf":
        antwoord = HttpResponse(als_pdf(document, t), content_type="application/pdf")
    else:
        info = Rapportinfo("raadsrapportage", document.jaar, document.gebied, "", True)
        antwoord = HttpResponse(
            als_xlsx(document.bladen(), info=info, taal=t),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{soort}"'
    return antwoord


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
    if (document := _document(rapport, request.GET.get("document", ""))) is not None:
        return document
    tabellen = [tabel_uit_dict(t) for t in rapport.inhoud.get("tabellen", [])]
    if rapport.soort == "raadsrapportage":  # its words follow the reader's language
        tabellen = raadstabellen(Raadsrapportage.uit_json(rapport.inhoud["raadsrapportage"]))
    if (export := export_response(tabellen, request)) is not None:
        return export
    context = {
        "rapport": rapport,
        "inhoud": rapport.inhoud,
        "tabellen": tabellen,
        "definities": f"passend/analyse/definities/{rapport.soort}.html",
    }
    return render(request, "passend/rapporten/detail.html", context)
