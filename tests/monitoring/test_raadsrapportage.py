"""The raadsrapportage core by hand: the bestedingsruimte per segment, the public monitor
(a value whose count is hidden is hidden too), the JSON round trip and the PDF as a person
reads it (rendered, then read back with pdftotext)."""

from __future__ import annotations

import re
import subprocess

import pytest

from passend.monitoring.raadspdf import als_html, als_pdf
from passend.monitoring.raadsrapportage import Raadsrapportage, bouw, openbare_monitor, per_segment


def _contract(domein, segment, ruimte, gedeclareerd, signaal, prognose):
    return {
        "domein": domein,
        "segment": segment,
        "bestedingsruimte_cent": ruimte,
        "gedeclareerd_cent": gedeclareerd,
        "signaal_70": signaal,
        "prognose_lineair_cent": gedeclareerd * 2,
        "prognose_verplichtingen_cent": prognose,
    }


def test_the_room_per_segment_by_hand():
    rijen = per_segment(
        [
            _contract("jeugd", "4A", 100_000, 80_000, True, 150_000),
            _contract("jeugd", "4A", 300_000, 20_000, False, 250_000),
            _contract("jeugd", "1", 0, 5_000, False, 5_000),  # no room: no use to divide
            _contract("wmo", "W", 50_000, 10_000, False, 40_000),
        ]
    )
    assert [(r["domein"], r["segment"]) for r in rijen] == [
        ("jeugd", "1"),
        ("jeugd", "4A"),
        ("wmo", "W"),
    ]
    vier_a = rijen[1]
    assert (vier_a["contracten"], vier_a["met_signaal"]) == (2, 1)
    assert vier_a["bestedingsruimte_cent"] == 400_000 and vier_a["gedeclareerd_cent"] == 100_000
    assert vier_a["benutting"] == pytest.approx(0.25)
    assert vier_a["benutting_prognose"] == pytest.approx(400_000 / 400_000)
    assert vier_a["prognose_lineair_cent"] == 200_000
    assert rijen[0]["benutting"] is None


PUBLIEK = {
    "transitie": {
        "transitie": {
            "jaar": 2024,
            "cohort": 40,
            "zonder_vervolg": 12,
            "naar_wmo": 20,
            "warme_overdracht": "<5",
            "verlengde_jeugdhulp": 8,
        },
        "uitkomsten": [],
        "per_gemeente": [],
    },
    "toekomstplan": {
        "plan_samenvatting": [{"jaar": 2024, "cohort": 40, "aandeel_17_5": "x"}],
        "plan_per_uitkomst": [],
        "plan_per_gemeente": [],
    },
    "resultaten": {"resultaat_segment": []},
}


def _monitorrij(indicator, werkelijk, eenheid="aandeel"):
    return {
        "doelgroep": "18-23",
        "ambitie": "Geen jongere valt tussen wal en schip",
        "indicator": indicator,
        "naam": indicator,
        "eenheid": eenheid,
        "jaar": 2025,
        "doel": 0.5,
        "werkelijk": werkelijk,
        "status": "op koers",
    }


def test_a_monitor_value_resting_on_a_hidden_count_is_hidden():
    rijen = [
        _monitorrij("zv", 0.3),
        _monitorrij("warm", 0.5),
        _monitorrij("plan", 0.6),
        _monitorrij("hand", 0.7),
        _monitorrij("wacht", 30, "dagen"),
        _monitorrij("wmo", 0.5),
        {**_monitorrij("zv", 0.2), "jaar": 2024},
    ]
    bronnen = {
        "zv": "zonder_vervolg_aandeel",
        "warm": "warme_overdracht_aandeel",
        "plan": "toekomstplan_17_5_aandeel",
        "hand": "handmatig",
        "wacht": "startwachttijd_mediaan_dagen",
        "wmo": "naar_wmo_aandeel",
    }
    uit = {r["naam"]: r for r in openbare_monitor(rijen, 2025, PUBLIEK, bronnen)}
    assert set(uit) == {"zv", "warm", "plan", "hand", "wacht", "wmo"}  # the year asked only
    assert uit["zv"]["werkelijk"] == 0.3 and uit["zv"]["status"] == "op koers"
    assert (uit["warm"]["werkelijk"], uit["warm"]["status"]) == ("x", "onderdrukt")
    assert uit["plan"]["werkelijk"] == "x"  # the share itself is hidden in the plan table
    assert uit["hand"]["werkelijk"] == 0.7  # entered by hand: published as entered
    assert uit["wacht"]["werkelijk"] == "x"  # no public cell to rest on
    assert uit["wmo"]["werkelijk"] == 0.5  # 20 of 40, both public
    # a shown count over a hidden cohort would give the cohort back: hidden
    verborgen_cohort = {
        "transitie": {"transitie": {**PUBLIEK["transitie"]["transitie"], "cohort": "x"}}
    }
    (zv,) = openbare_monitor([_monitorrij("zv", 0.3)], 2025, verborgen_cohort, bronnen)
    assert zv["werkelijk"] == "x"


