"""The guidance engine: the rule table, proposals with reasons, overrides, core values."""

import dataclasses

import pytest

from passend.strategy.keuzes import (
    DIMENSIES,
    KERNWAARDE_EFFECTEN,
    KERNWAARDEN,
    Segmentstrategie,
    kernwaarden_afweging,
)
from passend.strategy.richtlijnen import (
    RICHTLIJNEN,
    Segmentkenmerken,
    adviseer,
    regeltabel,
    voorstel,
)

VELDEN = {f.name for f in dataclasses.fields(Segmentkenmerken)}


def test_rule_table_is_consistent():
    for regel in RICHTLIJNEN:
        assert regel.dimensie in DIMENSIES, regel.code
        assert regel.optie in DIMENSIES[regel.dimensie][1], regel.code
        for v in regel.als:
            assert v.kenmerk in VELDEN, (regel.code, v.kenmerk)
    assert len({r.code for r in RICHTLIJNEN}) == len(RICHTLIJNEN)
    assert len(regeltabel()) == len(RICHTLIJNEN)


def test_every_option_has_effects_on_all_four_core_values():
    for dimensie, (_, opties) in DIMENSIES.items():
        for optie in opties:
            effecten = KERNWAARDE_EFFECTEN[(dimensie, optie)]
            assert set(effecten) == set(KERNWAARDEN)
            assert all(-2 <= e.score <= 2 and e.uitleg for e in effecten.values())


def _k(**kw) -> Segmentkenmerken:
    basis = {"segment": "X", "segmentnaam": "Test", "domein": "jeugd"}
    return Segmentkenmerken(**{**basis, **kw})


def test_high_complexity_proposes_dialogue_taakgericht_and_a_consortium():
    k = _k(
        clienten=40,
        bedrag_eur=2_000_000,
        kosten_per_client_eur=50_000,
        complexiteit=4.0,
        aanbieders=6,
        hhi=1800,
        met_verblijf=True,
    )
    v = voorstel(k)
    assert (v.procedure, v.bekostiging, v.schaal, v.aanbieders, v.consortium, v.looptijd) == (
        "dialoog",
        "taakgericht",
        "regionaal",
        "consortium",
        "ja",
        "7",
    )
    assert v.aantal_aanbieders == 1
    assert v.plafond_eur == 2_000_000
    assert any("Hoog-complexe zorg (4,0 keer" in r for r in v.redenen["procedure"])


def test_common_low_complexity_care_is_local_open_house_pxq():
    k = _k(clienten=400, complexiteit=0.4, aanbieders=12, hhi=900, duur_mediaan_dagen=300)
    v = voorstel(k)
    assert (v.procedure, v.bekostiging, v.schaal) == ("open_house", "inspanningsgericht", "lokaal")
    assert "400 cliënten" in " ".join(v.redenen["procedure"])


def test_transition_figures_propose_joint_responsibility():
    k = _k(
        clienten=80, complexiteit=1.2, aandeel_16_plus=0.4, cohort=20, zonder_vervolg_aandeel=0.35
    )
    advies = adviseer(k)
    assert advies["verantwoordelijk"].optie == "gezamenlijk"
    assert set(advies["verantwoordelijk"].regels) == {"V3", "V4"}
    assert "40%" in advies["verantwoordelijk"].redenen[0]
    assert advies["verantwoordelijk"].alternatieven[0][0] == "jeugd"
    assert advies["looptijd"].optie == "5"


def test_wmo_and_availability_functions():
    assert voorstel(_k(domein="wmo", clienten=200, complexiteit=0.5)).verantwoordelijk == "wmo"
    crisis = voorstel(_k(clienten=30, complexiteit=1.5, beschikbaarheidsfunctie=True))
    assert (crisis.procedure, crisis.bekostiging, crisis.schaal) == (
        "sas_zonder_emvi",
        "taakgericht",
        "regionaal",
    )


def test_missing_figures_do_not_fire_rules():
    v = voorstel(_k())  # nothing known: the defaults with their 'altijd' rules
    assert (v.bekostiging, v.aanbieders, v.looptijd, v.consortium) == (
        "inspanningsgericht",
        "ruim",
        "3",
        "nee",
    )


def test_override_is_recorded_with_its_rationale():
    v = voorstel(_k(clienten=400, complexiteit=0.4, aanbieders=12))
    gekozen = v.overschrijf(
        "procedure",
        "sas_emvi",
        "Selectie en dialoog, zoals de regio koos.",
        door="beleid",
        op="2026-01-01T09:00:00",
    )
    assert gekozen.procedure == "sas_emvi"
    (o,) = gekozen.overschrijvingen
    assert (o.voorgesteld, o.gekozen, o.door) == ("open_house", "sas_emvi", "beleid")
    # A second change keeps the original proposal as 'voorgesteld'.
    nog = gekozen.overschrijf("procedure", "dialoog", "Toch dialoog.")
    assert nog.overschrijvingen[-1].voorgesteld == "open_house"
    with pytest.raises(ValueError, match="onderbouwing"):
        v.overschrijf("procedure", "sas_emvi", "  ")
    with pytest.raises(ValueError, match="geen optie"):
        v.overschrijf("procedure", "loting", "waarom niet")
    assert Segmentstrategie.uit_dict(nog.als_dict()) == nog


def test_core_values_trade_off_lists_conflicts():
    v = voorstel(_k(clienten=40, complexiteit=4.0, aanbieders=6))
    afweging = kernwaarden_afweging(v)
    assert set(afweging["totaal"]) == set(KERNWAARDEN)
    # a consortium helps efficiency/zekerheid but costs vrijheid: a conflict the raad sees
    assert any("consortium" in c.lower() and "vrijheid" in c for c in afweging["conflicten"])


def test_every_rule_condition_and_reason_reads_as_dutch_words_for_the_raad():
    """Appendix B of the raad document shows the rules in words, never as code expressions."""
    for rij in regeltabel():
        for tekst in (rij["als_tekst"], rij["reden_tekst"]):
            for code in ("_", "==", ">=", "<=", "True", "False", "{", "}"):
                assert code not in tekst, (rij["code"], tekst)
    per_code = {r["code"]: r for r in regeltabel()}
    assert per_code["V3"]["als_tekst"] == (
        "het segment valt onder de Jeugdwet en het aandeel cliënten van 16 jaar of ouder "
        "is ten minste 25%"
    )
    assert per_code["P3"]["als_tekst"] == "het segment omvat zorg met verblijf"
    assert per_code["P1"]["als_tekst"] == (
        "de kosten per cliënt zijn ten minste 2,0 keer de mediaan van de jeugdsegmenten"
    )
    assert per_code["P2"]["als_tekst"] == "de marktconcentratie (HHI) is ten minste 2.500"
    assert per_code["B1"]["als_tekst"] == "altijd"
    assert per_code["P4"]["reden_tekst"].startswith("‹aantal› aanbieders:")
    # The code form stays available for developers (the CLI's --json).
    assert per_code["P3"]["als"] == "met_verblijf == True"
