"""Named scenarios (create, edit, run the Monte Carlo engine, compare with the baseline), the
budget they are tested against, the choice of scenarios for the raad document, and the
downloads of the inkoopstrategie (PDF, Excel, OCDS JSON) made by the CLI's functions.

A run is stored whole (:mod:`passend.strategy.bewaring`): the scenario page, the comparison
and the document all read the stored runs, so they show the same figures."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passend.accounts.rollen import PLANNING, PLANNING_BEWERKEN
from passend.bronnen.database import data_versie
from passend.planning import models as pm
from passend.planning import opslag
from passend.planning.opslag import bouw_document, laad_scenario, reken_en_bewaar, samenvatting
from passend.strategy.budget import budgettoets
from passend.strategy.document import Inkoopstrategie
from passend.strategy.invoer import bouw_invoer
from passend.strategy.scenario import vergelijk
from passend.web import analysedata
from passend.web import forms_planning as fp
from passend.web.grafieken import staven
from passend.web.toegang import toegang
from passend.web.views import planning_basis as pb

#: Monte Carlo runs of a scenario run from the web (the CLI's default; measured well under
#: a request timeout on the demo region, see docs/strategie.md). The raad document shows
#: these same stored runs.
RUNS = 2000
#: The stored runs are large; lists and menus do not load them.
_ZONDER_RUNS = ("uitkomst", "basis_uitkomst")


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
            scenarios=pm.Scenario.objects.filter(gebied=gebied).defer(*_ZONDER_RUNS),
            runs=RUNS,
            budget=opslag.laad_budget(gebied),
        ),
    )


@toegang(PLANNING_BEWERKEN)
@require_POST
def scenarios_document(request: HttpRequest) -> HttpResponse:
    """Which scenarios go into the raad document (the boxes ticked on the list)."""
    gebied = pb.kies_gebied(request)
    gekozen = {int(i) for i in request.POST.getlist("document") if i.isdigit() and len(i) < 19}
    alle = pm.Scenario.objects.filter(gebied=gebied).defer(*_ZONDER_RUNS)
    alle.filter(pk__in=gekozen).update(in_document=True)
    alle.exclude(pk__in=gekozen).update(in_document=False)
    namen = sorted(alle.filter(in_document=True).values_list("naam", flat=True))
    pb.log(request, "scenario's in het raadsdocument", gebied=gebied, scenarios=namen)
    messages.success(request, _("De keuze voor het raadsdocument is opgeslagen."))
    return redirect(pb.url("planning-scenarios", gebied))


@toegang(PLANNING)
def budget(request: HttpRequest) -> HttpResponse:
    """The budget per year and domain the scenarios are tested against."""
    gebied = pb.kies_gebied(request)
    if request.method == "POST" and not pb.mag_bewerken(request):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("actie") == "register":
        return _budget_uit_register(request, gebied)
    huidig = opslag.laad_budget(gebied)
    jaren = _budgetjaren(gebied, huidig)
    form = fp.BudgetForm(request.POST or None, jaren=jaren, budget=huidig)
    if request.method == "POST" and form.is_valid():
        opslag.bewaar_budget(gebied, form.bedragen(), door=request.user.get_username())
        pb.log(request, "budget", gebied=gebied)
        messages.success(request, _("Het budget is opgeslagen."))
        return redirect(pb.url("planning-budget", gebied))
    return render(
        request,
        "passend/planning/budget.html",
        pb.context(
            request,
            gebied,
            form=form,
            jaren=jaren,
            uit_register=pm.Budget.objects.filter(gebied=gebied, bron="register")
            .order_by("jaar", "domein")
            .values_list("jaar", "domein"),
        ),
        status=400 if form.is_bound else 200,
    )


def _budget_uit_register(request: HttpRequest, gebied: str) -> HttpResponse:
    """The contract register's ceilings (the sum of the rooms per year and domain of the
    area's own contracts) as the budget, marked as coming from the register."""
    from passend.contracten.register import plafonds
    from passend.planning.gebieden import gemeenten_van_sleutel

    gemeenten = gemeenten_van_sleutel(gebied) or []
    bedragen = plafonds(gemeenten, None if gebied.isdigit() else gebied or None)
    if not bedragen:
        messages.info(
            request, _("Het contractregister heeft voor dit gebied geen bestedingsruimte.")
        )
        return redirect(pb.url("planning-budget", gebied))
    opslag.bewaar_budget(gebied, dict(bedragen), door=request.user.get_username(), bron="register")
    pb.log(request, "budget uit register", gebied=gebied)
    messages.success(
        request,
        _("De plafonds uit het contractregister zijn als budget overgenomen: %(n)s bedragen.")
        % {"n": len(bedragen)},
    )
    return redirect(pb.url("planning-budget", gebied))


