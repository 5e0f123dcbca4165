"""Gemeenten and population (ages 0-27) of the synthetic demo region.

The gemeenten and their rounded inhabitant counts are facts (package data ``data/zhz.csv``);
the age split is an approximation: 0-17 about 19.5% of inhabitants spread evenly over the
ages, 18-26 about 11%, age 27 about 1.2%, with a mild deterministic variation per year.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

MAX_LEEFTIJD = 27
_AANDEEL_0_17 = 0.195
_AANDEEL_18_26 = 0.11
_AANDEEL_27 = 0.012
_GROEI_PER_JAAR = 0.003  # mild growth of the young population
_SPREIDING = 0.03  # year-to-year variation per gemeente and age


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    jeugdregio: str
    inwoners: int


@cache
def gemeenten() -> tuple[Gemeente, ...]:
    """The 10 gemeenten of jeugdregio Zuid-Holland Zuid, ordered by code."""
    tekst = (files("passend.demo") / "data" / "zhz.csv").read_text(encoding="utf-8")
    rijen = csv.DictReader(io.StringIO(tekst))
    lijst = [
        Gemeente(r["gemeentecode"], r["gemeente"], r["jeugdregio"], int(r["inwoners_circa_2024"]))
        for r in rijen
    ]
    return tuple(sorted(lijst, key=lambda g: g.code))


def aandeel(leeftijd: int) -> float:
    """Approximate share of inhabitants with this age (0-27)."""
    if leeftijd <= 17:
        return _AANDEEL_0_17 / 18
    if leeftijd <= 26:
        return _AANDEEL_18_26 / 9
    return _AANDEEL_27


Bevolking = dict[tuple[str, int, int], int]  # (gemeentecode, jaar, leeftijd) -> aantal


def bereken_bevolking(seed: int, jaren: Iterable[int]) -> Bevolking:
    """Population per gemeente, year and age 0-27, deterministic for `seed`."""
    jaren = list(jaren)
    bevolking: Bevolking = {}
    for gemeente in gemeenten():
        rng = random.Random(f"{seed}-bevolking-{gemeente.code}")
        for jaar in jaren:
            trend = 1 + _GROEI_PER_JAAR * (jaar - 2024)
            for leeftijd in range(MAX_LEEFTIJD + 1):
                ruis = 1 + rng.uniform(-_SPREIDING, _SPREIDING)
                aantal = gemeente.inwoners * aandeel(leeftijd) * trend * ruis
                bevolking[(gemeente.code, jaar, leeftijd)] = round(aantal)
    return bevolking


def bevolking_csv(bevolking: Bevolking) -> bytes:
    """``gemeente,jaar,leeftijd,aantal`` rows, sorted."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(["gemeente", "jaar", "leeftijd", "aantal"])
    for (code, jaar, leeftijd), aantal in sorted(bevolking.items()):
        schrijver.writerow([code, jaar, leeftijd, aantal])
    return uit.getvalue().encode("utf-8")
