"""The scenario engine: demand, cost and risk per segment over the coming years.

Everything is a numpy array; the Monte Carlo runs are one more array axis, so a run of
thousands of draws over every segment and age is a handful of vectorised operations per year.
Formulas (also in ``docs/strategie.md``; ages 0-27 on 1 January, as the population):

**Population** (cohort-component): ``P[t+1, a+1] = P[t, a] × r[a]`` with the net survival and
migration ratio ``r[a] = Σ_y P[y+1, a+1] / Σ_y P[y, a]`` over the observed years, and
``P[t+1, 0]`` the mean of the observed 0-year-olds (:func:`projecteer_bevolking`).

**Demand** (cohort-component, per segment ``s``): clients in care in year ``t`` at age ``a``::

    N[t, s, a] = P[t, a] × λ[s, a]  +  N[t-1, s, a-1] × p[s, a-1]

the new clients (incidence λ = new clients / inhabitants of that age) plus those who stay in
care from last year (continuation p = clients in care again next year / clients in care;
the expected duration in years is 1 / (1 - p)). ``N[0]`` is the base year as observed.

**Uncertainty**: λ and p are estimated from counts, so each run draws them from their
posterior: per age band the incidence level ``Gamma(k, 1) / k`` (k new clients in the band)
and the continuation ``Beta(c, n - c)`` (c of n stayed), shifted on the logit scale; the age
profile inside a band is kept. The cost per client is drawn as ``Gamma(m, 1) / m`` times the
mean, with ``m = clients / cv²``; the share of the 18-cohort that goes to the Wmo as
``Beta(naar_wmo, cohort - naar_wmo)``. Counts of zero keep the rate at exactly zero (the
non-informative Gamma(0, 0) prior), so no care appears at ages where none was ever seen.

**Levers** (:class:`Hefbomen`): continued care to 21/23 for a share of the cohort (a separate
stock that continues with the pre-18 continuation rate, paid by Jeugd; the Wmo inflow it
replaces, and the later inflow when it ends, move the Wmo stock), a pooled Jeugd/Wmo budget,
demedicalisation (cost per client - x %), a shift of clients from a regional to a local
segment, tariff indexation, a ceiling per aanbieder, and the funding model per segment
(:mod:`passend.strategy.bekostiging`).

Runs are processed in fixed chunks of :data:`BLOK` runs, each with its own seed spawned from
the scenario seed, so results do not depend on the number of threads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from passend.strategy import bekostiging as bek
from passend.strategy.budget import Budget, budgetrisico

LEEFTIJDEN = 28  # 0..27
BANDEN: tuple[tuple[str, int, int], ...] = (
    ("0-11", 0, 11),
    ("12-15", 12, 15),
    ("16-17", 16, 17),
    ("18-22", 18, 22),
    ("23-27", 23, 27),
)
BAND_VAN = np.array(
    [next(i for i, (_, lo, hi) in enumerate(BANDEN) if lo <= a <= hi) for a in range(LEEFTIJDEN)]
)
PERCENTIELEN: tuple[int, ...] = (5, 25, 50, 75, 95)
WAAIER: tuple[int, ...] = (5, 25, 50, 75, 95)  # the bands of the fan chart per year
# Runs per chunk: arrays stay cache-sized, and a fixed size makes a seed give the same result
# on any number of threads.
BLOK = 100
WH_DREMPEL = 10.0  # Gamma draws with shape >= this use the Wilson-Hilferty approximation
KERN_LEEFTIJD = 16  # continued care continues like care did from 16 to 17
JEUGD_LEEFTIJDEN = slice(0, 18)  # the population a jeugd norm per inhabitant is based on
WMO_LEEFTIJDEN = slice(18, LEEFTIJDEN)


@dataclass(frozen=True)
class SegmentInfo:
    code: str
    naam: str
    domein: str  # 'jeugd' | 'wmo'
    apart: bool = False


@dataclass
class ScenarioInvoer:
    """The estimated inputs of the engine for G areas × S segments × A = 28 ages.

    Counts are summed over the estimation years. ``bevolking[0]`` is the base year, row t the
    projection for ``jaren[t-1]``. Cost amounts are euros per client per year in base-year
    prices. ``wmo_gewicht`` spreads the Wmo inflow from Jeugd over the Wmo segments (sums to 1
    over them per area). ``aanbieders`` (G, S, J) holds clients per aanbieder, for ceilings.
    """

    basisjaar: int
    jaren: tuple[int, ...]
    segmenten: tuple[SegmentInfo, ...]
    gebieden: tuple[str, ...]
    bevolking: np.ndarray
    start: np.ndarray
    instroom: np.ndarray
    blootstelling: np.ndarray
    vervolg: np.ndarray
    risico: np.ndarray
    kosten_per_client: np.ndarray
    kosten_cv: np.ndarray
    kosten_n: np.ndarray
    naar_wmo: np.ndarray
    cohort: np.ndarray
    wmo_gewicht: np.ndarray
    aanbieders: np.ndarray | None = None
    regio: str = ""
    bron: str = ""

    def __post_init__(self) -> None:
        g, s = len(self.gebieden), len(self.segmenten)
        verwacht = {
            "bevolking": (len(self.jaren) + 1, g, LEEFTIJDEN),
            "start": (g, s, LEEFTIJDEN),
            "instroom": (g, s, LEEFTIJDEN),
            "blootstelling": (g, s, LEEFTIJDEN),
            "vervolg": (g, s, LEEFTIJDEN),
            "risico": (g, s, LEEFTIJDEN),
            "kosten_per_client": (g, s),
            "kosten_cv": (g, s),
            "kosten_n": (g, s),
            "naar_wmo": (g, s),
            "cohort": (g, s),
            "wmo_gewicht": (g, s),
        }
        for naam, vorm in verwacht.items():
            waarde = np.asarray(getattr(self, naam), dtype=float)
            if waarde.shape != vorm:
                raise ValueError(f"{naam} heeft vorm {waarde.shape}, verwacht {vorm}.")
            setattr(self, naam, waarde)
        if np.any(self.vervolg > self.risico) or np.any(self.naar_wmo > self.cohort):
            raise ValueError("Een teller is groter dan zijn noemer.")

    @property
    def incidentie(self) -> np.ndarray:
        """λ: new clients per inhabitant, (G, S, A)."""
        return _deel(self.instroom, self.blootstelling)

    @property
    def doorstroom(self) -> np.ndarray:
        """p: share of clients in care again the next year, (G, S, A)."""
        return _deel(self.vervolg, self.risico)

    def index(self, code: str) -> int:
        for i, s in enumerate(self.segmenten):
            if s.code == code:
                return i
        raise ValueError(f"Onbekend segment {code!r} in de scenario-invoer.")

    def domeinmasker(self, domein: str) -> np.ndarray:
        return np.array([s.domein == domein for s in self.segmenten])


def _deel(teller: np.ndarray, noemer: np.ndarray) -> np.ndarray:
    return np.divide(teller, noemer, out=np.zeros_like(teller, dtype=float), where=noemer > 0)


def projecteer_bevolking(historie: np.ndarray, jaren: int) -> np.ndarray:
    """Cohort-component projection of population (Y observed years, ..., A ages) `jaren` ahead.

    Returns (jaren + 1, ..., A) with row 0 = the last observed year. One observed year only:
    ratios 1 (everybody ages in place) and births equal to that year's 0-year-olds.
    """
    historie = np.asarray(historie, dtype=float)
    geboorten = historie[..., 0].mean(axis=0)
    if historie.shape[0] > 1:
        teller = historie[1:, ..., 1:].sum(axis=0)
        noemer = historie[:-1, ..., :-1].sum(axis=0)
        ratio = _deel(teller, noemer)
    else:
        ratio = np.ones((*historie.shape[1:-1], historie.shape[-1] - 1))
    uit = np.empty((jaren + 1, *historie.shape[1:]))
    uit[0] = historie[-1]
    for t in range(1, jaren + 1):
        uit[t, ..., 0] = geboorten
        uit[t, ..., 1:] = uit[t - 1, ..., :-1] * ratio
    return uit


# -- levers and scenarios --------------------------------------------------------------------
@dataclass(frozen=True)
class Hefbomen:
    """Policy levers of a scenario (all optional; the defaults are the baseline).

    ``bekostiging`` maps a segment to its funding model (default inspanningsgericht);
    ``plafondfactor`` sets a taakgericht lumpsum as a factor of the median forecast.
    ``verschuiving`` holds (from segment, to segment, share of its clients).
    ``tarieffactor`` maps a segment to a factor on its cost per client from the first forecast
    year: new tariffs against the current ones (the tariff lever; from a tariff sheet, see
    :func:`passend.contracting.tariefblad.tarieffactoren`).
    """

    doorlopend_tot: int | None = None
    doorlopend_aandeel: float = 0.0
    doorlopend_segmenten: tuple[str, ...] | None = None
    ontschot: bool = False
    demedicalisering: Mapping[str, float] = field(default_factory=dict)
    verschuiving: tuple[tuple[str, str, float], ...] = ()
    indexatie: float = 0.0
    plafond_per_aanbieder: Mapping[str, float] = field(default_factory=dict)
    bekostiging: Mapping[str, str] = field(default_factory=dict)
    plafondfactor: Mapping[str, float] = field(default_factory=dict)
    tarieffactor: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if any(not 0 < f <= 10 for f in self.tarieffactor.values()):
            raise ValueError("Een tarieffactor ligt tussen 0 en 10 (1 = ongewijzigd).")
        if self.doorlopend_tot is not None and not 19 <= self.doorlopend_tot <= LEEFTIJDEN:
            raise ValueError("Doorlopende zorg kan tot een leeftijd van 19 tot en met 27.")
        if not 0 <= self.doorlopend_aandeel <= 1:
            raise ValueError("Het aandeel doorlopende zorg ligt tussen 0 en 1.")
        for model in self.bekostiging.values():
            if model not in bek.MODELLEN:
                raise ValueError(f"Onbekend bekostigingsmodel {model!r}.")

    def als_dict(self) -> dict[str, Any]:
        uit = asdict(self)
        uit["verschuiving"] = [list(v) for v in self.verschuiving]
        if self.doorlopend_segmenten is not None:
            uit["doorlopend_segmenten"] = list(self.doorlopend_segmenten)
        return {k: dict(v) if isinstance(v, Mapping) else v for k, v in uit.items()}

    @classmethod
    def uit_dict(cls, data: Mapping[str, Any]) -> Hefbomen:
        velden = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        velden["verschuiving"] = tuple(tuple(v) for v in velden.get("verschuiving", ()))
        if velden.get("doorlopend_segmenten") is not None:
            velden["doorlopend_segmenten"] = tuple(velden["doorlopend_segmenten"])
        return cls(**velden)


@dataclass(frozen=True)
class Scenario:
    naam: str
    omschrijving: str = ""
    hefbomen: Hefbomen = field(default_factory=Hefbomen)


# -- draws -----------------------------------------------------------------------------------
def _gamma(rng: np.random.Generator, vorm: np.ndarray, n: int) -> np.ndarray:
    """Gamma(vorm, 1) draws of shape (n, *vorm.shape): exact for small shapes, the
    Wilson-Hilferty cube of a normal for large ones (relative error well under 1 %)."""
    vlak = np.asarray(vorm, dtype=float).ravel()
    uit = np.zeros((n, vlak.size))
    klein = (vlak > 0) & (vlak < WH_DREMPEL)  # shape 0 stays 0
    if klein.any():
        uit[:, klein] = rng.standard_gamma(vlak[klein], size=(n, int(klein.sum())))
    groot = vlak >= WH_DREMPEL
    if groot.any():
        k = vlak[groot]
        c = 1.0 / (9.0 * k)
        z = rng.standard_normal((n, k.size))
        uit[:, groot] = k * np.clip(1.0 - c + z * np.sqrt(c), 0.0, None) ** 3
    return uit.reshape(n, *np.shape(vorm))


def _factor(rng: np.random.Generator | None, vorm: np.ndarray, n: int) -> np.ndarray:
    """Gamma(vorm)/vorm: the relative posterior of a rate; 1 where vorm is 0 or no rng."""
    if rng is None:
        return np.ones((n, *vorm.shape))
    veilig = np.where(vorm > 0, vorm, 1.0)
    return np.where(vorm > 0, _gamma(rng, vorm, n) / veilig, 1.0)


def _beta(rng: np.random.Generator | None, a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Beta(a, b) draws; the point a / (a + b) without rng; 0 where a + b = 0."""
    punt = _deel(a, a + b)
    if rng is None:
        return np.broadcast_to(punt, (n, *punt.shape)).copy()
    x, y = _gamma(rng, a, n), _gamma(rng, b, n)
    som = x + y
    return np.where(som > 0, x / np.where(som > 0, som, 1.0), punt)


