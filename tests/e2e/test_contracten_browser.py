"""End to end in headless Chromium: the register arrives with the messages, the
contractmanager changes a tariff in the editor, sees the deviating tariff in the check and
the 70% signal on the bestedingsruimte page, and opens the provider's page from it; then
register → tariff sheet → selection (a tender scored by the commissie) → care landscape."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.e2e.conftest import _demo_gebruiker
from tests.e2e.test_browser import _BREDER_DAN_HUN_VAK, Pagina, _laad_als_beheerder
from tests.web.conftest import REGISTER, RUIMTE, TARIEF
from tests.web.gegevens import maak_zip
from tests.web.test_tarieven import BLAD as TARIEFBLAD

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]


def _met_register(tmp_path):
    """The test messages and the register in one zip, as a region would deliver them."""
    pad = maak_zip(tmp_path)
    with zipfile.ZipFile(pad, "a") as archief:
        archief.writestr("register/tarief.csv", TARIEF)
        archief.writestr("register/contract.csv", REGISTER)
        archief.writestr("register/ruimte.csv", RUIMTE)
    return pad


def test_contractmanager_from_register_to_signal(server, browser, tmp_path):
    server.wachtwoorden["contract"] = _demo_gebruiker(
        server.omgeving, "contract", "--rol", "contractmanager", "--regio", "Zuid-Holland Zuid"
    )
    _laad_als_beheerder(browser, server, _met_register(tmp_path))

    p = Pagina(browser, server)
    p.inloggen("contract")
    p.page.click("nav.hoofdmenu >> text=Contracten")
    p.page.wait_for_selector("#tabel-contracten")
    register = p.page.inner_text("#tabel-contracten")
    assert "ZHZ-4A" in register and "AMS-1" not in register  # Amsterdam is not theirs
    p.foto("contract-01-register")

    # the tariff of 45A01 goes from 85,20 to 90,00: the declared tariff no longer deviates
    p.page.click("#tabel-contracten >> text=ZHZ-4A")
    p.page.wait_for_selector("#tarieven")
    assert p.page.input_value("#id_tarief-0-tarief") == "85,20"
    p.page.fill("#id_tarief-0-tarief", "90,00")
    # and a cliëntenstop from 15 January 2024, until further notice
    p.page.fill("#id_stop-0-van", "2024-01-15")
    p.page.select_option("#id_stop-0-reden", "bestedingsruimte")
    with p.page.expect_navigation():
        p.page.click("main form button[type=submit]")
    assert "Het contract is opgeslagen." in p.page.inner_text("main")
    assert p.page.input_value("#id_tarief-0-tarief") == "90,00"
    assert p.page.input_value("#id_stop-0-van") == "2024-01-15"

    p.page.click("nav.submenu >> text=Controle op de berichten")
    p.page.select_option("#f-jaar", "2024")
    with p.page.expect_navigation():
        p.page.click("form.filters button[type=submit]")
    assert "Geen gegevens" in p.page.inner_text("#tabel-tarieven")  # no deviation any more
    p.foto("contract-02-controle")

    # € 1,080 declared on a room of € 1,000 in January 2024
    p.open("/contracten/bestedingsruimte/?jaar=2024&peildatum=2024-01-31")
    signalen = p.page.inner_text("#signalen")
    assert "ZHZ-4A" in signalen and "gesprek uiterlijk 15-01-2024" in signalen
    assert "108,0%" in p.page.inner_text("#tabel-bestedingsruimte")
    assert "stop sinds 15-01-2024" in p.page.inner_text("#clientenstops")
    # the chart of the use per contract, drawn in the browser from the same report
    p.page.wait_for_selector(".grafiek svg", timeout=30_000)
    grafiek = p.page.inner_text(".grafiek-blok")
    assert "Benutting van de bestedingsruimte per contract" in grafiek
    assert "108,0%" in p.page.inner_html(".grafiek svg")
    p.foto("contract-03-bestedingsruimte")
    # the contractmanager sets the verzilveringsgraad of 45A01 for the region
    p.page.fill("input[name='graad|jeugd|45|45A01']", "50%")
    with p.page.expect_navigation():
        p.page.click("#verzilvering-formulier button[type=submit]")
    assert "De verzilveringsgraden zijn opgeslagen." in p.page.inner_text("main")
    assert p.page.input_value("input[name='graad|jeugd|45|45A01']") == "0,5"
    with p.page.expect_navigation():
        p.page.click("#signalen >> text=aanbiederprofiel")
    assert "/analyse/markt/aanbieder/12345678/" in p.page.url
    p.page.wait_for_selector("#tabel-aanbieder-resultaten")  # how its trajectories ended
    p.foto("contract-04-aanbieder")

    # the tariff sheet: uploaded, beside the declared € 90.00, into the register from 1 July
    blad = tmp_path / "tariefblad.json"
    blad.write_text(json.dumps(TARIEFBLAD), encoding="utf-8")
    p.open("/contracten/tarieven/?gebied=Zuid-Holland+Zuid&jaar=2024")
    assert "nog geen tariefblad" in p.page.inner_text("main")
    p.page.set_input_files("#f-blad", str(blad))
    with p.page.expect_navigation():
        p.page.click("#blad-formulier button[type=submit]")
    assert "Het tariefblad is opgeslagen." in p.page.inner_text("main")
    assert p.page.input_value("#f-jaar") == "2024"  # the year the page showed, kept
    sheet = p.page.inner_text("#tabel-tariefblad")
    assert "€ 37,20" in sheet and "€ 90,00" in sheet
    p.page.fill("#f-vanaf", "2024-07-01")
    with p.page.expect_navigation():
        p.page.click("#register-formulier button[type=submit]")
    assert "1 tariefregel(s) in 1 contract(en) vanaf 01-07-2024" in p.page.inner_text("main")
    assert "€ 90,00" in p.page.inner_text("#tabel-tariefblad")
    p.foto("contract-05-tarieven")
    p.open("/contracten/contract/ZHZ-4A/")
    assert p.page.input_value("#id_tarief-1-tarief") == "37,20"
    assert p.page.input_value("#id_tarief-1-geldig_vanaf") == "2024-07-01"
    _selectie(p)
    _landschap(p)
    p.geen_geheimen()
    # every contract page fits a 1366 px screen: no table wider than its box
    p.page.set_viewport_size({"width": 1366, "height": 768})
    for pad in (
        "/contracten/",
        "/contracten/contract/ZHZ-4A/",
        "/contracten/controle/?jaar=2024",
        "/contracten/bestedingsruimte/?jaar=2024&peildatum=2024-01-31",
        "/contracten/tarieven/?gebied=Zuid-Holland+Zuid&jaar=2024",
        "/contracten/selectie/",
        "/contracten/landschap/?gebied=Zuid-Holland+Zuid&segment=4A",
    ):
        p.open(pad)
        assert p.page.evaluate(_BREDER_DAN_HUN_VAK) == [], pad
        assert p.page.evaluate("document.documentElement.scrollWidth") <= 1366, pad
    assert not p.fouten, p.fouten


def _selectie(p: Pagina) -> None:
    """The tender of segment 4A: the method fixed, the commissie's scores (the hand-scored
    example of docs/contractering.md), the ranking B, C, A and the gunningsadvies."""
    p.page.click("nav.submenu >> text=Selectie")
    assert "nog geen aanbesteding" in p.page.inner_text("main")
    p.page.fill("#f-titel", "Segment 4A: ambulante jeugdhulp")
    p.page.fill("#f-prijsgewicht", "40")
    p.page.fill("#f-pmax", "100")
    p.page.fill("#f-pmin", "60")
    for i, (code, naam, gewicht) in enumerate(
        (("K1", "Plan van aanpak", "35"), ("K2", "Samenwerking", "25")), start=1
    ):
        p.page.fill(f"#f-code-{i}", code)
        p.page.fill(f"#f-naam-{i}", naam)
        p.page.fill(f"#f-waarde-{i}", gewicht)
    with p.page.expect_navigation():
        p.page.click("#aanbesteding-formulier button[type=submit]")
    assert "Methode en gewichten zijn vastgelegd" in p.page.inner_text("main")
    for i, (aanbieder, prijs, k1, k2) in enumerate(
        (("A", "80", "8", "6"), ("B", "70", "6", "6"), ("C", "95", "10", "10"))
    ):
        p.page.fill(f"#f-aanbieder-{i}", aanbieder)
        p.page.fill(f"#f-prijs-{i}", prijs)
        p.page.fill(f"#f-score-{i}-K1", k1)
        p.page.fill(f"#f-score-{i}-K2", k2)
    with p.page.expect_navigation():
        p.page.click("#scores-formulier button[type=submit]")
    rijen = [r.split("\t") for r in p.page.inner_text("#rangorde tbody").splitlines()]
    assert [(r[0], r[1], r[4]) for r in rijen] == [
        ("1", "B", "0,660"),
        ("2", "C", "0,650"),
        ("3", "A", "0,630"),
    ]
    assert p.page.input_value("#f-aanbieder-0") == "A"  # the scores stay in the form
    with p.page.expect_download() as download:
        p.page.click("#gunningsadvies")
    assert download.value.suggested_filename.endswith(".pdf")
    p.foto("contract-06-selectie")


def _landschap(p: Pagina) -> None:
    """The care landscape of 4A from the loaded data: computed, with the map drawn in the
    browser from the same run, and the chosen aanbieders in the table."""
    p.page.click("nav.submenu >> text=Zorglandschap")
    assert "nog geen zorglandschap berekend" in p.page.inner_text("main")
    p.page.fill("#f-afstand", "25")
    p.page.fill("#f-min", "1")
    p.page.fill("#f-aandeel", "100")
    with p.page.expect_navigation():
        p.page.click("#landschap-formulier button[type=submit]")
    assert "Zorglandschap van 4A" in p.page.inner_text("main")
    assert "gecontracteerd" in p.page.inner_text("#landschap-uitkomst")
    assert "ja" in p.page.inner_text("#tabel-landschap-aanbieders")
    p.page.wait_for_selector(".grafiek svg", timeout=30_000)
    kaart = p.page.inner_html(".grafiek svg")
    assert "Alblasserdam" in kaart
    p.foto("contract-07-landschap")