def _budgetjaren(gebied: str, huidig: Any) -> list[int]:
    """The forecast years of the area's stored scenarios, and years that have a budget; the
    coming five years when there are neither."""
    # Only the years of each stored result, not the whole result (it holds every run's
    # summary): a key lookup in the JSON, on SQLite and PostgreSQL alike.
    jaren = {
        jaar
        for lijst in pm.Scenario.objects.filter(gebied=gebied, resultaat__isnull=False).values_list(
            "resultaat__jaren", flat=True
        )
        for jaar in (lijst or [])
    }
    jaren |= {jaar for jaar, _ in (huidig.bedragen if huidig else {})}
    if not jaren:
        nu = time.localtime().tm_year
        jaren = set(range(nu, nu + 5))
    return sorted(jaren)


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
    if request.method == "POST" and form.is_valid() and _met_tarieven(form, gebied):
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
            **(_uitkomst(obj) if obj and obj.resultaat else {}),
        ),
        status=400 if form.is_bound else 200,
    )


def _met_tarieven(form: fp.ScenarioForm, gebied: str) -> bool:
    """With the tariff lever asked for, put the factors of the area's tariff sheet into the
    levers; False (with the reason on the form) when there is no sheet or no declaration."""
    if not form.cleaned_data.get("tariefblad"):
        return True
    factoren = _tarieffactoren(gebied)
    if not factoren:
        form.add_error(
            "tariefblad",
            _(
                "Dit gebied heeft geen tariefblad met producten die zijn gedeclareerd "
                "(Contracten › Tarieven)."
            ),
        )
        return False
    try:
        form.cleaned_data["hefbomen"] = replace(
            form.cleaned_data["hefbomen"], tarieffactor=factoren
        )
    except ValueError as fout:
        form.add_error("tariefblad", str(fout))
        return False
    return True


def _tarieffactoren(gebied: str) -> dict[str, float]:
    """Per segment of the area's model the factor of its tariff sheet on the declarations
    of the latest year with declarations (empty without a sheet or declarations)."""
    from passend.contracten.tariefbladen import blad_van
    from passend.contracting.tariefblad import lees_blad, tariefhefboom
    from passend.planning.gebieden import gemeenten_van_sleutel

    blad = blad_van(gebied)
    if blad is None:
        return {}
    regels, deelbaar = lees_blad(blad.inhoud)
    segment_van = pb.analysegebied(gebied).segmentatie.segment_van

    return dict(
        analysedata.met_verbinding(
            tariefhefboom,
            regels,
            gemeenten_van_sleutel(gebied),
            segment_van,
            deelbaar_60=deelbaar,
        )
    )


