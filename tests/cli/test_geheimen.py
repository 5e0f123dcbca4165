"""Secrets in the data dir: created once, whole, even when processes start at the same time."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from passend import settings_paths


def test_a_process_that_loses_the_race_reads_the_winners_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSEND_DATA_DIR", str(tmp_path))
    eerste = settings_paths.secret_file("geheim.key")
    # The loser checked before the winner wrote: it sees "absent" although the file exists.
    monkeypatch.setattr(Path, "exists", lambda self: False)
    assert settings_paths.secret_file("geheim.key") == eerste
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geheim.key"]  # no candidates left


def test_many_processes_at_once_agree_on_one_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSEND_DATA_DIR", str(tmp_path))
    with ThreadPoolExecutor(8) as pool:
        sleutels = list(pool.map(lambda _: settings_paths.secret_file("samen.key"), range(32)))
    assert len(set(sleutels)) == 1 and len(sleutels[0]) == 32
    modus = (tmp_path / "samen.key").stat().st_mode
    assert not modus & (stat.S_IRWXG | stat.S_IRWXO)