def _document():
    return bouw(
        titel="Raadsrapportage 2025",
        gebied="Zuid-Holland Zuid",
        jaar=2025,
        cohort=2024,
        peildatum="2025-06-30",
        publiek={
            **PUBLIEK,
            "transitie": {
                **PUBLIEK["transitie"],
                "uitkomsten": [
                    {"jaar": 2024, "uitkomst": "zonder_vervolg", "aantal": 12, "aandeel": 0.3},
                    {"jaar": 2024, "uitkomst": "naar_wmo", "aantal": "<5", "aandeel": "x"},
                ],
            },
        },
        segmenten=per_segment([_contract("jeugd", "4A", 100_000, 80_000, True, 150_000)]),
        monitor=openbare_monitor([_monitorrij("zv", 0.3)], 2025, PUBLIEK, {"zv": "handmatig"}),
        titel_en="Council report 2025",
    )


def test_the_document_round_trips_through_json_and_lists_every_table_for_excel():
    document = _document()
    terug = Raadsrapportage.uit_json(document.als_json())
    assert terug == document
    assert list(document.bladen()) == [
        "uitkomsten",
        "per_gemeente",
        "transitie",
        "plan_samenvatting",
        "plan_per_uitkomst",
        "plan_per_gemeente",
        "resultaat_segment",
        "bestedingsruimte_segment",
        "commitmentmonitor",
    ]


def test_the_pdf_reads_as_the_tables_with_suppressed_cells(tmp_path):
    document = _document()
    html = als_html(document)
    # nothing active and nothing to fetch: the only URLs are the SVG charts' namespaces
    zonder_namespaces = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", html)
    assert "<script" not in html and "http" not in zonder_namespaces
    pad = tmp_path / "raad.pdf"
    pad.write_bytes(als_pdf(document))
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout
    for kop in (
        "Raadsrapportage 2025",
        "1. Transitie",
        "2. Toekomstplan",
        "3. Resultaten van aanbieders",
        "4. Bestedingsruimte per segment",
        "5. Commitmentmonitor",
    ):
        assert kop in tekst, kop
    assert "Zonder vervolg" in tekst and "30,0%" in tekst and "<5" in tekst
    assert "€ 1.000" in tekst and "80,0%" in tekst  # room and use of segment 4A
    assert "Benutting van de bestedingsruimte per segment" in tekst  # its chart
    assert "Jeugdhulp 4A" in tekst and "70% of meer" in tekst
    assert "Geen gegevens." in tekst  # an empty table says so


def _pdftekst(pad):
    return subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_english_pdf_has_the_same_figures_in_english_words(tmp_path):
    document = _document()
    pad = tmp_path / "council.pdf"
    pad.write_bytes(als_pdf(document, "en"))
    tekst = _pdftekst(pad)
    for kop in (
        "Council report 2025",
        "1. Transition: turning 18 with youth care",
        "2. Future plan and the 18-/18+ rule",
        "3. Provider results",
        "4. Spending room per segment",
        "5. Commitment monitor",
        "Outcome of the cohort",
        "By segment",
        "reference date 2025-06-30",
    ):
        assert kop in tekst, kop
    assert "No follow-up" in tekst and "30.0%" in tekst and "<5" in tekst
    assert "€ 1,000" in tekst and "80.0%" in tekst  # the same room and use, English digits
    assert "No data." in tekst and "on track" in tekst and "Page 1 of 2" in tekst
    assert "Use of the spending room by segment" in tekst and "70% or more" in tekst
    assert "Youth care 4A" in tekst and "80,0%" not in tekst  # the chart's numbers too
    for nederlands in ("Raadsrapportage", "Transitie", "Geen gegevens", "Zonder vervolg"):
        assert nederlands not in tekst, nederlands
    assert '<html lang="en">' in als_html(document, "en")


def test_a_document_published_before_english_falls_back_to_dutch_words():
    oud = _document().als_json()
    del oud["titel_en"]
    for sectie in oud["secties"]:
        del sectie["titel_en"], sectie["tekst_en"]
    document = Raadsrapportage.uit_json(oud)
    html = als_html(document, "en")
    assert "Raadsrapportage 2025" in html and "1. Transitie: 18 worden met jeugdhulp" in html
    assert "Outcome of the cohort" in html  # table titles and labels are English still


def test_the_pdf_draws_the_outcome_with_and_without_a_plan_from_published_cells_only():
    from passend.monitoring.raadsrapportage import Sectie

    def document(ja_cohort):
        rijen = (
            {
                "tijdig_plan": "ja",
                "cohort": ja_cohort,
                "verlengde_jeugdhulp": 6,
                "naar_wmo": 10,
                "zonder_vervolg": 12,
            },
            {
                "tijdig_plan": "nee",
                "cohort": 30,
                "verlengde_jeugdhulp": 5,
                "naar_wmo": 5,
                "zonder_vervolg": 20,
            },
        )
        kolommen = ("tijdig_plan", "cohort")
        sectie = Sectie("Toekomstplan", "", (("plan_per_uitkomst", "Uitkomst", kolommen, rijen),))
        return Raadsrapportage("R", "G", 2025, 2024, "2025-06-30", (sectie,))

    html = als_html(document(28))
    assert "<svg" in html and "Geen plan op 17½" in html and "Plan op 17½" in html
    # a hidden group is not drawn: only the group without a plan remains
    verborgen = als_html(document("x"))
    grafiek = verborgen[verborgen.index("<svg") : verborgen.index("</svg>")]
    assert "Geen plan op 17½" in grafiek and ">Plan op 17½<" not in grafiek
