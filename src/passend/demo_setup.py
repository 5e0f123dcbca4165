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
    pooled budget) on the loaded data and save them as named scenarios."""
    from passend.analysis.bron import django_verbinding
    from passend.planning.opslag import bewaar_scenario
    from passend.strategy.demo import demo_scenario_set, demo_scenarios

    voortgang("Demoscenario's doorrekenen (Monte Carlo) …")
    resultaten = demo_scenarios(django_verbinding())
    per_naam = {s.naam: s for s in demo_scenario_set()}
    basis = next((r for r in resultaten if r.naam == "Basis"), None)
    regels = []
    for resultaat in resultaten:
        scenario = per_naam.get(resultaat.naam)
        if scenario is not None:
            bewaar_scenario(scenario, DEMO_REGIO, resultaat=resultaat, basis=basis)
        regels.append(resultaat.naam)
    return regels
