"""Funding models: what the gemeente pays, and who carries the risk, for a given care cost.

Every function is vectorised over Monte Carlo runs: ``kosten`` is the cost of the care that is
actually needed (the demand × cost per client of the scenario engine), shape (runs, years);
``begroting`` is the budget the gemeente plans per year, shape (years,). By default the
budget is the median forecast, so the funding models pay the same in a typical year and
differ in who absorbs the deviations (formulas also in ``docs/strategie.md``):

* **inspanningsgericht (P×Q)**: the gemeente pays the cost: ``betaling = kosten``.
* **taakgericht (lumpsum met plafond)**: the gemeente pays a fixed budget that is also the
  ceiling: ``betaling = plafond`` with ``plafond = plafondfactor × begroting``.
* **outputgericht (trajectprijs)**: ``betaling = prijs × trajecten`` with the price calibrated
  on the forecast, ``prijs = begroting / mediaan(trajecten)``: the gemeente carries the number
  of trajectories, the aanbieder their length and intensity.
* **populatiegebonden**: a norm per inhabitant fixed in the first year, ``norm =
  begroting[0] / bevolking[0]``, indexed with the tariff index: ``betaling = norm × index ×
  bevolking``. The gemeente carries population growth only, the aanbieder any change in
  demand per inhabitant.

``aanbieder_resultaat = betaling - kosten`` (negative: the aanbieder delivers care it is not
paid for) and ``overschrijding = betaling - begroting`` (positive: the gemeente overspends).
"""

from __future__ import annotations

import numpy as np

from passend.strategy.keuzes import Bekostiging

MODELLEN = tuple(str(b) for b in Bekostiging)


def begroting_uit(kosten: np.ndarray) -> np.ndarray:
    """The planned budget per year: the median forecast over runs."""
    return np.median(kosten, axis=0)


def betaling(
    model: str,
    kosten: np.ndarray,
    begroting: np.ndarray,
    *,
    trajecten: np.ndarray | None = None,
    bevolking: np.ndarray | None = None,
    index: np.ndarray | None = None,
    plafondfactor: float = 1.0,
) -> np.ndarray:
    """What the gemeente pays per run and year under `model` (see the module doc)."""
    kosten = np.asarray(kosten, dtype=float)
    begroting = np.asarray(begroting, dtype=float)
    if model == Bekostiging.INSPANNINGSGERICHT:
        return kosten.copy()
    if model == Bekostiging.TAAKGERICHT:
        return np.broadcast_to(plafondfactor * begroting, kosten.shape).copy()
    if model == Bekostiging.OUTPUTGERICHT:
        if trajecten is None:
            raise ValueError("Outputgericht vraagt het aantal trajecten.")
        mediaan = np.median(trajecten, axis=0)
        prijs = np.divide(begroting, mediaan, out=np.zeros_like(begroting), where=mediaan > 0)
        return prijs * trajecten
    if model == Bekostiging.POPULATIEGEBONDEN:
        if bevolking is None:
            raise ValueError("Populatiegebonden vraagt de bevolking per jaar.")
        bevolking = np.asarray(bevolking, dtype=float)
        index = np.ones_like(bevolking) if index is None else np.asarray(index, dtype=float)
        norm = begroting[0] / bevolking[0] / index[0] if bevolking[0] > 0 else 0.0
        return np.broadcast_to(norm * index * bevolking, kosten.shape).copy()
    raise ValueError(f"Onbekend bekostigingsmodel {model!r}; kies uit {', '.join(MODELLEN)}.")


def met_plafond_per_aanbieder(
    kosten: np.ndarray,
    aandelen: np.ndarray,
    verwacht: np.ndarray,
    begroting: np.ndarray,
    factor: float,
) -> np.ndarray:
    """P×Q with a ceiling per aanbieder: each aanbieder is paid its share of the cost up to its
    own ceiling ``factor × verwacht_aandeel × begroting``.

    `aandelen` (runs, aanbieders) are the realised shares of the volume per run, `verwacht`
    (aanbieders,) the shares the ceilings are based on. An underspend at one aanbieder does not
    make up for an overspend at another, so the gemeente pays at most ``factor × begroting``.
    """
    deel = kosten[:, :, None] * aandelen[:, None, :]  # (runs, years, aanbieders)
    plafond = factor * begroting[None, :, None] * verwacht[None, None, :]
    return np.minimum(deel, plafond).sum(axis=2)


def risico(
    betaald: np.ndarray, kosten: np.ndarray, begroting: np.ndarray, percentielen: tuple[int, ...]
) -> dict[str, np.ndarray]:
    """The risk split per year: percentiles of the gemeente's overspend and of the aanbieder's
    result, the chance that the gemeente overspends, and the mean shortfall each party meets.
    """
    overschrijding = betaald - begroting[None, :]
    resultaat = betaald - kosten
    return {
        "overschrijding_gemeente": np.percentile(overschrijding, percentielen, axis=0),
        "resultaat_aanbieder": np.percentile(resultaat, percentielen, axis=0),
        "kans_overschrijding": (overschrijding > 0).mean(axis=0),
        "verwacht_tekort_gemeente": np.clip(overschrijding, 0, None).mean(axis=0),
        "verwacht_verlies_aanbieder": np.clip(-resultaat, 0, None).mean(axis=0),
    }
