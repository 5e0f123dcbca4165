"""The import pipeline: sources -> reader -> checks -> store or quarantine.

Atomicity and idempotence: messages are committed in groups, each group in one transaction
together with the ledger rows of its messages (`VerwerktBericht`, keyed by the SHA-256 of the
file). A message is never split over two transactions. A re-run skips what the ledger holds;
an import killed halfway loses only the group in flight, which the next run processes again.
Natural-key upserts in the store make a record that arrives twice harmless.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from passend.domain.checks import (
    Bevinding,
    Context,
    Regel,
    controleer,
    controleer_totaal,
    logische_sleutel,
)
from passend.domain.money import met_teken
from passend.domain.records import PrestatieRecord
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht
from passend.imports.sources import Bron, bronnen
from passend.imports.store import Opslag, Wachtend
from passend.imports.tabular import TABEL_EXTENSIES, lees_tabel
from passend.istandaarden.reader import BerichtInfo, BerichtLezer, Uitkomst
from passend.reference.loader import laad_codelijsten, laad_gemeenten

#: Records held in memory before they are written (inside the open transaction).
RECORDS_PER_SCHRIJFRONDE = 5000
#: Messages per transaction; a larger group means fewer commits, a longer redo after a kill.
BERICHTEN_PER_TRANSACTIE = int(os.environ.get("PASSEND_IMPORT_BERICHTEN_PER_TRANSACTIE", "500"))


@dataclass
class TypeTelling:
    berichten: int = 0
    accepted: int = 0
    quarantined: int = 0


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
            "by_type": {t: vars(c) for t, c in sorted(self.by_type.items())},
            "bestanden": self.bestanden,
            "berichten": self.berichten,
            "overgeslagen": self.overgeslagen,
            "al_geimporteerd": self.al_geimporteerd,
            "niet_verwerkt": self.niet_verwerkt,
        }


Voortgang = Callable[[int, int, str], None]


def importeer(
    paden: Sequence[Path], *, gebruiker: str = "", voortgang: Voortgang | None = None
) -> ImportSamenvatting:
    """Import every message below `paden` (files, directories, zip archives)."""
    lijst = [(bron, bron.inhoud_hash()) for bron in bronnen(paden)]
    invoer_hash = _invoer_hash([h for _, h in lijst])
    batch, al_klaar = _batch(paden, invoer_hash, gebruiker, len(lijst))
    samenvatting = ImportSamenvatting(batch_id=batch.pk, bestanden=len(lijst))
    if al_klaar:
        samenvatting.al_geimporteerd = True
        samenvatting.overgeslagen = batch.aantal_berichten
        return samenvatting
    verwerker = _Verwerker(batch, samenvatting, [h for _, h in lijst])
    try:
        verwerker.verwerk_alles(lijst, voortgang)
    except BaseException:
        verwerker.opslag.vergeet_caches()
        raise
    _afronden(batch, samenvatting)
    return samenvatting


def _invoer_hash(hashes: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for inhoud_hash in hashes:
        digest.update(inhoud_hash.encode())
    return digest.hexdigest()


def _al_verwerkt(hashes: Sequence[str], blok: int = 500) -> set[str]:
    """The hashes already in the ledger, asked in blocks to stay under SQL parameter limits."""
    gevonden: set[str] = set()
    for begin in range(0, len(hashes), blok):
        gevonden.update(
            VerwerktBericht.objects.filter(
                inhoud_hash__in=hashes[begin : begin + blok]
            ).values_list("inhoud_hash", flat=True)
        )
    return gevonden


def _batch(
    paden: Sequence[Path], invoer_hash: str, gebruiker: str, aantal: int
) -> tuple[ImportBatch, bool]:
    eerder = ImportBatch.objects.filter(inhoud_hash=invoer_hash).order_by("-gestart_op").first()
    if eerder is not None:
        return eerder, eerder.status == ImportBatch.Status.VOLTOOID
    batch = ImportBatch.objects.create(
        bron=", ".join(str(p) for p in paden)[:1000],
        inhoud_hash=invoer_hash,
        gebruiker=gebruiker,
        aantal_bestanden=aantal,
    )
    return batch, False


def _afronden(batch: ImportBatch, s: ImportSamenvatting) -> None:
    totaal = batch.berichten.all()
    batch.aantal_berichten = totaal.count()
    batch.geaccepteerd = sum(totaal.values_list("geaccepteerd", flat=True))
    batch.quarantaine = batch.quarantaine_records.count()
    batch.overgeslagen = s.overgeslagen
    batch.per_type = {t: vars(c) for t, c in sorted(s.by_type.items())}
    batch.status = ImportBatch.Status.VOLTOOID
    batch.voltooid_op = timezone.now()
    batch.save()


@dataclass
class _BerichtStaat:
    """Per message: what the ledger row will say once its records are written."""

    info: BerichtInfo
    inhoud_hash: str
    correctie: bool = False
    geaccepteerd: int = 0
    quarantaine: int = 0
    totaal: int | None = None
    som: int = 0


@dataclass
class _Lopend:
    staat: _BerichtStaat
    qsleutel: str
    pad: str


class _Verwerker:
    """Processes sources in groups, one transaction per group."""

    def __init__(
        self, batch: ImportBatch, samenvatting: ImportSamenvatting, hashes: Sequence[str]
    ) -> None:
        self.batch = batch
        self.s = samenvatting
        self.opslag = Opslag(pseudonimiseringssleutel())
        self.ctx = Context(laad_codelijsten(), frozenset(g.code for g in laad_gemeenten()))
        # Looked up once, so that per message only its own records cost queries.
        self._verwerkt = _al_verwerkt(hashes)
        self._open_sleutels = set(
            QuarantineRecord.objects.filter(status=QuarantineRecord.Status.OPEN)
            .exclude(sleutel="")
            .values_list("sleutel", flat=True)
        )
        self._wachtend: list[Wachtend] = []
        self._meldingen: list[QuarantineRecord] = []
        self._berichten: list[_BerichtStaat] = []
        self._opgelost: set[str] = set()
        self._in_groep: dict[tuple[str, str, str], _BerichtStaat] = {}

    def verwerk_alles(self, lijst: Sequence[tuple[Bron, str]], voortgang: Voortgang | None) -> None:
        index = 0
        while index < len(lijst):
            with transaction.atomic():
                index = self._groep(lijst, index, voortgang)

    def _groep(
        self, lijst: Sequence[tuple[Bron, str]], index: int, voortgang: Voortgang | None
    ) -> int:
        einde = min(index + BERICHTEN_PER_TRANSACTIE, len(lijst))
        for positie in range(index, einde):
            bron, inhoud_hash = lijst[positie]
            if voortgang:
                voortgang(positie + 1, len(lijst), bron.naam)
            self.bron(bron, inhoud_hash)
        self.schrijf_wachtend()
        self._sluit_groep()
        return einde

    def bron(self, bron: Bron, inhoud_hash: str) -> None:
        if inhoud_hash in self._verwerkt:
            self.s.overgeslagen += 1
            return
        self._verwerkt.add(inhoud_hash)
        if bron.extensie == ".xml":
            self._bericht(bron, inhoud_hash)
        elif bron.extensie in TABEL_EXTENSIES:
            self._tabel(bron, inhoud_hash)
        else:
            self.s.niet_verwerkt.append(bron.naam)
            self._berichten.append(
                _BerichtStaat(BerichtInfo(bron.naam, "GEEN-GEGEVENS"), inhoud_hash)
            )

    # -- reading --------------------------------------------------------------------------
    def _bericht(self, bron: Bron, inhoud_hash: str) -> None:
        with bron.open() as stream:
            lezer = BerichtLezer(bron.naam, stream)
            teller = _BerichtTeller(self, _BerichtStaat(lezer.info, inhoud_hash))
            for uitkomst in lezer:
                teller.verwerk(uitkomst)
        self._bericht_klaar(teller.staat)

    def _tabel(self, bron: Bron, inhoud_hash: str) -> None:
        with bron.open() as stream:
            lezing = lees_tabel(bron.naam, stream)
            staat = _BerichtStaat(lezing.info, inhoud_hash)
            if lezing.referentie is not None:
                staat.geaccepteerd = lezing.referentie()
            else:
                teller = _BerichtTeller(self, staat)
                for uitkomst in lezing.uitkomsten:
                    teller.verwerk(uitkomst)
        if lezing.genegeerde_kolommen:
            self.s.niet_verwerkt.append(
                f"{bron.naam}: kolommen genegeerd: {', '.join(lezing.genegeerde_kolommen)}"
            )
        self._bericht_klaar(staat)

    def _bericht_klaar(self, staat: _BerichtStaat) -> None:
        info = staat.info
        if info.is_bericht_zonder_records:
            staat.geaccepteerd += 1  # a retour message is one accepted (recognised) message
        self._berichten.append(staat)
        if info.identificatie:
            self._in_groep[(info.berichttype, info.afzender, info.identificatie)] = staat

    def eerder_bericht(self, info: BerichtInfo) -> tuple[str, int, bool] | None:
        """(file, quarantined, same run) of an earlier message with this identification."""
        sleutel = (info.berichttype, info.afzender, info.identificatie)
        if sleutel in self._in_groep:
            eerder = self._in_groep[sleutel]
            return eerder.info.bestand, eerder.quarantaine, True
        # values()[:1] keeps the query on the composite index (first() would order by pk).
        rij = next(
            iter(
                VerwerktBericht.objects.filter(
                    berichttype=info.berichttype,
                    afzender=info.afzender,
                    bericht_identificatie=info.identificatie,
                ).values_list("bestand", "quarantaine", "batch_id")[:1]
            ),
            None,
        )
        return None if rij is None else (rij[0], rij[1], rij[2] == self.batch.pk)

    # -- writing ----------------------------------------------------------------------------
    def wacht(self, wachtend: Wachtend) -> None:
        self._wachtend.append(wachtend)
        if len(self._wachtend) >= RECORDS_PER_SCHRIJFRONDE:
            self.schrijf_wachtend()

    def schrijf_wachtend(self) -> None:
        if not self._wachtend:
            return
        self.opslag.schrijf(self._wachtend)
        for w in self._wachtend:
            lopend: _Lopend = w.bericht
            staat = lopend.staat
            if w.duplicaat is not None and not staat.correctie:
                self.melding(
                    staat, lopend.pad, Regel.DUPLICAAT_SLEUTEL, w.duplicaat, "", lopend.qsleutel
                )
                continue
            staat.geaccepteerd += 1
            self._opgelost.add(lopend.qsleutel[:300])
            if isinstance(w.record, PrestatieRecord):
                staat.som += met_teken(w.record.bedrag, w.record.debet_credit)  # type: ignore[arg-type]
        self._wachtend = []

    def melding(
        self,
        staat: _BerichtStaat,
        pad: str,
        regel: str,
        reden: str,
        fragment: str = "",
        sleutel: str = "",
    ) -> None:
        staat.quarantaine += 1
        info = staat.info
        self._meldingen.append(
            QuarantineRecord(
                batch=self.batch,
                bestand=info.bestand[:1000],
                berichttype=info.berichttype,
                bericht_identificatie=info.identificatie[:40],
                element_pad=pad[:500],
                regel=regel,
                reden=reden,
                fragment=fragment,
                sleutel=sleutel[:300],
            )
        )

    def _sluit_groep(self) -> None:
        for staat in self._berichten:
            self._controleer_totaal(staat)
        self._quarantaine_wegschrijven()
        VerwerktBericht.objects.bulk_create(
            [self._grootboekregel(st) for st in self._berichten], batch_size=500
        )
        for staat in self._berichten:
            self._tel(staat)
        self._berichten, self._in_groep = [], {}

    def _controleer_totaal(self, staat: _BerichtStaat) -> None:
        if staat.totaal is None or staat.quarantaine:
            return
        for bevinding in controleer_totaal(staat.totaal, staat.som):
            self.melding(
                staat,
                "/Bericht/Declaratie/TotaalIngediendBedrag",
                bevinding.regel,
                bevinding.melding,
            )

    def _quarantaine_wegschrijven(self) -> None:
        nieuw = {m.sleutel for m in self._meldingen if m.sleutel}
        nu = timezone.now()
        vervangen = sorted(nieuw & self._open_sleutels)
        opgelost = sorted((self._opgelost & self._open_sleutels) - nieuw)
        for sleutels, status in (
            (vervangen, QuarantineRecord.Status.VERVANGEN),
            (opgelost, QuarantineRecord.Status.OPGELOST),
        ):
            for begin in range(0, len(sleutels), 500):
                QuarantineRecord.objects.filter(
                    sleutel__in=sleutels[begin : begin + 500], status=QuarantineRecord.Status.OPEN
                ).update(status=status, opgelost_op=nu)
        self._open_sleutels = (self._open_sleutels - set(opgelost)) | nieuw
        QuarantineRecord.objects.bulk_create(self._meldingen, batch_size=500)
        self._meldingen, self._opgelost = [], set()

    def _grootboekregel(self, staat: _BerichtStaat) -> VerwerktBericht:
        info = staat.info
        return VerwerktBericht(
            inhoud_hash=staat.inhoud_hash,
            batch=self.batch,
            bestand=info.bestand[:1000],
            berichttype=info.berichttype or "ONBEKEND",
            domein=info.domein,
            afzender=info.afzender[:8],
            ontvanger=info.ontvanger[:8],
            bericht_identificatie=info.identificatie[:40],
            geaccepteerd=staat.geaccepteerd,
            quarantaine=staat.quarantaine,
            retourcodes=info.retourcodes,
        )

    def _tel(self, staat: _BerichtStaat) -> None:
        telling = self.s.telling(staat.info.berichttype)
        telling.berichten += 1
        telling.accepted += staat.geaccepteerd
        telling.quarantined += staat.quarantaine
        self.s.berichten += 1
        self.s.accepted += staat.geaccepteerd
        self.s.quarantined += staat.quarantaine


class _BerichtTeller:
    """Routes the outcomes of one message to the write queue or the quarantine."""

    def __init__(self, verwerker: _Verwerker, staat: _BerichtStaat) -> None:
        self.v = verwerker
        self.staat = staat
        self.info = staat.info
        self._gezien: set[tuple[object, ...]] = set()
        self._dubbel_bericht: str | None = None

    def verwerk(self, u: Uitkomst) -> None:
        if self._dubbel_bericht is None:
            self._dubbel_bericht = self._controleer_dubbel_bericht()
        if self._dubbel_bericht:
            self._quarantaine(u, Regel.DUPLICAAT_BERICHT, self._dubbel_bericht)
        elif u.record is None:
            eerste = u.problemen[0]
            reden = " ".join(p.melding for p in u.problemen[:5])
            self._quarantaine(u, eerste.regel, reden, pad=eerste.pad or u.pad)
        else:
            self._record(u)

    def _controleer_dubbel_bericht(self) -> str:
        if not self.info.identificatie:
            return ""
        eerder = self.v.eerder_bericht(self.info)
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
        bevindingen = controleer(record, self.v.ctx)
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
        if isinstance(record, PrestatieRecord) and self.staat.totaal is None:
            decl = record.declaratie
            self.staat.totaal = met_teken(decl.totaal_bedrag, decl.totaal_debet_credit)  # type: ignore[arg-type]
        self.v.wacht(
            Wachtend(record, _Lopend(self.staat, _quarantaine_sleutel(self.info, u), u.pad))
        )

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
    return f"{info.berichttype}|{info.afzender}|{info.identificatie}|{u.pad}"
