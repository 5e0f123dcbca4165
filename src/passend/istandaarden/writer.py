"""Write iJw 3.2 and iWmo 3.2 messages.

Every function returns one complete message as UTF-8 bytes with an XML declaration, built
with lxml and serialised deterministically (same input, same bytes). Optional elements whose
value is None are omitted.

Namespaces follow the XSDs (``elementFormDefault="qualified"``): elements declared in the
message schema are in the message namespace (``.../ijw/3_2/jw301/schema``), the children of
Basisschema complex types (``Datum`` in ``Geboortedatum``, ``Categorie`` in ``Product``, ...)
in the Basisschema namespace. iWmo messages have the iJw structure with the iwmo namespaces
and Wmo berichtcodes; the codes inside (productcategorie, reden beëindiging, ...) are the
caller's.

Conventions where a record leaves a required element open:

* ``Toewijzingstijd`` None is written as ``00:00:00``; ``Geslacht`` None as ``0`` (onbekend).
* A missing ``Geboortedatum`` or ``Dagtekening`` raises ValueError: there is no honest default.
* The client's name is ``Geslachtsnaam/Achternaam`` = ``naam`` (default "Demo") with
  ``NaamGebruik`` 1 where the message has a full name.

Retour messages copy their heenbericht and add ``RetourCodes`` where the retour XSD has them:
in the Header and at the end of every record element (Client, ToegewezenProduct, Prestatie,
...), all with the same codes. A JW325/WMO325 lists the clients and prestaties only when the
codes reject something; with accepting codes (0001, 8001) the TotaalToegekendBedrag equals
the TotaalIngediendBedrag.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from copy import deepcopy
from datetime import date, time
from functools import cache

from lxml import etree

from passend.domain.records import (
    AanvraagRecord,
    ClientGegevens,
    DeclaratieKop,
    Domein,
    Kop,
    LeveringRecord,
    Omvang,
    PrestatieRecord,
    ToewijzingRecord,
)

__all__ = [
    "BERICHTCODES",
    "XSD_VERSIE",
    "antwoord_verzoek",
    "declaratiebericht",
    "retourbericht",
    "startbericht",
    "stopbericht",
    "toewijzingbericht",
    "verzoek_om_toewijzing",
    "verzoek_om_wijziging",
]

BERICHTCODES: dict[str, str] = {
    "JW301": "436",
    "JW302": "437",
    "JW305": "438",
    "JW306": "439",
    "JW307": "440",
    "JW308": "441",
    "JW315": "446",
    "JW316": "447",
    "JW317": "486",
    "JW318": "487",
    "JW319": "488",
    "JW320": "489",
    "JW323": "490",
    "JW325": "491",
    "WMO301": "414",
    "WMO302": "415",
    "WMO305": "418",
    "WMO306": "419",
    "WMO307": "420",
    "WMO308": "421",
    "WMO315": "444",
    "WMO316": "445",
    "WMO317": "480",
    "WMO318": "481",
    "WMO319": "482",
    "WMO320": "483",
    "WMO323": "484",
    "WMO325": "485",
}
BERICHTVERSIE = "3"
BERICHTSUBVERSIE = "2"
#: (BasisschemaXsdVersie, BerichtXsdVersie): the appinfo of every iJw 3.2 XSD says 0.1.0.
XSD_VERSIE = ("0.1.0", "0.1.0")
NAAMGEBRUIK_EIGEN = "1"
SOORT_BRP_ADRES = "01"
GESLACHT_ONBEKEND = "0"

#: Message numbers whose sender is the gemeente (the others are sent by the aanbieder).
_VAN_GEMEENTE = frozenset({"301", "302", "319", "320", "325"})
_HEEN_VAN_RETOUR = {
    "302": "301",
    "306": "305",
    "308": "307",
    "316": "315",
    "318": "317",
    "320": "319",
    "325": "323",
}
#: Per retour type, the record elements that end with their own RetourCodes.
_RETOURCODES_IN = {
    "302": frozenset({"Client", "Relatie", "Contact", "ToegewezenProduct"}),
    "306": frozenset({"Client", "StartProduct"}),
    "308": frozenset({"Client", "StopProduct"}),
    "316": frozenset({"Client", "AangevraagdProduct"}),
    "318": frozenset(
        {
            "Client",
            "Verzoek",
            "OngewijzigdProduct",
            "TeWijzigenProduct",
            "NieuwProduct",
        }
    ),
    "320": frozenset({"Antwoord", "Woonplaatsbeginsel"}),
    "325": frozenset({"Client", "Prestatie"}),
}
_ACCEPTEREND = frozenset({"0001", "8001"})
_DEFAULT_NAMESPACE = frozenset({"323", "325"})

Waarde = str | int | date | time | None


def _tekst(waarde: str | int | date | time) -> str:
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, time):
        return waarde.strftime("%H:%M:%S")
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


@cache
def _tag(ns: str, naam: str) -> str:
    return f"{{{ns}}}{naam}"


class _Bericht:
    """One message tree under construction, aware of its two namespaces.

    Prefixes are the lowercase message name (``jw301``) and ``ijw`` / ``iwmo`` for the
    Basisschema, as in the iStandaarden examples. Declaraties and their antwoord (323, 325)
    can carry a million prestaties: there the message namespace is the default namespace,
    which keeps those files smaller and faster to write. XML readers see no difference.
    """

    def __init__(self, berichttype: str, domein: Domein) -> None:
        standaard = "ijw" if domein is Domein.JEUGD else "iwmo"
        self.berichttype = berichttype
        self.ns = f"http://www.istandaarden.nl/{standaard}/3_2/{berichttype.lower()}/schema"
        self.basis = f"http://www.istandaarden.nl/{standaard}/3_2/basisschema/schema"
        prefix = None if berichttype[-3:] in _DEFAULT_NAMESPACE else berichttype.lower()
        nsmap = {prefix: self.ns, standaard: self.basis}
        self.root = etree.Element(_tag(self.ns, "Bericht"), nsmap=nsmap)

    def el(self, ouder: etree._Element, naam: str, waarde: Waarde = None) -> etree._Element:
        """Element declared in the message schema."""
        element = etree.SubElement(ouder, _tag(self.ns, naam))
        if waarde is not None:
            element.text = _tekst(waarde)
        return element

    def bs(self, ouder: etree._Element, naam: str, waarde: Waarde = None) -> etree._Element:
        """Element declared inside a Basisschema complex type."""
        element = etree.SubElement(ouder, _tag(self.basis, naam))
        if waarde is not None:
            element.text = _tekst(waarde)
        return element

    def opt(self, ouder: etree._Element, naam: str, waarde: Waarde) -> None:
        if waarde is not None:
            self.el(ouder, naam, waarde)

    def als_bytes(self) -> bytes:
        return bytes(
            etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )


# -- checks ------------------------------------------------------------------------------


def _prefix(domein: Domein) -> str:
    return "JW" if domein is Domein.JEUGD else "WMO"


def _verwacht_type(kop: Kop, nummer: str) -> str:
    verwacht = _prefix(kop.domein) + nummer
    if kop.berichttype != verwacht:
        raise ValueError(
            f"Kop.berichttype is {kop.berichttype!r}, expected {verwacht!r} for {kop.domein}"
        )
    return verwacht


def _dagtekening(kop: Kop) -> date:
    if kop.dagtekening is None:
        raise ValueError(f"{kop.berichttype} {kop.identificatie}: Dagtekening is required")
    return kop.dagtekening


# -- shared blocks -----------------------------------------------------------------------


def _header(b: _Bericht, kop: Kop, afzender: str, ontvanger: str) -> etree._Element:
    header = b.el(b.root, "Header")
    b.el(header, "BerichtCode", BERICHTCODES[b.berichttype])
    b.el(header, "BerichtVersie", BERICHTVERSIE)
    b.el(header, "BerichtSubversie", BERICHTSUBVERSIE)
    b.el(header, "Afzender", afzender)
    b.el(header, "Ontvanger", ontvanger)
    identificatie = b.el(header, "BerichtIdentificatie")
    b.bs(identificatie, "Identificatie", kop.identificatie)
    b.bs(identificatie, "Dagtekening", _dagtekening(kop))
    _xsd_versie(b, b.el(header, "XsdVersie"))
    return header


def _xsd_versie(b: _Bericht, ouder: etree._Element) -> None:
    b.bs(ouder, "BasisschemaXsdVersie", XSD_VERSIE[0])
    b.bs(ouder, "BerichtXsdVersie", XSD_VERSIE[1])


def _nieuw_bericht(kop: Kop, nummer: str) -> _Bericht:
    b = _Bericht(_verwacht_type(kop, nummer), kop.domein)
    if nummer in _VAN_GEMEENTE:
        _header(b, kop, kop.gemeente, kop.aanbieder)
    else:
        _header(b, kop, kop.aanbieder, kop.gemeente)
    return b


def _client_persoon(
    b: _Bericht, client_el: etree._Element, client: ClientGegevens, naam: str, volledig: bool
) -> None:
    """Bsn, Geboortedatum, Geslacht and Naam, shared by the client blocks."""
    if client.geboortedatum is None:
        raise ValueError("Geboortedatum is required in this message")
    b.el(client_el, "Bsn", client.bsn)
    geboorte = b.el(client_el, "Geboortedatum")
    b.bs(geboorte, "Datum", client.geboortedatum)
    if client.datum_gebruik is not None:
        b.bs(geboorte, "DatumGebruik", client.datum_gebruik)
    b.el(client_el, "Geslacht", client.geslacht or GESLACHT_ONBEKEND)
    naam_el = b.el(client_el, "Naam")
    b.bs(b.bs(naam_el, "Geslachtsnaam"), "Achternaam", naam)
    if volledig:
        b.bs(naam_el, "NaamGebruik", NAAMGEBRUIK_EIGEN)


def _product(b: _Bericht, ouder: etree._Element, categorie: str | None, code: str | None) -> None:
    if categorie is None:
        if code is not None:
            raise ValueError(f"ProductCode {code!r} without ProductCategorie")
        return
    product = b.el(ouder, "Product")
    b.bs(product, "Categorie", categorie)
    if code is not None:
        b.bs(product, "Code", code)


def _omvang(b: _Bericht, ouder: etree._Element, omvang: Omvang | None) -> None:
    if omvang is None:
        return
    element = b.el(ouder, "Omvang")
    b.bs(element, "Volume", omvang.volume)
    b.bs(element, "Eenheid", omvang.eenheid)
    b.bs(element, "Frequentie", omvang.frequentie)


def _periode(b: _Bericht, ouder: etree._Element, naam: str, begin: date, eind: date) -> None:
    periode = b.el(ouder, naam)
    b.bs(periode, "Begindatum", begin)
    b.bs(periode, "Einddatum", eind)


def _bedrag_met_dc(
    b: _Bericht, ouder: etree._Element, naam: str, bedrag: int, dc: str, totaal: bool = False
) -> None:
    if bedrag < 0:
        raise ValueError(f"{naam}: amounts are unsigned, use DebetCredit for the sign")
    element = b.el(ouder, naam)
    b.bs(element, "TotaalBedrag" if totaal else "Bedrag", bedrag)
    b.bs(element, "DebetCredit", dc)


# -- toewijzing (301) ----------------------------------------------------------------------


def toewijzingbericht(
    kop: Kop,
    client: ClientGegevens,
    toewijzingen: Sequence[ToewijzingRecord],
    naam: str = "Demo",
) -> bytes:
    """A JW301/WMO301 toewijzing from the gemeente to the aanbieder."""
    if not toewijzingen:
        raise ValueError("a toewijzingbericht needs at least one ToegewezenProduct")
    b = _nieuw_bericht(kop, "301")
    client_el = b.el(b.root, "Client")
    _client_persoon(b, client_el, client, naam, volledig=True)
    contact = b.el(b.el(client_el, "Contactgegevens"), "Contact")
    b.el(contact, "Soort", SOORT_BRP_ADRES)
    producten = b.el(client_el, "ToegewezenProducten")
    for toewijzing in toewijzingen:
        _toegewezen_product(b, producten, toewijzing)
    return b.als_bytes()


def _toegewezen_product(b: _Bericht, ouder: etree._Element, t: ToewijzingRecord) -> None:
    product = b.el(ouder, "ToegewezenProduct")
    b.el(product, "ToewijzingNummer", t.toewijzingnummer)
    _product(b, product, t.categorie, t.productcode)
    b.el(product, "Toewijzingsdatum", t.toewijzingsdatum)
    b.el(product, "Toewijzingstijd", t.toewijzingstijd or time(0, 0, 0))
    b.el(product, "Ingangsdatum", t.ingangsdatum)
    b.opt(product, "Einddatum", t.einddatum)
    b.opt(product, "RedenWijziging", t.reden_wijziging)
    _omvang(b, product, t.omvang)
    b.opt(product, "Budget", t.budget)


# -- start (305) and stop (307) ----------------------------------------------------------------


def startbericht(
    kop: Kop, client: ClientGegevens, leveringen: Sequence[LeveringRecord], naam: str = "Demo"
) -> bytes:
    """A JW305/WMO305 start zorg from the aanbieder to the gemeente."""
    return _levering_bericht(kop, client, leveringen, naam, "305")


def stopbericht(
    kop: Kop, client: ClientGegevens, leveringen: Sequence[LeveringRecord], naam: str = "Demo"
) -> bytes:
    """A JW307/WMO307 stop zorg from the aanbieder to the gemeente."""
    return _levering_bericht(kop, client, leveringen, naam, "307")


def _levering_bericht(
    kop: Kop,
    client: ClientGegevens,
    leveringen: Sequence[LeveringRecord],
    naam: str,
    nummer: str,
) -> bytes:
    if not leveringen:
        raise ValueError("a start/stop message needs at least one product")
    b = _nieuw_bericht(kop, nummer)
    client_el = b.el(b.root, "Client")
    _client_persoon(b, client_el, client, naam, volledig=False)
    stop = nummer == "307"
    lijst = b.el(client_el, "StopProducten" if stop else "StartProducten")
    for levering in leveringen:
        _levering_product(b, lijst, levering, stop)
    return b.als_bytes()


def _levering_product(b: _Bericht, ouder: etree._Element, lv: LeveringRecord, stop: bool) -> None:
    product = b.el(ouder, "StopProduct" if stop else "StartProduct")
    b.opt(product, "ToewijzingNummer", lv.toewijzingnummer)
    _product(b, product, lv.categorie, lv.productcode)
    b.opt(product, "ToewijzingIngangsdatum", lv.toewijzing_ingangsdatum)
    b.el(product, "Begindatum", lv.begindatum)
    if stop:
        if lv.reden_beeindiging is None or lv.einddatum is None:
            raise ValueError("a StopProduct needs RedenBeeindiging and Einddatum")
        b.el(product, "RedenBeeindiging", lv.reden_beeindiging)
        b.el(product, "Einddatum", lv.einddatum)
    b.el(product, "StatusAanlevering", lv.status_aanlevering)


# -- verzoeken (315, 317) and antwoord (319) -----------------------------------------------------


def verzoek_om_toewijzing(
    kop: Kop,
    client: ClientGegevens,
    aanvragen: Sequence[AanvraagRecord],
    naam: str = "Demo",
    verwijzer_type: str = "02",
    verwijzer_naam: str | None = "Demo",
    omvang: Omvang | None = None,
) -> bytes:
    """A JW315/WMO315 verzoek om toewijzing from the aanbieder.

    ReferentieAanbieder is ``<identificatie>-<n>`` per requested product; the verwijzer
    (COD327, default 02 huisarts) and the optional `omvang` apply to every product.
    """
    if not aanvragen:
        raise ValueError("a verzoek om toewijzing needs at least one AangevraagdProduct")
    b = _nieuw_bericht(kop, "315")
    client_el = b.el(b.root, "Client")
    _client_persoon(b, client_el, client, naam, volledig=False)
    producten = b.el(client_el, "AangevraagdeProducten")
    for volgnummer, aanvraag in enumerate(aanvragen, start=1):
        if aanvraag.gewenste_ingangsdatum is None:
            raise ValueError("an AangevraagdProduct needs a (gewenste) ToewijzingIngangsdatum")
        product = b.el(producten, "AangevraagdProduct")
        b.el(product, "ReferentieAanbieder", f"{kop.identificatie}-{volgnummer}")
        _product(b, product, aanvraag.categorie, aanvraag.productcode)
        b.el(product, "ToewijzingIngangsdatum", aanvraag.gewenste_ingangsdatum)
        _omvang(b, product, omvang)
        verwijzer = b.el(product, "Verwijzer")
        b.bs(verwijzer, "Type", verwijzer_type)
        if verwijzer_naam is not None:
            b.bs(verwijzer, "Naam", verwijzer_naam)
    return b.als_bytes()


def verzoek_om_wijziging(
    kop: Kop,
    client: ClientGegevens,
    referentie: str,
    reden_verzoek: str = "1",
    ongewijzigd: Sequence[int] = (),
    te_wijzigen: Sequence[ToewijzingRecord] = (),
    nieuw: Sequence[AanvraagRecord] = (),
) -> bytes:
    """A JW317/WMO317 verzoek om wijziging from the aanbieder.

    `te_wijzigen` gives the wished state of existing toewijzingen (ToewijzingNummer, the
    ingangsdatum as GewensteIngangsdatum, Einddatum, Omvang, Budget); `nieuw` the products to
    add. RedenVerzoek is WJ758 (1 verandering clientsituatie, 2 wijziging zorgplan).
    """
    if not (ongewijzigd or te_wijzigen or nieuw):
        raise ValueError("a verzoek om wijziging needs at least one product")
    b = _nieuw_bericht(kop, "317")
    client_el = b.el(b.root, "Client")
    b.el(client_el, "Bsn", client.bsn)
    verzoek = b.el(client_el, "Verzoek")
    b.el(verzoek, "ReferentieAanbieder", referentie)
    b.el(verzoek, "RedenVerzoek", reden_verzoek)
    if ongewijzigd:
        lijst = b.el(verzoek, "OngewijzigdeProducten")
        for nummer in ongewijzigd:
            b.el(b.el(lijst, "OngewijzigdProduct"), "ToewijzingNummer", nummer)
    if te_wijzigen:
        _te_wijzigen_producten(b, verzoek, te_wijzigen)
    if nieuw:
        _nieuwe_producten(b, verzoek, nieuw)
    return b.als_bytes()


def _te_wijzigen_producten(
    b: _Bericht, verzoek: etree._Element, te_wijzigen: Sequence[ToewijzingRecord]
) -> None:
    lijst = b.el(verzoek, "TeWijzigenProducten")
    for t in te_wijzigen:
        product = b.el(lijst, "TeWijzigenProduct")
        b.el(product, "ToewijzingNummer", t.toewijzingnummer)
        b.el(product, "GewensteIngangsdatum", t.ingangsdatum)
        b.opt(product, "Einddatum", t.einddatum)
        _omvang(b, product, t.omvang)
        b.opt(product, "Budget", t.budget)


def _nieuwe_producten(
    b: _Bericht, verzoek: etree._Element, nieuw: Sequence[AanvraagRecord]
) -> None:
    lijst = b.el(verzoek, "NieuweProducten")
    for aanvraag in nieuw:
        if aanvraag.gewenste_ingangsdatum is None:
            raise ValueError("a NieuwProduct needs a GewensteIngangsdatum")
        product = b.el(lijst, "NieuwProduct")
        _product(b, product, aanvraag.categorie, aanvraag.productcode)
        b.el(product, "GewensteIngangsdatum", aanvraag.gewenste_ingangsdatum)


def antwoord_verzoek(
    kop: Kop,
    referentie: str,
    verzoek_antwoord: str = "2",
    reden_afwijzing: str | None = None,
    woonplaats_gemeente: str | None = None,
) -> bytes:
    """A JW319/WMO319 antwoordbericht on a verzoek (WJ760: 1 afgewezen, 2 in onderzoek)."""
    b = _nieuw_bericht(kop, "319")
    antwoord = b.el(b.root, "Antwoord")
    b.el(antwoord, "ReferentieAanbieder", referentie)
    b.el(antwoord, "VerzoekAntwoord", verzoek_antwoord)
    b.opt(antwoord, "RedenAfwijzingVerzoek", reden_afwijzing)
    if woonplaats_gemeente is not None:
        b.el(b.el(antwoord, "Woonplaatsbeginsel"), "Gemeente", woonplaats_gemeente)
    return b.als_bytes()


# -- declaratie (323) ------------------------------------------------------------------------


def declaratiebericht(declaratie: DeclaratieKop, prestaties: Sequence[PrestatieRecord]) -> bytes:
    """A JW323/WMO323 declaratie; clients grouped by BSN in order of first appearance.

    Amounts are written as given: the TotaalIngediendBedrag is the DeclaratieKop's.
    """
    if not prestaties:
        raise ValueError("a declaratie needs at least one Prestatie")
    b = _nieuw_bericht(declaratie.kop, "323")
    element = b.el(b.root, "Declaratie")
    b.el(element, "DeclaratieNummer", declaratie.declaratienummer)
    _periode(b, element, "DeclaratiePeriode", declaratie.periode_begin, declaratie.periode_eind)
    b.el(element, "DeclaratieDagtekening", declaratie.dagtekening)
    _bedrag_met_dc(
        b,
        element,
        "TotaalIngediendBedrag",
        declaratie.totaal_bedrag,
        declaratie.totaal_debet_credit,
        totaal=True,
    )
    clienten = b.el(element, "Clienten")
    for bsn, regels in _per_bsn(prestaties).items():
        client_el = b.el(clienten, "Client")
        b.el(client_el, "Bsn", bsn)
        lijst = b.el(client_el, "Prestaties")
        for prestatie in regels:
            _prestatie(b, lijst, prestatie)
    return b.als_bytes()


def _per_bsn(prestaties: Sequence[PrestatieRecord]) -> dict[str, list[PrestatieRecord]]:
    groepen: dict[str, list[PrestatieRecord]] = {}
    for prestatie in prestaties:
        groepen.setdefault(prestatie.client.bsn, []).append(prestatie)
    return groepen


def _prestatie(b: _Bericht, ouder: etree._Element, p: PrestatieRecord) -> None:
    element = b.el(ouder, "Prestatie")
    referentie = b.el(element, "ProductReferentie")
    b.bs(referentie, "ReferentieNummer", p.referentie)
    if p.vorige_referentie is not None:
        b.bs(referentie, "VorigReferentieNummer", p.vorige_referentie)
    b.el(element, "ToewijzingNummer", p.toewijzingnummer)
    b.el(element, "ProductCategorie", p.categorie)
    b.el(element, "ProductCode", p.productcode)
    _periode(b, element, "ProductPeriode", p.periode_begin, p.periode_eind)
    b.el(element, "GeleverdVolume", p.volume)
    b.el(element, "Eenheid", p.eenheid)
    b.opt(element, "ProductTarief", p.tarief)
    _bedrag_met_dc(b, element, "IngediendBedrag", p.bedrag, p.debet_credit)


# -- retour ------------------------------------------------------------------------------


def retourbericht(
    berichttype: str,
    kop: Kop,
    heenbericht: bytes,
    retourcodes: Sequence[str] = ("0001",),
    afgewezen: Collection[str] = (),
) -> bytes:
    """The retour (302/306/308/316/318/320/325, iJw or iWmo) on `heenbericht`.

    `kop` identifies the retour itself (berichttype, identificatie, dagtekening); its
    gemeente and aanbieder must match the heenbericht's header. A 325 with `afgewezen`
    (ReferentieNummers) rejects those prestaties only, with `retourcodes`, and grants the
    rest; without, it grants all (accepting codes) or rejects all.
    """
    if kop.berichttype != berichttype:
        raise ValueError(f"Kop.berichttype {kop.berichttype!r} != {berichttype!r}")
    nummer = berichttype.removeprefix(_prefix(kop.domein))
    if nummer not in _HEEN_VAN_RETOUR or not retourcodes:
        raise ValueError(f"{berichttype} is not a retour type of {kop.domein}, or no codes")
    heen = _Heen(heenbericht, kop.domein, _HEEN_VAN_RETOUR[nummer])
    heen.controleer_partijen(kop)
    b = _Bericht(berichttype, kop.domein)
    if nummer == "325":
        _declaratie_antwoord(b, kop, heen, retourcodes, frozenset(afgewezen))
    else:
        _retour_kopie(b, kop, heen, _RETOURCODES_IN[nummer], retourcodes)
    return b.als_bytes()


class _Heen:
    """The parsed heenbericht of a retour."""

    def __init__(self, data: bytes, domein: Domein, nummer: str) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
        self.root = etree.fromstring(data, parser)
        self.berichttype = _prefix(domein) + nummer
        self.ns = _Bericht(self.berichttype, domein).ns
        if self.root.tag != f"{{{self.ns}}}Bericht":
            raise ValueError(f"heenbericht is not a {self.berichttype} message")
        self.header = self.kind(self.root, "Header")

    def kind(self, ouder: etree._Element, naam: str) -> etree._Element:
        element = ouder.find(f"{{{self.ns}}}{naam}")
        if element is None:
            raise ValueError(f"heenbericht {self.berichttype} lacks {naam}")
        return element

    def header_tekst(self, naam: str) -> str:
        return (self.kind(self.header, naam).text or "").strip()

    def identificatie(self) -> etree._Element:
        return self.kind(self.header, "BerichtIdentificatie")

    def controleer_partijen(self, kop: Kop) -> None:
        partijen = {self.header_tekst("Afzender"), self.header_tekst("Ontvanger")}
        if partijen != {kop.gemeente, kop.aanbieder}:
            raise ValueError("Kop gemeente/aanbieder do not match the heenbericht's header")


def _met_teken(heen: _Heen, element: etree._Element | None, naam: str) -> int:
    """A BedragMetDC of the heenbericht as signed eurocents."""
    if element is None:
        raise ValueError("heenbericht prestatie lacks IngediendBedrag")
    waarden = {etree.QName(k).localname: (k.text or "").strip() for k in element}
    bedrag = int(waarden[naam])
    return -bedrag if waarden.get("DebetCredit") == "C" else bedrag


def _alleen_afgewezen(
    heen: _Heen, clienten: etree._Element, afgewezen: frozenset[str]
) -> etree._Element:
    """A copy of the heenbericht's Clienten holding only the prestaties in `afgewezen`."""
    kopie = deepcopy(clienten)
    for client in list(kopie):
        for prestatie in list(client.iter(f"{{{heen.ns}}}Prestatie")):
            referentie = next(
                (
                    (e.text or "").strip()
                    for e in prestatie.iter()
                    if isinstance(e.tag, str) and etree.QName(e).localname == "ReferentieNummer"
                ),
                "",
            )
            if referentie not in afgewezen:
                prestatie.getparent().remove(prestatie)
        if not len(client.find(f"{{{heen.ns}}}Prestaties")):
            kopie.remove(client)
    if not len(kopie):
        raise ValueError("none of the afgewezen ReferentieNummers is in the heenbericht")
    return kopie


