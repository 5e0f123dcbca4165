"""Reference tables that arrive as CSV: population by age, aanbieder names, and where
gemeenten and aanbieders lie."""

from __future__ import annotations

from collections.abc import Sequence

from passend.care.upsert import Kolommen
from passend.domain.records import BevolkingRecord, LiggingRecord
from passend.reference.models import Bevolking, Ligging


def schrijf_bevolking(records: Sequence[BevolkingRecord]) -> None:
    """Upsert population rows (the last of a key wins); the checks have made sure each
    gemeente exists."""
    nieuw = {(r.gemeente, r.jaar, r.leeftijd): r.aantal for r in records}
    if not nieuw:
        return
    bestaand = {
        (b.gemeente_id, b.jaar, b.leeftijd): b
        for b in Bevolking.objects.filter(
            gemeente_id__in={g for g, _, _ in nieuw}, jaar__in={j for _, j, _ in nieuw}
        )
    }
    gewijzigd = []
    for sleutel, aantal in nieuw.items():
        rij = bestaand.get(sleutel)
        if rij is not None and rij.aantal != aantal:
            rij.aantal = aantal
            gewijzigd.append(rij)
    Bevolking.objects.bulk_update(gewijzigd, ["aantal"], batch_size=2000)
    Kolommen(Bevolking).voeg_in(
        {"gemeente_id": g, "jaar": j, "leeftijd": leeftijd, "aantal": aantal}
        for (g, j, leeftijd), aantal in nieuw.items()
        if (g, j, leeftijd) not in bestaand
    )


def schrijf_liggingen(records: Sequence[LiggingRecord]) -> None:
    """Upsert locations: a later import of the same gemeente or aanbieder replaces it."""
    for r in records:
        Ligging.objects.update_or_create(
            soort=r.soort, code=r.code, defaults={"lat": r.lat, "lon": r.lon}
        )
