"""Import in the browser: upload with progress, results per message type, batches and the
quarantine with its reasons. Only the beheerder uploads and reads the quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import BEHEER
from passend.imports.models import ImportBatch, QuarantineRecord
from passend.imports.quarantine import VELDEN, quarantaine_record
from passend.web import importtaken
from passend.web.converters import als_id
from passend.web.models import ImportTaak
from passend.web.tabellen import Kolom, Tabel, export_response
from passend.web.tijd import lokale_tijd
from passend.web.toegang import toegang

PER_PAGINA = 50


def _per_type_tabel(per_type: dict[str, Any]) -> Tabel:
    rijen = [{"type": t, **c} for t, c in sorted(per_type.items())]
    return Tabel(
        id="per-berichttype",
        titel=_("Resultaat per berichttype"),
        kolommen=[
            Kolom("type", _("Berichttype")),
            Kolom("berichten", _("Berichten"), "getal"),
            Kolom("accepted", _("Geaccepteerd"), "getal"),
            Kolom("quarantined", _("Quarantaine"), "getal"),
        ],
        rijen=rijen,
    )


def _quarantaine_tabel(rijen: list[dict[str, Any]], titel: str) -> Tabel:
    for rij in rijen:
        rij["bestand"] = importtaken.toon_bestand(rij["bestand"])
    return Tabel(
        id="quarantaine",
        titel=titel,
        kolommen=[
            Kolom("id", _("Nr.")),
            Kolom("bestand", _("Bestand")),
            Kolom("berichttype", _("Bericht")),
            Kolom("element_pad", _("Element")),
            Kolom("regel", _("Regel")),
            Kolom("reden", _("Reden")),
            Kolom("status", _("Status")),
        ],
        rijen=rijen,
        koppelingen={"id": reverse("quarantaine")},
    )


@toegang(BEHEER)
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the upload form and recent uploads. POST: start an import of the files."""
    if request.method == "POST":
        return _ontvang(request)
    context = {
        "taken": ImportTaak.objects.all()[:10],
        "lopend": importtaken.lopende_taak(),
        "max_mb": settings.PASSEND_MAX_UPLOAD_MB,
    }
    return render(request, "passend/import/upload.html", context)


def _wil_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _ontvang(request: HttpRequest) -> HttpResponse:
    bestanden = request.FILES.getlist("bestanden")
    fout = _controleer_upload(bestanden)
    if fout is None:
        try:
            taak = importtaken.nieuwe_taak(request.user.username, bestanden)
        except importtaken.ImportLooptAl:
            fout = _("Er loopt al een import. Wacht tot die klaar is.")
    if fout is not None:
        if _wil_json(request):
            return JsonResponse({"fout": fout}, status=400)
        messages.error(request, fout)
        return redirect("import")
    audit.schrijf(request, AuditRegel.Actie.UPLOAD, f"import {taak.pk}", bestanden=taak.bestanden)
    pagina = reverse("import-taak", args=[taak.pk])
    if _wil_json(request):
        status = reverse("import-taak-status", args=[taak.pk])
        return JsonResponse({"taak": str(taak.pk), "pagina": pagina, "status": status}, status=202)
    return redirect(pagina)


def _controleer_upload(bestanden: list[Any]) -> str | None:
    if not bestanden:
        return _("Kies een of meer bestanden om te importeren.")
    if sum(b.size for b in bestanden) > settings.PASSEND_MAX_UPLOAD_MB * 1024 * 1024:
        return _("De bestanden zijn samen groter dan %(mb)s MB.") % {
            "mb": settings.PASSEND_MAX_UPLOAD_MB
        }
    return None


KLAAR_STATUSSEN = (
    ImportTaak.Status.KLAAR,
    ImportTaak.Status.KLAAR_MET_FOUTEN,
    ImportTaak.Status.FOUT,
)


@toegang(BEHEER)
def taak_status(request: HttpRequest, taak_id: str) -> JsonResponse:
    """Progress of an upload's import, polled by the upload page."""
    request._passend_geen_audit = True  # type: ignore[attr-defined]
    taak = get_object_or_404(ImportTaak, pk=taak_id)
    return JsonResponse(
        {
            "status": taak.status,
            "status_tekst": str(taak.get_status_display()),
            "verwerkt": taak.verwerkt,
            "totaal": taak.totaal,
            "huidig": Path(taak.huidig.split("!")[-1]).name if taak.huidig else "",
            "klaar": taak.status in KLAAR_STATUSSEN,
            "pagina": reverse("import-taak", args=[taak.pk]),
        }
    )


