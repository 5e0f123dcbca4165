"""Times in Europe/Amsterdam with the zone shown, the same on every page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from passend.web.tijd import lokale_tijd


def test_a_moment_is_shown_in_amsterdam_time_with_its_zone(settings):
    assert lokale_tijd(datetime(2026, 12, 5, 13, 3, tzinfo=UTC)) == "05-12-2026 14:03 CET"
    assert lokale_tijd(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "01-07-2026 14:00 CEST"
    assert lokale_tijd(datetime(2026, 7, 1, 12, 0)) == "01-07-2026 14:00 CEST"  # naive: UTC
    assert lokale_tijd("2026-12-05T13:03:09+00:00", seconden=True) == "05-12-2026 14:03:09 CET"
    assert lokale_tijd(None) == "—" and lokale_tijd("geen tijd") == "geen tijd"


@pytest.mark.django_db
def test_the_audit_log_and_the_import_batch_show_the_same_local_time(als, geladen):
    from passend.imports.models import ImportBatch

    beheerder = als("beheerder")
    batch = ImportBatch.objects.latest("pk")
    verwacht = lokale_tijd(batch.gestart_op)
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d CES?T", verwacht)
    assert verwacht in beheerder.get(f"/import/batches/{batch.pk}/").content.decode()
    audit = beheerder.get("/beheer/audit/").content.decode()
    assert re.search(r"\d\d-\d\d-\d{4} \d\d:\d\d:\d\d CES?T", audit)
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<", audit)  # no bare UTC stamps
