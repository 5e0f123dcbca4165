"""The demo region's contract register, written as the three import templates.

The region contracted anew from 1 January of the demo's last year for 48 months:

- segment 1 as one consortium (taakgericht, a hoofdaannemer with the other segment-1
  aanbieders as onderaannemers, a yearly taakgericht budget, no tariff lines);
- the other Jeugd segments per aanbieder and segment, regional, with uniform tariffs
  (:func:`passend.demo.declaraties.uniform_tarief`, the next year 3% higher) per product and
  a bestedingsruimte per year (segment 6 and LTA outputgericht, the rest inspanningsgericht);
- crisis (segment 5) on an older contract that runs out in the spring after the demo's
  next year, so that the register shows an expiring contract;
- Wmo per gemeente the aanbieder works in.

Three deliberate findings for the contract check and the monitor: one small aanbieder was
not contracted again (:data:`ZONDER_CONTRACT`: its care running on is declared without a
contract), one keeps declaring its own tariffs (:data:`EIGEN_TARIEF`), and one has a
bestedingsruimte that is 75% used by 30 June (:func:`krappe_ruimte`). Every other room covers
the year's declarations with a margin and keeps the first half at most
:data:`RUSTIG_AANDEEL_H1` of it, so that on 30 June the tight contract is the only 70% signal
(a small contract's half year can otherwise be most of its year).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from passend.contracting.tarief import deelbaar_door_60
from passend.demo.catalogus import Aanbieder, producten
from passend.demo.declaraties import uniform_tarief

REGIO = "Zuid-Holland Zuid"
#: Looptijd in months of the new contracts (the maximum of a raamovereenkomst).
LOOPTIJD_MAANDEN = 48
#: (kind of aanbieder, which one of that kind): the deliberate findings.
ZONDER_CONTRACT = ("Praktijk", 0)
EIGEN_TARIEF = ("Jeugd-ggz", 0)
#: The kind whose busiest aanbieder (most declared in the first half year, the one keeping
#: its own tariffs aside) gets a room that is 75% used by 30 June.
KRAPPE_RUIMTE = "Jeugd-ggz"
#: Bestedingsruimte of the first year as a multiple of what was declared in it.
RUIMTE_MARGE = 1.05
#: The tight one: its first-half declarations are this share of the year's room.
KRAP_AANDEEL_H1 = 0.75
#: Every other room: its first-half declarations are at most this share of it.
RUSTIG_AANDEEL_H1 = 0.6
JAARLIJKSE_INDEX = 0.03
#: The least room a contract gets (cents): € 5,000.
MINIMALE_RUIMTE = 500_000
_VARIANT = {"1": "taakgericht", "6": "outputgericht", "LTA": "outputgericht"}
_PROCEDURE = {"1": "sas-emvi", "2": "sas-emvi", "5": "sas-emvi", "6": "sas-emvi", "LTA": "overig"}


@dataclass(frozen=True)
class Declaratietotalen:
    """What was declared (signed cents) per (agb, segment, gemeente, year), and in the
    first half of the year."""

    jaar: Mapping[tuple[str, str, str, int], int]
    eerste_helft: Mapping[tuple[str, str, str, int], int]

    def som(
        self, agb: str, segment: str, jaar: int, gemeente: str = "", eerste_helft: bool = False
    ) -> int:
        """The amount of one gemeente, or of all gemeenten when none is named."""
        bron = self.eerste_helft if eerste_helft else self.jaar
        return sum(
            bedrag
            for (a, s, g, j), bedrag in bron.items()
            if (a, s, j) == (agb, segment, jaar) and gemeente in ("", g)
        )


def aanbieder_van_soort(aanbieders: Sequence[Aanbieder], soort: tuple[str, int]) -> str:
    van_soort = [a.agb for a in aanbieders if a.naam.startswith(f"{soort[0]} ")]
    return van_soort[soort[1]] if len(van_soort) > soort[1] else ""


def krappe_ruimte(aanbieders: Sequence[Aanbieder], jaar: int, totalen: Declaratietotalen) -> str:
    """The aanbieder that gets the tight room (see :data:`KRAPPE_RUIMTE`)."""
    eigen = aanbieder_van_soort(aanbieders, EIGEN_TARIEF)
    kandidaten = [
        (totalen.som(a.agb, s, jaar, eerste_helft=True), a.agb)
        for a in aanbieders
        if a.naam.startswith(f"{KRAPPE_RUIMTE} ") and a.agb != eigen
        for s in a.segmenten
    ]
    return max(kandidaten, default=(0, ""))[1]


def register_csv(
    aanbieders: Sequence[Aanbieder], jaar: int, totalen: Declaratietotalen
) -> dict[str, bytes]:
    """The files ``contracten/1_contract.csv``, ``2_tarief.csv``, ``3_bestedingsruimte.csv``
    and ``4_clientenstop.csv`` of a register starting on 1 January of `jaar`: the tight
    contract gets a cliëntenstop from 1 July, after its 70% signal, until further notice."""
    register = _Register(aanbieders, jaar, totalen)
    register.bouw()
    return {
        "contracten/1_contract.csv": _csv(register.contracten),
        "contracten/2_tarief.csv": _csv(register.tarieven),
        "contracten/3_bestedingsruimte.csv": _csv(register.ruimtes),
        "contracten/4_clientenstop.csv": _csv(register.stops),
    }


def _csv(rijen: list[dict[str, object]]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, fieldnames=list(rijen[0]), delimiter=";", lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return uit.getvalue().encode("utf-8")


def _euro(cent: int) -> str:
    return f"{cent // 100},{cent % 100:02d}"


class _Register:
    def __init__(self, aanbieders: Sequence[Aanbieder], jaar: int, totalen: Declaratietotalen):
        self.aanbieders, self.jaar, self.totalen = aanbieders, jaar, totalen
        self.begin = date(jaar, 1, 1)
        self.eind = date(jaar + LOOPTIJD_MAANDEN // 12 - 1, 12, 31)
        self.zonder = aanbieder_van_soort(aanbieders, ZONDER_CONTRACT)
        self.krap = krappe_ruimte(aanbieders, jaar, totalen)
        self.contracten: list[dict[str, object]] = []
        self.tarieven: list[dict[str, object]] = []
        self.ruimtes: list[dict[str, object]] = []
        self.stops: list[dict[str, object]] = []

    def bouw(self) -> None:
        self._consortium()
        for a in self.aanbieders:
            if a.agb == self.zonder:
                continue
            for segment in a.segmenten:
                if segment == "W":
                    for gemeente in a.gemeenten:
                        self._contract(a, segment, gemeente=gemeente)
                elif segment != "1":
                    self._contract(a, segment)

    def _rij(self, nummer: str, agb: str, segment: str, **velden: object) -> dict[str, object]:
        return {
            "contractnummer": nummer,
            "agb": agb,
            "hoofdaannemer_agb": velden.get("hoofd", ""),
            "gemeente": velden.get("gemeente", ""),
            "regio": "" if velden.get("gemeente") else REGIO,
            "domein": "wmo" if segment == "W" else "jeugd",
            "segment": segment,
            "uitvoeringsvariant": _VARIANT.get(segment, "inspanningsgericht"),
            "procedure": _PROCEDURE.get(segment, "open-house"),
            "ingangsdatum": velden.get("begin", self.begin).isoformat(),  # type: ignore[attr-defined]
            "einddatum": velden.get("eind", self.eind).isoformat(),  # type: ignore[attr-defined]
        }

    def _consortium(self) -> None:
        leden = [a.agb for a in self.aanbieders if "1" in a.segmenten]
        if not leden:
            return
        nummer = f"ZHZ-{self.jaar}-1-CONSORTIUM"
        hoofd = leden[0]
        self.contracten += [self._rij(nummer, agb, "1", hoofd=hoofd) for agb in leden]
        totaal = sum(self.totalen.som(agb, "1", self.jaar) for agb in leden)
        self._ruimtes(nummer, totaal, self.eind.year)

    def _contract(self, a: Aanbieder, segment: str, gemeente: str = "") -> None:
        velden: dict[str, object] = {"gemeente": gemeente}
        begin, eind = self.jaar, self.eind
        if segment == "5":  # the older crisis contract, expiring a year after the demo
            begin, eind = self.jaar - 2, date(self.jaar + 2, 3, 31)
            velden |= {"begin": date(begin, 4, 1), "eind": eind}
        nummer = f"ZHZ-{begin}-{segment}-{a.agb[-4:]}"
        if gemeente:
            nummer = f"{gemeente}-{begin}-WMO-{a.agb[-4:]}"
        self.contracten.append(self._rij(nummer, a.agb, segment, **velden))
        self._tariefregels(nummer, segment)
        gedeclareerd = self.totalen.som(a.agb, segment, self.jaar, gemeente)
        if a.agb == self.krap and not gemeente:
            h1 = self.totalen.som(a.agb, segment, self.jaar, eerste_helft=True)
            self._ruimtes(nummer, round(h1 / KRAP_AANDEEL_H1 / RUIMTE_MARGE), eind.year)
            self.stops.append(
                {
                    "contractnummer": nummer,
                    "van": date(self.jaar, 7, 1).isoformat(),
                    "tot": "",
                    "reden": "bestedingsruimte",
                }
            )
            return
        h1 = self.totalen.som(a.agb, segment, self.jaar, gemeente, eerste_helft=True)
        basis = max(gedeclareerd, round(h1 / RUSTIG_AANDEEL_H1 / RUIMTE_MARGE))
        self._ruimtes(nummer, basis, eind.year)

    def _tariefregels(self, nummer: str, segment: str) -> None:
        gezien = set()
        for p in producten():
            sleutel = (p.categorie, p.code, p.eenheid)
            if p.segment != segment or sleutel in gezien:
                continue
            if p.geldig_tot is not None and p.geldig_tot < self.begin:
                continue
            gezien.add(sleutel)
            tarief = uniform_tarief(p, self.jaar)
            volgend = tarief if p.eenheid == "83" else deelbaar_door_60(round(tarief * 1.03))
            for jaar, cent in ((self.jaar, tarief), (self.jaar + 1, volgend)):
                self.tarieven.append(
                    {
                        "contractnummer": nummer,
                        "productcategorie": p.categorie,
                        "productcode": p.code,
                        "eenheid": p.eenheid,
                        "tarief_euro": _euro(cent),
                        "geldig_vanaf": date(jaar, 1, 1).isoformat(),
                        "geldig_tot": date(jaar, 12, 31).isoformat() if jaar == self.jaar else "",
                    }
                )

    def _ruimtes(self, nummer: str, gedeclareerd: int, laatste_jaar: int) -> None:
        """A room per contract year from the demo's last year: its declarations with a margin
        (at least :data:`MINIMALE_RUIMTE`), rounded up to € 1,000, then indexed yearly."""
        basis = max(gedeclareerd * RUIMTE_MARGE, MINIMALE_RUIMTE)
        for i, jaar in enumerate(range(self.jaar, laatste_jaar + 1)):
            cent = basis * (1 + JAARLIJKSE_INDEX) ** i
            afgerond = -(-int(cent) // 100_000) * 100_000
            self.ruimtes.append(
                {"contractnummer": nummer, "jaar": jaar, "bedrag_euro": _euro(max(afgerond, 0))}
            )
