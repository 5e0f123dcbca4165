"""Charts: every chart renders offline to PNG and SVG, shows the figures of its table, and
draws no suppressed count in public output."""

from __future__ import annotations

import io
import struct

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passend.analysis.grafieken import UIT, Kruistabel, grafieken, stroom_grafiek
from passend.analysis.kolommen import MATEN, UITKOMSTEN, codenaam
from passend.analysis.openbaar import is_onderdrukt
from passend.analysis.privacy import onderdruk
from passend.analysis.weergave import ONDERDRUKT_KLEUR, als_png, als_svg
from tests.analysis.verzoek import rapport

JAREN = {
    "transitie": 2024,
    "wmo-instroom": 2024,
    "knelpunten": 2024,
    "benchmark": 2024,
    "zorggebruik": None,
    "markt": None,
}


def _afmetingen(png: bytes) -> tuple[int, int]:
    try:
        from PIL import Image
    except ImportError:  # the PNG header holds them too (IHDR: width, height)
        return struct.unpack(">II", png[16:24])
    with Image.open(io.BytesIO(png)) as beeld:
        return beeld.size


def _render(grafiek) -> tuple[bytes, str]:
    png, svg = als_png(grafiek), als_svg(grafiek)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    breed, hoog = _afmetingen(png)
    assert 400 <= breed <= 4000 and 120 <= hoog <= 4000, (breed, hoog)
    assert svg.lstrip().startswith("<svg") and "<text" in svg
    return png, svg


def _data(grafiek, naam: str | None = None) -> list[dict]:
    """The inline data rows of a chart (of its layers), optionally one dataset by content."""
    spec = grafiek.to_dict()
    sets = [d["values"] for d in _alle(spec, "data") if isinstance(d, dict) and "values" in d]
    return [rij for s in sets for rij in s if naam is None or naam in rij]


def _knelpunten_heel(con, jaar: int) -> dict:
    """The knelpunten as if the handmade dataset were a whole export of 2021-2025 (on its
    own, its cohorts are incomplete and raise no signal: tests/analysis/test_knelpunten.py)."""
    from passend.analysis.gebied import Gebied
    from passend.analysis.knelpunten import knelpunten
    from tests.analysis.test_knelpunten import HEEL

    return {"knelpunten": knelpunten(con, jaar, Gebied.standaard(), periode=HEEL)}


def _alle(spec, sleutel):
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == sleutel:
                yield v
            yield from _alle(v, sleutel)
    elif isinstance(spec, list):
        for v in spec:
            yield from _alle(v, sleutel)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", ["transitie", "markt", "zorggebruik"])
def test_every_chart_of_every_report_renders(dataset, scenario):
    con = dataset(scenario)
    gemaakt = set()
    for naam, jaar in JAREN.items():
        tabellen = (
            _knelpunten_heel(con, jaar) if naam == "knelpunten" else rapport(naam, con, jaar=jaar)
        )
        for bestand, grafiek in grafieken(naam, tabellen).items():
            _png, svg = _render(grafiek)
            gemaakt.add(bestand)
            if bestand == "benchmark":  # every gemeente and measure of the table is drawn
                for r in tabellen["benchmark"]:
                    assert r["naam"] in svg and codenaam(MATEN, r["maat"]) in svg
    if scenario == "transitie":
        assert {
            "transitie_stroom_zorgvorm",
            "transitie_stroom_segment",
            "wmo_instroom",
            "zorggebruik_trend",
            "knelpunten",
        } <= gemaakt
    elif scenario == "markt":
        assert {"markt_hhi", "markt_aandelen", "markt_uitgaven", "knelpunten"} <= gemaakt
    else:  # the only dataset with population figures
        assert {"benchmark", "zorggebruik_trend"} <= gemaakt


