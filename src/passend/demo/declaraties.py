"""Monthly declaraties of the demo: one bucket per aanbieder, gemeente and domein.

Each active trajectory yields at most one prestatie per calendar month: the ProductPeriode is
the part of the month within the delivery, the volume follows the toegewezen Omvang (never
more), and IngediendBedrag = GeleverdVolume x ProductTarief exactly. Now and then a prestatie
is corrected one or two months later: a credit line and usually a corrected debet line, both
with VorigReferentieNummer pointing at the original.

Only the buckets of the current month and the pending corrections are held in memory.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, replace
from datetime import date

from passend.contracting.tarief import deelbaar_door_60
from passend.demo.catalogus import Product
from passend.demo.trajecten import Traject
from passend.domain.records import Domein

KANS_CORRECTIE = 0.008
_EERSTE_TARIEFJAAR = 2021
_INDEXATIE_STAPPEN = 4  # the tarief climbs 5% of its range per year over at most 4 years


@dataclass(frozen=True)
class Declaratieregel:
    """One prestatie line, before it is put in a message."""

    bsn: str
    referentie: str
    vorige: str | None
    nummer: int
    categorie: str
    code: str
    begin: date
    eind: date
    volume: int
    eenheid: str
    tarief: int
    debet_credit: str

    @property
    def bedrag(self) -> int:
        return self.volume * self.tarief

    @property
    def met_teken(self) -> int:
        return self.bedrag if self.debet_credit == "D" else -self.bedrag


Sleutel = tuple[str, str, Domein]  # (agb, gemeente, domein)


def maand_grenzen(jaar: int, maand: int) -> tuple[date, date]:
    return date(jaar, maand, 1), date(jaar, maand, calendar.monthrange(jaar, maand)[1])


class Tarieven:
    """Tarief in cents per aanbieder, product and year: fixed place in the product's range,
    rising a little each year, never outside the range. From `uniform_vanaf` the region
    contracts uniform tariffs (:func:`uniform_tarief`), which every aanbieder declares except
    those in `eigen_tarief` (they keep their own: the contract check finds them)."""

    def __init__(
        self,
        seed: int,
        uniform_vanaf: int | None = None,
        eigen_tarief: frozenset[str] = frozenset(),
    ) -> None:
        self._seed = seed
        self._plaats: dict[tuple[str, str], float] = {}
        self._uniform_vanaf = uniform_vanaf
        self._eigen = eigen_tarief

    def tarief(self, agb: str, product: Product, jaar: int) -> int:
        if product.eenheid == "83":
            return 100
        if (
            self._uniform_vanaf is not None
            and jaar >= self._uniform_vanaf
            and agb not in self._eigen
        ):
            return uniform_tarief(product, jaar)
        sleutel = (agb, product.code)
        if sleutel not in self._plaats:
            bron = random.Random(f"{self._seed}-tarief-{agb}-{product.code}")
            self._plaats[sleutel] = bron.random()
        stap = min(max(jaar - _EERSTE_TARIEFJAAR, 0), _INDEXATIE_STAPPEN)
        positie = 0.8 * self._plaats[sleutel] + 0.05 * stap
        euro = product.tarief_min + (product.tarief_max - product.tarief_min) * positie
        return round(euro * 100)


def uniform_tarief(product: Product, jaar: int) -> int:
    """The contracted uniform tariff of a product in cents: the middle of its range at that
    year's index, rounded to a multiple of 60 cents (whole cents per minute, iJw rule IV081)."""
    if product.eenheid == "83":
        return 100
    stap = min(max(jaar - _EERSTE_TARIEFJAAR, 0), _INDEXATIE_STAPPEN)
    euro = product.tarief_min + (product.tarief_max - product.tarief_min) * (0.4 + 0.05 * stap)
    return deelbaar_door_60(round(euro * 100))


def geleverd_volume(t: Traject, begin: date, eind: date, rng: random.Random) -> int:
    """Volume delivered in [begin, eind] (within one month), never above the Omvang."""
    p = t.product
    dagen = (eind - begin).days + 1
    if p.eenheid == "14":
        return dagen
    if p.eenheid == "82":
        return 1 if p.frequentie != "6" or begin == t.plan.begin else 0
    if p.eenheid == "83":
        return _euro_volume(t, begin, eind, dagen)
    maximum = t.volume * dagen // 7
    return min(maximum, round(t.volume * dagen / 7 * rng.uniform(0.6, 1.0)))


