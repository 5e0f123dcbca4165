"""`passend demo`: generate the synthetic demo region and import it like a user would, then
add what a region would have built on it: demo users per role and the demo scenario set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from passend.settings_paths import data_dir

DEMO_REGIO = "Zuid-Holland Zuid"


def bouw_demo(
    *, schaal: str = "normaal", seed: int = 2026, voortgang: Callable[[str], None] = print
) -> str:
    from passend.demo.generator import genereer_demo
    from passend.imports.pipeline import importeer

    try:
        factor: str | float = float(schaal)
    except ValueError:
        factor = schaal
    doel = data_dir() / "demo" / f"zhz-{schaal}-{seed}"
    if not (doel / "README.txt").exists():
        voortgang(f"Synthetische demoregio genereren in {doel} …")
        genereer_demo(doel, seed=seed, schaal=factor)
    voortgang("Demoberichten importeren via de gewone importroute …")
    samenvatting = importeer([Path(doel)], gebruiker="demo")
    return (
        f"Demo klaar: {samenvatting.accepted} records geaccepteerd, "
        f"{samenvatting.quarantined} in quarantaine, {samenvatting.overgeslagen} al aanwezig."
    )


def bewaar_demo_scenarios(voortgang: Callable[[str], None] = print) -> list[str]:
    """Run the demo scenario set (baseline, continued care to 23, taakgericht segment 1,
    pooled budget) on the loaded data and store each with its paired comparison against the
    baseline (the same service the web form and ``passend scenario run --bewaar`` use). The
    three alternatives are chosen for the raad document, and a demo budget is entered: per
    year and domain the baseline's median payment rounded down to € 0.1 million, one fixed
    amount that every scenario is tested against."""
    from passend.bronnen.database import data_versie, django_verbinding
    from passend.planning import models as pm
    from passend.planning.gebieden import gebied_uit_sleutel
    from passend.planning.opslag import bewaar_budget, reken_en_bewaar
    from passend.strategy.demo import demo_scenario_set
    from passend.strategy.invoer import bouw_invoer

    voortgang("Demoscenario's doorrekenen (Monte Carlo) …")
    con = django_verbinding()
    invoer = bouw_invoer(con, gebied_uit_sleutel(DEMO_REGIO))
    codes = {s.code for s in invoer.segmenten}
    namen, basis = [], None
    for scenario in demo_scenario_set("1" if "1" in codes else invoer.segmenten[0].code):
        obj, basis, _ = reken_en_bewaar(
            invoer, scenario, DEMO_REGIO, basis=basis, data_versie=data_versie()
        )
        if scenario.naam != "Basis":
            pm.Scenario.objects.filter(pk=obj.pk).update(in_document=True)
        namen.append(scenario.naam)
    if basis is not None:
        bewaar_budget(
            DEMO_REGIO,
            {
                (w["jaar"], w["domein"]): w["p50"] // 100_000 * 100_000
                for w in basis.waaier()
                if w["domein"] != "totaal"
            },
            door="demo",
        )
    return namen


def publiceer_demo_raadsrapportage(voortgang: Callable[[str], None] = print) -> str:
    """The demo region's ambitions (the example framework, baselines from the data) unless
    it has its own, and the raadsrapportage of the data's last year, published for the
    council as an analyst would (the same service as the web page)."""
    from passend.analysis.dekking import dekking
    from passend.bronnen.database import DatabaseBron
    from passend.planning.gebieden import gebied_uit_sleutel
    from passend.planning.opslag import bewaar_kader, laad_kader
    from passend.planning.raad import gemeenten_van, maak_raadsrapportage
    from passend.strategy.ambities import met_basiswaarden, voorbeeldkader
    from passend.web.models import GepubliceerdRapport
    from passend.web.raad import publiceer

    voortgang("Raadsrapportage van de demoregio maken …")
    con = DatabaseBron().verbinding()
    gebied = gebied_uit_sleutel(DEMO_REGIO)
    jaar = dekking(con).jaren()[0]
    if laad_kader(DEMO_REGIO) is None:
        bewaar_kader(met_basiswaarden(voorbeeldkader(jaar - 3), con, gebied), DEMO_REGIO)
    document = maak_raadsrapportage(con, gebied, jaar)
    bestaand = GepubliceerdRapport.objects.filter(soort="raadsrapportage", titel=document.titel)
    if not bestaand.exists():  # running the demo again publishes nothing twice
        publiceer(document, DEMO_REGIO, gemeenten_van(gebied) or [], "demo")
    return document.titel


def bewaar_demo_tariefblad() -> int:
    """The demo region's tariff sheet (``passend/demo/data/tariefblad.json``), stored for
    the region as a contractmanager would upload it; returns its number of products."""
    import json
    from importlib.resources import files

    from passend.contracten.tariefbladen import bewaar_blad

    inhoud = json.loads(files("passend.demo").joinpath("data/tariefblad.json").read_text("utf-8"))
    return len(bewaar_blad(DEMO_REGIO, inhoud, "demo"))


#: The demo's care landscapes: 4A (lokaal) and 4B (regionaal).
DEMO_LANDSCHAPPEN = ("4A", "4B")


def bewaar_demo_landschappen() -> list[str]:
    """The demo region's care landscape of 4A and 4B, computed from the data under the
    constraints a region starts from (:func:`passend.planning.landschap.standaard_eisen`,
    10% growth room) and stored as a contractmanager would from the landscape page; returns
    a line per segment."""
    from passend.bronnen.database import django_verbinding
    from passend.planning.gebieden import gebied_uit_sleutel
    from passend.planning.landschap import (
        STANDAARD_GROEIRUIMTE,
        bereken_en_bewaar,
        standaard_eisen,
    )

    con = django_verbinding()
    segmentatie = gebied_uit_sleutel(DEMO_REGIO).segmentatie
    regels = []
    for segment in DEMO_LANDSCHAPPEN:
        eisen = standaard_eisen(segmentatie.segment(segment).naam, tijdslimiet_s=30.0)
        uit = bereken_en_bewaar(
            con, DEMO_REGIO, segment, eisen, groeiruimte=STANDAARD_GROEIRUIMTE, door="demo"
        )["uitkomst"]
        regels.append(f"{segment}: {uit['aantal']} aanbieder(s), {uit['status']}")
    return regels
