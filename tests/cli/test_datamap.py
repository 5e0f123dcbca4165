"""The data dir: files for the owner only whatever the directory's mode, and two commands on
a brand-new data dir do not race on the first migration."""

from __future__ import annotations

import stat
import subprocess
import sys

import pytest

from tests import berichten as b
from tests.cli_support import maak_cli_omgeving

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]


def test_files_in_a_world_readable_data_dir_are_created_for_the_owner_only(tmp_path):
    map_ = tmp_path / "data"
    map_.mkdir(mode=0o755)
    map_.chmod(0o755)
    omgeving = maak_cli_omgeving(map_)
    invoer = tmp_path / "in"
    invoer.mkdir()
    k = b.kop("301", "M1")
    b.schrijf(invoer, "a.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1)]))
    omgeving.passend("import", str(invoer))
    bestanden = [p for p in map_.rglob("*") if p.is_file()]
    assert any(p.name == "django-secret.key" for p in bestanden)
    if omgeving.database_url is None:
        assert {"passend.sqlite3", "passend.log"} <= {p.name for p in bestanden}
    leesbaar = [p.name for p in bestanden if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)]
    assert leesbaar == []


def test_two_commands_on_a_new_data_dir_do_not_race_on_migrations(tmp_path):
    omgeving = maak_cli_omgeving(tmp_path / "nieuw")
    processen = [
        subprocess.Popen(
            [sys.executable, "-m", "passend.cli", "status", "--json"],
            env=omgeving.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    uitkomsten = [p.communicate(timeout=300) for p in processen]
    fouten = [
        err.decode()[-1500:]
        for p, (_, err) in zip(processen, uitkomsten, strict=True)
        if p.returncode
    ]
    assert fouten == []
