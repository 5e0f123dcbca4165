"""Bounded memory on hostile input, measured on a real `passend import` in a child process."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from tests import berichten as b

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]

#: Runs the CLI's import in this process, then reports the peak resident memory (VmHWM).
MET_PIEK = """
import json, sys
from passend.cli import main
try:
    main.main(args=["import", *sys.argv[1:], "--json"], standalone_mode=False)
finally:
    status = open("/proc/self/status").read()
    piek = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"piek_mb": piek}), file=sys.stderr)
"""


def _bom(aantal: int) -> bytes:
    """A JW301 with `aantal` empty elements in its client part, outside any record."""
    k = b.kop("301", "BOM")
    heel = b.toewijzingbericht(k, [b.toewijzing(k, 1)])
    plek = heel.index(b"<jw301:ToegewezenProducten>")
    return heel[:plek] + b"<a/>" * aantal + heel[plek:]


def _importeer_met_piek(cli_omgeving, *paden) -> tuple[dict, float]:
    uit = subprocess.run(
        [sys.executable, "-c", MET_PIEK, *map(str, paden)],
        env=cli_omgeving.env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert uit.returncode == 0, uit.stderr[-3000:]
    piek = json.loads(uit.stderr.strip().splitlines()[-1])["piek_mb"]
    return json.loads(uit.stdout), piek


def test_element_bomb_in_a_small_zip_stays_under_300_mb(cli_omgeving, tmp_path):
    cli_omgeving.passend("status")  # migrate first, outside the measured process
    pad = tmp_path / "bom.zip"
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("bom.xml", _bom(5_000))
        z.writestr("bom2.xml", _bom(2_000_000))
    assert pad.stat().st_size < 40_000
    samenvatting, piek = _importeer_met_piek(cli_omgeving, pad)
    assert samenvatting["quarantined"] >= 2 and samenvatting["accepted"] == 0
    assert piek < 300, piek
