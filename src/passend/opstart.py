"""Django start-up for the command line: settings, migrations and reference data.

Once per process: several commands need Django at more than one point (the analysis
connection, the segment model, saving a scenario), and `migrate` is not free. Two commands
started at once on a brand-new data dir must not both migrate: the first holds a lock (a
file lock in the data dir, and on PostgreSQL an advisory lock as well, for several hosts).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

#: Any fixed number: the PostgreSQL advisory lock that serialises migrations.
_MIGRATIE_SLOT = 0x70617373656E64  # "passend"


@cache
def start_django() -> None:
    """Set up Django, apply migrations and load reference data when needed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    with migratieslot():
        call_command("migrate", verbosity=0, interactive=False)
        from passend.reference.models import Gemeente
        from passend.reference.sync import synchroniseer_referentie

        if not Gemeente.objects.exists():
            synchroniseer_referentie()


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
