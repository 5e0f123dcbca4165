"""Screenshots for the README: the demo region in headless Chromium.

Builds the synthetic demo region (``passend demo``, normal scale) in a temporary data dir,
serves it on a free loopback port, logs in as the demo regio-analist and saves the pages the
README shows to docs/img/. Reproducible: same seed, same figures.

    python tools/schermafdrukken.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from web_load import _env, start_server  # noqa: E402

PAGINAS = {
    "transitie.png": "/analyse/transitie/",
    "scenariovergelijking.png": "/planning/scenarios/vergelijking/",
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="passend-schermafdrukken-") as tmp:
        data = Path(tmp) / "data"
        uit = subprocess.run(
            [sys.executable, "-m", "passend.cli", "demo"],
            env=_env(data),
            capture_output=True,
            text=True,
            check=True,
            timeout=3600,
        ).stdout
        wachtwoord = re.search(r"analist\s*│\s*(\S+)", uit).group(1)
        server, url = start_server(data, workers=2)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                pagina = browser.new_page(viewport={"width": 1280, "height": 900})
                pagina.goto(url + "/account/inloggen/")
                pagina.fill("#id_username", "analist")
                pagina.fill("#id_password", wachtwoord)
                with pagina.expect_navigation():
                    pagina.click("main button[type=submit]")
                doel = REPO / "docs" / "img"
                doel.mkdir(parents=True, exist_ok=True)
                for bestand, pad in PAGINAS.items():
                    pagina.goto(url + pad)
                    pagina.wait_for_selector(".grafiek svg", timeout=60_000)
                    pagina.screenshot(path=str(doel / bestand), full_page=False)
                    print(f"{doel / bestand}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
