"""Output of analysis results: JSON text and an Excel workbook.

The workbook has one sheet per table with readable headers and number formats taken from
the column catalogue (:mod:`passend.analysis.kolommen`), and a Definities sheet with the
report parameters and the definition of every column used.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from passend.analysis.kolommen import (
    DEFINITIES_BLAD,
    EXCEL_FORMAAT,
    SOORT_NAAM,
    Kolomdefinitie,
    bladnaam,
    kolom,
)
from passend.domain import opmaak
from passend.domain.spreadsheet import WERKBOEK_OPTIES

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

_VERBODEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_GETAL = (int, float, Decimal)


def _json_waarde(waarde: Any) -> Any:
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return float(waarde)
    raise TypeError(f"Niet als JSON te schrijven: {type(waarde).__name__}")


def als_json(data: Any) -> str:
    """JSON text of a result (dates as ISO 8601)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_waarde)


def json_gereed(data: Any) -> Any:
    """The result as JSON values (what :func:`als_json` writes, as Python objects)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=_json_waarde))


#: What ``rapport(..., openbaar=True)`` suppressed (Dutch, English), for the Definities sheet.
ONDERDRUKKING = (
    "alle tabellen; aantallen personen van 1 t/m 4 staan als <5, cellen waaruit die af te "
    "leiden zijn (ook via totalen) en cijfers die daarvan afhangen (aandelen, medianen, "
    "kosten per cliënt) als x",
    "all tables; counts of 1 to 4 persons are shown as <5, cells that would give them away "
    "(also through totals) and figures that depend on them (shares, medians, cost per "
    "client) as x",
)


@dataclass(frozen=True)
class Rapportinfo:
    """The parameters of a report, listed on the Definities sheet."""

    rapport: str
    jaar: int | None = None
    gebied: str = ""
    segmentmodel: str = ""
    openbaar: bool = False
    gemaakt: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    #: What the suppression covered, when it differs from :data:`ONDERDRUKKING` (every table).
    onderdrukking: str = ""

    def regels(self, taal: str = "nl") -> list[tuple[str, Any]]:
        en = taal == "en"
        ja, nee = ("yes", "no") if en else ("ja", "nee")
        alle = "all years" if en else "alle jaren"
        return [
            ("Report" if en else "Rapport", self.rapport),
            ("Year" if en else "Jaar", self.jaar if self.jaar is not None else alle),
            ("Area" if en else "Gebied", self.gebied or ("all" if en else "alle gemeenten")),
            ("Segment model" if en else "Segmentmodel", self.segmentmodel),
            (
                "Small counts suppressed" if en else "Kleine aantallen onderdrukt",
                f"{ja}: {self.onderdrukking or ONDERDRUKKING[1 if en else 0]}"
                if self.openbaar
                else nee,
            ),
            ("Generated on" if en else "Gemaakt op", self.gemaakt),
        ]


# -- cell values ------------------------------------------------------------------------------
def _als_tekst(waarde: Any, taal: str) -> str:
    """Lists and dicts (profiles, knelpunt figures) as readable text, not JSON."""
    if isinstance(waarde, list):
        return ", ".join(str(w) for w in waarde)
    delen = []
    for sleutel, w in waarde.items():
        k = kolom(sleutel)
        delen.append(f"{k.label(taal)}: {opmaak.cel(w, k.soort, taal)}")
    return "; ".join(delen)


def _celwaarde(waarde: Any, k: Kolomdefinitie, taal: str) -> Any:
    """The value as Excel should hold it (euro instead of eurocent, ja/nee for booleans)."""
    if isinstance(waarde, bool):
        return opmaak.janee(waarde, taal)
    if isinstance(waarde, list | dict):
        return _als_tekst(waarde, taal)
    if isinstance(waarde, Decimal):
        waarde = float(waarde)
    if k.soort in ("eurocent", "tarief") and isinstance(waarde, int | float):
        return waarde / 100
    return waarde


class _Opmaak:
    """The workbook's formats, one per kind, created once."""

    def __init__(self, boek: Workbook) -> None:
        self.kop = boek.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.titel = boek.add_format({"bold": True, "font_size": 14})
        self.vet = boek.add_format({"bold": True})
        self.links = boek.add_format({"align": "left"})
        self.rechts = boek.add_format({"align": "right"})  # "<5" and "x" line up with numbers
        self.tijd = boek.add_format({"num_format": "dd-mm-yyyy hh:mm", "align": "left"})
        self.per_soort = {s: boek.add_format({"num_format": f}) for s, f in EXCEL_FORMAAT.items()}

    def voor(self, k: Kolomdefinitie) -> Format | None:
        return self.per_soort.get(k.soort)


