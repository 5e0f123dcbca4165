"""The planning app: domain objects survive a round trip through the database."""

from datetime import date

import numpy as np
import pytest

pytestmark = pytest.mark.django_db


def test_segment_model_round_trip():
    from passend.planning import opslag
    from passend.planning.gebieden import gebied_uit_sleutel
    from passend.strategy.segmentmodellen import met_categorie, standaard_model

    eigen = met_categorie(standaard_model(), "jeugd", "42", "4A")
    opslag.bewaar_segmentmodel(eigen, "Testregio", actief=True)
    assert gebied_uit_sleutel("Testregio").segmentatie == eigen
    assert gebied_uit_sleutel("Elders").segmentatie == standaard_model()


def test_ambitions_with_measurements_round_trip():
    from passend.planning import opslag
    from passend.strategy.ambities import Meting, voorbeeldkader

    kader = voorbeeldkader(2025)
    opslag.bewaar_kader(kader, "Testregio")
    opslag.registreer_meting("Testregio", "toekomstplan", Meting(2026, 0.55, "telling wijkteams"))
    terug = opslag.laad_kader("Testregio")
    assert terug.visie == kader.visie and len(terug.ambities) == 3
    plan = terug.ambities[0].indicatoren[0]
    assert plan.metingen == (Meting(2026, 0.55, "telling wijkteams"),)
    assert plan.streefdatum == date(2030, 12, 31)


def test_strategy_choice_keeps_its_overrides():
    from passend.planning import opslag
    from passend.strategy.richtlijnen import Segmentkenmerken, voorstel
    from passend.strategy.segmentmodellen import standaard_model

    model = opslag.bewaar_segmentmodel(standaard_model(), "Testregio")
    v = voorstel(
        Segmentkenmerken("4B", "Regionaal", "jeugd", clienten=300, complexiteit=0.8, aanbieders=20)
    )
    gekozen = v.overschrijf(
        "procedure",
        "dialoog",
        "Innovatie met de drie grootste partijen.",
        door="wethouder",
        op="2026-02-01T10:00:00",
    )
    opslag.bewaar_strategie(model, gekozen, voorstel=v)
    opslag.bewaar_strategie(model, gekozen)  # saving again does not duplicate the record
    (terug,) = opslag.laad_strategieen(model)
    assert terug.procedure == "dialoog" and len(terug.overschrijvingen) == 1
    assert terug.overschrijvingen[0].rationale.startswith("Innovatie")
    assert terug.redenen == gekozen.redenen


def test_named_scenarios_with_results(invoer):
    from passend.planning import opslag
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer

    s = Scenario("Tot 23", "30% doorlopend", Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3))
    opslag.bewaar_scenario(s, "Testregio", resultaat=simuleer(invoer, s, runs=100))
    (obj,) = opslag.scenarios_van("Testregio")
    assert opslag.laad_scenario(obj) == s
    (rij,) = opslag.vergelijk_opgeslagen([obj])
    assert rij["totaal_p50"] > 0 and rij["risico"]["resultaat_aanbieder_p5"] == 0
    assert rij["gepaard"] is False  # stored without a baseline


def test_a_scenario_stored_with_its_baseline_keeps_the_paired_comparison(invoer):
    from passend.planning import opslag
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer, vergelijk

    s = Scenario("Tot 23", "", Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3))
    basis, eigen = simuleer(invoer, runs=100, seed=7), simuleer(invoer, s, runs=100, seed=7)
    opslag.bewaar_scenario(s, "Testregio", resultaat=eigen, basis=basis)
    (rij,) = opslag.vergelijk_opgeslagen(opslag.scenarios_van("Testregio"))
    verwacht = vergelijk([basis, eigen])[1]
    assert rij["gepaard"] is True
    assert rij["verschil_p50"] == pytest.approx(verwacht["verschil_p50"])
    assert rij["totaal_p50"] == pytest.approx(verwacht["totaal_p50"])


