"""The demo region's toekomstplan register, written as the import template.

For every youth with jeugdhulp in the year before 18 whose 18th birthday falls in the demo
years, a plan is drawn with its own random stream (the care data stay as they were):

- about 60% get a plan dated between their 16th birthday (or the start of care, when later)
  and the day they turn 17½, a few more a late plan between 17½ and 18; youths whose
  care continues after 18 (verlengd or to the Wmo) more often than those without follow-up,
  as the regional approach expects;
- of those with a plan, 70% see the handover to adult support start between their 16th
  birthday and four months after the plan (so about a third of the cohort starts it by 16½);
- half the plans name all seven life domains, the others four to six, a tenth in terms of
  the Big 5; the regiehouder is the Jeugd aanbieder or a role.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from passend.demo.trajecten import Persoon, Traject
from passend.demo.uitvoer import csv_bytes
from passend.domain.age import halfjaar_na_verjaardag, verjaardag
from passend.domain.records import Domein
from passend.domain.toekomstplan import BIG5, LEVENSDOMEINEN, ROLLEN

KANS_TIJDIG_MET_VERVOLG = 0.72
KANS_TIJDIG_ZONDER_VERVOLG = 0.45
KANS_LAAT = 0.12
KANS_OVERDRACHT = 0.7
KOLOMMEN = [
    "bsn",
    "gemeente",
    "regiehouder_agb",
    "regiehouder_rol",
    "datum_plan",
    "datum_overdracht_gestart",
    "domeinen",
]


class Toekomstplannen:
    """Collects the plans while the care is generated; :meth:`csv` writes them."""

    def __init__(self, seed: int, begin: date, eind: date) -> None:
        self.rng = random.Random(f"{seed}-toekomstplan")
        self.begin, self.eind = begin, eind
        self.rijen: list[dict[str, str]] = []

    def overweeg(self, persoon: Persoon, trajecten: Sequence[Traject]) -> None:
        """Draw a plan for `persoon` when they are in the cohort of a demo year."""
        b18 = verjaardag(persoon.geboortedatum, 18)
        if not self.begin.year <= b18.year <= self.eind.year:
            return
        jeugd = [t for t in trajecten if t.domein is Domein.JEUGD]
        venster = [
            t
            for t in jeugd
            if t.plan.begin <= b18 - timedelta(days=1)
            and (t.eind is None or t.eind >= b18 - timedelta(days=365))
        ]
        if not venster:
            return
        vervolg = any(t.domein is Domein.WMO for t in trajecten) or any(
            t.eind is None or t.eind >= b18 for t in jeugd
        )
        self._trek(persoon, b18, venster, vervolg)

    def _trek(self, persoon: Persoon, b18: date, venster: Sequence[Traject], vervolg: bool) -> None:
        rng = self.rng
        dag_17_5 = halfjaar_na_verjaardag(persoon.geboortedatum, 17)
        kans = KANS_TIJDIG_MET_VERVOLG if vervolg else KANS_TIJDIG_ZONDER_VERVOLG
        worp = rng.random()
        if worp < kans:
            vroegst = max(verjaardag(persoon.geboortedatum, 16), min(t.plan.begin for t in venster))
            van, tot = min(vroegst, dag_17_5), dag_17_5
        elif worp < kans + KANS_LAAT:
            van, tot = dag_17_5 + timedelta(days=1), b18 - timedelta(days=1)
        else:
            return
        datum = van + timedelta(days=rng.randint(0, (tot - van).days))
        if datum > self.eind:
            return
        overdracht = ""
        if rng.random() < KANS_OVERDRACHT:
            vroegst = min(verjaardag(persoon.geboortedatum, 16), datum)
            start = vroegst + timedelta(days=rng.randint(0, (datum - vroegst).days + 120))
            overdracht = start.isoformat() if start <= self.eind else ""
        aanbieder = rng.choice(venster).plan.aanbieder
        rol = "" if rng.random() < 0.5 else rng.choice(list(ROLLEN))
        self.rijen.append(
            {
                "bsn": persoon.bsn,
                "gemeente": persoon.gemeente,
                "regiehouder_agb": aanbieder if not rol else "",
                "regiehouder_rol": rol,
                "datum_plan": datum.isoformat(),
                "datum_overdracht_gestart": overdracht,
                "domeinen": self._domeinen(),
            }
        )

    def _domeinen(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            return ", ".join(rng.sample(list(BIG5), rng.randint(3, 5)))
        if rng.random() < 0.5:
            return ", ".join(LEVENSDOMEINEN)
        return ", ".join(rng.sample(list(LEVENSDOMEINEN), rng.randint(4, 6)))

    def csv(self) -> bytes:
        return csv_bytes(KOLOMMEN, self.rijen, lambda r: (r["gemeente"], r["datum_plan"]))
