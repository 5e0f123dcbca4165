"""The provider selection pages (issue 13 § 3, docs/contractering.md): the tenders of an area,
a new tender whose scoring method and weights are fixed the moment it is created, and per
tender the beoordelingscommissie's score entry, the ranking and the gunningsadvies (PDF).

Anyone with the contract pages reads; a user who may edit contracts creates tenders and
enters scores. The ranking and the PDF come from the same core functions as ``passend
selectie score`` (:mod:`passend.contracting.selectie`, :mod:`passend.contracting.gunningsadvies`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import CONTRACTEN
from passend.contracten.aanbestedingen import (
    SOORTEN_EIS,
    bewaar_oordelen,
    bewaar_scores,
    nieuwe_aanbesteding,
    nieuwe_toelating,
    toelatingsuitslag,
    uitslag,
)
from passend.contracten.models import Aanbesteding, Toelating
from passend.contracting.gunningsadvies import gunningsadvies_pdf
from passend.domain.opmaak import lees_bedrag
from passend.web.toegang import mag_contracten_bewerken, toegang
from passend.web.views import planning_basis as pb

#: Criteria rows the new-tender form offers.
CRITERIUMRIJEN = 5
#: Empty bid rows the score form offers below the bids entered.
LEGE_RIJEN = 3
#: Eis rows the new Open House form offers.
EISRIJEN = 8


def _decimaal(tekst: str, wat: str) -> Decimal | None:
    """A number as typed (80, 0,35, 1.250,50; :func:`passend.domain.opmaak.lees_bedrag`)."""
    tekst = tekst.strip()
    if not tekst:
        return None
    try:
        return lees_bedrag(tekst)
    except ValueError:
        fout = _("%(wat)s: '%(waarde)s' is geen getal.") % {"wat": wat, "waarde": tekst[:20]}
        raise ValueError(fout) from None


@toegang(CONTRACTEN)
def selectie(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    if request.method == "POST":
        if request.POST.get("actie") == "toelating":
            return _nieuwe_toelating(request, gebied)
        return _nieuw(request, gebied)
    aanbestedingen = Aanbesteding.objects.filter(gebied=gebied)
    return render(
        request,
        "passend/contracten/selectie.html",
        {
            "gebied": gebied,
            "gebieden": pb.gebieden(request.user),
            "aanbestedingen": aanbestedingen,
            "toelatingen": Toelating.objects.filter(gebied=gebied),
            "criteriumrijen": range(1, CRITERIUMRIJEN + 1),
            "eisrijen": range(1, EISRIJEN + 1),
            "mag_bewerken": mag_contracten_bewerken(request),
        },
    )


def _methode_uit_formulier(request: HttpRequest) -> dict[str, Any]:
    p = request.POST
    methode = p.get("methode", "")
    gewogen = methode == "gewogen_factor"
    criteria = []
    for i in range(1, CRITERIUMRIJEN + 1):
        code, naam = p.get(f"code-{i}", "").strip()[:20], p.get(f"naam-{i}", "").strip()[:200]
        if not code:
            continue
        waarde = _decimaal(p.get(f"waarde-{i}", ""), code) or Decimal(0)
        criteria.append(
            {
                "code": code,
                "naam": naam or code,
                "gewicht": str(waarde / 100) if gewogen else "0",
                "waarde_euro": "0" if gewogen else str(waarde),
            }
        )
    prijsgewicht = _decimaal(p.get("prijsgewicht", ""), _("Prijsgewicht")) or Decimal(0)
    pmax, pmin = (_decimaal(p.get(k, ""), k.capitalize()) for k in ("pmax", "pmin"))
    return {
        "methode": methode,
        "criteria": criteria,
        "prijsgewicht": str(prijsgewicht / 100) if gewogen else "0",
        "pmax": str(pmax) if gewogen and pmax is not None else None,
        "pmin": str(pmin) if gewogen and pmin is not None else None,
        "schaal": str(_decimaal(p.get("schaal", ""), _("Schaal")) or 10),
    }


def _nieuw(request: HttpRequest, gebied: str) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    try:
        a = nieuwe_aanbesteding(
            gebied,
            request.POST.get("titel", ""),
            _methode_uit_formulier(request),
            request.user.get_username(),
        )
    except (ValueError, ArithmeticError) as fout:
        messages.error(request, _("Niet vastgelegd: %(reden)s") % {"reden": str(fout)[:300]})
        return redirect(f"{reverse('contract-selectie')}?{urlencode({'gebied': gebied})}")
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"aanbesteding {a.pk} vastgelegd")
    messages.success(request, _("Methode en gewichten zijn vastgelegd; de commissie kan scoren."))
    return redirect("contract-aanbesteding", aanbesteding_id=a.pk)


def _aanbesteding(request: HttpRequest, aanbesteding_id: int) -> Aanbesteding:
    a = get_object_or_404(Aanbesteding, pk=aanbesteding_id)
    pb.eis_scope(request.user, a.gebied)
    return a


@toegang(CONTRACTEN)
def aanbesteding(request: HttpRequest, aanbesteding_id: int) -> HttpResponse:
    a = _aanbesteding(request, aanbesteding_id)
    if request.method == "POST":
        return _scores(request, a)
    methode, biedingen, uitslagen = uitslag(a)
    if request.GET.get("document") == "pdf":
        pdf = gunningsadvies_pdf(methode, biedingen, uitslagen, titel=a.titel)
        antwoord = HttpResponse(pdf, content_type="application/pdf")
        naam = slugify(a.titel) or "gunningsadvies"
        antwoord["Content-Disposition"] = f'attachment; filename="gunningsadvies-{naam}.pdf"'
        return antwoord
    gewogen = methode.methode == "gewogen_factor"
    rijen = [
        {
            "aanbieder": b.aanbieder,
            "prijs": b.prijs,
            "scores": [b.scores.get(c.code) for c in methode.criteria],
        }
        for b in biedingen
    ]
    rijen += [{"aanbieder": "", "prijs": "", "scores": [""] * len(methode.criteria)}] * LEGE_RIJEN
    return render(
        request,
        "passend/contracten/aanbesteding.html",
        {
            "a": a,
            "gebied": a.gebied,
            "methode": methode,
            "gewogen": gewogen,
            "rijen": rijen,
            "uitslagen": uitslagen,
            "mag_bewerken": mag_contracten_bewerken(request),
        },
    )


def _biedingen_uit_formulier(request: HttpRequest, codes: list[str]) -> list[dict[str, Any]]:
    p, uit = request.POST, []
    for i in range(int(p.get("rijen", "0") or 0)):
        aanbieder = p.get(f"aanbieder-{i}", "").strip()[:100]
        if not aanbieder:
            continue
        prijs = _decimaal(p.get(f"prijs-{i}", ""), aanbieder)
        if prijs is None:
            raise ValueError(_("%(aanbieder)s: vul de prijs in.") % {"aanbieder": aanbieder})
        scores = {}
        for code in codes:
            score = _decimaal(p.get(f"score-{i}-{code}", ""), f"{aanbieder} {code}")
            if score is None:
                raise ValueError(
                    _("%(aanbieder)s: vul de score op %(code)s in.")
                    % {"aanbieder": aanbieder, "code": code}
                )
            scores[code] = str(score)
        uit.append({"aanbieder": aanbieder, "prijs": str(prijs), "scores": scores})
    return uit


def _scores(request: HttpRequest, a: Aanbesteding) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    codes = [str(c["code"]) for c in a.methode["criteria"]]
    try:
        if int(request.POST.get("rijen", "0") or 0) > 1000:
            raise ValueError(_("Te veel rijen."))
        bewaar_scores(a, _biedingen_uit_formulier(request, codes), request.user.get_username())
    except (ValueError, ArithmeticError) as fout:
        messages.error(request, _("Niet opgeslagen: %(reden)s") % {"reden": str(fout)[:300]})
        return redirect("contract-aanbesteding", aanbesteding_id=a.pk)
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"aanbesteding {a.pk} scores")
    messages.success(request, _("De scores zijn opgeslagen en de rangorde is bijgewerkt."))
    return redirect("contract-aanbesteding", aanbesteding_id=a.pk)


# -- Open House ------------------------------------------------------------------------------
def _nieuwe_toelating(request: HttpRequest, gebied: str) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    p = request.POST
    eisen = [
        {
            "code": p.get(f"eis-code-{i}", "").strip()[:20],
            "soort": p.get(f"eis-soort-{i}", ""),
            "omschrijving": p.get(f"eis-omschrijving-{i}", "").strip()[:300],
        }
        for i in range(1, EISRIJEN + 1)
        if p.get(f"eis-code-{i}", "").strip()
    ]
    try:
        t = nieuwe_toelating(gebied, p.get("titel", ""), eisen, request.user.get_username())
    except ValueError as fout:
        messages.error(request, _("Niet vastgelegd: %(reden)s") % {"reden": str(fout)[:300]})
        return redirect(f"{reverse('contract-selectie')}?{urlencode({'gebied': gebied})}")
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"toelating {t.pk} vastgelegd")
    messages.success(request, _("De eisen zijn vastgelegd; beoordeel nu de aanbieders."))
    return redirect("contract-toelating", toelating_id=t.pk)


@toegang(CONTRACTEN)
def toelating(request: HttpRequest, toelating_id: int) -> HttpResponse:
    t = get_object_or_404(Toelating, pk=toelating_id)
    pb.eis_scope(request.user, t.gebied)
    if request.method == "POST":
        return _oordelen(request, t)
    rijen = [
        {"aanbieder": a, "oordelen": [oordelen.get(e["code"], {}) for e in t.eisen]}
        for a, oordelen in sorted(t.beoordelingen.items())
    ]
    rijen += [{"aanbieder": "", "oordelen": [{} for _e in t.eisen]}] * LEGE_RIJEN
    return render(
        request,
        "passend/contracten/toelating.html",
        {
            "t": t,
            "gebied": t.gebied,
            "rijen": rijen,
            "uitslag": toelatingsuitslag(t),
            "soorten": SOORTEN_EIS,
            "mag_bewerken": mag_contracten_bewerken(request),
        },
    )


def _oordelen(request: HttpRequest, t: Toelating) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    p = request.POST
    beoordelingen: dict[str, dict[str, dict[str, Any]]] = {}
    try:
        rijen = min(int(p.get("rijen", "0") or 0), 1000)
    except ValueError:
        rijen = 0
    for i in range(rijen):
        aanbieder = p.get(f"aanbieder-{i}", "").strip()[:100]
        if aanbieder:
            beoordelingen[aanbieder] = {
                e["code"]: {
                    "voldaan": p.get(f"voldaan-{i}-{e['code']}") == "ja",
                    "toelichting": p.get(f"toelichting-{i}-{e['code']}", "").strip()[:500],
                }
                for e in t.eisen
            }
    try:
        bewaar_oordelen(t, beoordelingen, request.user.get_username())
    except ValueError as fout:
        messages.error(request, _("Niet opgeslagen: %(reden)s") % {"reden": str(fout)[:300]})
        return redirect("contract-toelating", toelating_id=t.pk)
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"toelating {t.pk} oordelen")
    messages.success(request, _("De oordelen zijn opgeslagen."))
    return redirect("contract-toelating", toelating_id=t.pk)
