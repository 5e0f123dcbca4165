"""Run the WSGI app under gunicorn, a production-grade server.

Static files are collected (and compressed by WhiteNoise) once per change of the packaged
files: a fingerprint in STATIC_ROOT skips the slow step on later starts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from gunicorn.app.base import BaseApplication

from passend.web.wsgi import application

#: Not needed at run time: source maps and the second API-doc viewer.
NIET_VERZAMELEN = ["*.map", "redoc", "*.md"]


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for sleutel, waarde in self._options.items():
            self.cfg.set(sleutel, waarde)

    def load(self) -> Any:
        return application


def _vingerafdruk() -> str:
    digest = hashlib.sha256()
    for finder in get_finders():
        for pad, opslag in finder.list(NIET_VERZAMELEN):
            bron = Path(opslag.path(pad))
            stat = bron.stat()
            digest.update(f"{pad}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def verzamel_statische_bestanden() -> bool:
    """collectstatic when the packaged static files changed; True when it ran."""
    stempel = Path(settings.STATIC_ROOT) / ".passend-vingerafdruk"
    vingerafdruk = _vingerafdruk()
    if stempel.exists() and stempel.read_text() == vingerafdruk:
        return False
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=NIET_VERZAMELEN)
    stempel.write_text(vingerafdruk)
    return True


def start(host: str, port: int, workers: int = 2) -> None:
    verzamel_statische_bestanden()
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": "-",
            "forwarded_allow_ips": "127.0.0.1",
            "timeout": 120,
            "graceful_timeout": 30,
            "limit_request_line": 8190,
        }
    ).run()
