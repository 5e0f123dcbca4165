"""`passend demo`: generate the synthetic demo region and import it like a user would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from passend.settings_paths import data_dir


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
