"""The care landscape's inputs from the data, by hand (docs/contractering.md, "Het
zorglandschap uit de gegevens"), and its charts rendered.

Segment 4A (categorie 45), jeugdregio R with 0505, 0482 and 0512; base year 2024:

* aanbieder A: 2024 clients 1 and 2 in 0505 (€ 10 and € 30) and 3 in 0482 (€ 20): three
  clients, € 60, so € 20 per client; ten clients in 2021 lie outside the three years.
* aanbieder B: 2024 client 4 in 0482 (€ 5), client 5 in 0505 fully credited (no client);
  2023 clients 6, 7, 8 in 0482. Capacity max(1, 3) = 3; cost € 5 / 1 client (2024).
* demand 2024: 0505 has client 1 and 2 (5 does not count): 2; 0482 has 3 and 4: 2; 0512
  none. With a forecast factor of 1.5: 3, 3 and 0.
* A lies at the client-weighted centre of 0505 (2 clients) and 0482 (1); B at 0482.
* Left out: a client in 0363 (outside the region) and one in categorie 43 (segment 1).
"""

from __future__ import annotations

import json
from datetime import date as d

import pyarrow as pa
import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.relaties import SCHEMA, verbind
from passend.analysis.weergave import als_svg
from passend.contracting.landschap import Landschapseisen
from passend.contracting.landschapsdata import (
    bereken,
    gekozen_tabel,
    gemeentetabel,
    landschapsinvoer,
    met_capaciteit,
)
from passend.contracting.landschapsgrafiek import afwegingscurve, kaart

A, B = "11111111", "22222222"
LIGGINGEN = {"0505": (51.8, 4.7), "0482": (51.9, 4.6), "0512": (51.83, 4.97)}
GEMEENTEN = [("0482", "Alblasserdam"), ("0505", "Dordrecht"), ("0512", "Gorinchem")]


def _p(aanbieder, client, gemeente, bedrag, jaar=2024, dc="D", categorie="45"):
    begin = d(jaar, 3, 1)
    return {
        "domein": "jeugd",
        "gemeente": gemeente,
        "aanbieder": aanbieder,
        "client_id": client,
        "toewijzingnummer": client,
        "categorie": categorie,
        "productcode": f"{categorie}A01",
        "periode_begin": begin,
        "periode_eind": begin,
        "volume": 1,
        "eenheid": "04",
        "bedrag": bedrag,
        "debet_credit": dc,
        "tarief": bedrag,
    }


def _con():
    rijen = [
        _p(A, 1, "0505", 1000),
        _p(A, 2, "0505", 3000),
        _p(A, 3, "0482", 2000),
        *(_p(A, 100 + i, "0505", 700, jaar=2021) for i in range(10)),
        _p(B, 4, "0482", 500),
        _p(B, 5, "0505", 800),
        _p(B, 5, "0505", 800, dc="C"),
        *(_p(B, c, "0482", 100, jaar=2023) for c in (6, 7, 8)),
        _p(A, 9, "0363", 4000),  # outside the region
        _p(A, 10, "0505", 9000, categorie="43"),  # segment 1
    ]
    relaties = {naam: pa.Table.from_pylist([], schema=SCHEMA[naam]) for naam in SCHEMA}
    relaties["prestatie"] = pa.Table.from_pylist(
        [{k: r.get(k) for k in SCHEMA["prestatie"].names} for r in rijen],
        schema=SCHEMA["prestatie"],
    )
    relaties["aanbieder"] = pa.Table.from_pylist(
        [{"aanbieder": A, "naam": "Aanbieder A"}, {"aanbieder": B, "naam": ""}],
        schema=SCHEMA["aanbieder"],
    )
    relaties["gemeente"] = pa.Table.from_pylist(
        [{"gemeente": c, "naam": n, "jeugdregio": "R"} for c, n in GEMEENTEN]
        + [{"gemeente": "0363", "naam": "Amsterdam", "jeugdregio": "Amsterdam-Amstelland"}],
        schema=SCHEMA["gemeente"],
    )
    return verbind(relaties)


