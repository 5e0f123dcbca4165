"""The Excel workbook: Dutch headers, number formats, the Definities sheet, the catalogue
covering every column of every report, and LibreOffice opening the file."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from passend.analysis import RAPPORTSOORTEN as RAPPORTEN
from passend.analysis.kolommen import KOLOMMEN, TABELLEN, bekend, bladnaam
from passend.analysis.uitvoer import Rapportinfo
from tests.analysis.verzoek import rapport, schrijf_xlsx

pytestmark = pytest.mark.django_db


def _sleutels(tabel: str, inhoud) -> set[tuple[str, str]]:
    """(table, key) of every column, every key of a one-dict table and of nested dicts."""
    rijen = [inhoud] if isinstance(inhoud, dict) else list(inhoud)
    uit = set()
    for rij in rijen:
        for sleutel, waarde in rij.items():
            uit.add((tabel, sleutel))
            if isinstance(waarde, dict):  # knelpunt figures are labelled from the catalogue too
                uit |= {(tabel, k) for k in waarde}
    return uit


@pytest.mark.parametrize("scenario", ["transitie", "markt", "zorggebruik"])
def test_every_column_of_every_report_is_in_the_catalogue(dataset, scenario):
    con = dataset(scenario)
    gezien: set[tuple[str, str]] = set()
    for naam in RAPPORTEN:
        for jaar in (2023, 2024):
            for tabel, inhoud in rapport(naam, con, jaar=jaar, gevallen=True).items():
                assert tabel in TABELLEN, f"tabel {tabel} van {naam} heeft geen bladnaam"
                gezien |= _sleutels(tabel, inhoud)
    ontbreekt = sorted(f"{t}.{k}" for t, k in gezien if not bekend(k, t))
    assert not ontbreekt, f"kolommen zonder definitie in passend.analysis.kolommen: {ontbreekt}"
    assert len(gezien) > 40


def test_catalogue_entries_are_complete():
    for k in KOLOMMEN.values():
        assert k.nl and k.en and k.definitie, k.sleutel
    for nl, en in TABELLEN.values():
        assert len(nl) <= 31 and len(en) <= 31


def _kolom_index(blad) -> dict[str, int]:
    return {c.value: c.column for c in blad[1]}


def test_workbook_has_dutch_headers_formats_and_definitions(dataset, tmp_path):
    con = dataset("markt")
    tabellen = rapport("markt", con, jaar=2024)
    info = Rapportinfo(
        "markt", 2024, "Zuid-Holland Zuid", "Standaard", False, datetime(2026, 1, 2, 3, 4)
    )
    boek = openpyxl.load_workbook(schrijf_xlsx(tmp_path / "markt.xlsx", tabellen, info=info))
    assert boek.sheetnames == [
        "Segmenten",
        "Aanbieders",
        "Volumes",
        "Aanbiederprofielen",
        "Niet ingedeeld",
        "Dekking van de gegevens",
        "Definities",
    ]
    blad = boek["Segmenten"]
    kop = _kolom_index(blad)
    assert {"Jaar", "Segment", "Uitgaven", "HHI", "Top-3-aandeel", "Cliënten"} <= set(kop)
    eerste = next(r for r in tabellen["segmenten"] if r["bedrag_cent"])
    rij = 2 + tabellen["segmenten"].index(eerste)
    uitgaven = blad.cell(rij, kop["Uitgaven"])
    assert uitgaven.value == pytest.approx(eerste["bedrag_cent"] / 100)  # euro, not eurocent
    assert "€" in uitgaven.number_format
    assert blad.cell(rij, kop["Cliënten"]).number_format == "#,##0"
    assert blad.cell(rij, kop["Top-3-aandeel"]).number_format == "0.0%"
    assert blad.cell(rij, kop["Top-3-aandeel"]).value <= 1  # a fraction, shown as a percentage
    assert blad.cell(rij, kop["Jaar"]).number_format == "0"
    assert blad.cell(rij, kop["Segmentcode"]).data_type == "s"

    definities = [
        [c for c in r if c is not None] for r in boek["Definities"].iter_rows(values_only=True)
    ]
    tekst = "\n".join(" | ".join(str(c) for c in r) for r in definities)
    for verwacht in (
        "Rapport | markt",
        "Jaar | 2024",
        "Gebied | Zuid-Holland Zuid",
        "Segmentmodel | Standaard",
        "Kleine aantallen onderdrukt | nee",
        "Gemaakt op | 2026-01-02 03:04",
    ):
        assert verwacht in tekst
    hhi = next(r for r in definities if r[:2] == ["HHI", "hhi"])
    assert "kwadraten" in hhi[3] and "Segmenten" in hhi[4]


def test_one_dict_tables_and_suppressed_counts(dataset, tmp_path):
    con = dataset("transitie")
    tabellen = rapport("transitie", con, jaar=2024, openbaar=True)
    boek = openpyxl.load_workbook(schrijf_xlsx(tmp_path / "t.xlsx", tabellen))
    rijen = {r[0]: r[1] for r in boek["Overzicht transitie"].iter_rows(min_row=2, values_only=True)}
    assert rijen["Cohort"] == 10 and rijen["Verlengde jeugdhulp"] == "<5"
    assert rijen["Zonder verblijf"] == "x"
    # The dataset's own cohort 2024 is incomplete (no knelpunt); as part of a whole export:
    from passend.analysis import knelpunten
    from passend.analysis.gebied import Gebied
    from passend.analysis.knelpunten import drempels_als_dict
    from tests.analysis.test_knelpunten import HEEL

    drempels = {
        "knelpunten": knelpunten(con, 2024, Gebied.standaard(), periode=HEEL),
        "drempels": drempels_als_dict(),
    }
    boek = openpyxl.load_workbook(schrijf_xlsx(tmp_path / "k.xlsx", drempels))
    blad = boek["Drempels"]
    per_label = {r[0].value: r[1] for r in blad.iter_rows(min_row=2)}
    # zonder_vervolg is a count in the transition but a fraction among the thresholds.
    assert per_label["Aandeel zonder vervolg"].number_format == "0.0%"
    assert per_label["HHI"].value == 2500
    knelpunt = boek["Knelpunten"]
    cijfers = knelpunt.cell(2, _kolom_index(knelpunt)["Cijfers"]).value
    assert "Cohort: 10" in cijfers


def test_english_headers(dataset, tmp_path):
    con = dataset("transitie")
    tabellen = rapport("wmo-instroom", con, jaar=2024)
    boek = openpyxl.load_workbook(schrijf_xlsx(tmp_path / "w.xlsx", tabellen, taal="en"))
    assert boek.sheetnames == [
        "By product category",
        "By municipality",
        "Data coverage",
        "Definitions",
    ]
    assert {"Inflow", "From youth care", "Share from youth care"} <= set(
        _kolom_index(boek["By product category"])
    )


def _soffice() -> str:
    pad = shutil.which("soffice") or shutil.which("libreoffice")
    if pad is None:
        pytest.fail(
            "LibreOffice (soffice) ontbreekt: installeer libreoffice-calc-nogui; "
            "deze test controleert dat de Excel-werkmap in LibreOffice opent."
        )
    return pad


@pytest.mark.slow
def test_workbook_opens_in_libreoffice_headless(dataset, tmp_path):
    """Converting to PDF proves LibreOffice reads every sheet; the PDF text holds each sheet's
    Dutch headers and the definitions."""
    soffice = _soffice()
    con = dataset("transitie")
    tabellen = rapport("transitie", con, jaar=2024)
    pad = schrijf_xlsx(
        tmp_path / "transitie.xlsx",
        tabellen,
        info=Rapportinfo("transitie", 2024, "alle gemeenten", "Standaard"),
    )
    boek = openpyxl.load_workbook(pad)
    verwacht = [bladnaam(t) for t in tabellen] + ["Definities"]
    assert boek.sheetnames == verwacht
    assert boek["Per gemeente"]["D1"].value == "Cohort"
    assert boek["Per gemeente"]["D2"].number_format == "#,##0"

    uit = tmp_path / "pdf"
    profiel = (tmp_path / "lo-profile").as_uri()  # isolated: no shared user profile or lock
    resultaat = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profiel}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(uit),
            str(pad),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = uit / "transitie.pdf"
    assert resultaat.returncode == 0 and pdf.exists(), resultaat.stderr + resultaat.stdout
    assert pdf.read_bytes()[:5] == b"%PDF-"
    tekst = _pdf_tekst(pdf)
    for naam in tabellen:
        kop = openpyxl.load_workbook(pad)[bladnaam(naam)]["A1"].value
        assert kop in tekst, f"kop {kop!r} van blad {bladnaam(naam)} ontbreekt in de PDF"
    for woord in (
        "Definities",
        "Verlengde jeugdhulp",
        "Zonder vervolg",
        "Segmentmodel",
        "Definitie",
    ):
        assert woord in tekst, woord


def _pdf_tekst(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (poppler-utils) ontbreekt.")
    uit = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return uit.stdout