@pytest.mark.django_db
def test_transition_flow_shows_every_count(dataset):
    con = dataset("transitie")
    tabellen = rapport("transitie", con, jaar=2024)
    stroom = tabellen["stroom_zorgvorm"]
    grafiek = grafieken("transitie", tabellen)["transitie_stroom_zorgvorm"]
    _png, svg = _render(grafiek)
    # Cohort 2024: 3 verlengd, 4 naar Wmo, 3 zonder vervolg; 2 met and 8 zonder verblijf.
    for tekst in (
        "Verlengde jeugdhulp: 3 (30%)",
        "Naar Wmo: 4 (40%)",
        "Zonder vervolg: 3 (30%)",
        "Met verblijf: 2",
        "Zonder verblijf: 8",
        "Van zorgvorm op 17 naar uitkomst op 18, cohort 2024",
    ):
        assert tekst in svg, tekst
    # One band per non-zero cell, as wide as its count: no flow silently dropped.
    banden = _data(grafiek, "band")
    breedte: dict[int, dict] = {}
    for p in banden:
        breedte.setdefault(p["band"], p)
    cellen = sorted(r["aantal"] for r in stroom if r["aantal"])
    assert sorted(round(p["y2"] - p["y"]) for p in breedte.values()) == cellen
    assert sum(cellen) == 10


@pytest.mark.django_db
def test_public_flow_draws_no_small_count(dataset):
    con = dataset("transitie")
    stroom = rapport("transitie", con, jaar=2024)["stroom_zorgvorm"]
    grafiek = stroom_grafiek(stroom, openbaar=True)
    _png, svg = _render(grafiek)
    assert "niet getekend" in svg and "Cohort: 10 jongeren" in svg
    assert "Verlengde jeugdhulp: &lt;5" in svg and "Met verblijf: &lt;5" in svg
    banden = {p["band"]: p for p in _data(grafiek, "band")}
    assert all(p["y2"] - p["y"] >= 5 for p in banden.values())  # no band of 1-4 youths


@pytest.mark.django_db
def test_market_and_inflow_charts_carry_the_table_figures(dataset):
    con = dataset("markt")
    markt = rapport("markt", con)
    jaar = max(r["jaar"] for r in markt["segmenten"])
    kaarten = grafieken("markt", markt)
    _png, svg = _render(kaarten["markt_hhi"])
    for r in markt["segmenten"]:
        if r["jaar"] == jaar and r["hhi"] is not None and not r["apart"]:
            hhi = f"{r['hhi']:,.0f}".replace(",", ".")
            assert f"{r['segmentnaam']} ({hhi})" in svg
    aandelen = _data(kaarten["markt_aandelen"], "aandeel")
    assert aandelen and all(0 < r["aandeel"] <= 1 for r in aandelen)
    _png, svg = _render(kaarten["markt_aandelen"])
    assert "Grootste aanbieders per segment" in svg and "%" in svg
    euro = sum(r["euro"] for r in _data(kaarten["markt_uitgaven"], "euro"))
    assert euro == pytest.approx(sum(r["bedrag_cent"] for r in markt["segmenten"]) / 100)


