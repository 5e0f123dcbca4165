"""The public strategy document: suppression, PDF (rendered and rasterised), Excel."""

import shutil
import subprocess

import pytest

from passend.analysis.privacy import PRIMAIR
from passend.strategy.demo import demo_strategie
from passend.strategy.document import marktoverzicht, publiek_aantal


@pytest.fixture(scope="module")
def strategie(con):
    return demo_strategie(con, runs=400)


def test_small_counts_are_suppressed(strategie):
    assert publiek_aantal(3) == PRIMAIR and publiek_aantal(0.4) == PRIMAIR
    assert publiek_aantal(0) == "0" and publiek_aantal(1234) == "1.234"
    rijen = marktoverzicht(strategie)
    for rij in rijen:
        waarde = rij["clienten"]
        assert waarde in (PRIMAIR, "x") or not 1 <= int(waarde.replace(".", "")) <= 4
        if waarde in (PRIMAIR, "x") and rij["segment"]:
            assert rij["kosten_per_client"] == "x"  # money per client hidden with the count
    assert rijen[-1]["segmentnaam"] == "Totaal"


def test_demo_strategy_records_the_override(strategie):
    vier_b = strategie.strategie("4B")
    assert vier_b.procedure == "sas_emvi"
    assert not vier_b.overschrijvingen or "SAS" in vier_b.overschrijvingen[0].rationale
    assert strategie.scenarios[0].naam == "Basis"


def test_pdf_renders_and_rasterises(strategie, tmp_path):
    from passend.strategy.pdf import als_pdf

    assert shutil.which("pdftoppm"), "pdftoppm ontbreekt: apt-get install poppler-utils"

    pdf = tmp_path / "inkoopstrategie.pdf"
    pdf.write_bytes(als_pdf(strategie))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "blad")],
        check=True,
    )
    png = next(tmp_path.glob("blad*.png"))
    from PIL import Image

    beeld = Image.open(png).convert("L")
    assert beeld.size[0] > 300 and beeld.size[1] > beeld.size[0]  # A4 portrait
    donker = sum(beeld.histogram()[:128])
    assert donker > 2000  # there is text on the cover page, not a blank page
    tekst = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for kop in (
        "Visie en ambities",
        "Marktcijfers per segment",
        "Strategie per segment",
        "Scenario's",
        "Definities",
        "Waar kernwaarden botsen",
    ):
        assert kop in tekst
    assert "synthetische" in tekst


def test_excel_workbook(strategie, tmp_path):
    from openpyxl import load_workbook

    from passend.strategy.excel import als_xlsx

    pad = tmp_path / "inkoopstrategie.xlsx"
    pad.write_bytes(als_xlsx(strategie))
    wb = load_workbook(pad)
    assert wb.sheetnames == [
        "Samenvatting",
        "Markt",
        "Keuzes",
        "Kernwaarden",
        "Scenario's",
        "Prognose per jaar",
        "Budgettoets",
        "Risico",
        "Ambities",
        "Monitor",
        "Definities",
        "Regels",
    ]
    assert wb["Scenario's"]._images  # the chart is embedded as a picture
    scenarios = [r[0].value for r in wb["Scenario's"].iter_rows(min_row=2, max_row=5)]
    assert scenarios[0] == "Basis" and len(scenarios) == 4
    for rij in wb["Markt"].iter_rows(min_row=2, values_only=True):
        assert rij[3] in ("<5", "x") or not 1 <= int(str(rij[3]).replace(".", "")) <= 4


def test_excel_workbook_writes_typed_text_as_text(strategie, tmp_path):
    """A scenario name or title typed as a formula stays text (formula injection)."""
    import dataclasses

    from openpyxl import load_workbook

    from passend.strategy.excel import als_xlsx
    from tests.privacy.test_formule_injectie import AANVALLEN, _formules

    scenario = dataclasses.replace(
        strategie.scenarios[0], naam=AANVALLEN[0], omschrijving=AANVALLEN[1]
    )
    aangepast = dataclasses.replace(
        strategie, titel=AANVALLEN[2], scenarios=(scenario, *strategie.scenarios[1:])
    )
    pad = tmp_path / "s.xlsx"
    pad.write_bytes(als_xlsx(aangepast))
    assert _formules(pad) == []
    waarden = [c.value for blad in load_workbook(pad) for r in blad.iter_rows() for c in r]
    assert AANVALLEN[0] in waarden


