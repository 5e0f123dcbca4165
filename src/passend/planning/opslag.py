"""Save and load the planning domain objects (the functions the web pages and CLI call).

Every function takes and returns the pure value objects of :mod:`passend.strategy`, so the
rest of the code never depends on how they are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from passend.analysis.segmentatie import Segmentatie
from passend.planning import models as m
from passend.strategy.ambities import Ambitie, Ambitiekader, Indicator, Meting
from passend.strategy.keuzes import DIMENSIES, Overschrijving, Segmentstrategie
from passend.strategy.scenario import Hefbomen, Scenario, ScenarioResultaat, vergelijk


# -- segment models --------------------------------------------------------------------------
def bewaar_segmentmodel(
    seg: Segmentatie, regio: str = "", *, actief: bool = False
) -> m.Segmentmodel:
    """Store `seg` under its name (replacing a stored model of that name in the regio)."""
    with transaction.atomic():
        if actief:
            m.Segmentmodel.objects.filter(regio=regio, actief=True).update(actief=False)
        obj, _ = m.Segmentmodel.objects.update_or_create(
            regio=regio, naam=seg.naam, defaults={"definitie": seg.als_dict(), "actief": actief}
        )
    return obj


def laad_segmentmodel(obj: m.Segmentmodel | int) -> Segmentatie:
    if isinstance(obj, int):
        obj = m.Segmentmodel.objects.get(pk=obj)
    return Segmentatie.uit_dict(obj.definitie)


def actief_segmentmodel(regio: str = "") -> Segmentatie:
    """The regio's active model, or the default 7-segment model when none is stored."""
    obj = m.Segmentmodel.objects.filter(regio=regio, actief=True).first()
    return laad_segmentmodel(obj) if obj else Segmentatie.standaard()


def segmentmodel_voor_gebied(gemeente: str | None, regio: str | None) -> Segmentatie:
    """The segment model an area works with: a gemeente's own active model, else that of its
    jeugdregio, else the standard model (the web pages and ``passend analyse`` use this)."""
    from passend.reference.models import Gemeente

    sleutels = [gemeente] if gemeente else []
    if regio:
        sleutels.append(regio)
    elif gemeente:
        naam = Gemeente.objects.filter(code=gemeente).values_list("jeugdregio__naam", flat=True)
        sleutels += [n for n in naam if n]
    for sleutel in sleutels:
        obj = m.Segmentmodel.objects.filter(regio=sleutel, actief=True).first()
        if obj is not None:
            return laad_segmentmodel(obj)
    return Segmentatie.standaard()


# -- ambitions -------------------------------------------------------------------------------
def bewaar_kader(kader: Ambitiekader, regio: str = "") -> m.Ambitiekader:
    """Store `kader` as the regio's framework (replacing its ambitions and indicators)."""
    with transaction.atomic():
        obj, _ = m.Ambitiekader.objects.update_or_create(
            regio=regio, defaults={"visie": kader.visie, "commitment": kader.commitment}
        )
        obj.ambities.all().delete()
        for i, a in enumerate(kader.ambities):
            ambitie = m.Ambitie.objects.create(
                kader=obj, volgorde=i, doelgroep=a.doelgroep, titel=a.titel,
                omschrijving=a.omschrijving, principes=list(a.principes), big5=list(a.big5),
            )  # fmt: skip
            for j, ind in enumerate(a.indicatoren):
                _bewaar_indicator(ambitie, j, ind)
    return obj


def _bewaar_indicator(ambitie: m.Ambitie, volgorde: int, ind: Indicator) -> None:
    rij = m.Indicator.objects.create(
        ambitie=ambitie, volgorde=volgorde, code=ind.code, naam=ind.naam, bron=ind.bron,
        richting=ind.richting, eenheid=ind.eenheid, segment=ind.segment or "",
        basisjaar=ind.basisjaar, basiswaarde=ind.basiswaarde, streefwaarde=ind.streefwaarde,
        streefdatum=ind.streefdatum,
    )  # fmt: skip
    m.Meting.objects.bulk_create(
        [
            m.Meting(indicator=rij, jaar=x.jaar, waarde=x.waarde, toelichting=x.toelichting)
            for x in ind.metingen
        ]
    )


def laad_kader(regio: str = "") -> Ambitiekader | None:
    obj = m.Ambitiekader.objects.filter(regio=regio).first()
    if obj is None:
        return None
    ambities = []
    for a in obj.ambities.prefetch_related("indicatoren__metingen"):
        indicatoren = tuple(
            Indicator(
                code=i.code, naam=i.naam, bron=i.bron, richting=i.richting, eenheid=i.eenheid,
                basisjaar=i.basisjaar, basiswaarde=i.basiswaarde, streefwaarde=i.streefwaarde,
                streefdatum=i.streefdatum, segment=i.segment or None,
                metingen=tuple(Meting(x.jaar, x.waarde, x.toelichting) for x in i.metingen.all()),
            )
            for i in a.indicatoren.all()
        )
        ambities.append(Ambitie(a.doelgroep, a.titel, a.omschrijving, tuple(a.principes),
                                tuple(a.big5), indicatoren))  # fmt: skip
    return Ambitiekader(obj.visie, obj.commitment, tuple(ambities))


