"""Django start-up for the command line: settings, migrations and reference data.

Once per process: several commands need Django at more than one point (the analysis
connection, the segment model, saving a scenario). `migrate` costs 0.15-0.5 s, too much for
every command, so a process first compares the migrations on disk with the database's
``django_migrations`` table (one query) and migrates only when one is missing: a new data
dir, or a new version of Passend. Two commands started at once on a brand-new data dir must
not both migrate: the first holds a lock (a file lock in the data dir, and on PostgreSQL an
advisory lock as well, for several hosts) and the others find the work done.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

#: Any fixed number: the PostgreSQL advisory lock that serialises migrations.
_MIGRATIE_SLOT = 0x70617373656E64  # "passend"


@cache
def start_django() -> None:
    """Set up Django, apply migrations and load reference data when needed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.web.settings")
    import django

    django.setup()
    if schema_actueel():
        return
    from django.core.management import call_command

    with migratieslot():
        call_command("migrate", verbosity=0, interactive=False)
        from passend.reference.models import Gemeente
        from passend.reference.sync import synchroniseer_referentie

        if not Gemeente.objects.exists():
            synchroniseer_referentie()


def schema_actueel() -> bool:
    """True when every migration of every app is applied and the reference data is loaded
    (what a migrate and the first start would otherwise do)."""
    from django.apps import apps
    from django.db import DatabaseError, connection

    nodig = set()
    for app in apps.get_app_configs():
        map_ = Path(app.path) / "migrations"
        if map_.is_dir():
            nodig |= {
                (app.label, pad.stem) for pad in map_.glob("[0-9]*.py") if pad.stem[:4].isdigit()
            }
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            gedaan = set(cursor.fetchall())
            if not nodig <= gedaan:
                return False
            cursor.execute("SELECT 1 FROM reference_gemeente LIMIT 1")
            return cursor.fetchone() is not None
    except DatabaseError:
        return False  # no table yet: a new database


@contextmanager
def migratieslot() -> Iterator[None]:
    """Hold the migration lock: one process migrates, the others wait and then find it done."""
    from django.conf import settings
    from django.db import connection

    with open(settings.DATA_DIR / "migreren.lock", "a") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_lock(%s)", [_MIGRATIE_SLOT])
                try:
                    yield
                finally:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATIE_SLOT])
            else:
                yield
        finally:
            fcntl.flock(slot, fcntl.LOCK_UN)
