"""Login latency while a long import writes (issue 9: "a login answers within a second").

Starts ``passend serve`` on a fresh SQLite data dir (or DATABASE_URL when set), creates a demo
regio-analist, then logs in with a fresh session again and again: first ``--idle`` times with
nothing else running (the baseline: mostly the password hash), then for as long as ``passend
import`` writes one declaration message of ``--regels`` lines. Prints p50/p95/max of both series
and one JSON object (also written to benchmarks/out/login_tijdens_import.json).

    python benchmarks/login_tijdens_import.py                  # 80,000 lines
    python benchmarks/login_tijdens_import.py --regels 200000 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_load import Gebruiker, _env, _passend, start_server  # noqa: E402


def _bericht(map_: Path, regels: int) -> Path:
    from tests import berichten as b

    map_.mkdir(parents=True)
    c = b.client("999990019", date(2006, 1, 1))
    lijst = [(f"L{j}", 2, 9000, 18000, "D") for j in range(regels)]
    b.schrijf(map_, "groot_323.xml", b.declaratie(b.kop("323", "LANG"), "DECL", lijst, c=c))
    return map_


def _analist(data_dir: Path) -> str:
    uit = _passend(
        _env(data_dir),
        "passend.cli",
        "gebruiker",
        "aanmaken",
        "--demo",
        "--rol",
        "regio-analist",
        "--regio",
        "Zuid-Holland Zuid",
        "analist",
    )
    return uit.rsplit("Demowachtwoord: ", 1)[1].strip()


def _login_ms(url: str, wachtwoord: str) -> float:
    g = Gebruiker(url)
    begin = time.perf_counter()
    g.inloggen("analist", wachtwoord)
    return (time.perf_counter() - begin) * 1000


def _samenvatting(ms: list[float]) -> dict[str, float]:
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
    return {
        "aantal": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(ms), 1),
    }


def meet(werk: Path, regels: int, idle: int) -> dict:
    data_dir = werk / "data"
    _passend(_env(data_dir), "passend.cli", "status")  # migrate outside the measurement
    wachtwoord = _analist(data_dir)
    invoer = _bericht(werk / "invoer", regels)
    server, url = start_server(data_dir, workers=2)
    try:
        rust = [_login_ms(url, wachtwoord) for _ in range(idle)]
        begin = time.perf_counter()
        proces = subprocess.Popen(
            [sys.executable, "-m", "passend.cli", "import", str(invoer)],
            env=_env(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        tijdens = []
        while proces.poll() is None:
            tijdens.append(_login_ms(url, wachtwoord))
        duur = time.perf_counter() - begin
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {
        "regels": regels,
        "import_s": round(duur, 1),
        "import_exit": proces.returncode,
        "zonder_import": _samenvatting(rust),
        "tijdens_import": _samenvatting(tijdens),
        "tijdens_import_reeks_ms": [round(t, 1) for t in tijdens],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regels", type=int, default=80_000)
    parser.add_argument("--idle", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="passend-login-bench-") as tmp:
        uitkomst = meet(Path(tmp), args.regels, args.idle)
    uit = REPO / "benchmarks" / "out"
    uit.mkdir(exist_ok=True)
    (uit / "login_tijdens_import.json").write_text(json.dumps(uitkomst, indent=2) + "\n")
    if not args.json:
        print(f"Import van {uitkomst['regels']:,} regels: {uitkomst['import_s']} s")
        for naam in ("zonder_import", "tijdens_import"):
            s = uitkomst[naam]
            print(
                f"{naam:15} n={s['aantal']:4}  p50 {s['p50_ms']:7.1f} ms  "
                f"p95 {s['p95_ms']:7.1f} ms  max {s['max_ms']:7.1f} ms"
            )
    print(json.dumps(uitkomst))


if __name__ == "__main__":
    main()
