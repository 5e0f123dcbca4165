"""The one writer of the clients' judgements (docs/definities.md § 14).

A judgement is keyed by (pseudoniem, aanbieder, einddatum, informant): writing it again
updates the answers (a corrected file), never adds a row, and unchanged answers are not
written (their change time is part of the data version). The caller pseudonymises.
"""

from __future__ import annotations

from collections.abc import Iterable

from passend.care.models import Clientoordeel
from passend.care.upsert import bewaar_op_sleutel
from passend.domain.records import ClientoordeelRecord

SLEUTEL = ("pseudoniem", "aanbieder_agb", "einddatum", "informant")


def bewaar_clientoordelen(oordelen: Iterable[tuple[str, ClientoordeelRecord]]) -> int:
    """Upsert each (pseudoniem, record) by its key; returns how many rows were new or
    changed. The last answer of a key within one call wins."""
    rijen = {
        (p, r.aanbieder_agb, r.einddatum, r.informant): (r.tevredenheid, r.zonder_hulp)
        for p, r in oordelen
    }
    return bewaar_op_sleutel(Clientoordeel, SLEUTEL, ("tevredenheid", "zonder_hulp"), rijen)
