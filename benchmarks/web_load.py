"""Load test of the web app: concurrent logged-in users on the demo region, p50/p95 per page.

Builds the synthetic demo region (``passend demo --schaal klein``) in a temporary data dir
(or reuses ``--data-dir``), creates a demo regio-analist, starts ``passend serve`` on a free
loopback port and lets ``--gebruikers`` threads log in and click through the analysis pages
with a think time between clicks. Traffic goes to 127.0.0.1 only; the run is bounded by
``--duur`` seconds and ``--max-verzoeken`` requests. Prints a table and one JSON object
(also written to benchmarks/out/web_load.json).

    python benchmarks/web_load.py                      # 20 users, 60 s, think time 1 s
    python benchmarks/web_load.py --gebruikers 100 --data-dir DATA  # 100 users, e.g. normaal
    python benchmarks/web_load.py --denktijd 0 --duur 20
    python benchmarks/web_load.py --data-dir /tmp/passend-demo --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGINAS = {
    "overzicht": "/",
    "kerncijfers": "/analyse/kerncijfers/",
    "transitie": "/analyse/transitie/",
    "transitie-gemeente": "/analyse/transitie/?gemeente=0505",
    "wmo-instroom": "/analyse/wmo-instroom/",
    "markt": "/analyse/markt/",
    "knelpunten": "/analyse/knelpunten/",
    "benchmark": "/analyse/benchmark/",
    "api-kerncijfers": "/api/kerncijfers/",
}
DOEL_P95_MS = 300


@dataclass
class Metingen:
    tijden: dict[str, list[float]] = field(default_factory=dict)
    fouten: dict[str, int] = field(default_factory=dict)
    verzoeken: int = 0
    slot: threading.Lock = field(default_factory=threading.Lock)

    def voeg_toe(self, pagina: str, ms: float, ok: bool) -> None:
        with self.slot:
            self.verzoeken += 1
            self.tijden.setdefault(pagina, []).append(ms)
            if not ok:
                self.fouten[pagina] = self.fouten.get(pagina, 0) + 1


def _env(data_dir: Path) -> dict[str, str]:
    weg = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in weg}
    env.update(PASSEND_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO / "src"))
    return env


def _passend(env: dict[str, str], *args: str) -> str:
    uit = subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return uit.stdout


def bereid_voor(data_dir: Path) -> str:
    """Demo region plus a demo regio-analist; returns that user's password."""
    env = _env(data_dir)
    if not any((data_dir / "demo").glob("zhz-*")):
        print("Demoregio (klein) bouwen …", file=sys.stderr, flush=True)
        _passend(env, "passend.cli", "demo", "--schaal", "klein")
    uit = _passend(
        env,
        "passend.cli",
        "gebruiker",
        "aanmaken",
        "--rol",
        "regio-analist",
        "--regio",
        "Zuid-Holland Zuid",
        "--demo",
        "analist",
    )
    return uit.rsplit("Demowachtwoord: ", 1)[1].strip()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    poort = _vrije_poort()
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "passend.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(poort),
            "--workers",
            str(workers),
        ],
        env=_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{poort}"
    einde = time.monotonic() + 300
    while time.monotonic() < einde:
        try:
            with urllib.request.urlopen(url + "/gezond/", timeout=2):
                return proces, url
        except OSError:
            if proces.poll() is not None:
                raise RuntimeError("De server stopte tijdens het starten.") from None
            time.sleep(0.5)
    proces.terminate()
    raise TimeoutError("De server startte niet binnen 300 s.")


