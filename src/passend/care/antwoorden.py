"""The one writer of the declaratieantwoorden (JW325/WMO325; docs/definities.md § 13).

One row per declaratie (domein, gemeente, aanbieder, declaratienummer). An answer replaces
the stored one unless that one is later (dagtekening, then message identification), so
importing answers in any order, or again, leaves the latest; its rejected prestaties are
replaced with it.
"""

from __future__ import annotations

from passend.care.models import AfgewezenPrestatie, Declaratieantwoord
from passend.domain.records import Declaratieantwoord as Antwoord


def _volgorde(dagtekening: object, identificatie: str) -> tuple[str, str]:
    return (str(dagtekening or ""), identificatie)


def bewaar_antwoord(antwoord: Antwoord, aanbieder_id: int) -> bool:
    """Store `antwoord` unless a later answer to the same declaratie is stored; returns
    whether it was written. Call inside the import's transaction."""
    kop = antwoord.kop
    rij, nieuw = Declaratieantwoord.objects.get_or_create(
        domein=kop.domein.value,
        gemeente_id=kop.gemeente,
        aanbieder_id=aanbieder_id,
        declaratienummer=antwoord.declaratienummer,
        defaults={"ingediend": 0, "toegekend": 0, "bericht_identificatie": ""},
    )
    if not nieuw and _volgorde(rij.dagtekening, rij.bericht_identificatie) > _volgorde(
        kop.dagtekening, kop.identificatie
    ):
        return False
    rij.declaratie_identificatie = antwoord.declaratie_identificatie
    rij.bericht_identificatie = kop.identificatie
    rij.dagtekening = kop.dagtekening
    rij.ingediend, rij.toegekend = antwoord.ingediend, antwoord.toegekend
    rij.geheel_afgewezen = antwoord.geheel_afgewezen
    rij.save()
    AfgewezenPrestatie.objects.filter(antwoord=rij).delete()
    per_referentie = {p.referentie: p for p in antwoord.afgewezen}
    AfgewezenPrestatie.objects.bulk_create(
        (
            AfgewezenPrestatie(
                antwoord=rij, referentie=p.referentie, bedrag=p.bedrag, retourcode=p.retourcode
            )
            for p in per_referentie.values()
        ),
        batch_size=2000,
    )
    return True