def _invoer(**kwargs):
    opties = {"gemeenten": GEMEENTEN, "liggingen": LIGGINGEN, "basisjaar": 2024, "factor": 1.5}
    return landschapsinvoer(_con(), Gebied.standaard(regio="R"), "4A", **{**opties, **kwargs})


def test_demand_capacity_cost_and_location_by_hand():
    invoer = _invoer(doeljaar=2025)
    assert {v.gemeente.code: v.vraag for v in invoer.vraag} == {
        "0482": 3.0,
        "0505": 3.0,
        "0512": 0.0,
    }
    assert invoer.basisvraag == {"0482": 2, "0505": 2, "0512": 0}
    a, b = invoer.kandidaten
    assert (a.aanbieder.code, a.aanbieder.naam, a.capaciteit, a.kosten_per_client) == (
        A,
        "Aanbieder A",
        3.0,
        20.0,
    )
    assert (b.aanbieder.code, b.aanbieder.naam, b.capaciteit, b.kosten_per_client) == (
        B,
        B,  # no name: the AGB code
        3.0,
        5.0,
    )
    assert (a.aanbieder.lat, a.aanbieder.lon) == pytest.approx(
        ((2 * 51.8 + 51.9) / 3, (2 * 4.7 + 4.6) / 3), abs=1e-5
    )
    assert (b.aanbieder.lat, b.aanbieder.lon) == (51.9, 4.6)
    assert invoer.ligging_bron == {A: "zwaartepunt cliënten", B: "zwaartepunt cliënten"}
    assert invoer.als_dict()["doeljaar"] == 2025


def test_a_registered_location_goes_before_the_centre_of_its_clients():
    invoer = _invoer(aanbiederliggingen={B: (52.0, 5.0)})
    b = invoer.kandidaten[1]
    assert (b.aanbieder.lat, b.aanbieder.lon) == (52.0, 5.0)
    assert invoer.ligging_bron[B] == "geregistreerd"


def test_a_gemeente_with_demand_but_without_location_is_named():
    zonder = {k: v for k, v in LIGGINGEN.items() if k != "0482"}
    with pytest.raises(
        ValueError, match=r"Alblasserdam\. Importeer hun ligging \(sjabloon ligging"
    ):
        _invoer(liggingen=zonder)
    # without demand a gemeente without location is simply left out
    zonder_gorinchem = {k: v for k, v in LIGGINGEN.items() if k != "0512"}
    assert [v.gemeente.code for v in _invoer(liggingen=zonder_gorinchem).vraag] == [
        "0482",
        "0505",
    ]


def test_a_segment_without_care_is_refused():
    with pytest.raises(ValueError, match="Segment 2 heeft geen zorg"):
        landschapsinvoer(
            _con(),
            Gebied.standaard(regio="R"),
            "2",
            gemeenten=GEMEENTEN,
            liggingen=LIGGINGEN,
            basisjaar=2024,
        )


def test_growth_room_and_capacity_by_hand():
    ruimer = met_capaciteit(_invoer(), 0.5, {B: 10})
    assert [k.capaciteit for k in ruimer.kandidaten] == [4.5, 10.0]
    with pytest.raises(ValueError, match="niet negatief"):
        met_capaciteit(_invoer(), -0.1)


