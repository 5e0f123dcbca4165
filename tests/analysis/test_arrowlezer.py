"""Reading the relations by ADBC (`bronnen.arrowlezer`) gives what Django's cursor gives, and
anything it cannot read falls back to that cursor."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyarrow as pa
import pytest
from django.db import connection

import passend.bronnen.database as database
from passend.analysis.relaties import SCHEMA
from passend.bronnen.arrowlezer import lees_relaties, postgres_uri, sqlite_uri
from passend.bronnen.database import cursor_tabellen, django_tabellen, relatie_queries
from tests.analysis import scenarios
from tests.analysis.berichtenset import Berichtenset


def _zoals_opgeslagen(tmp_path: Path) -> tuple[str, dict[str, object]]:
    """This backend's vendor and settings for a connection of ADBC's own: SQLite's test
    database lives in memory, so it is copied into a file first."""
    if connection.vendor != "sqlite":
        return connection.vendor, dict(connection.settings_dict)
    bestand = tmp_path / "kopie met spatie #1.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(bestand) as doel:
        connection.connection.backup(doel)
    doel.close()
    return "sqlite", {"NAME": str(bestand)}


@pytest.mark.django_db(transaction=True)  # committed, for a connection of its own
def test_adbc_reads_every_relation_as_the_cursor_does(tmp_path):
    berichten = Berichtenset(tmp_path / "berichten")
    scenarios.transitie(berichten)
    scenarios.markt(berichten)  # prestaties, answered declaraties
    berichten.importeer()
    vendor, instellingen = _zoals_opgeslagen(tmp_path)
    via_adbc = lees_relaties(vendor, instellingen, relatie_queries(), SCHEMA)
    assert via_adbc is not None
    via_cursor = cursor_tabellen(relatie_queries())
    for naam in ("client", "toewijzing", "levering", "prestatie", "aanbieder", "gemeente"):
        assert via_cursor[naam].num_rows > 0, naam
    for naam, tabel in via_cursor.items():
        assert via_adbc[naam].equals(tabel), naam


@pytest.mark.django_db
def test_within_a_transaction_the_cursor_reads(monkeypatch):
    def nooit(*_args: object) -> None:
        raise AssertionError("ADBC cannot see what this transaction has not committed")

    monkeypatch.setattr(database, "lees_relaties", nooit)
    assert connection.in_atomic_block
    assert set(django_tabellen()) == set(SCHEMA)


def _sqlite(pad: Path, rijen: list[tuple[object, object, object]]) -> str:
    with sqlite3.connect(pad) as db:
        db.execute("CREATE TABLE t (n INTEGER, tekst TEXT, datum DATE)")
        db.executemany("INSERT INTO t VALUES (?, ?, ?)", rijen)
    db.close()
    return str(pad)


SCHEMA_T = {"t": pa.schema([("n", pa.int64()), ("tekst", pa.string()), ("datum", pa.date32())])}
QUERY_T = {"t": "SELECT n, tekst, (datum || '') FROM t"}


def test_a_column_empty_in_its_first_rows_keeps_its_later_values(tmp_path):
    # The driver infers a column's type from its first batch: all NULL there would have
    # made the text column an integer one, and its later value an error.
    rijen: list[tuple[object, object, object]] = [(i, None, None) for i in range(5000)]
    rijen.append((5000, "later", "2024-02-29"))
    pad = _sqlite(tmp_path / "t.sqlite3", rijen)
    tabel = lees_relaties("sqlite", {"NAME": pad}, QUERY_T, SCHEMA_T)
    assert tabel is not None
    assert tabel["t"].schema == SCHEMA_T["t"]
    assert tabel["t"].slice(4999).to_pylist() == [
        {"n": 4999, "tekst": None, "datum": None},
        {"n": 5000, "tekst": "later", "datum": pa.scalar(19782, pa.date32()).as_py()},
    ]


def test_an_all_null_column_and_an_empty_table_take_their_types(tmp_path):
    pad = _sqlite(tmp_path / "t.sqlite3", [(1, None, None), (2, None, None)])
    tabel = lees_relaties("sqlite", {"NAME": pad}, QUERY_T, SCHEMA_T)
    assert tabel is not None and tabel["t"].schema == SCHEMA_T["t"]
    assert tabel["t"].column("datum").null_count == 2
    leeg = lees_relaties("sqlite", {"NAME": pad}, {"t": QUERY_T["t"] + " WHERE 0"}, SCHEMA_T)
    assert leeg is not None and leeg["t"].num_rows == 0 and leeg["t"].schema == SCHEMA_T["t"]


def test_a_value_that_does_not_fit_falls_back_without_logging_it(tmp_path, caplog):
    pad = _sqlite(tmp_path / "t.sqlite3", [(1, "a", "2024-01-01"), ("geheim-973939928", "b", "x")])
    with caplog.at_level(logging.INFO, logger="passend.bronnen.arrowlezer"):
        assert lees_relaties("sqlite", {"NAME": pad}, QUERY_T, SCHEMA_T) is None
    assert caplog.records and "973939928" not in caplog.text


def test_which_databases_it_can_name():
    assert sqlite_uri(":memory:") is None
    assert sqlite_uri("file:memorydb_default?mode=memory&cache=shared") is None
    assert sqlite_uri("/bestaat/niet.sqlite3") is None
    assert lees_relaties("sqlite", {"NAME": ":memory:"}, QUERY_T, SCHEMA_T) is None
    assert lees_relaties("mysql", {"NAME": "x"}, QUERY_T, SCHEMA_T) is None
    uri = postgres_uri(
        {
            "NAME": "passend",
            "USER": "p",
            "PASSWORD": "a&b=c/d?e#f g",
            "HOST": "/run/pg",
            "PORT": 5433,
        }
    )
    assert uri is not None
    waarden = {k: v[0] for k, v in parse_qs(urlsplit(uri).query).items()}
    assert waarden == {
        "dbname": "passend",
        "user": "p",
        "password": "a&b=c/d?e#f g",
        "host": "/run/pg",
        "port": "5433",
    }
    assert postgres_uri({"NAME": "x", "OPTIONS": {"sslmode": "require"}}) is not None
    assert postgres_uri({"NAME": "x", "OPTIONS": {"pool": True}}) is None  # would be lost


def test_a_file_name_that_needs_escaping(tmp_path):
    pad = _sqlite(tmp_path / "a b#c?d%e.sqlite3", [(1, "x", "2024-01-01")])
    tabel = lees_relaties("sqlite", {"NAME": pad}, QUERY_T, SCHEMA_T)
    assert tabel is not None and tabel["t"].column("tekst").to_pylist() == ["x"]
