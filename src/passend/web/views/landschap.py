"""The care landscape page (issue 13 § 4, docs/contractering.md): per segment of an area the
aanbieders to contract so that every gemeente's expected demand is covered, "overzichtelijk
maar dekkend", with a map, the trade-off curve and what each constraint costs.

Anyone with the contract pages reads the area's last run per segment; a user who may edit
contracts sets the constraints (and capacities by hand) and computes a new run. The page,
the CLI (``passend landschap bereken``) and the demo compute with the same function
(:func:`passend.planning.landschap.bereken_en_bewaar`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import CONTRACTEN
from passend.contracting.landschap import DOELEN, Landschapseisen
from passend.contracting.landschapsdata import gekozen_tabel, gemeentetabel
from passend.contracting.landschapsgrafiek import afwegingscurve, kaart
from passend.domain.opmaak import lees_bedrag, lees_cent
from passend.planning.landschap import (
    STANDAARD_GROEIRUIMTE,
    bereken_en_bewaar,
    run_van,
    standaard_eisen,
)
from passend.web.analysedata import met_verbinding
from passend.web.tabellen import Tabel, export_response
from passend.web.toegang import mag_contracten_bewerken, toegang
from passend.web.views import planning_basis as pb
from passend.web.weergave import tabel, webgrafiek

#: Time limit of one solve from the page: the solver stops there and reports its gap.
TIJDSLIMIET_WEB_S = 20.0
#: All solves of one run from the page together (the relaxations and the curve included):
#: well within the server's request timeout of 120 s.
TIJDSBUDGET_WEB_S = 75.0


def _url(gebied: str, segment: str) -> str:
    return f"{reverse('contract-landschap')}?{urlencode({'gebied': gebied, 'segment': segment})}"


def _segmenten(gebied: str) -> list[tuple[str, str]]:
    seg = pb.analysegebied(gebied).segmentatie
    return [(s.code, f"{s.code} {s.naam}") for s in seg.segmenten if not s.apart]


def _kies_segment(request: HttpRequest, segmenten: list[tuple[str, str]]) -> str:
    gevraagd = request.POST.get("segment") or request.GET.get("segment")
    codes = [c for c, _ in segmenten]
    if gevraagd is None:
        return "4A" if "4A" in codes else (codes[0] if codes else "")
    if gevraagd not in codes:
        raise Http404(_("Niet gevonden."))
    return gevraagd


@toegang(CONTRACTEN)
def landschap(request: HttpRequest) -> HttpResponse:
    gebied = pb.kies_gebied(request)
    segmenten = _segmenten(gebied)
    segment = _kies_segment(request, segmenten)
    if request.method == "POST":
        return _bereken(request, gebied, segment, dict(segmenten).get(segment, segment))
    run = run_van(gebied, segment)
    resultaat = run.resultaat if run is not None else None
    tabellen = _tabellen(resultaat) if resultaat else []
    if (export := export_response(tabellen, request)) is not None:
        return export
    return render(
        request,
        "passend/contracten/landschap.html",
        {
            "gebied": gebied,
            "gebieden": pb.gebieden(request.user),
            "segment": segment,
            "segmenten": segmenten,
            "run": run,
            "resultaat": resultaat,
            "tabellen": tabellen,
            "grafieken": _grafieken(resultaat) if resultaat else [],
            "eisen": _eisen_voor_formulier(resultaat, dict(segmenten).get(segment, "")),
            "kandidaten": resultaat["invoer"]["kandidaten"] if resultaat else [],
            "mag_bewerken": mag_contracten_bewerken(request),
        },
    )


def _tabellen(resultaat: dict[str, Any]) -> list[Tabel]:
    uitkomst = resultaat["uitkomst"]
    jaar = resultaat["invoer"]["doeljaar"]
    uit = [
        tabel(
            "landschap",
            "landschap_aanbieders",
            gekozen_tabel(resultaat),
            ["aanbieder", "naam", "gecontracteerd", "clienten", "capaciteit", "kosten_per_client"],
            titel=_("Aanbieders: gekozen en niet gekozen"),
            bijschrift=_("Verwachte vraag in %(jaar)s; capaciteit en kosten uit de historie")
            % {"jaar": jaar},
            id_="landschap-aanbieders",
        ),
        tabel(
            "landschap",
            "landschap_gemeenten",
            gemeentetabel(resultaat),
            ["gemeente", "naam", "clienten_basisjaar", "vraag", "aanbieders"],
            titel=_("Gemeenten: vraag en gecontracteerde aanbieders"),
            id_="landschap-gemeenten",
        ),
    ]
    if uitkomst.get("eisprijs"):
        uit.append(
            tabel(
                "landschap",
                "landschap_eisen",
                uitkomst["eisprijs"],
                ["omschrijving", "aantal", "kosten", "kostenverschil"],
                titel=_("Wat elke eis kost: opnieuw opgelost zonder die eis"),
                id_="landschap-eisen",
            )
        )
    if resultaat.get("afweging"):
        uit.append(
            tabel(
                "landschap",
                "landschap_afweging",
                resultaat["afweging"],
                ["aantal", "kosten"],
                titel=_("Afweging: aantal aanbieders tegen kosten"),
                id_="landschap-afweging",
            )
        )
    return uit


def _grafieken(resultaat: dict[str, Any]) -> list[dict[str, Any]]:
    if resultaat["uitkomst"]["status"] == "onhaalbaar":
        return []
    taal = "en" if (get_language() or "nl").startswith("en") else "nl"
    uit = [webgrafiek("landschap-kaart", kaart(resultaat["invoer"], resultaat["uitkomst"], taal))]
    if resultaat.get("afweging"):
        curve = afwegingscurve(resultaat["afweging"], resultaat["uitkomst"], taal)
        uit.append(webgrafiek("landschap-afweging", curve))
    return uit


def _eisen_voor_formulier(resultaat: dict[str, Any] | None, segmentnaam: str) -> dict[str, Any]:
    """The constraints the form starts from: the run's, else the defaults of the segment;
    shares in percent and amounts in whole euros, as the form asks for them."""
    eisen = _eisen_basis(resultaat, segmentnaam)
    return {
        **eisen,
        "max_aandeel_pct": _kort(eisen["max_aandeel"] * 100),
        "groeiruimte_pct": _kort(eisen["groeiruimte"] * 100),
        "max_afstand_km": _kort(eisen["max_afstand_km"]),
        "budget": "" if eisen["budget"] is None else str(round(eisen["budget"])),
        "vaste_kosten": str(round(eisen["vaste_kosten"])),
    }


def _kort(waarde: float) -> str:
    return f"{waarde:g}".replace(".", ",")


def _eisen_basis(resultaat: dict[str, Any] | None, segmentnaam: str) -> dict[str, Any]:
    if resultaat:
        return {
            **resultaat["eisen"],
            "groeiruimte": resultaat.get("groeiruimte", 0.0),
            "doeljaar": resultaat["invoer"]["doeljaar"],
        }
    return {
        **asdict(standaard_eisen(segmentnaam)),
        "groeiruimte": STANDAARD_GROEIRUIMTE,
        "doeljaar": None,
    }


def _getal(request: HttpRequest, naam: str, *, leeg: Any = None) -> Any:
    """A number as typed (25, 0,4, 1.000; :func:`passend.domain.opmaak.lees_bedrag`)."""
    tekst = request.POST.get(naam, "").strip()
    if not tekst:
        return leeg
    try:
        return float(lees_bedrag(tekst))
    except ValueError:
        raise ValueError(_("'%(waarde)s' is geen getal.") % {"waarde": tekst[:20]}) from None


def _euro(request: HttpRequest, naam: str) -> float | None:
    tekst = request.POST.get(naam, "").strip()
    if not tekst:
        return None
    try:
        return lees_cent(tekst) / 100
    except ValueError:
        fout = _("'%(waarde)s' is geen bedrag in euro's.") % {"waarde": tekst[:20]}
        raise ValueError(fout) from None


def _eisen_uit(request: HttpRequest) -> tuple[Landschapseisen, float, int | None]:
    doel = request.POST.get("doel", "aantal")
    if doel not in DOELEN:
        raise ValueError(_("Kies als doel het aantal aanbieders of de kosten."))
    max_aanbieders = _getal(request, "max_aanbieders")
    doeljaar = _getal(request, "doeljaar")
    eisen = Landschapseisen(
        max_afstand_km=_getal(request, "max_afstand_km", leeg=0.0),
        min_per_gemeente=int(_getal(request, "min_per_gemeente", leeg=0)),
        max_aandeel=_getal(request, "max_aandeel", leeg=100.0) / 100,
        budget=_euro(request, "budget"),
        vaste_kosten=_euro(request, "vaste_kosten") or 0.0,
        doel=doel,
        max_aanbieders=int(max_aanbieders) if max_aanbieders is not None else None,
        tijdslimiet_s=TIJDSLIMIET_WEB_S,
    )
    groeiruimte = _getal(request, "groeiruimte", leeg=0.0) / 100
    return eisen, groeiruimte, int(doeljaar) if doeljaar is not None else None


def _capaciteiten(request: HttpRequest) -> dict[str, float]:
    """Capacities given by hand: fields ``capaciteit|AGB``, only those filled in."""
    uit = {}
    for sleutel in request.POST:
        if sleutel.startswith("capaciteit|") and request.POST[sleutel].strip():
            agb = sleutel.split("|", 1)[1][:8]
            uit[agb] = _getal(request, sleutel)
    return uit


def _bereken(request: HttpRequest, gebied: str, segment: str, segmentnaam: str) -> HttpResponse:
    if not mag_contracten_bewerken(request):
        raise Http404(_("Niet gevonden."))
    try:
        eisen, groeiruimte, doeljaar = _eisen_uit(request)
        resultaat = met_verbinding(
            bereken_en_bewaar,
            gebied,
            segment,
            eisen,
            doeljaar=doeljaar,
            groeiruimte=groeiruimte,
            capaciteiten=_capaciteiten(request),
            door=request.user.get_username(),
            tijdsbudget_s=TIJDSBUDGET_WEB_S,
        )
    except ValueError as fout:
        messages.error(request, _("Niet berekend: %(reden)s") % {"reden": str(fout)[:400]})
        return redirect(_url(gebied, segment))
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"zorglandschap {gebied} {segment}")
    uitkomst = resultaat["uitkomst"]
    if uitkomst["status"] == "onhaalbaar":
        messages.warning(request, _("Onhaalbaar met deze eisen; zie de uitleg."))
    else:
        messages.success(
            request,
            _("Zorglandschap van %(segment)s berekend: %(aantal)s aanbieder(s).")
            % {"segment": segmentnaam, "aantal": uitkomst["aantal"]},
        )
    return redirect(_url(gebied, segment))
