"""The import pipeline: sources -> reader -> checks -> store or quarantine.

Every source ends as accepted records or quarantine records with a Dutch reason; nothing a
file contains can stop the run. A failure while handling one message (a bug, or a database
error caused by its content) quarantines that message and the run goes on.

Writing happens in short rounds (`_Schrijfronde`), each one transaction: the pending
records, their quarantine rows, and the ledger rows (`VerwerktBericht`, keyed by the SHA-256
of the file) of the messages finished since the last round. Reading and checking happen
outside any transaction, so the database write lock is held only for the writes of one round
(a few thousand records), never for the minute a huge message takes to read; the web stays
usable during an import. A message larger than one round is written over several rounds;
its ledger row says `voltooid = False` until its last record is in. If the import is killed
in between, the next run sees that row, removes the message's own quarantine rows, and reads
the message again from the start: records already stored are recognised as its own (not as
duplicates), so the end state equals that of an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from passend.care.antwoorden import bewaar_antwoorden
from passend.care.upsert import Kolommen
from passend.domain.checks import (
    Bevinding,
    Regel,
    controleer,
    controleer_antwoord,
    logische_sleutel,
)
from passend.domain.maskering import VeiligeNaam, veilige_bestandsnaam
from passend.domain.money import met_teken
from passend.domain.records import Declaratieantwoord, PrestatieRecord
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht
from passend.imports.sources import ZIPFOUTEN, Bron, lees_begrensd
from passend.imports.store import Opslag, Wachtend
from passend.imports.tabeldelen import (
    Deelitem,
    Delen,
    Tabeldeel,
    aantal_delen,
    met_delen,
    plan_delen,
    samengevoegd,
)
from passend.imports.tabular import TABEL_EXTENSIES, lees_tabel
from passend.imports.vooruit import (
    Voorbereid,
    als_pad,
    in_delen,
    voor_werker,
    voorbereide_bronnen,
)
from passend.imports.werkers import (
    MAX_BESTAND,
    MIN_BESTANDEN,
    Gelezen,
    Taak,
    Werkerpool,
    in_volgorde,
    later_fragment,
    lees_bericht,
    lees_tabeldeel_hier,
    neem_over,
    standaard_aantal,
)
from passend.istandaarden.reader import BerichtLezer
from passend.istandaarden.uitkomst import BerichtInfo, Uitkomst
from passend.opruimen import GC_DREMPELS as GC_DREMPELS  # the import's thresholds
from passend.opruimen import zeldzamer_opruimen as _zeldzamer_opruimen
from passend.procesinfo import dit_proces, leeft
from passend.reference.loader import controlecontext

log = logging.getLogger(__name__)

#: Records held in memory before a round is written.
RECORDS_PER_SCHRIJFRONDE = int(os.environ.get("PASSEND_IMPORT_RECORDS_PER_RONDE", "5000"))
#: Finished messages per round at most; a larger number means fewer commits.
BERICHTEN_PER_TRANSACTIE = int(os.environ.get("PASSEND_IMPORT_BERICHTEN_PER_TRANSACTIE", "500"))
#: A round is written at least this often (seconds), so others wait briefly for the database.
SECONDEN_PER_SCHRIJFRONDE = float(os.environ.get("PASSEND_IMPORT_SECONDEN_PER_RONDE", "0.5"))
#: SQLite: pages of write-ahead log between checkpoints while importing (64 MiB).
WAL_PAGINAS = 16_384
#: SQLite's page cache while importing, in KiB (its default is 2,000): the unique keys of a
#: region's prestaties and ledger are inserted in random order, and with the default cache
#: nearly every insert fetched its index page from the operating system again (on the
#: `groot` region the import's system time fell from 20-30 s to 15 s; the `normaal` one's
#: peak memory grew by 4 MB).
CACHE_KB = 131_072
#: A batch 'bezig' without a round for this long belongs to a dead process.
VERLATEN_NA = timedelta(minutes=15)


@dataclass
class TypeTelling:
    berichten: int = 0
    accepted: int = 0
    quarantined: int = 0
    #: Declarations (JW323/WMO323 messages, or declaratienummers in a table): wholly
    #: accepted, partly, or wholly quarantined.
    declaraties: dict[str, int] = field(default_factory=dict)

    def als_json(self) -> dict[str, object]:
        uit: dict[str, object] = {
            "berichten": self.berichten,
            "accepted": self.accepted,
            "quarantined": self.quarantined,
        }
        if self.declaraties:
            uit["declaraties"] = dict(sorted(self.declaraties.items()))
        return uit


@dataclass
class ImportSamenvatting:
    batch_id: int
    bestanden: int = 0
    berichten: int = 0
    overgeslagen: int = 0
    accepted: int = 0
    quarantined: int = 0
    al_geimporteerd: bool = False
    by_type: dict[str, TypeTelling] = field(default_factory=dict)
    niet_verwerkt: list[str] = field(default_factory=list)

    def telling(self, berichttype: str) -> TypeTelling:
        return self.by_type.setdefault(berichttype or "ONBEKEND", TypeTelling())

    def als_json(self) -> dict[str, object]:
        return {
            "batch": self.batch_id,
            "accepted": self.accepted,
            "quarantined": self.quarantined,
            "by_type": {t: c.als_json() for t, c in sorted(self.by_type.items())},
            "bestanden": self.bestanden,
            "berichten": self.berichten,
            "overgeslagen": self.overgeslagen,
            "al_geimporteerd": self.al_geimporteerd,
            "niet_verwerkt": self.niet_verwerkt,
        }


Voortgang = Callable[[int, int, str], None]


def importeer(
    paden: Sequence[Path],
    *,
    gebruiker: str = "",
    voortgang: Voortgang | None = None,
    werkers: int | None = None,
    pool: Werkerpool | None = None,
    voorbereid: Voorbereid | None = None,
) -> ImportSamenvatting:
    """Import every message below `paden` (files, directories, zip archives).

    `werkers` processes read the XML messages ahead of this one (default: one per core, see
    `imports.werkers`); 0 reads everything in this process. The command line starts the
    workers and lists and hashes the sources before it sets Django up
    (`werkers.vooraf_gestarte_werkers`, `vooruit.voorbereide_bronnen`, within whose block
    this is called): it passes them as `pool` and `voorbereid`.
    """
    with (
        _zeldzamer_opruimen(),
        _minder_checkpoints(),
        pool or Werkerpool(standaard_aantal(werkers)) as pool,
        nullcontext(voorbereid)
        if voorbereid is not None
        else voorbereide_bronnen(paden, pool) as klaar,
    ):
        lijst, volgorde = klaar.lijst, klaar.volgorde
        invoer_hash = _invoer_hash([h for _, h in lijst])
        sluit_verlaten_batches(behalve=invoer_hash)
        batch, al_klaar = _batch(paden, invoer_hash, gebruiker, len(lijst))
        samenvatting = ImportSamenvatting(batch_id=batch.pk, bestanden=len(lijst))
        if al_klaar:
            samenvatting.al_geimporteerd = True
            samenvatting.overgeslagen = batch.aantal_berichten
            return samenvatting
        verwerker = _Verwerker(batch, samenvatting, [h for _, h in lijst], pool)
        try:
            verwerker.verwerk_alles(sorted(lijst, key=lambda paar: volgorde(paar[0])), voortgang)
        except BaseException:
            verwerker.opslag.vergeet_caches()
            raise
    _afronden(batch, samenvatting)
    return samenvatting


@contextmanager
def _minder_checkpoints() -> Iterator[None]:
    """SQLite: copy the write-ahead log into the database every :data:`WAL_PAGINAS` pages
    while this connection imports, instead of every 1000 (SQLite's default), and keep
    :data:`CACHE_KB` of pages in memory.

    Each copy (a checkpoint) writes every page changed since the last one, and the rounds of
    an import change the same index pages round after round: on the `normaal` demo the
    commits took 0.7 s with the default and 0.5 s with this, the last copy included. The
    log still holds only committed rounds, so a killed import loses nothing it committed.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        (eerder,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size")
        (cache_eerder,) = cursor.fetchone()
        cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGINAS:d}")
        cursor.execute(f"PRAGMA cache_size = {-CACHE_KB:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(eerder):d}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_eerder):d}")


def _invoer_hash(hashes: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for inhoud_hash in hashes:
        digest.update(inhoud_hash.encode())
    return digest.hexdigest()


def sluit_verlaten_batches(behalve: str = "") -> int:
    """Mark batches left 'bezig' by a dead process as 'afgebroken'; returns how many.

    A batch with the same input as the one starting (`behalve`) is resumed instead.
    """
    grens = timezone.now() - VERLATEN_NA
    verlaten = [
        b.pk
        for b in ImportBatch.objects.filter(status=ImportBatch.Status.BEZIG).exclude(
            inhoud_hash=behalve
        )
        if not leeft(b.proces) or (b.laatst_actief or b.gestart_op) < grens
    ]
    ImportBatch.objects.filter(pk__in=verlaten).update(
        status=ImportBatch.Status.AFGEBROKEN, voltooid_op=timezone.now()
    )
    return len(verlaten)


def _al_verwerkt(hashes: Sequence[str], blok: int = 500) -> tuple[set[str], dict[str, int]]:
    """Hashes of finished messages, and the ledger row of each unfinished one."""
    klaar: set[str] = set()
    deels: dict[str, int] = {}
    for begin in range(0, len(hashes), blok):
        rijen = VerwerktBericht.objects.filter(
            inhoud_hash__in=hashes[begin : begin + blok]
        ).values_list("inhoud_hash", "voltooid", "pk")
        for inhoud_hash, voltooid, pk in rijen:
            if voltooid:
                klaar.add(inhoud_hash)
            else:
                deels[inhoud_hash] = pk
    return klaar, deels


def _batch(
    paden: Sequence[Path], invoer_hash: str, gebruiker: str, aantal: int
) -> tuple[ImportBatch, bool]:
    eerder = (
        ImportBatch.objects.filter(inhoud_hash=invoer_hash)
        .exclude(status=ImportBatch.Status.AFGEBROKEN)
        .order_by("-gestart_op")
        .first()
    )
    if eerder is not None:
        if eerder.status != ImportBatch.Status.VOLTOOID:
            ImportBatch.objects.filter(pk=eerder.pk).update(
                proces=dit_proces(), laatst_actief=timezone.now()
            )
        return eerder, eerder.status == ImportBatch.Status.VOLTOOID
    batch = ImportBatch.objects.create(
        bron=", ".join(veilige_bestandsnaam(str(p)).weergave for p in paden)[:1000],
        inhoud_hash=invoer_hash,
        gebruiker=gebruiker,
        aantal_bestanden=aantal,
        proces=dit_proces(),
        laatst_actief=timezone.now(),
    )
    return batch, False


def _afronden(batch: ImportBatch, s: ImportSamenvatting) -> None:
    totaal = batch.berichten.filter(voltooid=True).aggregate(n=Count("pk"), som=Sum("geaccepteerd"))
    batch.aantal_berichten = totaal["n"]
    batch.geaccepteerd = totaal["som"] or 0
    batch.quarantaine = batch.quarantaine_records.count()
    batch.overgeslagen = s.overgeslagen
    batch.per_type = {t: c.als_json() for t, c in sorted(s.by_type.items())}
    batch.status = ImportBatch.Status.VOLTOOID
    batch.voltooid_op = timezone.now()
    batch.save()


@dataclass
class _BerichtStaat:
    """Per message: what the ledger row will say once its records are written."""

    info: BerichtInfo
    inhoud_hash: str
    bestand_sha256: str
    correctie: bool = False
    geaccepteerd: int = 0
    quarantaine: int = 0
    totaal: int | None = None
    som: int = 0
    #: Ledger row of an unfinished earlier attempt, or of an earlier round of this one.
    ledger_pk: int | None = None
    hervat: bool = False
    klaar: bool = False
    debets: frozenset[str] = frozenset()
    #: Per declaration: [accepted, quarantined] records.
    declaraties: dict[str, list[int]] = field(default_factory=dict)
    #: The declaratieantwoord of a wholly accepted 325, written with the ledger row.
    antwoord: Declaratieantwoord | None = None

    def stand(self) -> tuple[int, int, int, dict[str, list[int]]]:
        return (
            self.geaccepteerd,
            self.quarantaine,
            self.som,
            {k: list(v) for k, v in self.declaraties.items()},
        )

    def herstel(self, stand: tuple[int, int, int, dict[str, list[int]]]) -> None:
        self.geaccepteerd, self.quarantaine, self.som, self.declaraties = stand

    def tel_declaratie(self, groep: str, geaccepteerd: bool) -> None:
        if self.info.soort != "323" and groep == "":
            return
        teller = self.declaraties.setdefault(groep, [0, 0])
        teller[0 if geaccepteerd else 1] += 1


@dataclass
class _Lopend:
    staat: _BerichtStaat
    qsleutel: str
    pad: str
    groep: str = ""


class _Grootboeksleutels:
    """The identification (type, afzender, BerichtIdentificatie) of every message in the
    ledger, as 8-byte digests: a message whose digest is absent cannot be a duplicate, so it
    costs no query (only a hit is looked up). Loaded once per import; this run's messages
    are added as their ledger rows are written (`voeg_toe`), and after every write round the
    rows other runs wrote since are read (`bij`)."""

    def __init__(self) -> None:
        self._digests: set[bytes] = set()
        self._tot = 0
        self.bij()

    @staticmethod
    def _digest(berichttype: str, afzender: str, identificatie: str) -> bytes:
        tekst = f"{berichttype}\x1f{afzender}\x1f{identificatie}".encode()
        return hashlib.blake2b(tekst, digest_size=8).digest()

    def voeg_toe(self, rij: Mapping[str, object]) -> None:
        """A ledger row of this run (`_grootboekwaarden`), before its round commits: a row
        that is not committed after all costs one query, never a missed duplicate."""
        if identificatie := str(rij["bericht_identificatie"]):
            self._digests.add(
                self._digest(str(rij["berichttype"]), str(rij["afzender"]), identificatie)
            )

    def bij(self, behalve_batch: int = 0) -> None:
        """Read the rows written since the last call, but those of `behalve_batch` (ids
        start at 1): reading this run's own rows back was a fifth of the ledger's cost on
        PostgreSQL (490,000 rows of the `groot` demo), and `voeg_toe` has them already."""
        # Plain SQL: the ORM's rows cost more than the query.
        meta = VerwerktBericht._meta
        naam = connection.ops.quote_name
        tabel, id_ = naam(meta.db_table), naam("id")
        kolommen = ", ".join(
            naam(meta.get_field(v).column)
            for v in ("berichttype", "afzender", "bericht_identificatie")
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max({id_}) FROM {tabel}")
            (hoogste,) = cursor.fetchone()
            if hoogste is None or hoogste <= self._tot:
                return
            cursor.execute(
                f"SELECT {kolommen} FROM {tabel} WHERE {id_} > %s AND {id_} <= %s "
                f"AND {naam('bericht_identificatie')} <> '' AND {naam('batch_id')} <> %s",
                [self._tot, hoogste, behalve_batch],
            )
            while rijen := cursor.fetchmany(20_000):
                for berichttype, afzender, identificatie in rijen:
                    self._digests.add(self._digest(berichttype, afzender, identificatie))
        self._tot = hoogste

    def misschien(self, berichttype: str, afzender: str, identificatie: str) -> bool:
        return self._digest(berichttype, afzender, identificatie) in self._digests


class _Verwerker:
    """Reads sources one by one (or takes what `werkers` processes read of them, in the same
    order) and writes them in short rounds."""

    def __init__(
        self,
        batch: ImportBatch,
        samenvatting: ImportSamenvatting,
        hashes: Sequence[str],
        pool: Werkerpool | None = None,
    ) -> None:
        self.batch = batch
        self.s = samenvatting
        self.opslag = Opslag(pseudonimiseringssleutel())
        self.ctx = controlecontext()
        # Looked up once, so that per message only its own records cost queries.
        self._verwerkt, self._deels = _al_verwerkt(hashes)
        self._open_sleutels = set(
            QuarantineRecord.objects.filter(status=QuarantineRecord.Status.OPEN)
            .exclude(sleutel="")
            .values_list("sleutel", flat=True)
        )
        self._wachtend: list[Wachtend] = []
        self._meldingen: list[QuarantineRecord] = []
        self._berichten: list[_BerichtStaat] = []
        self._lopend: _BerichtStaat | None = None
        self._opgelost: set[str] = set()
        self._in_groep: dict[tuple[str, str, str], _BerichtStaat] = {}
        self._grootboek = _Grootboeksleutels()
        self._laatste_ronde = time.monotonic()
        self.pool = pool

    # -- the run ----------------------------------------------------------------------------
    def verwerk_alles(self, lijst: Sequence[tuple[Bron, str]], voortgang: Voortgang | None) -> None:
        """Handle the sources in the order given (`vooruit.Volgorde`)."""
        for positie, ((bron, inhoud_hash), gelezen) in enumerate(self._gelezen(lijst), start=1):
            if voortgang:
                voortgang(positie, len(lijst), _veilig(bron, gelezen).weergave)
            self.bron(bron, inhoud_hash, gelezen)
            if self._ronde_nodig(len(self._berichten) >= BERICHTEN_PER_TRANSACTIE):
                self.schrijf()
        self.schrijf()

    def _gelezen(
        self, lijst: Sequence[tuple[Bron, str]]
    ) -> Iterator[tuple[tuple[Bron, str], Gelezen | Delen | None]]:
        """The sources in order, with what a worker process read of them (or None); a large
        table as its parts (`tabeldelen`), each read by a worker."""
        pool = self.pool
        if pool is None or pool.aantal < 1 or sum(map(self._taken, lijst)) < MIN_BESTANDEN:
            return ((paar, None) for paar in lijst)
        verstuurd: set[str] = set()

        def delen(paar: tuple[Bron, str]) -> list[Tabeldeel] | None:
            bron, inhoud_hash = paar
            if not in_delen(bron) or inhoud_hash in self._verwerkt or inhoud_hash in verstuurd:
                return None
            verstuurd.add(inhoud_hash)
            return plan_delen(bron.naam)

        def taak(item: tuple[Bron, str] | Deelitem[tuple[Bron, str]]) -> Taak | None:
            if isinstance(item, Deelitem):
                return item.item[0].naam, item.deel
            bron, inhoud_hash = item
            if not self._voor_werker(item) or inhoud_hash in verstuurd:
                return None  # read here, or skipped here as a copy of an earlier file
            verstuurd.add(inhoud_hash)
            if "!" not in bron.naam:
                return als_pad(bron)  # the worker reads it; the same task as read ahead
            inhoud = _inhoud(bron)
            return None if inhoud is None else (bron.naam, inhoud)

        items = met_delen((paar, delen(paar)) for paar in lijst)
        return samengevoegd(in_volgorde(items, taak, pool))  # type: ignore[return-value]

    def _voor_werker(self, paar: tuple[Bron, str]) -> bool:
        bron, inhoud_hash = paar
        return voor_werker(bron) and inhoud_hash not in self._verwerkt

    def _taken(self, paar: tuple[Bron, str]) -> int:
        """About how many worker tasks a source makes (to decide whether workers pay)."""
        if self._voor_werker(paar):
            return 1
        bron, inhoud_hash = paar
        if in_delen(bron) and inhoud_hash not in self._verwerkt:
            return aantal_delen(bron.grootte)
        return 0

    def _ronde_nodig(self, vol: bool = False) -> bool:
        if vol or len(self._wachtend) >= RECORDS_PER_SCHRIJFRONDE:
            return True
        iets = self._wachtend or self._berichten or self._meldingen
        return bool(iets) and time.monotonic() - self._laatste_ronde >= SECONDEN_PER_SCHRIJFRONDE

    def bron(self, bron: Bron, inhoud_hash: str, gelezen: Gelezen | Delen | None = None) -> None:
        if inhoud_hash in self._verwerkt:
            self.s.overgeslagen += 1
            return
        self._verwerkt.add(inhoud_hash)
        veilig = _veilig(bron, gelezen)
        staat = _BerichtStaat(BerichtInfo(veilig.weergave), inhoud_hash, veilig.sha256)
        self._hervat(staat)
        self._lopend = staat
        try:
            self._lees(bron, staat, gelezen)
        except Exception:  # one message must never stop the run: it is quarantined instead
            log.exception("Interne fout bij het verwerken van een bericht (%s)", staat.info.bestand)
            self._mislukt(staat)
        self._lopend = None
        self._bericht_klaar(staat)

    def _hervat(self, staat: _BerichtStaat) -> None:
        """A message partly written by an interrupted run is read again from the start."""
        pk = self._deels.pop(staat.inhoud_hash, None)
        if pk is None:
            return
        staat.ledger_pk, staat.hervat = pk, True
        QuarantineRecord.objects.filter(inhoud_hash=staat.inhoud_hash).delete()

    def _lees(self, bron: Bron, staat: _BerichtStaat, gelezen: Gelezen | Delen | None) -> None:
        if bron.fout is not None:
            zip_ = "!" in bron.naam or bron.extensie == ".zip"
            staat.info.berichttype = "ONLEESBAAR"
            self.melding(staat, "", Regel.ZIP if zip_ else Regel.BESTAND, bron.fout)
        elif isinstance(gelezen, Delen):
            self._tabeldelen(bron, staat, gelezen)
        elif bron.extensie == ".xml":
            if gelezen is None and bron.grootte <= MAX_BESTAND:
                gelezen = _lees_hier(bron)
            if gelezen is not None and not gelezen.mislukt:
                self._gelezen_verwerken(bron, staat, gelezen)
            else:
                self._bericht(bron, staat)  # streaming: a large file, or reading failed
        elif bron.extensie in TABEL_EXTENSIES:
            self._tabel(bron, staat, gelezen)
        else:
            self._onbekend_type(bron, staat)

    def _onbekend_type(self, bron: Bron, staat: _BerichtStaat) -> None:
        extensie = bron.extensie if bron.extensie.isascii() and len(bron.extensie) <= 6 else ""
        soort = f"'{extensie}'-bestanden" if extensie else "Bestanden zonder bekende extensie"
        melding = (
            f"{soort} worden niet ingelezen. Lever iJw/iWmo-berichten aan als .xml, of tabellen "
            "volgens het importsjabloon als .csv of .xlsx (losse bestanden of in een .zip)."
        )
        staat.info.berichttype = "ONBEKEND-BESTAND"
        self.melding(staat, "", Regel.BESTANDSTYPE, melding)
        self.s.niet_verwerkt.append(staat.info.bestand)

    def _mislukt(self, staat: _BerichtStaat) -> None:
        # Records of this message not yet written are dropped; findings already made stay.
        self._wachtend = [w for w in self._wachtend if w.bericht.staat is not staat]
        staat.info.berichttype = staat.info.berichttype or "ONBEKEND"
        melding = (
            "Dit bericht kon door een interne fout niet (helemaal) worden verwerkt. Records die "
            "al waren opgeslagen blijven staan; de rest is niet verwerkt. Meld dit bij de "
            "beheerder van Passend (de fout staat in het logboek)."
        )
        self.melding(staat, "", Regel.VERWERKING, melding)

    # -- reading --------------------------------------------------------------------------
    def _bericht(self, bron: Bron, staat: _BerichtStaat) -> None:
        with bron.open() as stream:
            lezer = BerichtLezer(staat.info.bestand, stream)
            lezer.info = staat.info
            teller = _BerichtTeller(self, staat)
            for uitkomst in lezer:
                teller.verwerk(uitkomst)

    def _gelezen_verwerken(
        self,
        bron: Bron,
        staat: _BerichtStaat,
        gelezen: Gelezen,
        teller: _BerichtTeller | None = None,
        herlezer: _Herlezer | None = None,
    ) -> None:
        """A message or table a worker read: its outcomes go the way `_bericht` and `_tabel`
        send them. The parts of one table share their `teller` and `herlezer`."""
        herlezer = herlezer or _Herlezer(bron, staat.info.bestand)
        teller = teller or _BerichtTeller(self, staat)
        for stap in gelezen.stappen:
            if isinstance(stap, BerichtInfo):
                neem_over(staat.info, stap)
                continue
            if stap.fragment is later_fragment:
                stap.fragment = herlezer.fragment(stap.pad)
            teller.verwerk(stap)
        if gelezen.info is not None:
            neem_over(staat.info, gelezen.info)

    def _tabeldelen(self, bron: Bron, staat: _BerichtStaat, delen: Delen) -> None:
        """A large table read in parts: each part as a table a worker read, in order, as
        one message (a part no worker could read is read here)."""
        herlezer, teller = _Herlezer(bron, staat.info.bestand), _BerichtTeller(self, staat)
        genegeerd: list[str] | None = None
        for deel, gelezen in delen:
            if not isinstance(gelezen, Gelezen) or gelezen.mislukt:
                gelezen = lees_tabeldeel_hier(staat.info.bestand, deel)
            self._gelezen_verwerken(bron, staat, gelezen, teller, herlezer)
            if genegeerd is None:
                genegeerd = gelezen.genegeerde_kolommen
        self._genegeerd(staat, genegeerd or [])

    def _tabel(self, bron: Bron, staat: _BerichtStaat, gelezen: Gelezen | None = None) -> None:
        if gelezen is not None and not gelezen.mislukt:
            staat.debets = gelezen.debets
            self._gelezen_verwerken(bron, staat, gelezen)
            genegeerd = gelezen.genegeerde_kolommen
        else:
            lezing = lees_tabel(staat.info.bestand, bron.open)
            staat.info, staat.debets = lezing.info, lezing.debets
            teller = _BerichtTeller(self, staat)
            for uitkomst in lezing.uitkomsten:
                teller.verwerk(uitkomst)
            genegeerd = lezing.genegeerde_kolommen
        self._genegeerd(staat, genegeerd)

    def _genegeerd(self, staat: _BerichtStaat, genegeerd: list[str]) -> None:
        if genegeerd:
            self.s.niet_verwerkt.append(
                f"{staat.info.bestand}: kolommen genegeerd: "
                f"{', '.join(k[:40] for k in genegeerd[:20])}"
            )

    def _bericht_klaar(self, staat: _BerichtStaat) -> None:
        info = staat.info
        if info.antwoord is not None and not staat.quarantaine:
            self._antwoord_klaar(staat, info.antwoord)
        if info.is_bericht_zonder_records:
            staat.geaccepteerd += 1  # a retour message is one accepted (recognised) message
        staat.klaar = True
        self._berichten.append(staat)
        if info.identificatie:
            self._in_groep[(info.berichttype, info.afzender, info.identificatie)] = staat

    def _antwoord_klaar(self, staat: _BerichtStaat, antwoord: Declaratieantwoord) -> None:
        if bevindingen := controleer_antwoord(antwoord, self.ctx):
            eerste = bevindingen[0]
            pad = f"/Bericht/DeclaratieAntwoord/{eerste.element}"
            if eerste.element == "Afzender":
                pad = "/Bericht/Header/Afzender"
            self.melding(staat, pad, eerste.regel, eerste.melding)
        else:
            staat.antwoord = antwoord

    def eerder_bericht(self, staat: _BerichtStaat) -> tuple[str, int, bool] | None:
        """(file, quarantined, same run) of an earlier message with this identification."""
        info = staat.info
        sleutel = (info.berichttype, info.afzender, info.identificatie)
        if sleutel in self._in_groep:
            eerder = self._in_groep[sleutel]
            return eerder.info.bestand, eerder.quarantaine, True
        if not self._grootboek.misschien(*sleutel):
            return None  # no message in the ledger has this identification: no query
        # values()[:1] keeps the query on the composite index (first() would order by pk).
        rij = next(
            iter(
                VerwerktBericht.objects.filter(
                    berichttype=info.berichttype,
                    afzender=info.afzender,
                    bericht_identificatie=info.identificatie,
                )
                .exclude(inhoud_hash=staat.inhoud_hash)
                .values_list("bestand", "quarantaine", "batch_id")[:1]
            ),
            None,
        )
        return None if rij is None else (rij[0], rij[1], rij[2] == self.batch.pk)

    # -- findings -------------------------------------------------------------------------
    def wacht(self, wachtend: Wachtend) -> None:
        self._wachtend.append(wachtend)
        if self._ronde_nodig():
            self.schrijf()

    def melding(
        self,
        staat: _BerichtStaat,
        pad: str,
        regel: str,
        reden: str,
        fragment: str = "",
        sleutel: str = "",
        groep: str = "",
    ) -> None:
        staat.quarantaine += 1
        staat.tel_declaratie(groep, geaccepteerd=False)
        info = staat.info
        self._meldingen.append(
            QuarantineRecord(
                batch=self.batch,
                bestand=info.bestand[:1000],
                bestand_sha256=staat.bestand_sha256,
                inhoud_hash=staat.inhoud_hash,
                berichttype=info.berichttype[:30],
                bericht_identificatie=info.identificatie[:40],
                element_pad=pad[:500],
                regel=regel,
                reden=reden,
                fragment=fragment,
                sleutel=sleutel[:300],
            )
        )

    # -- writing ----------------------------------------------------------------------------
    def schrijf(self) -> None:
        """Write one round; on a database error, each message again on its own."""
        if not (self._wachtend or self._berichten or self._meldingen):
            return
        ronde = _Schrijfronde(self, self._wachtend, self._meldingen, self._berichten)
        self._wachtend, self._meldingen, self._berichten = [], [], []
        if not ronde.probeer():
            self.opslag.vergeet_caches()
            for deel in ronde.per_bericht():
                if not deel.probeer():
                    self.opslag.vergeet_caches()
                    deel.zonder_records().schrijf_of_faal()
        self._in_groep = {}
        self._grootboek.bij(behalve_batch=self.batch.pk)
        self._laatste_ronde = time.monotonic()

    def tel(self, staat: _BerichtStaat) -> None:
        telling = self.s.telling(staat.info.berichttype)
        telling.berichten += 1
        telling.accepted += staat.geaccepteerd
        telling.quarantined += staat.quarantaine
        for geaccepteerd, quarantaine in staat.declaraties.values():
            soort = "deels" if geaccepteerd and quarantaine else "quarantaine"
            soort = "geaccepteerd" if not quarantaine else soort
            telling.declaraties[soort] = telling.declaraties.get(soort, 0) + 1
            telling.declaraties["totaal"] = telling.declaraties.get("totaal", 0) + 1
        self.s.berichten += 1
        self.s.accepted += staat.geaccepteerd
        self.s.quarantined += staat.quarantaine

    def quarantaine_wegschrijven(
        self, meldingen: list[QuarantineRecord], opgelost_nu: set[str]
    ) -> None:
        nieuw = {m.sleutel for m in meldingen if m.sleutel}
        nu = timezone.now()
        vervangen = sorted(nieuw & self._open_sleutels)
        opgelost = sorted((opgelost_nu & self._open_sleutels) - nieuw)
        for sleutels, status in (
            (vervangen, QuarantineRecord.Status.VERVANGEN),
            (opgelost, QuarantineRecord.Status.OPGELOST),
        ):
            for begin in range(0, len(sleutels), 500):
                QuarantineRecord.objects.filter(
                    sleutel__in=sleutels[begin : begin + 500], status=QuarantineRecord.Status.OPEN
                ).update(status=status, opgelost_op=nu)
        QuarantineRecord.objects.bulk_create(meldingen, batch_size=500)

    def na_ronde(self, meldingen: list[QuarantineRecord], opgelost_nu: set[str]) -> None:
        nieuw = {m.sleutel for m in meldingen if m.sleutel}
        self._open_sleutels = (self._open_sleutels - opgelost_nu) | nieuw


class _Schrijfronde:
    """One transaction: pending records, quarantine rows and ledger rows.

    The counters of the messages involved are restored when the transaction fails, so a
    retry starts from the same state.
    """

    def __init__(
        self,
        v: _Verwerker,
        wachtend: list[Wachtend],
        meldingen: list[QuarantineRecord],
        klaar: list[_BerichtStaat],
    ) -> None:
        self.v = v
        self.wachtend = wachtend
        self.meldingen = list(meldingen)
        self.klaar = klaar
        self.staten = self._staten()

    def _staten(self) -> list[_BerichtStaat]:
        gezien: dict[int, _BerichtStaat] = {id(s): s for s in self.klaar}
        for w in self.wachtend:
            gezien.setdefault(id(w.bericht.staat), w.bericht.staat)
        lopend = self.v._lopend
        if lopend is not None:
            gezien.setdefault(id(lopend), lopend)
        return list(gezien.values())

    def probeer(self) -> bool:
        standen = {id(s): s.stand() for s in self.staten}
        ledgers = {id(s): s.ledger_pk for s in self.staten}
        basis_meldingen = list(self.meldingen)
        try:
            with transaction.atomic():
                self._schrijf()
        except Exception:  # a database error, or a value the store cannot take
            log.exception(
                "Schrijfronde mislukt; de berichten worden afzonderlijk opnieuw geprobeerd"
            )
            for s in self.staten:
                s.herstel(standen[id(s)])
                s.ledger_pk = ledgers[id(s)]
            for w in self.wachtend:
                w.afwijzing = None
            self.meldingen = basis_meldingen
            return False
        return True

    def schrijf_of_faal(self) -> None:
        with transaction.atomic():
            self._schrijf()

    def per_bericht(self) -> list[_Schrijfronde]:
        delen = []
        for staat in self.staten:
            eigen = [w for w in self.wachtend if w.bericht.staat is staat]
            meldingen = [m for m in self.meldingen if m.inhoud_hash == staat.inhoud_hash]
            klaar = [staat] if staat in self.klaar else []
            deel = _Schrijfronde(self.v, eigen, meldingen, klaar)
            deel.staten = [staat]
            delen.append(deel)
        return delen

    def zonder_records(self) -> _Schrijfronde:
        """This round without its records, which are quarantined as not processable."""
        (staat,) = self.staten
        if staat.antwoord is not None:
            staat.antwoord = None
            self.v.melding(
                staat,
                "/Bericht/DeclaratieAntwoord",
                Regel.VERWERKING,
                "Dit antwoord kon door een fout bij het opslaan niet worden verwerkt. Meld dit "
                "bij de beheerder van Passend.",
            )
        for w in self.wachtend:
            self.v.melding(
                staat,
                w.bericht.pad,
                Regel.VERWERKING,
                "Dit record kon door een fout bij het opslaan niet worden verwerkt. Meld dit bij "
                "de beheerder van Passend.",
                sleutel=w.bericht.qsleutel,
                groep=w.bericht.groep,
            )
        extra, self.v._meldingen = self.v._meldingen, []
        deel = _Schrijfronde(self.v, [], [*self.meldingen, *extra], self.klaar)
        deel.staten = [staat]
        return deel

    def _schrijf(self) -> None:
        opgelost: set[str] = set()
        if self.wachtend:
            self.v.opslag.schrijf(self.wachtend)
        for w in self.wachtend:
            self._verwerk_geschreven(w, opgelost)
        antwoorden = []
        for staat in self.klaar:
            self._controleer_totaal(staat)
            if (antwoord := staat.antwoord) is not None:
                antwoorden.append((antwoord, self.v.opslag.aanbieder_id(antwoord.kop.aanbieder)))
        bewaar_antwoorden(antwoorden)
        self.v.quarantaine_wegschrijven(self.meldingen, opgelost)
        self._grootboek()
        ImportBatch.objects.filter(pk=self.v.batch.pk).update(laatst_actief=timezone.now())
        self.v.na_ronde(self.meldingen, opgelost)
        for staat in self.klaar:
            self.v.tel(staat)

    def _verwerk_geschreven(self, w: Wachtend, opgelost: set[str]) -> None:
        lopend: _Lopend = w.bericht
        staat = lopend.staat
        afwijzing = w.afwijzing
        eigen_eerdere = staat.hervat and afwijzing and afwijzing.regel == Regel.DUPLICAAT_SLEUTEL
        if afwijzing is not None and not eigen_eerdere and not staat.correctie:
            staat.quarantaine += 1
            staat.tel_declaratie(lopend.groep, geaccepteerd=False)
            self.meldingen.append(
                _melding(self.v.batch, staat, lopend, afwijzing.regel, afwijzing.melding)
            )
            return
        staat.geaccepteerd += 1
        staat.tel_declaratie(lopend.groep, geaccepteerd=True)
        opgelost.add(lopend.qsleutel[:300])
        if isinstance(w.record, PrestatieRecord):
            staat.som += met_teken(w.record.bedrag, w.record.debet_credit)

    def _controleer_totaal(self, staat: _BerichtStaat) -> None:
        if staat.totaal is None or staat.quarantaine or staat.totaal == staat.som:
            return
        melding = (
            f"Het totaal ingediende bedrag ({staat.totaal} cent) is niet gelijk aan de som van "
            f"de prestaties ({staat.som} cent)."
        )
        staat.quarantaine += 1
        staat.tel_declaratie("", geaccepteerd=False)
        self.meldingen.append(
            _melding(
                self.v.batch,
                staat,
                _Lopend(staat, "", "/Bericht/Declaratie/TotaalIngediendBedrag"),
                Regel.TOTAAL,
                melding,
            )
        )

    def _grootboek(self) -> None:
        nieuw, bij = [], []
        for staat in self.staten:
            if not staat.klaar and not staat.geaccepteerd and not staat.quarantaine:
                continue  # nothing of the message in progress is written yet
            waarden = _grootboekwaarden(self.v.batch, staat)
            self.v._grootboek.voeg_toe(waarden)
            if staat.ledger_pk is None:
                nieuw.append((staat, waarden))
            else:
                bij.append(VerwerktBericht(pk=staat.ledger_pk, **waarden))
        velden = [f.name for f in VerwerktBericht._meta.concrete_fields if not f.primary_key]
        velden.remove("verwerkt_op")
        VerwerktBericht.objects.bulk_update(bij, velden, batch_size=500)
        # A finished message needs no id back: a plain INSERT (most of them). One still in
        # progress keeps its row's id to complete it in a later round.
        nu = timezone.now()
        Kolommen(VerwerktBericht).voeg_in({**w, "verwerkt_op": nu} for s, w in nieuw if s.klaar)
        lopend = [(s, VerwerktBericht(**w)) for s, w in nieuw if not s.klaar]
        gemaakt = VerwerktBericht.objects.bulk_create([r for _, r in lopend], batch_size=500)
        for (staat, _), rij in zip(lopend, gemaakt, strict=True):
            staat.ledger_pk = (
                rij.pk or VerwerktBericht.objects.get(inhoud_hash=staat.inhoud_hash).pk
            )


def _veilig(bron: Bron, gelezen: Gelezen | Delen | None) -> VeiligeNaam:
    """The source's stored name: as a worker made it, else made here."""
    if isinstance(gelezen, Gelezen) and gelezen.veilig is not None:
        return gelezen.veilig
    return bron.veilig


def _lees_hier(bron: Bron) -> Gelezen | None:
    """A message no worker read, read here the way a worker reads it."""
    inhoud = _inhoud(bron)
    return None if inhoud is None else lees_bericht(bron.veilig.weergave, inhoud)


def _inhoud(bron: Bron) -> bytes | None:
    """A small source's content (a byte past MAX_BESTAND shows it grew: `lees_bericht` then
    leaves it to the streaming reader), or None when it cannot be read now: the streaming
    reader reads it, where the failure becomes a finding."""
    try:
        with bron.open() as stream:
            return lees_begrensd(stream, MAX_BESTAND)
    except ZIPFOUTEN:
        return None


class _Herlezer:
    """Fragments of the records of a message (or table) a worker read, made by reading it
    again here: once per file, and only when one of its records is quarantined after all."""

    def __init__(self, bron: Bron, bestand: str) -> None:
        self._bron = bron
        self._bestand = bestand
        self._fragmenten: dict[str, str] | None = None

    def fragment(self, pad: str) -> Callable[[], str]:
        return lambda: self._alle().get(pad, "")

    def _alle(self) -> dict[str, str]:
        if self._fragmenten is None:
            self._fragmenten = {}
            for uitkomst in self._uitkomsten():
                if uitkomst.record is not None:
                    self._fragmenten[uitkomst.pad] = uitkomst.fragment()
        return self._fragmenten

    def _uitkomsten(self) -> Iterator[Uitkomst]:
        if self._bron.extensie in TABEL_EXTENSIES:
            yield from lees_tabel(self._bestand, self._bron.open).uitkomsten
            return
        with self._bron.open() as stream:
            yield from BerichtLezer(self._bestand, stream)


def _melding(
    batch: ImportBatch, staat: _BerichtStaat, lopend: _Lopend, regel: str, reden: str
) -> QuarantineRecord:
    info = staat.info
    return QuarantineRecord(
        batch=batch,
        bestand=info.bestand[:1000],
        bestand_sha256=staat.bestand_sha256,
        inhoud_hash=staat.inhoud_hash,
        berichttype=info.berichttype[:30],
        bericht_identificatie=info.identificatie[:40],
        element_pad=lopend.pad[:500],
        regel=regel,
        reden=reden,
        sleutel=lopend.qsleutel[:300],
    )


def _grootboekwaarden(batch: ImportBatch, staat: _BerichtStaat) -> dict[str, object]:
    info = staat.info
    return {
        "inhoud_hash": staat.inhoud_hash,
        "batch_id": batch.pk,
        "bestand": info.bestand[:1000],
        "bestand_sha256": staat.bestand_sha256,
        "voltooid": staat.klaar,
        "berichttype": (info.berichttype or "ONBEKEND")[:30],
        "domein": info.domein[:5],
        "afzender": info.afzender[:8],
        "ontvanger": info.ontvanger[:8],
        "bericht_identificatie": info.identificatie[:40],
        "geaccepteerd": staat.geaccepteerd,
        "quarantaine": staat.quarantaine,
        "retourcodes": info.retourcodes,
    }


class _BerichtTeller:
    """Routes the outcomes of one message to the write queue or the quarantine."""

    def __init__(self, verwerker: _Verwerker, staat: _BerichtStaat) -> None:
        self.v = verwerker
        self.staat = staat
        self.info = staat.info
        self._gezien: set[tuple[object, ...]] = set()
        self._dubbel_bericht: str | None = None

    def verwerk(self, u: Uitkomst) -> None:
        if u.record is None and u.problemen and u.problemen[0].regel == Regel.XML:
            self._quarantaine(u, Regel.XML, u.problemen[0].melding)  # damaged beats duplicate
            return
        if self._dubbel_bericht is None:
            self._dubbel_bericht = self._controleer_dubbel_bericht()
        if self._dubbel_bericht:
            self._quarantaine(u, Regel.DUPLICAAT_BERICHT, self._dubbel_bericht)
        elif u.record is None:
            self._probleem(u)
        else:
            self._record(u)

    def _probleem(self, u: Uitkomst) -> None:
        if not u.problemen:  # a reader must always say why; never index an empty list
            self._quarantaine(u, Regel.ONVOLLEDIG, "Het record kon niet worden gelezen.")
            return
        eerste = u.problemen[0]
        reden = " ".join(p.melding for p in u.problemen[:5])
        self._quarantaine(u, eerste.regel, reden, pad=eerste.pad or u.pad)

    def _controleer_dubbel_bericht(self) -> str:
        if not self.info.identificatie:
            return ""
        eerder = self.v.eerder_bericht(self.staat)
        if eerder is None:
            return ""
        bestand, quarantaine, zelfde_run = eerder
        if quarantaine > 0 and not zelfde_run:
            self.staat.correctie = True  # a corrected version of a partly rejected message
            return ""
        return (
            f"Er is al een ander {self.info.berichttype}-bericht met BerichtIdentificatie "
            f"'{self.info.identificatie}' van afzender {self.info.afzender} verwerkt "
            f"(uit {bestand}). Dit bericht is daarom niet verwerkt."
        )

    def _record(self, u: Uitkomst) -> None:
        record = u.record
        assert record is not None
        bevindingen = u.bevindingen if u.bevindingen is not None else controleer(record, self.v.ctx)
        if bevindingen:
            self._afkeuren(u, bevindingen)
            return
        sleutel = logische_sleutel(record)
        if sleutel is not None and sleutel in self._gezien:
            self._quarantaine(
                u,
                Regel.DUPLICAAT_SLEUTEL,
                "Dit record komt twee keer voor in hetzelfde bericht "
                "(zelfde logische sleutel); de tweede keer is niet verwerkt.",
            )
            return
        if sleutel is not None:
            self._gezien.add(sleutel)
        if isinstance(record, PrestatieRecord) and self.staat.totaal is None and not u.groep:
            decl = record.declaratie
            self.staat.totaal = met_teken(decl.totaal_bedrag, decl.totaal_debet_credit)
        lopend = _Lopend(self.staat, _quarantaine_sleutel(self.info, u), u.pad, u.groep)
        self.v.wacht(Wachtend(record, lopend, debets=self.staat.debets))

    def _afkeuren(self, u: Uitkomst, bevindingen: list[Bevinding]) -> None:
        eerste = bevindingen[0]
        reden = " ".join(b.melding for b in bevindingen)
        self._quarantaine(u, eerste.regel, reden, pad=_element_pad(u.pad, eerste.element))

    def _quarantaine(self, u: Uitkomst, regel: str, reden: str, pad: str | None = None) -> None:
        self.v.melding(
            self.staat,
            pad if pad is not None else u.pad,
            regel,
            reden,
            u.fragment(),
            _quarantaine_sleutel(self.info, u),
            u.groep,
        )


def _element_pad(record_pad: str, element: str) -> str:
    """Where a finding sits: the BSN belongs to the Client, the gemeente to the Header."""
    if not record_pad.startswith("/Bericht/"):
        return f"{record_pad}/{element}"  # a table row
    delen = record_pad.split("/")
    if element == "Bsn" and "Client" in delen:
        return "/".join(delen[: delen.index("Client") + 1]) + "/Bsn"
    if element == "Gemeente":
        return "/Bericht/Header"
    return f"{record_pad}/{element}"


def _quarantaine_sleutel(info: BerichtInfo, u: Uitkomst) -> str:
    """Identifies a quarantined record so that a corrected re-import can close it."""
    if info.berichttype.startswith("CSV-"):
        return f"{info.berichttype}|{info.bestand}|{u.pad}"
    return f"{info.berichttype}|{info.afzender}|{info.identificatie}|{u.pad}"
