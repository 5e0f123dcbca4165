"""The raadsrapportage on the web: an analyst makes and publishes it, the raad reads it as a
page, a PDF and a workbook, frozen and suppressed; nothing personal in any of them."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest

from passend.web.models import GepubliceerdRapport
from tests.web.gegevens import GEHEIMEN

pytestmark = pytest.mark.django_db


def _publiceer(als, jaar="2025"):
    from passend.planning import opslag
    from passend.strategy.ambities import voorbeeldkader

    opslag.bewaar_kader(voorbeeldkader(2023), "Zuid-Holland Zuid")
    antwoord = als("analist").post(
        "/rapporten/raadsrapportage/", {"gebied": "Zuid-Holland Zuid", "jaar": jaar}
    )
    assert antwoord.status_code == 302, antwoord.content[:500]
    return GepubliceerdRapport.objects.get(soort="raadsrapportage")


def test_the_raad_reads_the_published_report_as_page_pdf_and_workbook(als, geladen, tmp_path):
    rapport = _publiceer(als, "2024")
    # the data cover 2024 only: no cohort before it, so the cohort is 2024 itself
    assert rapport.parameters == {"gebied": "Zuid-Holland Zuid", "jaar": 2024, "cohort": 2024}
    raad = als("raad")
    assert rapport.titel in raad.get("/rapporten/").content.decode()
    pagina = raad.get(f"/rapporten/{rapport.pk}/").content.decode()
    for kop in ("Transitie", "Toekomstplan", "Resultaten van aanbieders", "Commitmentmonitor"):
        assert kop in pagina
    pdf = raad.get(f"/rapporten/{rapport.pk}/?document=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pad = tmp_path / "raad.pdf"
    pad.write_bytes(pdf.content)
    tekst = subprocess.run(
        ["pdftotext", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Raadsrapportage" in tekst and "Zuid-Holland Zuid" in tekst
    xlsx = raad.get(f"/rapporten/{rapport.pk}/?document=xlsx")
    boek = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert {"Bestedingsruimte per segment", "Commitmentmonitor", "Definities"} <= set(
        boek.sheetnames
    )
    for inhoud in (pagina, tekst, str(rapport.inhoud)):
        for geheim in GEHEIMEN:
            assert geheim not in inhoud


def test_an_english_reader_gets_the_page_pdf_and_workbook_in_english(als, geladen, tmp_path):
    rapport = _publiceer(als, "2024")
    raad = als("raad")
    raad.post("/i18n/setlang/", {"language": "en", "next": "/rapporten/"})
    pagina = raad.get(f"/rapporten/{rapport.pk}/").content.decode()
    assert "Transition: turning 18 with youth care — Outcome of the cohort" in pagina
    assert "Spending room per segment" in pagina and "Bestedingsruimte per segment" not in pagina
    pdf = raad.get(f"/rapporten/{rapport.pk}/?document=pdf")
    assert 'filename="council-report-2024.pdf"' in pdf["Content-Disposition"]
    pad = tmp_path / "council.pdf"
    pad.write_bytes(pdf.content)
    tekst = subprocess.run(
        ["pdftotext", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Council report youth care and Wmo 16–27, 2024" in tekst
    assert "Commitment monitor" in tekst and "Raadsrapportage" not in tekst
    xlsx = raad.get(f"/rapporten/{rapport.pk}/?document=xlsx")
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    koppen = {c.value for c in next(blad.iter_rows(min_row=1, max_row=3))}
    assert koppen and not koppen & {"Uitkomst", "Aantal", "Aandeel"}


def test_every_count_in_the_report_is_suppressed_as_in_public_output(als, geladen):
    rapport = _publiceer(als, "2024")
    secties = rapport.inhoud["raadsrapportage"]["secties"]
    transitie = next(t for s in secties for t in s["tabellen"] if t[0] == "transitie")
    (rij,) = transitie[3]
    # cohort 2024 of the test region is two youths: every count is hidden
    assert all(rij[k] in ("<5", "x", 0) for k in ("cohort", "zonder_vervolg", "naar_wmo"))
    monitor = next(t for s in secties for t in s["tabellen"] if t[0] == "commitmentmonitor")
    assert monitor[3] and all(r["werkelijk"] in ("x", None) for r in monitor[3])


def test_only_publishers_make_it_and_the_raad_of_another_region_cannot_read_it(als, geladen):
    assert als("raad").post("/rapporten/raadsrapportage/", {"jaar": "2024"}).status_code == 403
    assert als("contract").post("/rapporten/raadsrapportage/", {"jaar": "2024"}).status_code == 403
    buiten = als("analist").post("/rapporten/raadsrapportage/", {"gebied": "0363", "jaar": "2024"})
    assert buiten.status_code == 404  # Amsterdam is outside the analyst's scope
    rapport = _publiceer(als, "2024")
    assert als("beleid").get(f"/rapporten/{rapport.pk}/").status_code == 200  # Dordrecht in ZHZ
    assert "0505" in rapport.gemeenten and "0363" not in rapport.gemeenten


def test_the_monitor_values_are_checked_against_the_public_cells_of_their_own_year(
    als, geladen, monkeypatch
):
    """The document's cohort is the year before (2024), but a monitor value of 2025 rests
    on cohort 2025: its public cells, not those of 2024, decide whether it is shown."""
    from passend.planning import raad

    gevraagd = []
    echt = raad.rapport

    def rapport(naam, con, verzoek, *, openbaar=False):
        gevraagd.append((naam, verzoek.jaar, openbaar))
        return echt(naam, con, verzoek, openbaar=openbaar)

    monkeypatch.setattr(raad, "rapport", rapport)
    rapport_ = _publiceer(als, "2025")
    assert rapport_.parameters["cohort"] == 2024
    assert {("transitie", 2024, True), ("toekomstplan", 2024, True)} <= set(gevraagd)
    assert {("transitie", 2025, True), ("toekomstplan", 2025, True)} <= set(gevraagd)
    assert ("resultaten", 2025, True) in gevraagd and all(o for _n, _j, o in gevraagd)
