"""The iJw/iWmo writer: every message type validates against the official XSDs."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
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
from passend.istandaarden import writer
from passend.istandaarden.reader import BerichtLezer

from .xml_hulp import IJW_BASIS, IWMO_BASIS, valideer, valideer_jeugd, valideer_wmo, xsd

GEMEENTE, AGB = "0505", "99990001"
CLIENT = ClientGegevens("999990019", date(2008, 5, 3), None, "1")
CLIENT_B = ClientGegevens("999990020", date(2010, 1, 1), "1", "2")


def kop(nummer: str, domein: Domein = Domein.JEUGD, identificatie: str = "DEMO00000001") -> Kop:
    prefix = "JW" if domein is Domein.JEUGD else "WMO"
    return Kop(prefix + nummer, domein, GEMEENTE, AGB, identificatie, date(2024, 3, 4))


def toewijzing(k: Kop, nummer: int = 1, **velden: object) -> ToewijzingRecord:
    basis: dict[str, object] = dict(
        kop=k,
        client=CLIENT,
        toewijzingnummer=nummer,
        categorie="45",
        productcode="45A01",
        toewijzingsdatum=date(2024, 3, 4),
        toewijzingstijd=time(9, 5, 7),
        ingangsdatum=date(2024, 3, 15),
        einddatum=date(2024, 9, 14),
        omvang=Omvang(2, "04", "2"),
    )
    basis.update(velden)
    return ToewijzingRecord(**basis)  # type: ignore[arg-type]


def levering(k: Kop, stop: bool = False, **velden: object) -> LeveringRecord:
    basis: dict[str, object] = dict(
        kop=k,
        client=CLIENT,
        soort="stop" if stop else "start",
        toewijzingnummer=1,
        categorie="45",
        productcode="45A01",
        toewijzing_ingangsdatum=date(2024, 3, 15),
        begindatum=date(2024, 3, 20),
        einddatum=date(2024, 6, 1) if stop else None,
        reden_beeindiging="31" if stop else None,
    )
    basis.update(velden)
    return LeveringRecord(**basis)  # type: ignore[arg-type]


def declaratie(domein: Domein = Domein.JEUGD, categorie: str = "45") -> bytes:
    """Two clients (one appearing twice, not adjacent), a credit line, no tarief on one."""
    k = kop("323", domein)
    regels = [
        (CLIENT, "R1", None, 10, 9500, "D"),
        (CLIENT_B, "R2", None, 3, 9500, "D"),
        (CLIENT, "R3", "R0", 4, 9500, "C"),
        (CLIENT_B, "R4", None, 250, None, "D"),  # eenheid 83 without tarief
    ]
    totaal = 10 * 9500 + 3 * 9500 - 4 * 9500 + 25000
    dk = DeclaratieKop(
        k, "DEMO1", date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 4), totaal, "D"
    )
    prestaties = [
        PrestatieRecord(
            dk,
            c,
            ref,
            vorige,
            7,
            categorie,
            "45A01",
            date(2024, 2, 1),
            date(2024, 2, 29),
            vol,
            "83" if tarief is None else "04",
            tarief,
            vol * (tarief or 100),
            dc,
        )
        for c, ref, vorige, vol, tarief, dc in regels
    ]
    return writer.declaratiebericht(dk, prestaties)


def heenberichten(domein: Domein) -> dict[str, bytes]:
    """One heenbericht per type, filled for `domein`."""
    cat = "45" if domein is Domein.JEUGD else "02"
    reden = "31" if domein is Domein.JEUGD else "19"
    t = toewijzing(kop("301", domein), categorie=cat, productcode=f"{cat}A01")
    aanvraag = AanvraagRecord(kop("315", domein), CLIENT, cat, f"{cat}A01", date(2024, 4, 1))
    return {
        "301": writer.toewijzingbericht(kop("301", domein), CLIENT, [t]),
        "305": writer.startbericht(
            kop("305", domein),
            CLIENT,
            [levering(kop("305", domein), categorie=cat, productcode=f"{cat}A01")],
        ),
        "307": writer.stopbericht(
            kop("307", domein),
            CLIENT,
            [
                levering(
                    kop("307", domein),
                    True,
                    categorie=cat,
                    productcode=f"{cat}A01",
                    reden_beeindiging=reden,
                )
            ],
        ),
        "315": writer.verzoek_om_toewijzing(
            kop("315", domein), CLIENT, [aanvraag], omvang=Omvang(3, "04", "2")
        ),
        "317": writer.verzoek_om_wijziging(
            kop("317", domein),
            CLIENT,
            "REF-1",
            "2",
            ongewijzigd=[5],
            te_wijzigen=[t],
            nieuw=[aanvraag],
        ),
        "319": writer.antwoord_verzoek(kop("319", domein), "REF-1", "1", "2", "0505"),
        "323": declaratie(domein, cat),
    }


RETOUR_VAN = {
    "302": "301",
    "306": "305",
    "308": "307",
    "316": "315",
    "318": "317",
    "320": "319",
    "325": "323",
}


# -- Jeugd: every type against the official XSD -------------------------------------------


@pytest.mark.parametrize("nummer", ["301", "305", "307", "315", "317", "319", "323"])
def test_jeugd_heenberichten_validate(nummer):
    data = heenberichten(Domein.JEUGD)[nummer]
    assert valideer_jeugd(data) == f"JW{nummer}"


@pytest.mark.parametrize("retour", sorted(RETOUR_VAN))
@pytest.mark.parametrize("codes", [("0001",), ("8001",), ("9019", "9056")])
def test_jeugd_retourberichten_validate(retour, codes):
    heen = heenberichten(Domein.JEUGD)[RETOUR_VAN[retour]]
    data = writer.retourbericht(f"JW{retour}", kop(retour, identificatie="DEMO9"), heen, codes)
    assert valideer_jeugd(data) == f"JW{retour}"
    root = etree.fromstring(data)
    gevonden = [e.text for e in root.iter(f"{{{etree.QName(root).namespace}}}RetourCode")]
    assert set(gevonden) == set(codes)


def test_toewijzing_edge_cases_validate():
    k = kop("301")
    varianten = [
        toewijzing(k, 1, einddatum=None, toewijzingstijd=None),  # optional absent
        toewijzing(k, 2, productcode=None, omvang=None, budget=250000),  # aspecifiek
        toewijzing(k, 3, categorie=None, productcode=None, omvang=None, budget=99999900),
        toewijzing(k, 4, reden_wijziging="04", omvang=Omvang(31, "14", "4")),
    ]
    for client in (CLIENT, CLIENT_B):  # CLIENT_B has DatumGebruik
        data = writer.toewijzingbericht(k, client, varianten)
        valideer_jeugd(data)
    root = etree.fromstring(data)
    assert root.findtext(f".//{{{IJW_BASIS}}}DatumGebruik") == "1"


def test_toewijzing_content_and_namespaces():
    k = kop("301")
    data = writer.toewijzingbericht(
        k,
        CLIENT,
        [
            toewijzing(k, 1),
            toewijzing(
                k,
                2,
                einddatum=None,
                toewijzingstijd=None,
                omvang=None,
                categorie=None,
                productcode=None,
                budget=100,
            ),
        ],
    )
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    ns = "http://www.istandaarden.nl/ijw/3_2/jw301/schema"
    assert root.tag == f"{{{ns}}}Bericht"
    assert root.findtext(f"{{{ns}}}Header/{{{ns}}}BerichtCode") == "436"
    assert root.findtext(f".//{{{ns}}}Afzender") == GEMEENTE
    assert root.findtext(f".//{{{ns}}}Ontvanger") == AGB
    assert root.findtext(f".//{{{IJW_BASIS}}}Identificatie") == "DEMO00000001"
    assert root.findtext(f".//{{{IJW_BASIS}}}Achternaam") == "Demo"
    assert root.findtext(f".//{{{IJW_BASIS}}}BerichtXsdVersie") == "0.1.0"
    assert root.findtext(f".//{{{ns}}}Contact/{{{ns}}}Soort") == "01"
    eerste, tweede = root.iter(f"{{{ns}}}ToegewezenProduct")
    assert eerste.findtext(f"{{{ns}}}Toewijzingstijd") == "09:05:07"
    assert eerste.findtext(f"{{{ns}}}Product/{{{IJW_BASIS}}}Code") == "45A01"
    assert eerste.findtext(f"{{{ns}}}Omvang/{{{IJW_BASIS}}}Frequentie") == "2"
    assert tweede.findtext(f"{{{ns}}}Toewijzingstijd") == "00:00:00"
    for afwezig in ("Einddatum", "RedenWijziging", "Omvang", "Product"):
        assert tweede.find(f"{{{ns}}}{afwezig}") is None
    assert tweede.findtext(f"{{{ns}}}Budget") == "100"


def test_start_and_stop_headers_run_from_aanbieder_to_gemeente():
    for nummer in ("305", "307"):
        root = etree.fromstring(heenberichten(Domein.JEUGD)[nummer])
        ns = etree.QName(root).namespace
        assert root.findtext(f".//{{{ns}}}Afzender") == AGB
        assert root.findtext(f".//{{{ns}}}Ontvanger") == GEMEENTE


def test_start_without_optional_product_fields_validates():
    k = kop("305")
    data = writer.startbericht(
        k,
        CLIENT_B,
        [
            levering(
                k,
                toewijzingnummer=None,
                categorie=None,
                productcode=None,
                toewijzing_ingangsdatum=None,
                status_aanlevering="2",
            )
        ],
    )
    valideer_jeugd(data)


def test_declaratie_groups_clients_by_bsn_in_order_of_first_appearance():
    root = etree.fromstring(declaratie())
    valideer_jeugd(root)
    ns = etree.QName(root).namespace
    clienten = root.findall(f".//{{{ns}}}Client")
    assert [c.findtext(f"{{{ns}}}Bsn") for c in clienten] == [CLIENT.bsn, CLIENT_B.bsn]
    referenties = [
        [p.findtext(f".//{{{IJW_BASIS}}}ReferentieNummer") for p in c.iter(f"{{{ns}}}Prestatie")]
        for c in clienten
    ]
    assert referenties == [["R1", "R3"], ["R2", "R4"]]
    credit = clienten[0].findall(f".//{{{ns}}}Prestatie")[1]
    assert credit.findtext(f".//{{{IJW_BASIS}}}VorigReferentieNummer") == "R0"
    assert credit.findtext(f".//{{{IJW_BASIS}}}DebetCredit") == "C"
    zonder_tarief = clienten[1].findall(f".//{{{ns}}}Prestatie")[1]
    assert zonder_tarief.find(f"{{{ns}}}ProductTarief") is None


def test_declaratieantwoord_lists_prestaties_only_when_rejected():
    heen = declaratie()
    k = kop("325", identificatie="DEMO9")
    akkoord = etree.fromstring(writer.retourbericht("JW325", k, heen, ("8001",)))
    ns = etree.QName(akkoord).namespace
    assert akkoord.find(f".//{{{ns}}}Clienten") is None
    assert akkoord.findtext(
        f".//{{{ns}}}TotaalToegekendBedrag/{{{IJW_BASIS}}}TotaalBedrag"
    ) == akkoord.findtext(f".//{{{ns}}}TotaalIngediendBedrag/{{{IJW_BASIS}}}TotaalBedrag")
    assert akkoord.findtext(f".//{{{ns}}}Afzender") == GEMEENTE
    afgewezen = etree.fromstring(writer.retourbericht("JW325", k, heen, ("9346",)))
    assert len(afgewezen.findall(f".//{{{ns}}}Prestatie")) == 4
    assert (
        afgewezen.findtext(f".//{{{ns}}}DeclaratieIdentificatie/{{{IJW_BASIS}}}Identificatie")
        == "DEMO00000001"
    )


@pytest.mark.parametrize("domein", [Domein.JEUGD, Domein.WMO])
def test_declaratieantwoord_rejects_only_the_prestaties_named(domein):
    """Submitted 95,000 + 28,500 − 38,000 + 25,000 = 110,500. R2 (a 28,500 debet) and R3 (a
    38,000 credit) rejected: granted = 110,500 − 28,500 + 38,000 = 120,000; only the two
    named lines (of two clients) are listed."""
    heen = declaratie(domein, "45" if domein is Domein.JEUGD else "02")
    k = kop("325", domein, identificatie="DEMO9")
    prefix = "JW" if domein is Domein.JEUGD else "WMO"
    data = writer.retourbericht(f"{prefix}325", k, heen, ("9321",), afgewezen=["R2", "R3"])
    assert valideer(data) == f"{prefix}325"
    root = etree.fromstring(data)
    ns = etree.QName(root).namespace
    basis = IJW_BASIS if domein is Domein.JEUGD else IWMO_BASIS
    genoemd = [
        p.findtext(f".//{{{basis}}}ReferentieNummer") for p in root.iter(f"{{{ns}}}Prestatie")
    ]
    assert genoemd == ["R3", "R2"]  # per client, in the order of the heenbericht
    toegekend = root.find(f".//{{{ns}}}TotaalToegekendBedrag")
    assert toegekend.findtext(f"{{{basis}}}TotaalBedrag") == "120000"
    assert toegekend.findtext(f"{{{basis}}}DebetCredit") == "D"
    with pytest.raises(ValueError, match="none of the afgewezen"):
        writer.retourbericht(f"{prefix}325", k, heen, ("9321",), afgewezen=["R9"])


def test_retour_copies_heenbericht_identification():
    heen = heenberichten(Domein.JEUGD)["305"]
    root = etree.fromstring(writer.retourbericht("JW306", kop("306", identificatie="R9"), heen))
    ns = etree.QName(root).namespace
    assert root.findtext(f".//{{{ns}}}IdentificatieRetour") == "DEMO00000001"
    assert root.findtext(f".//{{{ns}}}DagtekeningRetour") == "2024-03-04"
    assert root.findtext(f".//{{{ns}}}BerichtIdentificatie/{{{IJW_BASIS}}}Identificatie") == "R9"


# -- Wmo ------------------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", ["301", "305", "307", "315", "317", "319", "323"])
def test_wmo_heenberichten_have_wmo_structure(nummer):
    data = heenberichten(Domein.WMO)[nummer]
    assert valideer_wmo(data) == f"WMO{nummer}"
    root = etree.fromstring(data)
    assert root.tag == f"{{http://www.istandaarden.nl/iwmo/3_2/wmo{nummer}/schema}}Bericht"
    assert root.nsmap["iwmo"] == IWMO_BASIS


@pytest.mark.parametrize("retour", sorted(RETOUR_VAN))
def test_wmo_retourberichten_have_wmo_structure(retour):
    heen = heenberichten(Domein.WMO)[RETOUR_VAN[retour]]
    data = writer.retourbericht(f"WMO{retour}", kop(retour, Domein.WMO, "DEMO9"), heen)
    assert valideer(data) == f"WMO{retour}"


def test_wmo_twin_check_rejects_a_jeugd_code():
    data = heenberichten(Domein.WMO)["301"].replace(b"<iwmo:Categorie>02<", b"<iwmo:Categorie>45<")
    with pytest.raises(AssertionError, match="Wmo productcategorie"):
        valideer_wmo(data)


# -- contract ------------------------------------------------------------------------------


def test_output_is_deterministic():
    assert heenberichten(Domein.JEUGD) == heenberichten(Domein.JEUGD)


def test_kop_must_match_the_message_type_and_domain():
    with pytest.raises(ValueError, match="JW301"):
        writer.toewijzingbericht(kop("305"), CLIENT, [toewijzing(kop("305"))])
    wmo_kop = Kop("JW301", Domein.WMO, GEMEENTE, AGB, "X", date(2024, 1, 1))
    with pytest.raises(ValueError, match="WMO301"):
        writer.toewijzingbericht(wmo_kop, CLIENT, [toewijzing(wmo_kop)])


def test_retour_rejects_a_heenbericht_of_the_wrong_type():
    heen = heenberichten(Domein.JEUGD)["305"]
    with pytest.raises(ValueError, match="JW301"):
        writer.retourbericht("JW302", kop("302"), heen)
    with pytest.raises(ValueError, match="berichttype"):
        writer.retourbericht("JW306", kop("302"), heen)


def test_missing_required_values_raise():
    k = kop("307")
    with pytest.raises(ValueError, match="RedenBeeindiging"):
        writer.stopbericht(k, CLIENT, [levering(k, True, reden_beeindiging=None)])
    with pytest.raises(ValueError, match="Geboortedatum"):
        writer.startbericht(kop("305"), ClientGegevens("999990019"), [levering(kop("305"))])


def test_xsd_helper_fails_loudly_for_an_unknown_type():
    with pytest.raises(AssertionError, match="missing"):
        xsd("JW399")


@pytest.mark.parametrize("domein", [Domein.JEUGD, Domein.WMO])
def test_the_reader_takes_the_answer_back_whole(domein):
    """What the writer puts in a 325, the reader reads back as one Declaratieantwoord."""
    heen = declaratie(domein, "45" if domein is Domein.JEUGD else "02")
    prefix = "JW" if domein is Domein.JEUGD else "WMO"
    k = kop("325", domein, identificatie="DEMO9")
    data = writer.retourbericht(f"{prefix}325", k, heen, ("9321",), afgewezen=["R2", "R3"])
    lezer = BerichtLezer("antwoord.xml", io.BytesIO(data))
    assert list(lezer) == []  # no care records, no problems
    antwoord = lezer.info.antwoord
    assert antwoord is not None
    assert (antwoord.declaratienummer, antwoord.declaratie_identificatie) == (
        "DEMO1",
        "DEMO00000001",
    )
    assert (antwoord.ingediend, antwoord.toegekend) == (110_500, 120_000)
    assert [(p.referentie, p.bedrag, p.retourcode) for p in antwoord.afgewezen] == [
        ("R3", -38_000, "9321"),
        ("R2", 28_500, "9321"),
    ]
    assert (antwoord.kop.gemeente, antwoord.kop.identificatie) == (GEMEENTE, "DEMO9")


def test_an_answer_rejecting_more_than_the_cap_is_refused_once(monkeypatch):
    """Rejected prestaties are held in memory until the answer is complete: beyond the cap
    the answer is refused with one reason, not one per prestatie."""
    from passend.istandaarden import reader

    monkeypatch.setattr(reader, "MAX_AFGEWEZEN", 1)
    heen = declaratie()
    k = kop("325", identificatie="DEMO9")
    data = writer.retourbericht("JW325", k, heen, ("9321",), afgewezen=["R1", "R2", "R4"])
    lezer = BerichtLezer("antwoord.xml", io.BytesIO(data))
    (uitkomst,) = list(lezer)
    meldingen = [p.melding for p in uitkomst.problemen]
    assert len(meldingen) == 1 and "meer dan 1 prestaties af" in meldingen[0]
    assert lezer.info.antwoord is None
