"""Import benchmark: `passend import` against a raw XML parse, per database and worker count.

Generates (once, cached) the synthetic demo region at the requested scale (by default
"groot": over 100k toewijzingen and over 1M prestatie lines; "normaal": 37,912 messages),
reads every file once so that all runs find them in the page cache, compiles Passend's
bytecode once (as an installed package has it), then measures, each in a
fresh process and on a fresh database:

* two anchors over the same XML files: a raw lxml iterparse, and lxml plus reading every
  file whole and hashing it with SHA-256 (what any import must do to recognise a file);
* `passend import --werkers N` for every N asked (default 1 and one per core) into SQLite,
  and with `--postgres` the largest N into a throw-away PostgreSQL server as well: wall and
  CPU time (all processes), messages and prestaties per second, peak memory (of the
  largest process: the importing one, or a worker). The import includes writing the
  analysis snapshot at its end, as a user's import does.

It prints every ratio in one run: import to each anchor, N workers to 1, PostgreSQL to
SQLite, and the machine's load.

With `--rondes N` every measurement is made N times, in rounds (anchors, then each import),
and the median of each counts: on a shared VM one run can be 30 % off.

    python benchmarks/import_bench.py [--schaal groot] [--werkers 1,2] [--postgres] [--rondes 3]
                                      [--json]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ANKERS = """
import hashlib, json, resource, sys, time
from pathlib import Path
from lxml import etree
paden = sorted(Path(sys.argv[1]).rglob("*.xml"), key=lambda p: p.parts)
met_hash = sys.argv[2] == "1"
start = time.perf_counter()
berichten = elementen = grootte = 0
for pad in paden:
    if met_hash:
        inhoud = pad.read_bytes()
        hashlib.sha256(inhoud).hexdigest()
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


def _warm(map_: Path) -> None:
    """Read every file once, untimed: the first anchor would otherwise pay for the disk and
    the later runs not (on the groot demo the raw parse took 77 s cold and 58 s warm, with
    SHA-256 on top)."""
    for pad in map_.rglob("*"):
        if pad.is_file():
            pad.read_bytes()


def _bytecode() -> None:
    """Compile Passend's modules once, untimed, as an installed wheel has them: an editable
    install has no bytecode, and under PYTHONDONTWRITEBYTECODE (set on this machine) every
    process of every run (the importing one and each worker) would compile them again."""
    compileall.compile_dir(Path(__file__).parents[1] / "src", quiet=1)