def _schrijf_cel(
    blad: Worksheet, i: int, j: int, waarde: Any, k: Kolomdefinitie, o: _Opmaak, taal: str
) -> None:
    waarde = _celwaarde(waarde, k, taal)
    if waarde is None:
        return
    if isinstance(waarde, datetime):
        blad.write_datetime(i, j, waarde, o.tijd)
    elif isinstance(waarde, date):
        blad.write_datetime(i, j, waarde, o.per_soort["datum"])
    elif isinstance(waarde, int | float):
        blad.write_number(i, j, waarde, o.voor(k))
    elif k.soort not in ("tekst", "lijst", "janee"):
        blad.write_string(i, j, str(waarde), o.rechts)  # a suppressed count
    else:
        blad.write_string(i, j, str(waarde))


# -- sheets -----------------------------------------------------------------------------------
def als_rijen(inhoud: Any) -> list[Mapping[str, Any]]:
    """A table's rows; a summary (one dict) as rows of gegeven and waarde."""
    if isinstance(inhoud, Mapping):
        return [{"gegeven": k, "waarde": v} for k, v in inhoud.items()]
    return list(inhoud or [])


def _als_getoond(waarde: Any, k: Kolomdefinitie) -> str:
    """Roughly the text Excel shows for `waarde`, to size the column by."""
    if k.soort in ("eurocent", "tarief", "euro") and isinstance(waarde, _GETAL):
        return f"€ {float(waarde) / (1 if k.soort == 'euro' else 100):,.2f}"
    if k.soort in ("aantal", "dagen", "index") and isinstance(waarde, _GETAL):
        return f"{float(waarde):,.0f}"
    if k.soort == "getal" and isinstance(waarde, _GETAL):
        return f"{float(waarde):,.2f}"
    return "100.0%" if k.soort == "aandeel" else str(waarde)


def _breedte(kop: str, k: Kolomdefinitie, waarden: list[Any]) -> int:
    getoond = [_als_getoond(w, k) for w in waarden[:200] if w is not None]
    langste = max([len(t) for t in getoond] + [len(kop) if len(kop) < 24 else 12])
    return max(8, min(60, langste + 2))


def _afdrukken(blad: Worksheet) -> None:
    """Frozen header; printed (or converted to PDF) landscape, as wide as one page."""
    blad.freeze_panes(1, 0)
    blad.set_landscape()
    blad.set_paper(9)  # A4
    blad.fit_to_pages(1, 0)
    blad.repeat_rows(0)


