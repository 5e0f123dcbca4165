"""Generate a synthetic demo region: real iJw 3.2 / iWmo 3.2 messages for Zuid-Holland Zuid.

EVERYTHING THIS MODULE WRITES IS SYNTHETIC. No real person, aanbieder or declaration is in
it: BerichtIdentificaties start with ``DEMO``, every client's surname is ``Demo``, aanbieder
names end with ``(demo)`` and a ``README.txt`` in the output says so. BSNs are synthetic
9-digit numbers starting with 9 that pass the elfproef (see :mod:`passend.domain.elfproef`);
the same person keeps one BSN in Jeugd and Wmo messages.

Output (in ``doelmap``, or in ``doelmap/passend-demo.zip``)::

    README.txt            what this is, seed, scale, counts
    bevolking.csv         gemeente,jaar,leeftijd,aantal  (ages 0-27, per gemeente and year)
    aanbieders.csv        agb_code,naam
    contracten/           the contract register (1_contract.csv, 2_tarief.csv,
                          3_bestedingsruimte.csv, 4_clientenstop.csv; see
                          passend.demo.contracten)
    toekomstplannen/      toekomstplan.csv, plans of the 18-cohorts (passend.demo.toekomstplannen)
    zrm/                  zrm.csv, self-reliance scores of 16-23-year-olds (passend.demo.zrm)
    clientoordelen/       clientoordeel.csv, judgements of closed trajectories
                          (passend.demo.clientoordelen)
    JW301/JW301_DEMO00000001.xml, JW305/..., WMO301/..., JW323/...   one message per file

Region: the 10 gemeenten of jeugdregio Zuid-Holland Zuid (package data ``data/zhz.csv``).
Toewijzingen that started before the first year but still ran in it are included, so some
JW301/JW305 messages carry an earlier date; declaraties cover the months of ``jaren`` only.

Jeugd segments and their iJw productcategorieën (product codes: ``data/producten.csv``)::

    1    Hoog specialistisch              43, 37, 38
    2    Wonen                            44, 35, 36
    3    Dagbesteding / dagbehandeling    41, 33
    4A   Lokaal                           40, 45, 51, 31, 32, 34
    4B   Regionaal                        52, 53, 54, 42, 50
    5    Crisis                           46
    6    Gecertificeerde instellingen     47, 48, 49
    7    Onderwijs-jeugdhulp              45 and 50 with product codes starting with "OJ"
    LTA  Landelijk ingekocht              55

The 2015 categories 31-38 occur only in toewijzingen running in 2021 or earlier; on
2021-12-31 the gemeente ends them (RedenWijziging 03, reden beëindiging 36) and continues
the care under the current code from 2022-01-01.

Scales (``schaal``): a multiplier of realistic volume, where realistic is about 1 in 10
youths 0-17 in jeugdhulp per year. ``"klein"`` = 0.012 (a few hundred clients, for tests),
``"normaal"`` = 0.2 (the demo), ``"groot"`` = 3.6 (benchmarks: over 100k toewijzingen and
1M prestaties over five years). Messages are streamed to disk; in memory are only the
running trajectories and the declaration buckets of the current month.
"""

from __future__ import annotations

import csv
import heapq
import io
import random
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from passend.demo.bevolking import Bevolking, bereken_bevolking, bevolking_csv, gemeenten
from passend.demo.catalogus import Aanbieder, AanbiederKeuze, maak_aanbieders, segment_per_code
from passend.demo.clientoordelen import Clientoordelen
from passend.demo.contracten import (
    EIGEN_TARIEF,
    Declaratietotalen,
    aanbieder_van_soort,
    register_csv,
)
from passend.demo.declaraties import Declaratieregel, Declaraties, Sleutel, Tarieven, maand_grenzen
from passend.demo.toekomstplannen import Toekomstplannen
from passend.demo.trajecten import (
    Persoon,
    Plan,
    Planner,
    Traject,
    splits_2015_codes,
    voltooi,
)
from passend.demo.uitvoer import Uitvoer
from passend.demo.zrm import Zrmmetingen
from passend.domain.money import als_bedrag_met_dc
from passend.domain.records import (
    AanvraagRecord,
    ClientGegevens,
    DeclaratieKop,
    Domein,
    Kop,
    LeveringRecord,
    PrestatieRecord,
    ToewijzingRecord,
)
from passend.istandaarden import writer

