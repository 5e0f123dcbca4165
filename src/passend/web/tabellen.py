"""Tables on pages: one description for the HTML table, the CSV and the Excel export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from passend.domain import opmaak
from passend.domain.spreadsheet import WERKBOEK_OPTIES, veilige_csv_tekst

#: Cell kinds: tekst, getal, geheel (rounded), bedrag (eurocent in, euro shown), euro, procent
#: (fraction in), dagen, datum, jaartal (no thousands separator)
SOORTEN = (
    "tekst",
    "getal",
    "geheel",
    "bedrag",
    "tarief",
    "euro",
    "procent",
    "dagen",
    "datum",
    "jaartal",
)
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
    if kolom.soort in ("bedrag", "tarief"):
        return round(waarde / 100, 2)
    return waarde


#: CSV styles: Dutch Excel reads ';' between fields and a decimal comma; the international
#: form is ',' and '.'. Both are UTF-8 with a byte-order mark, so Excel reads the accents.
CSV_STIJLEN: Mapping[str, tuple[str, str]] = {"nl": (";", ","), "internationaal": (",", ".")}
#: Decimals of a fractional number in CSV by kind (web or catalogue kind); others get two.
_CSV_DECIMALEN = {"procent": 4, "aandeel": 4, "geheel": 0, "aantal": 0}


def csv_waarde(waarde: Any, soort: str, decimaalteken: str) -> Any:
    """A cell as CSV text: whole numbers as they are, fractions rounded half up (no
    16-digit floats) with the style's decimal sign, dates as ISO, lists joined; text that a
    spreadsheet would read as a formula is made safe (a negative number is not text)."""
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return veilige_csv_tekst(waarde)
    if isinstance(waarde, bool):
        return opmaak.janee(waarde)
    if isinstance(waarde, (date, datetime)):
        return waarde.isoformat()
    if isinstance(waarde, list | tuple):
        return veilige_csv_tekst(", ".join(str(w) for w in waarde))
    if isinstance(waarde, int) or not opmaak.is_getal(waarde):
        return veilige_csv_tekst(waarde)
    tekst = f"{opmaak.rond(waarde, _CSV_DECIMALEN.get(soort, 2)):f}"
    return tekst.replace(".", decimaalteken)


def _csv(koppen: Sequence[str], rijen: Iterable[Sequence[Any]], stijl: str) -> bytes:
    scheiding, _decimaal = CSV_STIJLEN[stijl]
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator="\r\n")
    schrijver.writerow([veilige_csv_tekst(k) for k in koppen])
    schrijver.writerows(rijen)  # cells made safe by csv_waarde
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def als_csv(tabel: Tabel, stijl: str = "nl") -> bytes:
    decimaal = CSV_STIJLEN[stijl][1]
    rijen = (
        [csv_waarde(w, k.soort, decimaal) for w, k in zip(rij, tabel.kolommen, strict=True)]
        for rij in tabel.celwaarden()
    )
    return _csv([_kolomkop(k) for k in tabel.kolommen], rijen, stijl)


def _kolomkop(kolom: Kolom) -> str:
    return f"{kolom.titel} (€)" if kolom.soort in ("bedrag", "tarief") else str(kolom.titel)


def als_xlsx(tabel: Tabel) -> bytes:
    import xlsxwriter

    uit = io.BytesIO()
    boek = xlsxwriter.Workbook(uit, {"in_memory": True, **WERKBOEK_OPTIES})
    blad = boek.add_worksheet(str(tabel.titel)[:31].translate(str.maketrans("[]:*?/\\", "       ")))
    vet = boek.add_format({"bold": True, "bg_color": "#e8eef5", "border": 1})
    euro = boek.add_format({"num_format": "#,##0.00"})
    procent = boek.add_format({"num_format": "0.0%"})
    formaten = {"bedrag": euro, "tarief": euro, "procent": procent}
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


def _bron_csv(
    bron: tuple[str, str, Sequence[Mapping[str, Any]]], taal: str, stijl: str = "nl"
) -> bytes:
    from passend.analysis.kolommen import kolom

    _rapport, naam, rijen = bron
    sleutels = list(dict.fromkeys(k for rij in rijen for k in rij))
    soorten = {k: kolom(k, naam).soort for k in sleutels}
    decimaal = CSV_STIJLEN[stijl][1]

    def kop(k: str) -> str:
        label = kolom(k, naam).label(taal)
        return f"{label} (€)" if soorten[k] in ("eurocent", "tarief", "euro") else label

    def cel(k: str, waarde: Any) -> Any:
        # Amounts in euros with cents, as the page shows them (the report keeps eurocents).
        in_cent = soorten[k] in ("eurocent", "tarief")
        if in_cent and opmaak.is_getal(waarde) and not isinstance(waarde, bool):
            return csv_waarde(Decimal(waarde) / 100, "euro", decimaal)
        return csv_waarde(waarde, soorten[k], decimaal)

    return _csv(
        [kop(k) for k in sleutels],
        ([cel(k, rij.get(k)) for k in sleutels] for rij in rijen),
        stijl,
    )


#: ?formaat= of a table download: Excel, CSV for Dutch Excel, or CSV in the international form.
EXPORTFORMATEN = ("xlsx", "csv", "csv-internationaal")


def smal(tabel: Tabel, kolommen: Sequence[str], titels: Mapping[str, str] | None = None) -> Tabel:
    """The page's view of a table that fits a 1366 px screen: fewer columns, the same rows
    (its download, made from the full table, keeps every column)."""
    bekend = {k.sleutel: k for k in tabel.kolommen}
    gekozen = [bekend[k] if k in bekend else Kolom(k, (titels or {}).get(k, k)) for k in kolommen]
    return replace(tabel, kolommen=gekozen)


def export_response(tabellen: Iterable[Tabel], request: HttpRequest) -> HttpResponse | None:
    """The CSV/Excel download asked for with ?export=<tabel>&formaat=csv|xlsx, else None."""
    gevraagd = request.GET.get("export")
    if not gevraagd:
        return None
    tabel = next((t for t in tabellen if t.id == gevraagd), None)
    formaat = request.GET.get("formaat", "csv")
    if tabel is None or formaat not in EXPORTFORMATEN:
        raise Http404("Onbekende tabel of formaat")
    naam = slugify(f"passend-{tabel.id}") or "passend"
    taal = "en" if (getattr(request, "LANGUAGE_CODE", "nl") or "nl").startswith("en") else "nl"
    if formaat != "xlsx":
        stijl = "internationaal" if formaat == "csv-internationaal" else "nl"
        inhoud = _bron_csv(tabel.bron, taal, stijl) if tabel.bron else als_csv(tabel, stijl)
        response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _bron_xlsx(tabel.bron, taal) if tabel.bron else als_xlsx(tabel),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    extensie = "xlsx" if formaat == "xlsx" else "csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}.{extensie}"'
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