def test_the_landscape_from_the_data_is_solved_and_tabled():
    # 6 clients, capacity 3 each: both are needed; B is cheaper and takes its full 3
    resultaat = bereken(_invoer(), Landschapseisen(max_afstand_km=50))
    uitkomst = resultaat["uitkomst"]
    assert uitkomst["status"] == "optimaal" and sorted(uitkomst["gekozen"]) == [A, B]
    assert uitkomst["kosten"] == pytest.approx(3 * 20 + 3 * 5)
    rijen = {r["aanbieder"]: r for r in gekozen_tabel(resultaat)}
    assert rijen[A]["clienten"] == 3.0 and rijen[B]["clienten"] == 3.0
    gemeenten = {r["gemeente"]: r for r in gemeentetabel(resultaat)}
    assert gemeenten["0512"]["aanbieders"] == 0 and gemeenten["0505"]["vraag"] == 3.0
    assert resultaat["afweging"] == [{"max_aanbieders": 2, "aantal": 2, "kosten": 75.0}]
    # too little capacity: explained in Dutch, nothing chosen
    krap = bereken(met_capaciteit(_invoer(), 0, {A: 1}), Landschapseisen(max_afstand_km=50))
    assert krap["uitkomst"]["status"] == "onhaalbaar" and krap["afweging"] == []
    assert any("te weinig capaciteit" in regel for regel in krap["uitkomst"]["uitleg"])


def test_a_time_budget_keeps_the_landscape_and_drops_what_did_not_fit():
    eisen = Landschapseisen(max_afstand_km=50, min_per_gemeente=2)
    ruim = bereken(_invoer(), eisen, tijdsbudget_s=600)
    assert ruim["uitkomst"]["eisprijs"] and ruim["afweging"]
    op = bereken(_invoer(), eisen, tijdsbudget_s=0)  # spent before it starts
    assert op["uitkomst"]["gekozen"] == ruim["uitkomst"]["gekozen"]  # the answer itself stays
    assert op["uitkomst"]["eisprijs"] == [] and op["afweging"] == []


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_map_and_the_curve_render(taal):
    resultaat = bereken(_invoer(), Landschapseisen(max_afstand_km=50))
    svg = als_svg(kaart(resultaat["invoer"], resultaat["uitkomst"], taal))
    assert "Alblasserdam" in svg and "Gorinchem" in svg
    assert ("gecontracteerd" if taal == "nl" else "contracted") in svg
    spec = kaart(resultaat["invoer"], resultaat["uitkomst"], taal).to_dict()
    stromen = spec["layer"][0]["data"]["values"]
    assert sum(s["clienten"] for s in stromen) == pytest.approx(6.0)
    curve = als_svg(afwegingscurve(resultaat["afweging"], resultaat["uitkomst"], taal))
    assert ("Aantal aanbieders" if taal == "nl" else "Number of providers") in curve


@pytest.mark.cli_db
def test_passend_landschap_bereken_from_the_loaded_data(cli_omgeving, tmp_path):
    from tests.web.gegevens import maak_zip

    cli_omgeving.passend("import", str(maak_zip(tmp_path / "berichten")))
    regio = ("--segment", "4A", "--regio", "Zuid-Holland Zuid", "--max-afstand", "25")
    uit = json.loads(cli_omgeving.passend("landschap", "bereken", *regio, "--json").stdout)
    assert uit["gebied"] == "Zuid-Holland Zuid" and uit["segmentnaam"].startswith("Specialistisch")
    assert uit["uitkomst"]["status"] == "optimaal"
    vraag = sum(g["vraag"] for g in uit["invoer"]["gemeenten"])
    assert sum(s["clienten"] for s in uit["uitkomst"]["toewijzing"]) == pytest.approx(vraag)
    # the same document the file command reads
    (tmp_path / "segment.json").write_text(
        json.dumps({**uit["invoer"], "eisen": uit["eisen"]}), encoding="utf-8"
    )
    opnieuw = json.loads(
        cli_omgeving.passend(
            "landschap", "optimaliseer", str(tmp_path / "segment.json"), "--json"
        ).stdout
    )
    assert opnieuw["gekozen"] == uit["uitkomst"]["gekozen"]
    tekst = cli_omgeving.passend("landschap", "bereken", *regio).stdout
    assert "aanbieder(s)" in tekst and "Wat elke eis kost" in tekst
    fout = cli_omgeving.passend(
        "landschap",
        "bereken",
        "--segment",
        "XX",
        "--regio",
        "Zuid-Holland Zuid",
        "--max-afstand",
        "25",
        check=False,
    )
    assert fout.returncode == 2 and "Segment XX staat niet in het segmentmodel" in fout.stderr
