"""Care careers of synthetic clients: trajectories, toewijzing details and the 18-transition.

A career is planned in full when a client enters care: a list of :class:`Plan` (product,
aanbieder, ingangsdatum, start and end of delivery). :func:`pas_overgang_18_toe` then applies
the transition at 18 and :func:`voltooi` turns each plan into a :class:`Traject` with the
toewijzing facts (toewijzingsdatum, einddatum, wijzigingen, budget) the messages need.

Transition at 18 for youths in care (delivery running 60 days before the 18th birthday):

* ``stopt`` (35%): all care ends in the four weeks before 18 (reden 31, 34 or 36);
* ``verlengd`` (25%): verlengde jeugdhulp, to about 21 for pleegzorg-type care (categorie
  35/44), otherwise 2-36 months past 18 and before 23;
* ``wmo`` (30%): jeugdhulp ends just before 18 and Wmo support follows: a warm handover
  (Wmo toewijzing before the jeugd end, start the next day) or a gap of 3 weeks to 8 months;
* ``uitval`` (10%): care ends unplanned before 18 (reden 32 or 33), nothing after.

Jeugdbescherming (categorie 48, 49) always ends the day before the 18th birthday.

Youths whose jeugdhulp ended in the ten months before that peildatum belong to the cohort of
the analyses too (care in the year before 18); a quarter of them is given Wmo support that
starts in the half year after their 18th birthday (never a warm handover).
"""

from __future__ import annotations

import calendar
import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta

from passend.demo.catalogus import AanbiederKeuze, Product, kies_product, product_per_code
from passend.domain.age import achttiende_verjaardag, leeftijd_op, verjaardag
from passend.domain.records import ClientGegevens, Domein, Omvang

#: Drawn per youth. Jeugdbescherming-only youths always stop at 18, so "verlengd" and
#: "wmo" are drawn a bit more often; the counted mix then lands near 35/25/30/10.
OVERGANG_KANSEN = {"stopt": 30.0, "verlengd": 28.0, "wmo": 32.0, "uitval": 10.0}
KANS_LATE_WMO = 0.25
#: Reden beëindiging 38 and 39 exist from 1 April 2022 (JZ588).
NIEUWE_REDENEN_VANAF = date(2022, 4, 1)
_PEIL_VOOR_18 = timedelta(days=60)
_PLEEGZORG = frozenset({"35", "44"})
_JEUGDBESCHERMING = frozenset({"48", "49"})
_MAX_WACHT = {
    "4A": 30,
    "4B": 60,
    "3": 45,
    "2": 120,
    "1": 90,
    "5": 0,
    "6": 7,
    "7": 14,
    "LTA": 60,
    "W": 30,
}
_MIN_LEEFTIJD = {"47A01": 12, "44A03": 15, "43A03": 12}
_PERIODES = (1, 3, 6, 12, 24)  # toewijzing periods in months
_DAG = timedelta(days=1)


@dataclass(frozen=True)
class Persoon:
    bsn: str
    geboortedatum: date
    geslacht: str
    gemeente: str
    datum_gebruik: str | None = None

    def client(self) -> ClientGegevens:
        return ClientGegevens(self.bsn, self.geboortedatum, self.datum_gebruik, self.geslacht)


@dataclass(frozen=True)
class Plan:
    """One trajectory as planned, before the toewijzing details."""

    persoon: Persoon
    product: Product
    aanbieder: str  # AGB
    ingang: date
    begin: date  # delivery start
    eind: date  # delivery end (may lie beyond the generated years)
    reden: str
    toewijzingsdatum: date | None = None
    contractwijziging: bool = False  # 2015 code ended by the gemeente (RedenWijziging 03)


@dataclass(frozen=True)
class Wijziging:
    datum: date
    reden: str
    einddatum: date


