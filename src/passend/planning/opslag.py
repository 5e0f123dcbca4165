"""Save and load the planning domain objects, and the application services on them.

Every function takes and returns the pure value objects of :mod:`passend.strategy`, so the
rest of the code never depends on how they are stored. The services (create a segment model
with a unique name, run and store a scenario, assemble the inkoopstrategie) are the steps
the web views, the CLI and the demo call; views only parse, call and render.

``gebied`` is the key a planning object carries: a jeugdregio name, a gemeente code, or ''
for all data (see :mod:`passend.planning.gebieden`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import duckdb
from django.db import transaction
from django.utils import timezone

from passend.analysis.segmentatie import Segmentatie
from passend.planning import models as m
from passend.planning.gebieden import actief_modelobject, gebied_uit_sleutel
from passend.strategy.ambities import Ambitie, Ambitiekader, Indicator, Meting
from passend.strategy.bewaring import inpakken, uitpakken
from passend.strategy.budget import DOMEINEN, Budget
from passend.strategy.document import Inkoopstrategie, stel_op
from passend.strategy.keuzes import DIMENSIES, Overschrijving, Segmentstrategie
from passend.strategy.scenario import (
    Hefbomen,
    Scenario,
    ScenarioInvoer,
    ScenarioResultaat,
    simuleer,
    vergelijk,
)


# -- segment models --------------------------------------------------------------------------
def bewaar_segmentmodel(
    seg: Segmentatie, gebied: str = "", *, actief: bool = False
) -> m.Segmentmodel:
    """Store `seg` under its name (replacing a stored model of that name in the area)."""
    with transaction.atomic():
        if actief:
            m.Segmentmodel.objects.filter(gebied=gebied, actief=True).update(actief=False)
        obj, _ = m.Segmentmodel.objects.update_or_create(
            gebied=gebied, naam=seg.naam, defaults={"definitie": seg.als_dict(), "actief": actief}
        )
    return obj


class NaamBestaatAl(ValueError):
    """A segment model or scenario with this name exists in the area already."""


def nieuw_segmentmodel(gebied: str, seg: Segmentatie, naam: str) -> m.Segmentmodel:
    """A new (inactive) model of the area, a copy of `seg` under `naam`; the name is unique."""
    if m.Segmentmodel.objects.filter(gebied=gebied, naam=naam).exists():
        raise NaamBestaatAl("Er is al een segmentmodel met deze naam.")
    return m.Segmentmodel.objects.create(
        gebied=gebied, naam=naam, definitie={**seg.als_dict(), "naam": naam}
    )


def activeer_segmentmodel(obj: m.Segmentmodel) -> None:
    """Make `obj` the area's active model (the one every analysis of the area uses)."""
    with transaction.atomic():
        m.Segmentmodel.objects.filter(gebied=obj.gebied, actief=True).update(actief=False)
        obj.actief = True
        obj.save(update_fields=["actief"])


def laad_segmentmodel(obj: m.Segmentmodel | int) -> Segmentatie:
    if isinstance(obj, int):
        obj = m.Segmentmodel.objects.get(pk=obj)
    return Segmentatie.uit_dict(obj.definitie)


# -- ambitions -------------------------------------------------------------------------------
def bewaar_kader(kader: Ambitiekader, gebied: str = "") -> m.Ambitiekader:
    """Store `kader` as the area's framework (replacing its ambitions and indicators)."""
    with transaction.atomic():
        obj, _ = m.Ambitiekader.objects.update_or_create(
            gebied=gebied, defaults={"visie": kader.visie, "commitment": kader.commitment}
        )
        obj.ambities.all().delete()
        for i, a in enumerate(kader.ambities):
            ambitie = m.Ambitie.objects.create(
                kader=obj,
                volgorde=i,
                doelgroep=a.doelgroep,
                titel=a.titel,
                omschrijving=a.omschrijving,
                principes=list(a.principes),
                big5=list(a.big5),
            )
            for j, ind in enumerate(a.indicatoren):
                _bewaar_indicator(ambitie, j, ind)
    return obj


def _bewaar_indicator(ambitie: m.Ambitie, volgorde: int, ind: Indicator) -> None:
    rij = m.Indicator.objects.create(
        ambitie=ambitie,
        volgorde=volgorde,
        code=ind.code,
        naam=ind.naam,
        bron=ind.bron,
        richting=ind.richting,
        eenheid=ind.eenheid,
        segment=ind.segment or "",
        basisjaar=ind.basisjaar,
        basiswaarde=ind.basiswaarde,
        streefwaarde=ind.streefwaarde,
        streefdatum=ind.streefdatum,
    )
    m.Meting.objects.bulk_create(
        [
            m.Meting(indicator=rij, jaar=x.jaar, waarde=x.waarde, toelichting=x.toelichting)
            for x in ind.metingen
        ]
    )


