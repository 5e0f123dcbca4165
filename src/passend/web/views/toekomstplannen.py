"""The toekomstplan register: the plans of the gemeenten in scope, pseudonymous, and an
editor to add, correct or remove one (regio-analist: client-level data).

A plan of a gemeente outside the user's scope is a 404. Finding a youth means typing the
BSN: it is pseudonymised with the import's key and never stored or shown.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import CLIENTNIVEAU
from passend.accounts.scope import gemeenten_in_scope
from passend.care.models import Toekomstplan
from passend.care.toekomstplannen import bewaar_toekomstplannen
from passend.domain.elfproef import is_geldig_bsn, normaliseer_bsn
from passend.domain.toekomstplan import BIG5, LEVENSDOMEINEN, ROLLEN
from passend.imports.keys import pseudoniem_van
from passend.reference.models import Gemeente
from passend.web.forms_toekomstplan import ToekomstplanForm
from passend.web.tabellen import Kolom, Tabel, export_response
from passend.web.toegang import toegang

#: The most plans the page lists (the download has them all).
MAX_RIJEN = 500
_NAMEN = {
    **{c: nl for c, (nl, _en) in BIG5.items()},
    **{c: nl for c, (nl, _) in LEVENSDOMEINEN.items()},
}


def _plannen(request: HttpRequest) -> object:
    return Toekomstplan.objects.filter(gemeente_id__in=gemeenten_in_scope(request.user))


def _gemeenten(request: HttpRequest) -> list[tuple[str, str]]:
    codes = gemeenten_in_scope(request.user)
    return list(
        Gemeente.objects.filter(code__in=codes).order_by("naam").values_list("code", "naam")
    )


def _gezocht(request: HttpRequest) -> str | None:
    """The pseudonym of the BSN searched for ('' for an invalid one, None: no search). The
    search is a POST: a BSN in a URL would reach the audit log and the server's logs."""
    tekst = request.POST.get("bsn", "").strip() if request.method == "POST" else ""
    if not tekst:
        return None
    bsn = normaliseer_bsn(tekst)
    if bsn is None or not is_geldig_bsn(bsn):
        return ""
    return pseudoniem_van(bsn)


def _rij(p: Toekomstplan, gemeenten: dict[str, str]) -> dict[str, object]:
    return {
        "id": p.pk,
        "pseudoniem": p.pseudoniem[:12],
        "gemeente": gemeenten.get(p.gemeente_id, p.gemeente_id),
        "datum_plan": p.datum_plan,
        "regiehouder": p.regiehouder_agb or ROLLEN.get(p.regiehouder_rol, ("",))[0],
        "datum_overdracht_gestart": p.datum_overdracht_gestart,
        "domeinen": ", ".join(_NAMEN.get(d, d) for d in p.domeinlijst),
        "gewijzigd_door": p.gewijzigd_door,
    }


@toegang(CLIENTNIVEAU)
def register(request: HttpRequest) -> HttpResponse:
    gezocht = _gezocht(request)
    plannen = _plannen(request)
    if gezocht is not None:
        plannen = plannen.filter(pseudoniem=gezocht)
    gemeenten = dict(_gemeenten(request))
    rijen = [_rij(p, gemeenten) for p in plannen.order_by("-datum_plan", "pseudoniem")]
    tabel = Tabel(
        id="toekomstplannen",
        titel=_("Toekomstplannen"),
        bijschrift=_("Pseudoniem: de eerste 12 tekens van de sleutel-hash van het BSN."),
        kolommen=[
            Kolom("id", _("Nr."), "geheel"),
            Kolom("pseudoniem", _("Pseudoniem")),
            Kolom("gemeente", _("Gemeente")),
            Kolom("datum_plan", _("Datum plan"), "datum"),
            Kolom("regiehouder", _("Regiehouder")),
            Kolom("datum_overdracht_gestart", _("Overdracht gestart"), "datum"),
            Kolom("domeinen", _("Domeinen")),
        ],
        rijen=rijen,
        koppelingen={"id": reverse("toekomstplannen") + "plan/"},
    )
    if (export := export_response([tabel], request)) is not None:
        return export
    context = {
        "tabel": replace(tabel, rijen=rijen[:MAX_RIJEN]),
        "aantal": len(rijen),
        "max_rijen": MAX_RIJEN,
        "gezocht": gezocht,
    }
    return render(request, "passend/toekomstplannen/register.html", context)


@toegang(CLIENTNIVEAU)
def nieuw(request: HttpRequest) -> HttpResponse:
    return _bewerk(request, None)


@toegang(CLIENTNIVEAU)
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    bestaand = _plannen(request).filter(pk=plan_id).first()
    if bestaand is None:
        raise Http404(_("Niet gevonden."))
    if request.method == "POST" and "verwijderen" in request.POST:
        bestaand.delete()
        audit.schrijf(request, AuditRegel.Actie.BEHEER, f"toekomstplan {plan_id} verwijderd")
        messages.success(request, _("Het toekomstplan is verwijderd."))
        return redirect(reverse("toekomstplannen"))
    return _bewerk(request, bestaand)


def _initieel(p: Toekomstplan) -> dict[str, object]:
    return {
        "gemeente": p.gemeente_id,
        "datum_plan": p.datum_plan,
        "regiehouder_agb": p.regiehouder_agb,
        "regiehouder_rol": p.regiehouder_rol,
        "datum_overdracht_gestart": p.datum_overdracht_gestart,
        "domeinen": p.domeinlijst,
    }


def _bewerk(request: HttpRequest, bestaand: Toekomstplan | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ToekomstplanForm(
        data,
        initial=_initieel(bestaand) if bestaand else {},
        gemeenten=_gemeenten(request),
        bestaand=bestaand is not None,
    )
    if data is not None and form.is_valid():
        record = form.record(form.cleaned_data.get("bsn", ""))
        if form.controleer(record):
            naam = bestaand.pseudoniem if bestaand else pseudoniem_van(record.client.bsn)
            bewaar_toekomstplannen([(naam, record)], request.user.get_username())
            opgeslagen = Toekomstplan.objects.get(
                pseudoniem=naam, gemeente_id=record.gemeente, datum_plan=record.datum_plan
            )
            audit.schrijf(
                request,
                AuditRegel.Actie.BEHEER,
                f"toekomstplan {opgeslagen.pk}",
                nieuw=not bestaand,
            )
            messages.success(request, _("Het toekomstplan is opgeslagen."))
            return redirect(reverse("toekomstplan-plan", args=[opgeslagen.pk]))
    context = {"form": form, "plan": bestaand}
    return render(
        request,
        "passend/toekomstplannen/plan.html",
        context,
        status=400 if data is not None else 200,
    )
