"""Times as users read them: Europe/Amsterdam (settings.TIME_ZONE), with the zone shown.

The database holds UTC. Every page, download and log view shows a moment through
:func:`lokale_tijd`, so an audit line and an import batch of the same moment show the same
clock time, and nobody has to guess which zone it is in ("05-12-2026 14:03 CET").
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone


def lokale_tijd(waarde: datetime | str | None, *, seconden: bool = False) -> str:
    """`waarde` (aware, naive UTC, or ISO text) in the local zone, with the zone's name."""
    if waarde in (None, ""):
        return "—"
    if isinstance(waarde, str):
        try:
            waarde = datetime.fromisoformat(waarde)
        except ValueError:
            return waarde
    if timezone.is_naive(waarde):
        waarde = waarde.replace(tzinfo=UTC)  # Django stores UTC
    lokaal = timezone.localtime(waarde)
    formaat = "%d-%m-%Y %H:%M:%S" if seconden else "%d-%m-%Y %H:%M"
    return f"{lokaal.strftime(formaat)} {lokaal.tzname()}"
