"""The contract register pages: scope, the editor with the import's rules, and the check of
the loaded messages against the register."""

from __future__ import annotations

from datetime import date

import pytest

from passend.contracten.models import (
    Bestedingsruimte,
    Clientenstop,
    Contract,
    Contractpartij,
    Contracttarief,
)
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer
from tests import berichten as b

pytestmark = pytest.mark.django_db


def _nieuw(**wijzig):
    data = {
        "contractnummer": "ZHZ-NIEUW",
        "hoofdaannemer": "11112222",
        "onderaannemers": "33334444, 55556666",
        "gebied": "Zuid-Holland Zuid",
        "domein": "jeugd",
        "segment": "4B",
        "uitvoeringsvariant": "outputgericht",
        "procedure": "open-house",
        "ingangsdatum": "2025-01-01",
        "einddatum": "2028-12-31",
        "tarief-TOTAL_FORMS": "3",
        "tarief-INITIAL_FORMS": "0",
        "tarief-0-categorie": "54",
        "tarief-0-productcode": "54A01",
        "tarief-0-eenheid": "04",
        "tarief-0-tarief": "109,80",
        "tarief-0-geldig_vanaf": "2025-01-01",
        "tarief-1-categorie": "54",
        "tarief-1-eenheid": "4",
        "tarief-1-tarief": "€ 100",
        "tarief-1-geldig_vanaf": "2025-01-01",
        "ruimte-TOTAL_FORMS": "2",
        "ruimte-INITIAL_FORMS": "0",
        "ruimte-0-jaar": "2025",
        "ruimte-0-bedrag": "1.250.000",
        "stop-TOTAL_FORMS": "1",
        "stop-INITIAL_FORMS": "0",
    }
    return {**data, **wijzig}


def test_the_register_shows_only_contracts_in_scope(als, register):
    analist = als("analist").get("/contracten/").content.decode()
    assert "ZHZ-4A" in analist and "DOR-W" in analist and "AMS-1" not in analist
    beleid = als("beleid").get("/contracten/").content.decode()  # Dordrecht only
    assert "ZHZ-4A" in beleid and "DOR-W" in beleid and "AMS-1" not in beleid
    assert als("analist").get("/contracten/contract/AMS-1/").status_code == 404
    # the 48-month rule and expiry on the register, at a peildatum
    tekst = als("contract").get("/contracten/?peildatum=2024-08-01").content.decode()
    assert "loopt af" in tekst and "looptijd 48" not in tekst
    csv = als("contract").get("/contracten/?peildatum=2024-08-01&export=contracten&formaat=csv")
    inhoud = csv.content.decode("utf-8-sig")
    # the download keeps every column and the warnings in full
    assert csv.status_code == 200 and "ZHZ-4A" in inhoud and "Tariefregels" in inhoud
    assert "Loopt af binnen 6 maanden." in inhoud


def test_a_contractmanager_enters_a_contract_with_parties_tariffs_and_room(als, register):
    client = als("contract")
    antwoord = client.post("/contracten/nieuw/", _nieuw())
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    contract = Contract.objects.get(contractnummer="ZHZ-NIEUW")
    assert (
        contract.jeugdregio.naam == "Zuid-Holland Zuid"
        and contract.uitvoeringsvariant == "outputgericht"
    )
    assert contract.gewijzigd_door == "contract"
    partijen = dict(
        Contractpartij.objects.filter(contract=contract).values_list("aanbieder__agb_code", "rol")
    )
    assert partijen == {
        "11112222": "hoofdaannemer",
        "33334444": "onderaannemer",
        "55556666": "onderaannemer",
    }
    tarieven = dict(
        Contracttarief.objects.filter(contract=contract).values_list("productcode", "tarief")
    )
    assert tarieven == {"54A01": 10980, "": 10000}
    assert Bestedingsruimte.objects.get(contract=contract).bedrag == 125_000_000

    # Edit: one partner leaves, a tariff line is deleted, the room changes.
    pagina = client.get("/contracten/contract/ZHZ-NIEUW/").content.decode()
    assert 'value="109,80"' in pagina and "33334444, 55556666" in pagina
    wijziging = _nieuw(
        onderaannemers="33334444",
        **{
            "tarief-INITIAL_FORMS": "2",
            "tarief-1-DELETE": "on",
            "ruimte-INITIAL_FORMS": "1",
            "ruimte-0-bedrag": "1.300.000,50",
        },
    )
    del wijziging["contractnummer"]  # disabled on an existing contract
    assert client.post("/contracten/contract/ZHZ-NIEUW/", wijziging).status_code == 302
    assert set(contract.partijen.values_list("aanbieder__agb_code", flat=True)) == {
        "11112222",
        "33334444",
    }
    assert list(contract.tarieven.values_list("productcode", flat=True)) == ["54A01"]
    assert contract.ruimtes.get().bedrag == 130_000_050


