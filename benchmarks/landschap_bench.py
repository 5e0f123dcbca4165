"""Benchmark of the care-landscape MILP (:mod:`passend.contracting.landschap`): synthetic
gemeenten and aanbieders spread over the Netherlands, one solve per segment.

    python benchmarks/landschap_bench.py [--aanbieders 2000] [--gemeenten 342] [--segmenten 7]
                                         [--tijdslimiet 60] [--gap 0.01] [--doel aantal|kosten]
                                         [--vaste-kosten 5000] [--json]

Each segment gets its own maximum distance (a local segment short, a regional one long), a
minimum of two aanbieders within reach per gemeente and a maximum share of 20%; the solver
stops at a relative gap of 1% (``--gap``) or at the time limit. Reported per segment:
variables (pairs within reach), wall time (building the model included), status and the
MIP gap HiGHS reached; and the machine's load. The issue's goal: 2,000 × 342 × 7 to a gap
of at most 1% within 60 s per segment.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time

from passend.cli.gedeeld import stdout_naar_stderr
from passend.contracting.landschap import (
    Gemeentevraag,
    Kandidaat,
    Landschapseisen,
    Locatie,
    afstand_km,
    optimaliseer,
)

#: Maximum distance per segment, km: local segments short, regional ones long.
AFSTANDEN = (60.0, 45.0, 35.0, 15.0, 40.0, 80.0, 25.0)


def _plek(rnd: random.Random, code: str) -> Locatie:
    # The Netherlands' box, roughly: 50.8-53.5 N, 3.4-7.2 E.
    return Locatie(code, code, rnd.uniform(50.8, 53.5), rnd.uniform(3.4, 7.2))


def instantie(
    aanbieders: int, gemeenten: int, seed: int
) -> tuple[list[Gemeentevraag], list[Kandidaat]]:
    rnd = random.Random(seed)
    vraag = [
        Gemeentevraag(_plek(rnd, f"G{g:03d}"), float(rnd.randint(5, 120))) for g in range(gemeenten)
    ]
    totaal = sum(v.vraag for v in vraag)
    kandidaten = [
        Kandidaat(
            _plek(rnd, f"A{j:04d}"),
            float(rnd.randint(5, max(10, int(6 * totaal / aanbieders)))),
            float(rnd.randint(800, 2500)),
        )
        for j in range(aanbieders)
    ]
    return vraag, kandidaten


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aanbieders", type=int, default=2000)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--segmenten", type=int, default=7)
    parser.add_argument("--tijdslimiet", type=float, default=60.0)
    parser.add_argument("--gap", type=float, default=0.01)
    parser.add_argument("--doel", choices=["aantal", "kosten"], default="aantal")
    parser.add_argument("--vaste-kosten", type=float, default=5000.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    uit = []
    for s in range(args.segmenten):
        vraag, kandidaten = instantie(args.aanbieders, args.gemeenten, args.seed + s)
        afstand = AFSTANDEN[s % len(AFSTANDEN)]
        paren = sum(
            1 for v in vraag for k in kandidaten if afstand_km(k.aanbieder, v.gemeente) <= afstand
        )
        eisen = Landschapseisen(
            max_afstand_km=afstand,
            min_per_gemeente=2,
            max_aandeel=0.2,
            tijdslimiet_s=args.tijdslimiet,
            max_gap=args.gap,
            doel=args.doel,
            vaste_kosten=args.vaste_kosten,
        )
        begin = time.perf_counter()
        with stdout_naar_stderr():  # HiGHS prints a banner from C++
            los = optimaliseer(vraag, kandidaten, eisen, met_eisprijs=False)
        uit.append(
            {
                "segment": s + 1,
                "max_afstand_km": afstand,
                "paren_binnen_bereik": paren,
                "seconden": round(time.perf_counter() - begin, 2),
                "status": los.status,
                "aantal": los.aantal,
                "gap": None if los.gap is None else round(los.gap, 4),
                "doel_gehaald": los.gap is not None and los.gap <= args.gap,
                "uitleg": los.uitleg,
            }
        )
    resultaat = {
        "doel": f"gap <= {args.gap:g} binnen {args.tijdslimiet:g} s per segment",
        "alle_segmenten_gehaald": all(
            r["doel_gehaald"] and r["seconden"] < args.tijdslimiet for r in uit
        ),
        "doelfunctie": args.doel,
        "aanbieders": args.aanbieders,
        "gemeenten": args.gemeenten,
        "segmenten": uit,
        "belasting_1min": round(os.getloadavg()[0], 2),
    }
    if args.json:
        print(json.dumps(resultaat, indent=2, ensure_ascii=False))
    else:
        for rij in uit:
            print(rij)
        print("belasting", resultaat["belasting_1min"])


if __name__ == "__main__":
    main()
