"""The demo region's clients' judgements of closed trajectories, written as the import
template ``clientoordeel`` (docs/import.md), with their own random stream:

- about 60% of the Jeugd trajectories that end within the demo years with a reason of the
  CBS outcome set (31-35) get a judgement from the aanbieder;
- the youth answers from 12 years on; a parent answers for younger children and, for one
  in five, besides the youth;
- the report mark and the answer to "zonder hulp verder" follow how the care ended: a
  trajectory ended as planned scores higher and more often needs no further help than one
  the client or the aanbieder broke off.
"""

from __future__ import annotations

import random
from datetime import date

from passend.demo.trajecten import Traject
from passend.demo.uitvoer import csv_bytes
from passend.domain.age import leeftijd_op
from passend.domain.records import Domein

KANS_OORDEEL = 0.6
KANS_OUDER_ERBIJ = 0.2
KOLOMMEN = ["bsn", "aanbieder_agb", "einddatum", "informant", "tevredenheid", "zonder_hulp"]
#: Per reason: the range of marks and the weights of the answers 01-04.
_PER_REDEN: dict[str, tuple[tuple[int, int], list[int]]] = {
    "31": ((6, 10), [10, 25, 35, 30]),
    "32": ((3, 7), [45, 35, 15, 5]),
    "33": ((3, 7), [50, 30, 15, 5]),
    "34": ((5, 9), [20, 30, 30, 20]),
    "35": ((5, 9), [30, 30, 25, 15]),
}


class Clientoordelen:
    """Collects the judgements while the care is generated; :meth:`csv` writes them."""

    def __init__(self, seed: int, begin: date, eind: date) -> None:
        self.rng = random.Random(f"{seed}-clientoordeel")
        self.begin, self.eind = begin, eind
        self.rijen: list[dict[str, str]] = []

    def overweeg(self, traject: Traject) -> None:
        plan = traject.plan
        if traject.domein is not Domein.JEUGD or plan.reden not in _PER_REDEN:
            return
        if traject.eind is None or not self.begin <= traject.eind <= self.eind:
            return
        if self.rng.random() >= KANS_OORDEEL:
            return
        leeftijd = leeftijd_op(plan.persoon.geboortedatum, traject.eind)
        informanten = ["jeugdige"] if leeftijd >= 12 else ["ouder"]
        if leeftijd >= 12 and self.rng.random() < KANS_OUDER_ERBIJ:
            informanten.append("ouder")
        for informant in informanten:
            self._antwoord(traject, informant)

    def _antwoord(self, traject: Traject, informant: str) -> None:
        rng, plan = self.rng, traject.plan
        (laag, hoog), gewichten = _PER_REDEN[plan.reden]
        assert traject.eind is not None
        self.rijen.append(
            {
                "bsn": plan.persoon.bsn,
                "aanbieder_agb": plan.aanbieder,
                "einddatum": traject.eind.isoformat(),
                "informant": informant,
                "tevredenheid": str(rng.randint(laag, hoog)) if rng.random() < 0.9 else "",
                "zonder_hulp": rng.choices(["01", "02", "03", "04"], weights=gewichten)[0],
            }
        )

    def csv(self) -> bytes:
        return csv_bytes(KOLOMMEN, self.rijen, lambda r: (r["aanbieder_agb"], r["einddatum"]))
