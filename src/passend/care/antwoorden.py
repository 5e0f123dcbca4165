"""The one writer of the declaratieantwoorden (JW325/WMO325; docs/definities.md § 13).

One row per declaratie (domein, gemeente, aanbieder, declaratienummer). An answer replaces
the stored one unless that one is later (dagtekening, then message identification), so
importing answers in any order, or again, leaves the latest; its rejected prestaties are
replaced with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from passend.care.models import AfgewezenPrestatie, Declaratieantwoord
from passend.domain.records import Declaratieantwoord as Antwoord

#: (domein, gemeente, aanbieder id, declaratienummer): the declaratie an answer is about.
Sleutel = tuple[str, str, int, str]
_VELDEN = (
    "declaratie_identificatie",
    "bericht_identificatie",
    "dagtekening",
    "ingediend",
    "toegekend",
    "geheel_afgewezen",
)


def _volgorde(dagtekening: object, identificatie: str) -> tuple[str, str]:
    return (str(dagtekening or ""), identificatie)


def _sleutel(antwoord: Antwoord, aanbieder_id: int) -> Sleutel:
    kop = antwoord.kop
    return (kop.domein.value, kop.gemeente, aanbieder_id, antwoord.declaratienummer)


def bewaar_antwoorden(antwoorden: Sequence[tuple[Antwoord, int]]) -> list[bool]:
    """Store each (answer, aanbieder id), in order, unless a later answer to the same
    declaratie is stored or came before it; per answer whether it was written. The outcome
    equals writing them one by one, in a handful of queries for them all (the import writes
    a few hundred per round). Call inside the import's transaction."""
    opgeslagen = _opgeslagen({_sleutel(a, i) for a, i in antwoorden})
    stand = {sleutel: volgorde for sleutel, (_, volgorde) in opgeslagen.items()}
    laatste: dict[Sleutel, Antwoord] = {}
    geschreven = []
    for antwoord, aanbieder_id in antwoorden:
        sleutel = _sleutel(antwoord, aanbieder_id)
        volgorde = _volgorde(antwoord.kop.dagtekening, antwoord.kop.identificatie)
        geschreven.append(sleutel not in stand or stand[sleutel] <= volgorde)
        if geschreven[-1]:
            stand[sleutel], laatste[sleutel] = volgorde, antwoord
    _schrijf(laatste, {s: pk for s, (pk, _) in opgeslagen.items()})
    return geschreven


def _opgeslagen(sleutels: set[Sleutel]) -> dict[Sleutel, tuple[int, tuple[str, str]]]:
    """The stored row (id, order) of each of `sleutels` that has one."""
    nummers = sorted({s[3] for s in sleutels})
    gevonden = {}
    for begin in range(0, len(nummers), 500):
        rijen = Declaratieantwoord.objects.filter(
            declaratienummer__in=nummers[begin : begin + 500]
        ).values_list(
            "domein",
            "gemeente_id",
            "aanbieder_id",
            "declaratienummer",
            "pk",
            "dagtekening",
            "bericht_identificatie",
        )
        for domein, gemeente, aanbieder, nummer, pk, dagtekening, identificatie in rijen:
            if (sleutel := (domein, gemeente, aanbieder, nummer)) in sleutels:
                gevonden[sleutel] = (pk, _volgorde(dagtekening, identificatie))
    return gevonden


def _schrijf(laatste: dict[Sleutel, Antwoord], pks: dict[Sleutel, int]) -> None:
    rijen = {
        sleutel: _rij(sleutel, antwoord, pks.get(sleutel)) for sleutel, antwoord in laatste.items()
    }
    bijwerken = [rij for rij in rijen.values() if rij.pk is not None]
    Declaratieantwoord.objects.bulk_update(bijwerken, _VELDEN, batch_size=500)
    AfgewezenPrestatie.objects.filter(antwoord_id__in=[r.pk for r in bijwerken]).delete()
    nieuw = [sleutel for sleutel, rij in rijen.items() if rij.pk is None]
    Declaratieantwoord.objects.bulk_create([rijen[s] for s in nieuw], batch_size=500)
    for sleutel, (pk, _) in _opgeslagen(set(nieuw)).items():  # their ids, by the unique key
        rijen[sleutel].pk = pk
    AfgewezenPrestatie.objects.bulk_create(
        (
            AfgewezenPrestatie(
                antwoord_id=rijen[sleutel].pk,
                referentie=p.referentie,
                bedrag=p.bedrag,
                retourcode=p.retourcode,
            )
            for sleutel, antwoord in laatste.items()
            for p in {p.referentie: p for p in antwoord.afgewezen}.values()
        ),
        batch_size=2000,
    )


def _rij(sleutel: Sleutel, antwoord: Antwoord, pk: int | None) -> Declaratieantwoord:
    domein, gemeente, aanbieder_id, nummer = sleutel
    kop = antwoord.kop
    return Declaratieantwoord(
        pk=pk,
        domein=domein,
        gemeente_id=gemeente,
        aanbieder_id=aanbieder_id,
        declaratienummer=nummer,
        declaratie_identificatie=antwoord.declaratie_identificatie,
        bericht_identificatie=kop.identificatie,
        dagtekening=kop.dagtekening,
        ingediend=antwoord.ingediend,
        toegekend=antwoord.toegekend,
        geheel_afgewezen=antwoord.geheel_afgewezen,
    )
