"""Where Passend keeps its data and secrets (outside the database)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """PASSEND_DATA_DIR, default ./data; created with owner-only permissions."""
    path = Path(os.environ.get("PASSEND_DATA_DIR", "data")).resolve()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def secret_file(name: str, nbytes: int = 32) -> bytes:
    """Read a secret from the data dir, generating it (mode 0600) on first use."""
    path = data_dir() / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(nbytes))
    return bytes.fromhex(path.read_text().strip())