def test_the_editor_refuses_what_the_import_would_quarantine(als, register):
    client = als("contract")
    fout = client.post(
        "/contracten/nieuw/",
        _nieuw(
            einddatum="2024-12-31",
            onderaannemers="123",
            **{"tarief-0-tarief": "abc", "ruimte-0-jaar": "2031", "tarief-1-eenheid": "x"},
        ),
    )
    assert fout.status_code == 400
    tekst = fout.content.decode()
    assert "De einddatum ligt vóór de ingangsdatum." in tekst
    assert "Geen AGB-code (8 cijfers): 123" in tekst
    assert "Vul een bedrag in euro in" in tekst
    assert "De eenheid is een code van twee cijfers." in tekst
    assert not Contract.objects.filter(contractnummer="ZHZ-NIEUW").exists()
    # A room outside the contract period: nothing written, the reason shown.
    buiten = client.post("/contracten/nieuw/", _nieuw(**{"ruimte-0-jaar": "2031"}))
    assert (
        buiten.status_code == 400 and "Het contract loopt niet in 2031." in buiten.content.decode()
    )
    assert not Contract.objects.filter(contractnummer="ZHZ-NIEUW").exists()
    dubbel = client.post("/contracten/nieuw/", _nieuw(contractnummer="ZHZ-4A"))
    assert "Er is al een contract met dit nummer." in dubbel.content.decode()


def test_reading_roles_cannot_change_the_register(als, register):
    assert als("beleid").post("/contracten/nieuw/", _nieuw()).status_code == 403
    assert als("beleid").post("/contracten/contract/ZHZ-4A/", _nieuw()).status_code == 404
    assert als("raad").get("/contracten/").status_code == 403
    assert not Contract.objects.filter(contractnummer="ZHZ-NIEUW").exists()
    # the page opens read-only for them: no save button
    pagina = als("beleid").get("/contracten/contract/ZHZ-4A/").content.decode()
    assert "<fieldset disabled>" in pagina


def test_the_check_finds_the_declared_tariff_that_differs_from_the_contract(als, register, geladen):
    client = als("analist")
    tekst = client.get("/contracten/controle/?jaar=2024&peildatum=2024-08-01").content.decode()
    # Alblasserdam's declaratie: 12 hours at € 90.00 against the contract's € 85.20
    assert "Gedeclareerde tarieven die afwijken van het contract" in tekst
    csv = client.get("/contracten/controle/?jaar=2024&export=tarieven&formaat=csv").content.decode(
        "utf-8-sig"
    )
    kop, rij = csv.strip().splitlines()[:2]
    velden = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert velden["Gedeclareerd tarief (€)"] == "90,00"
    assert velden["Contracttarief (€)"] == "85,20"
    assert velden["Verschil (€)"] == "57,60"  # (90.00 - 85.20) x 12
    # The expiring ZHZ contract is listed; the Amsterdam one is not in this user's scope.
    aflopend = client.get(
        "/contracten/controle/?jaar=2024&peildatum=2024-08-01&export=aflopend&formaat=csv"
    )
    regels = aflopend.content.decode("utf-8-sig")
    assert "ZHZ-4A" in regels and "AMS-1" not in regels
    per = client.get(
        "/contracten/controle/?jaar=2024&export=per-aanbieder&formaat=csv"
    ).content.decode("utf-8-sig")
    kop, rij = per.strip().splitlines()[:2]
    velden = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    # The Wmo toewijzing of Dordrecht is with 12345678, whose Wmo contract is 87654321's:
    # no contract.
    assert velden["Toewijzingen zonder contract"] == "1"
    assert velden["Ander tarief"] == "1" and velden["Tariefverschil (€)"] == "57,60"


