"""Products and aanbieders of the synthetic demo region.

The product catalogue is package data (``data/producten.csv``), one row per product:

``domein, segment, categorie, code, omschrijving``
    The iJw/iWmo productcategorie and a synthetic product code (at most 5 characters). The
    segment is the regional purchasing segment (see :data:`SEGMENTEN`); Wmo rows use ``W``.
``toewijzing``
    ``specifiek`` (categorie, code and Omvang), ``aspecifiek`` (categorie and Budget) or
    ``generiek`` (Budget only). Budget-based rows are still declared with their code.
``eenheid, frequentie, volume_min, volume_max``
    The Omvang (WJ756 / WMO757). For eenheid 83 with frequentie 6 the volume is the trajectory
    total in euros; for budget rows it is the planned volume behind the budget.
``tarief_min, tarief_max``
    Euros per eenheid (1 for eenheid 83, so GeleverdVolume x 100 cents = IngediendBedrag).
``duur_mediaan, gewicht``
    Median delivery duration in days; relative weight within the segment.
``geldig_tot, opvolger``
    2015 codes (categorie 31-38): usable up to that date, then converted to the opvolger.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from passend.domain.records import Domein

#: Jeugd purchasing segments of the region and their iJw productcategorieën. Segment 7
#: (onderwijs-jeugdhulp) uses categories 45 and 50 with product codes starting with "OJ".
SEGMENTEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "1": ("Hoog specialistisch", ("43", "37", "38")),
    "2": ("Wonen", ("44", "35", "36")),
    "3": ("Dagbesteding en dagbehandeling", ("41", "33")),
    "4A": ("Lokaal", ("40", "45", "51", "31", "32", "34")),
    "4B": ("Regionaal", ("52", "53", "54", "42", "50")),
    "5": ("Crisis", ("46",)),
    "6": ("Gecertificeerde instellingen", ("47", "48", "49")),
    "7": ("Onderwijs-jeugdhulp", ("45", "50")),
    "LTA": ("Landelijk ingekocht", ("55",)),
    "W": ("Wmo", ()),
}
ONDERWIJS_PREFIX = "OJ"


@dataclass(frozen=True)
class Product:
    domein: Domein
    segment: str
    categorie: str
    code: str
    omschrijving: str
    toewijzing: str  # "specifiek" | "aspecifiek" | "generiek"
    eenheid: str
    frequentie: str
    volume_min: int
    volume_max: int
    tarief_min: int  # euros per eenheid
    tarief_max: int
    duur_mediaan: int  # days
    gewicht: float
    geldig_tot: date | None
    opvolger: str | None

    @property
    def met_verblijf(self) -> bool:
        return self.eenheid == "14"


def _product(rij: dict[str, str]) -> Product:
    return Product(
        domein=Domein(rij["domein"]),
        segment=rij["segment"],
        categorie=rij["categorie"],
        code=rij["code"],
        omschrijving=rij["omschrijving"],
        toewijzing=rij["toewijzing"],
        eenheid=rij["eenheid"],
        frequentie=rij["frequentie"],
        volume_min=int(rij["volume_min"]),
        volume_max=int(rij["volume_max"]),
        tarief_min=int(rij["tarief_min"]),
        tarief_max=int(rij["tarief_max"]),
        duur_mediaan=int(rij["duur_mediaan"]),
        gewicht=float(rij["gewicht"]),
        geldig_tot=date.fromisoformat(rij["geldig_tot"]) if rij["geldig_tot"] else None,
        opvolger=rij["opvolger"] or None,
    )


@cache
def producten() -> tuple[Product, ...]:
    tekst = (files("passend.demo") / "data" / "producten.csv").read_text(encoding="utf-8")
    return tuple(_product(rij) for rij in csv.DictReader(io.StringIO(tekst)))


@cache
def product_per_code() -> dict[str, Product]:
    """Specifiek products by code (budget rows share a code with a specifiek row)."""
    return {p.code: p for p in producten() if p.toewijzing == "specifiek"}


@cache
def segment_per_code() -> dict[str, str]:
    """The segment of every product code (a budget row shares its segment with the code's
    specifiek row)."""
    return {p.code: p.segment for p in producten()}


@cache
def _per_segment(segment: str) -> tuple[Product, ...]:
    return tuple(p for p in producten() if p.segment == segment)


def kies_product(rng: random.Random, segment: str, ingang: date) -> Product:
    """A product of `segment`, weighted; 2015 codes only where still valid on `ingang`."""
    kandidaten = [
        p for p in _per_segment(segment) if p.geldig_tot is None or ingang <= p.geldig_tot
    ]
    return rng.choices(kandidaten, weights=[p.gewicht for p in kandidaten])[0]


# -- aanbieders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aanbieder:
    agb: str
    naam: str
    segmenten: tuple[str, ...]
    gemeenten: tuple[str, ...]
    gewicht: float


_WOORDEN = (
    "Horizon",
    "Kompas",
    "Linde",
    "Wilg",
    "Brug",
    "Haven",
    "Vlonder",
    "Kade",
    "Sluis",
    "Rietland",
    "Polder",
    "Veer",
    "Anker",
    "Baken",
    "Getij",
    "Oever",
    "Uiterwaard",
    "Kreek",
    "Griend",
    "Meander",
    "Esdoorn",
    "Zandplaat",
    "Schakel",
    "Lichtboei",
    "Dijkhuis",
    "Notelaar",
    "Zwaluw",
    "Reiger",
    "Kievit",
    "Tij",
    "Stroom",
    "Delta",
    "Merel",
    "Vuurtoren",
    "Wissel",
    "Hoeve",
    "Steiger",
    "Klaproos",
    "Duin",
    "Waterlelie",
    "Vaart",
    "Eik",
    "Berk",
    "Hazelaar",
    "Vlier",
    "Lisdodde",
    "Zeilboot",
    "Molenwiek",
    "Kwelder",
    "Horst",
)
#: (kind of aanbieder, name stem, segments, number, weight, gemeenten: "alle" or how many)
_PROFIELEN: tuple[tuple[str, tuple[str, ...], int, float, int | None], ...] = (
    ("Jeugdzorggroep", ("1", "2", "3", "4A", "4B", "5", "7", "W"), 2, 10.0, None),
    ("Zorgcombinatie", ("1", "2", "3", "4A", "4B", "5"), 2, 8.0, None),
    ("Gecertificeerde instelling", ("6",), 3, 4.0, None),
    ("Behandelcentrum", ("1", "5"), 2, 3.0, None),
    ("Pleegzorg en Wonen", ("2",), 2, 3.0, None),
    ("Jeugd-ggz", ("4B",), 4, 2.0, None),
    ("Ggz en Dagbehandeling", ("4B", "3"), 2, 2.0, None),
    ("Jeugdhulp", ("4A",), 12, 1.0, 2),
    ("Gezinshulp", ("4A", "7"), 5, 1.0, 3),
    ("Praktijk", ("4A", "3"), 4, 1.0, 1),
    ("Onderwijszorg", ("7",), 2, 1.5, 4),
    ("Landelijke zorg", ("LTA",), 1, 1.0, None),
    ("Begeleiding", ("W",), 4, 2.0, 5),
    ("Wonen en Werken", ("W", "4A"), 2, 1.5, 4),
)


def maak_aanbieders(
    rng: random.Random, gemeenten: Sequence[str], grootte: Sequence[int]
) -> tuple[Aanbieder, ...]:
    """The demo aanbieders: a few large ones in almost every segment, most small and local.

    Small aanbieders work in one or a few gemeenten, drawn with the gemeente's size as weight.
    """
    woorden = rng.sample(_WOORDEN, k=sum(p[2] for p in _PROFIELEN))
    codes = rng.sample(range(10_000), k=len(woorden))
    aanbieders = []
    for soort, segmenten, aantal, gewicht, n_gemeenten in _PROFIELEN:
        for _ in range(aantal):
            woord, code = woorden.pop(), codes.pop()
            actief = (
                tuple(gemeenten)
                if n_gemeenten is None
                else _kies_gemeenten(rng, gemeenten, grootte, n_gemeenten)
            )
            aanbieders.append(
                Aanbieder(
                    agb=f"9999{code:04d}",
                    naam=f"{soort} {woord} (demo)",
                    segmenten=segmenten,
                    gemeenten=actief,
                    gewicht=gewicht * rng.uniform(0.6, 1.4),
                )
            )
    return tuple(aanbieders)


def _kies_gemeenten(
    rng: random.Random, gemeenten: Sequence[str], grootte: Sequence[int], aantal: int
) -> tuple[str, ...]:
    gekozen: list[str] = []
    while len(gekozen) < aantal:
        kandidaat = rng.choices(gemeenten, weights=grootte)[0]
        if kandidaat not in gekozen:
            gekozen.append(kandidaat)
    return tuple(sorted(gekozen))


class AanbiederKeuze:
    """Picks an aanbieder for a segment in a gemeente, weighted by size."""

    def __init__(self, aanbieders: Sequence[Aanbieder]) -> None:
        self._kandidaten: dict[tuple[str, str], tuple[list[Aanbieder], list[float]]] = {}
        for aanbieder in aanbieders:
            for segment in aanbieder.segmenten:
                for gemeente in aanbieder.gemeenten:
                    lijst, gewichten = self._kandidaten.setdefault((segment, gemeente), ([], []))
                    lijst.append(aanbieder)
                    gewichten.append(aanbieder.gewicht)

    def kies(self, rng: random.Random, segment: str, gemeente: str) -> Aanbieder:
        lijst, gewichten = self._kandidaten[(segment, gemeente)]
        return rng.choices(lijst, weights=gewichten)[0]
