"""The import benchmark runs from a clean checkout and prints every ratio it promises, from
the median of its rounds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "import_bench.py"


def test_a_small_run_gives_every_ratio_from_the_median_round(tmp_path: Path) -> None:
    opties = ["--schaal", "0.005", "--werkers", "0,1", "--rondes", "3", "--json"]
    uit = subprocess.run(
        [sys.executable, str(BENCH), *opties, "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    r = json.loads(uit.stdout)
    assert r["rondes"] == 3
    per_ronde = r["seconden_per_ronde"]
    assert set(per_ronde) == {"lxml", "lxml_sha256", "sqlite_werkers_0", "sqlite_werkers_1"}
    for naam, seconden in per_ronde.items():
        assert len(seconden) == 3 and all(s > 0 for s in seconden), naam
    for n in (0, 1):
        assert r[f"sqlite_werkers_{n}_seconden"] == sorted(per_ronde[f"sqlite_werkers_{n}"])[1]
        verhouding = r[f"sqlite_werkers_{n}_seconden"] / r["lxml_seconden"]
        assert r[f"verhouding_sqlite_werkers_{n}_tot_lxml"] == pytest.approx(verhouding, rel=0.1)
    assert r["lxml_seconden"] == round(sorted(per_ronde["lxml"])[1], 2)
    assert r["versnelling_1_tegen_0_werkers"] > 0
    # Both worker counts import the same thing.
    assert r["sqlite_werkers_0_geaccepteerd"] == r["sqlite_werkers_1_geaccepteerd"] > 100
    assert r["sqlite_werkers_0_quarantaine"] == r["sqlite_werkers_1_quarantaine"]
