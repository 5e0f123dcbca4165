"""Formula injection: text a user typed never becomes a formula in any workbook or CSV file
Passend writes (analysis Excel, web CSV and Excel here; the strategy workbook in
tests/strategy/test_document.py)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from passend.analysis.uitvoer import Rapportinfo
from passend.domain.spreadsheet import veilige_csv_tekst
from passend.web.tabellen import Kolom, Tabel, als_csv, als_xlsx
from tests.analysis.verzoek import schrijf_xlsx

AANVALLEN = [
    '=HYPERLINK("http://x.example","klik")',
    "@SUM(A1:A9)",
    "+1+1",
    "-2+3",
    "\t=1",
    "\uff1dCMD()",
    "  =1+1",
]


def _formules(pad_of_bytes) -> list[str]:
    """Every formula in a workbook: cells openpyxl reads as formulas, and any <f> element."""
    boek = load_workbook(
        pad_of_bytes if not isinstance(pad_of_bytes, bytes) else io.BytesIO(pad_of_bytes)
    )
    gevonden = [
        f"{blad.title}!{cel.coordinate}"
        for blad in boek
        for rij in blad.iter_rows()
        for cel in rij
        if cel.data_type == "f"
    ]
    bron = pad_of_bytes if isinstance(pad_of_bytes, bytes) else pad_of_bytes.read_bytes()
    with zipfile.ZipFile(io.BytesIO(bron)) as z:
        for naam in z.namelist():
            if naam.startswith("xl/worksheets/") and b"<f>" in z.read(naam):
                gevonden.append(naam)
    return gevonden


@pytest.mark.parametrize("aanval", AANVALLEN)
def test_csv_cells_that_could_start_a_formula_are_prefixed(aanval):
    assert veilige_csv_tekst(aanval).startswith("'")
    assert veilige_csv_tekst(-12.5) == -12.5 and veilige_csv_tekst("Zorg B.V.") == "Zorg B.V."


def test_analysis_workbook_writes_typed_text_as_text(tmp_path):
    info = Rapportinfo("markt", 2024, gebied=AANVALLEN[0], segmentmodel=AANVALLEN[1])
    bladen = {"aanbieders": [{"aanbieder": a, "clienten": 10} for a in AANVALLEN]}
    pad = schrijf_xlsx(tmp_path / "a.xlsx", bladen, info=info)
    assert _formules(pad) == []
    waarden = [c.value for rij in load_workbook(pad).worksheets[0].iter_rows() for c in rij]
    assert AANVALLEN[0] in waarden


def test_web_exports_write_typed_text_as_text():
    tabel = Tabel(
        "t",
        "Test",
        [Kolom("naam", "Naam"), Kolom("bedrag", "Bedrag", "bedrag")],
        [{"naam": a, "bedrag": -1250} for a in AANVALLEN],
    )
    assert _formules(als_xlsx(tabel)) == []
    rijen = list(csv.reader(io.StringIO(als_csv(tabel).decode("utf-8-sig")), delimiter=";"))
    assert all(r[0].startswith("'") for r in rijen[1:])
    assert rijen[1][1] in ("-12.5", "-12,5", "-12,50", "-12.50")  # a number, not prefixed