def test_document_parts_come_from_the_stored_planning(invoer):
    from passend.planning import models as pm
    from passend.planning import opslag
    from passend.strategy.ambities import voorbeeldkader
    from passend.strategy.scenario import Hefbomen, Scenario
    from passend.strategy.segmentmodellen import model

    leeg = opslag.documentonderdelen("Testregio")
    assert leeg["kader"] is None and leeg["strategieen"] is None
    assert leeg["resultaten"] == [] and leeg["budget"] is None  # nothing chosen, nothing made up

    vijf = model("voorbeeld-5")
    opslag.bewaar_segmentmodel(vijf, "Testregio", actief=True)
    opslag.bewaar_kader(voorbeeldkader(2024), "Testregio")
    ontschot = Scenario("Ontschot", "", Hefbomen(ontschot=True))
    gekozen, _, eigen = opslag.reken_en_bewaar(invoer, ontschot, "Testregio", runs=100, seed=7)
    opslag.reken_en_bewaar(invoer, Scenario("Niet gekozen"), "Testregio", runs=100, seed=7)
    opslag.bewaar_scenario(Scenario("Nooit gerekend"), "Testregio")
    pm.Scenario.objects.filter(naam__in=["Ontschot", "Nooit gerekend"]).update(in_document=True)
    opslag.bewaar_budget(
        "Testregio", {(invoer.jaren[0], "jeugd"): 5e6, (invoer.jaren[0], "wmo"): None}
    )
    delen = opslag.documentonderdelen("Testregio")
    assert delen["gebied"].segmentatie == vijf
    assert delen["kader"].visie == voorbeeldkader(2024).visie
    # The baseline of the stored run, then the chosen scenarios that have a run, as stored.
    assert [r.naam for r in delen["resultaten"]] == ["Basis", "Ontschot"]
    terug = delen["resultaten"][1]
    assert terug.hefbomen.ontschot and terug.runs == 100 and terug.berekend_op
    np.testing.assert_array_equal(terug.per_run["kosten_totaal"], eigen.per_run["kosten_totaal"])
    assert delen["budget"].bedragen == {(invoer.jaren[0], "jeugd"): 5e6}
    assert gekozen.in_document is False  # the object returned before the choice was made
    assert opslag.documentonderdelen("Elders")["gebied"].segmentatie != vijf


def test_area_model_falls_back_from_gemeente_to_its_jeugdregio_to_the_default():
    from passend.analysis.segmentatie import Segmentatie
    from passend.planning import opslag
    from passend.planning.gebieden import gebied_voor
    from passend.strategy.segmentmodellen import model

    assert gebied_voor("0505", None).segmentatie == Segmentatie.standaard()
    vijf = model("voorbeeld-5")
    opslag.bewaar_segmentmodel(vijf, "Zuid-Holland Zuid", actief=True)
    assert gebied_voor("0505", None).segmentatie == vijf  # Dordrecht is in ZHZ
    assert gebied_voor(None, "Zuid-Holland Zuid").segmentatie == vijf
    assert gebied_voor("0363", None).segmentatie == Segmentatie.standaard()
    eigen = Segmentatie.uit_dict({**vijf.als_dict(), "naam": "Dordrecht eigen"})
    opslag.bewaar_segmentmodel(eigen, "0505", actief=True)
    assert gebied_voor("0505", None).segmentatie.naam == "Dordrecht eigen"


def test_a_gemeente_deviating_gets_its_own_copy_with_the_regions_choices():
    from passend.planning import opslag
    from passend.planning.gebieden import gebied_voor
    from passend.strategy.richtlijnen import Segmentkenmerken, voorstel
    from passend.strategy.segmentmodellen import model

    vijf = model("voorbeeld-5")
    regiomodel = opslag.bewaar_segmentmodel(vijf, "Zuid-Holland Zuid", actief=True)
    v = voorstel(Segmentkenmerken("1", "Basis", "jeugd", clienten=50, aanbieders=4))
    opslag.bewaar_strategie(regiomodel, v.overschrijf("procedure", "sas_emvi", "Regio", door="r"))
    eigen = opslag.model_voor_keuzes("0505")
    assert eigen.gebied == "0505" and eigen.actief and eigen.pk != regiomodel.pk
    assert gebied_voor("0505", None).segmentatie == vijf  # the same model, now its own copy
    (keuze,) = opslag.laad_strategieen(eigen)
    assert keuze.procedure == "sas_emvi" and keuze.overschrijvingen[0].door == "r"
    assert opslag.model_voor_keuzes("0505").pk == eigen.pk  # asked again: the same copy
    assert opslag.laad_strategieen(regiomodel)[0].procedure == "sas_emvi"  # the region untouched


def test_new_segment_model_names_are_unique_per_area():
    from passend.planning import opslag
    from passend.strategy.segmentmodellen import model

    obj = opslag.nieuw_segmentmodel("Testregio", model("voorbeeld-5"), "Eigen")
    assert not obj.actief and obj.definitie["naam"] == "Eigen"
    with pytest.raises(opslag.NaamBestaatAl):
        opslag.nieuw_segmentmodel("Testregio", model("standaard-7"), "Eigen")
    opslag.nieuw_segmentmodel("Elders", model("standaard-7"), "Eigen")  # another area: fine
    opslag.activeer_segmentmodel(obj)
    assert opslag.actief_object_van("Testregio").pk == obj.pk


def test_run_and_store_reuses_a_matching_baseline(invoer):
    from passend.planning import opslag
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer

    basis = simuleer(invoer, runs=50, seed=3)
    s = Scenario("Ontschot", "", Hefbomen(ontschot=True))
    obj, gebruikt, _eigen = opslag.reken_en_bewaar(
        invoer, s, "Testregio", runs=50, seed=3, basis=basis
    )
    assert gebruikt is basis and obj.runs == 50 and obj.seed == 3
    assert obj.resultaat["vergelijking"]["basis"]["totaal_p50"] > 0
    _, nieuw, _ = opslag.reken_en_bewaar(invoer, s, "Testregio", runs=60, seed=3, basis=basis)
    assert nieuw is not basis and nieuw.runs == 60  # other runs: a fresh baseline