def _schrijf_tabel(
    blad: Worksheet, tabel: str, inhoud: Any, o: _Opmaak, taal: str
) -> list[Kolomdefinitie]:
    """Write one table; returns the catalogue entries of what it holds (for Definities)."""
    paren = isinstance(inhoud, Mapping)  # one dict: a sheet of (label, value) rows
    rijen = als_rijen(inhoud)
    sleutels = list(dict.fromkeys(k for rij in rijen for k in rij))
    kolommen = [kolom(s, tabel) for s in sleutels]
    regels = 1
    for j, k in enumerate(kolommen):
        breedte = _breedte(k.label(taal), k, [r.get(k.sleutel) for r in rijen])
        blad.write_string(0, j, k.label(taal), o.kop)
        blad.set_column(j, j, breedte)
        regels = max(regels, -(-len(k.label(taal)) // (breedte - 1)))
    # Viewers do not all grow a row for wrapped text, so the header row gets its height.
    blad.set_row(0, 15 * regels)
    for i, rij in enumerate(rijen, start=1):
        eigen = kolom(rij["gegeven"], tabel) if paren else None
        for j, k in enumerate(kolommen):
            waarde = rij.get(k.sleutel)
            if paren and k.sleutel == "gegeven":
                waarde = eigen.label(taal) if eigen else waarde
            soort = eigen if eigen is not None and k.sleutel == "waarde" else k
            _schrijf_cel(blad, i, j, waarde, soort, o, taal)
    _afdrukken(blad)
    if paren:
        return [kolom(r["gegeven"], tabel) for r in rijen]
    return kolommen


def _schrijf_definities(
    blad: Worksheet,
    gebruikt: dict[Kolomdefinitie, list[str]],
    info: Rapportinfo | None,
    o: _Opmaak,
    taal: str,
) -> None:
    en = taal == "en"
    blad.write_string(0, 0, DEFINITIES_BLAD[1] if en else DEFINITIES_BLAD[0], o.titel)
    rij = 2
    for label, waarde in info.regels(taal) if info else []:
        blad.write_string(rij, 0, label, o.vet)
        if isinstance(waarde, datetime):
            blad.write_datetime(rij, 1, waarde, o.tijd)
        else:
            blad.write(rij, 1, waarde, o.links)
        rij += 1
    opmerking = (
        "Amounts in euro, shares as percentages; definitions in Dutch (docs/definities.md)."
        if en
        else "Bedragen in euro, aandelen als "
        "percentage; volledige definities in docs/definities.md."
    )
    blad.write_string(rij + 1, 0, opmerking)
    rij += 3
    koppen = (
        ["Column", "Key", "Unit", "Definition (Dutch)", "Sheets"]
        if en
        else ["Kolomdefinitie", "Sleutel", "Eenheid", "Definitie", "Bladen"]
    )
    for j, kop in enumerate(koppen):
        blad.write_string(rij, j, kop, o.kop)
    for k, bladen in gebruikt.items():
        rij += 1
        eenheid = SOORT_NAAM[k.soort][1 if en else 0]
        for j, tekst in enumerate(
            (k.label(taal), k.sleutel, eenheid, k.definitie, ", ".join(bladen))
        ):
            blad.write_string(rij, j, tekst)  # no wrapping: rows keep one line in any viewer
    for j, breedte in enumerate((30, 34, 16, 90, 60)):
        blad.set_column(j, j, breedte)
    blad.set_landscape()
    blad.set_paper(9)
    blad.fit_to_pages(1, 0)


def _unieke_naam(naam: str, bezet: set[str]) -> str:
    basis = naam.translate(_VERBODEN)[:31]
    kandidaat, n = basis, 2
    while kandidaat.lower() in bezet:
        kandidaat = f"{basis[:28]} {n}"
        n += 1
    bezet.add(kandidaat.lower())
    return kandidaat


def als_xlsx(
    bladen: Mapping[str, Any],
    *,
    info: Rapportinfo | None = None,
    taal: str = "nl",
) -> bytes:
    """The workbook: each table (a list of row dicts, or one dict as label/value rows) on a
    sheet (the adapters write or send the bytes).

    Headers, sheet titles and number formats come from the column catalogue; `taal="en"`
    gives English headers and titles. A last sheet lists the definitions of the columns used
    and, with `info`, the report parameters.
    """
    doel = io.BytesIO()
    opties = {"remove_timezone": True, "in_memory": True, **WERKBOEK_OPTIES}
    import xlsxwriter  # only for a workbook: 26 ms of every command's start-up otherwise

    boek = xlsxwriter.Workbook(doel, opties)
    try:
        opmaak = _Opmaak(boek)
        bezet: set[str] = set()
        gebruikt: dict[Kolomdefinitie, list[str]] = {}
        for tabel, inhoud in bladen.items():
            naam = _unieke_naam(bladnaam(tabel, taal), bezet)
            for k in _schrijf_tabel(boek.add_worksheet(naam), tabel, inhoud, opmaak, taal):
                gebruikt.setdefault(k, []).append(naam)
        definities = DEFINITIES_BLAD[1] if taal == "en" else DEFINITIES_BLAD[0]
        blad = boek.add_worksheet(_unieke_naam(definities, bezet))
        _schrijf_definities(blad, gebruikt, info, opmaak, taal)
    finally:
        boek.close()
    return doel.getvalue()