@dataclass
class _Trekking:
    instroomfactor: np.ndarray  # (n, G, S, A) float32: relative incidence per run
    bandfactor: np.ndarray  # (n, G, S, B) float32: the same per age band
    doorstroom: np.ndarray  # (n, G, S, A) float32: continuation p per run
    kosten: np.ndarray  # (n, G, S): cost per client per run
    naar_wmo: np.ndarray  # (n, G, S): share of the 18-leavers going to the Wmo


_BANDMATRIX = np.zeros((LEEFTIJDEN, len(BANDEN)), dtype=np.float32)
_BANDMATRIX[np.arange(LEEFTIJDEN), BAND_VAN] = 1.0


def _banden(x: np.ndarray) -> np.ndarray:
    """Sum the last (age) axis per band (a matrix product: one pass over the data)."""
    return x @ _BANDMATRIX.astype(x.dtype, copy=False)


def _trek(invoer: ScenarioInvoer, rng: np.random.Generator | None, n: int) -> _Trekking:
    """Draw the rates of `n` runs (the point estimates when `rng` is None)."""
    k = _banden(invoer.instroom)
    f_band = _factor(rng, k, n).astype(np.float32)
    f_inc = f_band[..., BAND_VAN]
    c, m = _banden(invoer.vervolg), _banden(invoer.risico)
    q, q_punt = _beta(rng, c, m - c, n), _deel(c, m)
    binnen = (c > 0) & (c < m)
    # Shift the odds of every age in the band by the band's posterior odds ratio: this keeps
    # the age profile, stays inside (0, 1) and leaves rates of exactly 0 or 1 alone.
    ratio = np.where(binnen, _odds(q) / np.where(binnen, _odds(q_punt), 1.0), 1.0)
    odds = (
        _odds(invoer.doorstroom).astype(np.float32)[None] * ratio.astype(np.float32)[..., BAND_VAN]
    )
    doorstroom = odds / (1 + odds)
    vorm = np.where(
        invoer.kosten_cv > 0, invoer.kosten_n / np.maximum(invoer.kosten_cv, 1e-9) ** 2, 0.0
    )
    kosten = invoer.kosten_per_client[None] * _factor(rng, vorm, n)
    wmo = _beta(rng, invoer.naar_wmo, invoer.cohort - invoer.naar_wmo, n)
    return _Trekking(f_inc, f_band, doorstroom, kosten, wmo)


