"""Step 3: the vision and commitment, ambitions per target group tied to the principles,
their indicators, hand-entered measurements and the commitment monitor."""

from __future__ import annotations

from typing import Any

import duckdb
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.analysis.gebied import Gebied
from passend.planning import models as pm
from passend.planning.opslag import bewaar_kader, laad_kader
from passend.strategy.ambities import (
    BEREKENDE_INDICATOREN,
    PRINCIPES,
    Ambitiekader,
    met_basiswaarden,
    monitor,
    principetoets,
    voorbeeldkader,
)
from passend.strategy.invoer import basisjaar_van
from passend.web import analysedata
from passend.web import forms_planning as fp
from passend.web.grafieken import lijn
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb


def basiswaarden(
    con: duckdb.DuckDBPyConnection, kader: Ambitiekader, gebied: Gebied
) -> Ambitiekader:
    """:func:`met_basiswaarden` with the connection first, as the analysis cache calls it."""
    return met_basiswaarden(kader, con, gebied)


def monitorrijen(
    con: duckdb.DuckDBPyConnection, kader: Ambitiekader, jaren: tuple[int, ...], gebied: Gebied
) -> list[dict[str, Any]]:
    """:func:`monitor` with the connection first, as the analysis cache calls it."""
    return monitor(kader, jaren, con, gebied)


def _eis_bewerken(request: HttpRequest) -> None:
    if request.method == "POST" and not pb.mag_bewerken(request):
        raise PermissionDenied