def _kopieer(
    b: _Bericht,
    ouder: etree._Element,
    bron: etree._Element,
    heen_ns: str,
    met_codes: Collection[str],
    codes: Sequence[str],
) -> etree._Element:
    """Copy `bron` under `ouder` into the retour namespaces, adding RetourCodes."""
    qname = etree.QName(bron)
    eigen = qname.namespace == heen_ns
    element = (b.el if eigen else b.bs)(ouder, qname.localname)
    kinderen = [kind for kind in bron if isinstance(kind.tag, str)]
    if not kinderen:
        element.text = bron.text
    for kind in kinderen:
        _kopieer(b, element, kind, heen_ns, met_codes, codes)
    if eigen and qname.localname in met_codes:
        _retourcodes(b, element, codes)
    return element


def _kopieer_inhoud(b: _Bericht, ouder: etree._Element, naam: str, bron: etree._Element) -> None:
    """A message-namespace element `naam` holding a copy of `bron`'s (basisschema) children."""
    element = b.el(ouder, naam)
    for kind in bron:
        if isinstance(kind.tag, str):
            b.bs(element, etree.QName(kind).localname, kind.text)


def _retourcodes(b: _Bericht, ouder: etree._Element, codes: Sequence[str]) -> None:
    lijst = b.el(ouder, "RetourCodes")
    for code in codes:
        b.el(lijst, "RetourCode", code)