def _odds(p: np.ndarray) -> np.ndarray:
    """p / (1 - p), with a very large number for p = 1 (so p comes back as 1 in float32)."""
    p = np.asarray(p, dtype=float)
    return np.where(p < 1, p / np.where(p < 1, 1 - p, 1.0), 1e12)


# -- the projection --------------------------------------------------------------------------
@dataclass
class _Blok:
    clienten: np.ndarray  # (n, T, G, S)
    banden: np.ndarray  # (n, T, S, B): over all areas together
    kosten: np.ndarray  # (n, T, G, S)
    trajecten: np.ndarray  # (n, T, G, S)


def _overdracht(invoer: ScenarioInvoer, h: Hefbomen) -> np.ndarray | None:
    """(S, S) matrix moving a share of a segment's clients to another; None without shifts."""
    if not h.verschuiving:
        return None
    m = np.eye(len(invoer.segmenten))
    for van, naar, aandeel in h.verschuiving:
        i, j = invoer.index(van), invoer.index(naar)
        m[i, i] -= aandeel
        m[i, j] += aandeel
    return m


def _doorlopend_masker(invoer: ScenarioInvoer, h: Hefbomen) -> np.ndarray:
    """Per segment the share of the 18-leavers that continues (0 for Wmo and apart)."""
    if h.doorlopend_tot is None or h.doorlopend_aandeel == 0:
        return np.zeros(len(invoer.segmenten))
    codes = h.doorlopend_segmenten
    return np.array(
        [
            h.doorlopend_aandeel
            if s.domein == "jeugd" and not s.apart and (codes is None or s.code in codes)
            else 0.0
            for s in invoer.segmenten
        ]
    )