@dataclass
class Traject:
    """A planned trajectory with its toewijzing facts; state for declaring it."""

    plan: Plan
    toewijzingsdatum: date
    toewijzingstijd: time
    einddatum: date | None  # of the first toewijzing
    volume: int
    wijzigingen: list[Wijziging]
    eind: date | None  # delivery end within the generated years, else None (open)
    nummer: int = 0
    betaald: int = 0  # cents declared so far (budget and euro trajectories)
    budget_per_dag: float = field(default=0.0, repr=False)  # cents; 0 unless budget-based

    @property
    def product(self) -> Product:
        return self.plan.product

    @property
    def domein(self) -> Domein:
        return self.plan.product.domein

    @property
    def laatste_einddatum(self) -> date | None:
        return self.wijzigingen[-1].einddatum if self.wijzigingen else self.einddatum

    def budget(self, einddatum: date | None) -> int | None:
        """Budget in cents for a toewijzing ending on `einddatum`, whole hundreds of euros."""
        if self.product.toewijzing == "specifiek" or einddatum is None:
            return None
        dagen = (einddatum - self.plan.ingang).days + 1
        return math.ceil(dagen * self.budget_per_dag / 10_000) * 10_000

    def omvang(self) -> Omvang | None:
        if self.product.toewijzing != "specifiek":
            return None
        return Omvang(self.volume, self.product.eenheid, self.product.frequentie)

    def categorie_code(self) -> tuple[str | None, str | None]:
        """Product as toegewezen: generiek has neither, aspecifiek only the categorie."""
        soort = self.product.toewijzing
        if soort == "generiek":
            return None, None
        if soort == "aspecifiek":
            return self.product.categorie, None
        return self.product.categorie, self.product.code


# -- careers ---------------------------------------------------------------------------------


