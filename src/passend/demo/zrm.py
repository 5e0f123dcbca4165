"""The demo region's ZRM scores, written as the import template (docs/import.md, `zrm`).

Young people of 16-23 at the start of a trajectory of at least four months are followed on
the zelfredzaamheidsmatrix with their own random stream (the care data stay as they were):

- 80% of those trajectories are measured: within a month of the start, then every five to
  seven months while the care runs, and once more in the fortnight before it ends;
- each measures eight to thirteen domains; a first score is mostly 2 or 3;
- between two measurements a score rises with a chance that differs per aanbieder (some
  providers do better than others, which the outcome tables should show) and falls less
  often;
- four in five are scored by the aanbieder (its AGB code), the rest by the gemeente's toegang.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from passend.demo.trajecten import Traject
from passend.demo.uitvoer import csv_bytes
from passend.domain.age import leeftijd_op
from passend.domain.zrm import ZRM_DOMEINEN

KANS_GEMETEN = 0.8
KANS_DOOR_TOEGANG = 0.2
KANS_OMLAAG = 0.12
KOLOMMEN = ["bsn", "gemeente", "aanbieder_agb", "domein", "datum", "score"]
_EERSTE_SCORE = ([1, 2, 3, 4, 5], [0.1, 0.35, 0.35, 0.15, 0.05])


def _kans_omhoog(agb: str) -> float:
    """A stable per-aanbieder chance of progress between 0.2 and 0.5."""
    getal = int(hashlib.sha256(agb.encode()).hexdigest()[:8], 16)
    return 0.2 + 0.3 * (getal % 1000) / 999


class Zrmmetingen:
    """Collects the scores while the care is generated; :meth:`csv` writes them."""

    def __init__(self, seed: int, begin: date, eind: date) -> None:
        self.rng = random.Random(f"{seed}-zrm")
        self.begin, self.eind = begin, eind
        self.rijen: list[dict[str, str]] = []

    def overweeg(self, traject: Traject) -> None:
        """Draw the measurements of `traject` when its client is 16-23 at its start."""
        plan = traject.plan
        if not 16 <= leeftijd_op(plan.persoon.geboortedatum, plan.begin) <= 23:
            return
        eind = min(traject.eind or self.eind, self.eind)
        if (eind - plan.begin).days < 120 or plan.begin > self.eind:
            return
        if self.rng.random() >= KANS_GEMETEN:
            return
        self._meet(traject, eind)

    def _data(self, begin: date, eind: date) -> list[date]:
        rng = self.rng
        dag = begin + timedelta(days=rng.randint(0, 30))
        data = []
        while dag <= eind:
            data.append(dag)
            dag += timedelta(days=rng.randint(150, 210))
        laatste = eind - timedelta(days=rng.randint(0, 14))
        if data and (laatste - data[-1]).days > 60:
            data.append(laatste)
        return [d for d in data if self.begin <= d <= self.eind]

    def _meet(self, traject: Traject, eind: date) -> None:
        rng, plan = self.rng, traject.plan
        meter = "" if rng.random() < KANS_DOOR_TOEGANG else plan.aanbieder
        omhoog = _kans_omhoog(plan.aanbieder)
        domeinen = rng.sample(list(ZRM_DOMEINEN), rng.randint(8, 13))
        scores = {d: rng.choices(*_EERSTE_SCORE)[0] for d in domeinen}
        for i, dag in enumerate(self._data(plan.begin, eind)):
            for domein in domeinen:
                if i:
                    worp = rng.random()
                    stap = 1 if worp < omhoog else -1 if worp < omhoog + KANS_OMLAAG else 0
                    scores[domein] = min(5, max(1, scores[domein] + stap))
                self.rijen.append(
                    {
                        "bsn": plan.persoon.bsn,
                        "gemeente": plan.persoon.gemeente,
                        "aanbieder_agb": meter,
                        "domein": domein,
                        "datum": dag.isoformat(),
                        "score": str(scores[domein]),
                    }
                )

    def csv(self) -> bytes:
        return csv_bytes(KOLOMMEN, self.rijen, lambda r: (r["gemeente"], r["datum"]))