@dataclass
class _Doorlopend:
    """State of the continued-care lever during one chunk.

    Only the ages and segments it touches are stored: the extra Jeugd stock at ages 18 to
    `tot` - 1 of the jeugd segments, and the change of the Wmo stock at ages 18-27 of the Wmo
    segments; that keeps the lever cheap on large runs.
    """

    aandeel: np.ndarray  # (Sj,) share of the 18-leavers that stays, per jeugd segment
    tot: int
    jeugd: np.ndarray | slice  # the jeugd segments (a slice when they are adjacent)
    wmo: np.ndarray | slice  # the Wmo segments
    wmo_gewicht: np.ndarray  # (1, G, Sw, 1)
    extra: np.ndarray  # (n, G, Sj, tot - 18): continued-care stock, ages 18 .. tot - 1
    wmo_delta: np.ndarray  # (n, G, Sw, 10): change of the Wmo stock, ages 18 .. 27
    blijft_17: np.ndarray  # (n, G, Sj): share of the 17-year-olds that leaves and now stays
    p_kern: np.ndarray  # (n, G, Sj): continuation of the extra stock
    naar_wmo: np.ndarray  # (n, G, Sj, 1)
    p_wmo: np.ndarray  # (n, G, Sw, 9): Wmo continuation at 18 .. 26

    @classmethod
    def maak(cls, invoer: ScenarioInvoer, h: Hefbomen, d: _Trekking) -> _Doorlopend | None:
        aandeel = _doorlopend_masker(invoer, h)
        if not h.doorlopend_tot or not aandeel.any():
            return None
        jeugd = _index(invoer.domeinmasker("jeugd"))
        wmo = _index(invoer.domeinmasker("wmo"))
        n, g = d.doorstroom.shape[:2]
        f4 = np.float32
        p_j = d.doorstroom[:, :, jeugd]
        extra = np.zeros((n, g, p_j.shape[2], h.doorlopend_tot - 18), f4)
        delta = np.zeros((n, g, d.doorstroom[:, :, wmo].shape[2], LEEFTIJDEN - 18), f4)
        return cls(
            aandeel[jeugd].astype(f4),
            h.doorlopend_tot,
            jeugd,
            wmo,
            invoer.wmo_gewicht[:, wmo][None, :, :, None].astype(f4),
            extra,
            delta,
            (1 - p_j[..., 17]) * aandeel[jeugd].astype(f4),
            p_j[..., KERN_LEEFTIJD].copy(),
            d.naar_wmo[:, :, jeugd, None].astype(f4),
            d.doorstroom[:, :, wmo, 18:-1].copy(),
        )

    def stap(self, n_vorig: np.ndarray, d: _Trekking, totaal: np.ndarray) -> None:
        """Advance one year and add the extra clients to `totaal` (in place)."""
        vertrek_18 = n_vorig[:, :, self.jeugd, 17] * self.blijft_17
        self.extra, instroom = _doorlopend_stap(vertrek_18, self.extra, self.p_kern, self.tot)
        instroom *= self.naar_wmo
        per_gebied = instroom.sum(axis=2)[:, :, None, :]
        vorig = self.wmo_delta
        self.wmo_delta = per_gebied * self.wmo_gewicht
        self.wmo_delta[..., 1:] += vorig[..., :-1] * self.p_wmo
        totaal[:, :, self.jeugd, 18 : self.tot] += self.extra
        wmo = totaal[:, :, self.wmo, 18:] + self.wmo_delta
        totaal[:, :, self.wmo, 18:] = np.clip(wmo, 0.0, None)


def _index(masker: np.ndarray) -> np.ndarray | slice:
    """Indices of a mask, as a slice when adjacent (a view instead of a copy)."""
    plek = np.flatnonzero(masker)
    if plek.size and plek[-1] - plek[0] + 1 == plek.size:
        return slice(int(plek[0]), int(plek[-1]) + 1)
    return plek


