"""Copy the packaged reference data into the database (idempotent)."""

from __future__ import annotations

from django.db import transaction

from passend.reference.loader import laad_codelijsten, laad_gemeenten
from passend.reference.models import Codelijst, Codewaarde, Gemeente, Jeugdregio


@transaction.atomic
def synchroniseer_referentie() -> dict[str, int]:
    regio_ids: dict[str, int] = {}
    for rij in laad_gemeenten():
        if rij.jeugdregio not in regio_ids:
            regio, _ = Jeugdregio.objects.get_or_create(naam=rij.jeugdregio)
            regio_ids[rij.jeugdregio] = regio.pk
        Gemeente.objects.update_or_create(
            code=rij.code,
            defaults={
                "naam": rij.naam,
                "provincie": rij.provincie,
                "jeugdregio_id": regio_ids[rij.jeugdregio],
            },
        )
    lijsten = laad_codelijsten()
    aantal_lijsten = 0
    for naam in lijsten.namen():
        for versie in lijsten.versies(naam):
            lijst, _ = Codelijst.objects.update_or_create(
                naam=naam,
                versie=versie.versie,
                defaults={"titel": versie.titel, "geldig_vanaf": versie.geldig_vanaf},
            )
            for code, rij in versie.waarden.items():
                Codewaarde.objects.update_or_create(
                    codelijst=lijst, code=code, defaults={"omschrijving": rij["omschrijving"]}
                )
            aantal_lijsten += 1
    return {
        "gemeenten": Gemeente.objects.count(),
        "jeugdregios": Jeugdregio.objects.count(),
        "codelijsten": aantal_lijsten,
    }