def laad_kader(gebied: str = "") -> Ambitiekader | None:
    obj = m.Ambitiekader.objects.filter(gebied=gebied).first()
    if obj is None:
        return None
    ambities = []
    for a in obj.ambities.prefetch_related("indicatoren__metingen"):
        indicatoren = tuple(
            Indicator(
                code=i.code,
                naam=i.naam,
                bron=i.bron,
                richting=i.richting,
                eenheid=i.eenheid,
                basisjaar=i.basisjaar,
                basiswaarde=i.basiswaarde,
                streefwaarde=i.streefwaarde,
                streefdatum=i.streefdatum,
                segment=i.segment or None,
                metingen=tuple(Meting(x.jaar, x.waarde, x.toelichting) for x in i.metingen.all()),
            )
            for i in a.indicatoren.all()
        )
        ambities.append(
            Ambitie(
                a.doelgroep, a.titel, a.omschrijving, tuple(a.principes), tuple(a.big5), indicatoren
            )
        )
    return Ambitiekader(obj.visie, obj.commitment, tuple(ambities))


def registreer_meting(gebied: str, indicator_code: str, meting: Meting) -> None:
    """Record a hand-entered measurement for the indicator with `indicator_code`."""
    ind = m.Indicator.objects.get(ambitie__kader__gebied=gebied, code=indicator_code)
    m.Meting.objects.update_or_create(
        indicator=ind,
        jaar=meting.jaar,
        defaults={"waarde": meting.waarde, "toelichting": meting.toelichting},
    )


# -- strategy choices ------------------------------------------------------------------------
def bewaar_strategie(
    model: m.Segmentmodel,
    strategie: Segmentstrategie,
    voorstel: Segmentstrategie | None = None,
    gebruiker: Any = None,
) -> m.Strategiekeuze:
    """Store the choice for one segment; new deviations are appended, never rewritten."""
    with transaction.atomic():
        velden = {d: strategie.keuze(d) for d in DIMENSIES}
        obj, _ = m.Strategiekeuze.objects.update_or_create(
            segmentmodel=model,
            segment=strategie.segment,
            defaults={
                **velden,
                "segmentnaam": strategie.segmentnaam,
                "aantal_aanbieders": strategie.aantal_aanbieders,
                "plafond_eur": strategie.plafond_eur,
                "redenen": {k: list(v) for k, v in strategie.redenen.items()},
                **({"voorstel": voorstel.als_dict()} if voorstel else {}),
            },
        )
        bekend = obj.overschrijvingen.count()
        for o in strategie.overschrijvingen[bekend:]:
            m.Overschrijving.objects.create(
                keuze=obj,
                dimensie=o.dimensie,
                voorgesteld=o.voorgesteld,
                gekozen=o.gekozen,
                rationale=o.rationale,
                door=o.door or getattr(gebruiker, "username", ""),
                gebruiker=gebruiker if getattr(gebruiker, "pk", None) else None,
                op=_tijd(o.op),
            )
    return obj


def _tijd(tekst: str) -> datetime:
    if not tekst:
        return timezone.now()
    waarde = datetime.fromisoformat(tekst)
    return timezone.make_aware(waarde) if timezone.is_naive(waarde) else waarde


def model_voor_keuzes(gebied: str) -> m.Segmentmodel:
    """The stored model the area's strategy choices hang on: its own active model; when it
    has none, a copy of the model that applies to it (the jeugdregio's or the default) is
    stored as its own, with the choices made under that model, so a gemeente's deviations
    never rewrite the jeugdregio's plan."""
    eigen = m.Segmentmodel.objects.filter(gebied=gebied, actief=True).first()
    if eigen is not None:
        return eigen
    seg = gebied_uit_sleutel(gebied).segmentatie
    geldend = actief_object_van(gebied)
    naam, n = seg.naam, 1
    while m.Segmentmodel.objects.filter(gebied=gebied, naam=naam).exists():
        n += 1
        naam = f"{seg.naam} ({n})"
    with transaction.atomic():
        obj = m.Segmentmodel.objects.create(
            gebied=gebied, naam=naam, actief=True, definitie={**seg.als_dict(), "naam": naam}
        )
        for keuze in laad_strategieen(geldend) if geldend else []:
            bewaar_strategie(obj, keuze)
    return obj