def _projecteer(
    invoer: ScenarioInvoer, h: Hefbomen, rng: np.random.Generator | None, n: int
) -> _Blok:
    d = _trek(invoer, rng, n)
    p = d.doorstroom
    n_vorig = np.broadcast_to(invoer.start.astype(np.float32)[None], p.shape).copy()
    door = _Doorlopend.maak(invoer, h, d)
    demed = np.array(
        [
            (1.0 - h.demedicalisering.get(s.code, 0.0)) * h.tarieffactor.get(s.code, 1.0)
            for s in invoer.segmenten
        ]
    )
    overdracht = _overdracht(invoer, h)
    jaren = len(invoer.jaren)
    vorm = (n, jaren, len(invoer.gebieden), len(invoer.segmenten))
    f4 = np.float32  # per-run results in float32: ample precision, half the memory traffic
    uit = _Blok(
        np.empty(vorm, f4),
        np.empty((n, jaren, len(invoer.segmenten), len(BANDEN)), f4),
        np.empty(vorm, f4),
        np.empty(vorm, f4),
    )
    bron = (invoer.bevolking[:, :, None, :] * invoer.incidentie[None]).astype(np.float32)
    bron_band = _banden(bron)  # (T + 1, G, S, B)
    for t in range(1, jaren + 1):
        n_nu = d.instroomfactor * bron[t][None]  # the new clients
        trajecten = (d.bandfactor * bron_band[t][None]).sum(axis=-1)  # = n_nu summed
        n_nu[..., 1:] += n_vorig[..., :-1] * p[..., :-1]  # plus those who stay in care
        totaal = n_nu
        if door is not None:
            totaal = n_nu.copy()
            door.stap(n_vorig, d, totaal)
        _bewaar(uit, t - 1, totaal, trajecten, d.kosten, demed, overdracht, h.indexatie)
        n_vorig = n_nu
    return uit


def _doorlopend_stap(
    vertrek_18: np.ndarray, extra: np.ndarray, p_kern: np.ndarray, tot: int
) -> tuple[np.ndarray, np.ndarray]:
    """One year of the continued-care stock (ages 18 .. tot-1) and the change in Wmo inflow
    by age (18 .. 27) it causes.

    `vertrek_18` is the share of last year's 17-year-olds that would have left Jeugd and now
    stays; the stock continues with the pre-18 rate `p_kern` until the age `tot`. They no
    longer enter the Wmo at 18, but do when they leave later.
    """
    nieuw = np.empty_like(extra)
    nieuw[..., 0] = vertrek_18
    nieuw[..., 1:] = extra[..., :-1] * p_kern[..., None]
    wmo = np.zeros((*extra.shape[:-1], LEEFTIJDEN - 18), dtype=extra.dtype)
    wmo[..., 0] = -vertrek_18
    wmo[..., 1 : tot - 18] = extra[..., :-1] * (1 - p_kern[..., None])
    if tot < LEEFTIJDEN:
        wmo[..., tot - 18] = extra[..., -1]
    return nieuw, wmo


def _bewaar(
    uit: _Blok,
    t: int,
    totaal: np.ndarray,
    trajecten: np.ndarray,
    kosten: np.ndarray,
    demed: np.ndarray,
    overdracht: np.ndarray | None,
    indexatie: float,
) -> None:
    banden = _banden(totaal)
    clienten = banden.sum(axis=-1)
    banden = banden.sum(axis=1)  # age bands over all areas together: (n, S, B)
    if overdracht is not None:
        banden = np.einsum("nsb,st->ntb", banden, overdracht)
        clienten = np.einsum("ngs,st->ngt", clienten, overdracht)
        trajecten = np.einsum("ngs,st->ngt", trajecten, overdracht)
    uit.banden[:, t] = banden
    uit.clienten[:, t] = clienten
    uit.trajecten[:, t] = trajecten
    uit.kosten[:, t] = clienten * kosten * demed * (1 + indexatie) ** (t + 1)


def _blokken(runs: int) -> list[int]:
    return [min(BLOK, runs - i) for i in range(0, runs, BLOK)]


def _simuleer_ruw(invoer: ScenarioInvoer, h: Hefbomen, runs: int, seed: int, threads: int) -> _Blok:
    if runs == 0:
        return _projecteer(invoer, h, None, 1)
    groottes = _blokken(runs)
    zaden = np.random.SeedSequence(seed).spawn(len(groottes))

    def een(i: int) -> _Blok:
        return _projecteer(invoer, h, np.random.default_rng(zaden[i]), groottes[i])

    if threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            delen = list(pool.map(een, range(len(groottes))))
    else:
        delen = [een(i) for i in range(len(groottes))]
    velden = _Blok.__dataclass_fields__
    return _Blok(*(np.concatenate([getattr(b, v) for b in delen]) for v in velden))


