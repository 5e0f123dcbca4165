"""Start a throw-away PostgreSQL server for the test run (loopback only).

Debian's initdb/pg_ctl refuse to run as root, so as root they run as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def postgres_bin() -> Path | None:
    """Directory with initdb and pg_ctl: Debian's newest cluster version, or PATH."""
    kandidaten = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if kandidaten:
        return Path(kandidaten[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class TijdelijkePostgres:
    bin: Path
    map: Path
    poort: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.poort}/passend"

    def _als_postgres(self, *args: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def start(self) -> None:
        data = self.map / "data"
        if os.geteuid() == 0:
            shutil.chown(self.map, user="postgres")
        subprocess.run(
            self._als_postgres(
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ),
            check=True,
            capture_output=True,
        )
        opties = f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            self._als_postgres(
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opties,
                "-l",
                str(self.map / "log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            self._als_postgres(
                str(self.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.poort),
                "-U",
                "postgres",
                "passend",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            self._als_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.map / "data"), "-m", "fast", "-w", "stop"
            ),
            capture_output=True,
        )
        shutil.rmtree(self.map, ignore_errors=True)


def nieuwe_postgres() -> TijdelijkePostgres | None:
    binmap = postgres_bin()
    if binmap is None:
        return None
    return TijdelijkePostgres(binmap, Path(tempfile.mkdtemp(prefix="passend-pg-")), _vrije_poort())