@pytest.mark.django_db
def test_inflow_trend_and_knelpunten(dataset):
    con = dataset("transitie")
    instroom = rapport("wmo-instroom", con, jaar=2024)
    grafiek = grafieken("wmo-instroom", instroom)["wmo_instroom"]
    _png, svg = _render(grafiek)
    for r in instroom["per_productcategorie"]:
        if r["productcategorie"] != "totaal":
            assert (
                f"{r['naam']}  ({r['instroom']})" in svg or f"{r['naam']} ({r['instroom']})" in svg
            )
    # In public output a category whose split is suppressed keeps only its published total.
    publiek = grafieken("wmo-instroom", instroom, openbaar=True)["wmo_instroom"]
    assert all(
        r["aantal"] == 0 or r["aantal"] >= 5 or r["deel"] == "Verdeling niet getoond"
        for r in _data(publiek, "deel")
    )
    for r in _data(publiek, "deel"):
        assert not (0 < r["aantal"] < 5), r

    zorg = rapport("zorggebruik", con)
    trend = grafieken("zorggebruik", zorg)["zorggebruik_trend"]
    _png, svg = _render(trend)
    assert "Jeugdhulp" in svg and "Wmo" in svg and "Cliënten in zorg" in svg
    punten = _data(trend, "leeftijd")
    verwacht = sum(r["aantal"] for r in zorg["per_regio"] if r["volledig"])
    assert sum(r["aantal"] for r in punten) == verwacht
    publiek = grafieken("zorggebruik", zorg, openbaar=True)["zorggebruik_trend"]
    assert all(r["aantal"] == 0 or r["aantal"] >= 5 for r in _data(publiek, "leeftijd"))

    knelpunten = _knelpunten_heel(con, 2024)["knelpunten"]
    _png, svg = _render(grafieken("knelpunten", {"knelpunten": knelpunten})["knelpunten"])
    assert "1. Veel jongeren zonder vervolg" in svg


@pytest.mark.cli_db
@pytest.mark.slow
def test_cli_writes_charts_and_workbook(cli_omgeving, tmp_path):
    from tests.analysis import scenarios
    from tests.analysis.berichtenset import Berichtenset

    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    cli_omgeving.passend("import", str(tmp_path / "berichten"))
    uit = cli_omgeving.passend(
        "analyse",
        "transitie",
        "--jaar",
        "2024",
        "--publiek",
        "--excel",
        str(tmp_path / "t.xlsx"),
        "--grafiek",
        str(tmp_path / "grafieken"),
    )
    # status lines go to stderr, so that stdout can carry --json
    assert "Grafiek geschreven" in uit.stderr and "Excel geschreven" in uit.stderr
    assert "geschreven" not in uit.stdout
    namen = sorted(p.name for p in (tmp_path / "grafieken").iterdir())
    assert namen == [
        "transitie_stroom_segment.png",
        "transitie_stroom_segment.svg",
        "transitie_stroom_zorgvorm.png",
        "transitie_stroom_zorgvorm.svg",
    ]
    svg = (tmp_path / "grafieken" / "transitie_stroom_zorgvorm.svg").read_text()
    assert "&lt;5" in svg and "niet getekend" in svg
    definities = openpyxl.load_workbook(tmp_path / "t.xlsx")["Definities"]
    regels: dict = {}
    for r in definities.iter_rows(values_only=True):
        regels.setdefault(r[0], r[1])
    assert regels["Rapport"] == "transitie" and regels["Jaar"] == 2024
    assert regels["Kleine aantallen onderdrukt"].startswith("ja")


_stroomcel = st.tuples(
    st.sampled_from(["met_verblijf", "zonder_verblijf", "pleegzorg"]),
    st.sampled_from(list(UIT)),
    st.integers(0, 30),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_stroomcel, min_size=1, max_size=9, unique_by=lambda c: (c[0], c[1])))
