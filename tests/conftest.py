"""Test-wide set-up: an isolated data directory and a fixed pseudonymisation key.

Both are set before Django reads its settings, so no test touches ./data.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_DATA = Path(tempfile.mkdtemp(prefix="passend-test-"))
os.environ["PASSEND_DATA_DIR"] = str(_DATA / "data")
os.environ.setdefault("PASSEND_PSEUDONYM_KEY", "ab" * 32)
# Tests log in as beheerders and analysts without an authenticator app; the TOTP obligation
# itself is tested in tests/web/test_beveiliging_accounts.py with the setting switched on.
os.environ.setdefault("PASSEND_TOTP_VERPLICHT", "0")
# Set here, not in pyproject, so pytest-django sets Django up only after the lines above.
os.environ["DJANGO_SETTINGS_MODULE"] = "passend.web.settings"
from django.conf import settings  # noqa: E402

assert settings.DATA_DIR == _DATA / "data"  # loads settings; pytest-django then runs setup()

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "reference" / "istandaarden-3.2"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a PostgreSQL run the database must really be PostgreSQL."""
    if os.environ.get("PASSEND_TEST_POSTGRES") == "1":
        url = os.environ.get("DATABASE_URL", "")
        assert url.startswith(("postgres://", "postgresql://")), "DATABASE_URL is not PostgreSQL"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    assert REFERENCE.is_dir(), f"Reference material missing at {REFERENCE} (CI has it)."
    return REFERENCE


@pytest.fixture
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the packaged reference data (gemeenten, codelists) into the test database."""
    from passend.reference.sync import synchroniseer_referentie

    with django_db_blocker.unblock():
        synchroniseer_referentie()
    yield


@pytest.fixture
def cli_omgeving(tmp_path: Path):
    """The `passend` CLI in a subprocess, with a fresh data dir and database."""
    from tests.cli_support import maak_cli_omgeving

    return maak_cli_omgeving(tmp_path / "cli-data")
