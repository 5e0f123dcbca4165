"""End to end in headless Chromium: a regio-analist overrides a strategy choice with a
rationale, saves and runs a scenario, and opens the comparison. Screenshots go to
test-artifacts/ (gitignored)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Server
from tests.e2e.test_browser import Pagina, _upload
from tests.web.gegevens import maak_zip

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]

ZHZ_GEMEENTEN = ("0505", "0482")


def _bevolking(server: Server) -> None:
    """Inhabitants by age for the test gemeenten, written straight into the server's
    database: the forecast needs them and the test messages carry none."""
    rijen = [
        (g, jaar, leeftijd, 1000 - 10 * leeftijd)
        for g in ZHZ_GEMEENTEN
        for jaar in range(2018, 2027)
        for leeftijd in range(28)
    ]
    sql = "INSERT INTO reference_bevolking (gemeente_id, jaar, leeftijd, aantal) VALUES "
    omgeving = server.omgeving
    if omgeving.database_url:
        import psycopg

        with psycopg.connect(omgeving.database_url) as verbinding:
            verbinding.cursor().executemany(sql + "(%s, %s, %s, %s)", rijen)
        return
    import sqlite3

    with sqlite3.connect(omgeving.data_dir / "passend.sqlite3", timeout=30) as verbinding:
        verbinding.executemany(sql + "(?, ?, ?, ?)", rijen)


def test_analyst_overrides_a_choice_and_compares_scenarios(server, browser, tmp_path):
    beheer = Pagina(browser, server)
    beheer.inloggen("beheerder")
    _upload(beheer, maak_zip(tmp_path))
    _bevolking(server)

    p = Pagina(browser, server)
    p.inloggen("analist")
    p.page.click("nav.hoofdmenu >> text=Strategie")
    p.page.wait_for_selector("h1")
    p.page.click("nav.submenu >> text=Strategie per segment")
    p.page.click("a[href^='/planning/strategie/4A/']")
    p.page.wait_for_selector("#tabel-kernwaarden")

    # choosing a Keuze offers only its options, its current one selected
    p.page.select_option("#id_dimensie", "looptijd")
    voorstel = p.page.inner_text("#dimensie-looptijd td:nth-child(2)")
    opties = p.page.eval_on_selector_all("#id_optie option", "els => els.map(e => e.value)")
    assert opties == ["3", "5", "7"], opties
    assert voorstel.startswith(p.page.input_value("#id_optie") + " jaar"), voorstel
    p.page.select_option("#id_dimensie", "consortium")
    assert p.page.eval_on_selector_all("#id_optie option", "els => els.map(e => e.value)") == [
        "ja",
        "nee",
    ]

    # a deviation without a rationale is refused, with one it is recorded
    p.page.select_option("#id_dimensie", "looptijd")
    optie = "7" if not voorstel.startswith("7") else "3"
    p.page.select_option("#id_optie", optie)
    with p.page.expect_navigation():
        p.page.click("form[action$='/afwijken/'] button[type=submit]")
    assert "Geef een onderbouwing" in p.page.inner_text("#fout-rationale")
    p.fouten.clear()  # the refused form answers 400, which Chromium logs as a console error
    p.page.select_option("#id_dimensie", "looptijd")
    p.page.select_option("#id_optie", optie)
    p.page.fill("#id_rationale", "Langere looptijd voor investeringen in de wijk.")
    with p.page.expect_navigation():
        p.page.click("form[action$='/afwijken/'] button[type=submit]")
    historie = p.page.inner_text("#tabel-historie")
    assert "Langere looptijd voor investeringen in de wijk." in historie and "analist" in historie
    p.foto("50-strategie-segment")

    # a scenario: continued care to 23 for 30 %, saved and run
    p.page.click("nav.submenu >> text=Scenario's")
    p.page.click("text=Nieuw scenario")
    p.page.fill("#id_naam", "Doorlopend tot 23")
    p.page.select_option("#id_doorlopend_tot", "23")
    p.page.fill("#id_doorlopend_pct", "30")
    with p.page.expect_navigation(timeout=120_000):
        p.page.click("button[name=doorrekenen]")
    assert re.search(r"/planning/scenarios/\d+/", p.page.url), p.page.url
    assert "doorgerekend" in p.page.inner_text(".meldingen")
    p.page.wait_for_selector("#inhoud .grafiek svg", timeout=30_000)  # the fan chart
    assert p.page.is_visible("#geen-budget") and not p.page.query_selector("#kans-tekort")
    p.foto("51-scenario")
    scenario_url = p.page.url

    # the budget: entered the Dutch way, then every scenario is tested against it
    with p.page.expect_navigation():
        p.page.click("#geen-budget a")
    veld = p.page.get_attribute("#tabel-budget input[name$='_jeugd']", "name")
    p.page.fill(f"[name={veld}]", "€ 1.500.000")
    with p.page.expect_navigation():
        p.page.click("text=Budget opslaan")
    assert "Het budget is opgeslagen" in p.page.inner_text(".meldingen")
    assert p.page.input_value(f"[name={veld}]") == "1.500.000"
    p.foto("51b-budget")
    p.page.goto(scenario_url)
    p.page.wait_for_selector("#inhoud .grafiek svg", timeout=30_000)
    assert p.page.is_visible("#kans-tekort")
    assert "€ 1.500.000" in p.page.inner_text("#tabel-per-jaar")
    p.foto("51c-scenario-met-budget")

    # the scenario goes into the raad document
    p.page.click("nav.submenu >> text=Scenario's")
    p.page.check("input[name=document]")
    with p.page.expect_navigation():
        p.page.click("text=Keuze voor het raadsdocument opslaan")
    assert p.page.is_checked("input[name=document]")
    p.page.goto(scenario_url)

    with p.page.expect_navigation():
        p.page.click("text=Vergelijk met de basis")
    tabel = p.page.inner_text("#tabel-vergelijking")
    assert "Basis (huidig beleid)" in tabel and "Doorlopend tot 23" in tabel
    p.page.wait_for_selector("#inhoud .grafiek svg", timeout=30_000)
    p.foto("52-scenariovergelijking")

    # a segment model of the region, and the example ambitions with their monitor
    p.page.click("nav.submenu >> text=Segmentmodellen")
    p.page.fill("#id_naam", "Regiomodel")
    with p.page.expect_navigation():
        p.page.click("main form.formulier button[type=submit]")
    p.page.wait_for_selector("#tabel-niet-ingedeeld")
    p.foto("53-segmentmodel")
    # the editor saves as the browser submits it, blank extra rows and all
    p.page.fill("#id_seg-0-naam", "Zware zorg, eigen naam")
    with p.page.expect_navigation():
        p.page.click("main form.formulier-breed button[type=submit]")
    assert not p.page.query_selector("main .fout"), p.page.inner_text("main")
    assert p.page.input_value("#id_seg-0-naam") == "Zware zorg, eigen naam"
    p.foto("53b-segmentmodel-opgeslagen")
    p.page.click("nav.submenu >> text=Ambities")
    with p.page.expect_navigation():
        p.page.click("text=Begin met het voorbeeld")
    p.page.click("nav.submenu >> text=Commitmentmonitor")
    p.page.wait_for_selector("#tabel-status")
    p.foto("54-commitmentmonitor")
    assert not p.fouten, p.fouten