# -- results ---------------------------------------------------------------------------------
@dataclass
class ScenarioResultaat:
    """Percentiles over the runs (axis 0 = :data:`PERCENTIELEN`) of one scenario.

    Arrays per (year, area, segment): ``clienten``, ``kosten`` (cost of the care needed),
    ``betaling`` (what the gemeente pays under the funding model), ``resultaat_aanbieder``
    (betaling - kosten), ``overschrijding`` (betaling - begroting). ``begroting`` is the
    planning figure the funding models are set from (the median cost forecast: the lump sum of
    taakgericht, the price per traject, the norm per inhabitant); it is *not* the gemeente's
    budget, which the user enters (:mod:`passend.strategy.budget`). ``domeinen`` holds the
    totals per domein ('jeugd', 'wmo', 'totaal') of kosten and betaling per year, summed over
    the areas. ``per_run`` keeps per run the yearly totals per domein (float64, for paired
    comparisons between scenarios with the same seed and for the budget test).
    ``berekend_op`` is when a stored result was computed (ISO time; None for a fresh one).
    """

    naam: str
    omschrijving: str
    hefbomen: Hefbomen
    basisjaar: int
    jaren: tuple[int, ...]
    segmenten: tuple[SegmentInfo, ...]
    gebieden: tuple[str, ...]
    runs: int
    seed: int
    percentielen: tuple[int, ...]
    clienten: np.ndarray
    clienten_band: np.ndarray
    kosten: np.ndarray
    betaling: np.ndarray
    resultaat_aanbieder: np.ndarray
    overschrijding: np.ndarray
    begroting: np.ndarray
    kans_overschrijding: np.ndarray
    domeinen: dict[str, dict[str, np.ndarray]]
    bekostiging: dict[str, str]
    per_run: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    berekend_op: str | None = None

    def p(self, q: int) -> int:
        """Index of percentile `q` on axis 0."""
        return self.percentielen.index(q)

    def segmenttabel(self, jaar: int | None = None) -> list[dict[str, Any]]:
        """Per segment for `jaar` (default the last): clients and costs (P50, P5-P95),
        funding model and risk split, summed over the areas."""
        t = self.jaren.index(jaar) if jaar is not None else len(self.jaren) - 1
        rijen = []
        for s, info in enumerate(self.segmenten):
            rijen.append(
                {
                    "segment": info.code,
                    "segmentnaam": info.naam,
                    "domein": info.domein,
                    "bekostiging": self.bekostiging.get(info.code, "inspanningsgericht"),
                    "clienten_p50": float(self.clienten[self.p(50), t, :, s].sum()),
                    "kosten_p5": float(self.kosten[self.p(5), t, :, s].sum()),
                    "kosten_p50": float(self.kosten[self.p(50), t, :, s].sum()),
                    "kosten_p95": float(self.kosten[self.p(95), t, :, s].sum()),
                    "betaling_p50": float(self.betaling[self.p(50), t, :, s].sum()),
                    # Against the planning figure the funding model is set from: 0 for a
                    # taakgericht lump sum (it is also the ceiling), about 1/2 under P×Q.
                    "kans_boven_planning": float(self.kans_overschrijding[t, :, s].mean()),
                    "resultaat_aanbieder_p5": float(
                        self.resultaat_aanbieder[self.p(5), t, :, s].sum()
                    ),
                }
            )
        return rijen

    def jaartabel(self) -> list[dict[str, Any]]:
        """Per year the totals per domein: cost of care (P5, P50, P95) and payment (P50)."""
        uit = []
        for t, jaar in enumerate(self.jaren):
            rij: dict[str, Any] = {"jaar": jaar}
            for domein, reeks in self.domeinen.items():
                for q in (5, 50, 95):
                    rij[f"{domein}_kosten_p{q}"] = float(reeks["kosten"][self.p(q), t])
                rij[f"{domein}_betaling_p50"] = float(reeks["betaling"][self.p(50), t])
            uit.append(rij)
        return uit

    def risicoverdeling(self, budget: Budget | None = None) -> dict[str, float]:
        """Over the whole horizon and all segments: the aanbieders' result (payment - cost of
        the care they deliver) at P5, their bad case, and the mean loss they carry, both
        rounded to whole euros (under P×Q without a ceiling they are exactly 0). With a
        `budget`, also the gemeente's risk against it (:func:`passend.strategy.budget.
        budgetrisico`)."""
        betaald = self.per_run["betaling_totaal"].sum(axis=1)
        resultaat = betaald - self.per_run["kosten_totaal"].sum(axis=1)
        uit = {
            "resultaat_aanbieder_p5": float(round(np.percentile(resultaat, 5))),
            "verwacht_verlies_aanbieder": float(round(np.clip(-resultaat, 0, None).mean())),
        }
        if budget is not None:
            uit.update(budgetrisico(self.jaren, self.per_run, budget, self.hefbomen.ontschot))
        return uit

    def als_dict(self) -> dict[str, Any]:
        """JSON-ready summary (no per-run arrays)."""
        return {
            "naam": self.naam,
            "omschrijving": self.omschrijving,
            "hefbomen": self.hefbomen.als_dict(),
            "basisjaar": self.basisjaar,
            "jaren": list(self.jaren),
            "runs": self.runs,
            "seed": self.seed,
            "percentielen": list(self.percentielen),
            "segmenten": [asdict(s) for s in self.segmenten],
            "gebieden": list(self.gebieden),
            "segmenttabel": self.segmenttabel(),
            "jaartabel": self.jaartabel(),
            "clienten_per_leeftijdsgroep": self.leeftijdstabel(),
            "betaling_per_jaar": self.waaier(),
            "risicoverdeling": self.risicoverdeling(),
        }

    def waaier(self) -> list[dict[str, Any]]:
        """Per year and domein the spread of what the gemeente pays over the runs (P5, P25,
        P50, P75, P95): the fan chart, and what a budget is set against."""
        return [
            {
                "jaar": jaar,
                "domein": domein,
                **{
                    f"p{q}": float(v)
                    for q, v in zip(
                        WAAIER,
                        np.percentile(self.per_run[f"betaling_{domein}"][:, t], WAAIER),
                        strict=True,
                    )
                },
            }
            for t, jaar in enumerate(self.jaren)
            for domein in ("jeugd", "wmo", "totaal")
        ]

    def leeftijdstabel(self) -> list[dict[str, Any]]:
        """Clients (P50) per year, segment and age band, summed over the areas."""
        mid = self.p(50)
        return [
            {
                "jaar": jaar,
                "segment": info.code,
                "leeftijd": naam,
                "clienten_p50": float(self.clienten_band[mid, t, s, b]),
            }
            for t, jaar in enumerate(self.jaren)
            for s, info in enumerate(self.segmenten)
            for b, (naam, _, _) in enumerate(BANDEN)
        ]


