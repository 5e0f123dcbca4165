"""Benchmark of the scenario engine: 10,000 Monte Carlo runs x 42 regions x 8 segments x
5 years (x 28 ages), vectorised.

    python benchmarks/scenario_bench.py [--runs 10000] [--regios 42] [--threads 2] [--json]

The input is synthetic (realistic orders of magnitude per jeugdregio: a few thousand youths in
care); the engine is the real one (:func:`passend.strategy.scenario.simuleer`) with the
continued-care lever on, so the Jeugd-Wmo coupling is part of the work. Reported: wall time of
the whole call (draws, projection, funding models, percentiles), the CPU time of the process
and the load average: on a shared machine the wall time depends on the other processes, the
CPU time much less. Goal: under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from passend.strategy.scenario import (
    LEEFTIJDEN,
    Hefbomen,
    Scenario,
    ScenarioInvoer,
    SegmentInfo,
    simuleer,
)

SEGMENTEN = (
    SegmentInfo("1", "Hoog specialistisch", "jeugd"),
    SegmentInfo("2", "Wonen", "jeugd"),
    SegmentInfo("3", "Dagbesteding en dagbehandeling", "jeugd"),
    SegmentInfo("4A", "Lokaal", "jeugd"),
    SegmentInfo("4B", "Regionaal", "jeugd"),
    SegmentInfo("5", "Crisis", "jeugd"),
    SegmentInfo("W02", "Begeleiding", "wmo"),
    SegmentInfo("W15", "Beschermd wonen", "wmo"),
)
#: per segment: incidence per inhabitant, continuation, cost per client-year (euro)
PROFIEL = (
    (0.0008, 0.55, 60_000),
    (0.0012, 0.60, 35_000),
    (0.0020, 0.50, 18_000),
    (0.0200, 0.35, 4_500),
    (0.0080, 0.40, 9_000),
    (0.0006, 0.10, 25_000),
    (0.0060, 0.60, 5_500),
    (0.0006, 0.75, 30_000),
)


def synthetische_invoer(regios: int = 42, jaren: int = 5, seed: int = 1) -> ScenarioInvoer:
    rng = np.random.default_rng(seed)
    g, s, a = regios, len(SEGMENTEN), LEEFTIJDEN
    inwoners = rng.uniform(2_000, 12_000, size=(g, 1)) * np.ones((1, a))
    bevolking = np.broadcast_to(inwoners, (jaren + 1, g, a)).copy()
    jeugd = np.array([x.domein == "jeugd" for x in SEGMENTEN])
    leeftijd = np.arange(a)
    actief = np.where(jeugd[:, None], leeftijd[None] < 18, leeftijd[None] >= 18)  # (S, A)
    lam = np.array([p[0] for p in PROFIEL])[:, None] * actief
    p = np.array([p[1] for p in PROFIEL])[:, None] * actief
    p[jeugd, 17] = 0.15  # the cliff at 18: most jeugdhulp stops
    blootstelling = np.broadcast_to(inwoners[:, None, :] * 4, (g, s, a)).copy()  # 4 years
    instroom = np.round(blootstelling * lam[None])
    risico = np.round(instroom * 2 + 5) * actief[None]
    vervolg = np.round(risico * p[None])
    start = np.round(inwoners[:, None, :] * lam[None] / np.maximum(1 - p[None], 0.2))
    kosten = np.broadcast_to(np.array([p[2] for p in PROFIEL], dtype=float), (g, s)).copy()
    return ScenarioInvoer(
        basisjaar=2025,
        jaren=tuple(range(2026, 2026 + jaren)),
        segmenten=SEGMENTEN,
        gebieden=tuple(f"regio {i + 1}" for i in range(g)),
        bevolking=bevolking,
        start=start,
        instroom=instroom,
        blootstelling=blootstelling,
        vervolg=vervolg,
        risico=risico,
        kosten_per_client=kosten,
        kosten_cv=np.full((g, s), 1.2),
        kosten_n=np.maximum(start.sum(axis=2), 1),
        naar_wmo=np.where(jeugd, 30.0, 0.0)[None] * np.ones((g, 1)),
        cohort=np.where(jeugd, 100.0, 0.0)[None] * np.ones((g, 1)),
        wmo_gewicht=np.where(jeugd, 0.0, 0.5)[None] * np.ones((g, 1)),
    )


def meet(runs: int, regios: int, threads: int) -> dict[str, float]:
    invoer = synthetische_invoer(regios)
    scenario = Scenario(
        "Doorlopend tot 23", "", Hefbomen(doorlopend_tot=23, doorlopend_aandeel=0.3)
    )
    simuleer(invoer, scenario, runs=200, threads=threads)  # warm-up (imports, caches)
    begin, cpu = time.perf_counter(), time.process_time()
    r = simuleer(invoer, scenario, runs=runs, threads=threads)
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    return {
        "runs": runs,
        "regios": regios,
        "segmenten": len(SEGMENTEN),
        "jaren": len(invoer.jaren),
        "leeftijden": LEEFTIJDEN,
        "threads": threads,
        "seconden": round(duur, 2),
        "cpu_seconden": round(cpu, 2),
        "cellen_per_seconde": round(
            runs * regios * len(SEGMENTEN) * len(invoer.jaren) * LEEFTIJDEN / duur
        ),
        "totaal_p50_mln": round(float(r.domeinen["totaal"]["kosten"][r.p(50), -1]) / 1e6, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_count": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--regios", type=int, default=42)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    uitkomsten = [meet(args.runs, args.regios, t) for t in args.threads]
    if args.json:
        print(json.dumps(uitkomsten, indent=2))
        return
    for u in uitkomsten:
        print(
            f"{u['runs']} runs x {u['regios']} regio's x {u['segmenten']} segmenten x "
            f"{u['jaren']} jaar x {u['leeftijden']} leeftijden, {u['threads']} thread(s): "
            f"{u['seconden']} s wandklok, {u['cpu_seconden']} s CPU "
            f"(load {u['load_average_1min']} op {u['cpu_count']} cores)"
        )


if __name__ == "__main__":
    main()
