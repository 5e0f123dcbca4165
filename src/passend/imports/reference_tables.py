"""Reference tables that arrive as CSV: population by age, aanbieder names, and where
gemeenten and aanbieders lie."""

from __future__ import annotations

from collections.abc import Sequence

from passend.domain.records import BevolkingRecord, LiggingRecord
from passend.reference.models import Bevolking, Ligging


def schrijf_bevolking(records: Sequence[BevolkingRecord]) -> None:
    """Upsert population rows; the checks have made sure each gemeente exists."""
    for r in records:
        Bevolking.objects.update_or_create(
            gemeente_id=r.gemeente,
            jaar=r.jaar,
            leeftijd=r.leeftijd,
            defaults={"aantal": r.aantal},
        )


def schrijf_liggingen(records: Sequence[LiggingRecord]) -> None:
    """Upsert locations: a later import of the same gemeente or aanbieder replaces it."""
    for r in records:
        Ligging.objects.update_or_create(
            soort=r.soort, code=r.code, defaults={"lat": r.lat, "lon": r.lon}
        )
