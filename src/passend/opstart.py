"""Django start-up for the command line: settings, migrations and reference data.

Once per process: several commands need Django at more than one point (the analysis
connection, the segment model, saving a scenario), and `migrate` is not free.
"""

from __future__ import annotations

import os
from functools import cache


@cache
def start_django() -> None:
    """Set up Django, apply migrations and load reference data when needed."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from passend.reference.models import Gemeente
    from passend.reference.sync import synchroniseer_referentie

    if not Gemeente.objects.exists():
        synchroniseer_referentie()
