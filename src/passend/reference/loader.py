"""Load the reference data shipped in the package."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from passend.domain.checks import Context
from passend.domain.codelists import Codelijst, Codelijsten

_DATA = files("passend.reference") / "data"


@dataclass(frozen=True)
class GemeenteRij:
    code: str
    naam: str
    provincie: str
    jeugdregio: str


def _manifest() -> dict[str, Any]:
    return tomllib.loads((_DATA / "manifest.toml").read_text(encoding="utf-8"))


def _rows(bestand: str) -> list[dict[str, str]]:
    text = (_DATA / bestand).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def laad_codelijsten() -> Codelijsten:
    lijsten = []
    for item in _manifest()["codelijst"]:
        geldig = item["geldig_vanaf"]
        lijsten.append(
            Codelijst(
                naam=item["naam"],
                titel=item["titel"],
                versie=item["versie"],
                geldig_vanaf=geldig if isinstance(geldig, date) else date.fromisoformat(geldig),
                waarden={rij["code"]: rij for rij in _rows(item["bestand"])},
            )
        )
    return Codelijsten(lijsten)


@cache
def laad_gemeenten(jaar: int | None = None) -> tuple[GemeenteRij, ...]:
    """Gemeenten of `jaar` (latest available when None)."""
    edities = sorted(_manifest()["gemeenten"], key=lambda item: item["jaar"])
    if jaar is not None:
        edities = [item for item in edities if item["jaar"] <= jaar] or edities[:1]
    return tuple(GemeenteRij(**rij) for rij in _rows(edities[-1]["bestand"]))


@dataclass(frozen=True)
class Ligging:
    """Where a gemeente lies: WGS84 degrees, and where the figure comes from."""

    gemeentecode: str
    lat: float
    lon: float
    bron: str


@cache
def controlecontext() -> Context:
    """What the checks need: the codelists and the gemeenten with their jeugdregio."""
    gemeenten = laad_gemeenten()
    return Context(
        laad_codelijsten(),
        frozenset(g.code for g in gemeenten),
        frozenset(g.jeugdregio for g in gemeenten),
    )


@cache
def laad_liggingen() -> dict[str, Ligging]:
    """The gemeente coordinates shipped with the package (the demo region's)."""
    uit: dict[str, Ligging] = {}
    for item in _manifest().get("liggingen", []):
        for rij in _rows(item["bestand"]):
            code = rij["gemeentecode"]
            uit[code] = Ligging(code, float(rij["lat"]), float(rij["lon"]), item["bron"])
    return uit