class Planner:
    """Plans careers for one run; all randomness comes from `rng` in call order."""

    def __init__(self, rng: random.Random, keuze: AanbiederKeuze) -> None:
        self.rng = rng
        self.keuze = keuze

    # one trajectory

    def plan(
        self,
        persoon: Persoon,
        segment: str,
        ingang: date,
        product: Product | None = None,
        aanbieder: str | None = None,
    ) -> Plan:
        rng = self.rng
        if product is None:
            product = self._kies_product(segment, ingang, persoon)
        if aanbieder is None:
            aanbieder = self.keuze.kies(rng, segment, persoon.gemeente).agb
        maximum = _MAX_WACHT[segment]
        begin = ingang + timedelta(days=int(rng.triangular(0, maximum, maximum * 0.15)))
        duur = max(7, int(product.duur_mediaan * math.exp(rng.gauss(0, 0.7))))
        duur = min(duur, 8 * 365)
        return Plan(
            persoon,
            product,
            aanbieder,
            ingang,
            begin,
            begin + timedelta(days=duur - 1),
            self._reden(product.domein, begin + timedelta(days=duur)),
        )

    def _kies_product(self, segment: str, ingang: date, persoon: Persoon) -> Product:
        leeftijd = leeftijd_op(persoon.geboortedatum, ingang)
        while True:
            product = kies_product(self.rng, segment, ingang)
            if leeftijd >= _MIN_LEEFTIJD.get(product.code, 0):
                return product

    def _reden(self, domein: Domein, eind: date) -> str:
        nieuw = eind >= NIEUWE_REDENEN_VANAF
        if domein is Domein.WMO:
            codes = ["19", "21", "22", "23", "31", "38"]
            gewichten = [60, 10, 4, 15, 6, 5 if nieuw else 0]
        else:
            codes = ["31", "32", "33", "34", "35", "38", "20", "02"]
            gewichten = [50, 10, 5, 20, 5, 5 if nieuw else 0, 1, 0.05]
        return self.rng.choices(codes, weights=gewichten)[0]

    # jeugd

    def jeugd_loopbaan(self, persoon: Persoon, start: date) -> list[Plan]:
        """The jeugd plans of a youth entering care on `start`, with the transition at 18."""
        rng = self.rng
        leeftijd = leeftijd_op(persoon.geboortedatum, start)
        eerste = self.plan(persoon, kies_segment(rng, leeftijd), start)
        plannen = [eerste]
        if eerste.product.segment == "6" and rng.random() < 0.6:
            segment = rng.choices(["4A", "4B", "2", "1"], weights=[55, 25, 12, 8])[0]
            plannen.append(self.plan(persoon, segment, start + timedelta(rng.randint(0, 60))))
        if eerste.product.segment == "5" and rng.random() < 0.6:
            segment = rng.choices(["2", "1", "4A"], weights=[30, 20, 50])[0]
            plannen.append(self.plan(persoon, segment, eerste.eind + _DAG))
        laatste = max(p.eind for p in plannen)
        for _ in range(2):
            if rng.random() >= 0.22:
                break
            ingang = laatste + timedelta(days=rng.randint(14, 300))
            volgend = self.plan(
                persoon, kies_segment(rng, leeftijd_op(persoon.geboortedatum, ingang)), ingang
            )
            plannen.append(volgend)
            laatste = volgend.eind
        return self.pas_overgang_18_toe(persoon, plannen)

    def pas_overgang_18_toe(self, persoon: Persoon, plannen: list[Plan]) -> list[Plan]:
        """Apply the 18-transition: see the module docstring."""
        achttien = achttiende_verjaardag(persoon.geboortedatum)
        peil = achttien - _PEIL_VOOR_18
        voor = [p for p in plannen if p.begin <= peil]
        cohort = [p for p in voor if p.eind > peil]
        if not cohort:
            return voor + self._late_wmo(persoon, voor, achttien)
        uitkomsten, kansen = list(OVERGANG_KANSEN), list(OVERGANG_KANSEN.values())
        uitkomst = self.rng.choices(uitkomsten, weights=kansen)[0]
        rest = [p for p in voor if p.eind <= peil]
        aangepast = [self._overgang(p, uitkomst, persoon.geboortedatum) for p in cohort]
        if uitkomst == "wmo":
            aangepast += self._wmo_na_jeugd(persoon, aangepast)
        return rest + aangepast

    def _overgang(self, plan: Plan, uitkomst: str, geboren: date) -> Plan:
        rng = self.rng
        achttien = achttiende_verjaardag(geboren)
        if plan.product.categorie in _JEUGDBESCHERMING:
            return replace(plan, eind=achttien - _DAG, reden="31")
        if uitkomst == "verlengd":
            return self._verlengd(plan, geboren)
        if uitkomst == "stopt":
            eind = achttien - timedelta(days=rng.randint(1, 28))
            reden = rng.choices(["31", "34", "36"], weights=[60, 25, 15])[0]
        elif uitkomst == "uitval":
            eind = achttien - timedelta(days=rng.randint(1, 45))
            reden = rng.choices(["32", "33"], weights=[70, 30])[0]
        else:
            eind = achttien - timedelta(days=rng.randint(1, 14))
            reden = "39" if eind >= NIEUWE_REDENEN_VANAF else "34"
        return replace(plan, eind=eind, reden=reden)

    def _verlengd(self, plan: Plan, geboren: date) -> Plan:
        rng = self.rng
        if plan.product.categorie in _PLEEGZORG:
            eind = verjaardag(geboren, 21) - timedelta(days=rng.randint(1, 90))
        else:
            eind = achttiende_verjaardag(geboren) + timedelta(days=rng.randint(60, 36 * 30))
            eind = min(eind, verjaardag(geboren, 23) - _DAG)
        return replace(plan, eind=eind, reden=rng.choices(["31", "34"], weights=[70, 30])[0])

    def _wmo_na_jeugd(self, persoon: Persoon, jeugd: list[Plan]) -> list[Plan]:
        rng = self.rng
        jeugd_eind = max(p.eind for p in jeugd)
        verblijf = any(p.product.met_verblijf for p in jeugd)
        code = rng.choices(
            ["02A01", "07A01", "15A01", "01A01"],
            weights=[40, 15, 45, 0] if verblijf else [65, 20, 10, 5],
        )[0]
        if rng.random() < 0.45:  # warm handover: no gap
            ingang = jeugd_eind + _DAG
            plan = self.plan(persoon, "W", ingang, product_per_code()[code])
            toegewezen = jeugd_eind - timedelta(days=rng.randint(7, 30))
            return [
                replace(
                    plan,
                    begin=ingang,
                    toewijzingsdatum=toegewezen,
                    eind=max(plan.eind, ingang + timedelta(days=30)),
                )
            ]
        ingang = jeugd_eind + timedelta(days=rng.randint(21, 240))
        return [self.plan(persoon, "W", ingang, product_per_code()[code])]

    def _late_wmo(self, persoon: Persoon, jeugd: list[Plan], achttien: date) -> list[Plan]:
        """Wmo from 18 for a youth whose jeugdhulp ended in the year before 18 (or nothing)."""
        if not jeugd:
            return []
        eind = max(p.eind for p in jeugd)
        if eind <= achttien - timedelta(days=365) or self.rng.random() >= KANS_LATE_WMO:
            return []
        laatst = min(eind + timedelta(days=365), achttien + timedelta(days=180))
        if laatst < achttien:
            return []
        ingang = achttien + timedelta(days=self.rng.randint(0, (laatst - achttien).days))
        code = self.rng.choices(["02A01", "07A01", "15A01"], weights=[70, 20, 10])[0]
        return [self.plan(persoon, "W", ingang, product_per_code()[code])]

    # wmo inflow without jeugdhulp

    def wmo_loopbaan(self, persoon: Persoon, start: date) -> list[Plan]:
        rng = self.rng
        code = rng.choices(["02A01", "07A01", "15A01", "01A01"], weights=[60, 20, 15, 5])[0]
        plannen = [self.plan(persoon, "W", start, product_per_code()[code])]
        if code == "02A01" and rng.random() < 0.2:
            plannen.append(
                self.plan(
                    persoon,
                    "W",
                    start + timedelta(days=rng.randint(0, 90)),
                    product_per_code()["07A01"],
                )
            )
        return plannen