SCHALEN = {"klein": 0.012, "normaal": 0.2, "groot": 3.6}
#: Yearly inflow into jeugdhulp as a share of youths 0-17; with the durations this gives
#: about 1 in 10 youths in care per year.
JEUGD_INSTROOM = 0.048
#: Yearly Wmo inflow of young adults 18-26 who never had jeugdhulp.
WMO_INSTROOM = 0.006
#: Relative inflow per age 0-17 (more in primary school and puberty).
LEEFTIJDSGEWICHT = (
    0.4,
    0.5,
    0.6,
    0.7,
    0.9,
    1.0,
    1.1,
    1.2,
    1.2,
    1.2,
    1.2,
    1.2,
    1.2,
    1.3,
    1.4,
    1.4,
    1.3,
    1.0,
)
AANLOOPJAREN = 4  # careers start this long before the first year, so year one is not empty
KANS_VERZOEK = 0.05  # a JW315 before the toewijzing (ambulant and Wmo)
KANS_RETOUR = 0.03  # a JW302/JW306 on a 301/305; a JW325 on a declaratie
#: One in this many debet lines of an answered declaratie is rejected (code 9321: more than
#: assigned), chosen by a hash of its reference so that the random draws stay as they were.
AFGEWEZEN_EEN_OP = 12
KANS_VOW = 0.1  # a JW317 before a verlenging
_BERICHT_MAP = "{type}/{type}_{identificatie}.xml"


@dataclass(frozen=True)
class DemoSamenvatting:
    """What :func:`genereer_demo` wrote. ``paden``: the top-level files and folders (or the
    zip archive); ``totaal_bedrag``: the signed sum of all declared prestaties in cents."""

    doel: Path
    seed: int
    schaal: float
    jaren: range
    clienten: int
    jeugd_clienten: int
    wmo_clienten: int
    berichten_per_type: dict[str, int]
    toewijzingen: int
    leveringen: int
    prestaties: int
    totaal_bedrag: int
    paden: tuple[Path, ...] = field(default=())

    def tekst(self) -> str:
        regels = [
            f"Synthetische demo (seed {self.seed}, schaal {self.schaal:g}, "
            f"jaren {self.jaren.start}-{self.jaren.stop - 1}) in {self.doel}",
            f"cliënten: {self.clienten} (jeugd {self.jeugd_clienten}, wmo {self.wmo_clienten})",
            f"toewijzingen: {self.toewijzingen}, leveringen: {self.leveringen}, "
            f"prestaties: {self.prestaties}, "
            f"totaal gedeclareerd: {self.totaal_bedrag / 100:,.2f} EUR",
            "berichten: " + ", ".join(f"{t} {n}" for t, n in self.berichten_per_type.items()),
        ]
        return "\n".join(regels)


def schaalfactor(schaal: str | float) -> float:
    """The volume multiplier for a named scale or a number (> 0)."""
    if isinstance(schaal, str) and schaal in SCHALEN:
        return SCHALEN[schaal]
    try:
        factor = float(schaal)
    except ValueError:
        namen = ", ".join(SCHALEN)
        raise ValueError(f"unknown schaal {schaal!r}: use {namen} or a number") from None
    if not factor > 0:
        raise ValueError("schaal must be positive")
    return factor


def genereer_demo(
    doelmap: Path,
    *,
    seed: int = 2026,
    schaal: str | float = "normaal",
    jaren: range = range(2021, 2026),
    zip_bestand: bool = False,
) -> DemoSamenvatting:
    """Write a synthetic demo region into `doelmap` (see the module docstring)."""
    if len(jaren) == 0 or jaren.step != 1:
        raise ValueError("jaren must be a non-empty range of consecutive years")
    run = _Run(Path(doelmap), seed, schaalfactor(schaal), jaren, zip_bestand)
    return run.voer_uit()


