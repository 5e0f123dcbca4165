"""Named scenarios (create, edit, run the Monte Carlo engine, compare with the baseline) and
the downloads of the inkoopstrategie (PDF, Excel, OCDS JSON) made by the CLI's functions."""

from __future__ import annotations

import json
import time
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.planning import models as pm
from passend.planning.opslag import bouw_document, laad_scenario, reken_en_bewaar, samenvatting
from passend.strategy.document import Inkoopstrategie
from passend.strategy.invoer import bouw_invoer
from passend.web import analysedata
from passend.web import forms_planning as fp
from passend.web.grafieken import staven
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb

#: Monte Carlo runs of a scenario run from the web (the CLI's default; measured well under
#: a request timeout on the demo region, see docs/strategie.md).
RUNS = 2000
#: Runs per scenario inside a downloaded document (it runs up to four scenarios at once).
DOCUMENT_RUNS = 500


def _segmenten(gebied: str) -> list[tuple[str, str]]:
    """The segments a per-segment lever can name: the active model's purchased segments."""
    seg = pb.analysegebied(gebied).segmentatie
    return [
        (s.code, f"{s.code} {s.naam}") for s in seg.segmenten if not s.apart and s.domein == "jeugd"
    ]


@toegang(PLANNING)
def scenarios(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    return render(
        request,
        "passend/planning/scenarios.html",
        pb.context(
            request,
            gebied,
            scenarios=pm.Scenario.objects.filter(gebied=gebied),
            runs=RUNS,
        ),
    )


@toegang(PLANNING_BEWERKEN)
def scenario_nieuw(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    return _formulier(request, gebied, None)


@toegang(PLANNING)
def scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Scenario, pk=scenario_id)
    pb.eis_scope(request.user, obj.gebied)
    if request.method == "POST" and not pb.mag_bewerken(request):
        raise PermissionDenied
    return _formulier(request, obj.gebied, obj)


def _formulier(request: HttpRequest, gebied: str, obj: pm.Scenario | None) -> HttpResponse:
    initieel = fp.scenario_initieel(obj) if obj else {}
    form = fp.ScenarioForm(
        request.POST or None,
        initial=initieel,
        segmenten=_segmenten(gebied),
        gebied=gebied,
        bestaand=obj,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        obj = obj or pm.Scenario(gebied=gebied)
        obj.naam, obj.omschrijving = d["naam"], d["omschrijving"]
        obj.hefbomen, obj.segmentmodel = d["hefbomen"].als_dict(), pb.actief_object(gebied)
        obj.resultaat, obj.berekend_op = None, None  # the levers changed: the result is stale
        obj.save()
        pb.log(request, f"scenario {obj.naam}", gebied=gebied)
        if "doorrekenen" in request.POST:
            _reken_en_meld(
                request, obj, _("Het scenario is opgeslagen en doorgerekend (%(s).1f s).")
            )
        else:
            messages.success(request, _("Het scenario is opgeslagen."))
        return redirect(pb.url("planning-scenario", gebied, obj.pk))
    return render(
        request,
        "passend/planning/scenario.html",
        pb.context(
            request,
            gebied,
            obj=obj,
            form=form,
            runs=RUNS,
            resultaat=samenvatting(obj) if obj and obj.resultaat else None,
        ),
        status=400 if form.is_bound else 200,
    )


def _reken_en_meld(request: HttpRequest, obj: pm.Scenario, melding: str) -> None:
    """Run the scenario; a forecast the data cannot support (e.g. no population figures for
    the area) becomes a Dutch message instead of a server error."""
    try:
        seconden = _doorrekenen(obj)
    except ValueError as fout:
        messages.error(request, _("Doorrekenen lukte niet: %(fout)s") % {"fout": fout})
        return
    pb.log(
        request,
        f"scenario {obj.naam} doorgerekend",
        gebied=obj.gebied,
        runs=RUNS,
        seconden=round(seconden, 2),
    )
    messages.success(request, melding % {"s": seconden})


def _doorrekenen(obj: pm.Scenario) -> float:
    """Run and store the scenario with its paired baseline (the service the CLI and the demo
    use); returns the seconds it took."""
    begin = time.monotonic()
    invoer = analysedata.bereken(bouw_invoer, pb.analysegebied(obj.gebied))
    reken_en_bewaar(invoer, laad_scenario(obj), obj.gebied, runs=RUNS, seed=obj.seed)
    return time.monotonic() - begin


@toegang(PLANNING_BEWERKEN)
@require_POST
def scenario_doorrekenen(request: HttpRequest, scenario_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Scenario, pk=scenario_id)
    pb.eis_scope(request.user, obj.gebied)
    _reken_en_meld(request, obj, _("Het scenario is doorgerekend (%(s).1f s)."))
    return redirect(pb.url("planning-scenario", obj.gebied, obj.pk))


def _gekozen(request: HttpRequest, gebied: str) -> list[pm.Scenario]:
    ids = [int(i) for i in request.GET.getlist("s") if i.isdigit() and len(i) < 19]
    gekozen = list(pm.Scenario.objects.filter(pk__in=ids))
    for obj in gekozen:
        pb.eis_scope(request.user, obj.gebied)
    gekozen = [obj for obj in gekozen if obj.resultaat]
    return gekozen or list(pm.Scenario.objects.filter(gebied=gebied, resultaat__isnull=False))


@toegang(PLANNING)
def vergelijking(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    gekozen = _gekozen(request, gebied)
    rijen = [samenvatting(obj) for obj in gekozen]
    basis = next(
        (
            obj.resultaat["vergelijking"]["basis"]
            for obj in gekozen
            if "vergelijking" in obj.resultaat
        ),
        None,
    )
    if basis is not None:
        rijen.insert(
            0, {**basis, "scenario": _("Basis (huidig beleid)"), "gepaard": True, "is_basis": True}
        )
    return render(
        request,
        "passend/planning/vergelijking.html",
        pb.context(
            request,
            gebied,
            rijen=rijen,
            gekozen=gekozen,
            grafieken=_grafiek(rijen) if rijen else [],
            alle=pm.Scenario.objects.filter(gebied=gebied, resultaat__isnull=False),
        ),
    )


def _grafiek(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    waarden = [
        {"scenario": r["scenario"], "domein": naam, "euro": round(r[f"{d}_p50"])}
        for r in rijen
        for d, naam in (("jeugd", _("Jeugd")), ("wmo", _("Wmo")))
    ]
    return [
        staven(
            "scenario-kosten",
            _("Zorgkosten over de hele periode (P50, €)"),
            waarden,
            x="scenario",
            y="euro",
            x_titel=_("Scenario"),
            y_titel=_("Kosten (€)"),
            kleur="domein",
            kleur_titel=_("Domein"),
            horizontaal=True,
        )
    ]


# -- downloads -------------------------------------------------------------------------------
def _document(gebied: str) -> Inkoopstrategie:
    """The inkoopstrategie of the area from its stored planning, as ``passend strategie
    document`` makes it (:func:`passend.planning.opslag.bouw_document`)."""
    return analysedata.met_verbinding(bouw_document, gebied, runs=DOCUMENT_RUNS)


def _bestand(request: HttpRequest, soort: str) -> tuple[str, Inkoopstrategie]:
    gebied = pb.kies_gebied(request)
    pb.log(request, f"inkoopstrategie {soort}", gebied=gebied)
    return gebied, _document(gebied)


def _bijlage(inhoud: bytes, type_: str, naam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=type_)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


@toegang(PLANNING)
def document_pdf(request: HttpRequest) -> HttpResponse:
    from passend.strategy.pdf import als_pdf

    gebied, s = _bestand(request, "pdf")
    return _bijlage(
        als_pdf(s), "application/pdf", f"inkoopstrategie-{slugify(gebied) or 'alle'}.pdf"
    )


@toegang(PLANNING)
def document_excel(request: HttpRequest) -> HttpResponse:
    from passend.strategy.excel import als_xlsx

    gebied, s = _bestand(request, "excel")
    return _bijlage(
        als_xlsx(s),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"inkoopstrategie-{slugify(gebied) or 'alle'}.xlsx",
    )


@toegang(PLANNING)
def document_ocds(request: HttpRequest) -> HttpResponse:
    from passend.strategy.ocds import ocds_pakket

    gebied, s = _bestand(request, "ocds")
    tekst = json.dumps(ocds_pakket(s), ensure_ascii=False, indent=2)
    return _bijlage(
        tekst.encode(), "application/json", f"inkoopstrategie-{slugify(gebied) or 'alle'}-ocds.json"
    )
