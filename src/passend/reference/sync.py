"""Copy the packaged reference data into the database (idempotent, and cheap when current)."""

from __future__ import annotations

from django.db import transaction

from passend.reference.loader import laad_codelijsten, laad_gemeenten
from passend.reference.models import Codelijst, Codewaarde, Gemeente, Jeugdregio


@transaction.atomic
def synchroniseer_referentie() -> dict[str, int]:
    _gemeenten()
    aantal_lijsten = _codelijsten()
    return {
        "gemeenten": Gemeente.objects.count(),
        "jeugdregios": Jeugdregio.objects.count(),
        "codelijsten": aantal_lijsten,
    }


def _gemeenten() -> None:
    rijen = laad_gemeenten()
    regio_ids = dict(Jeugdregio.objects.values_list("naam", "pk"))
    nieuwe_regios = sorted({r.jeugdregio for r in rijen} - set(regio_ids))
    for regio in Jeugdregio.objects.bulk_create([Jeugdregio(naam=n) for n in nieuwe_regios]):
        regio_ids[regio.naam] = regio.pk
    bestaand = {g.code: g for g in Gemeente.objects.all()}
    nieuw, gewijzigd = [], []
    for rij in rijen:
        velden = {
            "naam": rij.naam,
            "provincie": rij.provincie,
            "jeugdregio_id": regio_ids[rij.jeugdregio],
        }
        gemeente = bestaand.get(rij.code)
        if gemeente is None:
            nieuw.append(Gemeente(code=rij.code, **velden))
        elif any(getattr(gemeente, k) != v for k, v in velden.items()):
            for k, v in velden.items():
                setattr(gemeente, k, v)
            gewijzigd.append(gemeente)
    Gemeente.objects.bulk_create(nieuw)
    Gemeente.objects.bulk_update(gewijzigd, ["naam", "provincie", "jeugdregio_id"])


def _codelijsten() -> int:
    lijsten = laad_codelijsten()
    bestaand = {(c.naam, c.versie): c for c in Codelijst.objects.all()}
    waarden = set(Codewaarde.objects.values_list("codelijst_id", "code"))
    aantal, nieuw = 0, []
    for naam in lijsten.namen():
        for versie in lijsten.versies(naam):
            lijst = bestaand.get((naam, versie.versie))
            if lijst is None:
                lijst = Codelijst.objects.create(
                    naam=naam,
                    versie=versie.versie,
                    titel=versie.titel,
                    geldig_vanaf=versie.geldig_vanaf,
                )
            nieuw += [
                Codewaarde(codelijst=lijst, code=code, omschrijving=rij["omschrijving"])
                for code, rij in versie.waarden.items()
                if (lijst.pk, code) not in waarden
            ]
            aantal += 1
    Codewaarde.objects.bulk_create(nieuw)
    return aantal