@toegang(PLANNING)
def ambities(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    _eis_bewerken(request)
    kader = pm.Ambitiekader.objects.filter(gebied=gebied).first()
    data = request.POST if request.method == "POST" else None
    kader_form = fp.KaderForm(data, instance=kader)
    formset = fp.AmbitieFormSet(
        data, prefix="amb", queryset=(kader.ambities.all() if kader else pm.Ambitie.objects.none())
    )
    if data is not None and kader_form.is_valid() and formset.is_valid():
        _bewaar_ambities(request, gebied, kader_form, formset)
        messages.success(request, _("De ambities zijn opgeslagen."))
        return redirect(pb.url("planning-ambities", gebied))
    waarde = laad_kader(gebied)
    return render(
        request,
        "passend/planning/ambities.html",
        pb.context(
            request,
            gebied,
            kader=kader,
            kader_form=kader_form,
            formset=formset,
            toets=_toets(waarde) if waarde else [],
            principes=PRINCIPES,
        ),
        status=400 if data is not None else 200,
    )


def _toets(kader: Any) -> list[dict[str, Any]]:
    """The principetoets as rows: one per principle, a cell per target group."""
    rijen: dict[str, dict[str, Any]] = {}
    for r in principetoets(kader):
        rij = rijen.setdefault(r["principe"], {"omschrijving": r["omschrijving"], "cellen": []})
        rij["cellen"].append(r["ambities"])
    return list(rijen.values())


def _bewaar_ambities(
    request: HttpRequest, gebied: str, kader_form: fp.KaderForm, formset: Any
) -> None:
    with transaction.atomic():
        kader = kader_form.save(commit=False)
        kader.gebied = gebied
        kader.save()
        for volgorde, ambitie in enumerate(formset.save(commit=False)):
            ambitie.kader, ambitie.volgorde = kader, ambitie.volgorde or volgorde
            ambitie.save()
        for weg in formset.deleted_objects:
            weg.delete()
    pb.log(request, "ambities", gebied=gebied, ambities=kader.ambities.count())


@toegang(PLANNING_BEWERKEN)
@require_POST
def ambities_voorbeeld(request: HttpRequest) -> HttpResponse:
    """Start from the example framework, its baselines taken from the area's data."""
    gebied = pb.kies_gebied(request)
    if pm.Ambitiekader.objects.filter(gebied=gebied).exists():
        messages.error(request, _("Er is al een ambitiekader; het voorbeeld is niet geladen."))
        return redirect(pb.url("planning-ambities", gebied))
    jaar = analysedata.bereken(basisjaar_van)
    kader = analysedata.bereken(basiswaarden, voorbeeldkader(jaar - 2), pb.analysegebied(gebied))
    bewaar_kader(kader, gebied)
    pb.log(request, "ambities voorbeeld", gebied=gebied)
    messages.success(request, _("Het voorbeeldkader is geladen; pas het aan naar uw gebied."))
    return redirect(pb.url("planning-ambities", gebied))


@toegang(PLANNING)
def indicatoren(request: HttpRequest, ambitie_id: int) -> HttpResponse:
    ambitie = get_object_or_404(pm.Ambitie.objects.select_related("kader"), pk=ambitie_id)
    gebied = ambitie.kader.gebied
    pb.eis_scope(request.user, gebied)
    _eis_bewerken(request)
    data = request.POST if request.method == "POST" else None
    formset = fp.IndicatorFormSet(
        data, prefix="ind", queryset=ambitie.indicatoren.all(), form_kwargs={"gebied": gebied}
    )
    if data is not None and formset.is_valid():
        with transaction.atomic():
            for i, ind in enumerate(formset.save(commit=False)):
                ind.ambitie, ind.volgorde = ambitie, ind.volgorde or i
                ind.save()
            for weg in formset.deleted_objects:
                weg.delete()
        pb.log(request, f"indicatoren {ambitie.titel}", gebied=gebied)
        messages.success(request, _("De indicatoren zijn opgeslagen."))
        return redirect(pb.url("planning-indicatoren", gebied, ambitie.pk))
    bronnen = [(k, b.naam, b.uitleg) for k, b in BEREKENDE_INDICATOREN.items()]
    return render(
        request,
        "passend/planning/indicatoren.html",
        pb.context(
            request,
            gebied,
            ambitie=ambitie,
            formset=formset,
            bronnen=bronnen,
        ),
        status=400 if data is not None else 200,
    )


@toegang(PLANNING)
def metingen(request: HttpRequest, indicator_id: int) -> HttpResponse:
    ind = get_object_or_404(pm.Indicator.objects.select_related("ambitie__kader"), pk=indicator_id)
    gebied = ind.ambitie.kader.gebied
    pb.eis_scope(request.user, gebied)
    _eis_bewerken(request)
    form = fp.MetingForm(request.POST or None)
    if request.method == "POST":
        if ind.bron != "handmatig":
            form.add_error(
                None,
                _(
                    "Deze indicator wordt berekend uit de gegevens; een meting "
                    "invoeren kan alleen bij een handmatige indicator."
                ),
            )
        elif form.is_valid():
            d = form.cleaned_data
            pm.Meting.objects.update_or_create(
                indicator=ind,
                jaar=d["jaar"],
                defaults={"waarde": d["waarde"], "toelichting": d["toelichting"]},
            )
            pb.log(request, f"meting {ind.code} {d['jaar']}", gebied=gebied)
            messages.success(request, _("De meting is opgeslagen."))
            return redirect(pb.url("planning-metingen", gebied, ind.pk))
    return render(
        request,
        "passend/planning/metingen.html",
        pb.context(
            request,
            gebied,
            ind=ind,
            form=form,
            metingen=ind.metingen.all(),
        ),
        status=400 if request.method == "POST" else 200,
    )


STATUS_KLASSE = {
    "op koers": "goed",
    "gehaald": "goed",
    "achter": "slecht",
    "niet gehaald": "slecht",
    "geen gegevens": "leeg",
    "voorlopig": "leeg",
}


@toegang(PLANNING)
def commitmentmonitor(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    kader = laad_kader(gebied)
    rijen: list[dict[str, Any]] = []
    grafieken: list[dict[str, Any]] = []
    if kader is not None and kader.indicatoren():
        rijen = _monitor(gebied, kader)
        grafieken = _grafieken(rijen)
    return render(
        request,
        "passend/planning/monitor.html",
        pb.context(
            request,
            gebied,
            kader=kader,
            rijen=rijen,
            grafieken=grafieken,
            per_indicator=_per_indicator(rijen),
        ),
    )


def _monitor(gebied: str, kader: Any) -> list[dict[str, Any]]:
    # up to the data's last full year, or further when a hand measurement is newer
    metingen = [m.jaar for _a, i in kader.indicatoren() for m in i.metingen]
    laatste = max([analysedata.bereken(basisjaar_van), *metingen])
    eerste = min(i.basisjaar for _a, i in kader.indicatoren())
    jaren = range(min(eerste, laatste), laatste + 1)
    rijen = analysedata.bereken(monitorrijen, kader, tuple(jaren), pb.analysegebied(gebied))
    return [{**r, "klasse": STATUS_KLASSE.get(r["status"], "")} for r in rijen]


def _per_indicator(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One block per indicator: its rows and its latest status."""
    uit: dict[str, dict[str, Any]] = {}
    for r in rijen:
        blok = uit.setdefault(
            r["indicator"],
            {"naam": r["naam"], "ambitie": r["ambitie"], "doelgroep": r["doelgroep"], "rijen": []},
        )
        blok["rijen"].append(r)
        blok["status"], blok["klasse"] = r["status"], r["klasse"]
    return list(uit.values())


#: Axis and tooltip format per indicator unit, as the tables show them (a share as 60%).
_FORMAAT = {"aandeel": ".0%", "euro": "$,.0f", "dagen": ",.1f", "aantal": ",.0f"}


def _grafieken(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    doel, werkelijk = _("Doel"), _("Werkelijk")
    per: dict[str, list[dict[str, Any]]] = {}
    eenheden = {r["indicator"]: r.get("eenheid", "") for r in rijen}
    for r in rijen:
        per.setdefault(r["indicator"], [])
        per[r["indicator"]] += [
            {"jaar": r["jaar"], "reeks": doel, "waarde": r["doel"], "naam": r["naam"]},
            {"jaar": r["jaar"], "reeks": werkelijk, "waarde": r["werkelijk"], "naam": r["naam"]},
        ]
    grafieken = [
        lijn(
            f"monitor-{code}",
            reeks[0]["naam"],
            reeks,
            x="jaar",
            y="waarde",
            kleur="reeks",
            x_titel=_("Jaar"),
            y_titel=_("Waarde"),
            kleur_titel=_("Reeks"),
            y_formaat=_FORMAAT.get(eenheden[code], ",.2f"),
        )
        for code, reeks in per.items()
    ]
    for g in grafieken:
        g["spec"]["height"] = 170  # two charts side by side (see planning.css)
    return grafieken