def kies_segment(rng: random.Random, leeftijd: int) -> str:
    """Segment of a youth's (first) trajectory, weighted by age."""
    gewichten = {
        "4A": 50.0,
        "4B": 16.0,
        "3": 4.0,
        "2": 2.0,
        "1": 1.5,
        "5": 3.0,
        "6": 7.0,
        "7": 3.0,
        "LTA": 0.4,
    }
    if leeftijd < 4:
        gewichten.update({"4B": 5.0, "7": 0.0, "3": 6.0})
    if leeftijd >= 12:
        gewichten.update({"1": 2.7, "2": 2.8, "5": 4.5})
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def splits_2015_codes(plannen: list[Plan], rng: random.Random) -> list[Plan]:
    """End 2015-coded plans on their last valid date; continue with the opvolger code."""
    uit: list[Plan] = []
    for plan in plannen:
        tot = plan.product.geldig_tot
        if tot is None or plan.eind <= tot:
            uit.append(plan)
            continue
        opvolger = product_per_code()[plan.product.opvolger or ""]
        if plan.begin > tot:  # never delivered under the old code
            uit.append(replace(plan, product=opvolger))
            continue
        toegewezen = tot - timedelta(days=rng.randint(10, 25))
        uit.append(replace(plan, eind=tot, reden="36", contractwijziging=True))
        uit.append(
            replace(
                plan,
                product=opvolger,
                ingang=tot + _DAG,
                begin=tot + _DAG,
                toewijzingsdatum=toegewezen,
            )
        )
    return uit


# -- toewijzing details -------------------------------------------------------------------------


