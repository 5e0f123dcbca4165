"""Write accepted records to the database: pseudonymise, upsert on natural keys.

Every write goes through a natural key (`sleutel`), so a record that arrives twice updates
instead of duplicating, and a later toewijzing with the same number replaces an older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from passend.care.models import (
    Aanbieder,
    Client,
    Declaratie,
    GeboortedatumConflict,
    Levering,
    Prestatie,
    Product,
    Toewijzing,
)
from passend.domain.money import met_teken
from passend.domain.pseudonym import pseudoniem
from passend.domain.records import (
    ClientGegevens,
    DeclaratieKop,
    Herkomst,
    Kop,
    LeveringRecord,
    PrestatieRecord,
    ToewijzingRecord,
)
from passend.domain.uitvoeringsvariant import Vulling, leid_variant_af


@dataclass(frozen=True)
class Duplicaat:
    """A record whose logical key is already stored from another message."""

    melding: str


class Opslag:
    """Per-import caches around the ORM; one instance per import run."""

    def __init__(
        self, sleutel: bytes, taakgerichte_producten: frozenset[tuple[str, str]] = frozenset()
    ):
        self._sleutel = sleutel
        self._taakgericht = taakgerichte_producten
        self._aanbieders: dict[str, int] = {}
        self._producten: dict[tuple[str, str, str], int] = {}
        self._clienten: dict[str, tuple[int, date | None]] = {}
        self._declaraties: dict[str, int] = {}

    # -- reference rows -------------------------------------------------------------------
    def aanbieder_id(self, agb: str) -> int:
        if agb not in self._aanbieders:
            self._aanbieders[agb] = Aanbieder.objects.get_or_create(agb_code=agb)[0].pk
        return self._aanbieders[agb]

    def product_id(self, domein: str, categorie: str | None, code: str | None) -> int | None:
        if not categorie:
            return None
        sleutel = (domein, categorie, code or "")
        if sleutel not in self._producten:
            self._producten[sleutel] = Product.objects.get_or_create(
                domein=domein, categorie=categorie, code=code or ""
            )[0].pk
        return self._producten[sleutel]

    def client_id(self, client: ClientGegevens, gemeente: str, herkomst: Herkomst) -> int:
        naam = pseudoniem(client.bsn, self._sleutel)
        bekend = self._clienten.get(naam)
        if bekend is not None and client.geboortedatum in (None, bekend[1]):
            return bekend[0]
        bestaand = Client.objects.filter(pseudoniem=naam).first()
        if bestaand is None:
            bestaand = Client.objects.create(
                pseudoniem=naam,
                geboortedatum=client.geboortedatum,
                geboortedatum_precisie=client.datum_gebruik or "",
                geslacht=client.geslacht or "",
                gemeente_id=gemeente,
            )
        else:
            self._vergelijk_geboortedatum(bestaand, client, herkomst)
        self._clienten[naam] = (bestaand.pk, bestaand.geboortedatum)
        return bestaand.pk

    @staticmethod
    def _vergelijk_geboortedatum(
        bestaand: Client, client: ClientGegevens, herkomst: Herkomst
    ) -> None:
        nieuw = client.geboortedatum
        if nieuw is None or nieuw == bestaand.geboortedatum:
            return
        if bestaand.geboortedatum is None:
            bestaand.geboortedatum = nieuw
            bestaand.geboortedatum_precisie = client.datum_gebruik or ""
            bestaand.save(update_fields=["geboortedatum", "geboortedatum_precisie"])
            return
        GeboortedatumConflict.objects.get_or_create(
            client=bestaand,
            afwijkende_datum=nieuw,
            bericht_identificatie=herkomst.bericht_identificatie,
            defaults={
                "bekende_datum": bestaand.geboortedatum,
                "bestand": herkomst.bestand,
                "berichttype": herkomst.berichttype,
            },
        )

    # -- care records ---------------------------------------------------------------------
    def _basis(self, kop: Kop) -> dict[str, object]:
        return {
            "domein": kop.domein.value,
            "gemeente_id": kop.gemeente,
            "aanbieder_id": self.aanbieder_id(kop.aanbieder),
        }

    def toewijzing(self, r: ToewijzingRecord) -> Duplicaat | None:
        k = r.kop
        sleutel = f"{k.domein}|{k.gemeente}|{k.aanbieder}|{r.toewijzingnummer}"
        bestaand = Toewijzing.objects.filter(sleutel=sleutel).first()
        nieuw_moment = (
            r.toewijzingsdatum,
            r.toewijzingstijd.isoformat() if r.toewijzingstijd else "",
        )
        if bestaand is not None:
            oud_moment = (
                bestaand.toewijzingsdatum,
                bestaand.toewijzingstijd.isoformat() if bestaand.toewijzingstijd else "",
            )
            if oud_moment == nieuw_moment:
                return Duplicaat(
                    f"Toewijzing {r.toewijzingnummer} met dezelfde toewijzingsdatum "
                    "en -tijd is al verwerkt uit een ander bericht."
                )
            if oud_moment > nieuw_moment:
                return None  # an older version arriving late: the newer one stays
        omvang = r.omvang
        vulling = Vulling(
            r.categorie,
            r.productcode,
            r.budget,
            omvang and omvang.volume,
            omvang and omvang.eenheid,
            omvang and omvang.frequentie,
        )
        taakgericht = (k.aanbieder, r.categorie or "") in self._taakgericht
        velden = {
            **self._basis(k),
            "client_id": self.client_id(r.client, k.gemeente, r.herkomst),
            "toewijzingnummer": r.toewijzingnummer,
            "product_id": self.product_id(k.domein.value, r.categorie, r.productcode),
            "categorie": r.categorie or "",
            "productcode": r.productcode or "",
            "toewijzingsdatum": r.toewijzingsdatum,
            "toewijzingstijd": r.toewijzingstijd,
            "ingangsdatum": r.ingangsdatum,
            "einddatum": r.einddatum,
            "volume": omvang.volume if omvang else None,
            "eenheid": omvang.eenheid if omvang else "",
            "frequentie": omvang.frequentie if omvang else "",
            "budget": r.budget,
            "reden_wijziging": r.reden_wijziging or "",
            "uitvoeringsvariant": leid_variant_af(vulling, taakgericht).value,
            "bericht_identificatie": k.identificatie,
        }
        if bestaand is None:
            Toewijzing.objects.create(sleutel=sleutel, **velden)
        else:
            Toewijzing.objects.filter(pk=bestaand.pk).update(**velden)
        return None

    def levering(self, r: LeveringRecord) -> Duplicaat | None:
        k = r.kop
        client_id = self.client_id(r.client, k.gemeente, r.herkomst)
        verwijzing = (
            r.toewijzingnummer
            if r.toewijzingnummer is not None
            else f"{r.categorie}/{r.productcode or ''}"
        )
        sleutel = f"{k.domein}|{k.gemeente}|{k.aanbieder}|c{client_id}|{verwijzing}|{r.begindatum}"
        bestaand = Levering.objects.filter(sleutel=sleutel).first()
        if r.status_aanlevering == "3":
            self._verwijder(bestaand, r)
            return None
        if (
            bestaand is not None
            and r.status_aanlevering == "1"
            and (bestaand.heeft_start if r.soort == "start" else bestaand.heeft_stop)
        ):
            return Duplicaat(
                f"Deze {r.soort} van de levering (begindatum {r.begindatum:%d-%m-%Y})"
                " is al verwerkt uit een ander bericht."
            )
        velden: dict[str, object] = {
            **self._basis(k),
            "client_id": client_id,
            "toewijzingnummer": r.toewijzingnummer,
            "begindatum": r.begindatum,
        }
        if r.categorie:
            velden.update(
                product_id=self.product_id(k.domein.value, r.categorie, r.productcode),
                categorie=r.categorie,
                productcode=r.productcode or "",
            )
        if r.soort == "start":
            velden["heeft_start"] = True
        else:
            velden.update(
                heeft_stop=True, einddatum=r.einddatum, reden_beeindiging=r.reden_beeindiging or ""
            )
        if bestaand is None:
            Levering.objects.create(sleutel=sleutel, **velden)
        else:
            Levering.objects.filter(pk=bestaand.pk).update(**velden)
        return None

    @staticmethod
    def _verwijder(bestaand: Levering | None, r: LeveringRecord) -> None:
        if bestaand is None:
            return
        if r.soort == "start":
            bestaand.delete()
        else:
            bestaand.einddatum, bestaand.reden_beeindiging, bestaand.heeft_stop = None, "", False
            bestaand.save(update_fields=["einddatum", "reden_beeindiging", "heeft_stop"])

    def declaratie_id(self, d: DeclaratieKop) -> int:
        k = d.kop
        sleutel = f"{k.domein}|{k.gemeente}|{k.aanbieder}|{d.declaratienummer}"
        if sleutel in self._declaraties:
            return self._declaraties[sleutel]
        bestaand = Declaratie.objects.filter(sleutel=sleutel).values_list("pk", flat=True)[:1]
        if bestaand:
            self._declaraties[sleutel] = bestaand[0]
            return bestaand[0]
        declaratie = Declaratie.objects.create(
            sleutel=sleutel,
            **self._basis(k),
            declaratienummer=d.declaratienummer,
            periode_begin=d.periode_begin,
            periode_eind=d.periode_eind,
            dagtekening=d.dagtekening,
            totaal_bedrag=met_teken(d.totaal_bedrag, d.totaal_debet_credit),  # type: ignore[arg-type]
            bericht_identificatie=k.identificatie,
        )
        self._declaraties[sleutel] = declaratie.pk
        return declaratie.pk

    @staticmethod
    def prestatie_sleutel(r: PrestatieRecord) -> str:
        k = r.declaratie.kop
        return f"{k.domein}|{k.gemeente}|{k.aanbieder}|{r.referentie}"

    def prestaties(
        self, declaratie_id: int, records: Sequence[PrestatieRecord]
    ) -> dict[int, Duplicaat]:
        """Store a chunk of prestaties; returns the index of each duplicate in `records`."""
        sleutels = [self.prestatie_sleutel(r) for r in records]
        bestaand = set(
            Prestatie.objects.filter(sleutel__in=sleutels).values_list("sleutel", flat=True)
        )
        nieuw, duplicaten = [], {}
        for index, (r, sleutel) in enumerate(zip(records, sleutels, strict=True)):
            if sleutel in bestaand:
                duplicaten[index] = Duplicaat(
                    f"Prestatie met ProductReferentie {r.referentie} is al verwerkt."
                )
                continue
            bestaand.add(sleutel)
            nieuw.append(self._prestatie(declaratie_id, r, sleutel))
        Prestatie.objects.bulk_create(nieuw, batch_size=2000)
        return duplicaten

    def _prestatie(self, declaratie_id: int, r: PrestatieRecord, sleutel: str) -> Prestatie:
        k = r.declaratie.kop
        return Prestatie(
            sleutel=sleutel,
            declaratie_id=declaratie_id,
            client_id=self.client_id(r.client, k.gemeente, r.herkomst),
            referentie=r.referentie,
            vorige_referentie=r.vorige_referentie or "",
            toewijzingnummer=r.toewijzingnummer,
            product_id=self.product_id(k.domein.value, r.categorie, r.productcode),
            categorie=r.categorie,
            productcode=r.productcode,
            periode_begin=r.periode_begin,
            periode_eind=r.periode_eind,
            volume=r.volume,
            eenheid=r.eenheid,
            tarief=r.tarief,
            bedrag=r.bedrag,
            debet_credit=r.debet_credit,
        )
