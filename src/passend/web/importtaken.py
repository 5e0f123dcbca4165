"""Browser uploads: store the files, import them in a background thread, report progress.

The thread writes its progress to :class:`~passend.web.models.ImportTaak`, so any worker
process can answer the polling request. The uploaded files (which hold BSNs and names) are
deleted as soon as the import ends, successfully or not. An import that dies with its
process leaves a task that stops being updated; the same upload again resumes it (the
pipeline skips every message already in its ledger).
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

from passend.imports.pipeline import importeer
from passend.web.models import ImportTaak

log = logging.getLogger(__name__)
VERLOPEN = timedelta(minutes=15)
_UPLOADMAP = re.compile(r"^.*?/uploads/[0-9a-f-]{36}/")


class ImportLooptAl(RuntimeError):
    """Another upload is still being imported."""


def toon_bestand(naam: str) -> str:
    """A stored file name without the server's upload directory."""
    return _UPLOADMAP.sub("", naam)


def lopende_taak() -> ImportTaak | None:
    grens = timezone.now() - VERLOPEN
    return (
        ImportTaak.objects.filter(
            status__in=[ImportTaak.Status.WACHTEN, ImportTaak.Status.BEZIG],
            bijgewerkt_op__gte=grens,
        )
        .order_by("-aangemaakt_op")
        .first()
    )


def bewaar_uploads(taak: ImportTaak, bestanden: Iterable[UploadedFile]) -> list[Path]:
    """Write the uploads to a private directory of this task; returns their paths."""
    map_ = Path(settings.UPLOAD_DIR) / str(taak.pk)
    map_.mkdir(parents=True, mode=0o700)
    paden = []
    for index, bestand in enumerate(bestanden):
        naam = get_valid_filename(Path(bestand.name or "bestand").name) or f"bestand-{index}"
        pad = map_ / f"{index:04d}-{naam}"
        with pad.open("wb") as uit:
            for stuk in bestand.chunks():
                uit.write(stuk)
        pad.chmod(0o600)
        paden.append(pad)
    return paden


def nieuwe_taak(gebruiker: str, bestanden: list[UploadedFile]) -> ImportTaak:
    if lopende_taak() is not None:
        raise ImportLooptAl("Er loopt al een import; wacht tot die klaar is.")
    namen = [{"naam": f.name, "grootte": f.size} for f in bestanden]
    taak = ImportTaak.objects.create(gebruiker=gebruiker, bestanden=namen)
    paden = bewaar_uploads(taak, bestanden)
    if getattr(settings, "PASSEND_IMPORT_ACHTERGROND", True):
        threading.Thread(
            target=_in_achtergrond, args=(taak.pk, paden), name=f"import-{taak.pk}", daemon=True
        ).start()
    else:
        voer_uit(taak.pk, paden)
    return taak


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
    ImportTaak.objects.filter(pk=taak_id).update(status=ImportTaak.Status.BEZIG)
    try:
        s = importeer(paden, gebruiker=taak.gebruiker, voortgang=_Voortgang(taak_id))
        ImportTaak.objects.filter(pk=taak_id).update(
            status=ImportTaak.Status.KLAAR,
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
