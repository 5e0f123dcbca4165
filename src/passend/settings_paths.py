"""Where Passend keeps its data and secrets (outside the database).

Everything Passend writes in the data dir holds personal or sensitive data (the database and
its WAL, the pseudonymisation key, the log, uploads, analysis caches), so the process creates
files for its owner only (umask 077), whatever the mode of the directory someone made for it.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

#: Files an earlier version may have left readable for others; tightened at start-up.
_GEVOELIG = (
    "passend.sqlite3",
    "passend.sqlite3-wal",
    "passend.sqlite3-shm",
    "passend.log",
    "pseudoniem.key",
    "django-secret.key",
    "demo-gebruikers.key",
)


def data_dir() -> Path:
    """PASSEND_DATA_DIR, default ./data; created with owner-only permissions."""
    os.umask(0o077)
    path = Path(os.environ.get("PASSEND_DATA_DIR", "data")).resolve()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _alleen_eigenaar(path)
    return path


def _alleen_eigenaar(path: Path) -> None:
    for naam in _GEVOELIG:
        bestand = path / naam
        try:
            if bestand.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                bestand.chmod(0o600)
        except OSError:
            continue  # absent, or not ours to change


def secret_file(name: str, nbytes: int = 32) -> bytes:
    """Read a secret from the data dir, generating it (mode 0600) on first use."""
    path = data_dir() / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(nbytes))
    return bytes.fromhex(path.read_text().strip())
