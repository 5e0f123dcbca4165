"""The care landscape page (docs/contractering.md, Het zorglandschap uit de gegevens): the
contractmanager computes the landscape of a segment from the loaded data, sees the chosen
aanbieders, the map and the curve, downloads the tables, and gets a Dutch explanation when
the constraints cannot be met. Readers see the run; they cannot compute one."""

from __future__ import annotations

import json
import re

import pytest

from passend.contracten.models import Landschapsrun

pytestmark = pytest.mark.django_db

URL = "/contracten/landschap/?gebied=Zuid-Holland+Zuid&segment=4A"
EISEN = {
    "gebied": "Zuid-Holland Zuid",
    "segment": "4A",
    "doel": "aantal",
    "max_afstand_km": "25",
    "min_per_gemeente": "1",
    "max_aandeel": "100",
    "vaste_kosten": "5.000",
    "groeiruimte": "10",
    "budget": "€ 10.000.000",
    "max_aanbieders": "",
    "doeljaar": "",
}


def _specs(pagina: str) -> dict[str, dict]:
    return {
        m.group(1): json.loads(m.group(2))
        for m in re.finditer(
            r'<script id="spec-([a-z-]+)" type="application/json">(.*?)</script>', pagina, re.S
        )
    }


def test_the_contractmanager_computes_the_landscape_of_a_segment(als, geladen):
    client = als("contract")
    assert "nog geen zorglandschap berekend" in client.get(URL).content.decode()
    pagina = client.post("/contracten/landschap/", EISEN, follow=True).content.decode()
    assert "Zorglandschap van 4A" in pagina, pagina[:3000]
    run = Landschapsrun.objects.get(gebied="Zuid-Holland Zuid", segment="4A")
    assert run.gewijzigd_door == "contract"
    r = run.resultaat
    assert r["eisen"]["max_afstand_km"] == 25 and r["eisen"]["vaste_kosten"] == 5000
    assert r["eisen"]["budget"] == 10_000_000  # typed the Dutch way
    assert r["groeiruimte"] == pytest.approx(0.1)
    uitkomst = r["uitkomst"]
    assert uitkomst["status"] == "optimaal" and uitkomst["aantal"] >= 1
    # every gemeente's demand is covered by what the chosen aanbieders get
    vraag = sum(g["vraag"] for g in r["invoer"]["gemeenten"])
    assert sum(s["clienten"] for s in uitkomst["toewijzing"]) == pytest.approx(vraag)
    assert "tabel-landschap-aanbieders" in pagina and "tabel-landschap-gemeenten" in pagina
    specs = _specs(pagina)
    assert set(specs) >= {"landschap-kaart"}
    assert specs["landschap-kaart"]["projection"]["type"] == "mercator"
    assert "$schema" not in specs["landschap-kaart"]  # nothing fetched from outside
    csv = client.get(URL + "&export=landschap-aanbieders&formaat=csv").content.decode("utf-8-sig")
    kop = csv.splitlines()[0].split(";")
    assert kop[:3] == ["Aanbieder (AGB)", "Naam", "Gecontracteerd"] and "Ligging" in kop
    # the API gives the same stored run
    api = client.get("/api/contracten/landschap/?gebied=Zuid-Holland+Zuid&segment=4A").json()
    assert api["uitkomst"] == uitkomst and api["berekend_door"] == "contract"
    assert client.get("/api/contracten/landschap/?gebied=0363&segment=4A").status_code == 403
    assert client.get("/api/contracten/landschap/?gebied=0505&segment=4A").status_code == 404
    # the form starts from the run's constraints
    assert 'name="max_afstand_km" inputmode="decimal" required value="25"' in pagina


def test_capacity_by_hand_and_an_infeasible_landscape_explained(als, geladen):
    client = als("contract")
    client.post("/contracten/landschap/", EISEN)
    kandidaten = Landschapsrun.objects.get().resultaat["invoer"]["kandidaten"]
    handmatig = {f"capaciteit|{k['code']}": "0" for k in kandidaten}
    pagina = client.post(
        "/contracten/landschap/", {**EISEN, **handmatig}, follow=True
    ).content.decode()
    assert "Onhaalbaar met deze eisen" in pagina
    assert "te weinig capaciteit" in pagina
    r = Landschapsrun.objects.get().resultaat
    assert r["uitkomst"]["status"] == "onhaalbaar" and r["afweging"] == []
    assert set(r["handmatige_capaciteit"].values()) == {0.0}
    # a value that is not a number is refused with a reason, and the run stays
    pagina = client.post(
        "/contracten/landschap/", {**EISEN, "max_afstand_km": "ver"}, follow=True
    ).content.decode()
    assert "Niet berekend: &#x27;ver&#x27; is geen getal." in pagina
    assert Landschapsrun.objects.get().resultaat["uitkomst"]["status"] == "onhaalbaar"


def test_readers_see_the_run_but_cannot_compute(als, geladen):
    # Dordrecht declared no 4A care: a clear refusal, nothing stored
    dordrecht = {**EISEN, "gebied": "0505"}
    pagina = als("contract").post("/contracten/landschap/", dordrecht, follow=True)
    assert "Niet berekend: Segment 4A heeft geen zorg met declaraties" in pagina.content.decode()
    assert not Landschapsrun.objects.filter(gebied="0505").exists()
    als("contract").post("/contracten/landschap/", EISEN)
    regio = Landschapsrun.objects.get(gebied="Zuid-Holland Zuid")
    Landschapsrun.objects.create(gebied="0505", segment="4A", resultaat=regio.resultaat)
    assert als("raad").get(URL).status_code == 403  # not a contract page for the raad
    lezer = als("beleid")  # gemeente 0505, without the right to edit contracts
    pagina = lezer.get(URL.replace("Zuid-Holland+Zuid", "0505")).content.decode()
    assert "tabel-landschap-aanbieders" in pagina and "landschap-formulier" not in pagina
    assert lezer.post("/contracten/landschap/", dordrecht).status_code == 404
    # an area outside the user's scope, and a segment the model does not have: 404
    assert lezer.get(URL).status_code == 404
    assert als("contract").get(URL.replace("4A", "XX")).status_code == 404