def registreer_meting(regio: str, indicator_code: str, meting: Meting) -> None:
    """Record a hand-entered measurement for the indicator with `indicator_code`."""
    ind = m.Indicator.objects.get(ambitie__kader__regio=regio, code=indicator_code)
    m.Meting.objects.update_or_create(
        indicator=ind, jaar=meting.jaar,
        defaults={"waarde": meting.waarde, "toelichting": meting.toelichting},
    )  # fmt: skip


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
            segmentmodel=model, segment=strategie.segment,
            defaults={
                **velden, "segmentnaam": strategie.segmentnaam,
                "aantal_aanbieders": strategie.aantal_aanbieders,
                "plafond_eur": strategie.plafond_eur,
                "redenen": {k: list(v) for k, v in strategie.redenen.items()},
                **({"voorstel": voorstel.als_dict()} if voorstel else {}),
            },
        )  # fmt: skip
        bekend = obj.overschrijvingen.count()
        for o in strategie.overschrijvingen[bekend:]:
            m.Overschrijving.objects.create(
                keuze=obj, dimensie=o.dimensie, voorgesteld=o.voorgesteld, gekozen=o.gekozen,
                rationale=o.rationale, door=o.door or getattr(gebruiker, "username", ""),
                gebruiker=gebruiker if getattr(gebruiker, "pk", None) else None,
                op=_tijd(o.op),
            )  # fmt: skip
    return obj


def _tijd(tekst: str) -> datetime:
    if not tekst:
        return timezone.now()
    waarde = datetime.fromisoformat(tekst)
    return timezone.make_aware(waarde) if timezone.is_naive(waarde) else waarde


def laad_strategieen(model: m.Segmentmodel) -> list[Segmentstrategie]:
    uit = []
    for obj in model.keuzes.prefetch_related("overschrijvingen"):
        uit.append(Segmentstrategie(
            segment=obj.segment, segmentnaam=obj.segmentnaam,
            **{d: getattr(obj, d) for d in DIMENSIES},
            aantal_aanbieders=obj.aantal_aanbieders, plafond_eur=obj.plafond_eur,
            redenen={k: tuple(v) for k, v in obj.redenen.items()},
            overschrijvingen=tuple(
                Overschrijving(o.dimensie, o.voorgesteld, o.gekozen, o.rationale, o.door,
                               o.op.isoformat(timespec="seconds"))
                for o in obj.overschrijvingen.all()
            ),
        ))  # fmt: skip
    return uit


# -- scenarios -------------------------------------------------------------------------------
def bewaar_scenario(
    scenario: Scenario,
    regio: str = "",
    *,
    resultaat: ScenarioResultaat | None = None,
    basis: ScenarioResultaat | None = None,
    model: m.Segmentmodel | None = None,
) -> m.Scenario:
    """Store `scenario` under its name; with `resultaat` (and the `basis` run with the same
    seed) also its result and the paired comparison with the baseline."""
    defaults: dict[str, Any] = {
        "omschrijving": scenario.omschrijving, "hefbomen": scenario.hefbomen.als_dict(),
        "segmentmodel": model,
    }  # fmt: skip
    if resultaat is not None:
        defaults.update(resultaat=resultaat_met_vergelijking(resultaat, basis),
                        runs=resultaat.runs, seed=resultaat.seed,
                        berekend_op=timezone.now())  # fmt: skip
    obj, _ = m.Scenario.objects.update_or_create(regio=regio, naam=scenario.naam,
                                                 defaults=defaults)  # fmt: skip
    return obj


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


def scenarios_van(regio: str = "") -> list[m.Scenario]:
    return list(m.Scenario.objects.filter(regio=regio))


def samenvatting(obj: m.Scenario) -> dict[str, Any]:
    """The comparison row of a stored result (``gepaard``); for a result stored without a
    baseline the medians per year summed, without the spread."""
    r = obj.resultaat or {}
    vast = {"omschrijving": obj.omschrijving, "berekend_op": obj.berekend_op}
    if "vergelijking" in r:
        return {**r["vergelijking"]["scenario"], **vast, "gepaard": True}
    jaren = r.get("jaartabel", [])
    return {"scenario": obj.naam, **vast, "gepaard": False,
            "risico": r.get("risicoverdeling", {}),
            **{f"{d}_p50": sum(j[f"{d}_kosten_p50"] for j in jaren)
               for d in ("totaal", "jeugd", "wmo")}}  # fmt: skip


def vergelijk_opgeslagen(objecten: Iterable[m.Scenario]) -> list[dict[str, Any]]:
    """Side-by-side rows of the stored scenarios that have a result (see :func:`samenvatting`)."""
    return [samenvatting(obj) for obj in objecten if obj.resultaat]


# -- the inkoopstrategie document ------------------------------------------------------------
#: At most this many stored scenarios go into a document (next to the baseline).
DOCUMENT_SCENARIOS = 4


def documentonderdelen(regio: str = "") -> dict[str, Any]:
    """What the stored planning of `regio` contributes to :func:`passend.strategy.document.
    stel_op`: the active segment model, the ambitions, the strategy choices (with their
    overrides) and the stored scenarios — the demo set when none is stored — with a baseline.

    The web download and ``passend strategie document`` both use this, so the raad gets the
    same document from either.
    """
    from passend.strategy.demo import demo_scenario_set

    obj = m.Segmentmodel.objects.filter(regio=regio, actief=True).first()
    seg = laad_segmentmodel(obj) if obj else Segmentatie.standaard()
    opgeslagen = [laad_scenario(s) for s in m.Scenario.objects.filter(regio=regio)]
    codes = {s.code for s in seg.segmenten}
    scenarios = opgeslagen[:DOCUMENT_SCENARIOS] or demo_scenario_set(
        "1" if "1" in codes else seg.segmenten[0].code)
    if not any(s.naam == "Basis" for s in scenarios):
        scenarios = [Scenario("Basis", "Huidig beleid"), *scenarios]
    return {
        "segmentatie": seg, "kader": laad_kader(regio),
        "strategieen": laad_strategieen(obj) if obj else None, "scenarios": scenarios,
    }  # fmt: skip