def _uitkomst(obj: pm.Scenario) -> dict[str, Any]:
    """What the scenario page shows of the stored run: per year and domain the payment spread
    against the budget, the fan chart, the risk over the horizon, and whether the data
    changed since the run."""
    from passend.strategy.grafiek import waaier_grafiek

    r = opslag.laad_uitkomst(obj)
    if r is None:
        return {"zonder_runs": True}
    budget = opslag.laad_budget(obj.gebied)
    toets = (
        {(t["jaar"], t["domein"]): t for t in budgettoets(r.jaren, r.per_run, budget)}
        if (budget)
        else {}
    )
    jaren = [
        {
            **w,
            "domeinnaam": _domeinnaam(w["domein"]),
            **_toetsvelden(toets.get((w["jaar"], w["domein"]))),
        }
        for w in r.waaier()
    ]
    spec = waaier_grafiek(r, budget).to_dict()
    return {
        "jaren": jaren,
        "risico": r.risicoverdeling(budget),
        "budget": budget,
        "verouderd": bool(obj.data_versie) and obj.data_versie != data_versie(),
        "grafieken": [{"id": "waaier", "titel": _("Betaling per jaar (P5–P95)"), "spec": spec}],
    }


def _domeinnaam(domein: str) -> str:
    return {"jeugd": _("Jeugd"), "wmo": _("Wmo"), "totaal": _("Totaal")}[domein]


def _toetsvelden(toets: dict[str, Any] | None) -> dict[str, Any]:
    if toets is None:
        return {"budget": None}
    return {
        "budget": toets["budget"],
        "kans_overschrijding": toets["kans_overschrijding"],
        "verwachte_overschrijding": toets["verwachte_overschrijding"],
    }


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
    versie = data_versie()
    invoer = analysedata.bereken(bouw_invoer, pb.analysegebied(obj.gebied))
    reken_en_bewaar(
        invoer, laad_scenario(obj), obj.gebied, runs=RUNS, seed=obj.seed, data_versie=versie
    )
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


def vergelijkingsrijen(
    gekozen: list[pm.Scenario], budget: Any
) -> tuple[list[dict[str, Any]], bool]:
    """The comparison rows, the baseline first: from the stored runs, tested against the
    entered `budget` (as the raad document), when every chosen scenario has them; else the
    stored summaries. Returns (rows, from the runs)."""
    resultaten = opslag.met_basis(gekozen)
    basis_eerst = len(resultaten) == len(gekozen) + 1
    if gekozen and basis_eerst:
        rijen = vergelijk(resultaten, budget=budget)
        rijen[0].update(scenario=_("Basis (huidig beleid)"), is_basis=True)
        return [{**r, "gepaard": True} for r in rijen], True
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
    return rijen, False


@toegang(PLANNING)
def vergelijking(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    gekozen = _gekozen(request, gebied)
    budget = opslag.laad_budget(gebied)
    rijen, uit_runs = vergelijkingsrijen(gekozen, budget)
    return render(
        request,
        "passend/planning/vergelijking.html",
        pb.context(
            request,
            gebied,
            rijen=rijen,
            uit_runs=uit_runs,
            met_budget=bool(uit_runs and rijen and rijen[0]["risico"].get("budget")),
            budget=budget,
            gekozen=gekozen,
            grafieken=_grafiek(rijen) if rijen else [],
            alle=pm.Scenario.objects.filter(gebied=gebied, resultaat__isnull=False).defer(
                *_ZONDER_RUNS
            ),
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
    """The inkoopstrategie of the area from its stored planning and the stored runs of the
    chosen scenarios, as ``passend strategie document`` makes it
    (:func:`passend.planning.opslag.bouw_document`)."""
    return analysedata.met_verbinding(bouw_document, gebied)


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
    from passend.contracten.register import gunningen
    from passend.planning.gebieden import gemeenten_van_sleutel
    from passend.strategy.ocds import ocds_pakket

    gebied, s = _bestand(request, "ocds")
    register = gunningen(gemeenten_van_sleutel(gebied))
    tekst = json.dumps(ocds_pakket(s, gunningen=register), ensure_ascii=False, indent=2)
    return _bijlage(
        tekst.encode(), "application/json", f"inkoopstrategie-{slugify(gebied) or 'alle'}-ocds.json"
    )