class Gebruiker:
    """One browser-like user: its own cookies, logs in through the form (CSRF included)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, pad: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.url + pad, timeout=60) as antwoord:
                return antwoord.status, antwoord.read()
        except urllib.error.HTTPError as fout:
            return fout.code, b""

    def inloggen(self, naam: str, wachtwoord: str) -> None:
        _, html = self.get("/account/inloggen/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        data = urllib.parse.urlencode(
            {"username": naam, "password": wachtwoord, "csrfmiddlewaretoken": token}
        ).encode()
        verzoek = urllib.request.Request(
            self.url + "/account/inloggen/",
            data=data,
            headers={"Referer": self.url + "/account/inloggen/"},
        )
        with self.opener.open(verzoek, timeout=60) as antwoord:
            if "/account/inloggen/" in antwoord.url:
                raise RuntimeError("Inloggen mislukt.")


def _gebruiker(
    g: Gebruiker, m: Metingen, stop: float, max_verzoeken: int, denktijd: float, seed: int
) -> None:
    kans = random.Random(seed)
    while time.monotonic() < stop and m.verzoeken < max_verzoeken:
        naam = kans.choice(list(PAGINAS))
        begin = time.perf_counter()
        status, _ = g.get(PAGINAS[naam])
        m.voeg_toe(naam, (time.perf_counter() - begin) * 1000, status == 200)
        if denktijd:
            time.sleep(kans.uniform(0.5 * denktijd, 1.5 * denktijd))


def _p(waarden: list[float], q: float) -> float:
    return (
        statistics.quantiles(waarden, n=100, method="inclusive")[int(q) - 1]
        if len(waarden) > 1
        else waarden[0]
    )


def opwarmen(url: str, wachtwoord: str) -> dict[str, float]:
    """One request per page, before the measurement: the first builds the analysis cache."""
    g = Gebruiker(url)
    g.inloggen("analist", wachtwoord)
    koud = {}
    for naam, pad in PAGINAS.items():
        begin = time.perf_counter()
        g.get(pad)
        koud[naam] = round((time.perf_counter() - begin) * 1000, 1)
    return koud


def meet(url: str, wachtwoord: str, args: argparse.Namespace) -> dict[str, object]:
    koud = opwarmen(url, wachtwoord)
    gebruikers = [Gebruiker(url) for _ in range(args.gebruikers)]
    for g in gebruikers:  # logging in (password hashing) is not part of the measurement
        g.inloggen("analist", wachtwoord)
    m = Metingen()
    stop = time.monotonic() + args.duur
    draden = [
        threading.Thread(target=_gebruiker, args=(g, m, stop, args.max_verzoeken, args.denktijd, i))
        for i, g in enumerate(gebruikers)
    ]
    begin = time.monotonic()
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    duur = time.monotonic() - begin
    per_pagina = {
        naam: {
            "n": len(t),
            "p50_ms": round(_p(t, 50), 1),
            "p95_ms": round(_p(t, 95), 1),
            "max_ms": round(max(t), 1),
            "fouten": m.fouten.get(naam, 0),
            "koud_ms": koud[naam],
        }
        for naam, t in sorted(m.tijden.items())
    }
    alle = [x for t in m.tijden.values() for x in t]
    return {
        "gebruikers": args.gebruikers,
        "denktijd_s": args.denktijd,
        "workers": args.workers,
        "duur_s": round(duur, 1),
        "verzoeken": m.verzoeken,
        "verzoeken_per_s": round(m.verzoeken / duur, 1),
        "p50_ms": round(_p(alle, 50), 1),
        "p95_ms": round(_p(alle, 95), 1),
        "doel_p95_ms": DOEL_P95_MS,
        "gehaald": all(v["p95_ms"] < DOEL_P95_MS for v in per_pagina.values()),
        "fouten": sum(m.fouten.values()),
        "per_pagina": per_pagina,
    }


def _tabel(r: dict[str, object]) -> str:
    regels = [f"{'pagina':<20}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'koud ms':>9}"]
    for naam, v in r["per_pagina"].items():  # type: ignore[union-attr]
        regels.append(
            f"{naam:<20}{v['n']:>6}{v['p50_ms']:>9}{v['p95_ms']:>9}{v['max_ms']:>9}"
            f"{v['koud_ms']:>9}"
        )
    regels.append(f"{'alles':<20}{r['verzoeken']:>6}{r['p50_ms']:>9}{r['p95_ms']:>9}")
    return "\n".join(regels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruikers", type=int, default=20)
    parser.add_argument("--duur", type=float, default=60, help="Seconden meten (begrensd).")
    parser.add_argument("--max-verzoeken", type=int, default=20000)
    parser.add_argument("--denktijd", type=float, default=1.0, help="Gemiddelde s tussen kliks.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers")
    parser.add_argument("--data-dir", type=Path, help="Hergebruik deze gegevensmap.")
    parser.add_argument("--json", action="store_true", help="Alleen JSON afdrukken.")
    args = parser.parse_args()
    args.duur = min(args.duur, 600)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="passend-load-")) / "data"
    wachtwoord = bereid_voor(data_dir)
    proces, url = start_server(data_dir, args.workers)
    try:
        resultaat = meet(url, wachtwoord, args)
    finally:
        proces.terminate()
        proces.wait(timeout=30)
    uit = REPO / "benchmarks" / "out"
    uit.mkdir(parents=True, exist_ok=True)
    (uit / "web_load.json").write_text(json.dumps(resultaat, indent=2), encoding="utf-8")
    if not args.json:
        print(_tabel(resultaat))
    print(json.dumps(resultaat))
    return 0 if resultaat["gehaald"] and not resultaat["fouten"] else 1


if __name__ == "__main__":
    sys.exit(main())