@toegang(BEHEER)
def taak(request: HttpRequest, taak_id: str) -> HttpResponse:
    """The result of one upload: counts per message type and its quarantine records."""
    taak = get_object_or_404(ImportTaak, pk=taak_id)
    context: dict[str, Any] = {"taak": taak, "tabellen": []}
    if taak.status in (ImportTaak.Status.KLAAR, ImportTaak.Status.KLAAR_MET_FOUTEN):
        s = taak.samenvatting
        context["s"] = s
        context["niet_verwerkt"] = [importtaken.toon_bestand(n) for n in s.get("niet_verwerkt", [])]
        tabellen = [_per_type_tabel(s.get("by_type", {}))]
        if taak.batch_id and not s.get("al_geimporteerd"):
            rijen = list(
                QuarantineRecord.objects.filter(batch_id=taak.batch_id)
                .order_by("id")
                .values(*VELDEN)[:500]
            )
            tabellen.append(_quarantaine_tabel(rijen, _("Afgekeurde records in deze import")))
        context["tabellen"] = tabellen
        if (export := export_response(tabellen, request)) is not None:
            return export
    return render(request, "passend/import/taak.html", context)


@toegang(BEHEER)
def batches(request: HttpRequest) -> HttpResponse:
    rijen = [
        {
            "id": b.pk,
            "gestart_op": lokale_tijd(b.gestart_op),
            "bron": ", ".join(
                Path(importtaken.toon_bestand(d.strip())).name for d in b.bron.split(",")
            )[:120],
            "inhoud_hash": b.inhoud_hash[:16],
            "status": b.get_status_display(),
            "gebruiker": b.gebruiker,
            "aantal_bestanden": b.aantal_bestanden,
            "aantal_berichten": b.aantal_berichten,
            "geaccepteerd": b.geaccepteerd,
            "quarantaine": b.quarantaine,
            "overgeslagen": b.overgeslagen,
        }
        for b in ImportBatch.objects.order_by("-gestart_op")[:500]
    ]
    tabel = Tabel(
        id="importbatches",
        titel=_("Importbatches"),
        bijschrift=_("Inhoudshash: SHA-256 over alle invoerbestanden (eerste 16 tekens)."),
        kolommen=[
            Kolom("id", _("Batch")),
            Kolom("gestart_op", _("Gestart")),
            Kolom("bron", _("Bron")),
            Kolom("inhoud_hash", _("Inhoudshash")),
            Kolom("status", _("Status")),
            Kolom("gebruiker", _("Door")),
            Kolom("aantal_bestanden", _("Bestanden"), "getal"),
            Kolom("aantal_berichten", _("Berichten"), "getal"),
            Kolom("geaccepteerd", _("Geaccepteerd"), "getal"),
            Kolom("quarantaine", _("Quarantaine"), "getal"),
            Kolom("overgeslagen", _("Overgeslagen"), "getal"),
        ],
        rijen=rijen,
        koppelingen={"id": reverse("batches")},
    )
    if (export := export_response([tabel], request)) is not None:
        return export
    return render(request, "passend/import/batches.html", {"tabel": tabel})


@toegang(BEHEER)
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    b = get_object_or_404(ImportBatch, pk=batch_id)
    rijen = list(QuarantineRecord.objects.filter(batch=b).order_by("id").values(*VELDEN)[:500])
    tabellen = [
        _per_type_tabel(b.per_type or {}),
        _quarantaine_tabel(rijen, _("Afgekeurde records in deze batch")),
    ]
    if (export := export_response(tabellen, request)) is not None:
        return export
    context = {"batch": b, "bron": importtaken.toon_bestand(b.bron), "tabellen": tabellen}
    return render(request, "passend/import/batch.html", context)


@toegang(BEHEER)
def quarantaine(request: HttpRequest) -> HttpResponse:
    alles = request.GET.get("alles") == "1"
    records = QuarantineRecord.objects.order_by("id")
    if not alles:
        records = records.filter(status=QuarantineRecord.Status.OPEN)
    batch_id = request.GET.get("batch", "")
    if (nummer := als_id(batch_id)) is not None:
        records = records.filter(batch_id=nummer)
    if request.GET.get("export"):
        tabel = _quarantaine_tabel(list(records.values(*VELDEN)[:100_000]), _("Quarantaine"))
        return export_response([tabel], request)  # type: ignore[return-value]
    pagina = Paginator(records.values(*VELDEN), PER_PAGINA).get_page(request.GET.get("pagina"))
    tabel = _quarantaine_tabel(list(pagina.object_list), _("Quarantaine"))
    context = {"tabel": tabel, "pagina": pagina, "alles": alles, "batch": batch_id}
    return render(request, "passend/import/quarantaine.html", context)


@toegang(BEHEER)
def quarantaine_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    rij = quarantaine_record(record_id)
    if rij is None:
        raise Http404
    rij["bestand"] = importtaken.toon_bestand(rij["bestand"])
    return render(request, "passend/import/quarantaine_record.html", {"r": rij})
