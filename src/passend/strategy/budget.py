"""A scenario against a real budget: the chance and the size of an overrun.

The budget is what the gemeente (or the region) has set aside per year and domain, entered
by the user, never derived from the forecast itself: a budget equal to each scenario's own
median would give every scenario about a 50% chance of overrun, whatever it costs.

For each year and domain (``jeugd``, ``wmo``, and ``totaal`` when both have a budget: the
pooled view) the test takes the payments of every Monte Carlo run (what the gemeente pays
under the funding models of the scenario) and reports:

* ``kans_overschrijding``: the share of runs whose payment exceeds the budget;
* ``verwachte_overschrijding``: the mean over all runs of max(0, payment - budget), in euro;
* ``overschrijding_p95``: the overrun in a bad year (P95 of payment - budget; negative: room
  left even then);
* ``betaling_p5``/``p50``/``p95``: the spread of the payment itself (the fan chart).

Over the whole horizon (:func:`budgetrisico`) the *tekort* of a run is the money the gemeente
must find beyond its budgets: summed over the years with a budget, per year either
``Σ_domein max(0, betaling - budget)`` with separate budgets, or, for a scenario with one
pooled (ontschot) budget and a budget for both domains that year,
``max(0, Σ_domein betaling - Σ_domein budget)``, so room in one domain covers the other.
Reported: ``kans_tekort`` (share of runs with a tekort), ``verwacht_tekort`` (its mean) and
``tekort_p95``; ``budget`` is the sum of the budgets tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

DOMEINEN = ("jeugd", "wmo")


@dataclass(frozen=True)
class Budget:
    """Euro per (year, domain); a year or domain without an amount is not tested."""

    bedragen: Mapping[tuple[int, str], float]

    def __post_init__(self) -> None:
        for (jaar, domein), bedrag in self.bedragen.items():
            if domein not in DOMEINEN:
                raise ValueError(f"Een budget is voor jeugd of wmo, niet {domein!r}.")
            if not bedrag >= 0:
                raise ValueError(f"Het budget voor {domein} in {jaar} is negatief.")

    def voor(self, jaar: int, domein: str) -> float | None:
        if domein == "totaal":
            delen = [self.bedragen.get((jaar, d)) for d in DOMEINEN]
            return None if None in delen else float(sum(d for d in delen if d is not None))
        bedrag = self.bedragen.get((jaar, domein))
        return None if bedrag is None else float(bedrag)


def budgettoets(
    jaren: Sequence[int], per_run: Mapping[str, np.ndarray], budget: Budget
) -> list[dict[str, Any]]:
    """Per year and domain with a budget: payment spread and overrun (module docstring).

    `per_run` holds ``betaling_<domein>`` arrays of shape (runs, years), as
    :attr:`passend.strategy.scenario.ScenarioResultaat.per_run` does.
    """
    rijen = []
    for t, jaar in enumerate(jaren):
        for domein in (*DOMEINEN, "totaal"):
            bedrag = budget.voor(jaar, domein)
            if bedrag is None:
                continue
            betaald = np.asarray(per_run[f"betaling_{domein}"][:, t], dtype=float)
            over = betaald - bedrag
            p5, p50, p95 = np.percentile(betaald, [5, 50, 95])
            rijen.append(
                {
                    "jaar": jaar,
                    "domein": domein,
                    "budget": bedrag,
                    "betaling_p5": float(p5),
                    "betaling_p50": float(p50),
                    "betaling_p95": float(p95),
                    "kans_overschrijding": float((over > 0).mean()),
                    "verwachte_overschrijding": float(np.clip(over, 0, None).mean()),
                    "overschrijding_p95": float(np.percentile(over, 95)),
                }
            )
    return rijen


def tekort_per_run(
    jaren: Sequence[int], per_run: Mapping[str, np.ndarray], budget: Budget, ontschot: bool
) -> np.ndarray:
    """Per run the tekort over the horizon (module docstring), in euro."""
    runs = next(iter(per_run.values())).shape[0]
    tekort = np.zeros(runs)
    for t, jaar in enumerate(jaren):
        bedragen = {d: budget.voor(jaar, d) for d in DOMEINEN}
        if ontschot and None not in bedragen.values():
            totaal = sum(per_run[f"betaling_{d}"][:, t] for d in DOMEINEN)
            tekort += np.clip(totaal - sum(b for b in bedragen.values() if b is not None), 0, None)
            continue
        for domein, bedrag in bedragen.items():
            if bedrag is not None:
                tekort += np.clip(per_run[f"betaling_{domein}"][:, t] - bedrag, 0, None)
    return tekort


def budgetrisico(
    jaren: Sequence[int], per_run: Mapping[str, np.ndarray], budget: Budget, ontschot: bool
) -> dict[str, float]:
    """The gemeente's risk against `budget` over the horizon (module docstring); empty when
    no year of the horizon has a budget."""
    getoetst = [
        budget.voor(jaar, d) for jaar in jaren for d in DOMEINEN if budget.voor(jaar, d) is not None
    ]
    if not getoetst:
        return {}
    tekort = tekort_per_run(jaren, per_run, budget, ontschot)
    return {
        "budget": float(sum(b for b in getoetst if b is not None)),
        "kans_tekort": float((tekort > 0).mean()),
        "verwacht_tekort": float(tekort.mean()),
        "tekort_p95": float(np.percentile(tekort, 95)),
    }