def laad_strategieen(model: m.Segmentmodel) -> list[Segmentstrategie]:
    uit = []
    for obj in model.keuzes.prefetch_related("overschrijvingen"):
        uit.append(
            Segmentstrategie(
                segment=obj.segment,
                segmentnaam=obj.segmentnaam,
                **{d: getattr(obj, d) for d in DIMENSIES},
                aantal_aanbieders=obj.aantal_aanbieders,
                plafond_eur=obj.plafond_eur,
                redenen={k: tuple(v) for k, v in obj.redenen.items()},
                overschrijvingen=tuple(
                    Overschrijving(
                        o.dimensie,
                        o.voorgesteld,
                        o.gekozen,
                        o.rationale,
                        o.door,
                        o.op.isoformat(timespec="seconds"),
                    )
                    for o in obj.overschrijvingen.all()
                ),
            )
        )
    return uit


# -- scenarios -------------------------------------------------------------------------------
def bewaar_scenario(
    scenario: Scenario,
    gebied: str = "",
    *,
    resultaat: ScenarioResultaat | None = None,
    basis: ScenarioResultaat | None = None,
    model: m.Segmentmodel | None = None,
    data_versie: str = "",
) -> m.Scenario:
    """Store `scenario` under its name; with `resultaat` (and the `basis` run with the same
    seed) also its result, the paired comparison with the baseline and both runs whole (so
    the pages and the raad document show them without running again), made on the data of
    `data_versie`."""
    defaults: dict[str, Any] = {
        "omschrijving": scenario.omschrijving,
        "hefbomen": scenario.hefbomen.als_dict(),
        "segmentmodel": model,
    }
    if resultaat is not None:
        defaults.update(
            resultaat=resultaat_met_vergelijking(resultaat, basis),
            uitkomst=inpakken(resultaat),
            basis_uitkomst=inpakken(basis) if basis is not None else None,
            data_versie=data_versie,
            runs=resultaat.runs,
            seed=resultaat.seed,
            berekend_op=timezone.now(),
        )
    obj, _ = m.Scenario.objects.update_or_create(
        gebied=gebied, naam=scenario.naam, defaults=defaults
    )
    return obj


def reken_en_bewaar(
    invoer: ScenarioInvoer,
    scenario: Scenario,
    gebied: str,
    *,
    runs: int = 2000,
    seed: int = 2026,
    basis: ScenarioResultaat | None = None,
    data_versie: str = "",
) -> tuple[m.Scenario, ScenarioResultaat, ScenarioResultaat]:
    """Run `scenario` and the baseline with the same seed (so the difference is paired) on
    `invoer` (:func:`passend.strategy.invoer.bouw_invoer` of the area of key `gebied`) and
    store it with its result. Returns (stored, baseline, scenario result). A `basis` already
    run with this seed and these runs is reused."""
    if basis is None or (basis.runs, basis.seed) != (runs, seed):
        basis = simuleer(invoer, runs=runs, seed=seed)
    eigen = simuleer(invoer, scenario, runs=runs, seed=seed)
    obj = bewaar_scenario(
        scenario,
        gebied,
        resultaat=eigen,
        basis=basis,
        model=actief_object_van(gebied),
        data_versie=data_versie,
    )
    return obj, basis, eigen


def resultaat_met_vergelijking(
    resultaat: ScenarioResultaat, basis: ScenarioResultaat | None = None
) -> dict[str, Any]:
    """The stored form of a result; with `basis`, the comparison rows of both (paired per run
    when they share seed and runs, see :func:`passend.strategy.scenario.vergelijk`)."""
    uit = resultaat.als_dict()
    if basis is not None:
        rij_basis, rij_eigen = vergelijk([basis, resultaat])
        uit["vergelijking"] = {
            "basis": {**rij_basis, "risico": basis.risicoverdeling()},
            "scenario": {**rij_eigen, "risico": resultaat.risicoverdeling()},
        }
    return uit


def laad_scenario(obj: m.Scenario) -> Scenario:
    return Scenario(obj.naam, obj.omschrijving, Hefbomen.uit_dict(obj.hefbomen))


def laad_uitkomst(obj: m.Scenario, *, basis: bool = False) -> ScenarioResultaat | None:
    """The stored run of `obj` (or its baseline); None when it has none, or one in an older
    form (the user runs it again)."""
    data = obj.basis_uitkomst if basis else obj.uitkomst
    if not data:
        return None
    moment = timezone.localtime(obj.berekend_op).isoformat() if obj.berekend_op else None
    try:
        return uitpakken(bytes(data), moment)
    except (ValueError, KeyError, OSError):
        return None


def met_basis(objecten: Iterable[m.Scenario]) -> list[ScenarioResultaat]:
    """The stored runs of `objecten` behind one baseline: the baseline of the most recently run
    of them that has one (scenarios run with the same seed and runs pair with it)."""
    gekozen = [(obj, laad_uitkomst(obj)) for obj in objecten]
    gerekend = [(obj, r) for obj, r in gekozen if r is not None]
    if not gerekend:
        return []
    laatste = max(gerekend, key=lambda paar: paar[0].berekend_op or timezone.now())[0]
    basis = laad_uitkomst(laatste, basis=True)
    return ([basis] if basis is not None else []) + [r for _, r in gerekend]