def _plus_maanden(dag: date, maanden: int) -> date:
    """The last day of a period of `maanden` months starting on `dag`."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar += dag.year
    laatste_dag = calendar.monthrange(jaar, maand + 1)[1]
    return date(jaar, maand + 1, min(dag.day, laatste_dag)) - _DAG


def einddatum_verplicht(product: Product) -> bool:
    """The Toewijzingsvarianten rule: frequentie week, a traject in euro's, and budgets."""
    if product.toewijzing != "specifiek":
        return product.categorie != "55"
    return product.frequentie == "2" or (product.eenheid == "83" and product.frequentie == "6")


def _periode_maanden(product: Product) -> int:
    nodig = product.duur_mediaan * 1.3 / 30
    return next((m for m in _PERIODES if m >= nodig), _PERIODES[-1])


def voltooi(plan: Plan, rng: random.Random, eind_horizon: date) -> Traject:
    """The toewijzing around `plan`: dates, einddatum, wijzigingen (04, 05, 03)."""
    product = plan.product
    if plan.toewijzingsdatum is not None:
        toegewezen = plan.toewijzingsdatum
    elif product.segment == "5":
        toegewezen = plan.ingang - timedelta(days=rng.randint(0, 2))
    else:
        toegewezen = plan.ingang - timedelta(days=rng.randint(3, 35))
    tijd = time(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59))
    maanden = _periode_maanden(product)
    einddatum = None
    tot = product.geldig_tot  # a 2015 code is never toegewezen past its last valid day
    if einddatum_verplicht(product) or tot is not None or rng.random() < 0.5:
        einddatum = _plus_maanden(plan.ingang, maanden)
        while einddatum < plan.begin + timedelta(days=14):
            einddatum = _plus_maanden(einddatum + _DAG, maanden)
        einddatum = min(einddatum, tot or einddatum)
    traject = Traject(
        plan,
        toegewezen,
        tijd,
        einddatum,
        rng.randint(product.volume_min, product.volume_max),
        [],
        plan.eind if plan.eind <= eind_horizon else None,
    )
    traject.budget_per_dag = _budget_per_dag(product, traject.volume)
    traject.wijzigingen = _wijzigingen(traject, rng, eind_horizon, maanden)
    return traject


def _budget_per_dag(product: Product, volume: int) -> float:
    """Cents per day that always covers the declared cost (highest tarief, full volume)."""
    if product.toewijzing == "specifiek":
        return 0.0
    if product.eenheid == "83":
        return volume * 100 / 28
    return volume * product.tarief_max * 100 / 7


def _wijzigingen(
    t: Traject, rng: random.Random, eind_horizon: date, maanden: int
) -> list[Wijziging]:
    plan = t.plan
    wijzigingen: list[Wijziging] = []
    einddatum = t.einddatum
    doel = min(plan.eind, eind_horizon)
    if einddatum is not None:
        while einddatum < doel:
            nieuw = _plus_maanden(einddatum + _DAG, maanden * (1 + len(wijzigingen) // 3))
            nieuw = min(nieuw, plan.product.geldig_tot or nieuw)
            datum = max(t.toewijzingsdatum + _DAG, einddatum - timedelta(days=rng.randint(7, 28)))
            wijzigingen.append(Wijziging(datum, "04", nieuw))
            einddatum = nieuw
    if plan.eind > eind_horizon:
        return wijzigingen
    if plan.contractwijziging:
        datum = plan.eind - timedelta(days=rng.randint(10, 25))
        wijzigingen.append(Wijziging(max(datum, _na_laatste(t, wijzigingen)), "03", plan.eind))
    elif (einddatum is None and rng.random() < 0.5) or (
        einddatum is not None and plan.eind < einddatum - timedelta(days=30) and rng.random() < 0.3
    ):
        datum = plan.eind + timedelta(days=rng.randint(3, 30))
        wijzigingen.append(Wijziging(max(datum, _na_laatste(t, wijzigingen)), "05", plan.eind))
    return wijzigingen


def _na_laatste(t: Traject, wijzigingen: list[Wijziging]) -> date:
    return (wijzigingen[-1].datum if wijzigingen else t.toewijzingsdatum) + _DAG
