"""Run the test suite on SQLite, then the database tests again on a real PostgreSQL.

PostgreSQL comes from DATABASE_URL when set, otherwise from a throw-away server started
here. Without PostgreSQL the second run is skipped, unless PASSEND_REQUIRE_POSTGRES=1, in
which case that is a failure (CI sets it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pgtemp import nieuwe_postgres

PYTEST = [sys.executable, "-m", "pytest"]


def run(args: list[str], env: dict[str, str]) -> int:
    print("+", " ".join(args[2:]), flush=True)
    code = subprocess.call(args, env=env)
    return 0 if code == 5 else code  # 5: no tests collected for this selection


def main(extra: list[str]) -> int:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    print("== Testrun 1/2: SQLite ==", flush=True)
    sqlite = run([*PYTEST, "-m", "not postgres", *extra], base)
    vereist = os.environ.get("PASSEND_REQUIRE_POSTGRES") == "1"
    url = os.environ.get("DATABASE_URL", "")
    server = None
    if not url:
        server = nieuwe_postgres()
        if server is None:
            if vereist:
                print(
                    "FOUT: PostgreSQL is vereist (PASSEND_REQUIRE_POSTGRES=1) maar niet gevonden."
                )
                return 1
            print("PostgreSQL niet gevonden: de PostgreSQL-testrun is overgeslagen.")
            return sqlite
        server.start()
        url = server.url
    try:
        print(f"== Testrun 2/2: PostgreSQL ({url.split('@')[-1]}) ==", flush=True)
        pg = run(
            [*PYTEST, "-m", "django_db or cli_db or postgres", *extra],
            {**base, "DATABASE_URL": url, "PASSEND_TEST_POSTGRES": "1"},
        )
    finally:
        if server is not None:
            server.stop()
    return sqlite or pg


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
