"""How ``passend import`` ends its process: its database connections closed, nothing left
for the interpreter to complain about."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests import berichten as b


@pytest.mark.cli_db
def test_import_closes_its_database_before_the_process_ends(cli_omgeving, tmp_path):
    map_ = tmp_path / "berichten"
    map_.mkdir()
    kop = b.kop("301", "AFSLUITEN1")
    client = b.client("999990019", date(2008, 3, 1))
    b.schrijf(map_, "t.xml", b.toewijzingbericht(kop, [b.toewijzing(kop, 7, c=client)]))

    uit = cli_omgeving.passend("import", str(map_), "--json")

    assert json.loads(uit.stdout)["accepted"] == 1
    assert "Traceback" not in uit.stderr and "Exception ignored" not in uit.stderr
    assert cli_omgeving.sql("SELECT count(*) FROM care_toewijzing") == [(1,)]
    if cli_omgeving.database_url is None:
        # SQLite copies its write-ahead log into the database file when the last connection
        # closes; a connection left open at exit would leave the log behind, full.
        wal = cli_omgeving.data_dir / "passend.sqlite3-wal"
        assert not wal.exists() or wal.stat().st_size == 0
