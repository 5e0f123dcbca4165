"""The care landscape of one segment, "overzichtelijk maar dekkend": which aanbieders to
contract so that every gemeente's demand is covered, with as few providers (or as little
cost) as the other constraints allow. A mixed-integer programme solved by HiGHS.

Variables: ``y_j`` ∈ {0, 1} (aanbieder j contracted) and ``x_jg`` ≥ 0 (clients of gemeente g
served by j), only for pairs within the segment's maximum distance.

Constraints:

* dekking: ``Σ_j x_jg = vraag_g`` for every gemeente;
* capaciteit: ``Σ_g x_jg ≤ capaciteit_j × y_j`` (and ``x_jg ≤ vraag_g × y_j``);
* keuzevrijheid: at least ``min_per_gemeente`` contracted aanbieder(s) within reach of every
  gemeente (never more than it has within reach);
* continuïteit: ``Σ_g x_jg ≤ max_aandeel × Σ_g vraag_g`` per aanbieder;
* budget: ``Σ kosten_per_client_j × x_jg + vaste_kosten × Σ y_j ≤ budget``;
* with ``doel = 'kosten'`` optionally ``Σ y_j ≤ max_aanbieders``.

Objective: ``doel = 'aantal'`` minimises the number of contracted aanbieders (cost as a tie
breaker, weighted far below one provider); ``doel = 'kosten'`` minimises care cost plus the
fixed cost per contract.

What a constraint costs is shown by relaxing it and solving again (in a MIP the duals of
the relaxation mean little): the change of the objective. An infeasible instance is explained
in Dutch: first the direct causes (a gemeente nobody can reach, too little capacity), else the
constraint whose relaxation makes it feasible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import highspy

DOELEN = ("aantal", "kosten")


@dataclass(frozen=True)
class Locatie:
    code: str
    naam: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Gemeentevraag:
    gemeente: Locatie
    vraag: float  # expected clients in the segment


@dataclass(frozen=True)
class Kandidaat:
    aanbieder: Locatie
    capaciteit: float  # clients
    kosten_per_client: float  # euro


@dataclass(frozen=True)
class Landschapseisen:
    max_afstand_km: float
    min_per_gemeente: int = 1
    max_aandeel: float = 1.0
    budget: float | None = None
    vaste_kosten: float = 0.0
    doel: str = "aantal"
    max_aanbieders: int | None = None
    tijdslimiet_s: float = 60.0

    def __post_init__(self) -> None:
        if self.doel not in DOELEN:
            raise ValueError(f"Het doel is 'aantal' of 'kosten', niet {self.doel!r}.")
        if not 0 < self.max_aandeel <= 1:
            raise ValueError("Het maximale aandeel per aanbieder ligt tussen 0 en 1.")
        if self.max_afstand_km <= 0 or self.min_per_gemeente < 0:
            raise ValueError("De maximale afstand is positief en het minimum niet negatief.")


@dataclass
class Landschap:
    status: str  # 'optimaal', 'tijdslimiet' or 'onhaalbaar'
    gekozen: list[str] = field(default_factory=list)
    toewijzing: dict[tuple[str, str], float] = field(default_factory=dict)
    aantal: int = 0
    kosten: float = 0.0
    doelwaarde: float | None = None
    gap: float | None = None
    uitleg: list[str] = field(default_factory=list)
    eisprijs: list[dict[str, Any]] = field(default_factory=list)

    def als_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "gekozen": self.gekozen,
            "aantal": self.aantal,
            "kosten": self.kosten,
            "doelwaarde": self.doelwaarde,
            "gap": self.gap,
            "toewijzing": [
                {"aanbieder": a, "gemeente": g, "clienten": v}
                for (a, g), v in sorted(self.toewijzing.items())
            ],
            "uitleg": self.uitleg,
            "eisprijs": self.eisprijs,
        }


def afstand_km(a: Locatie, b: Locatie) -> float:
    """Great-circle distance (haversine, earth radius 6371 km)."""
    f1, f2 = math.radians(a.lat), math.radians(b.lat)
    df, dl = f2 - f1, math.radians(b.lon - a.lon)
    h = math.sin(df / 2) ** 2 + math.cos(f1) * math.cos(f2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _bereik(
    vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat], eisen: Landschapseisen
) -> dict[int, list[int]]:
    """Per gemeente index, the candidate indices within the maximum distance."""
    return {
        g: [
            j
            for j, k in enumerate(kandidaten)
            if afstand_km(k.aanbieder, v.gemeente) <= eisen.max_afstand_km
        ]
        for g, v in enumerate(vraag)
    }


def _eis(h: Any, uitdrukking: Any) -> None:
    """Add a constraint; highspy's comparison operators build its expression objects (their
    stubs type them as bool)."""
    h.addConstr(uitdrukking)


def _los_op(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    bereik: dict[int, list[int]],
) -> Landschap:
    h: Any = highspy.Highs()  # type: ignore[no-untyped-call]
    h.silent()
    h.setOptionValue("time_limit", float(eisen.tijdslimiet_s))
    h.setOptionValue("mip_rel_gap", 1e-6)
    totaal = sum(v.vraag for v in vraag)
    gewicht = 1.0
    if eisen.doel == "aantal":
        # All cost together stays below a tenth of one provider: cost only breaks ties.
        grootste = totaal * max((k.kosten_per_client for k in kandidaten), default=0.0)
        gewicht = 0.1 / (grootste + eisen.vaste_kosten * len(kandidaten) + 1.0)
    # Under 'kosten' a tiny weight per contract prefers fewer providers at equal cost.
    vast = (1.0 if eisen.doel == "aantal" else 1e-6) + gewicht * eisen.vaste_kosten
    y = [h.addBinary(obj=vast) for _ in kandidaten]
    x: dict[tuple[int, int], Any] = {}
    for g, js in bereik.items():
        for j in js:
            x[j, g] = h.addVariable(lb=0, obj=gewicht * kandidaten[j].kosten_per_client)
    for g, v in enumerate(vraag):
        if not bereik[g]:
            if v.vraag > 0:
                return Landschap("onhaalbaar")  # nobody within reach
            continue
        _eis(h, sum((x[j, g] for j in bereik[g]), 0.0) == v.vraag)
        nodig = min(eisen.min_per_gemeente, len(bereik[g]))
        if nodig and v.vraag > 0:
            _eis(h, sum((y[j] for j in bereik[g]), 0.0) >= nodig)
        for j in bereik[g]:
            _eis(h, x[j, g] <= v.vraag * y[j])
    for j, k in enumerate(kandidaten):
        bij_j = [x[j, g] for g in range(len(vraag)) if (j, g) in x]
        if not bij_j:
            continue  # reaches no gemeente: never worth contracting
        geleverd = sum(bij_j, 0.0)
        _eis(h, geleverd <= k.capaciteit * y[j])
        if eisen.max_aandeel < 1:
            _eis(h, geleverd <= eisen.max_aandeel * totaal)
    kosten = sum((kandidaten[j].kosten_per_client * var for (j, _), var in x.items()), 0.0)
    if eisen.budget is not None:
        _eis(h, kosten + eisen.vaste_kosten * sum(y, 0.0) <= eisen.budget)
    if eisen.max_aanbieders is not None:
        _eis(h, sum(y, 0.0) <= eisen.max_aanbieders)
    h.run()
    return _uitkomst(h, vraag, kandidaten, eisen, y, x)


def _uitkomst(
    h: highspy.Highs,
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    y: list[Any],
    x: dict[tuple[int, int], Any],
) -> Landschap:
    status = h.getModelStatus()
    info = h.getInfo()
    heeft_oplossing = info.primal_solution_status == 2  # a feasible point is known
    if status == highspy.HighsModelStatus.kInfeasible or not heeft_oplossing:
        return Landschap("onhaalbaar")
    optimaal = status == highspy.HighsModelStatus.kOptimal
    waarden = h.getSolution().col_value
    gekozen = [j for j, var in enumerate(y) if waarden[var.index] > 0.5]
    stromen = {
        (kandidaten[j].aanbieder.code, vraag[g].gemeente.code): round(waarden[var.index], 6)
        for (j, g), var in x.items()
        if waarden[var.index] > 1e-6
    }
    kosten = sum(
        kandidaten[j].kosten_per_client * waarden[var.index] for (j, _), var in x.items()
    ) + eisen.vaste_kosten * len(gekozen)
    return Landschap(
        status="optimaal" if optimaal else "tijdslimiet",
        gekozen=[kandidaten[j].aanbieder.code for j in gekozen],
        toewijzing=stromen,
        aantal=len(gekozen),
        kosten=round(kosten, 2),
        doelwaarde=len(gekozen) if eisen.doel == "aantal" else round(kosten, 2),
        gap=float(info.mip_gap) if math.isfinite(info.mip_gap) else None,
    )


#: The constraints that can be relaxed, with how, and how a user reads it.
_VERSOEPELINGEN: tuple[tuple[str, str], ...] = (
    ("min_per_gemeente", "het minimum aantal aanbieders per gemeente (keuzevrijheid)"),
    ("max_aandeel", "het maximale aandeel per aanbieder (continuïteit)"),
    ("budget", "het budget"),
    ("max_aanbieders", "het maximum aantal aanbieders"),
    ("max_afstand_km", "de maximale afstand (verdubbeld)"),
)


def _versoepeld(eisen: Landschapseisen, naam: str) -> Landschapseisen | None:
    if naam == "min_per_gemeente":
        return replace(eisen, min_per_gemeente=1) if eisen.min_per_gemeente > 1 else None
    if naam == "max_aandeel":
        return replace(eisen, max_aandeel=1.0) if eisen.max_aandeel < 1 else None
    if naam == "budget":
        return replace(eisen, budget=None) if eisen.budget is not None else None
    if naam == "max_aanbieders":
        return replace(eisen, max_aanbieders=None) if eisen.max_aanbieders is not None else None
    return replace(eisen, max_afstand_km=2 * eisen.max_afstand_km)


def _directe_oorzaken(
    vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat], bereik: dict[int, list[int]]
) -> list[str]:
    uit = []
    for g, v in enumerate(vraag):
        if v.vraag > 0 and not bereik[g]:
            uit.append(
                f"Geen enkele aanbieder ligt binnen de maximale afstand van {v.gemeente.naam}."
            )
        elif v.vraag > sum(kandidaten[j].capaciteit for j in bereik[g]):
            uit.append(
                f"De aanbieders binnen bereik van {v.gemeente.naam} hebben samen te weinig "
                f"capaciteit voor de vraag van {v.vraag:g} cliënten."
            )
    totaal = sum(v.vraag for v in vraag)
    if totaal > sum(k.capaciteit for k in kandidaten):
        uit.append(
            "Alle aanbieders samen hebben te weinig capaciteit voor de vraag "
            f"({totaal:g} cliënten)."
        )
    return uit


def optimaliseer(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    *,
    met_eisprijs: bool = True,
) -> Landschap:
    """Choose the aanbieders of one segment (module docstring); with `met_eisprijs`, what
    relaxing each binding constraint would gain."""
    bereik = _bereik(vraag, kandidaten, eisen)
    if oorzaken := _directe_oorzaken(vraag, kandidaten, bereik):
        return Landschap("onhaalbaar", uitleg=oorzaken)
    uitkomst = _los_op(vraag, kandidaten, eisen, bereik)
    if uitkomst.status == "onhaalbaar":
        uitkomst.uitleg = _wat_helpt(vraag, kandidaten, eisen)
        return uitkomst
    if met_eisprijs:
        uitkomst.eisprijs = _eisprijzen(vraag, kandidaten, eisen, uitkomst)
    return uitkomst


def _wat_helpt(
    vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat], eisen: Landschapseisen
) -> list[str]:
    uit = []
    for naam, omschrijving in _VERSOEPELINGEN:
        ruimer = _versoepeld(eisen, naam)
        if ruimer is None:
            continue
        bereik = _bereik(vraag, kandidaten, ruimer)
        if _directe_oorzaken(vraag, kandidaten, bereik):
            continue
        if _los_op(vraag, kandidaten, ruimer, bereik).status != "onhaalbaar":
            uit.append(f"Het wordt haalbaar door {omschrijving} te versoepelen.")
    return uit or ["Geen enkele eis alleen maakt het haalbaar: versoepel er meer tegelijk."]


def _eisprijzen(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    basis: Landschap,
) -> list[dict[str, Any]]:
    uit = []
    for naam, omschrijving in _VERSOEPELINGEN:
        ruimer = _versoepeld(eisen, naam)
        if ruimer is None:
            continue
        los = _los_op(vraag, kandidaten, ruimer, _bereik(vraag, kandidaten, ruimer))
        if los.status == "onhaalbaar" or los.doelwaarde is None or basis.doelwaarde is None:
            continue
        uit.append(
            {
                "eis": naam,
                "omschrijving": omschrijving,
                "aantal": los.aantal,
                "kosten": los.kosten,
                "winst": round(basis.doelwaarde - los.doelwaarde, 2),
                "kostenverschil": round(los.kosten - basis.kosten, 2),
            }
        )
    return uit


def afweging(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    punten: int = 12,
) -> list[dict[str, Any]]:
    """The trade-off curve: for numbers of aanbieders from the fewest feasible up to the number
    the cheapest landscape uses, the lowest cost at that number. At most `punten` points
    (evenly spread, both ends included), so a region with thousands of candidates solves a
    dozen MILPs, not thousands."""
    minst = optimaliseer(vraag, kandidaten, replace(eisen, doel="aantal"), met_eisprijs=False)
    if minst.status == "onhaalbaar":
        return []
    goedkoopst = optimaliseer(
        vraag, kandidaten, replace(eisen, doel="kosten", max_aanbieders=None), met_eisprijs=False
    )
    hoogste = max(goedkoopst.aantal, minst.aantal)
    stap = max(1, math.ceil((hoogste - minst.aantal) / max(punten - 1, 1)))
    aantallen = sorted({*range(minst.aantal, hoogste, stap), hoogste})
    uit = []
    for n in aantallen:
        los = optimaliseer(
            vraag,
            kandidaten,
            replace(eisen, doel="kosten", max_aanbieders=n),
            met_eisprijs=False,
        )
        if los.status != "onhaalbaar":
            uit.append({"max_aanbieders": n, "aantal": los.aantal, "kosten": los.kosten})
    return uit
