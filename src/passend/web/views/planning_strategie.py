"""Step 4: per segment of the active model the market figures, the guidance engine's proposal
per dimension with its reasons, the core-values trade-off, and recorded deviations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.planning.opslag import (
    actief_object_van,
    bewaar_strategie,
    laad_strategieen,
    model_voor_keuzes,
)
from passend.strategy.invoer import segmentkenmerken
from passend.strategy.keuzes import (
    DIMENSIES,
    KERNWAARDE_EFFECTEN,
    KERNWAARDEN,
    Segmentstrategie,
    kernwaarden_afweging,
    label,
)
from passend.strategy.richtlijnen import Segmentkenmerken, adviseer, voorstel
from passend.web import analysedata
from passend.web import forms_planning as fp
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb

#: The market figures shown per segment, with their labels and cell kind.
KENMERKEN = (
    ("clienten", gettext_lazy("Cliënten"), "geheel"),
    ("bedrag_eur", gettext_lazy("Uitgaven (€)"), "euro"),
    ("kosten_per_client_eur", gettext_lazy("Kosten per cliënt (€)"), "euro"),
    ("complexiteit", gettext_lazy("Complexiteit (1 = gemiddeld segment)"), "getal"),
    ("aanbieders", gettext_lazy("Aanbieders"), "geheel"),
    ("hhi", gettext_lazy("Concentratie (HHI)"), "geheel"),
    ("top3_aandeel", gettext_lazy("Aandeel grootste drie aanbieders"), "procent"),
    ("groei_kosten_per_client", gettext_lazy("Groei kosten per cliënt"), "procent"),
    ("duur_mediaan_dagen", gettext_lazy("Mediaan duur (dagen)"), "geheel"),
    ("startwachttijd_mediaan_dagen", gettext_lazy("Mediaan startwachttijd (dagen)"), "geheel"),
    ("aandeel_16_plus", gettext_lazy("Aandeel 16 jaar en ouder"), "procent"),
    ("zonder_vervolg_aandeel", gettext_lazy("Aandeel zonder vervolg na 18"), "procent"),
)


def _kenmerken(gebied: str) -> list[Segmentkenmerken]:
    return analysedata.bereken(segmentkenmerken, pb.analysegebied(gebied), None)


def _gekozen(gebied: str) -> dict[str, Segmentstrategie]:
    """The choices of the model that applies to the area (what its document shows)."""
    obj = actief_object_van(gebied)
    return {s.segment: s for s in laad_strategieen(obj)} if obj else {}


@toegang(PLANNING)
def strategie(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    seg = pb.analysegebied(gebied).segmentatie
    gekozen = _gekozen(gebied)
    rijen = []
    for k in _kenmerken(gebied):
        huidig = gekozen.get(k.segment) or voorstel(k)
        rijen.append(
            {
                "segment": k.segment,
                "naam": k.segmentnaam,
                "clienten": k.clienten,
                "keuzes": [label(huidig.keuze(d)) for d in DIMENSIES],
                "afwijkingen": len(huidig.overschrijvingen),
            }
        )
    return render(
        request,
        "passend/planning/strategie.html",
        pb.context(
            request,
            gebied,
            seg=seg,
            rijen=rijen,
            dimensies=[t for t, _o in DIMENSIES.values()],
        ),
    )


def _segment(gebied: str, code: str) -> Segmentkenmerken:
    k = next((k for k in _kenmerken(gebied) if k.segment == code), None)
    if k is None:
        raise Http404(_("Dit segment heeft geen gegevens in dit gebied."))
    return k


@toegang(PLANNING)
def segment(request: HttpRequest, segment: str) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    k = _segment(gebied, segment)
    return _toon(request, gebied, k, None)


def _keuzes(strategie: Segmentstrategie) -> dict[str, str]:
    return {d: str(strategie.keuze(d)) for d in DIMENSIES}


def _toon(
    request: HttpRequest, gebied: str, k: Segmentkenmerken, form: fp.AfwijkingForm | None
) -> HttpResponse:
    advies = adviseer(k)
    huidig = _gekozen(gebied).get(k.segment) or voorstel(k)
    form = form or fp.AfwijkingForm(
        voorstel={d: a.optie for d, a in advies.items()},
        gekozen=_keuzes(huidig),
        dimensie=request.GET.get("dimensie"),
    )
    return render(
        request,
        "passend/planning/segment.html",
        pb.context(
            request,
            gebied,
            k=k,
            kenmerken=_kenmerkrijen(k),
            form=form,
            dimensies=_dimensies(advies, huidig),
            kernwaarden=list(KERNWAARDEN),
            afweging=kernwaarden_afweging(huidig),
            historie=_historie(huidig),
            opties=fp.opties_per_dimensie(),
            gekozen=_keuzes(huidig),
        ),
        status=400 if form.is_bound else 200,
    )


def _kenmerkrijen(k: Segmentkenmerken) -> list[dict[str, Any]]:
    return [
        {"label": t, "waarde": getattr(k, veld), "soort": soort} for veld, t, soort in KENMERKEN
    ]


def _dimensies(advies: dict[str, Any], huidig: Segmentstrategie) -> list[dict[str, Any]]:
    """Per dimension: the proposal with its reasons, the current choice and every option's
    effect on the four core values."""
    uit = []
    for d, (titel, opties) in DIMENSIES.items():
        a = advies[d]
        uit.append(
            {
                "dimensie": d,
                "titel": titel,
                "voorstel": a.optie,
                "voorstel_label": label(a.optie),
                "redenen": a.redenen,
                "gekozen": huidig.keuze(d),
                "gekozen_label": label(huidig.keuze(d)),
                "opties": [
                    {
                        "optie": str(o),
                        "label": label(str(o)),
                        "effecten": [KERNWAARDE_EFFECTEN[(d, str(o))][w] for w in KERNWAARDEN],
                    }
                    for o in opties
                ],
            }
        )
    return uit


def _historie(huidig: Segmentstrategie) -> list[dict[str, Any]]:
    """Every deviation, newest first, with the choice it replaced."""
    vorige: dict[str, str] = {}
    rijen = []
    for o in huidig.overschrijvingen:
        rijen.append(
            {
                "op": o.op,
                "door": o.door,
                "dimensie": DIMENSIES[o.dimensie][0],
                "voorgesteld": label(o.voorgesteld),
                "van": label(vorige.get(o.dimensie, o.voorgesteld)),
                "naar": label(o.gekozen),
                "rationale": o.rationale,
            }
        )
        vorige[o.dimensie] = o.gekozen
    return rijen[::-1]


@toegang(PLANNING_BEWERKEN)
@require_POST
def afwijken(request: HttpRequest, segment: str) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    k = _segment(gebied, segment)
    advies = {d: a.optie for d, a in adviseer(k).items()}
    huidig_ = _gekozen(gebied).get(k.segment) or voorstel(k)
    form = fp.AfwijkingForm(request.POST, voorstel=advies, gekozen=_keuzes(huidig_))
    if not form.is_valid():
        return _toon(request, gebied, k, form)
    d = form.cleaned_data
    model = model_voor_keuzes(gebied)
    voorstel_ = voorstel(k)
    huidig = _gekozen(gebied).get(k.segment) or voorstel_
    rationale = d["rationale"].strip() or _("Terug naar het voorstel.")
    nieuw = huidig.overschrijf(d["dimensie"], d["optie"], rationale, door=request.user.username)
    bewaar_strategie(model, nieuw, voorstel_, gebruiker=request.user)
    pb.log(
        request,
        f"strategie segment {k.segment}",
        gebied=gebied,
        dimensie=d["dimensie"],
        van=huidig.keuze(d["dimensie"]),
        naar=d["optie"],
    )
    messages.success(request, _("De keuze is vastgelegd met uw onderbouwing."))
    return redirect(pb.url("planning-segment", gebied, k.segment))
