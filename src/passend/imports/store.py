"""Write accepted records to the database, a group of messages at a time.

Records of many messages are collected and then written in one transaction with a handful of
set-based queries per table: which natural keys (`sleutel`) exist already, then bulk inserts
and bulk updates. Upserts on natural keys make a record that arrives twice an update, and a
later toewijzing with the same number replaces an older one. The caller commits the group
together with the ledger rows of its messages, so a group is either fully in or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection

from passend.care.clientoordelen import bewaar_clientoordelen
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
from passend.care.toekomstplannen import bewaar_toekomstplannen
from passend.care.upsert import Kolommen, voeg_in, werk_bij
from passend.care.zrm import bewaar_zrm_metingen
from passend.contracten.schrijven import schrijf_register
from passend.domain.checks import Regel
from passend.domain.money import met_teken
from passend.domain.pseudonym import pseudoniem
from passend.domain.records import (
    REGISTERRECORDS,
    ZONDER_KOP,
    AanbiederRecord,
    BevolkingRecord,
    ClientGegevens,
    ClientoordeelRecord,
    DeclaratieKop,
    Herkomst,
    Kop,
    LeveringRecord,
    LiggingRecord,
    PrestatieRecord,
    Record,
    ToekomstplanRecord,
    ToewijzingRecord,
    ZrmMetingRecord,
)
from passend.domain.uitvoeringsvariant import leid_variant_af, vulling_van
from passend.imports.reference_tables import schrijf_bevolking, schrijf_liggingen

BLOK = 500  # keys per IN (...) query, well under SQLite's parameter limit
#: Pseudonyms remembered per import (about 100 bytes each).
MAX_PSEUDONIEMEN = 100_000


@dataclass(frozen=True)
class Afwijzing:
    """Why writing refused a record that passed the checks (a duplicate, a lone credit)."""

    regel: str
    melding: str


@dataclass
class Wachtend:
    """An accepted record waiting to be written; `afwijzing` is set when writing refuses it.

    `debets`: store keys of debet prestaties its file announces (a credit may refer to one
    that comes later in the same file).
    """

    record: Record
    bericht: Any  # the caller's per-message state, handed back untouched
    afwijzing: Afwijzing | None = None
    debets: frozenset[str] = frozenset()

    def weiger(self, regel: str, melding: str) -> None:
        self.afwijzing = Afwijzing(regel, melding)


@dataclass
class _LeveringStaat:
    velden: dict[str, Any]
    pk: int | None = None
    gewijzigd: bool = False
    verwijderd: bool = False


#: The columns of a prestatie row as :meth:`Opslag._prestatie` builds it.
PRESTATIEVELDEN = (
    "sleutel",
    "declaratie",
    "client",
    "referentie",
    "vorige_referentie",
    "toewijzingnummer",
    "product",
    "categorie",
    "productcode",
    "periode_begin",
    "periode_eind",
    "volume",
    "eenheid",
    "tarief",
    "bedrag",
    "debet_credit",
)


def _blokken(sleutels: Sequence[str]) -> Iterator[Sequence[str]]:
    for begin in range(0, len(sleutels), BLOK):
        yield sleutels[begin : begin + BLOK]


def _bestaand(model: Any, sleutels: Iterable[str], *velden: str) -> dict[str, tuple]:
    """(pk, *velden) of the stored rows among `sleutels`, by key: plain SQL, since the ORM
    compiles every one of the keys of every query (a third of a round's lookups)."""
    uniek = sorted(set(sleutels))
    gevonden: dict[str, tuple] = {}
    if not uniek:
        return gevonden
    meta = model._meta
    naam = connection.ops.quote_name
    kolommen = ", ".join(
        naam(veld.column)
        for veld in (meta.get_field("sleutel"), meta.pk, *map(meta.get_field, velden))
    )
    omzetters = [_van_database(meta.get_field(v)) for v in velden]
    with connection.cursor() as cursor:
        for blok in _blokken(uniek):
            plekken = ", ".join(["%s"] * len(blok))
            cursor.execute(
                f"SELECT {kolommen} FROM {naam(meta.db_table)} WHERE {naam('sleutel')} IN "
                f"({plekken})",
                list(blok),
            )
            for sleutel, pk, *waarden in cursor.fetchall():
                gevonden[sleutel] = (pk, *(o(w) for o, w in zip(omzetters, waarden, strict=True)))
    return gevonden


def _van_database(veld: Any) -> Any:
    """How a column's database value becomes the Python value the ORM would give."""
    kolom = veld.get_col(veld.model._meta.db_table)
    # In the order the ORM's compiler applies them: the backend's, then the field's.
    vertalers = connection.ops.get_db_converters(kolom) + kolom.get_db_converters(connection)
    if not vertalers:
        return lambda waarde: waarde

    def omzet(waarde: Any) -> Any:
        for vertaler in vertalers:
            waarde = vertaler(waarde, kolom, connection)
        return waarde

    return omzet


def _moment(datum: date, tijd: Any) -> tuple[date, str]:
    return datum, tijd.isoformat() if tijd else ""


class Opslag:
    """Caches reference rows across groups and writes one group of records at a time."""

    def __init__(
        self, sleutel: bytes, taakgerichte_producten: frozenset[tuple[str, str]] = frozenset()
    ) -> None:
        self._sleutel = sleutel
        self._taakgericht = taakgerichte_producten
        self._aanbieders: dict[str, int] = {}
        self._producten: dict[tuple[str, str, str], int] = {}
        self._clienten: dict[str, tuple[int, date | None]] = {}
        self._declaraties: dict[str, int] = {}
        #: BSN -> pseudonym of the clients seen lately (a client has many records): in
        #: memory only, like the records that carry the BSN, and bounded.
        self._pseudoniemen: dict[str, str] = {}

    def vergeet_caches(self) -> None:
        """After a failed transaction the cached ids may not exist: start afresh."""
        self._aanbieders.clear()
        self._producten.clear()
        self._clienten.clear()
        self._declaraties.clear()

    # -- reference rows -------------------------------------------------------------------
    def aanbieder_id(self, agb: str) -> int:
        if agb not in self._aanbieders:
            if not self._aanbieders:  # the first lookup loads them all: one query, not one each
                self._aanbieders.update(Aanbieder.objects.values_list("agb_code", "pk"))
            if agb not in self._aanbieders:
                self._aanbieders[agb] = Aanbieder.objects.get_or_create(agb_code=agb)[0].pk
        return self._aanbieders[agb]

    def product_id(self, domein: str, categorie: str | None, code: str | None) -> int | None:
        if not categorie:
            return None
        sleutel = (domein, categorie, code or "")
        if sleutel not in self._producten:
            if not self._producten:
                rijen = Product.objects.values_list("domein", "categorie", "code", "pk")
                self._producten.update(((d, c, p), pk) for d, c, p, pk in rijen)
            if sleutel not in self._producten:
                self._producten[sleutel] = Product.objects.get_or_create(
                    domein=domein, categorie=categorie, code=code or ""
                )[0].pk
        return self._producten[sleutel]

    def _basis(self, kop: Kop) -> dict[str, Any]:
        return {
            "domein": kop.domein.value,
            "gemeente_id": kop.gemeente,
            "aanbieder_id": self.aanbieder_id(kop.aanbieder),
        }

    # -- the group --------------------------------------------------------------------------
    def schrijf(self, wachtend: Sequence[Wachtend]) -> None:
        """Write a group; duplicates found against stored data are marked, not written."""
        client_ids = self._clienten_voor([w for w in wachtend if _heeft_client(w.record)])
        soort: dict[type, list[Wachtend]] = {
            ToewijzingRecord: [],
            LeveringRecord: [],
            PrestatieRecord: [],
            BevolkingRecord: [],
            AanbiederRecord: [],
            LiggingRecord: [],
            ZrmMetingRecord: [],
            ClientoordeelRecord: [],
        }
        for w in wachtend:
            if type(w.record) in soort:
                soort[type(w.record)].append(w)
        self._toewijzingen(soort[ToewijzingRecord], client_ids)
        self._leveringen(soort[LeveringRecord], client_ids)
        self._prestaties(soort[PrestatieRecord], client_ids)
        schrijf_bevolking([w.record for w in soort[BevolkingRecord]])  # type: ignore[misc]
        self._aanbieder_namen([w.record for w in soort[AanbiederRecord]])  # type: ignore[misc]
        schrijf_liggingen([w.record for w in soort[LiggingRecord]])  # type: ignore[misc]
        self._register([w for w in wachtend if isinstance(w.record, REGISTERRECORDS)])
        self._toekomstplannen([w for w in wachtend if isinstance(w.record, ToekomstplanRecord)])
        self._zrm_metingen(soort[ZrmMetingRecord])
        self._clientoordelen(soort[ClientoordeelRecord])

    def _clientoordelen(self, wachtend: Sequence[Wachtend]) -> None:
        records: list[ClientoordeelRecord] = [w.record for w in wachtend]  # type: ignore[misc]
        bewaar_clientoordelen((self.pseudoniem(r.client.bsn), r) for r in records)

    def _zrm_metingen(self, wachtend: Sequence[Wachtend]) -> None:
        records: list[ZrmMetingRecord] = [w.record for w in wachtend]  # type: ignore[misc]
        bewaar_zrm_metingen((self.pseudoniem(r.client.bsn), r) for r in records)

    def _toekomstplannen(self, wachtend: Sequence[Wachtend]) -> None:
        records: list[ToekomstplanRecord] = [w.record for w in wachtend]  # type: ignore[misc]
        bewaar_toekomstplannen((self.pseudoniem(r.client.bsn), r) for r in records)

    def _register(self, wachtend: Sequence[Wachtend]) -> None:
        weigeringen = schrijf_register([w.record for w in wachtend], self.aanbieder_id)  # type: ignore[misc]
        for w, weigering in zip(wachtend, weigeringen, strict=True):
            if weigering is not None:
                w.weiger(*weigering)

    def _aanbieder_namen(self, records: Sequence[AanbiederRecord]) -> None:
        for r in records:
            pk = Aanbieder.objects.update_or_create(agb_code=r.agb, defaults={"naam": r.naam})[0].pk
            self._aanbieders[r.agb] = pk

    # -- clients: pseudonymise, create, record birth-date conflicts -----------------------
    def pseudoniem(self, bsn: str) -> str:
        naam = self._pseudoniemen.get(bsn)
        if naam is None:
            if len(self._pseudoniemen) >= MAX_PSEUDONIEMEN:
                self._pseudoniemen.clear()
            naam = self._pseudoniemen[bsn] = pseudoniem(bsn, self._sleutel)
        return naam

    def _clienten_voor(self, wachtend: Sequence[Wachtend]) -> dict[int, int]:
        """Client id per record (by id() of the record)."""
        eerste: dict[str, tuple[ClientGegevens, Kop, Herkomst]] = {}
        namen: dict[int, str] = {}
        gelezen: list[tuple[str, ClientGegevens, Herkomst]] = []
        for w in wachtend:
            client, kop, herkomst = _client_van(w.record)
            naam = self.pseudoniem(client.bsn)
            namen[id(w.record)] = naam
            gelezen.append((naam, client, herkomst))
            if naam not in eerste:
                eerste[naam] = (client, kop, herkomst)
        self._laad_clienten([n for n in eerste if n not in self._clienten])
        self._maak_clienten({n: v for n, v in eerste.items() if n not in self._clienten})
        self._conflicten(gelezen)
        return {rid: self._clienten[naam][0] for rid, naam in namen.items()}

    def _laad_clienten(self, namen: Sequence[str]) -> None:
        for blok in _blokken(namen):
            for naam, pk, geboren in Client.objects.filter(pseudoniem__in=blok).values_list(
                "pseudoniem", "pk", "geboortedatum"
            ):
                self._clienten[naam] = (pk, geboren)

    def _maak_clienten(self, nieuw: dict[str, tuple[ClientGegevens, Kop, Herkomst]]) -> None:
        Kolommen(Client).voeg_in(
            {
                "pseudoniem": naam,
                "geboortedatum": client.geboortedatum,
                "geboortedatum_precisie": client.datum_gebruik or "",
                "geslacht": client.geslacht or "",
                "gemeente_id": kop.gemeente,
            }
            for naam, (client, kop, _) in nieuw.items()
        )
        self._laad_clienten(list(nieuw))  # their ids, by the unique pseudonym

    def _conflicten(self, gelezen: Sequence[tuple[str, ClientGegevens, Herkomst]]) -> None:
        """Per record (pseudonym, client data, origin): a birth date the stored client lacks
        is filled in; one that differs from it is recorded as a conflict."""
        conflicten = []
        for naam, client, herkomst in gelezen:
            nieuw = client.geboortedatum
            if nieuw is None:
                continue
            pk, bekend = self._clienten[naam]
            if nieuw == bekend:
                continue
            if bekend is None:
                Client.objects.filter(pk=pk).update(
                    geboortedatum=nieuw, geboortedatum_precisie=client.datum_gebruik or ""
                )
                self._clienten[naam] = (pk, nieuw)
                continue
            conflicten.append(
                GeboortedatumConflict(
                    client_id=pk,
                    bekende_datum=bekend,
                    afwijkende_datum=nieuw,
                    bestand=herkomst.bestand[:500],
                    berichttype=herkomst.berichttype,
                    bericht_identificatie=herkomst.bericht_identificatie[:40],
                )
            )
        GeboortedatumConflict.objects.bulk_create(conflicten, ignore_conflicts=True)

    # -- toewijzingen ------------------------------------------------------------------------
    def _toewijzingen(self, wachtend: Sequence[Wachtend], client_ids: dict[int, int]) -> None:
        sleutels = [_toewijzing_sleutel(w.record) for w in wachtend]  # type: ignore[arg-type]
        bestaand = {
            s: (pk, _moment(datum, tijd))
            for s, (pk, datum, tijd) in _bestaand(
                Toewijzing, sleutels, "toewijzingsdatum", "toewijzingstijd"
            ).items()
        }
        nieuw: dict[str, dict[str, Any]] = {}
        bijwerken: dict[int, Toewijzing] = {}
        for w, s in zip(wachtend, sleutels, strict=True):
            r: ToewijzingRecord = w.record  # type: ignore[assignment]
            moment = _moment(r.toewijzingsdatum, r.toewijzingstijd)
            huidig = (
                (None, _moment(nieuw[s]["toewijzingsdatum"], nieuw[s]["toewijzingstijd"]))
                if s in nieuw
                else bestaand.get(s)
            )
            if huidig is not None and huidig[1] == moment:
                w.weiger(
                    Regel.DUPLICAAT_SLEUTEL,
                    f"Toewijzing {r.toewijzingnummer} met dezelfde toewijzingsdatum en -tijd is "
                    "al verwerkt uit een ander bericht.",
                )
                continue
            if huidig is not None and huidig[1] > moment:
                continue  # an older version arriving late: the newer one stays
            velden = {"sleutel": s, **self._toewijzing_velden(r, client_ids[id(r)])}
            if s in bestaand:
                obj = Toewijzing(pk=bestaand[s][0], **velden)
                bestaand[s] = (obj.pk, moment)
                bijwerken[obj.pk] = obj
            else:
                nieuw[s] = velden
        Kolommen(Toewijzing).voeg_in(nieuw.values())
        velden = [f.name for f in Toewijzing._meta.concrete_fields if not f.primary_key]
        Toewijzing.objects.bulk_update(bijwerken.values(), velden, batch_size=BLOK)

    def _toewijzing_velden(self, r: ToewijzingRecord, client_id: int) -> dict[str, Any]:
        k, omvang = r.kop, r.omvang
        taakgericht = (k.aanbieder, r.categorie or "") in self._taakgericht
        return {
            **self._basis(k),
            "client_id": client_id,
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
            "uitvoeringsvariant": leid_variant_af(vulling_van(r), taakgericht).value,
            "bericht_identificatie": k.identificatie,
        }

    # -- leveringen: start and stop merge into one row ------------------------------------
    def _leveringen(self, wachtend: Sequence[Wachtend], client_ids: dict[int, int]) -> None:
        sleutels = [
            _levering_sleutel(w.record, client_ids[id(w.record)])  # type: ignore[arg-type]
            for w in wachtend
        ]
        kolommen = ("heeft_start", "heeft_stop")
        staten = {
            s: _LeveringStaat({"heeft_start": start, "heeft_stop": stop}, pk)
            for s, (pk, start, stop) in _bestaand(Levering, sleutels, *kolommen).items()
        }
        for w, s in zip(wachtend, sleutels, strict=True):
            self._pas_toe(w, staten.setdefault(s, _LeveringStaat({})), client_ids)
        self._schrijf_leveringen(staten)

    def _pas_toe(self, w: Wachtend, staat: _LeveringStaat, client_ids: dict[int, int]) -> None:
        r: LeveringRecord = w.record  # type: ignore[assignment]
        vlag = "heeft_start" if r.soort == "start" else "heeft_stop"
        if r.status_aanlevering == "3":
            if staat.pk is None and not staat.gewijzigd:
                w.weiger(
                    Regel.VERWIJDERING_ZONDER_ORIGINEEL,
                    f"Deze {r.soort} van de levering (begindatum {r.begindatum:%d-%m-%Y}) moet "
                    "worden verwijderd (StatusAanlevering 3), maar is nooit ingelezen.",
                )
                return
            if r.soort == "start":
                staat.verwijderd = True
            else:
                staat.velden.update(einddatum=None, reden_beeindiging="", heeft_stop=False)
            staat.gewijzigd = True
            return
        if r.status_aanlevering == "1" and staat.velden.get(vlag) and not staat.verwijderd:
            w.weiger(
                Regel.DUPLICAAT_SLEUTEL,
                f"Deze {r.soort} van de levering (begindatum {r.begindatum:%d-%m-%Y}) is al "
                "verwerkt uit een ander bericht.",
            )
            return
        staat.verwijderd = False
        staat.gewijzigd = True
        staat.velden.update(self._levering_velden(r, client_ids[id(r)]))

    def _levering_velden(self, r: LeveringRecord, client_id: int) -> dict[str, Any]:
        velden: dict[str, Any] = {
            **self._basis(r.kop),
            "client_id": client_id,
            "toewijzingnummer": r.toewijzingnummer,
            "begindatum": r.begindatum,
        }
        if r.categorie:
            velden.update(
                product_id=self.product_id(r.kop.domein.value, r.categorie, r.productcode),
                categorie=r.categorie,
                productcode=r.productcode or "",
            )
        if r.soort == "start":
            velden["heeft_start"] = True
        else:
            velden.update(
                heeft_stop=True, einddatum=r.einddatum, reden_beeindiging=r.reden_beeindiging or ""
            )
        return velden

    @staticmethod
    def _schrijf_leveringen(staten: dict[str, _LeveringStaat]) -> None:
        weg = [st.pk for st in staten.values() if st.verwijderd and st.pk is not None]
        Levering.objects.filter(pk__in=weg).delete()
        Kolommen(Levering).voeg_in(
            {"sleutel": s, **st.velden}
            for s, st in staten.items()
            if st.pk is None and st.gewijzigd and not st.verwijderd
        )
        werk_bij(
            Levering,
            [
                (st.pk, st.velden)
                for st in staten.values()
                if st.pk is not None and st.gewijzigd and not st.verwijderd
            ],
        )

    # -- declaraties and prestaties -------------------------------------------------------
    def _declaratie_ids(self, koppen: Iterable[DeclaratieKop]) -> None:
        per_sleutel = {_declaratie_sleutel(d): d for d in koppen}
        open_ = [s for s in per_sleutel if s not in self._declaraties]
        for s, (pk,) in _bestaand(Declaratie, open_).items():
            self._declaraties[s] = pk
        nieuw = {
            s: {
                "sleutel": s,
                **self._basis(d.kop),
                "declaratienummer": d.declaratienummer,
                "periode_begin": d.periode_begin,
                "periode_eind": d.periode_eind,
                "dagtekening": d.dagtekening,
                "totaal_bedrag": met_teken(d.totaal_bedrag, d.totaal_debet_credit),
                "bericht_identificatie": d.kop.identificatie,
            }
            for s, d in per_sleutel.items()
            if s not in self._declaraties
        }
        Kolommen(Declaratie).voeg_in(nieuw.values())
        for s, (pk,) in _bestaand(Declaratie, nieuw).items():  # their ids, by the unique key
            self._declaraties[s] = pk

    def _prestaties(self, wachtend: Sequence[Wachtend], client_ids: dict[int, int]) -> None:
        # Debets first, so that a credit can refer to a debet of the same group.
        wachtend = sorted(wachtend, key=lambda w: w.record.debet_credit == "C")  # type: ignore[union-attr]
        records: list[PrestatieRecord] = [w.record for w in wachtend]  # type: ignore[misc]
        self._declaratie_ids(r.declaratie for r in records)
        sleutels = [prestatie_sleutel(r) for r in records]
        gezien = set(_bestaand(Prestatie, sleutels))
        debets = self._bestaande_debets(records)
        datum = connection.ops.adapt_datefield_value  # looked up once: a proxy per access
        nieuw = []
        for w, r, s in zip(wachtend, records, sleutels, strict=True):
            if s in gezien:
                w.weiger(
                    Regel.DUPLICAAT_SLEUTEL,
                    f"Prestatie met ProductReferentie {r.referentie} is al verwerkt.",
                )
                continue
            if r.debet_credit == "C" and not _debet_bekend(r, debets, w.debets):
                w.weiger(
                    Regel.CREDIT_ZONDER_DEBET,
                    f"Deze creditregel verwijst naar debetregel {r.vorige_referentie}, maar die "
                    "is niet eerder ingelezen en staat ook niet in hetzelfde bestand.",
                )
                continue
            gezien.add(s)
            if r.debet_credit == "D":
                debets.add(s)
            nieuw.append(self._prestatie(r, s, client_ids[id(r)], datum))
        voeg_in(Prestatie, PRESTATIEVELDEN, nieuw)

    @staticmethod
    def _bestaande_debets(records: Sequence[PrestatieRecord]) -> set[str]:
        gezocht = [vorige_sleutel(r) for r in records if r.debet_credit == "C"]
        gevonden: set[str] = set()
        for blok in _blokken(sorted(set(filter(None, gezocht)))):
            gevonden.update(
                Prestatie.objects.filter(sleutel__in=blok, debet_credit="D").values_list(
                    "sleutel", flat=True
                )
            )
        return gevonden

    def _prestatie(
        self, r: PrestatieRecord, sleutel: str, client_id: int, datum: Callable[[date], Any]
    ) -> tuple[Any, ...]:
        """The row of :data:`PRESTATIEVELDEN`, dates as the database stores them (`datum`)."""
        k = r.declaratie.kop
        return (
            sleutel,
            self._declaraties[_declaratie_sleutel(r.declaratie)],
            client_id,
            r.referentie,
            r.vorige_referentie or "",
            r.toewijzingnummer,
            self.product_id(k.domein.value, r.categorie, r.productcode),
            r.categorie,
            r.productcode,
            datum(r.periode_begin),
            datum(r.periode_eind),
            r.volume,
            r.eenheid,
            r.tarief,
            r.bedrag,
            r.debet_credit,
        )


def _heeft_client(record: Record) -> bool:
    return not isinstance(record, ZONDER_KOP)


def _client_van(record: Record) -> tuple[ClientGegevens, Kop, Herkomst]:
    kop = record.declaratie.kop if isinstance(record, PrestatieRecord) else record.kop
    return record.client, kop, record.herkomst  # type: ignore[union-attr]


def _toewijzing_sleutel(r: ToewijzingRecord) -> str:
    k = r.kop
    return f"{k.domein}|{k.gemeente}|{k.aanbieder}|{r.toewijzingnummer}"


def _levering_sleutel(r: LeveringRecord, client_id: int) -> str:
    k = r.kop
    verwijzing = (
        r.toewijzingnummer
        if r.toewijzingnummer is not None
        else f"{r.categorie}/{r.productcode or ''}"
    )
    return f"{k.domein}|{k.gemeente}|{k.aanbieder}|c{client_id}|{verwijzing}|{r.begindatum}"


def _declaratie_sleutel(d: DeclaratieKop) -> str:
    k = d.kop
    return f"{k.domein}|{k.gemeente}|{k.aanbieder}|{d.declaratienummer}"


def prestatie_sleutel(r: PrestatieRecord) -> str:
    k = r.declaratie.kop
    return f"{k.domein}|{k.gemeente}|{k.aanbieder}|{r.referentie}"


def vorige_sleutel(r: PrestatieRecord) -> str | None:
    """The store key of the prestatie that `r` refers to (its VorigReferentieNummer)."""
    if not r.vorige_referentie:
        return None
    k = r.declaratie.kop
    return f"{k.domein}|{k.gemeente}|{k.aanbieder}|{r.vorige_referentie}"


def _debet_bekend(r: PrestatieRecord, opgeslagen: set[str], aangekondigd: frozenset[str]) -> bool:
    sleutel = vorige_sleutel(r)
    return sleutel is not None and (sleutel in opgeslagen or sleutel in aangekondigd)


__all__ = [
    "Afwijzing",
    "Opslag",
    "Wachtend",
    "prestatie_sleutel",
    "vorige_sleutel",
]
