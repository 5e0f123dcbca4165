"""End to end in headless Chromium: the analyst makes the raadsrapportage on Rapporten, a
council member opens it, reads the tables and downloads the PDF, which is rendered to an
image to look at (test-artifacts/raad-pdf-1.png) and read back as text."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.e2e.conftest import ARTEFACTEN, _demo_gebruiker
from tests.e2e.test_browser import Pagina, _laad_als_beheerder
from tests.web.gegevens import maak_zip

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]


def test_analist_makes_the_raadsrapportage_and_the_raad_reads_the_pdf(server, browser, tmp_path):
    _laad_als_beheerder(browser, server, maak_zip(tmp_path))
    server.wachtwoorden["raad"] = _demo_gebruiker(
        server.omgeving, "raad", "--rol", "alleen-lezen", "--regio", "Zuid-Holland Zuid"
    )
    p = Pagina(browser, server)
    p.inloggen("analist")
    p.page.click("nav.hoofdmenu >> text=Rapporten")
    p.page.select_option("#r-jaar", "2024")
    with p.page.expect_navigation():
        p.page.click("#raad-formulier button[type=submit]")
    assert "De raadsrapportage is gepubliceerd." in p.page.inner_text("main")
    p.uitloggen()

    r = Pagina(browser, server)
    r.inloggen("raad")
    r.open("/rapporten/")
    with r.page.expect_navigation():
        r.page.click("text=Raadsrapportage jeugdhulp en Wmo 16–27, 2024")
    tekst = r.page.inner_text("main")
    assert "Toekomstplan en de 18-/18+-regel" in tekst and "Commitmentmonitor" in tekst
    r.geen_geheimen()
    with r.page.expect_download() as download:
        r.page.click("text=PDF")
    pdf = tmp_path / "raad.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    inhoud = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1. Transitie" in inhoud and "5. Commitmentmonitor" in inhoud
    ARTEFACTEN.mkdir(exist_ok=True)
    assert shutil.which("pdftoppm")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(ARTEFACTEN / "raad-pdf"),
        ],
        check=True,
    )
    assert (ARTEFACTEN / "raad-pdf-1.png").stat().st_size > 5_000
    assert not r.fouten, r.fouten