def test_a_public_flow_shows_only_published_cells_and_grey_for_the_rest(cellen):
    stroom = [{"jaar": 2024, "van": v, "van_naam": v, "naar": u, "aantal": n} for v, u, n in cellen]
    grafiek = stroom_grafiek(stroom, openbaar=True)
    if grafiek is None:
        assert all(n == 0 for *_x, n in cellen)
        return
    tabel = [
        {"van": v, **{u: next((n for v2, u2, n in cellen if (v2, u2) == (v, u)), 0) for u in UIT}}
        for v in dict.fromkeys(c[0] for c in cellen)
    ]
    gepubliceerd = onderdruk(
        tabel, list(UIT), totaal_kolom="totaal", totaal_rij="Totaal", label_kolom="van"
    )
    per_van = {r["van"]: r for r in gepubliceerd}
    namen = {codenaam(UITKOMSTEN, u): u for u in UIT}
    rijen = _data(grafiek, "laag")
    banden = {r["band"]: r for r in rijen if r["laag"] == "band"}
    for band in banden.values():
        cel = per_van[band["van"]][namen[band["uitkomst"]]]
        assert cel == band["aantal"] and cel >= 5, (band, cel)  # only published cells
    for v, rij in per_van.items():
        if v == "Totaal" or rij["totaal"] in (0, None) or is_onderdrukt(rij["totaal"]):
            continue
        getekend = sum(b["aantal"] for b in banden.values() if b["van"] == v)
        verborgen = sum(rij[u] for u in UIT if not is_onderdrukt(rij[u])) != rij["totaal"]
        assert getekend <= rij["totaal"]
        assert verborgen == (getekend < rij["totaal"])  # grey only where cells are hidden
    resten = [r for r in rijen if r["laag"] == "rest"]
    assert all(r["kleur"] == ONDERDRUKT_KLEUR and r["aantal"] > 0 for r in resten)
    knopen = [r for v, r in per_van.items() if v != "Totaal" and r["totaal"] != 0]
    if not any(is_onderdrukt(r["totaal"]) for r in knopen):  # every origin is published
        hoogte = sum(r["aantal"] for r in resten if r["x"] == 0.0)
        getekend = sum(b["aantal"] for b in banden.values())
        assert hoogte + getekend == pytest.approx(sum(r["totaal"] for r in knopen))


def test_a_published_flow_takes_its_hidden_totals_from_the_published_tables():
    # As published: one origin of 15 youths, 7 without follow-up, the other cells hidden. The
    # cells alone cannot give the node's total; the table per zorgvorm and the summary do.
    stroom = [
        {
            "jaar": 2024,
            "van": "zonder_verblijf",
            "van_naam": "Zonder verblijf",
            "naar": u,
            "aantal": n,
        }
        for u, n in (("verlengde_jeugdhulp", "x"), ("naar_wmo", "<5"), ("zonder_vervolg", 7))
    ]
    per_zorgvorm = [{"zorgvorm": "zonder_verblijf", "cohort": 15}]
    samenvatting = {"cohort": 15, "verlengde_jeugdhulp": "x", "naar_wmo": "<5", "zonder_vervolg": 7}
    zonder = _data(stroom_grafiek(stroom, openbaar=True), "laag")
    assert [r["tekst"] for r in zonder if r["laag"] == "links"] == ["Zonder verblijf: x"]
    met = _data(
        stroom_grafiek(
            stroom,
            openbaar=True,
            kruistabel=Kruistabel(per_zorgvorm, "zorgvorm", samenvatting),
        ),
        "laag",
    )
    assert [r["tekst"] for r in met if r["laag"] == "links"] == ["Zonder verblijf: 15"]
    rechts = [r["tekst"] for r in met if r["laag"] == "rechts"]
    assert rechts[:2] == ["Verlengde jeugdhulp: x", "Naar Wmo: <5"]  # the table's symbols
    assert rechts[2].startswith("Zonder vervolg: 7 (47%)")
    # the band of 7 and a grey stub of 15 - 7 = 8 on the origin: together its height
    rest = [r for r in met if r["laag"] == "rest" and r["x"] == 0.0]
    assert [r["aantal"] for r in rest] == [pytest.approx(8)]
    assert {r["aantal"] for r in met if r["laag"] == "band"} == {7}


@pytest.mark.django_db
def test_segment_labels_start_with_their_code_so_4a_and_4b_stay_apart(dataset):
    tabellen = rapport("markt", dataset("markt"), jaar=2024)
    hhi = grafieken("markt", tabellen)["markt_hhi"]
    labels = [r["segment"] for r in _data(hhi, "hhi")]
    codes = {r["segment"] for r in tabellen["segmenten"]}
    assert labels and all(label.split(" ")[0] in codes for label in labels), labels
    # cut off at 20 characters (as a narrow axis does) the labels are still all different
    assert len({label[:20] for label in labels}) == len(labels)
