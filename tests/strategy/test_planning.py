"""The planning app: domain objects survive a round trip through the database."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def test_segment_model_round_trip():
    from passend.planning import opslag
    from passend.strategy.segmentmodellen import met_categorie, standaard_model

    eigen = met_categorie(standaard_model(), "jeugd", "42", "4A")
    opslag.bewaar_segmentmodel(eigen, "Testregio", actief=True)
    assert opslag.actief_segmentmodel("Testregio") == eigen
    assert opslag.actief_segmentmodel("Elders") == standaard_model()


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
    v = voorstel(Segmentkenmerken("4B", "Regionaal", "jeugd", clienten=300, complexiteit=0.8,
                                  aanbieders=20))  # fmt: skip
    gekozen = v.overschrijf("procedure", "dialoog", "Innovatie met de drie grootste partijen.",
                            door="wethouder", op="2026-02-01T10:00:00")  # fmt: skip
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
    assert rij["totaal_p50"] > 0 and rij["risico"]["begroting"] > 0
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


def test_document_parts_come_from_the_stored_planning():
    from passend.planning import opslag
    from passend.strategy.ambities import voorbeeldkader
    from passend.strategy.scenario import Hefbomen, Scenario
    from passend.strategy.segmentmodellen import model

    leeg = opslag.documentonderdelen("Testregio")
    assert leeg["kader"] is None and leeg["strategieen"] is None
    assert leeg["scenarios"][0].naam == "Basis" and len(leeg["scenarios"]) == 4

    vijf = model("voorbeeld-5")
    opslag.bewaar_segmentmodel(vijf, "Testregio", actief=True)
    opslag.bewaar_kader(voorbeeldkader(2024), "Testregio")
    opslag.bewaar_scenario(Scenario("Ontschot", "", Hefbomen(ontschot=True)), "Testregio")
    delen = opslag.documentonderdelen("Testregio")
    assert delen["segmentatie"] == vijf
    assert delen["kader"].visie == voorbeeldkader(2024).visie
    assert [s.naam for s in delen["scenarios"]] == ["Basis", "Ontschot"]
    assert delen["scenarios"][1].hefbomen.ontschot
    assert opslag.documentonderdelen("Elders")["segmentatie"] != vijf


def test_area_model_falls_back_from_gemeente_to_its_jeugdregio_to_the_default():
    from passend.analysis.segmentatie import Segmentatie
    from passend.planning import opslag
    from passend.strategy.segmentmodellen import model

    assert opslag.segmentmodel_voor_gebied("0505", None) == Segmentatie.standaard()
    vijf = model("voorbeeld-5")
    opslag.bewaar_segmentmodel(vijf, "Zuid-Holland Zuid", actief=True)
    assert opslag.segmentmodel_voor_gebied("0505", None) == vijf  # Dordrecht is in ZHZ
    assert opslag.segmentmodel_voor_gebied(None, "Zuid-Holland Zuid") == vijf
    assert opslag.segmentmodel_voor_gebied("0363", None) == Segmentatie.standaard()
    eigen = Segmentatie.uit_dict({**vijf.als_dict(), "naam": "Dordrecht eigen"})
    opslag.bewaar_segmentmodel(eigen, "0505", actief=True)
    assert opslag.segmentmodel_voor_gebied("0505", None).naam == "Dordrecht eigen"
