"""The planning pages: segment models, ambitions and the monitor, strategy per segment with
recorded deviations, scenarios and the comparison, the documents; roles, scope and CSRF."""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any

import pytest
from django.test import Client

from passend.accounts.models import AuditRegel
from passend.domain import opmaak
from passend.planning import models as pm
from passend.planning import opslag
from passend.planning.opslag import laad_segmentmodel
from passend.strategy.budget import budgettoets
from tests.web.formulier import formwaarden, verstuur

pytestmark = pytest.mark.django_db

ZHZ = "Zuid-Holland Zuid"
G = {"gebied": ZHZ}


def _formset(prefix: str, rijen: list[dict[str, Any]], extra: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(rijen) + extra,
        f"{prefix}-INITIAL_FORMS": len(rijen),
    }
    for i, rij in enumerate(rijen):
        for k, v in rij.items():
            if v is True:
                data[f"{prefix}-{i}-{k}"] = "on"
            elif v not in (False, None):
                data[f"{prefix}-{i}-{k}"] = v
    return data


def _model_post(seg: Any, regels: list[dict[str, Any]], naam: str | None = None) -> dict:
    from passend.web import forms_planning as fp

    return {
        "naam": naam or seg.naam,
        "toelichting": "",
        **_formset("seg", fp.segment_initieel(seg)),
        **_formset("regel", [*fp.regel_initieel(seg), *regels]),
    }


