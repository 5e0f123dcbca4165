"""CSV/Excel import template, for suites that export tables instead of iStandaarden messages.

Three record tables, recognised by their columns (documented in docs/import.md):
toewijzingen, leveringen and declaratieregels. Two reference tables are recognised too:
bevolking (gemeente, jaar, leeftijd, aantal) and aanbieders (agb_code, naam). Columns outside
the template (names, addresses, free text) are never read: they are listed as ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import BinaryIO

from passend.domain.checks import Regel
from passend.domain.elfproef import normaliseer_bsn
from passend.domain.money import als_bedrag_met_dc
from passend.domain.records import (
    ClientGegevens,
    DeclaratieKop,
    Domein,
    Herkomst,
    Kop,
    LeveringRecord,
    Omvang,
    PrestatieRecord,
    Record,
    ToewijzingRecord,
)
from passend.istandaarden.masking import BSN_MASKER
from passend.istandaarden.reader import BerichtInfo, Probleem, Uitkomst

TABEL_EXTENSIES = frozenset({".csv", ".xlsx"})

KLIENT = ["geboortedatum", "geslacht"]
SJABLONEN: dict[str, tuple[list[str], list[str]]] = {
    # soort: (required columns, optional columns)
    "toewijzingen": (
        [
            "domein",
            "gemeentecode",
            "agb_code",
            "bsn",
            "toewijzingnummer",
            "toewijzingsdatum",
            "ingangsdatum",
        ],
        [
            *KLIENT,
            "toewijzingstijd",
            "productcategorie",
            "productcode",
            "einddatum",
            "volume",
            "eenheid",
            "frequentie",
            "budget_eurocent",
            "reden_wijziging",
        ],
    ),
    "leveringen": (
        ["domein", "gemeentecode", "agb_code", "bsn", "begindatum"],
        [
            *KLIENT,
            "toewijzingnummer",
            "productcategorie",
            "productcode",
            "einddatum",
            "reden_beeindiging",
        ],
    ),
    "declaratieregels": (
        [
            "domein",
            "gemeentecode",
            "agb_code",
            "declaratienummer",
            "bsn",
            "referentie",
            "toewijzingnummer",
            "productcategorie",
            "productcode",
            "periode_begin",
            "periode_eind",
            "volume",
            "eenheid",
            "bedrag_eurocent",
            "debet_credit",
        ],
        [
            "tarief_eurocent",
            "vorige_referentie",
            "declaratie_periode_begin",
            "declaratie_periode_eind",
            "declaratie_dagtekening",
        ],
    ),
}
REFERENTIE_SJABLONEN = {
    "bevolking": ["gemeente", "jaar", "leeftijd", "aantal"],
    "aanbieders": ["agb_code", "naam"],
}


class Rijfout(ValueError):
    def __init__(self, kolom: str, melding: str) -> None:
        super().__init__(melding)
        self.kolom = kolom


@dataclass
class TabelLezing:
    info: BerichtInfo
    uitkomsten: Iterator[Uitkomst] = field(default_factory=lambda: iter(()))
    referentie: Callable[[], int] | None = None
    genegeerde_kolommen: list[str] = field(default_factory=list)


def _kolomnaam(naam: object) -> str:
    return str(naam or "").strip().lower().replace(" ", "_")


def _rijen(bestand: str, stream: BinaryIO) -> tuple[list[str], Iterator[list[str]]]:
    if bestand.lower().endswith(".xlsx"):
        return _excel_rijen(stream)
    tekst = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    eerste = tekst.readline()
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    kop = next(csv.reader([eerste], delimiter=scheiding), [])
    return [_kolomnaam(k) for k in kop], csv.reader(tekst, delimiter=scheiding)


def _excel_rijen(stream: BinaryIO) -> tuple[list[str], Iterator[list[str]]]:
    from openpyxl import load_workbook

    werkboek = load_workbook(io.BytesIO(stream.read()), read_only=True, data_only=True)
    rijen = werkboek.worksheets[0].iter_rows(values_only=True)
    kop = [_kolomnaam(k) for k in next(rijen, ())]
    return kop, ([_cel(c) for c in rij] for rij in rijen)


def _cel(waarde: object) -> str:
    if isinstance(waarde, datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return "" if waarde is None else str(waarde)


def soort_tabel(kolommen: list[str]) -> str | None:
    for soort, (verplicht, _) in SJABLONEN.items():
        if set(verplicht) <= set(kolommen):
            return soort
    for soort, verplicht in REFERENTIE_SJABLONEN.items():
        if set(verplicht) <= set(kolommen):
            return soort
    return None


def lees_tabel(bestand: str, stream: BinaryIO) -> TabelLezing:
    kolommen, rijen = _rijen(bestand, stream)
    soort = soort_tabel(kolommen)
    if soort is None:
        return _onbekende_tabel(bestand, kolommen)
    info = BerichtInfo(bestand=bestand, berichttype=f"CSV-{soort.upper()}")
    if soort in REFERENTIE_SJABLONEN:
        from passend.imports.reference_tables import schrijf_referentietabel

        dicts = (dict(zip(kolommen, rij, strict=False)) for rij in rijen)
        return TabelLezing(info, referentie=lambda: schrijf_referentietabel(soort, dicts))
    verplicht, optioneel = SJABLONEN[soort]
    bekend = set(verplicht) | set(optioneel)
    genegeerd = [k for k in kolommen if k and k not in bekend]
    uitkomsten = _uitkomsten(info, soort, kolommen, rijen)
    return TabelLezing(info, uitkomsten, genegeerde_kolommen=genegeerd)


def _onbekende_tabel(bestand: str, kolommen: list[str]) -> TabelLezing:
    info = BerichtInfo(bestand=bestand, berichttype="CSV-ONBEKEND")
    verwacht = "; ".join(f"{s}: {', '.join(v)}" for s, (v, _) in SJABLONEN.items())
    melding = (
        "De kolommen van dit bestand passen bij geen enkel importsjabloon. Verwacht "
        f"(minimaal) — {verwacht}."
    )
    fout = Uitkomst("rij 1", None, [Probleem(Regel.CSV_KOLOM, "rij 1", melding)], lambda: "")
    return TabelLezing(info, iter([fout]))


def _uitkomsten(
    info: BerichtInfo, soort: str, kolommen: list[str], rijen: Iterator[list[str]]
) -> Iterator[Uitkomst]:
    bekend = set(SJABLONEN[soort][0]) | set(SJABLONEN[soort][1])
    for nummer, rij in enumerate(rijen, start=2):
        if not any(cel.strip() for cel in rij):
            continue
        waarden = {k: v.strip() for k, v in zip(kolommen, rij, strict=False) if k in bekend}
        pad = f"rij {nummer}"
        fragment = _fragment(waarden)
        try:
            for record in _records(
                soort, waarden, Herkomst(info.bestand, info.berichttype, "", pad)
            ):
                info.domein = record_domein(record)
                yield Uitkomst(pad, record, [], fragment)
        except Rijfout as fout:
            yield Uitkomst(
                pad,
                None,
                [
                    Probleem(
                        Regel.CSV_WAARDE,
                        f"{pad}/{fout.kolom}",
                        f"Rij {nummer}, kolom '{fout.kolom}': {fout}",
                    )
                ],
                fragment,
            )


def record_domein(record: Record) -> str:
    kop = record.declaratie.kop if isinstance(record, PrestatieRecord) else record.kop
    return kop.domein.value


def _fragment(waarden: dict[str, str]) -> Callable[[], str]:
    veilig = {k: (BSN_MASKER if k == "bsn" else v) for k, v in waarden.items()}
    return lambda: ";".join(f"{k}={v}" for k, v in veilig.items())


# -- parsing of cells -------------------------------------------------------------------------
def _datum(w: dict[str, str], kolom: str, verplicht: bool = False) -> date | None:
    tekst = w.get(kolom, "")
    if not tekst:
        if verplicht:
            raise Rijfout(kolom, "deze datum is verplicht maar leeg.")
        return None
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(tekst[:10], formaat).date()
        except ValueError:
            continue
    raise Rijfout(kolom, f"'{tekst}' is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).")


def _getal(w: dict[str, str], kolom: str, verplicht: bool = False) -> int | None:
    tekst = (
        w.get(kolom, "").replace(".", "").replace(" ", "")
        if kolom.endswith("eurocent")
        else w.get(kolom, "").strip()
    )
    if not tekst:
        if verplicht:
            raise Rijfout(kolom, "dit getal is verplicht maar leeg.")
        return None
    try:
        return int(tekst)
    except ValueError:
        raise Rijfout(kolom, f"'{tekst}' is geen geheel getal.") from None


def _tekst(w: dict[str, str], kolom: str, verplicht: bool = False) -> str | None:
    waarde = w.get(kolom) or None
    if waarde is None and verplicht:
        raise Rijfout(kolom, "deze waarde is verplicht maar leeg.")
    return waarde


def _code(w: dict[str, str], kolom: str, breedte: int) -> str | None:
    waarde = _tekst(w, kolom)
    return waarde.zfill(breedte) if waarde and waarde.isdigit() else waarde


def _domein(w: dict[str, str]) -> Domein:
    waarde = w.get("domein", "").lower()
    if waarde not in ("jeugd", "wmo"):
        raise Rijfout("domein", f"'{w.get('domein', '')}' is geen domein (Jeugd of Wmo).")
    return Domein(waarde)


def _kop(w: dict[str, str], soort: str) -> Kop:
    domein = _domein(w)
    prefix = "JW" if domein is Domein.JEUGD else "WMO"
    nummer = {"toewijzingen": "301", "leveringen": "305", "declaratieregels": "323"}[soort]
    return Kop(
        f"{prefix}{nummer}",
        domein,
        _code(w, "gemeentecode", 4) or "",
        _code(w, "agb_code", 8) or "",
        "",
        None,
    )


def _client(w: dict[str, str]) -> ClientGegevens:
    bsn = normaliseer_bsn(w.get("bsn", "")) or w.get("bsn", "")
    return ClientGegevens(
        bsn=bsn, geboortedatum=_datum(w, "geboortedatum"), geslacht=w.get("geslacht") or None
    )


def _records(soort: str, w: dict[str, str], h: Herkomst) -> list[Record]:
    kop = _kop(w, soort)
    if soort == "toewijzingen":
        return [_toewijzing(kop, w, h)]
    if soort == "leveringen":
        return _leveringen(kop, w, h)
    return [_prestatie(kop, w, h)]


def _toewijzing(kop: Kop, w: dict[str, str], h: Herkomst) -> ToewijzingRecord:
    volume = _getal(w, "volume")
    omvang = None
    if volume is not None:
        omvang = Omvang(volume, _code(w, "eenheid", 2) or "", _tekst(w, "frequentie") or "")
    tijd = _tekst(w, "toewijzingstijd")
    return ToewijzingRecord(
        kop=kop,
        client=_client(w),
        toewijzingnummer=_getal(w, "toewijzingnummer", True) or 0,
        categorie=_code(w, "productcategorie", 2),
        productcode=_tekst(w, "productcode"),
        toewijzingsdatum=_datum(w, "toewijzingsdatum", True),  # type: ignore[arg-type]
        toewijzingstijd=time.fromisoformat(tijd) if tijd else None,
        ingangsdatum=_datum(w, "ingangsdatum", True),  # type: ignore[arg-type]
        einddatum=_datum(w, "einddatum"),
        reden_wijziging=_code(w, "reden_wijziging", 2),
        omvang=omvang,
        budget=_getal(w, "budget_eurocent"),
        herkomst=h,
    )


def _leveringen(kop: Kop, w: dict[str, str], h: Herkomst) -> list[Record]:
    stop_kop = Kop(
        kop.berichttype.replace("305", "307"), kop.domein, kop.gemeente, kop.aanbieder, "", None
    )
    basis = {
        "client": _client(w),
        "toewijzingnummer": _getal(w, "toewijzingnummer"),
        "categorie": _code(w, "productcategorie", 2),
        "productcode": _tekst(w, "productcode"),
        "toewijzing_ingangsdatum": None,
        "begindatum": _datum(w, "begindatum", True),
        "herkomst": h,
    }
    records: list[Record] = [LeveringRecord(kop=kop, soort="start", **basis)]  # type: ignore[arg-type]
    einddatum = _datum(w, "einddatum")
    if einddatum is not None:
        records.append(
            LeveringRecord(
                kop=stop_kop,
                soort="stop",
                einddatum=einddatum,
                reden_beeindiging=_code(w, "reden_beeindiging", 2),
                **basis,
            )
        )  # type: ignore[arg-type]
    return records


def _prestatie(kop: Kop, w: dict[str, str], h: Herkomst) -> PrestatieRecord:
    begin = _datum(w, "periode_begin", True)
    eind = _datum(w, "periode_eind", True)
    bedrag = _getal(w, "bedrag_eurocent", True) or 0
    dc = (w.get("debet_credit") or "D").upper()
    if dc not in ("D", "C"):
        raise Rijfout("debet_credit", f"'{dc}' is geen D (debet) of C (credit).")
    totaal, totaal_dc = als_bedrag_met_dc(bedrag if dc == "D" else -bedrag)
    declaratie = DeclaratieKop(
        kop=kop,
        declaratienummer=_tekst(w, "declaratienummer", True) or "",
        periode_begin=_datum(w, "declaratie_periode_begin") or begin,  # type: ignore[arg-type]
        periode_eind=_datum(w, "declaratie_periode_eind") or eind,  # type: ignore[arg-type]
        dagtekening=_datum(w, "declaratie_dagtekening") or eind,  # type: ignore[arg-type]
        totaal_bedrag=totaal,
        totaal_debet_credit=totaal_dc,
    )
    return PrestatieRecord(
        declaratie=declaratie,
        client=_client(w),
        referentie=_tekst(w, "referentie", True) or "",
        vorige_referentie=_tekst(w, "vorige_referentie"),
        toewijzingnummer=_getal(w, "toewijzingnummer", True) or 0,
        categorie=_code(w, "productcategorie", 2) or "",
        productcode=_tekst(w, "productcode") or "",
        periode_begin=begin,
        periode_eind=eind,  # type: ignore[arg-type]
        volume=_getal(w, "volume", True) or 0,
        eenheid=_code(w, "eenheid", 2) or "",
        tarief=_getal(w, "tarief_eurocent"),
        bedrag=bedrag,
        debet_credit=dc,
        herkomst=h,
    )
