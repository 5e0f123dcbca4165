"""The one writer of the ZRM scores (docs/definities.md § 17).

A score is keyed by (pseudoniem, gemeente, aanbieder, domein, datum): writing it again
updates the score (a corrected file), never adds a row, and an unchanged score is not
written at all (so its change time, part of the data version, stays). The caller
pseudonymises: this module never sees a BSN.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from passend.care.models import ZrmMeting
from passend.domain.records import ZrmMetingRecord

Sleutel = tuple[str, str, str, str, date]


def _sleutel(pseudoniem: str, r: ZrmMetingRecord) -> Sleutel:
    return (pseudoniem, r.gemeente, r.aanbieder_agb, r.domein, r.datum)


def bewaar_zrm_metingen(metingen: Iterable[tuple[str, ZrmMetingRecord]]) -> int:
    """Upsert each (pseudoniem, record) by its key; returns how many rows were new or
    changed. The last score of a key within one call wins."""
    nieuw: dict[Sleutel, int] = {_sleutel(p, r): r.score for p, r in metingen}
    if not nieuw:
        return 0
    with transaction.atomic():
        bestaand = {
            (m.pseudoniem, m.gemeente_id, m.aanbieder_agb, m.domein, m.datum): m
            for m in ZrmMeting.objects.filter(
                pseudoniem__in={k[0] for k in nieuw}, gemeente_id__in={k[1] for k in nieuw}
            )
        }
        aan_te_maken = [
            ZrmMeting(
                pseudoniem=p, gemeente_id=g, aanbieder_agb=a, domein=d, datum=dag, score=score
            )
            for (p, g, a, d, dag), score in nieuw.items()
            if (p, g, a, d, dag) not in bestaand
        ]
        gewijzigd = []
        for sleutel, score in nieuw.items():
            rij = bestaand.get(sleutel)
            if rij is not None and rij.score != score:
                rij.score, rij.gewijzigd_op = score, timezone.now()
                gewijzigd.append(rij)
        ZrmMeting.objects.bulk_create(aan_te_maken, batch_size=2000)
        ZrmMeting.objects.bulk_update(gewijzigd, ["score", "gewijzigd_op"], batch_size=2000)
    return len(aan_te_maken) + len(gewijzigd)
