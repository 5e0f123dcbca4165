"""URL converters: database ids of at most 18 digits, so no value overflows a BIGINT."""

from __future__ import annotations

import re

ID = re.compile(r"[0-9]{1,18}")


class IdConverter:
    regex = ID.pattern

    def to_python(self, waarde: str) -> int:
        return int(waarde)

    def to_url(self, waarde: int) -> str:
        return str(waarde)


def als_id(waarde: str | None) -> int | None:
    """A query-string id, or None when it is not a plausible database id."""
    return int(waarde) if waarde and ID.fullmatch(waarde) else None
