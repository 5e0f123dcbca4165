"""The tariff sheet page: the contractmanager stores a sheet, sees it beside the declared
tariffs, and sets it into the register (docs/contractering.md, Tariefblad).

The sheet holds 45A01 per hour with the published worked example: loonkosten € 24.68 per
hour, productiviteit 0.80, overhead 0.20: € 37.02, rounded to a multiple of 60 cents
€ 37.20. The test messages declare 45A01 at € 90.00 (12 hours, Alblasserdam, January 2024):
one line, median € 90.00, so the sheet is 3720 / 9000 − 1 = −58.7% below it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from passend.contracten.models import Contracttarief, Tariefblad

pytestmark = pytest.mark.django_db

BLAD = {
    "deelbaar_door_60": True,
    "producten": [
        {
            "productcategorie": "45",
            "productcode": "45A01",
            "eenheid": "04",
            "omschrijving": "Ambulant",
            "loonkosten_per_uur": 24.68,
            "productiviteit": 0.80,
            "overhead": 0.20,
        }
    ],
}
URL = "/contracten/tarieven/?gebied=Zuid-Holland+Zuid"


def _upload(client, inhoud, naam="blad.json"):
    bestand = SimpleUploadedFile(naam, inhoud, content_type="application/json")
    return client.post(
        "/contracten/tarieven/",
        {"gebied": "Zuid-Holland Zuid", "actie": "blad", "blad": bestand},
        follow=True,
    )


def test_the_contractmanager_stores_a_sheet_and_sees_it_beside_the_declarations(
    als, register, geladen
):
    client = als("contract")
    assert "nog geen tariefblad" in client.get(URL).content.decode()
    pagina = _upload(client, json.dumps(BLAD).encode()).content.decode()
    assert "Het tariefblad is opgeslagen." in pagina
    assert Tariefblad.objects.get().gewijzigd_door == "contract"
    tekst = client.get(URL + "&jaar=2024").content.decode()
    assert "€ 37,20" in tekst and "€ 90,00" in tekst and "-58,7%" in tekst
    csv = client.get(URL + "&jaar=2024&export=tariefblad&formaat=csv").content.decode("utf-8-sig")
    kop, rij = csv.strip().splitlines()[:2]
    velden = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert velden["Tarief (€)"] == "37,20" and velden["Loonkosten per uur (€)"] == "24,68"
    assert velden["Mediaan gedeclareerd (€)"] == "90,00"
    assert velden["Gedeclareerde regels"] == "1" and velden["Verschil met mediaan (%)"] == "-0,5867"
    download = client.get(URL + "&document=json")
    assert json.loads(download.content) == BLAD
    assert "tariefblad-zuid-holland-zuid.json" in download["Content-Disposition"]


def test_the_sheet_goes_into_the_register_from_a_date(als, register, geladen):
    """ZHZ-4A has 45A01 at € 85.20 from 1 January 2024: from 1 July it is € 37.20, the old
    line ends on 30 June. DOR-W (Wmo, no 45A01) is left alone."""
    client = als("contract")
    _upload(client, json.dumps(BLAD).encode())
    pagina = client.post(
        "/contracten/tarieven/",
        {"gebied": "Zuid-Holland Zuid", "actie": "register", "vanaf": "2024-07-01"},
        follow=True,
    ).content.decode()
    assert "1 tariefregel(s) in 1 contract(en) vanaf 01-07-2024" in pagina
    regels = Contracttarief.objects.filter(contract__contractnummer="ZHZ-4A").order_by(
        "geldig_vanaf"
    )
    assert [(r.tarief, r.geldig_vanaf, r.geldig_tot) for r in regels] == [
        (8520, date(2024, 1, 1), date(2024, 6, 30)),
        (3720, date(2024, 7, 1), None),
    ]
    assert not Contracttarief.objects.filter(contract__contractnummer="DOR-W").exists()


def test_a_wrong_sheet_is_refused_with_its_reason(als, register):
    client = als("contract")
    pagina = _upload(client, b"{niet: json").content.decode()
    assert "het bestand is geen JSON" in pagina
    fout = {"producten": [{**BLAD["producten"][0], "productiviteit": 1.5}]}
    pagina = _upload(client, json.dumps(fout).encode()).content.decode()
    assert "Product 1: De productiviteit ligt tussen 0 en 1" in pagina
    assert not Tariefblad.objects.exists()


def test_who_may_only_read_cannot_change_the_sheet_or_the_register(als, register):
    _upload(als("contract"), json.dumps(BLAD).encode())
    lezer = als("beleid")
    assert lezer.get("/contracten/tarieven/").status_code == 200
    antwoord = lezer.post(
        "/contracten/tarieven/", {"gebied": "0505", "actie": "register", "vanaf": "2024-07-01"}
    )
    assert antwoord.status_code == 404
    assert Contracttarief.objects.filter(tarief=3720).count() == 0
    assert als("raad").get(URL).status_code in (302, 403)
