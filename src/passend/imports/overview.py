"""What is loaded: counts per gemeente, for the landing page and `passend status`."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from passend.care.models import Client, Levering, Prestatie, Toewijzing
from passend.imports.models import ImportBatch, QuarantineRecord
from passend.reference.models import Gemeente


def _per_gemeente(queryset: Any, veld: str) -> dict[str, int]:
    rijen = queryset.values(veld).annotate(n=Count("id"))
    return {rij[veld]: rij["n"] for rij in rijen}


def geladen_per_gemeente() -> dict[str, Any]:
    """Per gemeente with data: clients, toewijzingen, leveringen and prestaties."""
    toewijzingen = _per_gemeente(Toewijzing.objects, "gemeente_id")
    leveringen = _per_gemeente(Levering.objects, "gemeente_id")
    prestaties = _per_gemeente(Prestatie.objects, "declaratie__gemeente_id")
    clienten = _per_gemeente(Client.objects, "gemeente_id")
    codes = set(toewijzingen) | set(leveringen) | set(prestaties) | set(clienten)
    namen = dict(Gemeente.objects.filter(code__in=codes).values_list("code", "naam"))
    rijen = [
        {
            "code": code,
            "naam": namen.get(code, code),
            "clienten": clienten.get(code, 0),
            "toewijzingen": toewijzingen.get(code, 0),
            "leveringen": leveringen.get(code, 0),
            "prestaties": prestaties.get(code, 0),
        }
        for code in codes
        if code
    ]
    rijen.sort(key=lambda rij: rij["naam"])
    return {
        "gemeenten": rijen,
        "totaal": {
            k: sum(r[k] for r in rijen)
            for k in ("clienten", "toewijzingen", "leveringen", "prestaties")
        },
        "batches": ImportBatch.objects.count(),
        "quarantaine_open": QuarantineRecord.objects.filter(
            status=QuarantineRecord.Status.OPEN
        ).count(),
    }
