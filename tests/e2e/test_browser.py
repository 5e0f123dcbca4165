"""End to end in headless Chromium: log in, upload a zip with valid and invalid messages,
see the counts and the quarantine reasons, open every analysis page, export Excel, switch
the language, log out. Screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTEFACTEN, Server
from tests.web.gegevens import GEHEIMEN, maak_zip

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]

PAGINAS = {
    "kerncijfers": "/analyse/kerncijfers/?jaar=2024",
    "transitie": "/analyse/transitie/?jaar=2024",
    "transitie-gevallen": "/analyse/transitie/gevallen/?jaar=2024",
    "wmo-instroom": "/analyse/wmo-instroom/?jaar=2025",
    "markt": "/analyse/markt/?jaar=2024",
    "aanbieder": "/analyse/markt/aanbieder/12345678/?jaar=2024",
    "knelpunten": "/analyse/knelpunten/?jaar=2024",
    "benchmark": "/analyse/benchmark/?jaar=2024",
}


class Pagina:
    """A Playwright page that records console errors and CSP violations."""

    def __init__(self, browser, server: Server) -> None:
        self.server = server
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.fouten: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda fout: self.fouten.append(f"pageerror: {fout}"))
        self.page.on("requestfailed", lambda r: self.fouten.append(f"mislukt: {r.url}"))

    def _console(self, bericht) -> None:
        if bericht.type == "error" or "Content Security Policy" in bericht.text:
            self.fouten.append(f"{bericht.type}: {bericht.text}")

    def open(self, pad: str) -> None:
        self.page.goto(self.server.url + pad)

    def foto(self, naam: str) -> None:
        ARTEFACTEN.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTEN / f"{naam}.png"), full_page=True)

    def inloggen(self, naam: str) -> None:
        self.open("/account/inloggen/")
        self.page.fill("#id_username", naam)
        self.page.fill("#id_password", self.server.wachtwoorden[naam])
        with self.page.expect_navigation():
            self.page.click("main button[type=submit]")
        assert self.page.url.rstrip("/") == self.server.url, self.page.url

    def uitloggen(self) -> None:
        with self.page.expect_navigation():
            self.page.click("button.knop-link")
        assert "/account/inloggen/" in self.page.url

    def geen_geheimen(self) -> None:
        html = self.page.content()
        for geheim in GEHEIMEN:
            assert geheim not in html, f"{self.page.url} toont {geheim}"


def _upload(p: Pagina, zip_: Path) -> None:
    p.open("/import/")
    p.page.set_input_files("#bestanden", str(zip_))
    p.page.click("#upload-formulier button[type=submit]")
    p.page.wait_for_url(re.compile(r".*/import/taken/[0-9a-f-]+/$"), timeout=120_000)
    p.page.wait_for_selector("#aantal-geaccepteerd", timeout=120_000)


def test_beheerder_uploads_and_sees_counts_and_quarantine(server, browser, tmp_path):
    p = Pagina(browser, server)
    p.inloggen("beheerder")
    p.foto("01-start-leeg")
    _upload(p, maak_zip(tmp_path))
    assert p.page.inner_text("#aantal-geaccepteerd") == "12"
    assert p.page.inner_text("#aantal-quarantaine") == "1"
    tabel = p.page.inner_text("#tabel-per-berichttype")
    assert "JW301" in tabel and "WMO305" in tabel
    assert "elfproef" in p.page.inner_text("#tabel-quarantaine")
    p.geen_geheimen()
    p.foto("02-importresultaat")
    p.open("/import/quarantaine/")
    assert "ELFPROEF" in p.page.inner_text("main")
    p.foto("03-quarantaine")
    p.page.click("#tabel-quarantaine tbody a")
    assert "Fragment" in p.page.inner_text("main")
    p.geen_geheimen()
    p.foto("04-quarantainerecord")
    p.open("/import/batches/")
    p.foto("05-importbatches")
    assert server.omgeving.sql("SELECT count(*) FROM imports_importbatch")[0][0] == 1
    assert p.fouten == []
    p.uitloggen()


def test_analyst_opens_every_analysis_page_and_exports_excel(server, browser, tmp_path):
    import openpyxl

    beheer = Pagina(browser, server)
    beheer.inloggen("beheerder")
    _upload(beheer, maak_zip(tmp_path))
    beheer.uitloggen()

    p = Pagina(browser, server)
    p.inloggen("analist")
    p.page.keyboard.press("Tab")
    assert p.page.evaluate("document.activeElement.className") == "skip-link"
    for naam, pad in PAGINAS.items():
        p.open(pad)
        if p.page.locator(".grafiek").count():
            p.page.wait_for_selector(".grafiek svg", timeout=30_000)
        assert p.page.locator("h1").count() == 1
        assert p.page.locator("#kop-definities").count() == 1
        p.geen_geheimen()
        p.foto(f"10-{naam}")
    assert p.fouten == [], p.fouten

    p.open(PAGINAS["kerncijfers"])
    with p.page.expect_download() as download:
        p.page.click("#tabel-per-regio .export a:text('Excel')")
    doel = ARTEFACTEN / "kerncijfers.xlsx"
    download.value.save_as(doel)
    blad = openpyxl.load_workbook(io.BytesIO(doel.read_bytes())).active
    kop = [c.value for c in blad[1]]
    assert {"Jaar", "Leeftijdsgroep", "Aantal", "Per 1.000 inwoners"} <= set(kop), kop

    p.page.click("button[name=language][value=en]")
    p.page.wait_for_selector("html[lang=en]")
    assert "Key figures" in p.page.inner_text("h1")
    p.foto("20-kerncijfers-english")
    p.page.click("button[name=language][value=nl]")
    p.page.wait_for_selector("html[lang=nl]")
    p.uitloggen()
    p.foto("30-uitgelogd")
    p.open(PAGINAS["transitie"])
    assert "/account/inloggen/" in p.page.url


def test_lockout_in_the_browser(server, browser):
    p = Pagina(browser, server)
    for _ in range(5):
        p.open("/account/inloggen/")
        p.page.fill("#id_username", "analist")
        p.page.fill("#id_password", "verkeerd-wachtwoord")
        p.page.click("main button[type=submit]")
    p.open("/account/inloggen/")
    p.page.fill("#id_username", "analist")
    p.page.fill("#id_password", server.wachtwoorden["analist"])
    p.page.click("main button[type=submit]")
    p.page.wait_for_selector("h1")
    assert "geblokkeerd" in p.page.inner_text("h1")
    p.foto("40-geblokkeerd")
