"""The tariff sheet page (issue 13 § 2, docs/contractering.md): an area's sheet of reële
prijzen per product, beside the tariffs declared in a year, and the step that sets the
sheet's tariffs as the uniform tariffs of the contracts in the register.

The contractmanager reads it; one who may edit contracts uploads the sheet (the JSON form
that ``passend tarief blad`` reads) and sets it into the register from a date. The page and
the CLI compute with the same core function
(:func:`passend.contracting.tariefblad.tariefblad_in_gebied`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import CONTRACTEN
from passend.accounts.scope import gemeenten_in_scope
from passend.contracten.schrijven import zet_uniforme_tarieven
from passend.contracten.tariefbladen import MAX_BLAD_BYTES, bewaar_blad, blad_van
from passend.contracting.tariefblad import lees_blad, tariefblad_in_gebied
from passend.web import contractdata
from passend.web.analysedata import met_verbinding
from passend.web.tabellen import Tabel, export_response, smal
from passend.web.toegang import mag_contracten_bewerken, toegang
from passend.web.views import planning_basis as pb
from passend.web.weergave import tabel

#: The columns the page shows (the download keeps every column of the sheet).
OP_SCHERM = (
    "productcode",
    "omschrijving",
    "eenheid",
    "loonkosten_per_uur_cent",
    "productiviteit",
    "overhead",
    "tarief_cent",
    "gedeclareerd_regels",
    "gedeclareerd_mediaan_cent",
    "gedeclareerd_p25_cent",
    "gedeclareerd_p75_cent",
    "verschil_mediaan",
)


def _gemeenten(request: HttpRequest, gebied: str) -> frozenset[str] | None:
    in_scope = None if pb._alles(request.user) else gemeenten_in_scope(request.user)
    return contractdata.gemeenten_van_gebied(gebied, in_scope)


def _url(gebied: str, jaar: int | None = None) -> str:
    from urllib.parse import urlencode

    query = {"gebied": gebied, **({"jaar": jaar} if jaar else {})}
    return f"{reverse('contract-tarieven')}?{urlencode(query)}"


def _jaar_van(request: HttpRequest) -> int | None:
    """The year the page showed, kept across a POST."""
    waarde = request.POST.get("jaar", "")
    return int(waarde) if waarde.isdigit() and len(waarde) == 4 else None


def _vergelijk(con: Any, inhoud: Any, jaar: int | None, gemeenten: Any) -> tuple[Any, int | None]:
    from passend.analysis.relaties import peildatum

    einde = peildatum(con)
    jaar = jaar or (einde.year if einde else None)
    regels, deelbaar = lees_blad(inhoud)
    lijst = sorted(gemeenten) if gemeenten is not None else None
    return tariefblad_in_gebied(con, regels, jaar, lijst, deelbaar_60=deelbaar), jaar


@toegang(CONTRACTEN)
def tarieven(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    if request.method == "POST":
        return _bewerk(request, gebied)
    try:
        jaar = int(request.GET["jaar"]) if request.GET.get("jaar") else None
    except ValueError:
        raise Http404(_("Niet gevonden.")) from None
    blad = blad_van(gebied)
    if blad is not None and request.GET.get("document") == "json":
        antwoord = JsonResponse(blad.inhoud, json_dumps_params={"ensure_ascii": False, "indent": 2})
        naam = slugify(gebied) or "alle"
        antwoord["Content-Disposition"] = f'attachment; filename="tariefblad-{naam}.json"'
        return antwoord
    tabellen: list[Tabel] = []
    if blad is not None:
        rijen, jaar = met_verbinding(_vergelijk, blad.inhoud, jaar, _gemeenten(request, gebied))
        tabellen = [_tabel(rijen, jaar)]
    if (export := export_response(tabellen, request)) is not None:
        return export
    if tabellen:
        tabellen[0] = smal(tabellen[0], OP_SCHERM)
    return render(
        request,
        "passend/contracten/tarieven.html",
        {
            "blad": blad,
            "tabellen": tabellen,
            "jaar": jaar,
            "gebied": gebied,
            "gebieden": pb.gebieden(request.user),
            "mag_bewerken": mag_contracten_bewerken(request),
            "vandaag": date.today().isoformat(),
        },
    )


def _tabel(rijen: list[dict[str, Any]], jaar: int | None) -> Tabel:
    kolommen = list(rijen[0]) if rijen else list(OP_SCHERM)
    bijschrift = (
        _("Gedeclareerd: de ProductTarieven van de debetregels in %(jaar)s in dit gebied")
        % {"jaar": jaar}
        if jaar
        else _("Er zijn nog geen declaraties om naast het blad te zetten.")
    )
    return tabel(
        "tariefblad",
        "tariefblad",
        rijen,
        kolommen,
        titel=_("Tariefblad naast de gedeclareerde tarieven"),
        bijschrift=bijschrift,
    )


def _bewerk(request: HttpRequest, gebied: str) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    if request.POST.get("actie") == "register":
        return _in_register(request, gebied)
    bestand = request.FILES.get("blad")
    if bestand is None or bestand.size > MAX_BLAD_BYTES:
        messages.error(request, _("Kies een tariefblad (JSON, hooguit 1 MB)."))
        return redirect(_url(gebied, _jaar_van(request)))
    try:
        inhoud = json.loads(bestand.read().decode("utf-8-sig"))
        bewaar_blad(gebied, inhoud, request.user.get_username())
    except (UnicodeDecodeError, json.JSONDecodeError):
        messages.error(request, _("Niet opgeslagen: het bestand is geen JSON (UTF-8)."))
        return redirect(_url(gebied, _jaar_van(request)))
    except (ValueError, TypeError, RecursionError) as fout:
        messages.error(request, _("Niet opgeslagen: %(reden)s") % {"reden": str(fout)[:300]})
        return redirect(_url(gebied, _jaar_van(request)))
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"tariefblad {gebied}")
    messages.success(request, _("Het tariefblad is opgeslagen."))
    return redirect(_url(gebied, _jaar_van(request)))


def _in_register(request: HttpRequest, gebied: str) -> HttpResponse:
    blad = blad_van(gebied)
    try:
        vanaf = date.fromisoformat(request.POST.get("vanaf", "")[:10])
    except ValueError:
        messages.error(request, _("Kies de datum vanaf wanneer de tarieven gelden."))
        return redirect(_url(gebied, _jaar_van(request)))
    if blad is None:
        raise Http404(_("Niet gevonden."))
    regels, deelbaar = lees_blad(blad.inhoud)
    producten = [(r.categorie, r.productcode, r.eenheid, r.tarief_cent(deelbaar)) for r in regels]
    gewijzigd = zet_uniforme_tarieven(
        producten, vanaf, _gemeenten(request, gebied), request.user.get_username()
    )
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"tariefblad {gebied} in register {vanaf}")
    contracten = len({r["contractnummer"] for r in gewijzigd})
    if gewijzigd:
        messages.success(
            request,
            _(
                "Tarieven in het register: %(regels)s tariefregel(s) in %(contracten)s "
                "contract(en) vanaf %(datum)s."
            )
            % {
                "regels": len(gewijzigd),
                "contracten": contracten,
                "datum": vanaf.strftime("%d-%m-%Y"),
            },
        )
    else:
        messages.info(
            request,
            _("Geen contract in dit gebied dat dan loopt, heeft een product van het blad."),
        )
    return redirect(_url(gebied, _jaar_van(request)))