def simuleer(
    invoer: ScenarioInvoer,
    scenario: Scenario | None = None,
    *,
    runs: int = 2000,
    seed: int = 2026,
    threads: int = 1,
    percentielen: Sequence[int] = PERCENTIELEN,
) -> ScenarioResultaat:
    """Run `scenario` (default: the baseline) `runs` times; ``runs=0`` gives the point
    estimate (every rate at its estimate: the deterministic forecast)."""
    scenario = scenario or Scenario("Basis", "Huidig beleid, trend uit de historie.")
    h = scenario.hefbomen
    ruw = _simuleer_ruw(invoer, h, runs, seed, threads)
    pct = tuple(sorted(set(percentielen) | {50}))
    kosten = _pct(ruw.kosten, pct)
    begroting = kosten[pct.index(50)]  # the budget is the median forecast
    betaald = _bekostig(invoer, h, ruw, begroting, seed)
    betaling = _pct(betaald, pct)
    overschrijding = betaald - begroting[None]
    modellen = {s.code: h.bekostiging.get(s.code, "inspanningsgericht") for s in invoer.segmenten}
    return ScenarioResultaat(
        naam=scenario.naam,
        omschrijving=scenario.omschrijving,
        hefbomen=h,
        basisjaar=invoer.basisjaar,
        jaren=tuple(invoer.jaren),
        segmenten=invoer.segmenten,
        gebieden=invoer.gebieden,
        runs=runs,
        seed=seed,
        percentielen=pct,
        clienten=_pct(ruw.clienten, pct),
        clienten_band=_pct(ruw.banden, pct),
        kosten=kosten,
        betaling=betaling,
        resultaat_aanbieder=_resultaat(betaald, ruw.kosten, pct),
        overschrijding=betaling - begroting[None],  # a percentile shifts with a constant
        begroting=begroting,
        kans_overschrijding=(overschrijding > 1e-6 * np.maximum(begroting[None], 1)).mean(axis=0),
        domeinen=_domeinen(invoer, ruw.kosten, betaald, pct),
        bekostiging=modellen,
        per_run=_per_run(invoer, ruw.kosten, betaald),
    )


def _resultaat(betaald: np.ndarray, kosten: np.ndarray, pct: tuple[int, ...]) -> np.ndarray:
    """Percentiles of betaling - kosten; only columns where they differ are sorted (under P×Q
    without a ceiling the aanbieder's result is exactly zero)."""
    verschil = betaald - kosten
    uit = np.zeros((len(pct), *kosten.shape[1:]))
    actief = np.any(verschil != 0, axis=(0, 1))
    if actief.any():
        uit[:, :, actief] = _pct(verschil[:, :, actief], pct)
    return uit


def _pct(x: np.ndarray, pct: tuple[int, ...]) -> np.ndarray:
    """Percentiles over axis 0 (linear interpolation, as numpy's default).

    Sorting float32 rows with the runs contiguous is several times faster than
    ``np.percentile(axis=0)`` on large results, and float32 is ample for reporting.
    """
    runs = x.shape[0]
    rijen = np.ascontiguousarray(x.reshape(runs, -1).T, dtype=np.float32)
    rijen.sort(axis=1)
    plek = np.asarray(pct, dtype=float) / 100 * (runs - 1)
    laag = np.floor(plek).astype(int)
    hoog = np.minimum(laag + 1, runs - 1)
    w = (plek - laag)[:, None]
    uit = rijen[:, laag].T.astype(float) * (1 - w) + rijen[:, hoog].T.astype(float) * w
    return uit.reshape(len(pct), *x.shape[1:])


