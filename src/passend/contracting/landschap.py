"""The care landscape of one segment, "overzichtelijk maar dekkend": which aanbieders to
contract so that every gemeente's demand is covered, with as few providers (or as little
cost) as the other constraints allow. A mixed-integer programme solved by HiGHS.

Variables: ``y_j`` ∈ {0, 1} (aanbieder j contracted) and ``x_jg`` ≥ 0 (clients of gemeente g
served by j), only for pairs within the segment's maximum distance.

Constraints:

* dekking: ``Σ_j x_jg = vraag_g`` for every gemeente;
* capaciteit: ``Σ_g x_jg ≤ capaciteit_j × y_j`` (and ``x_jg ≤ vraag_g``);
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
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import highspy
import numpy as np

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
    max_gap: float = 1e-6  # the solver stops when the relative MIP gap is at most this

    def __post_init__(self) -> None:
        if self.doel not in DOELEN:
            raise ValueError(f"Het doel is 'aantal' of 'kosten', niet {self.doel!r}.")
        if not 0 < self.max_aandeel <= 1:
            raise ValueError("Het maximale aandeel per aanbieder ligt tussen 0 en 1.")
        if not 0 <= self.max_gap < 1:
            raise ValueError("De toegestane gap ligt tussen 0 en 1 (bijvoorbeeld 0,01).")
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


def _afstanden(vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat]) -> np.ndarray:
    """Great-circle distances (J, G) in km, the haversine of :func:`afstand_km` in arrays."""
    lat_a = np.radians([k.aanbieder.lat for k in kandidaten])[:, None]
    lon_a = np.radians([k.aanbieder.lon for k in kandidaten])[:, None]
    lat_g = np.radians([v.gemeente.lat for v in vraag])[None, :]
    lon_g = np.radians([v.gemeente.lon for v in vraag])[None, :]
    h = (
        np.sin((lat_g - lat_a) / 2) ** 2
        + np.cos(lat_a) * np.cos(lat_g) * np.sin((lon_g - lon_a) / 2) ** 2
    )
    return np.asarray(2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h))))


def _bereik(
    vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat], eisen: Landschapseisen
) -> dict[int, list[int]]:
    """Per gemeente index, the candidate indices within the maximum distance."""
    if not kandidaten or not vraag:
        return {g: [] for g in range(len(vraag))}
    binnen = _afstanden(vraag, kandidaten) <= eisen.max_afstand_km
    return {g: np.flatnonzero(binnen[:, g]).tolist() for g in range(len(vraag))}


class _Rijen:
    """Constraint rows gathered as (row, column, value) triplets, passed to HiGHS at once:
    building a model of 100,000 pairs row by row through Python objects takes longer than
    solving it."""

    def __init__(self) -> None:
        self.onder: list[np.ndarray] = []
        self.boven: list[np.ndarray] = []
        self.rij: list[np.ndarray] = []
        self.kolom: list[np.ndarray] = []
        self.waarde: list[np.ndarray] = []
        self.aantal = 0

    def voeg_toe(
        self,
        onder: np.ndarray,
        boven: np.ndarray,
        rij: np.ndarray,
        kolom: np.ndarray,
        waarde: np.ndarray,
    ) -> None:
        """Rows numbered 0..len(onder)-1 in `rij`, local to this block."""
        self.onder.append(np.asarray(onder, dtype=float))
        self.boven.append(np.asarray(boven, dtype=float))
        self.rij.append(np.asarray(rij, dtype=np.int64) + self.aantal)
        self.kolom.append(np.asarray(kolom, dtype=np.int64))
        self.waarde.append(np.asarray(waarde, dtype=float))
        self.aantal += len(onder)

    def geef_door(self, h: Any) -> None:
        if not self.aantal:
            return
        rij, kolom = np.concatenate(self.rij), np.concatenate(self.kolom)
        waarde = np.concatenate(self.waarde)
        volgorde = np.argsort(rij, kind="stable")
        begin = np.zeros(self.aantal, dtype=np.int32)
        begin[1:] = np.cumsum(np.bincount(rij, minlength=self.aantal))[:-1]
        h.addRows(
            self.aantal,
            np.concatenate(self.onder),
            np.concatenate(self.boven),
            len(waarde),
            begin,
            kolom[volgorde].astype(np.int32),
            waarde[volgorde],
        )


@dataclass(frozen=True)
class _Paren:
    """The pairs within reach: candidate and gemeente index per pair (x column J + p)."""

    j: np.ndarray
    g: np.ndarray


def _paren(bereik: dict[int, list[int]]) -> _Paren:
    j = [jj for g in sorted(bereik) for jj in bereik[g]]
    g = [g for g in sorted(bereik) for _ in bereik[g]]
    return _Paren(np.asarray(j, dtype=np.int64), np.asarray(g, dtype=np.int64))


def _gewichten(
    vraag: Sequence[Gemeentevraag], kandidaten: Sequence[Kandidaat], eisen: Landschapseisen
) -> tuple[float, float]:
    """(weight of cost, cost per contracted aanbieder) in the objective."""
    totaal = sum(v.vraag for v in vraag)
    gewicht = 1.0
    if eisen.doel == "aantal":
        # All cost together stays below a tenth of one provider: cost only breaks ties.
        grootste = totaal * max((k.kosten_per_client for k in kandidaten), default=0.0)
        gewicht = 0.1 / (grootste + eisen.vaste_kosten * len(kandidaten) + 1.0)
    # Under 'kosten' a tiny weight per contract prefers fewer providers at equal cost.
    return gewicht, (1.0 if eisen.doel == "aantal" else 1e-6) + gewicht * eisen.vaste_kosten


def _los_op(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    bereik: dict[int, list[int]],
) -> Landschap:
    if any(v.vraag > 0 and not bereik[g] for g, v in enumerate(vraag)):
        return Landschap("onhaalbaar")  # nobody within reach
    h: Any = highspy.Highs()  # type: ignore[no-untyped-call]
    h.silent()
    h.setOptionValue("time_limit", float(eisen.tijdslimiet_s))
    h.setOptionValue("mip_rel_gap", float(eisen.max_gap))
    # The interior-point method solves the large root relaxation many times faster than
    # the dual simplex (measured in benchmarks/landschap_bench.py).
    h.setOptionValue("mip_lp_solver", "ipm")
    paren, aantal_j = _paren(bereik), len(kandidaten)
    v = np.array([x.vraag for x in vraag], dtype=float)
    kosten = np.array([k.kosten_per_client for k in kandidaten], dtype=float)
    gewicht, vast = _gewichten(vraag, kandidaten, eisen)
    bereikbaar = np.bincount(paren.j, minlength=aantal_j) > 0
    kolommen = aantal_j + len(paren.j)
    h.addCols(
        kolommen,
        np.concatenate([np.full(aantal_j, vast), gewicht * kosten[paren.j]]),
        np.zeros(kolommen),
        # a candidate that reaches no gemeente is never worth contracting
        np.concatenate([bereikbaar.astype(float), v[paren.g]]),
        0,
        np.zeros(0, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    h.changeColsIntegrality(
        aantal_j, np.arange(aantal_j, dtype=np.int32), np.ones(aantal_j, dtype=np.uint8)
    )
    rijen = _Rijen()
    _dekking(rijen, vraag, eisen, bereik, paren, aantal_j)
    _capaciteit(rijen, kandidaten, eisen, paren, v)
    _budget(rijen, eisen, paren, kosten, aantal_j)
    rijen.geef_door(h)
    h.run()
    return _uitkomst(h, vraag, kandidaten, eisen, paren)


def _dekking(
    rijen: _Rijen,
    vraag: Sequence[Gemeentevraag],
    eisen: Landschapseisen,
    bereik: dict[int, list[int]],
    paren: _Paren,
    aantal_j: int,
) -> None:
    """Every gemeente's demand met (Σ_j x_jg = vraag_g), by at least `min_per_gemeente`
    contracted aanbieders within reach (never more than it has)."""
    v = np.array([x.vraag for x in vraag], dtype=float)
    met = np.array([bool(bereik[g]) for g in range(len(vraag))], dtype=bool)
    nummer = np.cumsum(met) - 1
    p = np.arange(len(paren.j))
    rijen.voeg_toe(v[met], v[met], nummer[paren.g], aantal_j + p, np.ones(len(p)))
    nodig = np.array(
        [min(eisen.min_per_gemeente, len(bereik[g])) for g in range(len(vraag))], dtype=float
    )
    keuze = met & (nodig > 0) & (v > 0)
    if keuze.any():
        nummer = np.cumsum(keuze) - 1
        binnen = keuze[paren.g]
        rijen.voeg_toe(
            nodig[keuze],
            np.full(int(keuze.sum()), highspy.kHighsInf),
            nummer[paren.g[binnen]],
            paren.j[binnen],
            np.ones(int(binnen.sum())),
        )


def _capaciteit(
    rijen: _Rijen,
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    paren: _Paren,
    v: np.ndarray,
) -> None:
    """Σ_g x_jg ≤ plafond_j × y_j per aanbieder, with plafond_j the least of its capacity,
    the maximum share of the total demand, and the demand within its reach (for a binary y
    the same as those limits apart; the last makes the relaxation tighter). The pairwise
    x_jg ≤ vraag_g × y_j would tighten it further, but as one row per pair it makes the
    root relaxation of a national instance too slow to solve (docs/contractering.md)."""
    aantal_j, n = len(kandidaten), len(paren.j)
    p = np.arange(n)
    plafond = np.array([k.capaciteit for k in kandidaten], dtype=float)
    if eisen.max_aandeel < 1:
        plafond = np.minimum(plafond, eisen.max_aandeel * float(v.sum()))
    plafond = np.minimum(plafond, np.bincount(paren.j, weights=v[paren.g], minlength=aantal_j))
    j = np.arange(aantal_j)
    rijen.voeg_toe(
        np.full(aantal_j, -highspy.kHighsInf),
        np.zeros(aantal_j),
        np.concatenate([paren.j, j]),
        np.concatenate([aantal_j + p, j]),
        np.concatenate([np.ones(n), -plafond]),
    )


def _budget(
    rijen: _Rijen, eisen: Landschapseisen, paren: _Paren, kosten: np.ndarray, aantal_j: int
) -> None:
    j, p = np.arange(aantal_j), np.arange(len(paren.j))
    if eisen.budget is not None:
        rijen.voeg_toe(
            np.array([-highspy.kHighsInf]),
            np.array([eisen.budget]),
            np.zeros(aantal_j + len(p), dtype=np.int64),
            np.concatenate([j, aantal_j + p]),
            np.concatenate([np.full(aantal_j, eisen.vaste_kosten), kosten[paren.j]]),
        )
    if eisen.max_aanbieders is not None:
        rijen.voeg_toe(
            np.array([-highspy.kHighsInf]),
            np.array([float(eisen.max_aanbieders)]),
            np.zeros(aantal_j, dtype=np.int64),
            j,
            np.ones(aantal_j),
        )


def _uitkomst(
    h: highspy.Highs,
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    paren: _Paren,
) -> Landschap:
    status = h.getModelStatus()
    info = h.getInfo()
    heeft_oplossing = info.primal_solution_status == 2  # a feasible point is known
    if status == highspy.HighsModelStatus.kInfeasible or not heeft_oplossing:
        return Landschap("onhaalbaar")
    optimaal = status == highspy.HighsModelStatus.kOptimal
    waarden = np.asarray(h.getSolution().col_value)
    aantal_j = len(kandidaten)
    gekozen = np.flatnonzero(waarden[:aantal_j] > 0.5).tolist()
    x = waarden[aantal_j:]
    stromen = {
        (kandidaten[paren.j[p]].aanbieder.code, vraag[paren.g[p]].gemeente.code): round(
            float(x[p]), 6
        )
        for p in np.flatnonzero(x > 1e-6)
    }
    kosten = float(
        np.dot(
            [k.kosten_per_client for k in kandidaten],
            np.bincount(paren.j, weights=x, minlength=aantal_j),
        )
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


def _binnen(eisen: Landschapseisen, deadline: float | None) -> Landschapseisen | None:
    """`eisen` with its time limit cut to what is left before `deadline` (a
    :func:`time.monotonic` moment); None when less than half a second is left."""
    if deadline is None:
        return eisen
    over = deadline - time.monotonic()
    return replace(eisen, tijdslimiet_s=min(eisen.tijdslimiet_s, over)) if over >= 0.5 else None


def optimaliseer(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    *,
    met_eisprijs: bool = True,
    deadline: float | None = None,
) -> Landschap:
    """Choose the aanbieders of one segment (module docstring); with `met_eisprijs`, what
    relaxing each binding constraint would gain. After `deadline` (a :func:`time.monotonic`
    moment) no further solve starts: the relaxations that did not fit are left out."""
    bereik = _bereik(vraag, kandidaten, eisen)
    if oorzaken := _directe_oorzaken(vraag, kandidaten, bereik):
        return Landschap("onhaalbaar", uitleg=oorzaken)
    uitkomst = _los_op(vraag, kandidaten, _binnen(eisen, deadline) or eisen, bereik)
    if uitkomst.status == "onhaalbaar":
        uitkomst.uitleg = _wat_helpt(vraag, kandidaten, eisen, deadline)
        return uitkomst
    if met_eisprijs:
        uitkomst.eisprijs = _eisprijzen(vraag, kandidaten, eisen, uitkomst, deadline)
    return uitkomst


def _wat_helpt(
    vraag: Sequence[Gemeentevraag],
    kandidaten: Sequence[Kandidaat],
    eisen: Landschapseisen,
    deadline: float | None = None,
) -> list[str]:
    uit = []
    for naam, omschrijving in _VERSOEPELINGEN:
        binnen = _binnen(eisen, deadline)
        if binnen is None:
            break
        ruimer = _versoepeld(binnen, naam)
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
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    uit = []
    for naam, omschrijving in _VERSOEPELINGEN:
        binnen = _binnen(eisen, deadline)
        if binnen is None:
            break
        ruimer = _versoepeld(binnen, naam)
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
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    """The trade-off curve: for numbers of aanbieders from the fewest feasible up to the number
    the cheapest landscape uses, the lowest cost at that number. At most `punten` points
    (evenly spread, both ends included), so a region with thousands of candidates solves a
    dozen MILPs, not thousands. After `deadline` no further point is solved."""

    def los_op(variant: Landschapseisen) -> Landschap:
        return optimaliseer(vraag, kandidaten, variant, met_eisprijs=False, deadline=deadline)

    minst = los_op(replace(eisen, doel="aantal"))
    if minst.status == "onhaalbaar" or _binnen(eisen, deadline) is None:
        return []
    goedkoopst = los_op(replace(eisen, doel="kosten", max_aanbieders=None))
    hoogste = max(goedkoopst.aantal, minst.aantal)
    stap = max(1, math.ceil((hoogste - minst.aantal) / max(punten - 1, 1)))
    aantallen = sorted({*range(minst.aantal, hoogste, stap), hoogste})
    uit = []
    for n in aantallen:
        if _binnen(eisen, deadline) is None:
            break
        los = los_op(replace(eisen, doel="kosten", max_aanbieders=n))
        if los.status != "onhaalbaar":
            uit.append({"max_aanbieders": n, "aantal": los.aantal, "kosten": los.kosten})
    return uit