# -- BSNs --------------------------------------------------------------------------------------


class BsnReeks:
    """Synthetic BSNs: 9 digits starting with 9, passing the elfproef, never repeated."""

    _GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2)

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}-bsn")
        stap = rng.randrange(1, 10**7)
        while stap % 2 == 0 or stap % 5 == 0:  # coprime with 10**7: no repeats
            stap += 1
        self._stap, self._start, self._i = stap, rng.randrange(10**7), 0

    def volgende(self) -> str:
        while True:
            stam = 90_000_000 + (self._start + self._i * self._stap) % 10**7
            self._i += 1
            controle = sum(int(c) * w for c, w in zip(str(stam), self._GEWICHTEN, strict=True)) % 11
            if controle < 10:
                return f"{stam}{controle}"


# -- messages ------------------------------------------------------------------------------------


class _Berichten:
    """Builds and writes the messages; counts them per type."""

    def __init__(self, uitvoer: Uitvoer, rng: random.Random, eind_horizon: date) -> None:
        self.uitvoer = uitvoer
        self.rng = rng
        self.eind_horizon = eind_horizon
        self.teller: Counter[str] = Counter()
        self._volgnummer = 0

    def kop(self, nummer: str, domein: Domein, gemeente: str, agb: str, dag: date) -> Kop:
        self._volgnummer += 1
        soort = ("JW" if domein is Domein.JEUGD else "WMO") + nummer
        return Kop(soort, domein, gemeente, agb, f"DEMO{self._volgnummer:08d}", dag)

    def later(self, dag: date, minimaal: int, maximaal: int) -> date:
        """A date a few days after `dag`, but not after the last generated day."""
        return min(dag + timedelta(days=self.rng.randint(minimaal, maximaal)), self.eind_horizon)

    def schrijf(self, kop: Kop, data: bytes) -> None:
        pad = _BERICHT_MAP.format(type=kop.berichttype, identificatie=kop.identificatie)
        self.uitvoer.schrijf(pad, data)
        self.teller[kop.berichttype] += 1

    def _traject_kop(self, t: Traject, nummer: str, dag: date) -> Kop:
        return self.kop(nummer, t.domein, t.plan.persoon.gemeente, t.plan.aanbieder, dag)

    def toewijzing(self, t: Traject, dag: date, einddatum: date | None, reden: str | None) -> None:
        kop = self._traject_kop(t, "301", dag)
        categorie, code = t.categorie_code()
        record = ToewijzingRecord(
            kop,
            t.plan.persoon.client(),
            t.nummer,
            categorie,
            code,
            dag,
            t.toewijzingstijd,
            t.plan.ingang,
            einddatum,
            reden,
            t.omvang(),
            t.budget(einddatum),
        )
        data = writer.toewijzingbericht(kop, record.client, [record])
        self.schrijf(kop, data)
        if self.rng.random() < KANS_RETOUR:
            self.retour("302", kop, data, self.later(dag, 1, 3))

    def levering(self, t: Traject, stop: bool) -> None:
        dag = self.later(t.eind, 1, 14) if stop and t.eind else self.later(t.plan.begin, 0, 10)
        kop = self._traject_kop(t, "307" if stop else "305", dag)
        categorie, code = t.categorie_code()
        record = LeveringRecord(
            kop,
            t.plan.persoon.client(),
            "stop" if stop else "start",
            t.nummer,
            categorie,
            code,
            t.plan.ingang,
            t.plan.begin,
            t.eind if stop else None,
            t.plan.reden if stop else None,
        )
        maak = writer.stopbericht if stop else writer.startbericht
        data = maak(kop, record.client, [record])
        self.schrijf(kop, data)
        if not stop and self.rng.random() < KANS_RETOUR:
            self.retour("306", kop, data, self.later(dag, 1, 3))

    def verzoek(self, t: Traject) -> None:
        dag = t.toewijzingsdatum - timedelta(days=self.rng.randint(3, 20))
        kop = self._traject_kop(t, "315", dag)
        categorie, code = t.categorie_code()
        aanvraag = AanvraagRecord(
            kop, t.plan.persoon.client(), categorie or t.product.categorie, code, t.plan.ingang
        )
        self.schrijf(
            kop, writer.verzoek_om_toewijzing(kop, aanvraag.client, [aanvraag], omvang=t.omvang())
        )

    def verzoek_om_wijziging(self, t: Traject, vorige_einddatum: date, nieuwe: date) -> None:
        dag = max(t.toewijzingsdatum, vorige_einddatum - timedelta(days=self.rng.randint(30, 45)))
        kop = self._traject_kop(t, "317", dag)
        wens = ToewijzingRecord(
            kop,
            t.plan.persoon.client(),
            t.nummer,
            None,
            None,
            dag,
            None,
            vorige_einddatum + timedelta(days=1),
            nieuwe,
            omvang=t.omvang(),
            budget=t.budget(nieuwe),
        )
        self.schrijf(
            kop,
            writer.verzoek_om_wijziging(
                kop, wens.client, f"{kop.identificatie}-1", "2", te_wijzigen=[wens]
            ),
        )

    def retour(
        self, nummer: str, heen: Kop, data: bytes, dag: date, afgewezen: Sequence[str] = ()
    ) -> None:
        kop = self.kop(nummer, heen.domein, heen.gemeente, heen.aanbieder, dag)
        codes = ("0001",)
        if nummer == "325":
            codes = ("9321",) if afgewezen else ("8001",)
        self.schrijf(kop, writer.retourbericht(kop.berichttype, kop, data, codes, afgewezen))

    def declaratie(
        self, sleutel: Sleutel, regels: Sequence[Declaratieregel], jaar: int, maand: int
    ) -> int:
        """Write one JW323/WMO323; returns its signed total."""
        agb, gemeente, domein = sleutel
        begin, eind = maand_grenzen(jaar, maand)
        dag = eind + timedelta(days=self.rng.randint(2, 20))
        kop = self.kop("323", domein, gemeente, agb, dag)
        totaal = sum(r.met_teken for r in regels)
        bedrag, dc = als_bedrag_met_dc(totaal)
        dk = DeclaratieKop(kop, kop.identificatie, begin, eind, dag, bedrag, dc)
        prestaties = [
            PrestatieRecord(
                dk,
                ClientGegevens(r.bsn),
                r.referentie,
                r.vorige,
                r.nummer,
                r.categorie,
                r.code,
                r.begin,
                r.eind,
                r.volume,
                r.eenheid,
                r.tarief,
                r.bedrag,
                r.debet_credit,
            )
            for r in regels
        ]
        data = writer.declaratiebericht(dk, prestaties)
        self.schrijf(kop, data)
        if self.rng.random() < KANS_RETOUR:
            afgewezen = [
                r.referentie
                for r in regels
                if r.debet_credit == "D"
                and zlib.crc32(r.referentie.encode()) % AFGEWEZEN_EEN_OP == 0
            ]
            dag_antwoord = dag + timedelta(days=self.rng.randint(3, 10))
            self.retour("325", kop, data, dag_antwoord, afgewezen)
        return totaal


