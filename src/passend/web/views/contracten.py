"""The contract register pages: the register, one contract (view and edit), and the check of
the messages against the register.

A user sees the contracts of the gemeenten in their scope (a jeugdregio contract when any of
its gemeenten is); they may edit a contract whose area is one they may plan for (their
jeugdregio, or a gemeente in scope). Anything outside is a 404, so its existence is not
revealed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import CONTRACTEN, CONTRACTEN_BEWERKEN
from passend.accounts.scope import gemeenten_in_scope
from passend.care.models import Aanbieder
from passend.contracten import register as reg
from passend.contracten.models import Contract
from passend.contracten.schrijven import bewaar_contract
from passend.domain import opmaak
from passend.monitoring.bestedingsruimte import Bestedingsruimteoverzicht
from passend.web import contractdata
from passend.web.forms_contracten import (
    ContractForm,
    RuimteFormSet,
    StopFormSet,
    TariefFormSet,
    centtekst,
)
from passend.web.tabellen import Kolom, Tabel, export_response, smal
from passend.web.toegang import mag_contracten_bewerken, toegang
from passend.web.views import planning_basis as pb
from passend.web.weergave import tabel, webgrafieken


def _gemeenten(request: HttpRequest) -> frozenset[str] | None:
    return None if pb._alles(request.user) else gemeenten_in_scope(request.user)


def _peildatum(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("peildatum", "")[:10])
    except ValueError:
        return date.today()


@toegang(CONTRACTEN)
def register(request: HttpRequest) -> HttpResponse:
    peildatum = _peildatum(request)
    rijen = reg.overzicht(reg.contracten(_gemeenten(request)), peildatum)
    for r in rijen:
        r["partijen"] = 1 + len(r["onderaannemers"])
        r["naam"] = r["naam"] or r["hoofdaannemer"]
        r["let_op"] = " ".join(r["waarschuwingen"])
        r["let_op_kort"] = ", ".join(r["signalen"])
        r["ruimte"] = r["bestedingsruimte_cent"].get(peildatum.year)
    tabel = Tabel(
        id="contracten",
        titel=_("Contractregister"),
        bijschrift=_("Peildatum %(datum)s; bestedingsruimte van %(jaar)s")
        % {"datum": peildatum.strftime("%d-%m-%Y"), "jaar": peildatum.year},
        kolommen=[
            Kolom("contractnummer", _("Contract")),
            Kolom("naam", _("Hoofdaannemer")),
            Kolom("partijen", _("Partijen"), "geheel"),
            Kolom("gebied_naam", _("Gebied")),
            Kolom("domein", _("Domein")),
            Kolom("segment", _("Segment")),
            Kolom("uitvoeringsvariant", _("Uitvoeringsvariant")),
            Kolom("ingangsdatum", _("Ingangsdatum"), "datum"),
            Kolom("einddatum", _("Einddatum"), "datum"),
            Kolom("tariefregels", _("Tariefregels"), "geheel"),
            Kolom("ruimte", _("Bestedingsruimte"), "bedrag"),
            Kolom("let_op", _("Let op")),
        ],
        rijen=rijen,
        koppelingen={"contractnummer": reverse("contracten") + "contract/"},
    )
    if (export := export_response([tabel], request)) is not None:
        return export
    pagina = smal(
        tabel,
        (
            "contractnummer",
            "naam",
            "gebied_naam",
            "segment",
            "uitvoeringsvariant",
            "einddatum",
            "ruimte",
            "let_op_kort",
        ),
        {"let_op_kort": _("Let op")},
    )
    return render(
        request,
        "passend/contracten/register.html",
        {"tabel": pagina, "mag_bewerken": mag_contracten_bewerken(request), "peildatum": peildatum},
    )


def _contract_in_scope(request: HttpRequest, nummer: str) -> Contract:
    contract = reg.contracten(_gemeenten(request)).filter(contractnummer=nummer).first()
    if contract is None:
        raise Http404(_("Niet gevonden."))
    return contract


def _initieel(
    contract: Contract,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    partijen = contract.partijen.select_related("aanbieder")
    onder = sorted(p.aanbieder.agb_code for p in partijen if p.rol == "onderaannemer")
    kop = {
        "contractnummer": contract.contractnummer,
        "hoofdaannemer": contract.hoofdaannemer.agb_code,
        "onderaannemers": ", ".join(onder),
        "gebied": contract.gebied,
        "domein": contract.domein,
        "segment": contract.segment,
        "uitvoeringsvariant": contract.uitvoeringsvariant,
        "procedure": contract.procedure,
        "ingangsdatum": contract.ingangsdatum,
        "einddatum": contract.einddatum,
    }
    tarieven = [
        {
            "categorie": t.categorie,
            "productcode": t.productcode,
            "eenheid": t.eenheid,
            "tarief": centtekst(t.tarief),
            "geldig_vanaf": t.geldig_vanaf,
            "geldig_tot": t.geldig_tot,
        }
        for t in contract.tarieven.all()
    ]
    ruimtes = [{"jaar": r.jaar, "bedrag": centtekst(r.bedrag)} for r in contract.ruimtes.all()]
    stops = [{"van": s.van, "tot": s.tot, "reden": s.reden} for s in contract.stops.all()]
    return kop, tarieven, ruimtes, stops


@toegang(CONTRACTEN)
def contract(request: HttpRequest, nummer: str) -> HttpResponse:
    return _bewerk(request, _contract_in_scope(request, nummer))


@toegang(CONTRACTEN_BEWERKEN)
def nieuw(request: HttpRequest) -> HttpResponse:
    return _bewerk(request, None)


def _bewerk(request: HttpRequest, contract: Contract | None) -> HttpResponse:
    mag = mag_contracten_bewerken(request) and (
        contract is None or pb.in_scope(request.user, contract.gebied)
    )
    if request.method == "POST" and not mag:
        raise Http404(_("Niet gevonden."))
    kop, tarieven, ruimtes, stops = _initieel(contract) if contract else ({}, [], [], [])
    data = request.POST if request.method == "POST" else None
    gebieden = [(k, n) for k, n in pb.gebieden(request.user) if k]
    if contract is not None and all(k != contract.gebied for k, _n in gebieden):
        gebieden.append((contract.gebied, pb.gebied_naam(contract.gebied)))
    form = ContractForm(data, initial=kop, gebieden=gebieden)
    if contract is not None:
        form.fields["contractnummer"].disabled = True
    tarief_set = TariefFormSet(data, initial=tarieven, prefix="tarief")
    ruimte_set = RuimteFormSet(data, initial=ruimtes, prefix="ruimte")
    stop_set = StopFormSet(data, initial=stops, prefix="stop")
    if data is not None and _opgeslagen(
        request, form, (tarief_set, ruimte_set, stop_set), contract
    ):
        nummer = form.cleaned_data["contractnummer"]
        return redirect(reverse("contract", args=[nummer]))
    context = {
        "contract": contract,
        "form": form,
        "tarieven": tarief_set,
        "ruimtes": ruimte_set,
        "stops": stop_set,
        "mag_bewerken": mag,
        "waarschuwingen": (
            reg.overzicht(Contract.objects.filter(pk=contract.pk), date.today())[0][
                "waarschuwingen"
            ]
            if contract
            else []
        ),
    }
    status = 400 if data is not None else 200
    return render(request, "passend/contracten/contract.html", context, status=status)


def _waarschuwingen(contract: Contract | None) -> list[str]:
    if contract is None:
        return []
    rij = reg.overzicht(Contract.objects.filter(pk=contract.pk), date.today())[0]
    return list(rij["waarschuwingen"])


def _opgeslagen(
    request: HttpRequest,
    form: ContractForm,
    sets: tuple[Any, Any, Any],
    contract: Contract | None,
) -> bool:
    tarief_set, ruimte_set, stop_set = sets
    if not (form.is_valid() and all(s.is_valid() for s in sets)):
        return False
    partijen = form.records()
    nummer = partijen[0].contractnummer
    if contract is None and Contract.objects.filter(contractnummer=nummer).exists():
        form.add_error("contractnummer", _("Er is al een contract met dit nummer."))
        return False
    if not pb.in_scope(request.user, form.cleaned_data["gebied"]):
        form.add_error("gebied", _("Dit gebied valt buiten uw bevoegdheid."))
        return False
    tarieven = [f.record(nummer) for f in _bewaarde(tarief_set)]
    ruimtes = [f.record(nummer) for f in _bewaarde(ruimte_set)]
    stops = [f.record(nummer) for f in _bewaarde(stop_set)]

    def aanbieder_id(agb: str) -> int:
        return int(Aanbieder.objects.get_or_create(agb_code=agb)[0].pk)

    with transaction.atomic():
        fouten = bewaar_contract(
            partijen, tarieven, ruimtes, aanbieder_id, request.user.get_username(), stops
        )
    for fout in fouten:
        form.add_error(None, fout)
    if fouten:
        return False
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"contract {nummer}", nieuw=contract is None)
    messages.success(request, _("Het contract is opgeslagen."))
    return True


def _bewaarde(formset: Any) -> list[Any]:
    return [
        f
        for f in formset.forms
        if f.has_changed() and not f.cleaned_data.get("DELETE") and f.cleaned_data
    ]


@toegang(CONTRACTEN)
def controle(request: HttpRequest) -> HttpResponse:
    try:
        jaar = int(request.GET["jaar"]) if request.GET.get("jaar") else None
    except ValueError:
        raise Http404(_("Niet gevonden.")) from None
    uitkomst, laatste = contractdata.controle(jaar, _peildatum(request), _gemeenten(request))
    tabellen = _controletabellen(uitkomst)
    if (export := export_response(tabellen, request)) is not None:
        return export
    tabellen[0] = smal(
        tabellen[0],
        (
            "naam",
            "aanbieder",
            "toewijzing_geen_contract",
            "declaratie_geen_contract",
            "declaratie_geen_contract_cent",
            "declaratie_product_buiten_contract",
            "declaratie_tarief_afwijkend",
            "tariefverschil_cent",
        ),
    )
    return render(
        request,
        "passend/contracten/controle.html",
        {
            "uitkomst": uitkomst,
            "tabellen": tabellen,
            "jaren": _jaren(laatste),
        },
    )


def _jaren(laatste: int) -> list[int]:
    return list(range(laatste - 4, laatste + 1))


def _controletabellen(uitkomst: Any) -> list[Tabel]:
    aanbieder = reverse("aanbieder", args=["x"]).removesuffix("x/")
    return [
        Tabel(
            id="per-aanbieder",
            titel=_("Berichten zonder of buiten contract, per aanbieder"),
            bijschrift=_(
                "Declaratieregels geteld als debetregels; bedragen met credits verrekend."
            ),
            kolommen=[
                Kolom("aanbieder", _("AGB")),
                Kolom("naam", _("Aanbieder")),
                Kolom("toewijzing_geen_contract", _("Toewijzingen zonder contract"), "geheel"),
                Kolom("declaratie_geen_contract", _("Declaratieregels zonder contract"), "geheel"),
                Kolom("declaratie_geen_contract_cent", _("Bedrag zonder contract"), "bedrag"),
                Kolom(
                    "toewijzing_product_buiten_contract",
                    _("Toewijzingen voor een product buiten het contract"),
                    "geheel",
                ),
                Kolom(
                    "declaratie_product_buiten_contract",
                    _("Declaratieregels voor een product buiten het contract"),
                    "geheel",
                ),
                Kolom(
                    "declaratie_product_buiten_contract_cent",
                    _("Bedrag buiten het contract"),
                    "bedrag",
                ),
                Kolom("declaratie_eenheid_afwijkend", _("Andere eenheid"), "geheel"),
                Kolom("declaratie_tarief_afwijkend", _("Ander tarief"), "geheel"),
                Kolom("tariefverschil_cent", _("Tariefverschil"), "bedrag"),
            ],
            rijen=uitkomst.per_aanbieder,
            koppelingen={"aanbieder": aanbieder},
        ),
        Tabel(
            id="tarieven",
            titel=_("Gedeclareerde tarieven die afwijken van het contract"),
            bijschrift=_("Verschil = (gedeclareerd − contracttarief) × volume"),
            kolommen=[
                Kolom("aanbieder", _("AGB")),
                Kolom("domein", _("Domein")),
                Kolom("categorie", _("Categorie")),
                Kolom("productcode", _("Productcode")),
                Kolom("eenheid", _("Eenheid")),
                Kolom("gedeclareerd_tarief_cent", _("Gedeclareerd tarief"), "bedrag"),
                Kolom("contracttarief_cent", _("Contracttarief"), "bedrag"),
                Kolom("regels", _("Regels"), "geheel"),
                Kolom("volume", _("Volume"), "geheel"),
                Kolom("verschil_cent", _("Verschil"), "bedrag"),
            ],
            rijen=uitkomst.tarieven,
        ),
        Tabel(
            id="aflopend",
            titel=_("Contracten die binnen zes maanden aflopen"),
            kolommen=[
                Kolom("contractnummer", _("Contract")),
                Kolom("aanbieder", _("Hoofdaannemer")),
                Kolom("domein", _("Domein")),
                Kolom("segment", _("Segment")),
                Kolom("einddatum", _("Einddatum"), "datum"),
            ],
            rijen=uitkomst.aflopend,
            koppelingen={"contractnummer": reverse("contracten") + "contract/"},
        ),
    ]


@toegang(CONTRACTEN)
def bestedingsruimte(request: HttpRequest) -> HttpResponse:
    """The contractmanager's daily view: each contract's room, what is declared, the 70%
    signal with its dates, and the two year-end prognoses; the verzilveringsgraad per
    product can be set for the area and year (POST)."""
    gebied = pb.kies_gebied(request)
    bron = request.POST if request.method == "POST" else request.GET
    try:
        jaar = int(bron["jaar"]) if bron.get("jaar") else None
        peil = date.fromisoformat(bron["peildatum"][:10]) if bron.get("peildatum") else None
    except ValueError:
        raise Http404(_("Niet gevonden.")) from None
    if request.method == "POST":
        return _bewaar_graden(request, gebied, jaar, peil)
    rapport, laatste, fout = contractdata.bestedingsruimte_tabellen(
        jaar, peil, contractdata.gemeenten_van_gebied(gebied, _gemeenten(request)), gebied
    )
    uitkomst = Bestedingsruimteoverzicht.uit_tabellen(rapport) if rapport is not None else None
    tabellen = _ruimtetabellen(rapport) if rapport is not None else []
    if (export := export_response(tabellen, request)) is not None:
        return export
    for r in uitkomst.verzilvering if uitkomst else []:
        # what the input shows: an entered graad as typed the Dutch way, else empty
        r["invoer"] = f"{r['graad']:g}".replace(".", ",") if r["bron"] == "ingevoerd" else ""
    if tabellen:
        tabellen[0] = smal(tabellen[0], _RUIMTE_OP_SCHERM)
    return render(
        request,
        "passend/contracten/bestedingsruimte.html",
        {
            "uitkomst": uitkomst,
            "tabellen": tabellen,
            "fout": fout,
            "jaren": _jaren(laatste),
            "gebied": gebied,
            "gebieden": pb.gebieden(request.user),
            "mag_bewerken": mag_contracten_bewerken(request),
            "signalen": [r for r in uitkomst.contracten if r["signaal_70"]] if uitkomst else [],
            "grafieken": webgrafieken("bestedingsruimte", rapport, openbaar=False)
            if rapport
            else [],
            "stops": [
                r
                for r in (uitkomst.contracten if uitkomst else [])
                if r["clientenstop_sinds"] or r["instroom_tijdens_stop"] or r["crisis_tijdens_stop"]
            ],
        },
        status=400 if fout else 200,
    )


def _bewaar_graden(
    request: HttpRequest, gebied: str, jaar: int | None, peil: date | None
) -> HttpResponse:
    if not mag_contracten_bewerken(request) or jaar is None:
        raise Http404(_("Niet gevonden."))
    graden: dict[tuple[str, str, str | None], float | None] = {}
    for sleutel, waarde in request.POST.items():
        if not sleutel.startswith("graad|"):
            continue
        domein, categorie, code = (sleutel.split("|") + [""] * 4)[1:4]
        if domein not in ("jeugd", "wmo") or not categorie.isdigit() or len(categorie) != 2:
            raise Http404(_("Niet gevonden."))
        try:
            graden[(domein, categorie, code[:5] or None)] = opmaak.lees_fractie(waarde[:20])
        except ValueError:
            messages.error(
                request,
                _(
                    "Niet opgeslagen: '%(waarde)s' is geen verzilveringsgraad (0 tot 1, of een "
                    "percentage)."
                )
                % {"waarde": waarde[:20]},
            )
            return redirect(_ruimte_url(gebied, jaar, peil))
    reg.bewaar_verzilvering(gebied, jaar, graden, door=request.user.get_username())
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"verzilveringsgraad {gebied} {jaar}")
    messages.success(request, _("De verzilveringsgraden zijn opgeslagen."))
    return redirect(_ruimte_url(gebied, jaar, peil))


def _ruimte_url(gebied: str, jaar: int, peil: date | None) -> str:
    from urllib.parse import urlencode

    query = {"gebied": gebied, "jaar": jaar, **({"peildatum": peil.isoformat()} if peil else {})}
    return f"{reverse('contract-bestedingsruimte')}?{urlencode(query)}"


#: The columns the page shows of a contract (the download keeps every column).
_RUIMTE_OP_SCHERM = (
    "contractnummer",
    "naam",
    "segment",
    "bestedingsruimte_cent",
    "gedeclareerd_cent",
    "bedrag_bron",
    "benutting",
    "signaal_datum",
    "prognose_lineair_cent",
    "prognose_verplichtingen_cent",
)


def _ruimtetabellen(rapport: Mapping[str, Any]) -> list[Tabel]:
    """The tables of the report ``bestedingsruimte``, labelled by the column catalogue."""
    samenvatting = rapport["ruimte_samenvatting"]
    vertraging = samenvatting["mediane_vertraging_dagen"]
    contracten = [{**r, "naam": r["naam"] or r["aanbieder"]} for r in rapport["bestedingsruimte"]]
    kolommen = list(contracten[0]) if contracten else list(_RUIMTE_OP_SCHERM)
    return [
        tabel(
            "bestedingsruimte",
            "bestedingsruimte",
            contracten,
            kolommen,
            titel=_("Bestedingsruimte per contract"),
            bijschrift=_(
                "Peildatum %(datum)s; gedeclareerd = productperiodes vanaf 1 januari, het "
                "toegekende bedrag waar een declaratieantwoord (JW325/WMO325) is geladen"
            )
            % {"datum": samenvatting["peildatum"].strftime("%d-%m-%Y")},
            koppelingen={"contractnummer": reverse("contracten") + "contract/"},
        ),
        tabel(
            "bestedingsruimte",
            "vertraging",
            rapport["vertraging"],
            ("maand", "gedeclareerd_cent", "verwachte_volledigheid"),
            titel=_("Declaratievertraging: hoe volledig is elke maand"),
            bijschrift=_("Mediane vertraging %(dagen)s dagen na het einde van de productperiode")
            % {"dagen": "—" if vertraging is None else f"{vertraging:g}"},
        ),
        tabel(
            "bestedingsruimte",
            "verzilvering",
            rapport["verzilvering"],
            (
                "domein",
                "categorie",
                "productcode",
                "graad",
                "gedeclareerd_volume",
                "maximaal_volume",
                "bron",
            ),
            titel=_("Verzilveringsgraad per product"),
            bijschrift=_("Gedeclareerd volume / maximaal volume van de toewijzingen vorig jaar"),
        ),
    ]
