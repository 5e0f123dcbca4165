"""Named scenarios (create, edit, run the Monte Carlo engine, compare with the baseline) and
the downloads of the inkoopstrategie (PDF, Excel, OCDS JSON) made by the CLI's functions."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.planning import models as pm
from passend.planning.opslag import (
    documentonderdelen,
    laad_scenario,
    resultaat_met_vergelijking,
    samenvatting,
)
from passend.strategy.document import Inkoopstrategie, stel_op
from passend.strategy.invoer import bouw_invoer
from passend.strategy.scenario import simuleer
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


def _segmenten(regio: str) -> list[tuple[str, str]]:
    """The segments a per-segment lever can name: the active model's purchased segments."""
    seg = pb.actieve_segmentatie(regio)
    return [(s.code, f"{s.code} {s.naam}") for s in seg.segmenten
            if not s.apart and s.domein == "jeugd"]  # fmt: skip


@toegang(PLANNING)
def scenarios(request: HttpRequest) -> HttpResponse:
    regio = pb.kies_gebied(request)
    return render(request, "passend/planning/scenarios.html", pb.context(
        request, regio, scenarios=pm.Scenario.objects.filter(regio=regio), runs=RUNS,
    ))  # fmt: skip


@toegang(PLANNING_BEWERKEN)
def scenario_nieuw(request: HttpRequest) -> HttpResponse:
    regio = pb.kies_gebied(request)
    return _formulier(request, regio, None)


@toegang(PLANNING)
def scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Scenario, pk=scenario_id)
    pb.eis_scope(request.user, obj.regio)
    if request.method == "POST" and not pb.mag_bewerken(request):
        raise PermissionDenied
    return _formulier(request, obj.regio, obj)


def _formulier(request: HttpRequest, regio: str, obj: pm.Scenario | None) -> HttpResponse:
    initieel = fp.scenario_initieel(obj) if obj else {}
    form = fp.ScenarioForm(request.POST or None, initial=initieel, segmenten=_segmenten(regio),
                           regio=regio, bestaand=obj)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        obj = obj or pm.Scenario(regio=regio)
        obj.naam, obj.omschrijving = d["naam"], d["omschrijving"]
        obj.hefbomen, obj.segmentmodel = d["hefbomen"].als_dict(), pb.actief_object(regio)
        obj.resultaat, obj.berekend_op = None, None  # the levers changed: the result is stale
        obj.save()
        pb.log(request, f"scenario {obj.naam}", regio=regio)
        if "doorrekenen" in request.POST:
            _reken_en_meld(request, obj, _("Het scenario is opgeslagen en doorgerekend "
                                           "(%(s).1f s)."))
        else:
            messages.success(request, _("Het scenario is opgeslagen."))
        return redirect(pb.url("planning-scenario", regio, obj.pk))
    return render(request, "passend/planning/scenario.html", pb.context(
        request, regio, obj=obj, form=form, runs=RUNS,
        resultaat=samenvatting(obj) if obj and obj.resultaat else None,
    ), status=400 if form.is_bound else 200)  # fmt: skip


def _reken_en_meld(request: HttpRequest, obj: pm.Scenario, melding: str) -> None:
    """Run the scenario; a forecast the data cannot support (e.g. no population figures for
    the area) becomes a Dutch message instead of a server error."""
    try:
        seconden = _doorrekenen(obj)
    except ValueError as fout:
        messages.error(request, _("Doorrekenen lukte niet: %(fout)s") % {"fout": fout})
        return
    pb.log(request, f"scenario {obj.naam} doorgerekend", regio=obj.regio, runs=RUNS,
           seconden=round(seconden, 2))
    messages.success(request, melding % {"s": seconden})


def _doorrekenen(obj: pm.Scenario) -> float:
    """Run the scenario and the baseline with the same seed (so the difference is paired),
    store the result with both comparison rows; returns the seconds it took."""
    begin = time.monotonic()
    invoer = analysedata.bereken(bouw_invoer, segmentatie=pb.actieve_segmentatie(obj.regio),
                                 **pb.analysegebied(obj.regio))  # fmt: skip
    basis = simuleer(invoer, runs=RUNS, seed=obj.seed)
    eigen = simuleer(invoer, laad_scenario(obj), runs=RUNS, seed=obj.seed)
    obj.resultaat = resultaat_met_vergelijking(eigen, basis)
    obj.runs, obj.berekend_op = RUNS, timezone.now()
    obj.save(update_fields=["resultaat", "runs", "berekend_op"])
    return time.monotonic() - begin