# -- the run -------------------------------------------------------------------------------------


def _maanden(begin: date, eind: date) -> Iterator[tuple[int, int]]:
    jaar, maand = begin.year, begin.month
    while (jaar, maand) <= (eind.year, eind.month):
        yield jaar, maand
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)


class _Run:
    """One generation run: state and counters."""

    def __init__(
        self, doelmap: Path, seed: int, factor: float, jaren: range, zip_bestand: bool
    ) -> None:
        self.seed, self.factor, self.jaren = seed, factor, jaren
        self.begin_horizon, self.eind_horizon = date(jaren.start, 1, 1), date(jaren[-1], 12, 31)
        self.rng = random.Random(seed)
        self.uitvoer = Uitvoer(doelmap, zip_bestand)
        self.bevolking: Bevolking = bereken_bevolking(seed, jaren)
        codes = [g.code for g in gemeenten()]
        self.aanbieders = maak_aanbieders(
            random.Random(f"{seed}-aanbieders"), codes, [g.inwoners for g in gemeenten()]
        )
        self.planner = Planner(self.rng, AanbiederKeuze(self.aanbieders))
        eigen = frozenset({aanbieder_van_soort(self.aanbieders, EIGEN_TARIEF)})
        self.declaraties = Declaraties(self.rng, Tarieven(seed, jaren[-1], eigen))
        self.gedeclareerd: Counter[tuple[str, str, str, int]] = Counter()
        self.gedeclareerd_h1: Counter[tuple[str, str, str, int]] = Counter()
        self.berichten = _Berichten(self.uitvoer, self.rng, self.eind_horizon)
        self.bsn = BsnReeks(seed)
        self.wachtend: list[tuple[int, int, Traject]] = []
        self.actief: list[Traject] = []
        self.tellers: Counter[str] = Counter()
        self.toekomstplannen = Toekomstplannen(seed, self.begin_horizon, self.eind_horizon)
        self.zrm = Zrmmetingen(seed, self.begin_horizon, self.eind_horizon)
        self.oordelen = Clientoordelen(seed, self.begin_horizon, self.eind_horizon)

    def voer_uit(self) -> DemoSamenvatting:
        aanloop = date(self.jaren.start - AANLOOPJAREN, 1, 1)
        for jaar, maand in _maanden(aanloop, self.eind_horizon):
            self._instroom(jaar, maand)
            if jaar >= self.jaren.start:
                self._declareer(jaar, maand)
        samenvatting = self._samenvatting(())
        self._schrijf_bijlagen(samenvatting)
        return self._samenvatting(self.uitvoer.sluit())

    # inflow

    def _instroom(self, jaar: int, maand: int) -> None:
        peiljaar = min(max(jaar, self.jaren.start), self.jaren[-1])
        for gemeente in gemeenten():
            for _ in range(self._aantal(gemeente.code, peiljaar, range(18), JEUGD_INSTROOM)):
                persoon, start = self._persoon(gemeente.code, peiljaar, jaar, maand, range(18))
                self._verwerk(self.planner.jeugd_loopbaan(persoon, start))
            for _ in range(self._aantal(gemeente.code, peiljaar, range(18, 27), WMO_INSTROOM)):
                persoon, start = self._persoon(gemeente.code, peiljaar, jaar, maand, range(18, 27))
                self._verwerk(self.planner.wmo_loopbaan(persoon, start))

    def _gewichten(self, gemeente: str, peiljaar: int, leeftijden: range) -> list[float]:
        return [
            self.bevolking[(gemeente, peiljaar, a)] * (LEEFTIJDSGEWICHT[a] if a < 18 else 1.0)
            for a in leeftijden
        ]

    def _aantal(self, gemeente: str, peiljaar: int, leeftijden: range, kans: float) -> int:
        """Entrants this month: the expectation, rounded up or down at random."""
        verwacht = sum(self._gewichten(gemeente, peiljaar, leeftijden)) * kans / 12 * self.factor
        geheel = int(verwacht)
        return geheel + (self.rng.random() < verwacht - geheel)

    def _persoon(
        self, gemeente: str, peiljaar: int, jaar: int, maand: int, leeftijden: range
    ) -> tuple[Persoon, date]:
        """A new client entering care on a random day of the month, and that day."""
        rng = self.rng
        begin, eind = maand_grenzen(jaar, maand)
        start = begin + timedelta(days=rng.randint(0, (eind - begin).days))
        gewichten = self._gewichten(gemeente, peiljaar, leeftijden)
        leeftijd = rng.choices(leeftijden, weights=gewichten)[0]
        geboren = start - timedelta(days=int(leeftijd * 365.25) + rng.randint(0, 364))
        datum_gebruik = None
        if rng.random() < 0.005:  # day of birth unknown (COD170 "1")
            geboren, datum_gebruik = geboren.replace(day=1), "1"
        # boys are a small majority in jeugdhulp; even in the Wmo
        geslacht = "1" if rng.random() < (0.55 if leeftijden.start == 0 else 0.5) else "2"
        return Persoon(self.bsn.volgende(), geboren, geslacht, gemeente, datum_gebruik), start

    def _verwerk(self, plannen: list[Plan]) -> None:
        domeinen: set[Domein] = set()
        trajecten: list[Traject] = []
        for plan in splits_2015_codes(plannen, self.rng):
            if plan.eind < self.begin_horizon or plan.ingang > self.eind_horizon:
                continue
            traject = voltooi(plan, self.rng, self.eind_horizon)
            if traject.toewijzingsdatum > self.eind_horizon:
                continue
            self._schrijf_traject(traject)
            heapq.heappush(
                self.wachtend, (plan.begin.toordinal(), self.tellers["toewijzingen"], traject)
            )
            domeinen.add(traject.domein)
            trajecten.append(traject)
            self.zrm.overweeg(traject)
            self.oordelen.overweeg(traject)
        if Domein.JEUGD in domeinen:
            self.toekomstplannen.overweeg(trajecten[0].plan.persoon, trajecten)
        if domeinen:
            self.tellers["clienten"] += 1
            self.tellers["jeugd_clienten"] += Domein.JEUGD in domeinen
            self.tellers["wmo_clienten"] += Domein.WMO in domeinen

    def _schrijf_traject(self, t: Traject) -> None:
        self.tellers["toewijzingen"] += 1
        t.nummer = self.tellers["toewijzingen"]
        b = self.berichten
        if t.product.segment in ("4A", "4B", "W") and self.rng.random() < KANS_VERZOEK:
            b.verzoek(t)
        b.toewijzing(t, t.toewijzingsdatum, t.einddatum, None)
        if t.plan.begin <= self.eind_horizon:
            b.levering(t, stop=False)
            self.tellers["leveringen"] += 1
        vorige = t.einddatum
        for w in t.wijzigingen:
            if w.datum > self.eind_horizon:
                break
            if w.reden == "04" and vorige is not None and self.rng.random() < KANS_VOW:
                b.verzoek_om_wijziging(t, vorige, w.einddatum)
            b.toewijzing(t, w.datum, w.einddatum, w.reden)
            vorige = w.einddatum
        if t.eind is not None:
            b.levering(t, stop=True)

    # declaraties

    def _declareer(self, jaar: int, maand: int) -> None:
        _, maand_eind = maand_grenzen(jaar, maand)
        while self.wachtend and self.wachtend[0][0] <= maand_eind.toordinal():
            self.actief.append(heapq.heappop(self.wachtend)[2])
        laatste = (self.eind_horizon.year, self.eind_horizon.month)
        for traject in self.actief:
            self.declaraties.voeg_toe(traject, jaar, maand, laatste)
        self.actief = [t for t in self.actief if t.eind is None or t.eind > maand_eind]
        self.declaraties.voeg_correcties_toe(jaar, maand)
        emmers = self.declaraties.leeg()
        for sleutel in sorted(emmers, key=lambda s: (s[0], s[1], s[2].value)):
            regels = emmers[sleutel]
            self.tellers["totaal_bedrag"] += self.berichten.declaratie(sleutel, regels, jaar, maand)
            self.tellers["prestaties"] += len(regels)
            self._tel_per_segment(sleutel[0], sleutel[1], regels)

    def _tel_per_segment(self, agb: str, gemeente: str, regels: Sequence[Declaratieregel]) -> None:
        """Declared amounts per aanbieder, segment, gemeente and year (by ProductPeriode),
        for the bestedingsruimte of the demo register."""
        segmenten = segment_per_code()
        for r in regels:
            sleutel = (agb, segmenten[r.code], gemeente, r.begin.year)
            self.gedeclareerd[sleutel] += r.met_teken
            if r.begin.month <= 6:
                self.gedeclareerd_h1[sleutel] += r.met_teken

    # output

    def _samenvatting(self, paden: tuple[Path, ...]) -> DemoSamenvatting:
        t = self.tellers
        return DemoSamenvatting(
            doel=self.uitvoer.zip_pad or self.uitvoer.doelmap,
            seed=self.seed,
            schaal=self.factor,
            jaren=self.jaren,
            clienten=t["clienten"],
            jeugd_clienten=t["jeugd_clienten"],
            wmo_clienten=t["wmo_clienten"],
            berichten_per_type=dict(sorted(self.berichten.teller.items())),
            toewijzingen=t["toewijzingen"],
            leveringen=t["leveringen"],
            prestaties=t["prestaties"],
            totaal_bedrag=t["totaal_bedrag"],
            paden=paden,
        )

    def _schrijf_bijlagen(self, samenvatting: DemoSamenvatting) -> None:
        self.uitvoer.schrijf("bevolking.csv", bevolking_csv(self.bevolking))
        self.uitvoer.schrijf("aanbieders.csv", _aanbieders_csv(self.aanbieders))
        totalen = Declaratietotalen(self.gedeclareerd, self.gedeclareerd_h1)
        for naam, inhoud in register_csv(self.aanbieders, self.jaren[-1], totalen).items():
            self.uitvoer.schrijf(naam, inhoud)
        self.uitvoer.schrijf("toekomstplannen/toekomstplan.csv", self.toekomstplannen.csv())
        self.uitvoer.schrijf("zrm/zrm.csv", self.zrm.csv())
        self.uitvoer.schrijf("clientoordelen/clientoordeel.csv", self.oordelen.csv())
        self.uitvoer.schrijf("README.txt", _readme(samenvatting).encode("utf-8"))


