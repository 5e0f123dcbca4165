"""The import pipeline: sources -> reader -> checks -> store or quarantine.

Atomicity and idempotence: each input message is committed in one transaction together with
its ledger row (`VerwerktBericht`, keyed by the SHA-256 of the file). A re-run skips what the
ledger holds; an import killed halfway loses only the message in flight, which the next run
processes again. Natural-key upserts in the store make a record that arrives twice harmless.
"""

from __future__ import annotations

import hashlib
import logging
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
from passend.domain.records import (
    AanvraagRecord,
    LeveringRecord,
    PrestatieRecord,
    ToewijzingRecord,
)
from passend.imports.keys import pseudonimiseringssleutel
from passend.imports.models import ImportBatch, QuarantineRecord, VerwerktBericht
from passend.imports.sources import Bron, bronnen
from passend.imports.store import Duplicaat, Opslag
from passend.imports.tabular import TABEL_EXTENSIES, lees_tabel
from passend.istandaarden.reader import BerichtInfo, BerichtLezer, Uitkomst
from passend.reference.loader import laad_codelijsten, laad_gemeenten

log = logging.getLogger(__name__)
PRESTATIE_CHUNK = 5000


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
    for index, (bron, inhoud_hash) in enumerate(lijst, start=1):
        if voortgang:
            voortgang(index, len(lijst), bron.naam)
        verwerker.bron(bron, inhoud_hash)
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


