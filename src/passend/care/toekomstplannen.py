"""The one writer of the toekomstplan register, for the import and the web editor alike.

A plan is keyed by (pseudoniem, gemeente, datum_plan): writing it again updates the
regiehouder, the handover date and the domains (a corrected file or form), never adds a row.
The caller pseudonymises: this module never sees a BSN.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from passend.care.models import Toekomstplan
from passend.domain.records import ToekomstplanRecord


def velden(r: ToekomstplanRecord) -> dict[str, object]:
    return {
        "regiehouder_agb": r.regiehouder_agb,
        "regiehouder_rol": r.regiehouder_rol,
        "datum_overdracht_gestart": r.datum_overdracht_gestart,
        "domeinen": ",".join(r.domeinen),
    }


def bewaar_toekomstplannen(
    plannen: Iterable[tuple[str, ToekomstplanRecord]], door: str = ""
) -> list[Toekomstplan]:
    """Upsert each (pseudoniem, record) by its key; returns the rows written."""
    uit = []
    with transaction.atomic():
        for pseudoniem, r in plannen:
            plan, _ = Toekomstplan.objects.update_or_create(
                pseudoniem=pseudoniem,
                gemeente_id=r.gemeente,
                datum_plan=r.datum_plan,
                defaults={**velden(r), "gewijzigd_door": door[:150]},
            )
            uit.append(plan)
    return uit


def verwijder_toekomstplan(pseudoniem: str, gemeente: str, datum_plan: date) -> int:
    """Remove one plan; returns how many rows went (0 or 1)."""
    geteld, _ = Toekomstplan.objects.filter(
        pseudoniem=pseudoniem, gemeente_id=gemeente, datum_plan=datum_plan
    ).delete()
    return geteld