def _aanbieders_csv(aanbieders: Sequence[Aanbieder]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(["agb_code", "naam"])
    for aanbieder in sorted(aanbieders, key=lambda a: a.agb):
        schrijver.writerow([aanbieder.agb, aanbieder.naam])
    return uit.getvalue().encode("utf-8")


def _readme(s: DemoSamenvatting) -> str:
    return f"""SYNTHETISCHE DEMODATA - GEEN ECHTE GEGEVENS
============================================

Alles in deze map is kunstmatig gegenereerd door Passend (passend.demo) voor demonstratie,
tests en benchmarks. Er staan geen echte personen, aanbieders of declaraties in.

- BerichtIdentificaties beginnen met "DEMO"; de achternaam van elke cliënt is "Demo".
- BSN's zijn kunstmatige nummers (9 cijfers, beginnend met 9) die de elfproef doorstaan;
  een toevallige overeenkomst met een echt BSN is mogelijk maar betekenisloos.
- AGB-codes (9999xxxx) en namen van aanbieders zijn verzonnen; namen eindigen op "(demo)".
- Regio: jeugdregio Zuid-Holland Zuid (10 gemeenten, afgeronde inwonertallen). Aantallen
  per leeftijd (bevolking.csv) zijn benaderingen, geen CBS-cijfers.

Gegenereerd met seed {s.seed}, schaal {s.schaal:g}, jaren {s.jaren.start}-{s.jaren.stop - 1}.

Inhoud
------
bevolking.csv     gemeente,jaar,leeftijd,aantal (leeftijd 0-27)
aanbieders.csv    agb_code,naam
contracten/       het contractregister van de regio (contract, tarief, bestedingsruimte,
                  cliëntenstop)
toekomstplannen/  toekomstplannen van de 18-cohorten (sjabloon toekomstplan)
zrm/              ZRM-scores van jongeren van 16-23 (sjabloon zrm)
clientoordelen/   tevredenheid en zonder hulp verder per afgesloten traject
<TYPE>/           één iJw 3.2- of iWmo 3.2-bericht per bestand: <TYPE>_<identificatie>.xml

Productcodes die met "OJ" beginnen (categorie 45 en 50) zijn onderwijs-jeugdhulp (segment 7).
Toewijzingen die vóór het eerste jaar begonnen en daarin nog liepen staan er ook in, met hun
eigen (eerdere) datum; declaraties beslaan alleen de maanden van de gekozen jaren.

Aantallen
---------
cliënten: {s.clienten} (jeugd {s.jeugd_clienten}, wmo {s.wmo_clienten})
toewijzingen: {s.toewijzingen}
leveringen (gestart): {s.leveringen}
prestaties: {s.prestaties}
totaal gedeclareerd (saldo): {s.totaal_bedrag} eurocent
berichten: {", ".join(f"{t} {n}" for t, n in sorted(s.berichten_per_type.items()))}
"""
