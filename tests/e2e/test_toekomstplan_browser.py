"""End to end in headless Chromium: a toekomstplan arrives with the messages (the import
template), the regio-analist enters another one by BSN in the register, and sees the cohort
figures, the outcome chart and the youths of one aanbieder; the contractmanager sees the
page suppressed. No BSN ever reaches a page."""

from __future__ import annotations

import zipfile

import pytest

from tests import berichten as b
from tests.e2e.conftest import _demo_gebruiker
from tests.e2e.test_browser import _BREDER_DAN_HUN_VAK, Pagina, _laad_als_beheerder
from tests.web.gegevens import maak_zip

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]

#: Youth C (Alblasserdam, born 2006-03-01, 17½ on 2023-09-01): a plan a month late.
PLAN_C = f"""bsn,gemeente,regiehouder_rol,datum_plan,domeinen
{b.BSN_C},0482,wijkteam,2023-10-01,"wonen, werken"
"""


def test_analist_enters_a_plan_and_sees_the_18_rule(server, browser, tmp_path):
    pad = maak_zip(tmp_path)
    with zipfile.ZipFile(pad, "a") as archief:
        archief.writestr("toekomstplannen/plannen.csv", PLAN_C)
    _laad_als_beheerder(browser, server, pad)

    p = Pagina(browser, server)
    p.inloggen("analist")
    p.page.click("nav.hoofdmenu >> text=Toekomstplan")
    p.page.click("text=Naar het toekomstplanregister")
    assert "2023-10-01" in p.page.inner_text("#tabel-toekomstplannen") or "01-10-2023" in (
        p.page.inner_text("#tabel-toekomstplannen")
    )
    p.page.click("text=Nieuw toekomstplan")
    p.page.fill("#id_bsn", b.BSN_A)
    p.page.select_option("#id_gemeente", "0505")
    p.page.fill("#id_datum_plan", "2024-06-30")  # exactly 17½
    p.page.select_option("#id_regiehouder_rol", "wijkteam")
    for domein in ("leren", "werken", "vrije_tijd", "netwerk", "wonen", "financien", "zorg"):
        p.page.check(f"input[name=domeinen][value={domein}]")
    with p.page.expect_navigation():
        p.page.click("main form.formulier button[type=submit] >> text=Opslaan")
    assert "Het toekomstplan is opgeslagen." in p.page.inner_text("main")
    p.geen_geheimen()
    p.foto("toekomstplan-01-editor")

    p.open("/analyse/toekomstplan/?jaar=2024")
    kern = p.page.inner_text("ul.kerngetallen")
    assert "50,0%" in kern  # A of A and C has a plan by 17½
    p.page.wait_for_selector("figure.grafiek-blok svg", timeout=30_000)  # the chart is drawn
    uitkomst = p.page.inner_text("#tabel-plan-per-uitkomst")
    assert "ja" in uitkomst and "nee" in uitkomst
    p.foto("toekomstplan-02-cijfers")
    p.page.set_viewport_size({"width": 1366, "height": 768})
    assert p.page.evaluate(_BREDER_DAN_HUN_VAK) == []
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 1366

    p.page.click("text=Naar de lijst per jongere (pseudoniem)")
    p.page.fill("#f-aanbieder", b.AGB)
    with p.page.expect_navigation():
        p.page.click("form.filters button[type=submit]")
    assert p.page.locator("#tabel-plan-gevallen tbody tr").count() == 2
    p.geen_geheimen()
    assert not p.fouten, p.fouten

    server.wachtwoorden["contract"] = _demo_gebruiker(
        server.omgeving, "contract", "--rol", "contractmanager", "--regio", "Zuid-Holland Zuid"
    )
    c = Pagina(browser, server)
    c.inloggen("contract")
    c.open("/analyse/toekomstplan/?jaar=2024")
    assert "<5" in c.page.inner_text("#tabel-plan-samenvatting")  # two youths: suppressed
    assert c.page.locator("text=Naar de lijst per jongere").count() == 0


def test_the_main_menu_of_the_beheerder_fits_one_line_at_1366(server, browser):
    p = Pagina(browser, server)
    p.inloggen("beheerder")
    p.page.set_viewport_size({"width": 1366, "height": 768})  # the longest menu
    p.open("/analyse/kerncijfers/")
    toppen = p.page.evaluate(
        "() => [...document.querySelectorAll('nav.hoofdmenu li')].map(li => li.offsetTop)"
    )
    assert len(toppen) >= 12 and len(set(toppen)) == 1, toppen
