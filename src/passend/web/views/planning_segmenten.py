"""Planning overview and segment models: list, create from a built-in model, edit segments
and product-code rules, mark one active, and the report of unmapped products."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.analysis.segmentatie import Segmentatie, niet_ingedeeld
from passend.planning import models as pm
from passend.planning.opslag import (
    NaamBestaatAl,
    activeer_segmentmodel,
    laad_segmentmodel,
    nieuw_segmentmodel,
)
from passend.strategy.segmentmodellen import model as ingebouwd
from passend.strategy.segmentmodellen import modellen, ongedekte_categorieen
from passend.web import analysedata
from passend.web import forms_planning as fp
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb


def _url(naam: str, gebied: str, *args: object) -> str:
    return pb.url(naam, gebied, *args)


@toegang(PLANNING)
def overzicht(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    actief = pb.actief_object(gebied)
    return render(
        request,
        "passend/planning/overzicht.html",
        pb.context(
            request,
            gebied,
            actief=actief,
            aantal_scenarios=pm.Scenario.objects.filter(gebied=gebied).count(),
            documentscenarios=pm.Scenario.objects.filter(gebied=gebied, in_document=True)
            .order_by("naam")
            .defer("uitkomst", "basis_uitkomst"),
            kader=pm.Ambitiekader.objects.filter(gebied=gebied).first(),
        ),
    )


@toegang(PLANNING)
def segmentmodellen(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    form = fp.NieuwModelForm(request.POST or None, gebied=gebied)
    if request.method == "POST":
        if not pb.mag_bewerken(request):
            raise PermissionDenied
        if form.is_valid():
            try:
                obj = nieuw_segmentmodel(
                    gebied, ingebouwd(form.cleaned_data["basis"]), form.cleaned_data["naam"]
                )
            except NaamBestaatAl as fout:
                form.add_error("naam", str(fout))
                return _lijst(request, gebied, form)
            pb.log(
                request, f"segmentmodel {obj.naam}", gebied=gebied, basis=form.cleaned_data["basis"]
            )
            messages.success(request, _("Het segmentmodel is aangemaakt."))
            return redirect(_url("planning-segmentmodel", gebied, obj.pk))
    return _lijst(request, gebied, form)


def _lijst(request: HttpRequest, gebied: str, form: fp.NieuwModelForm) -> HttpResponse:
    return render(
        request,
        "passend/planning/segmentmodellen.html",
        pb.context(
            request,
            gebied,
            form=form,
            opgeslagen=pm.Segmentmodel.objects.filter(gebied=gebied),
            ingebouwd=[
                {"sleutel": k, "model": m, "jeugd": [s for s in m.segmenten if s.domein == "jeugd"]}
                for k, m in modellen().items()
            ],
        ),
        status=400 if form.errors else 200,
    )


def _formsets(request: HttpRequest, seg: Segmentatie) -> tuple[fp.ModelNaamForm, ...]:
    data = request.POST if request.method == "POST" else None
    naam = fp.ModelNaamForm(data, initial={"naam": seg.naam, "toelichting": seg.toelichting})
    segmenten = fp.SegmentFormSet(data, prefix="seg", initial=fp.segment_initieel(seg))
    regels = fp.RegelFormSet(data, prefix="regel", initial=fp.regel_initieel(seg))
    return naam, segmenten, regels


@toegang(PLANNING)
def segmentmodel(request: HttpRequest, model_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Segmentmodel, pk=model_id)
    pb.eis_scope(request.user, obj.gebied)
    seg = laad_segmentmodel(obj)
    naam, segmenten, regels = _formsets(request, seg)
    fout = ""
    if request.method == "POST":
        if not pb.mag_bewerken(request):
            raise PermissionDenied
        if naam.is_valid() and segmenten.is_valid() and regels.is_valid():
            try:
                nieuw = fp.bouw_segmentatie(naam, segmenten, regels)
            except fp.ValidationError as e:
                fout = " ".join(e.messages)
            else:
                return _bewaar_model(request, obj, nieuw)
        fout = fout or _("Het model is niet opgeslagen: verbeter de gemarkeerde velden.")
    gebied = pb.analysegebied(obj.gebied).met_model(seg)
    return render(
        request,
        "passend/planning/segmentmodel.html",
        pb.context(
            request,
            obj.gebied,
            obj=obj,
            seg=seg,
            naam_form=naam,
            segmenten=segmenten,
            regels=regels,
            fout=fout,
            ongedekt=ongedekte_categorieen(seg),
            niet_ingedeeld=analysedata.bereken(niet_ingedeeld, gebied),
        ),
        status=400 if fout else 200,
    )


def _bewaar_model(request: HttpRequest, obj: pm.Segmentmodel, seg: Segmentatie) -> HttpResponse:
    if pm.Segmentmodel.objects.filter(gebied=obj.gebied, naam=seg.naam).exclude(pk=obj.pk).exists():
        messages.error(request, _("Er is al een segmentmodel met deze naam."))
        return redirect(_url("planning-segmentmodel", obj.gebied, obj.pk))
    obj.naam, obj.definitie = seg.naam, seg.als_dict()
    obj.save()
    pb.log(
        request,
        f"segmentmodel {obj.naam}",
        gebied=obj.gebied,
        segmenten=len(seg.segmenten),
        regels=len(seg.productregels),
    )
    messages.success(request, _("Het segmentmodel is opgeslagen."))
    return redirect(_url("planning-segmentmodel", obj.gebied, obj.pk))


@toegang(PLANNING_BEWERKEN)
@require_POST
def segmentmodel_activeren(request: HttpRequest, model_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Segmentmodel, pk=model_id)
    pb.eis_scope(request.user, obj.gebied)
    activeer_segmentmodel(obj)
    pb.log(request, f"segmentmodel {obj.naam} actief", gebied=obj.gebied)
    messages.success(request, _("%(naam)s is nu het actieve segmentmodel.") % {"naam": obj.naam})
    return redirect(_url("planning-segmentmodellen", obj.gebied))
