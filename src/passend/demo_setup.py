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
    baseline (the same service the web form and ``passend scenario run --bewaar`` use)."""
    from passend.bronnen.database import django_verbinding
    from passend.planning.gebieden import gebied_uit_sleutel
    from passend.planning.opslag import reken_en_bewaar
    from passend.strategy.demo import demo_scenario_set
    from passend.strategy.invoer import bouw_invoer

    voortgang("Demoscenario's doorrekenen (Monte Carlo) …")
    con = django_verbinding()
    invoer = bouw_invoer(con, gebied_uit_sleutel(DEMO_REGIO))
    codes = {s.code for s in invoer.segmenten}
    namen, basis = [], None
    for scenario in demo_scenario_set("1" if "1" in codes else invoer.segmenten[0].code):
        _, basis, _ = reken_en_bewaar(invoer, scenario, DEMO_REGIO, basis=basis)
        namen.append(scenario.naam)
    return namen
