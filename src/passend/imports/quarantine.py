"""Read the quarantine: for the CLI, the web app and notebooks alike."""

from __future__ import annotations

from typing import Any

from passend.imports.models import QuarantineRecord

VELDEN = (
    "id",
    "batch_id",
    "bestand",
    "berichttype",
    "bericht_identificatie",
    "element_pad",
    "regel",
    "reden",
    "status",
    "aangemaakt_op",
)


def quarantaine_lijst(
    *, alleen_open: bool = True, batch: int | None = None, limiet: int | None = None
) -> list[dict[str, Any]]:
    records = QuarantineRecord.objects.order_by("id")
    if alleen_open:
        records = records.filter(status=QuarantineRecord.Status.OPEN)
    if batch is not None:
        records = records.filter(batch_id=batch)
    rijen = records.values(*VELDEN)
    return list(rijen[:limiet] if limiet else rijen)


def quarantaine_record(record_id: int) -> dict[str, Any] | None:
    return QuarantineRecord.objects.filter(pk=record_id).values(*VELDEN, "fragment").first()
