"""The one writer of the ZRM scores (docs/definities.md § 17).

A score is keyed by (pseudoniem, gemeente, aanbieder, domein, datum): writing it again
updates the score (a corrected file), never adds a row, and an unchanged score is not
written at all (so its change time, part of the data version, stays). The caller
pseudonymises: this module never sees a BSN.
"""

from __future__ import annotations

from collections.abc import Iterable

from passend.care.models import ZrmMeting
from passend.care.upsert import bewaar_op_sleutel
from passend.domain.records import ZrmMetingRecord

SLEUTEL = ("pseudoniem", "gemeente_id", "aanbieder_agb", "domein", "datum")


def bewaar_zrm_metingen(metingen: Iterable[tuple[str, ZrmMetingRecord]]) -> int:
    """Upsert each (pseudoniem, record) by its key; returns how many rows were new or
    changed. The last score of a key within one call wins."""
    rijen = {(p, r.gemeente, r.aanbieder_agb, r.domein, r.datum): (r.score,) for p, r in metingen}
    return bewaar_op_sleutel(ZrmMeting, SLEUTEL, ("score",), rijen)
