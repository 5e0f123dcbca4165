"""Versioned codelists (iStandaarden) as plain values.

A codelist can have several versions; the one in force on a date is the version with the
latest `geldig_vanaf` on or before that date. Loading from package data lives in
`passend.reference.loader`; this module only reasons about the values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from passend.domain.domein import Domein


@dataclass(frozen=True)
class Codelijst:
    naam: str
    titel: str
    versie: str
    geldig_vanaf: date
    waarden: Mapping[str, Mapping[str, str]]  # code -> row (omschrijving and extra columns)

    def bevat(self, code: str, op: date | None = None) -> bool:
        """Whether `code` is in the list, and (given `op`) already in force on that date.

        Some codes carry their own ingangsdatum (e.g. JZ588 code 38 from 1 April 2022).
        """
        ingangen = self._ingangen
        if code not in ingangen:
            return False
        ingang = ingangen[code]
        return op is None or ingang is None or op >= ingang

    @cached_property
    def _ingangen(self) -> dict[str, date | None]:
        """Per code its own ingangsdatum, parsed once (every record checks a few codes)."""
        return {code: _datum_nl(rij.get("ingangsdatum", "")) for code, rij in self.waarden.items()}

    def omschrijving(self, code: str) -> str:
        rij = self.waarden.get(code)
        return rij["omschrijving"] if rij else ""


def _datum_nl(tekst: str) -> date | None:
    """Parse a dd-mm-yyyy date as used in the codelists; None when empty or malformed."""
    try:
        dag, maand, jaar = (int(deel) for deel in tekst.split("-"))
        return date(jaar, maand, dag)
    except ValueError:
        return None


class OnbekendeCodelijst(KeyError):
    """Raised when a codelist name (or a version for a date) is not loaded."""


class Codelijsten:
    """All loaded codelists, every version."""

    def __init__(self, lijsten: Iterable[Codelijst]) -> None:
        self._versies: dict[str, list[Codelijst]] = {}
        for lijst in lijsten:
            self._versies.setdefault(lijst.naam, []).append(lijst)
        for versies in self._versies.values():
            versies.sort(key=lambda lijst: lijst.geldig_vanaf)

    def namen(self) -> list[str]:
        return sorted(self._versies)

    def versies(self, naam: str) -> list[Codelijst]:
        return list(self._versies.get(naam, []))

    def lijst(self, naam: str, op: date | None = None) -> Codelijst:
        """The version of `naam` in force on `op` (latest version when `op` is None)."""
        versies = self._versies.get(naam)
        if not versies:
            raise OnbekendeCodelijst(naam)
        if op is None:
            return versies[-1]
        for lijst in reversed(versies):  # sorted by geldig_vanaf: the latest in force
            if lijst.geldig_vanaf <= op:
                return lijst
        raise OnbekendeCodelijst(f"{naam} op {op.isoformat()}")

    def bevat(self, naam: str, code: str, op: date | None = None) -> bool:
        try:
            return self.lijst(naam, op).bevat(code, op)
        except OnbekendeCodelijst:
            return False


#: Which codelist governs which field, per domain.
LIJST_PER_VELD: Mapping[tuple[Domein, str], str] = {
    (Domein.JEUGD, "categorie"): "JZ020",
    (Domein.WMO, "categorie"): "WMO020",
    (Domein.JEUGD, "reden_beeindiging"): "JZ588",
    (Domein.WMO, "reden_beeindiging"): "WMO588",
    (Domein.JEUGD, "reden_wijziging"): "JZ002",
    (Domein.WMO, "reden_wijziging"): "WMO002",
    (Domein.JEUGD, "eenheid"): "WJ756",
    (Domein.WMO, "eenheid"): "WJ756",
    (Domein.JEUGD, "frequentie"): "WMO757",
    (Domein.WMO, "frequentie"): "WMO757",
}

#: iJw product categories of jeugdhulp met verblijf (2015 codes 35-38 included).
CATEGORIEEN_MET_VERBLIJF = frozenset({"43", "44", "35", "36", "37", "38"})