def _retour_kopie(
    b: _Bericht, kop: Kop, heen: _Heen, met_codes: Collection[str], codes: Sequence[str]
) -> None:
    header = _header(b, kop, heen.header_tekst("Afzender"), heen.header_tekst("Ontvanger"))
    identificatie = heen.identificatie()
    b.el(header, "IdentificatieRetour", _tekst_van(identificatie, "Identificatie"))
    b.el(header, "DagtekeningRetour", _tekst_van(identificatie, "Dagtekening"))
    _kopieer_inhoud(b, header, "XsdVersieRetour", heen.kind(heen.header, "XsdVersie"))
    _retourcodes(b, header, codes)
    for kind in heen.root:
        if isinstance(kind.tag, str) and kind is not heen.header:
            _kopieer(b, b.root, kind, heen.ns, met_codes, codes)


def _tekst_van(ouder: etree._Element, naam: str) -> str:
    for kind in ouder:
        if isinstance(kind.tag, str) and etree.QName(kind).localname == naam:
            return (kind.text or "").strip()
    raise ValueError(f"heenbericht lacks {naam}")


def _declaratie_antwoord(
    b: _Bericht, kop: Kop, heen: _Heen, codes: Sequence[str], afgewezen: frozenset[str]
) -> None:
    # The declaratie went aanbieder -> gemeente; its antwoord goes back the other way.
    header = _header(b, kop, heen.header_tekst("Ontvanger"), heen.header_tekst("Afzender"))
    _kopieer_inhoud(b, header, "DeclaratieIdentificatie", heen.identificatie())
    _kopieer_inhoud(b, header, "XsdVersieDeclaratie", heen.kind(heen.header, "XsdVersie"))
    _retourcodes(b, header, codes)
    declaratie = heen.kind(heen.root, "Declaratie")
    antwoord = b.el(b.root, "DeclaratieAntwoord")
    b.el(antwoord, "DeclaratieNummer", (heen.kind(declaratie, "DeclaratieNummer").text or ""))
    ingediend = heen.kind(declaratie, "TotaalIngediendBedrag")
    _kopieer_inhoud(b, antwoord, "TotaalIngediendBedrag", ingediend)
    geaccepteerd = set(codes) <= _ACCEPTEREND
    if afgewezen:
        clienten = _alleen_afgewezen(heen, heen.kind(declaratie, "Clienten"), afgewezen)
        toegekend = _met_teken(heen, ingediend, "TotaalBedrag") - sum(
            _met_teken(heen, p.find(f"{{{heen.ns}}}IngediendBedrag"), "Bedrag")
            for p in clienten.iter(f"{{{heen.ns}}}Prestatie")
        )
        dc = "C" if toegekend < 0 else "D"
        _bedrag_met_dc(b, antwoord, "TotaalToegekendBedrag", abs(toegekend), dc, totaal=True)
        _kopieer(b, antwoord, clienten, heen.ns, _RETOURCODES_IN["325"], codes)
    elif geaccepteerd:
        _kopieer_inhoud(b, antwoord, "TotaalToegekendBedrag", ingediend)
    else:
        _bedrag_met_dc(b, antwoord, "TotaalToegekendBedrag", 0, "D", totaal=True)
        _kopieer(
            b, antwoord, heen.kind(declaratie, "Clienten"), heen.ns, _RETOURCODES_IN["325"], codes
        )
    _retourcodes(b, antwoord, codes)
