"""The stored tariff sheets: one per area, in the sheet's JSON form (checked before it is
stored, so a stored sheet always reads)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from passend.contracten.models import Tariefblad
from passend.contracting.tariefblad import Bladregel, lees_blad

#: Largest sheet accepted (bytes of JSON): hundreds of products fit many times over.
MAX_BLAD_BYTES = 1_000_000


def bewaar_blad(gebied: str, inhoud: Mapping[str, Any], door: str) -> list[Bladregel]:
    """Check `inhoud` (ValueError with a Dutch reason) and store it as the area's sheet."""
    regels, _deelbaar = lees_blad(inhoud)
    if not regels:
        raise ValueError("Het tariefblad heeft geen producten.")
    Tariefblad.objects.update_or_create(
        gebied=gebied, defaults={"inhoud": dict(inhoud), "gewijzigd_door": door[:150]}
    )
    return regels


def blad_van(gebied: str) -> Tariefblad | None:
    return Tariefblad.objects.filter(gebied=gebied).first()
