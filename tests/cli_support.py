"""Run the `passend` CLI in a subprocess against its own fresh database."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class CliOmgeving:
    env: dict[str, str]
    data_dir: Path
    database_url: str | None

    def passend(
        self, *args: str, check: bool = True, timeout: int = 600
    ) -> subprocess.CompletedProcess:
        resultaat = subprocess.run(
            [sys.executable, "-m", "passend.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and resultaat.returncode != 0:
            raise AssertionError(f"passend {' '.join(args)} faalde:\n{resultaat.stderr}")
        return resultaat

    def sql(self, query: str) -> list[tuple]:
        """Run a read-only query on this environment's database."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as verbinding:
                return verbinding.execute(query).fetchall()
        import sqlite3

        with sqlite3.connect(self.data_dir / "passend.sqlite3", timeout=30) as verbinding:
            return verbinding.execute(query).fetchall()


def _nieuwe_postgres_database(basis_url: str) -> str:
    import psycopg

    naam = f"passend_cli_{uuid.uuid4().hex[:12]}"
    url = basis_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as verbinding:
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    return url.rsplit("/", 1)[0] + "/" + naam


def maak_cli_omgeving(data_dir: Path) -> CliOmgeving:
    """On a PostgreSQL test run, a new database on that server; otherwise SQLite."""
    weg = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in weg}
    env["PASSEND_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(REPO / "src")
    database_url = None
    if os.environ.get("PASSEND_TEST_POSTGRES") == "1":
        database_url = _nieuwe_postgres_database(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = database_url
    return CliOmgeving(env, data_dir, database_url)


def vingerafdruk(omgeving: CliOmgeving, tabellen: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Per table (its columns given): the row count and a digest of the sorted rows."""
    uitkomst = {}
    for tabel, kolommen in tabellen.items():
        rijen = sorted(repr(r) for r in omgeving.sql(f"SELECT {kolommen} FROM {tabel}"))
        uitkomst[tabel] = (len(rijen), hashlib.sha256("\n".join(rijen).encode()).hexdigest())
    return uitkomst
