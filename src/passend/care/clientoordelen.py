"""The one writer of the clients' judgements (docs/definities.md § 14).

A judgement is keyed by (pseudoniem, aanbieder, einddatum, informant): writing it again
updates the answers (a corrected file), never adds a row, and unchanged answers are not
written (their change time is part of the data version). The caller pseudonymises.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from passend.care.models import Clientoordeel
from passend.domain.records import ClientoordeelRecord

Sleutel = tuple[str, str, date, str]


def bewaar_clientoordelen(oordelen: Iterable[tuple[str, ClientoordeelRecord]]) -> int:
    """Upsert each (pseudoniem, record) by its key; returns how many rows were new or
    changed. The last answer of a key within one call wins."""
    nieuw: dict[Sleutel, tuple[int | None, str]] = {
        (p, r.aanbieder_agb, r.einddatum, r.informant): (r.tevredenheid, r.zonder_hulp)
        for p, r in oordelen
    }
    if not nieuw:
        return 0
    with transaction.atomic():
        bestaand = {
            (o.pseudoniem, o.aanbieder_agb, o.einddatum, o.informant): o
            for o in Clientoordeel.objects.filter(pseudoniem__in={k[0] for k in nieuw})
        }
        aan_te_maken = [
            Clientoordeel(
                pseudoniem=p,
                aanbieder_agb=a,
                einddatum=eind,
                informant=informant,
                tevredenheid=tevredenheid,
                zonder_hulp=zonder_hulp,
            )
            for (p, a, eind, informant), (tevredenheid, zonder_hulp) in nieuw.items()
            if (p, a, eind, informant) not in bestaand
        ]
        gewijzigd = []
        for sleutel, (tevredenheid, zonder_hulp) in nieuw.items():
            rij = bestaand.get(sleutel)
            if rij is not None and (rij.tevredenheid, rij.zonder_hulp) != (
                tevredenheid,
                zonder_hulp,
            ):
                rij.tevredenheid, rij.zonder_hulp = tevredenheid, zonder_hulp
                rij.gewijzigd_op = timezone.now()
                gewijzigd.append(rij)
        Clientoordeel.objects.bulk_create(aan_te_maken, batch_size=2000)
        Clientoordeel.objects.bulk_update(
            gewijzigd, ["tevredenheid", "zonder_hulp", "gewijzigd_op"], batch_size=2000
        )
    return len(aan_te_maken) + len(gewijzigd)
