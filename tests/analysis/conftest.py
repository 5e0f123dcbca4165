"""Fixtures for the analysis tests: handmade datasets, imported once per test session.

A dataset goes through the real import pipeline into the Django test database and back out
through ``passend.analysis.bron``. The Arrow tables are cached, so only the first test that
uses a dataset pays for the import; tests that use a dataset are marked ``django_db`` so the
first one may run on either backend (SQLite and PostgreSQL runs).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa
import pytest

from passend.analysis.relaties import verbind
from tests.analysis.berichtenset import Berichtenset
from tests.analysis.scenarios import SCENARIOS

_CACHE: dict[str, dict[str, pa.Table]] = {}


@pytest.fixture
def dataset(tmp_path_factory) -> Callable[[str], duckdb.DuckDBPyConnection]:
    """A function: scenario name -> a fresh DuckDB connection over its relations."""
    geladen: set[str] = set()

    def laad(naam: str) -> duckdb.DuckDBPyConnection:
        geladen.add(naam)
        # Two imports in one test transaction would mix both datasets in the database.
        assert len(geladen) == 1, "gebruik één dataset per test"
        if naam not in _CACHE:
            berichten = Berichtenset(tmp_path_factory.mktemp(naam))
            SCENARIOS[naam](berichten)
            _CACHE[naam] = berichten.importeer()
        return verbind(_CACHE[naam])

    return laad
