"""The start page (what is loaded, per gemeente in scope) and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from passend.accounts import rollen as r
from passend.accounts.rollen import Rol
from passend.accounts.scope import gemeenten_in_scope, rol_van
from passend.analysis.openbaar import onderdruk_tabel
from passend.imports.models import ImportBatch
from passend.imports.overview import geladen_per_gemeente
from passend.web import analysedata
from passend.web.tabellen import Kolom, Tabel, export_response
from passend.web.toegang import openbaar, toegang

TELLINGEN = ("clienten", "toewijzingen", "leveringen", "prestaties")


def _start_tabel(request: HttpRequest) -> tuple[Tabel, int]:
    overzicht = analysedata.per_versie(geladen_per_gemeente)
    scope = gemeenten_in_scope(request.user)
    rijen = [
        {**g, "naam": f"{g['naam']} ({g['code']})"}
        for g in overzicht["gemeenten"]
        if g["code"] in scope
    ]  # copies: the cached overview is shared
    if rol_van(request.user) not in r.CLIENTNIVEAU:
        rijen = onderdruk_tabel(rijen, ["clienten"], label="naam")
    else:
        totaal = {k: sum(rij[k] for rij in rijen) for k in TELLINGEN}
        rijen = [*rijen, {"naam": _("Totaal"), **totaal}] if rijen else rijen
    tabel = Tabel(
        id="geladen",
        titel=_("Geladen gegevens per gemeente"),
        kolommen=[
            Kolom("naam", _("Gemeente")),
            *(
                Kolom(k, t, "getal")
                for k, t in zip(
                    TELLINGEN,
                    (_("Cliënten"), _("Toewijzingen"), _("Leveringen"), _("Prestaties")),
                    strict=True,
                )
            ),
        ],
        rijen=rijen,
    )
    return tabel, overzicht["quarantaine_open"]


@toegang(r.ALLE_ROLLEN)
def start(request: HttpRequest) -> HttpResponse:
    if rol_van(request.user) == Rol.ALLEEN_LEZEN:
        return redirect("rapporten")
    tabel, quarantaine = _start_tabel(request)
    if (export := export_response([tabel], request)) is not None:
        return export
    context = {
        "tabel": tabel,
        "quarantaine": quarantaine,
        "batches": ImportBatch.objects.count(),
        "demo": ImportBatch.objects.filter(gebruiker="demo").exists(),
        "is_beheerder": rol_van(request.user) in r.BEHEER,
    }
    return render(request, "passend/start.html", context)


@openbaar
def gezond(request: HttpRequest) -> HttpResponse:
    """Health check for a reverse proxy or monitoring: 200 when the database answers."""
    request._passend_geen_audit = True  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
