"""Run the test suite on SQLite and the database tests again on a real PostgreSQL.

PostgreSQL comes from DATABASE_URL when set, otherwise from a throw-away server started
here. Without PostgreSQL the second run is skipped, unless PASSEND_REQUIRE_POSTGRES=1, in
which case that is a failure (CI sets it).

The two runs are independent (each test process makes its own data directory; live
servers take free ports), so they run side by side: much of the suite waits on
subprocesses, browsers and the database, and two runs fill two cores better than one.
PASSEND_TESTS_SEQUENTIAL=1 runs them one after the other, with live output for both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pgtemp import TijdelijkePostgres, nieuwe_postgres

PYTEST = [sys.executable, "-m", "pytest"]
SQLITE_SELECTIE = ["-m", "not postgres"]
POSTGRES_SELECTIE = ["-m", "django_db or cli_db or postgres"]


def _uitkomst(code: int) -> int:
    return 0 if code == 5 else code  # 5: no tests collected for this selection


def _postgres() -> tuple[str, TijdelijkePostgres | None] | None:
    """(url, server to stop) or None when no PostgreSQL can be had."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url, None
    server = nieuwe_postgres()
    if server is None:
        return None
    server.start()
    return server.url, server


def _kop(tekst: str) -> None:
    print(f"== {tekst} ==", flush=True)


def main(extra: list[str]) -> int:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    vereist = os.environ.get("PASSEND_REQUIRE_POSTGRES") == "1"
    sequentieel = os.environ.get("PASSEND_TESTS_SEQUENTIAL") == "1"
    pg = _postgres()
    if pg is None and vereist:
        print("FOUT: PostgreSQL is vereist (PASSEND_REQUIRE_POSTGRES=1) maar niet gevonden.")
        return 1
    sqlite_args = [*PYTEST, *SQLITE_SELECTIE, *extra]
    try:
        if pg is None:
            _kop("Testrun: SQLite (PostgreSQL niet gevonden: die testrun is overgeslagen)")
            return _uitkomst(subprocess.call(sqlite_args, env=base))
        url, _ = pg
        pg_env = {**base, "DATABASE_URL": url, "PASSEND_TEST_POSTGRES": "1"}
        pg_args = [*PYTEST, *POSTGRES_SELECTIE, *extra]
        if sequentieel:
            _kop("Testrun 1/2: SQLite")
            sqlite = _uitkomst(subprocess.call(sqlite_args, env=base))
            _kop(f"Testrun 2/2: PostgreSQL ({url.split('@')[-1]})")
            return sqlite or _uitkomst(subprocess.call(pg_args, env=pg_env))
        return _naast_elkaar(sqlite_args, base, pg_args, pg_env, url)
    finally:
        if pg is not None and pg[1] is not None:
            pg[1].stop()


def _naast_elkaar(
    sqlite_args: list[str],
    sqlite_env: dict[str, str],
    pg_args: list[str],
    pg_env: dict[str, str],
    url: str,
) -> int:
    """SQLite output live, the PostgreSQL run's output printed whole when it is done."""
    begin = time.monotonic()
    with tempfile.TemporaryFile("w+") as pg_log:
        _kop(f"Testrun 2/2 (PostgreSQL, {url.split('@')[-1]}) loopt op de achtergrond")
        pg_proces = subprocess.Popen(pg_args, env=pg_env, stdout=pg_log, stderr=subprocess.STDOUT)
        _kop("Testrun 1/2: SQLite")
        sqlite = _uitkomst(subprocess.call(sqlite_args, env=sqlite_env))
        pg = _uitkomst(pg_proces.wait())
        _kop(f"Testrun 2/2: PostgreSQL ({url.split('@')[-1]})")
        pg_log.seek(0)
        sys.stdout.write(pg_log.read())
    print(f"Beide testruns klaar in {time.monotonic() - begin:.0f} s.", flush=True)
    return sqlite or pg


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
