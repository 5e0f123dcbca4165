"""Derive a toewijzing's uitvoeringsvariant from how it is filled.

Follows the iStandaarden table of toewijzingsvarianten (inspanningsgericht / outputgericht):

* Specifiek with eenheid minuut, uur, dagdeel, etmaal or stuks (inspanning) -> inspanningsgericht.
* Specifiek with eenheid stuks (output) or euro's -> outputgericht.
* Aspecifiek (categorie without product): inspanningsgericht, except for productcategorie 55
  (Landelijk Transitie Arrangement), which the standard reserves for outputgericht trajecten.
* Generiek (budget only, no categorie) -> generiek: the standard allows it in both variants,
  so the filling alone cannot tell them apart.
* Taakgericht is not visible in a message at all: it follows from the contract, so the
  caller says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from passend.domain.records import ToewijzingRecord


class Uitvoeringsvariant(StrEnum):
    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    GENERIEK = "generiek"
    TAAKGERICHT = "taakgericht"


class TypeToewijzing(StrEnum):
    SPECIFIEK = "specifiek"
    ASPECIFIEK_MET_BUDGET = "aspecifiek met budget"
    ASPECIFIEK_ZONDER_BUDGET = "aspecifiek zonder budget"
    GENERIEK = "generiek"
    ONVOLLEDIG = "onvolledig"


EENHEDEN_INSPANNING = frozenset({"01", "04", "14", "16", "84"})
EENHEDEN_OUTPUT = frozenset({"82", "83"})
CATEGORIE_LTA = "55"
FREQUENTIE_WEEK = "2"
FREQUENTIE_TOTAAL = "6"


@dataclass(frozen=True)
class Vulling:
    """The fields of a ToegewezenProduct that decide its variant."""

    categorie: str | None
    productcode: str | None
    budget: int | None
    volume: int | None
    eenheid: str | None
    frequentie: str | None


def vulling_van(r: ToewijzingRecord) -> Vulling:
    """The filling of a toewijzing as read from a message or a table."""
    omvang = r.omvang
    return Vulling(
        r.categorie,
        r.productcode,
        r.budget,
        omvang.volume if omvang else None,
        omvang.eenheid if omvang else None,
        omvang.frequentie if omvang else None,
    )


def type_toewijzing(v: Vulling) -> TypeToewijzing:
    if not v.categorie:
        return TypeToewijzing.GENERIEK if v.budget is not None else TypeToewijzing.ONVOLLEDIG
    if v.productcode:
        return TypeToewijzing.SPECIFIEK
    if v.budget is not None:
        return TypeToewijzing.ASPECIFIEK_MET_BUDGET
    return TypeToewijzing.ASPECIFIEK_ZONDER_BUDGET


def leid_variant_af(v: Vulling, taakgericht_contract: bool = False) -> Uitvoeringsvariant:
    """The uitvoeringsvariant of a toewijzing filled as `v`."""
    if taakgericht_contract:
        return Uitvoeringsvariant.TAAKGERICHT
    soort = type_toewijzing(v)
    if soort in (TypeToewijzing.GENERIEK, TypeToewijzing.ONVOLLEDIG):
        return Uitvoeringsvariant.GENERIEK
    if soort is TypeToewijzing.SPECIFIEK:
        if v.eenheid in EENHEDEN_OUTPUT:
            return Uitvoeringsvariant.OUTPUTGERICHT
        return Uitvoeringsvariant.INSPANNINGSGERICHT
    if v.categorie == CATEGORIE_LTA:
        return Uitvoeringsvariant.OUTPUTGERICHT
    return Uitvoeringsvariant.INSPANNINGSGERICHT


def einddatum_verplicht(v: Vulling) -> bool:
    """Whether the standard requires an einddatum for a toewijzing filled as `v`.

    Required for a specifieke toewijzing per week and for an inspanningsgerichte aspecifieke
    toewijzing met budget. (An outputgericht traject in euro's also requires one, but its
    filling is identical to the per-period euro variant, so it cannot be enforced here.)
    """
    soort = type_toewijzing(v)
    if soort is TypeToewijzing.SPECIFIEK:
        return v.frequentie == FREQUENTIE_WEEK
    return soort is TypeToewijzing.ASPECIFIEK_MET_BUDGET and v.categorie != CATEGORIE_LTA
