"""Output of analysis results: JSON text and an Excel workbook (one sheet per table)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

_VERBODEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _json_waarde(waarde: Any) -> Any:
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return float(waarde)
    raise TypeError(f"Niet als JSON te schrijven: {type(waarde).__name__}")


def als_json(data: Any) -> str:
    """JSON text of a result (dates as ISO 8601)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_waarde)


def _cel(waarde: Any) -> Any:
    if isinstance(waarde, list | dict):
        return json.dumps(waarde, ensure_ascii=False, default=_json_waarde)
    if isinstance(waarde, Decimal):
        return float(waarde)
    return waarde


def _rijen(inhoud: Any) -> list[dict[str, Any]]:
    if isinstance(inhoud, Mapping):
        return [{"gegeven": k, "waarde": v} for k, v in inhoud.items()]
    return list(inhoud)


def schrijf_excel(pad: Path | str, bladen: Mapping[str, Any]) -> Path:
    """Write each table (a list of row dicts, or one dict as key/value rows) to its own sheet."""
    pad = Path(pad)
    boek = xlsxwriter.Workbook(str(pad), {"remove_timezone": True})
    try:
        kop = boek.add_format({"bold": True, "bottom": 1})
        datum = boek.add_format({"num_format": "dd-mm-yyyy"})
        for naam, inhoud in bladen.items():
            blad = boek.add_worksheet(naam.translate(_VERBODEN)[:31])
            rijen = _rijen(inhoud)
            kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
            for j, kolom in enumerate(kolommen):
                blad.write(0, j, kolom, kop)
                blad.set_column(j, j, max(10, min(40, len(kolom) + 2)))
            for i, rij in enumerate(rijen, start=1):
                for j, kolom in enumerate(kolommen):
                    waarde = _cel(rij.get(kolom))
                    if isinstance(waarde, date):
                        blad.write_datetime(i, j, waarde, datum)
                    elif waarde is not None:
                        blad.write(i, j, waarde)
            blad.freeze_panes(1, 0)
    finally:
        boek.close()
    return pad