def _bekostig(
    invoer: ScenarioInvoer, h: Hefbomen, ruw: _Blok, begroting: np.ndarray, seed: int
) -> np.ndarray:
    """Payments (runs, T, G, S) under each segment's funding model and budget (T, G, S)."""
    betaald = ruw.kosten.astype(float)
    index = (1 + h.indexatie) ** np.arange(1, len(invoer.jaren) + 1)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    for s, info in enumerate(invoer.segmenten):
        model = h.bekostiging.get(info.code, "inspanningsgericht")
        leeftijden = JEUGD_LEEFTIJDEN if info.domein == "jeugd" else WMO_LEEFTIJDEN
        for g in range(len(invoer.gebieden)):
            kosten = ruw.kosten[:, :, g, s]
            betaald[:, :, g, s] = bek.betaling(
                model,
                kosten,
                begroting[:, g, s],
                trajecten=ruw.trajecten[:, :, g, s],
                bevolking=invoer.bevolking[1:, g, leeftijden].sum(axis=-1),
                index=index,
                plafondfactor=h.plafondfactor.get(info.code, 1.0),
            )
            factor = h.plafond_per_aanbieder.get(info.code)
            if factor is not None and model == "inspanningsgericht":
                betaald[:, :, g, s] = _met_plafond(
                    invoer, rng, kosten, begroting[:, g, s], g, s, factor
                )
    return betaald


def _met_plafond(
    invoer: ScenarioInvoer,
    rng: np.random.Generator,
    kosten: np.ndarray,
    begroting: np.ndarray,
    g: int,
    s: int,
    factor: float,
) -> np.ndarray:
    """Ceiling per aanbieder: realised shares drawn from Dirichlet(clients per aanbieder)."""
    if invoer.aanbieders is None or invoer.aanbieders[g, s].sum() <= 0:
        return np.minimum(kosten, factor * begroting[None])
    clienten = invoer.aanbieders[g, s]
    clienten = clienten[clienten > 0]
    verwacht = clienten / clienten.sum()
    aandelen = rng.dirichlet(clienten, size=kosten.shape[0])
    return bek.met_plafond_per_aanbieder(kosten, aandelen, verwacht, begroting, factor)


def _domeinsommen(invoer: ScenarioInvoer, x: np.ndarray) -> dict[str, np.ndarray]:
    """Per run and year the totals over areas of Jeugd, Wmo and both (apart segments too)."""
    # A matrix product with the 0/1 domain mask: no copy of the selected columns.
    jeugd = (x @ invoer.domeinmasker("jeugd").astype(x.dtype)).sum(axis=-1)
    wmo = (x @ invoer.domeinmasker("wmo").astype(x.dtype)).sum(axis=-1)
    return {"jeugd": jeugd, "wmo": wmo, "totaal": jeugd + wmo}


def _domeinen(
    invoer: ScenarioInvoer, kosten: np.ndarray, betaald: np.ndarray, pct: tuple[int, ...]
) -> dict[str, dict[str, np.ndarray]]:
    k, b = _domeinsommen(invoer, kosten), _domeinsommen(invoer, betaald)
    return {d: {"kosten": _pct(k[d], pct), "betaling": _pct(b[d], pct)} for d in k}


def _per_run(
    invoer: ScenarioInvoer, kosten: np.ndarray, betaald: np.ndarray
) -> dict[str, np.ndarray]:
    # float64 sums of the same values: the aanbieders' result is a difference of two large
    # sums, and float32 showed € -8 where it is exactly 0.
    k = _domeinsommen(invoer, kosten.astype(np.float64))
    b = _domeinsommen(invoer, betaald.astype(np.float64))
    return {f"{soort}_{d}": x[d] for soort, x in (("kosten", k), ("betaling", b)) for d in x}


def vergelijk(
    resultaten: Sequence[ScenarioResultaat], basis: int = 0, budget: Budget | None = None
) -> list[dict[str, Any]]:
    """Scenarios side by side against `resultaten[basis]`: per scenario the total cost over the
    horizon (P50, P5, P95), the Jeugd and Wmo parts, the difference with the baseline (paired
    per run when both share seed and runs, so the difference is sharper than the spread), and
    with a `budget` the gemeente's risk against it (separate or pooled budgets as the
    scenario says, :func:`passend.strategy.budget.budgetrisico`)."""
    ref = resultaten[basis]
    uit = []
    for r in resultaten:
        rij: dict[str, Any] = {"scenario": r.naam, "omschrijving": r.omschrijving}
        for d in ("totaal", "jeugd", "wmo"):
            som = r.per_run[f"kosten_{d}"].sum(axis=1)
            rij[f"{d}_p50"] = float(np.percentile(som, 50))
            if d == "totaal":
                p5, p95 = np.percentile(som, [5, 95])
                rij["totaal_p5"], rij["totaal_p95"] = float(p5), float(p95)
        verschil = _verschil(r, ref)
        rij["verschil_p50"], rij["verschil_p5"], rij["verschil_p95"] = verschil
        rij["betaling_p50"] = float(np.percentile(r.per_run["betaling_totaal"].sum(axis=1), 50))
        rij["ontschot"] = r.hefbomen.ontschot
        rij["risico"] = r.risicoverdeling(budget)
        uit.append(rij)
    return uit


def _verschil(r: ScenarioResultaat, ref: ScenarioResultaat) -> tuple[float, float, float]:
    a = r.per_run["kosten_totaal"].sum(axis=1).astype(float)
    b = ref.per_run["kosten_totaal"].sum(axis=1).astype(float)
    if r.seed == ref.seed and a.shape == b.shape:
        d = np.percentile(a - b, [50, 5, 95])
        return float(d[0]), float(d[1]), float(d[2])
    m = float(np.median(a) - np.median(b))
    return m, m, m