def _nieuw_model(client: Client, naam: str = "Ons model") -> pm.Segmentmodel:
    antwoord = client.post(
        "/planning/segmentmodellen/", {**G, "naam": naam, "basis": "standaard-7"}
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return pm.Segmentmodel.objects.get(gebied=ZHZ, naam=naam)


@pytest.fixture
def analist(als: Any, geladen: Any) -> Client:
    return als("analist")


@pytest.fixture
def bevolking(db: Any) -> None:
    """Inhabitants by age for the gemeenten of Zuid-Holland Zuid (the forecast needs them)."""
    from passend.reference.models import Bevolking, Gemeente

    Bevolking.objects.bulk_create(
        [
            Bevolking(gemeente=g, jaar=jaar, leeftijd=leeftijd, aantal=1000 - 10 * leeftijd)
            for g in Gemeente.objects.filter(jeugdregio__naam=ZHZ)
            for jaar in range(2018, 2027)
            for leeftijd in range(28)
        ]
    )


# -- pages -----------------------------------------------------------------------------------
def test_every_planning_page_opens_for_an_editor(analist):
    for url in (
        "/planning/",
        "/planning/segmentmodellen/",
        "/planning/ambities/",
        "/planning/monitor/",
        "/planning/strategie/",
        "/planning/scenarios/",
        "/planning/scenarios/nieuw/",
        "/planning/scenarios/vergelijking/",
    ):
        antwoord = analist.get(url, G)
        assert antwoord.status_code == 200, url
        assert "Strategie per segment" in antwoord.content.decode(), url


def test_the_menu_shows_strategy_to_the_contractmanager_but_not_to_the_raad(als, geladen):
    assert 'href="/planning/"' in als("contract").get("/analyse/markt/").content.decode()
    assert als("raad").get("/planning/").status_code == 403
    assert 'href="/planning/"' not in als("raad").get("/rapporten/").content.decode()


# -- segment models --------------------------------------------------------------------------
def test_create_edit_and_activate_a_segment_model(analist):
    obj = _nieuw_model(analist)
    assert not obj.actief and laad_segmentmodel(obj).naam == "Ons model"
    pagina = analist.get(f"/planning/segmentmodellen/{obj.pk}/", G).content.decode()
    assert "Niet ingedeeld" in pagina and "45A07" in pagina  # the OJ/exact-code explanation
    regel = {"soort": "code", "waarde": "45A01", "domein": "jeugd", "categorie": "", "segment": "1"}
    antwoord = analist.post(
        f"/planning/segmentmodellen/{obj.pk}/?gebied={ZHZ}",
        _model_post(laad_segmentmodel(obj), [regel]),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    seg = laad_segmentmodel(pm.Segmentmodel.objects.get(pk=obj.pk))
    # the product-code rule beats the categorie rule of 45 (segment 4A)
    assert seg.segment_van("jeugd", "45", "45A01") == "1"
    assert seg.segment_van("jeugd", "45", "45B02") == "4A"
    herladen = analist.get(f"/planning/segmentmodellen/{obj.pk}/", G).content.decode()
    assert 'value="45A01"' in herladen
    assert AuditRegel.objects.filter(object__contains="segmentmodel Ons model").exists()

    assert analist.post(f"/planning/segmentmodellen/{obj.pk}/activeren/").status_code == 302
    assert pm.Segmentmodel.objects.get(pk=obj.pk).actief


def test_the_analysis_pages_use_the_active_model(analist):
    voor = analist.get("/analyse/markt/?jaar=2024").content.decode()
    assert "Specialistisch/veel voorkomend, lokaal" in voor
    obj = _nieuw_model(analist)
    seg = laad_segmentmodel(obj)
    post = _model_post(seg, [])
    post["seg-0-naam"] = "Eigen zware zorg"  # segment 1
    regel = {"soort": "code", "waarde": "45A01", "domein": "jeugd", "categorie": "", "segment": "1"}
    post.update(
        {
            k.replace("regel-0", f"regel-{len(seg.productregels)}"): v
            for k, v in _formset("regel", [regel]).items()
            if k.startswith("regel-0")
        }
    )
    post["regel-TOTAL_FORMS"] = len(seg.productregels) + 1
    assert analist.post(f"/planning/segmentmodellen/{obj.pk}/", post).status_code == 302
    analist.post(f"/planning/segmentmodellen/{obj.pk}/activeren/")
    na = analist.get("/analyse/markt/?jaar=2024").content.decode()
    assert "Eigen zware zorg" in na  # 45A01 now in segment 1, under its new name
    assert "Specialistisch/veel voorkomend, lokaal" not in na


def test_the_editor_saves_as_a_browser_submits_it_blank_extra_rows_included(analist):
    # The browser sends the blank extra rows with their default dropdown values (domein
    # "jeugd", soort "code"); they are not changes and must not fail "Dit veld is vereist".
    obj = _nieuw_model(analist)
    url = f"/planning/segmentmodellen/{obj.pk}/?gebied={ZHZ}"
    waarden = formwaarden(analist.get(url).content)
    extra = int(waarden["regel-TOTAL_FORMS"]) - 1
    assert waarden[f"regel-{extra}-soort"] == "code" and waarden[f"regel-{extra}-waarde"] == ""
    antwoord = verstuur(analist, url, {"seg-0-naam": "Zware zorg, hernoemd"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    seg = laad_segmentmodel(pm.Segmentmodel.objects.get(pk=obj.pk))
    assert seg.segmenten[0].naam == "Zware zorg, hernoemd"
    assert len(seg.productregels) == len(laad_segmentmodel(obj).productregels)
    # a half-filled extra row is still an error, and nothing is saved
    antwoord = verstuur(analist, url, {f"regel-{extra}-waarde": "45A01"})
    assert antwoord.status_code == 400 and "Dit veld is vereist" in antwoord.content.decode()


def test_an_inconsistent_model_is_refused_in_dutch_and_nothing_is_saved(analist):
    obj = _nieuw_model(analist)
    voor = pm.Segmentmodel.objects.get(pk=obj.pk).definitie
    post = _model_post(laad_segmentmodel(obj), [])
    post["seg-1-categorieen"] = "44, 35, 36, 43"  # 43 is also in segment 1
    antwoord = analist.post(f"/planning/segmentmodellen/{obj.pk}/", post)
    assert antwoord.status_code == 400
    assert "staat in twee segmenten" in antwoord.content.decode()
    regel = {"soort": "prefix", "waarde": "OJ", "domein": "jeugd", "categorie": "", "segment": "99"}
    antwoord = analist.post(
        f"/planning/segmentmodellen/{obj.pk}/", _model_post(laad_segmentmodel(obj), [regel])
    )
    assert antwoord.status_code == 400 and "onbekend segment 99" in antwoord.content.decode()
    post = _model_post(laad_segmentmodel(obj), [])
    post["seg-0-code"] = ""
    antwoord = analist.post(f"/planning/segmentmodellen/{obj.pk}/", post)
    assert antwoord.status_code == 400 and "Dit veld is vereist" in antwoord.content.decode()
    assert pm.Segmentmodel.objects.get(pk=obj.pk).definitie == voor


def test_a_duplicate_model_name_is_refused(analist):
    _nieuw_model(analist)
    antwoord = analist.post(
        "/planning/segmentmodellen/", {**G, "naam": "Ons model", "basis": "voorbeeld-5"}
    )
    assert antwoord.status_code == 400 and "al een segmentmodel" in antwoord.content.decode()
    assert pm.Segmentmodel.objects.filter(gebied=ZHZ).count() == 1


# -- ambitions, indicators, monitor ----------------------------------------------------------
def _ambitie_post(principes: list[str]) -> dict[str, Any]:
    return {
        **G,
        "visie": "We laten jongeren niet los.",
        "commitment": "Elk jaar toetsen.",
        "amb-TOTAL_FORMS": 1,
        "amb-INITIAL_FORMS": 0,
        "amb-0-doelgroep": "18-23",
        "amb-0-titel": "Geen jongere valt tussen wal en schip",
        "amb-0-omschrijving": "",
        "amb-0-principes": principes,
    }


def test_ambitions_save_and_reload_and_need_a_principle(analist):
    fout = analist.post("/planning/ambities/", _ambitie_post([]))
    assert fout.status_code == 400
    assert "ten minste een van de drie principes" in fout.content.decode()
    assert not pm.Ambitiekader.objects.exists()

    goed = analist.post("/planning/ambities/", _ambitie_post(["doorgaande_lijnen"]))
    assert goed.status_code == 302
    ambitie = pm.Ambitie.objects.get(kader__gebied=ZHZ)
    assert ambitie.principes == ["doorgaande_lijnen"]
    pagina = analist.get("/planning/ambities/", G).content.decode()
    assert "Geen jongere valt tussen wal en schip" in pagina and "Principetoets" in pagina


def _indicator(code: str, bron: str, streefdatum: str = "2029-12-31") -> dict[str, Any]:
    return {
        "ind-TOTAL_FORMS": 1,
        "ind-INITIAL_FORMS": 0,
        "ind-0-code": code,
        "ind-0-naam": f"Indicator {code}",
        "ind-0-bron": bron,
        "ind-0-richting": "hoger",
        "ind-0-eenheid": "aandeel",
        "ind-0-segment": "",
        "ind-0-basisjaar": 2024,
        "ind-0-basiswaarde": 0.4,
        "ind-0-streefwaarde": 0.9,
        "ind-0-streefdatum": streefdatum,
    }


def test_indicators_measurements_and_the_monitor(analist):
    analist.post("/planning/ambities/", _ambitie_post(["toekomstgericht"]))
    ambitie = pm.Ambitie.objects.get()
    url = f"/planning/ambities/{ambitie.pk}/indicatoren/"
    fout = analist.post(url, _indicator("plan", "handmatig", "2023-12-31"))
    assert fout.status_code == 400 and "streefdatum ligt na het basisjaar" in fout.content.decode()
    assert not pm.Indicator.objects.exists()
    assert analist.post(url, _indicator("plan", "handmatig")).status_code == 302
    ind = pm.Indicator.objects.get(code="plan")

    fout = analist.post(f"/planning/indicatoren/{ind.pk}/metingen/", {"jaar": "x", "waarde": 1})
    assert fout.status_code == 400 and not pm.Meting.objects.exists()
    meting = {"jaar": 2025, "waarde": 0.2, "toelichting": "Telling wijkteams"}
    assert analist.post(f"/planning/indicatoren/{ind.pk}/metingen/", meting).status_code == 302
    assert pm.Meting.objects.get(indicator=ind).waarde == 0.2

    pagina = analist.get("/planning/monitor/", G).content.decode()
    assert "Indicator plan" in pagina and "achter" in pagina  # 0.2 is below the target path
    assert 'id="spec-monitor-plan"' in pagina


def test_a_computed_indicator_takes_no_hand_measurement(analist):
    analist.post("/planning/ambities/", _ambitie_post(["doorgaande_lijnen"]))
    ambitie = pm.Ambitie.objects.get()
    analist.post(
        f"/planning/ambities/{ambitie.pk}/indicatoren/", _indicator("zv", "zonder_vervolg_aandeel")
    )
    ind = pm.Indicator.objects.get(code="zv")
    antwoord = analist.post(
        f"/planning/indicatoren/{ind.pk}/metingen/", {"jaar": 2025, "waarde": 0.1}
    )
    assert antwoord.status_code == 400 and "wordt berekend" in antwoord.content.decode()
    assert not pm.Meting.objects.exists()


def test_the_example_framework_loads(analist):
    assert analist.post("/planning/ambities/voorbeeld/", G).status_code == 302
    assert pm.Ambitie.objects.filter(kader__gebied=ZHZ).count() == 3
    assert "Aandeel zonder vervolg na 18" in analist.get("/planning/monitor/", G).content.decode()


# -- strategy --------------------------------------------------------------------------------
def test_strategy_pages_show_proposal_reasons_and_core_values(analist):
    lijst = analist.get("/planning/strategie/", G).content.decode()
    assert "/planning/strategie/4A/" in lijst
    pagina = analist.get("/planning/strategie/4A/", G).content.decode()
    for tekst in (
        "Marktcijfers",
        "Inkoopprocedure",
        "Gelijkheid",
        "Efficiency",
        "Vrijheid",
        "Zekerheid",
        "Toelatingsprocedure (Open House)",
        "voorstel",
    ):
        assert tekst in pagina, tekst
    assert analist.get("/planning/strategie/ZZ/", G).status_code == 404


def _voorstel(client: Client, dimensie: str) -> str:
    from passend.web.views.planning_strategie import _kenmerken, adviseer

    k = next(k for k in _kenmerken(ZHZ) if k.segment == "4A")
    return adviseer(k)[dimensie].optie


def test_a_deviation_needs_a_rationale_and_is_recorded(analist):
    voorgesteld = _voorstel(analist, "looptijd")
    ander = "7" if voorgesteld != "7" else "3"
    zonder = analist.post(
        "/planning/strategie/4A/afwijken/",
        {**G, "dimensie": "looptijd", "optie": ander, "rationale": "  "},
    )
    assert zonder.status_code == 400 and "Geef een onderbouwing" in zonder.content.decode()
    assert not pm.Overschrijving.objects.exists()
    fout = analist.post(
        "/planning/strategie/4A/afwijken/",
        {**G, "dimensie": "looptijd", "optie": "open_house", "rationale": "x"},
    )
    assert fout.status_code == 400 and "Kies een van de opties" in fout.content.decode()

    met = analist.post(
        "/planning/strategie/4A/afwijken/",
        {**G, "dimensie": "looptijd", "optie": ander, "rationale": "Langer voor investeringen."},
    )
    assert met.status_code == 302
    o = pm.Overschrijving.objects.get()
    assert (o.dimensie, o.voorgesteld, o.gekozen, o.door) == (
        "looptijd",
        voorgesteld,
        ander,
        "analist",
    )
    assert o.keuze.looptijd == ander and o.keuze.segmentmodel.actief
    pagina = analist.get("/planning/strategie/4A/", G).content.decode()
    assert "Langer voor investeringen." in pagina and "afwijking" in pagina
    assert AuditRegel.objects.filter(object="planning: strategie segment 4A").exists()

    # back to the proposal: no rationale needed, and the history keeps both records
    terug = analist.post(
        "/planning/strategie/4A/afwijken/",
        {**G, "dimensie": "looptijd", "optie": voorgesteld, "rationale": ""},
    )
    assert terug.status_code == 302
    assert pm.Overschrijving.objects.count() == 2
    assert pm.Strategiekeuze.objects.get().looptijd == voorgesteld


def _opties(pagina: bytes) -> tuple[list[str], str | None]:
    """The options of the override form's option list, and the selected one."""
    from lxml import html

    (lijst,) = html.fromstring(pagina).xpath("//select[@id='id_optie']")
    opties = lijst.xpath("./option | ./optgroup/option")
    gekozen = [o.get("value") for o in opties if o.get("selected") is not None]
    return [o.get("value") for o in opties], (gekozen or [None])[0]


def test_the_override_form_offers_only_the_options_of_the_chosen_keuze(analist):
    from passend.strategy.keuzes import DIMENSIES

    eerste = next(iter(DIMENSIES))
    opties, _ = _opties(analist.get("/planning/strategie/4A/", G).content)
    assert opties == [str(o) for o in DIMENSIES[eerste][1]]
    voorgesteld = _voorstel(analist, "looptijd")
    pagina = analist.get("/planning/strategie/4A/", {**G, "dimensie": "looptijd"}).content
    assert _opties(pagina) == (["3", "5", "7"], voorgesteld)  # the current choice selected
    # as a browser submits it: the default option of the chosen Keuze is valid
    antwoord = verstuur(
        analist,
        f"/planning/strategie/4A/?gebied={ZHZ}&dimensie=looptijd",
        {"rationale": ""},
        xpath="//form[contains(@action, '/afwijken/')]",
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    # an option of another Keuze is refused, and the list is that of the Keuze sent
    fout = analist.post(
        "/planning/strategie/4A/afwijken/",
        {**G, "dimensie": "consortium", "optie": "7", "rationale": "x"},
    )
    assert fout.status_code == 400 and "Kies een van de opties" in fout.content.decode()
    assert _opties(fout.content)[0] == ["ja", "nee"]


# -- scenarios -------------------------------------------------------------------------------
def _scenario(naam: str, **extra: Any) -> dict[str, Any]:
    return {
        **G,
        "naam": naam,
        "omschrijving": "",
        "doorlopend_tot": "23",
        "doorlopend_pct": "30",
        "indexatie_pct": "2",
        "verschuiving_van": "",
        "verschuiving_naar": "",
        "verschuiving_pct": "",
        "doorrekenen": "1",
        **extra,
    }


def test_the_tariff_lever_comes_from_the_areas_tariff_sheet(analist, bevolking):
    """The region's only declaration: 12 hours 45A01 at € 90.00 (108,000 cents, 2024). With
    the sheet's € 37.20 they cost 12 x 3,720 = 44,640: factor 0.4133 on that segment."""
    from passend.analysis.segmentatie import Segmentatie
    from passend.contracten.tariefbladen import bewaar_blad
    from tests.web.test_tarieven import BLAD

    zonder = analist.post("/planning/scenarios/nieuw/", _scenario("Blad", tariefblad="on"))
    assert zonder.status_code == 400 and "geen tariefblad" in zonder.content.decode()
    bewaar_blad(ZHZ, BLAD, "test")
    antwoord = analist.post(
        "/planning/scenarios/nieuw/", _scenario("Blad", tariefblad="on", doorrekenen="")
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    segment = Segmentatie.standaard().segment_van("jeugd", "45", "45A01")
    hefbomen = pm.Scenario.objects.get(naam="Blad").hefbomen
    assert hefbomen["tarieffactor"] == {segment: 0.4133}
    # opened again, the lever is ticked
    pagina = analist.get(antwoord["Location"]).content.decode()
    (vinkje,) = re.findall(r'<input[^>]*name="tariefblad"[^>]*>', pagina)
    assert " checked" in vinkje


def test_a_scenario_is_saved_run_and_compared(analist, bevolking):
    begin = time.monotonic()
    antwoord = analist.post(
        "/planning/scenarios/nieuw/",
        _scenario("Tot 23", **{"bek_1": "taakgericht", "demed_4A": "10"}),
    )
    duur = time.monotonic() - begin
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert duur < 30, f"doorrekenen duurde {duur:.1f} s"
    obj = pm.Scenario.objects.get(gebied=ZHZ, naam="Tot 23")
    assert obj.hefbomen["doorlopend_tot"] == 23 and obj.hefbomen["doorlopend_aandeel"] == 0.3
    assert obj.hefbomen["bekostiging"] == {"1": "taakgericht"}
    assert obj.hefbomen["demedicalisering"] == {"4A": 0.1}
    assert (
        obj.resultaat["vergelijking"]["scenario"]["totaal_p95"]
        >= obj.resultaat["vergelijking"]["scenario"]["totaal_p5"]
    )
    pagina = analist.get(f"/planning/scenarios/{obj.pk}/", G).content.decode()
    assert 'value="Tot 23"' in pagina and "verschil met de basis" in pagina
    # the levers as they were typed: 30 and 10, not 30.0 or 10.000000000000002
    assert 'name="doorlopend_pct" value="30"' in pagina
    assert 'name="demed_4A" value="10"' in pagina

    analist.post(
        "/planning/scenarios/nieuw/", _scenario("Ontschot", ontschot="on", doorlopend_tot="")
    )
    tweede = pm.Scenario.objects.get(naam="Ontschot")
    vergelijking = analist.get(
        "/planning/scenarios/vergelijking/", {**G, "s": [obj.pk, tweede.pk]}
    ).content.decode()
    for tekst in (
        "Basis (huidig beleid)",
        "Tot 23",
        "Ontschot",
        "P95",
        "Jeugd (P50)",
        "Resultaat P5",
        "Risicoverdeling",
        'id="spec-scenario-kosten"',
    ):
        assert tekst in vergelijking, tekst


def _jaren_van(obj: pm.Scenario) -> list[int]:
    return list(obj.resultaat["jaren"])


def test_the_budget_is_entered_in_dutch_and_tests_every_scenario(analist, bevolking):
    analist.post("/planning/scenarios/nieuw/", _scenario("Tot 23"))
    obj = pm.Scenario.objects.get(naam="Tot 23")
    pagina = analist.get(f"/planning/scenarios/{obj.pk}/", G).content.decode()
    # Without a budget: no made-up overrun chance, a way to enter one instead.
    assert 'id="geen-budget"' in pagina and 'id="kans-tekort"' not in pagina
    assert 'id="tabel-per-jaar"' in pagina and 'id="spec-waaier"' in pagina

    jaren = _jaren_van(obj)
    formulier = analist.get("/planning/scenarios/budget/", G).content.decode()
    for jaar in jaren:
        assert f'name="budget_{jaar}_jeugd"' in formulier
    fout = analist.post(
        "/planning/scenarios/budget/", {**G, f"budget_{jaren[0]}_jeugd": "veel geld"}
    )
    assert fout.status_code == 400 and "Vul een bedrag in euro in" in fout.content.decode()
    assert not pm.Budget.objects.exists()

    r = opslag.laad_uitkomst(obj)
    eerste = {w["domein"]: w for w in r.waaier() if w["jaar"] == jaren[0]}
    jeugd = round(eerste["jeugd"]["p50"])  # about half the runs pay more than this
    invoer = {**G, f"budget_{jaren[0]}_jeugd": opmaak.getal(jeugd), f"budget_{jaren[0]}_wmo": "1"}
    assert analist.post("/planning/scenarios/budget/", invoer).status_code == 302
    assert opslag.laad_budget(ZHZ).bedragen == {(jaren[0], "jeugd"): jeugd, (jaren[0], "wmo"): 1}
    # The form shows the amounts back the Dutch way, and an empty field removes one.
    assert (
        f'value="{opmaak.getal(jeugd)}"'
        in analist.get("/planning/scenarios/budget/", G).content.decode()
    )
    analist.post("/planning/scenarios/budget/", {**invoer, f"budget_{jaren[0]}_wmo": ""})
    assert opslag.laad_budget(ZHZ).bedragen == {(jaren[0], "jeugd"): jeugd}

    pagina = analist.get(f"/planning/scenarios/{obj.pk}/", G).content.decode()
    verwacht = budgettoets(r.jaren, r.per_run, opslag.laad_budget(ZHZ))[0]
    rij = re.search(
        rf"<tr><th scope=\"row\">{jaren[0]}</th><td>Jeugd</td>(.*?)</tr>", pagina, re.S
    ).group(1)
    assert opmaak.procent(verwacht["kans_overschrijding"]) in rij
    assert opmaak.euro(verwacht["budget"]) in rij
    assert 'id="kans-tekort"' in pagina
    risico = r.risicoverdeling(opslag.laad_budget(ZHZ))
    assert opmaak.procent(risico["kans_tekort"]) in pagina


def test_a_run_made_on_older_data_says_so(analist, bevolking):
    analist.post("/planning/scenarios/nieuw/", _scenario("Tot 23"))
    obj = pm.Scenario.objects.get(naam="Tot 23")
    assert 'id="verouderd"' not in analist.get(f"/planning/scenarios/{obj.pk}/", G).content.decode()
    pm.Scenario.objects.filter(pk=obj.pk).update(data_versie="een eerdere import")
    assert 'id="verouderd"' in analist.get(f"/planning/scenarios/{obj.pk}/", G).content.decode()


def test_the_raad_document_holds_the_chosen_scenarios_as_the_web_shows_them(analist, bevolking):
    import openpyxl

    analist.post("/planning/scenarios/nieuw/", _scenario("Tot 23"))
    analist.post(
        "/planning/scenarios/nieuw/", _scenario("Ontschot", ontschot="on", doorlopend_tot="")
    )
    niet_rekenen = {k: v for k, v in _scenario("Niet gerekend").items() if k != "doorrekenen"}
    analist.post("/planning/scenarios/nieuw/", niet_rekenen)
    tot23, ontschot, niet = (
        pm.Scenario.objects.get(naam=n) for n in ("Tot 23", "Ontschot", "Niet gerekend")
    )
    lijst = analist.get("/planning/scenarios/", G).content.decode()
    assert 'name="document"' in lijst and 'id="budgetstatus"' in lijst

    # Nothing chosen: the document says so, it never picks scenarios by itself.
    leeg = openpyxl.load_workbook(
        io.BytesIO(analist.get("/planning/document/inkoopstrategie.xlsx", G).content)
    )
    assert "Scenario's" not in leeg.sheetnames

    antwoord = analist.post(
        "/planning/scenarios/document/", {**G, "document": [str(tot23.pk), str(niet.pk)]}
    )
    assert antwoord.status_code == 302
    assert set(pm.Scenario.objects.filter(in_document=True).values_list("naam", flat=True)) == {
        "Tot 23",
        "Niet gerekend",
    }
    overzicht = analist.get("/planning/", G).content.decode()
    assert "nog niet doorgerekend: ontbreekt" in overzicht

    boek = openpyxl.load_workbook(
        io.BytesIO(analist.get("/planning/document/inkoopstrategie.xlsx", G).content)
    )
    rijen = list(boek["Scenario's"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rijen] == ["Basis", "Tot 23"]  # the baseline, then the choice
    # The same figures as the stored run the web shows (2,000 runs, not a fresh 500).
    webrij = opslag.samenvatting(tot23)
    assert rijen[1][2] == pytest.approx(webrij["totaal_p50"])
    assert rijen[1][3] == pytest.approx(webrij["totaal_p5"])
    assert rijen[1][7] == pytest.approx(webrij["verschil_p50"])
    assert rijen[1][15] == 2000
    assert ontschot.naam not in [r[0] for r in rijen]


def test_an_invalid_scenario_shows_dutch_errors_and_saves_nothing(analist):
    fout = analist.post("/planning/scenarios/nieuw/", _scenario("Fout", doorlopend_pct="150"))
    assert fout.status_code == 400
    assert re.search(r'class="foutmelding"><p>[^<]*100', fout.content.decode())
    schuif = analist.post(
        "/planning/scenarios/nieuw/",
        _scenario("Schuif", verschuiving_van="4B", verschuiving_pct="20"),
    )
    assert schuif.status_code == 400
    assert "twee verschillende segmenten" in schuif.content.decode()
    assert not pm.Scenario.objects.exists()


def test_without_population_the_run_fails_with_a_dutch_message(analist):
    antwoord = analist.post("/planning/scenarios/nieuw/", _scenario("Tot 23"), follow=True)
    assert "Doorrekenen lukte niet: Geen bevolkingscijfers" in antwoord.content.decode()
    assert pm.Scenario.objects.get(naam="Tot 23").resultaat is None


# -- documents -------------------------------------------------------------------------------
def test_the_documents_download(analist, bevolking, register):
    import openpyxl

    pdf = analist.get("/planning/document/inkoopstrategie.pdf", G)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = analist.get("/planning/document/inkoopstrategie.xlsx", G)
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames
    ocds = json.loads(analist.get("/planning/document/ocds.json", G).content)
    assert ocds["version"] == "1.1" and ocds["releases"]
    planning = [r for r in ocds["releases"] if r["tag"] == ["planning"]]
    assert planning and all(r["tender"] for r in planning)
    # the region's register: ZHZ-4A (segment 4A, a room of € 1,000) in its own process;
    # Amsterdam's AMS-1 is not the region's
    contracten = {
        c["title"]: (r["ocid"], c.get("value", {}).get("amount"))
        for r in ocds["releases"]
        if r["tag"] == ["award", "contract"]
        for c in r["contracts"]
    }
    assert "ZHZ-4A" in contracten and "AMS-1" not in contracten
    ocid, waarde = contracten["ZHZ-4A"]
    assert ocid.endswith("-4a") and ocid in {r["ocid"] for r in planning} and waarde == 1000.0
    # Dordrecht's DOR-W (Wmo segment "W", not in the strategy; no room) has its own process
    ocid, waarde = contracten["DOR-W"]
    assert ocid.endswith("-wmo-w") and ocid not in {r["ocid"] for r in planning}
    assert waarde is None  # no room entered: no value made up


# -- roles, scope, CSRF ----------------------------------------------------------------------
def test_the_contractmanager_views_but_cannot_edit(als, geladen):
    contract = als("contract")
    assert contract.get("/planning/strategie/4A/", G).status_code == 200
    assert "niet wijzigen" in contract.get("/planning/scenarios/", G).content.decode()
    assert (
        contract.post(
            "/planning/segmentmodellen/", {**G, "naam": "x", "basis": "standaard-7"}
        ).status_code
        == 403
    )
    assert (
        contract.post(
            "/planning/strategie/4A/afwijken/",
            {**G, "dimensie": "looptijd", "optie": "7", "rationale": "x"},
        ).status_code
        == 403
    )
    assert (
        contract.post("/planning/ambities/", _ambitie_post(["toekomstgericht"])).status_code == 403
    )
    assert contract.get("/planning/scenarios/nieuw/", G).status_code == 403
    assert not pm.Segmentmodel.objects.exists() and not pm.Ambitiekader.objects.exists()


def test_another_region_sees_nothing_of_zuid_holland_zuid(analist, client):
    from passend.accounts.beheer import zet_gebruiker

    model = _nieuw_model(analist)
    analist.post("/planning/ambities/", _ambitie_post(["toekomstgericht"]))
    niet_rekenen = _scenario("Tot 23")
    del niet_rekenen["doorrekenen"]
    analist.post("/planning/scenarios/nieuw/", niet_rekenen)
    scenario = pm.Scenario.objects.get()
    ambitie = pm.Ambitie.objects.get()

    profiel = zet_gebruiker("ams", "regio-analist", regio="Amsterdam-Amstelland")
    client.force_login(profiel.gebruiker)
    for url in (
        f"/planning/segmentmodellen/{model.pk}/",
        f"/planning/scenarios/{scenario.pk}/",
        f"/planning/ambities/{ambitie.pk}/indicatoren/",
        "/planning/?gebied=" + ZHZ,
        "/planning/strategie/?gebied=" + ZHZ,
        "/planning/document/ocds.json?gebied=" + ZHZ,
        f"/planning/scenarios/vergelijking/?s={scenario.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/planning/segmentmodellen/{model.pk}/activeren/").status_code == 404
    assert (
        client.post(
            "/planning/strategie/4A/afwijken/",
            {**G, "dimensie": "looptijd", "optie": "7", "rationale": "x"},
        ).status_code
        == 404
    )
    assert client.post(f"/planning/scenarios/{scenario.pk}/doorrekenen/").status_code == 404
    eigen = client.get("/planning/segmentmodellen/").content.decode()
    assert "Ons model" not in eigen and "Amsterdam-Amstelland" in eigen
    assert not pm.Segmentmodel.objects.get(pk=model.pk).actief


def test_a_gemeente_user_plans_for_her_gemeente_only(als, geladen):
    beleid = als("beleid")  # scope: Dordrecht (0505) only
    pagina = beleid.get("/planning/segmentmodellen/").content.decode()
    assert "Dordrecht" in pagina
    assert beleid.get("/planning/segmentmodellen/", G).status_code == 404
    assert (
        beleid.post(
            "/planning/segmentmodellen/",
            {"gebied": "0505", "naam": "Dordt", "basis": "voorbeeld-5"},
        ).status_code
        == 302
    )
    assert pm.Segmentmodel.objects.get(naam="Dordt").gebied == "0505"


def test_posts_need_a_csrf_token(gebruikers, geladen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gebruikers["analist"])
    antwoord = client.post("/planning/segmentmodellen/", {**G, "naam": "x", "basis": "standaard-7"})
    assert antwoord.status_code == 403 and not pm.Segmentmodel.objects.exists()


def test_planning_pages_have_no_inline_script_or_style(analist, bevolking):
    analist.post("/planning/ambities/voorbeeld/", G)
    analist.post("/planning/scenarios/nieuw/", _scenario("Tot 23"))
    for url in (
        "/planning/",
        "/planning/segmentmodellen/",
        "/planning/ambities/",
        "/planning/monitor/",
        "/planning/strategie/4A/",
        "/planning/scenarios/",
        "/planning/scenarios/vergelijking/",
    ):
        html = analist.get(url, G).content.decode()
        for stuk in html.split("<script")[1:]:
            kop = stuk.split(">")[0]
            assert "src=" in kop or 'type="application/json"' in kop, (url, kop)
        assert " style=" not in html and "<style" not in html, url
        assert "https://" not in html, url


def test_the_planning_pages_speak_english_after_switching(analist):
    analist.post("/i18n/setlang/", {"language": "en", "next": "/planning/"})
    html = analist.get("/planning/strategie/4A/", G).content.decode()
    assert "Effect on the four core values" in html and "Market figures" in html
    assert "Effect op de vier kernwaarden" not in html


def test_the_budget_can_come_from_the_register_ceilings(analist, register):
    """ZHZ-4A, a regional contract, has a room of € 1,000 in 2024: the region's budget for
    2024 jeugd becomes € 1,000, marked as from the register; Dordrecht has no contract of
    its own, so its budget stays empty (a regional room is not split over a gemeente)."""
    antwoord = analist.post("/planning/scenarios/budget/", {**G, "actie": "register"}, follow=True)
    assert "als budget overgenomen: 1 bedragen" in antwoord.content.decode()
    rij = pm.Budget.objects.get(gebied=ZHZ)
    assert (rij.jaar, rij.domein, float(rij.bedrag), rij.bron) == (
        2024,
        "jeugd",
        1000.0,
        "register",
    )
    assert "2024 jeugd" in analist.get("/planning/scenarios/budget/", G).content.decode()
    dordrecht = analist.post(
        "/planning/scenarios/budget/", {"gebied": "0505", "actie": "register"}, follow=True
    )
    assert "geen bestedingsruimte" in dordrecht.content.decode()
    assert not pm.Budget.objects.filter(gebied="0505").exists()
