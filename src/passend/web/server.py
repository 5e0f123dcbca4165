"""Run the WSGI app under gunicorn, a production-grade server."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from gunicorn.app.base import BaseApplication

from passend.web.wsgi import application


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for sleutel, waarde in self._options.items():
            self.cfg.set(sleutel, waarde)

    def load(self) -> Any:
        return application


def start(host: str, port: int, workers: int = 2) -> None:
    call_command("collectstatic", interactive=False, verbosity=0)
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": "-",
            "forwarded_allow_ips": "127.0.0.1",
        }
    ).run()