def _euro_volume(t: Traject, begin: date, eind: date, dagen: int) -> int:
    if t.product.frequentie != "6":  # euros per month
        return round(t.volume * dagen / calendar.monthrange(begin.year, begin.month)[1])
    einddatum = t.laatste_einddatum or eind
    gepland = (einddatum - t.plan.ingang).days + 1
    rest = t.volume - t.betaald // 100
    if t.eind is not None and eind == t.eind and t.plan.reden == "31":
        return rest
    return min(rest, round(t.volume * dagen / gepland))


class Declaraties:
    """Collects the prestaties of one month per bucket; schedules corrections."""

    def __init__(self, rng: random.Random, tarieven: Tarieven) -> None:
        self.rng = rng
        self.tarieven = tarieven
        self.emmers: dict[Sleutel, list[Declaratieregel]] = {}
        self._correcties: dict[tuple[int, int], list[tuple[Sleutel, Declaratieregel]]] = {}
        self._volgnummer: dict[str, int] = {}

    def referentie(self, agb: str) -> str:
        nummer = self._volgnummer.get(agb, 0) + 1
        self._volgnummer[agb] = nummer
        return f"DEMO{agb}{nummer:08d}"

    def voeg_toe(self, t: Traject, jaar: int, maand: int, laatste: tuple[int, int]) -> None:
        """The prestatie of `t` in this month, if it delivered anything."""
        maand_begin, maand_eind = maand_grenzen(jaar, maand)
        begin = max(maand_begin, t.plan.begin)
        eind = min(maand_eind, t.eind or maand_eind)
        if begin > eind:
            return
        regel = self._regel(t, begin, eind, jaar)
        if regel is None:
            return
        sleutel = (t.plan.aanbieder, t.plan.persoon.gemeente, t.domein)
        self.emmers.setdefault(sleutel, []).append(regel)
        if regel.volume >= 2 and self.rng.random() < KANS_CORRECTIE:
            self._plan_correctie(sleutel, regel, jaar, maand, laatste)

    def _regel(self, t: Traject, begin: date, eind: date, jaar: int) -> Declaratieregel | None:
        volume = geleverd_volume(t, begin, eind, self.rng)
        tarief = self.tarieven.tarief(t.plan.aanbieder, t.product, jaar)
        budget = t.budget(t.laatste_einddatum)
        if budget is not None:
            volume = min(volume, (budget - t.betaald) // tarief)
        if volume <= 0:
            return None
        t.betaald += volume * tarief
        p = t.product
        return Declaratieregel(
            t.plan.persoon.bsn,
            self.referentie(t.plan.aanbieder),
            None,
            t.nummer,
            p.categorie,
            p.code,
            begin,
            eind,
            volume,
            p.eenheid,
            tarief,
            "D",
        )

    def _plan_correctie(
        self,
        sleutel: Sleutel,
        regel: Declaratieregel,
        jaar: int,
        maand: int,
        laatste: tuple[int, int],
    ) -> None:
        later = maand + self.rng.randint(1, 2)
        doel = (jaar + (later - 1) // 12, (later - 1) % 12 + 1)
        if doel <= laatste:
            self._correcties.setdefault(doel, []).append((sleutel, regel))

    def voeg_correcties_toe(self, jaar: int, maand: int) -> None:
        """Credit (and usually re-declare with one unit less) the lines due this month."""
        for sleutel, origineel in self._correcties.pop((jaar, maand), []):
            emmer = self.emmers.setdefault(sleutel, [])
            agb = sleutel[0]
            emmer.append(
                replace(
                    origineel,
                    referentie=self.referentie(agb),
                    vorige=origineel.referentie,
                    debet_credit="C",
                )
            )
            if self.rng.random() < 0.7:
                emmer.append(
                    replace(
                        origineel,
                        referentie=self.referentie(agb),
                        vorige=origineel.referentie,
                        volume=origineel.volume - 1,
                    )
                )

    def leeg(self) -> dict[Sleutel, list[Declaratieregel]]:
        emmers, self.emmers = self.emmers, {}
        return emmers