def test_the_contractmanager_sees_the_70_percent_signal(als, register, geladen):
    """Alblasserdam's January declaratie (12 hours at € 90.00 = € 1,080) on a room of € 1,000:
    108% on 31 January 2024, the signal since 1 January (the ProductPeriode begin), talks by
    15 January, a decision by 29 January. Lineair: 108,000 x 366 / 31 = 1,275,096.8 cents.
    Obligations: the toewijzingen of Dordrecht and Alblasserdam (3 hours a week, to the end
    of 2025) may declare 49 calendar weeks (the week of Monday 29 January to that of Monday
    30 December) x 3 hours each at the contract's € 85.20: 2 x 147 x 8,520 = 2,504,880;
    no 2023 data, so a verzilveringsgraad of 1."""
    client = als("contract")
    pagina = client.get("/contracten/bestedingsruimte/?jaar=2024&peildatum=2024-01-31")
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert "1 contract heeft 70% van zijn bestedingsruimte bereikt" in tekst
    assert "sinds 01-01-2024; gesprek uiterlijk 15-01-2024, besluit uiterlijk 29-01-2024" in tekst
    csv = client.get(
        "/contracten/bestedingsruimte/?jaar=2024&peildatum=2024-01-31"
        "&export=bestedingsruimte&formaat=csv"
    ).content.decode("utf-8-sig")
    kop, rij = csv.strip().splitlines()[:2]
    velden = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert velden["Contract"] == "ZHZ-4A" and velden["Hoofdaannemer"] == "12345678"
    assert velden["Gedeclareerd (€)"] == "1080,00"
    assert velden["Benutting"] == "1,0800"  # a fraction in CSV, shown as 108,0% on the page
    assert velden["Signaal 70% sinds"] == "2024-01-01"
    assert velden["Prognose lineair (€)"] == "12750,97"
    assert velden["Prognose verplichtingen (€)"] == "26128,80"
    # a peildatum outside the year is refused with the reason
    fout = client.get("/contracten/bestedingsruimte/?jaar=2024&peildatum=2025-01-31")
    assert fout.status_code == 400 and "ligt niet in 2024" in fout.content.decode()


def test_the_contractmanager_sets_a_verzilveringsgraad_for_the_region(als, register, geladen):
    """50% for 45A01 in 2024: the obligations (2,504,880 cents at a graad of 1, see above)
    halve, so the prognosis on obligations is 108,000 + 1,252,440 = 1,360,440 cents."""
    client = als("contract")
    url = "/contracten/bestedingsruimte/?gebied=Zuid-Holland+Zuid&jaar=2024&peildatum=2024-01-31"
    pagina = client.get(url).content.decode()
    assert 'name="graad|jeugd|45|45A01"' in pagina and "geen gegevens: 1" in pagina
    gegevens = {
        "gebied": "Zuid-Holland Zuid",
        "jaar": "2024",
        "peildatum": "2024-01-31",
        "graad|jeugd|45|45A01": "50%",
    }
    antwoord = client.post("/contracten/bestedingsruimte/", gegevens)
    assert antwoord.status_code == 302 and "jaar=2024" in antwoord["Location"]
    csv = client.get(url + "&export=bestedingsruimte&formaat=csv").content.decode("utf-8-sig")
    kop, rij = csv.strip().splitlines()[:2]
    velden = dict(zip(kop.split(";"), rij.split(";"), strict=True))
    assert velden["Prognose verplichtingen (€)"] == "13604,40"
    assert 'value="0,5"' in client.get(url).content.decode()
    # a wrong value is refused with the reason and changes nothing
    fout = client.post("/contracten/bestedingsruimte/", {**gegevens, "graad|jeugd|45|45A01": "1,5"})
    assert fout.status_code == 302
    assert "geen verzilveringsgraad" in client.get(fout["Location"]).content.decode()
    # emptying the field brings back the estimate
    client.post("/contracten/bestedingsruimte/", {**gegevens, "graad|jeugd|45|45A01": ""})
    csv = client.get(url + "&export=bestedingsruimte&formaat=csv").content.decode("utf-8-sig")
    assert "26128,80" in csv
    # a reading role may not change it
    gelezen = als("beleid").post("/contracten/bestedingsruimte/", gegevens)
    assert gelezen.status_code == 404


