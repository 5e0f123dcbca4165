"""A real Passend server (gunicorn, `passend serve`) on a free loopback port with its own
fresh database, and headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_support import REPO, CliOmgeving, maak_cli_omgeving

CHROMIUM = "/usr/bin/chromium"
ARTEFACTEN = REPO / "test-artifacts"
#: Collected static files are shared by every test server of this run (collecting is slow).
STATIC = Path(tempfile.gettempdir()) / "passend-e2e-static"


@dataclass
class Server:
    url: str
    omgeving: CliOmgeving
    wachtwoorden: dict[str, str]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demo_gebruiker(omgeving: CliOmgeving, naam: str, *scope: str) -> str:
    uit = subprocess.run(
        [sys.executable, "-m", "passend.cli", "gebruiker", "aanmaken", "--demo", *scope, naam],
        env=omgeving.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return uit.stdout.strip().rsplit("Demowachtwoord: ", 1)[1]


def _wacht_op(url: str, proces: subprocess.Popen, seconden: int = 240) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"De server stopte: {proces.stdout.read()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url + "/gezond/", timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("De server startte niet op tijd.")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    omgeving = maak_cli_omgeving(tmp_path / "data")
    omgeving.env["PASSEND_STATIC_ROOT"] = str(STATIC)
    omgeving.env["PASSEND_DATAVERSIE_SECONDEN"] = "0"
    wachtwoorden = {
        "beheerder": _demo_gebruiker(
            omgeving, "beheerder", "--rol", "beheerder", "--regio", "Zuid-Holland Zuid"
        ),
        "analist": _demo_gebruiker(
            omgeving, "analist", "--rol", "regio-analist", "--regio", "Zuid-Holland Zuid"
        ),
    }
    poort = _vrije_poort()
    log = (tmp_path / "server.log").open("w")
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
            "2",
        ],
        env=omgeving.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    url = f"http://127.0.0.1:{poort}"
    try:
        _wacht_op(url, proces)
        yield Server(url, omgeving, wachtwoorden)
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
        log.close()


@pytest.fixture
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} ontbreekt (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
