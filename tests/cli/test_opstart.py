"""Start-up: a command migrates only when a migration is missing (one query otherwise)."""

from __future__ import annotations

import pytest
from django.db import connection

from passend.opstart import schema_actueel

pytestmark = pytest.mark.django_db


def test_a_migrated_database_needs_no_migrate_and_a_missing_migration_is_noticed():
    assert schema_actueel()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'planning' AND name LIKE '0003%%'"
        )
    assert not schema_actueel()  # a new version of Passend brings a migration: migrate


def test_without_reference_data_the_first_start_still_loads_it():
    from passend.reference.models import Bevolking, Gemeente

    Bevolking.objects.all().delete()
    Gemeente.objects.all().delete()
    assert not schema_actueel()
