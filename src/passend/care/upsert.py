"""Bulk upsert of register rows by their natural key, for the writers of the client-level
registers (ZRM scores, clients' judgements).

Writing a row again with the same values writes nothing, so its change time (part of the
data version) stays; a changed value updates the row and its change time; a new key adds a
row. The last row of a key within one call wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone


def bewaar_op_sleutel(
    model: type[models.Model],
    sleutelvelden: Sequence[str],
    waardevelden: Sequence[str],
    rijen: Mapping[tuple[Any, ...], tuple[Any, ...]],
    *,
    zoek: Mapping[str, Any],
) -> int:
    """Upsert `rijen` (key tuple -> value tuple, in the order of the field lists) into
    `model`; `zoek` narrows the query for the existing rows (e.g. the pseudonyms of the
    call). Returns how many rows were new or changed."""
    if not rijen:
        return 0
    with transaction.atomic():
        bestaand = {
            tuple(getattr(o, v) for v in sleutelvelden): o for o in model.objects.filter(**zoek)
        }
        nieuw = [
            model(
                **dict(zip(sleutelvelden, k, strict=True)),
                **dict(zip(waardevelden, w, strict=True)),
            )
            for k, w in rijen.items()
            if k not in bestaand
        ]
        gewijzigd = []
        for k, w in rijen.items():
            rij = bestaand.get(k)
            if rij is not None and tuple(getattr(rij, v) for v in waardevelden) != w:
                for veld, waarde in zip(waardevelden, w, strict=True):
                    setattr(rij, veld, waarde)
                rij.gewijzigd_op = timezone.now()  # type: ignore[attr-defined]
                gewijzigd.append(rij)
        model.objects.bulk_create(nieuw, batch_size=2000)
        model.objects.bulk_update(gewijzigd, [*waardevelden, "gewijzigd_op"], batch_size=2000)
    return len(nieuw) + len(gewijzigd)