# -- budgets ---------------------------------------------------------------------------------
def laad_budget(gebied: str = "") -> Budget | None:
    """The entered budget of the area; None when no amount is entered."""
    bedragen = {(b.jaar, b.domein): float(b.bedrag) for b in m.Budget.objects.filter(gebied=gebied)}
    return Budget(bedragen) if bedragen else None


@transaction.atomic
def bewaar_budget(
    gebied: str,
    bedragen: dict[tuple[int, str], float | None],
    door: str = "",
    bron: str = "ingevoerd",
) -> None:
    """Set the budget per (year, domain) of the area; None removes that amount. `bron`
    says where an amount comes from (``ingevoerd``, or ``register``: the contract
    register's ceilings)."""
    Budget({k: v for k, v in bedragen.items() if v is not None})  # validates the amounts
    for (jaar, domein), bedrag in bedragen.items():
        if domein not in DOMEINEN:
            raise ValueError(f"Een budget is voor jeugd of wmo, niet {domein!r}.")
        if bedrag is None:
            m.Budget.objects.filter(gebied=gebied, jaar=jaar, domein=domein).delete()
        else:
            m.Budget.objects.update_or_create(
                gebied=gebied,
                jaar=jaar,
                domein=domein,
                defaults={"bedrag": round(bedrag, 2), "door": door, "bron": bron},
            )


def scenarios_van(gebied: str = "") -> list[m.Scenario]:
    return list(m.Scenario.objects.filter(gebied=gebied))


def samenvatting(obj: m.Scenario) -> dict[str, Any]:
    """The comparison row of a stored result (``gepaard``); for a result stored without a
    baseline the medians per year summed, without the spread."""
    r = obj.resultaat or {}
    vast = {"omschrijving": obj.omschrijving, "berekend_op": obj.berekend_op}
    if "vergelijking" in r:
        return {**r["vergelijking"]["scenario"], **vast, "gepaard": True}
    jaren = r.get("jaartabel", [])
    return {
        "scenario": obj.naam,
        **vast,
        "gepaard": False,
        "risico": r.get("risicoverdeling", {}),
        **{
            f"{d}_p50": sum(j[f"{d}_kosten_p50"] for j in jaren) for d in ("totaal", "jeugd", "wmo")
        },
    }


def vergelijk_opgeslagen(objecten: Iterable[m.Scenario]) -> list[dict[str, Any]]:
    """Side-by-side rows of the stored scenarios that have a result (see :func:`samenvatting`)."""
    return [samenvatting(obj) for obj in objecten if obj.resultaat]


# -- the inkoopstrategie document ------------------------------------------------------------
def actief_object_van(gebied: str) -> m.Segmentmodel | None:
    """The stored model that applies to the area of key `gebied` (own, else jeugdregio)."""
    g = gebied_uit_sleutel(gebied)
    return actief_modelobject(g.gemeente, g.regio)


def documentscenarios(gebied: str = "") -> list[m.Scenario]:
    """The scenarios the user chose for the raad document, in name order."""
    return list(m.Scenario.objects.filter(gebied=gebied, in_document=True).order_by("naam"))


def documentonderdelen(gebied: str = "") -> dict[str, Any]:
    """What the stored planning of `gebied` contributes to :func:`passend.strategy.document.
    stel_op`: the area with the segment model that applies to it, the ambitions, the strategy
    choices (with their overrides), the stored runs of the scenarios chosen for the document
    behind their baseline (none chosen: no scenarios; never a silent selection) and the
    entered budget.

    The web download and ``passend strategie document`` both use this, so the raad gets the
    same document from either, with the figures the scenario pages show.
    """
    g = gebied_uit_sleutel(gebied)
    obj = actief_modelobject(g.gemeente, g.regio)
    return {
        "gebied": g,
        "kader": laad_kader(gebied),
        "strategieen": laad_strategieen(obj) if obj else None,
        "resultaten": met_basis(documentscenarios(gebied)),
        "budget": laad_budget(gebied),
    }


def bouw_document(
    con: duckdb.DuckDBPyConnection,
    gebied: str,
    *,
    synthetisch: bool = False,
    segmentatie: Segmentatie | None = None,
) -> Inkoopstrategie:
    """The inkoopstrategie of the area from its stored planning (web download, CLI).

    `segmentatie` replaces the stored model (and drops the choices made under it).
    """
    onderdelen = documentonderdelen(gebied)
    if segmentatie is not None:
        onderdelen.update(gebied=onderdelen["gebied"].met_model(segmentatie), strategieen=None)
    return stel_op(con, synthetisch=synthetisch, **onderdelen)