def _anker(map_: Path, met_hash: bool) -> dict[str, float]:
    uit = subprocess.run(
        [sys.executable, "-c", ANKERS, str(map_), "1" if met_hash else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(uit.stdout)


def _import(
    map_: Path, data_dir: Path, werkers: int, database_url: str | None
) -> dict[str, object]:
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PASSEND_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    subprocess.run(
        [sys.executable, "-m", "passend.cli", "status"], env=env, check=True, capture_output=True
    )  # migrations and reference data outside the timing
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    uit = subprocess.run(
        [
            sys.executable,
            "-m",
            "passend.cli",
            "import",
            str(map_),
            "--json",
            "--werkers",
            f"{werkers}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    duur = time.perf_counter() - start
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Children's usage includes the workers (reaped by the import before it exits).
    cpu = (na.ru_utime + na.ru_stime) - (voor.ru_utime + voor.ru_stime)
    samenvatting = json.loads(uit.stdout)
    prestaties = sum(
        samenvatting["by_type"].get(t, {}).get("accepted", 0) for t in ("JW323", "WMO323")
    )
    return {
        "seconden": round(duur, 1),
        "cpu_seconden": round(cpu, 1),
        "berichten_per_s": round(samenvatting["berichten"] / duur),
        "prestaties_per_s": round(prestaties / duur),
        "piek_mb": round(na.ru_maxrss / 1024),
        "geaccepteerd": samenvatting["accepted"],
        "quarantaine": samenvatting["quarantined"],
    }


def _postgres_database(server_url: str, naam: str) -> str:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as verbinding:
        verbinding.execute(f"DROP DATABASE IF EXISTS {naam}")
        verbinding.execute(f"CREATE DATABASE {naam}")
    return server_url.rsplit("/", 1)[0] + f"/{naam}"


def _start_postgres():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from pgtemp import nieuwe_postgres

    server = nieuwe_postgres()
    if server is None:
        raise SystemExit("--postgres: geen PostgreSQL-installatie gevonden (initdb)")
    server.start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--schaal", default="groot")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--werkers", default=f"1,{os.cpu_count() or 1}")
    parser.add_argument("--postgres", action="store_true", help="ook in PostgreSQL")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--rondes", type=int, default=1, help="herhaal alles zo vaak; de mediaan telt"
    )
    args = parser.parse_args()
    aantallen = sorted({int(w) for w in args.werkers.split(",")})
    doel = args.out / f"import-{args.schaal}-{args.seed}"
    doel.mkdir(parents=True, exist_ok=True)
    gegevens = _genereer(doel, args.schaal, args.seed)
    berichten = doel / "berichten"
    _warm(berichten)
    _bytecode()
    server = _start_postgres() if args.postgres else None
    belasting = []
    rondes: list[dict[str, dict[str, object]]] = []
    try:
        for _ in range(args.rondes):  # every measurement once per round: the VM drifts
            belasting.append(os.getloadavg()[0])
            rondes.append(_ronde(berichten, doel / "data", aantallen, server))
    finally:
        if server is not None:
            server.stop()
    lxml, lxml_hash = _mediaan(rondes, "lxml"), _mediaan(rondes, "lxml_sha256")
    runs = {naam: _mediaan(rondes, naam) for naam in rondes[0] if naam.startswith(("sql", "pos"))}
    resultaat = {
        "schaal": args.schaal,
        **gegevens,
        "cores": os.cpu_count(),
        "rondes": args.rondes,
        "belasting_1min": round(statistics.median(belasting), 2),
        "lxml_seconden": round(lxml["seconden"], 2),
        "lxml_sha256_seconden": round(lxml_hash["seconden"], 2),
        "lxml_mb_per_s": round(lxml["mb"] / lxml["seconden"], 1),
        **{f"{naam}_{k}": v for naam, run in runs.items() for k, v in run.items()},
        **_verhoudingen(runs, lxml["seconden"], lxml_hash["seconden"], aantallen),
    }
    if args.rondes > 1:
        resultaat["seconden_per_ronde"] = {
            naam: [round(float(r[naam]["seconden"]), 2) for r in rondes]  # type: ignore[arg-type]
            for naam in rondes[0]
        }
    if args.json:
        print(json.dumps(resultaat, indent=2))
    else:
        for sleutel, waarde in resultaat.items():
            print(f"{sleutel:>42}: {waarde}")


def _ronde(
    berichten: Path, data_dir: Path, aantallen: list[int], server: object | None
) -> dict[str, dict[str, object]]:
    """One measurement of each: both anchors, the import per worker count, and with a
    PostgreSQL server the import with the most workers into a fresh database."""
    ronde: dict[str, dict[str, object]] = {
        "lxml": _anker(berichten, met_hash=False),
        "lxml_sha256": _anker(berichten, met_hash=True),
    }
    for n in aantallen:
        ronde[f"sqlite_werkers_{n}"] = _import(berichten, data_dir, n, None)
    if server is not None:
        url = _postgres_database(server.url, "passend_bench")  # type: ignore[attr-defined]
        ronde[f"postgresql_werkers_{aantallen[-1]}"] = _import(
            berichten, data_dir, aantallen[-1], url
        )
    return ronde


def _mediaan(rondes: list[dict[str, dict[str, object]]], naam: str) -> dict[str, object]:
    """The round with the median wall time of `naam` (its other figures with it)."""
    gesorteerd = sorted((r[naam] for r in rondes), key=lambda m: float(m["seconden"]))  # type: ignore[arg-type]
    return gesorteerd[(len(gesorteerd) - 1) // 2]


def _verhoudingen(
    runs: dict[str, dict[str, object]], lxml: float, lxml_hash: float, aantallen: list[int]
) -> dict[str, float]:
    uit: dict[str, float] = {}
    for naam, run in runs.items():
        seconden = float(run["seconden"])  # type: ignore[arg-type]
        uit[f"verhouding_{naam}_tot_lxml"] = round(seconden / lxml, 1)
        uit[f"verhouding_{naam}_tot_lxml_sha256"] = round(seconden / lxml_hash, 1)
    eerste, laatste = f"sqlite_werkers_{aantallen[0]}", f"sqlite_werkers_{aantallen[-1]}"
    if eerste != laatste:
        uit[f"versnelling_{aantallen[-1]}_tegen_{aantallen[0]}_werkers"] = round(
            float(runs[eerste]["seconden"]) / float(runs[laatste]["seconden"]),
            2,  # type: ignore[arg-type]
        )
    pg = f"postgresql_werkers_{aantallen[-1]}"
    if pg in runs:
        uit["verhouding_postgresql_tot_sqlite"] = round(
            float(runs[pg]["seconden"]) / float(runs[laatste]["seconden"]),
            2,  # type: ignore[arg-type]
        )
    return uit


if __name__ == "__main__":
    main()