# -- the REST API: the same figures as the pages and the CLI's --json ------------------------
def test_the_api_lists_the_register_in_scope_with_one_contract_in_full(als, register):
    client = als("contract")
    lijst = client.get("/api/contracten/?peildatum=2024-08-01").json()
    assert lijst["peildatum"] == "2024-08-01"
    nummers = [r["contractnummer"] for r in lijst["contracten"]]
    assert sorted(nummers) == ["DOR-W", "ZHZ-4A"]  # Amsterdam is outside the scope
    zhz = next(r for r in lijst["contracten"] if r["contractnummer"] == "ZHZ-4A")
    assert zhz["bestedingsruimte_cent"] == {"2024": 100_000} and zhz["signalen"]
    een = client.get("/api/contracten/contract/ZHZ-4A/").json()
    assert een["tarieven"] == [
        {
            "productcategorie": "45",
            "productcode": "45A01",
            "eenheid": "04",
            "tarief_cent": 8520,
            "geldig_vanaf": "2024-01-01",
            "geldig_tot": None,
        }
    ]
    assert client.get("/api/contracten/contract/AMS-1/").status_code == 404
    assert client.get("/api/contracten/?peildatum=morgen").status_code == 400


def test_the_api_check_and_monitor_give_what_the_pages_and_the_cli_give(als, register, geladen):
    client = als("contract")
    controle = client.get("/api/contracten/controle/?jaar=2024&peildatum=2024-08-01").json()
    (tarief,) = controle["tarieven"]
    assert tarief["verschil_cent"] == 5760 and controle["jaar"] == 2024
    assert [r["contractnummer"] for r in controle["aflopend"]] == ["ZHZ-4A"]

    ruimte = client.get("/api/monitor/bestedingsruimte/?jaar=2024&peildatum=2024-01-31").json()
    (zhz,) = [r for r in ruimte["contracten"] if r["contractnummer"] == "ZHZ-4A"]
    # the figures of test_the_contractmanager_sees_the_70_percent_signal, in cents
    assert (zhz["gedeclareerd_cent"], zhz["benutting"], zhz["signaal_70"]) == (108_000, 1.08, True)
    assert zhz["prognose_lineair_cent"] == 1_275_097
    assert zhz["prognose_verplichtingen_cent"] == 2_612_880
    fout = client.get("/api/monitor/bestedingsruimte/?jaar=2024&peildatum=2025-01-31")
    assert fout.status_code == 400 and "ligt niet in 2024" in fout.json()["detail"]
    buiten = client.get("/api/monitor/bestedingsruimte/?jaar=2024&gebied=0363")
    assert buiten.status_code == 403
    assert client.get("/api/monitor/bestedingsruimte/?jaar=20x4").status_code == 400
    assert als("raad").get("/api/monitor/bestedingsruimte/?jaar=2024").status_code == 403


def test_the_api_provider_results_are_the_report_suppressed_for_the_contractmanager(als, geladen):
    volledig = als("analist").get("/api/monitor/aanbieders/?jaar=2024").json()
    assert volledig["onderdrukt"] is False and volledig["aanbieders"]
    rij = volledig["aanbieders"][0]
    assert set(rij) >= {"aanbieder", "afgesloten", "volgens_plan", "uitval", "herhaald_beroep"}
    assert all(isinstance(r["afgesloten"], int) for r in volledig["aanbieders"])
    publiek = als("contract").get("/api/monitor/aanbieders/?jaar=2024").json()
    assert publiek["onderdrukt"] is True
    klein = [r for r in volledig["aanbieders"] if 0 < r["afgesloten"] < 5]
    assert klein  # the test messages are a handful of trajectories
    for r in publiek["aanbieders"]:
        if (r["aanbieder"], r["domein"]) in {(k["aanbieder"], k["domein"]) for k in klein}:
            assert r["afgesloten"] == "<5"
    assert als("contract").get("/api/monitor/aanbieders/?gemeente=0363").status_code == 403


