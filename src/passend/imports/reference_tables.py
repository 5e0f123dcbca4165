"""Reference tables that arrive as CSV: population by age, and aanbieder names."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from passend.care.models import Aanbieder
from passend.reference.models import Bevolking, Gemeente


@transaction.atomic
def schrijf_referentietabel(soort: str, rijen: Iterable[dict[str, str]]) -> int:
    if soort == "bevolking":
        return _bevolking(rijen)
    return _aanbieders(rijen)


def _bevolking(rijen: Iterable[dict[str, str]]) -> int:
    bekend = set(Gemeente.objects.values_list("code", flat=True))
    aantal = 0
    for rij in rijen:
        code = rij["gemeente"].strip().removeprefix("GM").zfill(4)
        if code not in bekend:
            continue
        Bevolking.objects.update_or_create(
            gemeente_id=code,
            jaar=int(rij["jaar"][:4]),
            leeftijd=int(rij["leeftijd"]),
            defaults={"aantal": int(rij["aantal"])},
        )
        aantal += 1
    return aantal


def _aanbieders(rijen: Iterable[dict[str, str]]) -> int:
    aantal = 0
    for rij in rijen:
        agb = rij["agb_code"].strip().zfill(8)
        Aanbieder.objects.update_or_create(agb_code=agb, defaults={"naam": rij["naam"].strip()})
        aantal += 1
    return aantal
