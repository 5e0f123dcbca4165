"""Browser uploads: store the files, import them in a background thread, report progress.

The thread writes its progress to :class:`~passend.web.models.ImportTaak`, so any worker
process can answer the polling request. The uploaded files (which hold BSNs and names) are
deleted as soon as the import ends, successfully or not. An import that dies with its
process (a killed worker) leaves a task that is recognised as dead (its process is gone, or
it has not moved for 15 minutes): it is marked failed and its files are deleted before the
next upload starts and when the server starts, so it blocks nothing. The same upload again
resumes it (the pipeline skips every message already in its ledger).

User file names are never stored or written to disk as given (suites name exports after the
client): the task keeps their masked names and SHA-256, the files on disk are named by
their position and masked name.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connections
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from passend.bronnen.database import klaarzetten
from passend.domain.maskering import veilige_bestandsnaam
from passend.imports.pipeline import importeer
from passend.planning.gebieden import actieve_segmentaties
from passend.procesinfo import dit_proces, leeft
from passend.web.models import ImportTaak

log = logging.getLogger(__name__)
VERLOPEN = timedelta(minutes=15)
_UPLOADMAP = re.compile(r"^.*?/uploads/[0-9a-f-]{36}/")


class ImportLooptAl(RuntimeError):
    """Another upload is still being imported."""


def toon_bestand(naam: str) -> str:
    """A stored file name without the server's upload directory."""
    return _UPLOADMAP.sub("", naam)


def _is_dood(taak: ImportTaak) -> bool:
    return not leeft(taak.proces) or taak.bijgewerkt_op < timezone.now() - VERLOPEN


def ruim_verlaten_taken_op() -> int:
    """Mark tasks whose process died as failed and delete their uploads; and delete upload
    directories no running task owns. Returns the number of tasks closed."""
    lopend = ImportTaak.objects.filter(
        status__in=[ImportTaak.Status.WACHTEN, ImportTaak.Status.BEZIG]
    )
    dood = [taak.pk for taak in lopend if _is_dood(taak)]
    ImportTaak.objects.filter(pk__in=dood).update(
        status=ImportTaak.Status.FOUT,
        fout=_(
            "De import is onderbroken (het serverproces stopte). Upload de bestanden "
            "opnieuw; wat al was verwerkt, wordt overgeslagen."
        ),
    )
    levend = {str(pk) for pk in lopend.exclude(pk__in=dood).values_list("pk", flat=True)}
    uploads = Path(settings.UPLOAD_DIR)
    if uploads.is_dir():
        for map_ in uploads.iterdir():
            if map_.name not in levend:
                shutil.rmtree(map_, ignore_errors=True)
    return len(dood)


def lopende_taak() -> ImportTaak | None:
    ruim_verlaten_taken_op()
    return (
        ImportTaak.objects.filter(status__in=[ImportTaak.Status.WACHTEN, ImportTaak.Status.BEZIG])
        .order_by("-aangemaakt_op")
        .first()
    )


def bewaar_uploads(taak: ImportTaak, bestanden: Iterable[UploadedFile]) -> list[Path]:
    """Write the uploads to a private directory of this task; returns their paths."""
    map_ = Path(settings.UPLOAD_DIR) / str(taak.pk)
    map_.mkdir(parents=True, mode=0o700)
    paden = []
    for index, bestand in enumerate(bestanden):
        veilig = veilige_bestandsnaam(Path(bestand.name or "bestand").name).weergave
        pad = map_ / f"{index:04d}-{get_valid_filename(veilig.replace('*', 'x')) or 'bestand'}"
        with pad.open("wb") as uit:
            for stuk in bestand.chunks():
                uit.write(stuk)
        pad.chmod(0o600)
        paden.append(pad)
    return paden


def nieuwe_taak(gebruiker: str, bestanden: list[UploadedFile]) -> ImportTaak:
    if lopende_taak() is not None:
        raise ImportLooptAl("Er loopt al een import; wacht tot die klaar is.")
    namen = [_beschrijving(f) for f in bestanden]
    taak = ImportTaak.objects.create(gebruiker=gebruiker, bestanden=namen, proces=dit_proces())
    paden = bewaar_uploads(taak, bestanden)
    if getattr(settings, "PASSEND_IMPORT_ACHTERGROND", True):
        threading.Thread(
            target=_in_achtergrond, args=(taak.pk, paden), name=f"import-{taak.pk}", daemon=True
        ).start()
    else:
        voer_uit(taak.pk, paden)
    return taak


def _beschrijving(bestand: UploadedFile) -> dict[str, object]:
    veilig = veilige_bestandsnaam(Path(bestand.name or "bestand").name)
    return {"naam": veilig.weergave, "sha256": veilig.sha256, "grootte": bestand.size}


def _in_achtergrond(taak_id: object, paden: list[Path]) -> None:
    try:
        voer_uit(taak_id, paden)
    finally:
        connections.close_all()


class _Voortgang:
    """Writes progress at most twice a second (and always for the last file)."""

    def __init__(self, taak_id: object) -> None:
        self.taak_id = taak_id
        self.vorige = 0.0

    def __call__(self, index: int, totaal: int, naam: str) -> None:
        nu = time.monotonic()
        if nu - self.vorige < 0.5 and index not in (1, totaal):
            return
        self.vorige = nu
        ImportTaak.objects.filter(pk=self.taak_id).update(
            status=ImportTaak.Status.BEZIG,
            verwerkt=index - 1,
            totaal=totaal,
            huidig=toon_bestand(naam)[:300],
            bijgewerkt_op=timezone.now(),
        )


def voer_uit(taak_id: object, paden: list[Path]) -> None:
    """Import the task's files; record the summary or the failure; delete the files."""
    taak = ImportTaak.objects.get(pk=taak_id)
    bezig = {"status": ImportTaak.Status.BEZIG, "proces": dit_proces()}
    ImportTaak.objects.filter(pk=taak_id).update(**bezig)
    try:
        s = importeer(paden, gebruiker=taak.gebruiker, voortgang=_Voortgang(taak_id))
        ImportTaak.objects.filter(pk=taak_id).update(huidig=_("Analysegegevens klaarzetten"))
        klaarzetten(actieve_segmentaties)
        klaar = ImportTaak.Status.KLAAR_MET_FOUTEN if s.quarantined else ImportTaak.Status.KLAAR
        ImportTaak.objects.filter(pk=taak_id).update(
            status=klaar,
            batch_id=s.batch_id,
            samenvatting=s.als_json(),
            verwerkt=s.bestanden,
            totaal=s.bestanden,
            huidig="",
        )
    except Exception as fout:  # reported on the page; details only in the (masked) log
        log.exception("Import van taak %s mislukt", taak_id)
        ImportTaak.objects.filter(pk=taak_id).update(
            status=ImportTaak.Status.FOUT, fout=type(fout).__name__
        )
    finally:
        shutil.rmtree(Path(settings.UPLOAD_DIR) / str(taak_id), ignore_errors=True)
