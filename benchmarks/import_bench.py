"""Import benchmark: throughput and peak memory of `passend import` on a large region.

Generates (once, cached) the synthetic demo region at the requested scale — by default
"groot": over 100k toewijzingen and over 1M prestatie lines — then measures, each in a fresh
process:

* the raw lxml iterparse throughput over the same files (the ceiling);
* `passend import` into a fresh SQLite database (or DATABASE_URL when given): messages/s,
  prestaties/s, wall and CPU time, peak resident memory, and the ratio to the raw parse (the
  import includes writing the analysis snapshot at its end, as a user's import does).

    python benchmarks/import_bench.py [--schaal groot] [--out benchmarks/out] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

RAW_PARSE = """
import json, resource, sys, time
from pathlib import Path
from lxml import etree
start = time.perf_counter()
berichten = elementen = grootte = 0
for pad in sorted(Path(sys.argv[1]).rglob("*.xml")):
    grootte += pad.stat().st_size
    for _, element in etree.iterparse(str(pad), events=("end",)):
        elementen += 1
        if len(element) == 0:
            element.clear(keep_tail=True)
    berichten += 1
duur = time.perf_counter() - start
print(json.dumps({"berichten": berichten, "elementen": elementen, "mb": grootte / 1e6,
                  "seconden": duur,
                  "piek_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _genereer(doel: Path, schaal: str, seed: int) -> dict[str, object]:
    klaar = doel / "samenvatting.json"
    if klaar.exists():
        return json.loads(klaar.read_text())
    from passend.demo.generator import genereer_demo

    shutil.rmtree(doel, ignore_errors=True)
    start = time.perf_counter()
    samenvatting = genereer_demo(doel / "berichten", seed=seed, schaal=schaal)
    uitkomst = {
        "toewijzingen": samenvatting.toewijzingen,
        "prestaties": samenvatting.prestaties,
        "berichten": sum(samenvatting.berichten_per_type.values()),
        "clienten": samenvatting.clienten,
        "genereren_seconden": round(time.perf_counter() - start, 1),
    }
    klaar.write_text(json.dumps(uitkomst))
    return uitkomst


def _ruwe_parse(map_: Path) -> dict[str, float]:
    uit = subprocess.run(
        [sys.executable, "-c", RAW_PARSE, str(map_)], capture_output=True, text=True, check=True
    )
    return json.loads(uit.stdout)


def _import(map_: Path, data_dir: Path) -> dict[str, object]:
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {**os.environ, "PASSEND_DATA_DIR": str(data_dir)}
    subprocess.run(
        [sys.executable, "-m", "passend.cli", "status"], env=env, check=True, capture_output=True
    )  # migrations and reference data outside the timing
    voor_gebruik = resource.getrusage(resource.RUSAGE_CHILDREN)
    voor = voor_gebruik.ru_maxrss
    start = time.perf_counter()
    uit = subprocess.run(
        [sys.executable, "-m", "passend.cli", "import", str(map_), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    duur = time.perf_counter() - start
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (na.ru_utime + na.ru_stime) - (voor_gebruik.ru_utime + voor_gebruik.ru_stime)
    samenvatting = json.loads(uit.stdout)
    return {
        "seconden": duur,
        "cpu_seconden": cpu,
        "samenvatting": samenvatting,
        "piek_mb": max(na.ru_maxrss, voor) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--schaal", default="groot")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    doel = args.out / f"import-{args.schaal}-{args.seed}"
    doel.mkdir(parents=True, exist_ok=True)
    gegevens = _genereer(doel, args.schaal, args.seed)
    ruw = _ruwe_parse(doel / "berichten")
    imp = _import(doel / "berichten", doel / "data")
    prestaties = imp["samenvatting"]["by_type"].get("JW323", {}).get("accepted", 0) + imp[
        "samenvatting"
    ]["by_type"].get("WMO323", {}).get("accepted", 0)
    resultaat = {
        "schaal": args.schaal,
        **gegevens,
        "lxml_berichten_per_s": round(ruw["berichten"] / ruw["seconden"]),
        "lxml_mb_per_s": round(ruw["mb"] / ruw["seconden"], 1),
        "lxml_seconden": round(ruw["seconden"], 2),
        "import_seconden": round(imp["seconden"], 1),
        "import_cpu_seconden": round(imp["cpu_seconden"], 1),
        "verhouding_tot_lxml": round(imp["seconden"] / ruw["seconden"], 1),
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "belasting_1min": round(os.getloadavg()[0], 2),
        "import_berichten_per_s": round(imp["samenvatting"]["berichten"] / imp["seconden"]),
        "import_prestaties_per_s": round(prestaties / imp["seconden"]),
        "import_piek_mb": round(imp["piek_mb"]),
        "geaccepteerd": imp["samenvatting"]["accepted"],
        "quarantaine": imp["samenvatting"]["quarantined"],
    }
    if args.json:
        print(json.dumps(resultaat, indent=2))
    else:
        for sleutel, waarde in resultaat.items():
            print(f"{sleutel:>26}: {waarde}")


if __name__ == "__main__":
    main()
