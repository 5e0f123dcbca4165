"""The demo scenario set that ships with the demo region (called from ``passend demo``)."""

from __future__ import annotations

import duckdb

from passend.analysis.gebied import Gebied
from passend.strategy.document import Inkoopstrategie, stel_op
from passend.strategy.invoer import bouw_invoer, segmentkenmerken
from passend.strategy.richtlijnen import voorstel
from passend.strategy.scenario import Hefbomen, Scenario, ScenarioResultaat, simuleer


def demo_scenario_set(segment_1: str = "1") -> list[Scenario]:
    """Baseline; continued care to 23 for 30 % of the cohort; taakgericht for segment 1;
    a pooled Jeugd/Wmo budget."""
    return [
        Scenario("Basis", "Huidig beleid: P×Q, aparte budgetten, trend uit de historie."),
        Scenario(
            "Doorlopend tot 23",
            "30% van de jongeren die bij 18 zouden stoppen, houdt jeugdhulp tot 23.",
            Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3),
        ),
        Scenario(
            f"Taakgericht segment {segment_1}",
            f"Segment {segment_1} met een taakgericht budget (lumpsum = plafond).",
            Hefbomen(bekostiging={segment_1: "taakgericht"}),
        ),
        Scenario(
            "Ontschot budget",
            "Eén budget voor Jeugd en Wmo: een tekort in het ene domein wordt gedekt door "
            "ruimte in het andere.",
            Hefbomen(ontschot=True),
        ),
    ]


def demo_scenarios(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    *,
    runs: int = 2000,
    seed: int = 2026,
) -> list[ScenarioResultaat]:
    """Run the demo scenario set on `con` (same seed for all, so differences are paired)."""
    invoer = bouw_invoer(con, gebied)
    codes = {s.code for s in invoer.segmenten}
    segment_1 = "1" if "1" in codes else invoer.segmenten[0].code
    return [simuleer(invoer, s, runs=runs, seed=seed) for s in demo_scenario_set(segment_1)]


def demo_strategie(
    con: duckdb.DuckDBPyConnection,
    *,
    runs: int = 2000,
    seed: int = 2026,
    regio: str | None = None,
    synthetisch: bool = True,
) -> Inkoopstrategie:
    """The demo inkoopstrategie: proposals per segment, one recorded deviation (segment 4B to
    a SAS procedure, as the region decided), and the demo scenarios."""
    gebied = Gebied.standaard(regio=regio)
    keuzes = [voorstel(k) for k in segmentkenmerken(con, gebied)]
    keuzes = [
        k.overschrijf(
            "procedure",
            "sas_emvi",
            "De regio kiest voor 4B een SAS-procedure met "
            "selectie en dialoog in plaats van Open House.",
            door="demo",
            op="2026-01-15T10:00:00",
        )
        if k.segment == "4B" and k.procedure != "sas_emvi"
        else k
        for k in keuzes
    ]
    resultaten = demo_scenarios(con, gebied, runs=runs, seed=seed)
    return stel_op(con, gebied, strategieen=keuzes, resultaten=resultaten, synthetisch=synthetisch)