def test_a_clientenstop_entered_on_the_contract_shows_on_the_monitor(als, register, geladen):
    """A stop on ZHZ-4A from 15 January 2024: on 31 January it runs; the editor refuses an
    end before the start; the import template does the same as the editor."""
    client = als("contract")
    pagina = client.get("/contracten/contract/ZHZ-4A/").content.decode()
    assert 'id="stops"' in pagina
    gegevens = {
        "hoofdaannemer": b.AGB,
        "onderaannemers": "",
        "gebied": "Zuid-Holland Zuid",
        "domein": "jeugd",
        "segment": "4A",
        "uitvoeringsvariant": "inspanningsgericht",
        "procedure": "",
        "ingangsdatum": "2024-01-01",
        "einddatum": "2024-12-31",
        "tarief-TOTAL_FORMS": "1",
        "tarief-INITIAL_FORMS": "1",
        "tarief-0-categorie": "45",
        "tarief-0-productcode": "45A01",
        "tarief-0-eenheid": "04",
        "tarief-0-tarief": "85,20",
        "tarief-0-geldig_vanaf": "2024-01-01",
        "ruimte-TOTAL_FORMS": "1",
        "ruimte-INITIAL_FORMS": "1",
        "ruimte-0-jaar": "2024",
        "ruimte-0-bedrag": "1.000",
        "stop-TOTAL_FORMS": "1",
        "stop-INITIAL_FORMS": "0",
        "stop-0-van": "2024-01-15",
        "stop-0-tot": "2024-01-10",
        "stop-0-reden": "bestedingsruimte",
    }
    fout = client.post("/contracten/contract/ZHZ-4A/", gegevens)
    assert fout.status_code == 400 and "eindigt vóór hij begint" in fout.content.decode()
    gegevens["stop-0-tot"] = ""
    assert client.post("/contracten/contract/ZHZ-4A/", gegevens).status_code == 302
    stop = Clientenstop.objects.get()
    assert (str(stop.van), stop.tot, stop.reden) == ("2024-01-15", None, "bestedingsruimte")
    monitor = client.get("/contracten/bestedingsruimte/?jaar=2024&peildatum=2024-01-31")
    tekst = monitor.content.decode()
    assert 'id="clientenstops"' in tekst and "stop sinds 15-01-2024" in tekst
    api = client.get("/api/monitor/bestedingsruimte/?jaar=2024&peildatum=2024-01-31").json()
    zhz = next(r for r in api["contracten"] if r["contractnummer"] == "ZHZ-4A")
    assert zhz["clientenstop_sinds"] == "2024-01-15" and zhz["clientenstop_tot"] is None
    lijst = client.get("/api/contracten/?peildatum=2024-01-31").json()["contracten"]
    stops = next(r for r in lijst if r["contractnummer"] == "ZHZ-4A")["clientenstops"]
    assert stops == [
        {"van": "2024-01-15", "tot": None, "reden": "bestedingsruimte", "actief": True}
    ]


def test_the_clientenstop_template_quarantines_what_the_editor_refuses(tmp_path, register):
    map_ = tmp_path / "stops"
    map_.mkdir()
    (map_ / "stop.csv").write_text(
        "contractnummer;van;tot;reden\n"
        "ZHZ-4A;2024-03-01;2024-03-31;capaciteit\n"
        "ZHZ-4A;2024-05-01;2024-04-01;\n"
        "ZHZ-4A;2024-06-01;;verveling\n"
        "ONBEKEND-1;2024-06-01;;\n",
        encoding="utf-8",
    )
    s = importeer([map_])
    assert (s.accepted, s.quarantined) == (1, 3)
    assert list(Clientenstop.objects.values_list("van", "reden")) == [
        (date(2024, 3, 1), "capaciteit")
    ]
    redenen = {q.element_pad: q.reden for q in QuarantineRecord.objects.filter(bestand="stop.csv")}
    assert "eindigt vóór hij begint" in redenen["rij 3/tot"]
    assert "verveling" in redenen["rij 4/reden"]
    assert "staat niet in het register" in redenen["rij 5"]
    assert importeer([map_]).accepted == 0 and Clientenstop.objects.count() == 1
