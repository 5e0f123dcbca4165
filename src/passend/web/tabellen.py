"""Tables on pages: one description for the HTML table, the CSV and the Excel export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from passend.domain.spreadsheet import WERKBOEK_OPTIES, veilige_csv_tekst

#: Cell kinds: tekst, getal, geheel (rounded), bedrag (eurocent in, euro shown), euro, procent
#: (fraction in), dagen, datum, jaartal (no thousands separator)
SOORTEN = ("tekst", "getal", "geheel", "bedrag", "euro", "procent", "dagen", "datum", "jaartal")
ONDERDRUKT = ("<5", "x")


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    titel: str
    soort: str = "tekst"

    @property
    def is_getal(self) -> bool:
        return self.soort not in ("tekst", "datum", "jaartal")


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: Sequence[Kolom]
    rijen: Sequence[Mapping[str, Any]]
    bijschrift: str = ""
    rij_koppen: bool = True  # the first column heads its row
    koppelingen: Mapping[str, str] = field(default_factory=dict)  # kolom -> url prefix
    link_query: str = ""  # query string added to those links (the page's filters)
    #: For a table of a registered report: (report, table, rows). Its downloads are written
    #: by the analysis output (every column, the catalogue's labels and formats), like the
    #: CLI's, instead of from the displayed cells.
    bron: tuple[str, str, Sequence[Mapping[str, Any]]] | None = None

    def celwaarden(self) -> list[list[Any]]:
        return [[exportwaarde(rij.get(k.sleutel), k) for k in self.kolommen] for rij in self.rijen]


def exportwaarde(waarde: Any, kolom: Kolom) -> Any:
    """The value as written to CSV/Excel: euros for eurocents, suppressed cells as text."""
    if waarde is None or isinstance(waarde, str):
        return "" if waarde is None else waarde
    if isinstance(waarde, Decimal):
        waarde = float(waarde)
    if isinstance(waarde, (date, datetime)):
        return waarde.isoformat()
    if kolom.soort == "bedrag":
        return round(waarde / 100, 2)
    return waarde


def als_csv(tabel: Tabel) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow([veilige_csv_tekst(_kolomkop(k)) for k in tabel.kolommen])
    for rij in tabel.celwaarden():
        schrijver.writerow([veilige_csv_tekst(w) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def _kolomkop(kolom: Kolom) -> str:
    return f"{kolom.titel} (€)" if kolom.soort == "bedrag" else str(kolom.titel)


def als_xlsx(tabel: Tabel) -> bytes:
    import xlsxwriter

    uit = io.BytesIO()
    boek = xlsxwriter.Workbook(uit, {"in_memory": True, **WERKBOEK_OPTIES})
    blad = boek.add_worksheet(str(tabel.titel)[:31].translate(str.maketrans("[]:*?/\\", "       ")))
    vet = boek.add_format({"bold": True, "bg_color": "#e8eef5", "border": 1})
    euro = boek.add_format({"num_format": "#,##0.00"})
    procent = boek.add_format({"num_format": "0.0%"})
    formaten = {"bedrag": euro, "procent": procent}
    for j, kolom in enumerate(tabel.kolommen):
        blad.write(0, j, _kolomkop(kolom), vet)
        blad.set_column(j, j, max(12, min(40, len(str(kolom.titel)) + 4)))
    for i, rij in enumerate(tabel.celwaarden(), start=1):
        for j, waarde in enumerate(rij):
            blad.write(i, j, waarde, formaten.get(tabel.kolommen[j].soort))
    blad.freeze_panes(1, 0)
    if tabel.bijschrift:
        blad.write(len(tabel.rijen) + 2, 0, str(tabel.bijschrift))
    boek.close()
    return uit.getvalue()


def _bron_xlsx(bron: tuple[str, str, Sequence[Mapping[str, Any]]], taal: str) -> bytes:
    from passend.analysis.uitvoer import als_xlsx

    _rapport, naam, rijen = bron
    return als_xlsx({naam: list(rijen)}, taal=taal)


def _bron_csv(bron: tuple[str, str, Sequence[Mapping[str, Any]]], taal: str) -> bytes:
    from passend.analysis.kolommen import kolom

    _rapport, naam, rijen = bron
    sleutels = list(dict.fromkeys(k for rij in rijen for k in rij))
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow([veilige_csv_tekst(kolom(k, naam).label(taal)) for k in sleutels])
    for rij in rijen:
        schrijver.writerow([veilige_csv_tekst(_csv_waarde(rij.get(k))) for k in sleutels])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def _csv_waarde(waarde: Any) -> Any:
    if waarde is None:
        return ""
    if isinstance(waarde, (date, datetime)):
        return waarde.isoformat()
    if isinstance(waarde, list | tuple):
        return ", ".join(str(w) for w in waarde)
    return waarde


def export_response(tabellen: Iterable[Tabel], request: HttpRequest) -> HttpResponse | None:
    """The CSV/Excel download asked for with ?export=<tabel>&formaat=csv|xlsx, else None."""
    gevraagd = request.GET.get("export")
    if not gevraagd:
        return None
    tabel = next((t for t in tabellen if t.id == gevraagd), None)
    formaat = request.GET.get("formaat", "csv")
    if tabel is None or formaat not in ("csv", "xlsx"):
        raise Http404("Onbekende tabel of formaat")
    naam = slugify(f"passend-{tabel.id}") or "passend"
    taal = "en" if (getattr(request, "LANGUAGE_CODE", "nl") or "nl").startswith("en") else "nl"
    if formaat == "csv":
        inhoud = _bron_csv(tabel.bron, taal) if tabel.bron else als_csv(tabel)
        response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _bron_xlsx(tabel.bron, taal) if tabel.bron else als_xlsx(tabel),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return response


def tabel_als_dict(tabel: Tabel) -> dict[str, Any]:
    """JSON-safe form, for published reports."""
    return {
        "id": tabel.id,
        "titel": str(tabel.titel),
        "kolommen": [[k.sleutel, str(k.titel), k.soort] for k in tabel.kolommen],
        "rijen": [
            {k.sleutel: _json(rij.get(k.sleutel)) for k in tabel.kolommen} for rij in tabel.rijen
        ],
        "bijschrift": str(tabel.bijschrift),
    }


def tabel_uit_dict(data: Mapping[str, Any]) -> Tabel:
    return Tabel(
        id=data["id"],
        titel=data["titel"],
        kolommen=[Kolom(*k) for k in data["kolommen"]],
        rijen=data["rijen"],
        bijschrift=data.get("bijschrift", ""),
    )


def _json(waarde: Any) -> Any:
    if waarde is None or isinstance(waarde, (str, int, float, bool)):
        return waarde
    if isinstance(waarde, Decimal):
        return float(waarde)
    return str(waarde)
