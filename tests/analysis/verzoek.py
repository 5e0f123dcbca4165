"""Reports in tests: :func:`passend.analysis.rapport` on the default model unless a test
names an area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from passend.analysis import Gebied, Verzoek
from passend.analysis import rapport as _rapport
from passend.analysis.uitvoer import als_xlsx


def rapport(
    naam: str,
    con: duckdb.DuckDBPyConnection,
    *,
    openbaar: bool = False,
    gebied: Gebied | None = None,
    **opties: Any,
) -> dict[str, Any]:
    verzoek = Verzoek(gebied or Gebied.standaard(), **opties)
    return _rapport(naam, con, verzoek, openbaar=openbaar)


def schrijf_xlsx(pad: Path, bladen: dict[str, Any], **opties: Any) -> Path:
    """:func:`passend.analysis.uitvoer.als_xlsx` written to `pad` (as the CLI does)."""
    pad.write_bytes(als_xlsx(bladen, **opties))
    return pad
