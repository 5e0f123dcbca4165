"""Where Passend keeps its data and secrets (outside the database).

Everything Passend writes in the data dir holds personal or sensitive data (the database and
its WAL, the pseudonymisation key, the log, uploads, analysis caches), so the process creates
files for its owner only (umask 077), whatever the mode of the directory someone made for it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
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
    """Read a secret from the data dir, generating it (mode 0600) on first use.

    Several processes may start at once on a new data dir: each writes its candidate to a
    private file and links it into place, which succeeds for exactly one of them; the others
    read the winner's. A reader never sees a half-written secret.
    """
    path = data_dir() / name
    if not path.exists():
        fd, kandidaat = tempfile.mkstemp(prefix=f".{name}-", dir=path.parent)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(nbytes))
            with contextlib.suppress(FileExistsError):  # another process was first
                os.link(kandidaat, path)
        finally:
            os.unlink(kandidaat)
    return bytes.fromhex(path.read_text().strip())
