"""Reference tables that arrive as CSV: population by age, and aanbieder names."""

from __future__ import annotations

from collections.abc import Sequence

from passend.domain.records import BevolkingRecord
from passend.reference.models import Bevolking


def schrijf_bevolking(records: Sequence[BevolkingRecord]) -> None:
    """Upsert population rows; the checks have made sure each gemeente exists."""
    for r in records:
        Bevolking.objects.update_or_create(
            gemeente_id=r.gemeente,
            jaar=r.jaar,
            leeftijd=r.leeftijd,
            defaults={"aantal": r.aantal},
        )