def test_excel_figures_are_typed_numbers_with_a_number_format(strategie, tmp_path):
    """No figure is stored as text: a number-looking text cell is a defect (issue 11), and
    every number carries a number format (euros, percentages, whole counts)."""
    import re

    from openpyxl import load_workbook

    from passend.strategy.excel import als_xlsx

    pad = tmp_path / "inkoopstrategie.xlsx"
    pad.write_bytes(als_xlsx(strategie))
    wb = load_workbook(pad)
    getal_als_tekst = re.compile(r"^[-€\s]*[\d.,]+\s*(%|mln)?$")
    getallen = 0
    for blad in ("Markt", "Scenario's", "Prognose per jaar", "Risico", "Monitor"):
        koppen = [c.value for c in wb[blad][1]]
        for rij in wb[blad].iter_rows(min_row=2, min_col=2):  # column A: codes and names
            for cel in rij:
                if koppen[cel.column - 1] in ("Jaar", "Segment"):  # a year, a segment code
                    continue
                if isinstance(cel.value, str):
                    assert not getal_als_tekst.match(cel.value), (blad, cel.coordinate, cel.value)
                elif isinstance(cel.value, int | float) and not isinstance(cel.value, bool):
                    getallen += 1
                    assert cel.number_format != "General", (blad, cel.coordinate, cel.value)
    assert getallen > 20


def test_appendix_b_prints_the_rules_in_words_in_pdf_and_excel(strategie):
    from openpyxl import load_workbook

    from passend.strategy.excel import als_xlsx
    from passend.strategy.pdf import html

    bijlage_b = html(strategie).split("Bijlage B.")[1].split("Bijlage C.")[0]
    assert "het segment omvat zorg met verblijf" in bijlage_b
    assert "Verantwoordelijk domein" in bijlage_b and "Inkoopprocedure" in bijlage_b
    for code in ("met_verblijf", "==", "True", "aandeel_16_plus", "{"):
        assert code not in bijlage_b
    import io

    regels = load_workbook(io.BytesIO(als_xlsx(strategie)))["Regels"]
    teksten = [c for rij in regels.iter_rows(min_row=2, values_only=True) for c in rij]
    assert "het segment omvat zorg met verblijf" in teksten
    assert not any(isinstance(c, str) and ("==" in c or "_" in c) for c in teksten)


def _met_budget(strategie):
    import dataclasses

    from passend.strategy.budget import Budget

    basis = strategie.scenarios[0]
    bedragen = {
        (w["jaar"], w["domein"]): w["p50"] for w in basis.waaier() if w["domein"] != "totaal"
    }
    return dataclasses.replace(strategie, budget=Budget(bedragen))


def test_without_a_budget_the_document_says_so_and_shows_no_overrun_chance(strategie):
    from passend.strategy.pdf import html

    hoofdstuk = html(strategie).split("4. Scenario")[1].split("Bijlage A.")[0]
    assert "Er is geen budget ingevoerd" in hoofdstuk
    assert "Kans op tekort" not in hoofdstuk and "mediane prognose" not in hoofdstuk


def test_with_a_budget_pdf_and_excel_show_the_same_risk_as_the_engine(strategie):
    import io

    from openpyxl import load_workbook

    from passend.strategy.excel import als_xlsx
    from passend.strategy.pdf import html
    from passend.strategy.scenario import vergelijk

    s = _met_budget(strategie)
    verwacht = vergelijk(s.scenarios, budget=s.budget)
    hoofdstuk = html(s).split("4. Scenario")[1].split("Bijlage A.")[0]
    assert "Kans op tekort" in hoofdstuk and "Budgettoets per jaar" in hoofdstuk
    wb = load_workbook(io.BytesIO(als_xlsx(s)))
    blad = wb["Scenario's"]
    koppen = [c.value for c in blad[1]]
    kans = koppen.index("Kans op tekort")
    for rij, r in zip(blad.iter_rows(min_row=2, max_row=1 + len(verwacht)), verwacht, strict=True):
        assert rij[0].value == r["scenario"]
        assert rij[kans].value == pytest.approx(r["risico"]["kans_tekort"])
        assert rij[kans].number_format.endswith("%")
    # A budget equal to the baseline's median is overrun in about half of the baseline's runs,
    # and a scenario adding care (continued care to 23) is overrun more often.
    basis, doorlopend = verwacht[0]["risico"], verwacht[1]["risico"]
    assert 0.3 < basis["kans_tekort"] < 1 and doorlopend["kans_tekort"] > basis["kans_tekort"]
    toets = [r for r in wb["Budgettoets"].iter_rows(min_row=2, values_only=True)]
    assert {r[2] for r in toets} == {"jeugd", "wmo", "totaal"}
    assert all(0 <= r[7] <= 1 for r in toets)
