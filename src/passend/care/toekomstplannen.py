"""The one writer of the toekomstplan register, for the import and the web editor alike.

A plan is keyed by (pseudoniem, gemeente, datum_plan): writing it again updates the
regiehouder, the handover date and the domains (a corrected file or form), never adds a row.
The caller pseudonymises: this module never sees a BSN.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from passend.care.models import Toekomstplan
from passend.care.upsert import bewaar_op_sleutel
from passend.domain.records import ToekomstplanRecord


def velden(r: ToekomstplanRecord) -> dict[str, object]:
    return {
        "regiehouder_agb": r.regiehouder_agb,
        "regiehouder_rol": r.regiehouder_rol,
        "datum_overdracht_gestart": r.datum_overdracht_gestart,
        "domeinen": ",".join(r.domeinen),
    }


#: The natural key, and the fields a corrected plan changes.
SLEUTEL = ("pseudoniem", "gemeente_id", "datum_plan")
WAARDEN = ("regiehouder_agb", "regiehouder_rol", "datum_overdracht_gestart", "domeinen")


def bewaar_toekomstplannen(
    plannen: Iterable[tuple[str, ToekomstplanRecord]], door: str = ""
) -> int:
    """Upsert each (pseudoniem, record) by its key, a query per call rather than per row;
    returns how many were new or changed. A plan saved again unchanged by the same person
    keeps its change time; the import is nobody (`door` empty), so a plan it writes over an
    edited one no longer names the editor."""
    rijen = {
        (p, r.gemeente, r.datum_plan): (*(velden(r)[v] for v in WAARDEN), door[:150])
        for p, r in plannen
    }
    return bewaar_op_sleutel(Toekomstplan, SLEUTEL, (*WAARDEN, "gewijzigd_door"), rijen)


def verwijder_toekomstplan(pseudoniem: str, gemeente: str, datum_plan: date) -> int:
    """Remove one plan; returns how many rows went (0 or 1)."""
    geteld, _ = Toekomstplan.objects.filter(
        pseudoniem=pseudoniem, gemeente_id=gemeente, datum_plan=datum_plan
    ).delete()
    return geteld