@toegang(PLANNING_BEWERKEN)
@require_POST
def scenario_doorrekenen(request: HttpRequest, scenario_id: int) -> HttpResponse:
    obj = get_object_or_404(pm.Scenario, pk=scenario_id)
    pb.eis_scope(request.user, obj.regio)
    _reken_en_meld(request, obj, _("Het scenario is doorgerekend (%(s).1f s)."))
    return redirect(pb.url("planning-scenario", obj.regio, obj.pk))


def _gekozen(request: HttpRequest, regio: str) -> list[pm.Scenario]:
    ids = [int(i) for i in request.GET.getlist("s") if i.isdigit() and len(i) < 19]
    gekozen = list(pm.Scenario.objects.filter(pk__in=ids))
    for obj in gekozen:
        pb.eis_scope(request.user, obj.regio)
    gekozen = [obj for obj in gekozen if obj.resultaat]
    return gekozen or list(pm.Scenario.objects.filter(regio=regio, resultaat__isnull=False))


@toegang(PLANNING)
def vergelijking(request: HttpRequest) -> HttpResponse:
    regio = pb.kies_gebied(request)
    gekozen = _gekozen(request, regio)
    rijen = [samenvatting(obj) for obj in gekozen]
    basis = next((obj.resultaat["vergelijking"]["basis"] for obj in gekozen
                  if "vergelijking" in obj.resultaat), None)  # fmt: skip
    if basis is not None:
        rijen.insert(0, {**basis, "scenario": _("Basis (huidig beleid)"), "gepaard": True,
                         "is_basis": True})  # fmt: skip
    return render(request, "passend/planning/vergelijking.html", pb.context(
        request, regio, rijen=rijen, gekozen=gekozen, grafieken=_grafiek(rijen) if rijen else [],
        alle=pm.Scenario.objects.filter(regio=regio, resultaat__isnull=False),
    ))  # fmt: skip


def _grafiek(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    waarden = [{"scenario": r["scenario"], "domein": naam, "euro": round(r[f"{d}_p50"])}
               for r in rijen for d, naam in (("jeugd", _("Jeugd")), ("wmo", _("Wmo")))]
    return [staven("scenario-kosten", _("Zorgkosten over de hele periode (P50, €)"), waarden,
                   x="scenario", y="euro", x_titel=_("Scenario"), y_titel=_("Kosten (€)"),
                   kleur="domein", kleur_titel=_("Domein"), horizontaal=True)]  # fmt: skip


# -- downloads -------------------------------------------------------------------------------
def _document(regio: str) -> Inkoopstrategie:
    """The inkoopstrategie of the area from its stored planning (see
    :func:`passend.planning.opslag.documentonderdelen`), as ``passend strategie document``."""
    opties = {**documentonderdelen(regio), **pb.analysegebied(regio)}
    try:
        return analysedata.met_verbinding(stel_op, runs=DOCUMENT_RUNS, **opties)
    except ValueError:
        # no forecast possible (e.g. no population figures): the document without scenarios
        opties.pop("scenarios")
        return analysedata.met_verbinding(stel_op, resultaten=[], **opties)


def _bestand(request: HttpRequest, soort: str) -> tuple[str, Inkoopstrategie]:
    regio = pb.kies_gebied(request)
    pb.log(request, f"inkoopstrategie {soort}", regio=regio)
    return regio, _document(regio)


def _bijlage(inhoud: bytes, type_: str, naam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=type_)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


def _met_bestand(schrijf: Any, s: Inkoopstrategie, achtervoegsel: str) -> bytes:
    with tempfile.TemporaryDirectory() as map_:
        return Path(schrijf(s, Path(map_) / f"inkoopstrategie{achtervoegsel}")).read_bytes()


@toegang(PLANNING)
def document_pdf(request: HttpRequest) -> HttpResponse:
    from passend.strategy.pdf import schrijf_pdf

    regio, s = _bestand(request, "pdf")
    return _bijlage(_met_bestand(schrijf_pdf, s, ".pdf"), "application/pdf",
                    f"inkoopstrategie-{slugify(regio) or 'alle'}.pdf")


@toegang(PLANNING)
def document_excel(request: HttpRequest) -> HttpResponse:
    from passend.strategy.excel import schrijf_excel

    regio, s = _bestand(request, "excel")
    return _bijlage(_met_bestand(schrijf_excel, s, ".xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    f"inkoopstrategie-{slugify(regio) or 'alle'}.xlsx")


@toegang(PLANNING)
def document_ocds(request: HttpRequest) -> HttpResponse:
    from passend.strategy.ocds import ocds_pakket

    regio, s = _bestand(request, "ocds")
    tekst = json.dumps(ocds_pakket(s), ensure_ascii=False, indent=2)
    return _bijlage(tekst.encode(), "application/json",
                    f"inkoopstrategie-{slugify(regio) or 'alle'}-ocds.json")