class _Verwerker:
    """Processes sources one by one for a batch."""

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

    def bron(self, bron: Bron, inhoud_hash: str) -> None:
        if inhoud_hash in self._verwerkt:
            self.s.overgeslagen += 1
            return
        self._verwerkt.add(inhoud_hash)
        with transaction.atomic():
            if bron.extensie == ".xml":
                info, geaccepteerd, quarantaine = self._bericht(bron)
            elif bron.extensie in TABEL_EXTENSIES:
                info, geaccepteerd, quarantaine = self._tabel(bron)
            else:
                self.s.niet_verwerkt.append(bron.naam)
                info, geaccepteerd, quarantaine = BerichtInfo(bron.naam, "GEEN-GEGEVENS"), 0, 0
            self._boekhouding(inhoud_hash, info, geaccepteerd, quarantaine)

    def _boekhouding(
        self, inhoud_hash: str, info: BerichtInfo, geaccepteerd: int, quarantaine: int
    ) -> None:
        VerwerktBericht.objects.create(
            inhoud_hash=inhoud_hash,
            batch=self.batch,
            bestand=info.bestand[:1000],
            berichttype=info.berichttype or "ONBEKEND",
            domein=info.domein,
            afzender=info.afzender[:8],
            ontvanger=info.ontvanger[:8],
            bericht_identificatie=info.identificatie[:40],
            geaccepteerd=geaccepteerd,
            quarantaine=quarantaine,
            retourcodes=info.retourcodes,
        )
        telling = self.s.telling(info.berichttype)
        telling.berichten += 1
        telling.accepted += geaccepteerd
        telling.quarantined += quarantaine
        self.s.berichten += 1
        self.s.accepted += geaccepteerd
        self.s.quarantined += quarantaine

    # -- one XML message --------------------------------------------------------------------
    def _bericht(self, bron: Bron) -> tuple[BerichtInfo, int, int]:
        with bron.open() as stream:
            lezer = BerichtLezer(bron.naam, stream)
            teller = _BerichtTeller(self, lezer.info)
            for uitkomst in lezer:
                teller.verwerk(uitkomst)
            teller.afronden()
        return lezer.info, teller.geaccepteerd, teller.quarantaine

    def _tabel(self, bron: Bron) -> tuple[BerichtInfo, int, int]:
        with bron.open() as stream:
            lezing = lees_tabel(bron.naam, stream)
            if lezing.referentie is not None:
                return lezing.info, lezing.referentie(), 0
            teller = _BerichtTeller(self, lezing.info)
            for uitkomst in lezing.uitkomsten:
                teller.verwerk(uitkomst)
            teller.afronden()
        if lezing.genegeerde_kolommen:
            self.s.niet_verwerkt.append(
                f"{bron.naam}: kolommen genegeerd: {', '.join(lezing.genegeerde_kolommen)}"
            )
        return lezing.info, teller.geaccepteerd, teller.quarantaine

    def quarantaine(
        self,
        info: BerichtInfo,
        pad: str,
        regel: str,
        reden: str,
        fragment: str = "",
        sleutel: str = "",
    ) -> None:
        if sleutel in self._open_sleutels:
            QuarantineRecord.objects.filter(
                sleutel=sleutel, status=QuarantineRecord.Status.OPEN
            ).update(status=QuarantineRecord.Status.VERVANGEN, opgelost_op=timezone.now())
        if sleutel:
            self._open_sleutels.add(sleutel[:300])
        QuarantineRecord.objects.create(
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

    def markeer_opgelost(self, sleutel: str) -> None:
        if sleutel[:300] not in self._open_sleutels:
            return
        self._open_sleutels.discard(sleutel[:300])
        QuarantineRecord.objects.filter(
            sleutel=sleutel[:300], status=QuarantineRecord.Status.OPEN
        ).update(status=QuarantineRecord.Status.OPGELOST, opgelost_op=timezone.now())


class _BerichtTeller:
    """Routes the outcomes of one message to the store or the quarantine."""

    def __init__(self, verwerker: _Verwerker, info: BerichtInfo) -> None:
        self.v = verwerker
        self.info = info
        self.geaccepteerd = 0
        self.quarantaine = 0
        self._gezien: set[tuple[object, ...]] = set()
        self._dubbel_bericht: str | None = None
        self._correctie = False
        self._prestaties: list[tuple[PrestatieRecord, Uitkomst]] = []
        self._som = 0
        self._totaal: int | None = None

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
        # values()[:1] keeps the query on the composite index (first() would order by pk).
        eerder = next(
            iter(
                VerwerktBericht.objects.filter(
                    berichttype=self.info.berichttype,
                    afzender=self.info.afzender,
                    bericht_identificatie=self.info.identificatie,
                ).values("bestand", "quarantaine", "batch_id")[:1]
            ),
            None,
        )
        if eerder is None:
            return ""
        if eerder["quarantaine"] > 0 and eerder["batch_id"] != self.v.batch.pk:
            self._correctie = True  # a corrected version of a partly rejected message
            return ""
        return (
            f"Er is al een ander {self.info.berichttype}-bericht met BerichtIdentificatie "
            f"'{self.info.identificatie}' van afzender {self.info.afzender} verwerkt "
            f"(uit {eerder['bestand']}). Dit bericht is daarom niet verwerkt."
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
        self._opslaan(u)

    def _opslaan(self, u: Uitkomst) -> None:
        record = u.record
        if isinstance(record, PrestatieRecord):
            self._prestaties.append((record, u))
            if len(self._prestaties) >= PRESTATIE_CHUNK:
                self._prestaties_wegschrijven()
            return
        duplicaat: Duplicaat | None = None
        if isinstance(record, ToewijzingRecord):
            duplicaat = self.v.opslag.toewijzing(record)
        elif isinstance(record, LeveringRecord):
            duplicaat = self.v.opslag.levering(record)
        elif isinstance(record, AanvraagRecord):
            self.v.opslag.client_id(record.client, record.kop.gemeente, record.herkomst)
        self._na_opslag(u, duplicaat)

    def _na_opslag(self, u: Uitkomst, duplicaat: Duplicaat | None) -> None:
        if duplicaat is not None and not self._correctie:
            self._quarantaine(u, Regel.DUPLICAAT_SLEUTEL, duplicaat.melding)
            return
        self.geaccepteerd += 1
        self.v.markeer_opgelost(_quarantaine_sleutel(self.info, u))

    def _prestaties_wegschrijven(self) -> None:
        per_declaratie: dict[int, list[tuple[PrestatieRecord, Uitkomst]]] = {}
        for record, u in self._prestaties:
            declaratie_id = self.v.opslag.declaratie_id(record.declaratie)
            per_declaratie.setdefault(declaratie_id, []).append((record, u))
            if self._totaal is None:
                self._totaal = met_teken(
                    record.declaratie.totaal_bedrag, record.declaratie.totaal_debet_credit
                )  # type: ignore[arg-type]
        for declaratie_id, paren in per_declaratie.items():
            duplicaten = self.v.opslag.prestaties(declaratie_id, [r for r, _ in paren])
            for index, (record, u) in enumerate(paren):
                self._na_opslag(u, duplicaten.get(index))
                if index not in duplicaten or self._correctie:
                    self._som += met_teken(record.bedrag, record.debet_credit)  # type: ignore[arg-type]
        self._prestaties = []

    def _afkeuren(self, u: Uitkomst, bevindingen: list[Bevinding]) -> None:
        eerste = bevindingen[0]
        reden = " ".join(b.melding for b in bevindingen)
        self._quarantaine(u, eerste.regel, reden, pad=f"{u.pad}/{eerste.element}")

    def _quarantaine(self, u: Uitkomst, regel: str, reden: str, pad: str | None = None) -> None:
        self.quarantaine += 1
        self.v.quarantaine(
            self.info,
            pad if pad is not None else u.pad,
            regel,
            reden,
            fragment=u.fragment(),
            sleutel=_quarantaine_sleutel(self.info, u),
        )

    def afronden(self) -> None:
        self._prestaties_wegschrijven()
        if self._totaal is not None and self.info.soort == "323" and self.quarantaine == 0:
            for bevinding in controleer_totaal(self._totaal, self._som):
                self.quarantaine += 1
                self.v.quarantaine(
                    self.info,
                    "/Bericht/Declaratie/TotaalIngediendBedrag",
                    bevinding.regel,
                    bevinding.melding,
                )
        if self.info.is_bericht_zonder_records:
            self.geaccepteerd += 1  # a retour message is one accepted (recognised) message


def _quarantaine_sleutel(info: BerichtInfo, u: Uitkomst) -> str:
    """Identifies a quarantined record so that a corrected re-import can close it."""
    return f"{info.berichttype}|{info.afzender}|{info.identificatie}|{u.pad}"
