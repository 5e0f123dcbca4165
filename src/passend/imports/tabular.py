"""CSV/Excel import template, for suites that export tables instead of iStandaarden messages.

Three record tables, recognised by their columns (documented in docs/import.md):
toewijzingen, leveringen and declaratieregels. Two reference tables are recognised too:
bevolking (gemeente, jaar, leeftijd, aantal), aanbieders (agb_code, naam) and liggingen
(gemeente or agb, lat, lon). Columns outside
the template (names, addresses, free text) are never read: they are listed as ignored.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, BinaryIO

from passend.domain.checks import Regel, controleer_totaal
from passend.domain.clientoordeel import lees_informant, lees_tevredenheid, lees_zonder_hulp
from passend.domain.elfproef import normaliseer_bsn
from passend.domain.maskering import BSN_MASKER, maskeer_bsn
from passend.domain.money import als_bedrag_met_dc
from passend.domain.opmaak import GeenHeleCenten, lees_cent
from passend.domain.records import (
    ZONDER_KOP,
    AanbiederRecord,
    BestedingsruimteRecord,
    BevolkingRecord,
    ClientenstopRecord,
    ClientGegevens,
    ClientoordeelRecord,
    ContractRecord,
    ContracttariefRecord,
    DeclaratieKop,
    Domein,
    Herkomst,
    Kop,
    LeveringRecord,
    LiggingRecord,
    Omvang,
    PrestatieRecord,
    Record,
    ToekomstplanRecord,
    ToewijzingRecord,
    ZrmMetingRecord,
)
from passend.domain.toekomstplan import lees_domeinen, lees_rol
from passend.domain.zrm import lees_score, lees_zrm_domein
from passend.istandaarden.uitkomst import BerichtInfo, Probleem, Uitkomst

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
            "totaal_eurocent",
            "vorige_referentie",
            "declaratie_periode_begin",
            "declaratie_periode_eind",
            "declaratie_dagtekening",
        ],
    ),
}
#: The contract register (docs/import.md): a party of a contract per row, tariff lines, and
#: the bestedingsruimte per year. Amounts in euros, typed the Dutch way or the English way.
REGISTER_SJABLONEN: dict[str, tuple[list[str], list[str]]] = {
    "contract": (
        [
            "contractnummer",
            "agb",
            "domein",
            "segment",
            "uitvoeringsvariant",
            "ingangsdatum",
            "einddatum",
        ],
        ["gemeente", "regio", "hoofdaannemer_agb", "procedure"],
    ),
    "tarief": (
        ["contractnummer", "productcategorie", "eenheid", "tarief_euro", "geldig_vanaf"],
        ["productcode", "geldig_tot"],
    ),
    "bestedingsruimte": (["contractnummer", "jaar", "bedrag_euro"], []),
    "clientenstop": (["contractnummer", "van"], ["tot", "reden"]),
}
#: The toekomstplan register (docs/import.md): one plan per row, keyed by BSN (pseudonymised
#: on entry), gemeente and datum_plan. The regiehouder is an AGB code or a role, never a name.
PLAN_SJABLONEN: dict[str, tuple[list[str], list[str]]] = {
    "toekomstplan": (
        ["bsn", "gemeente", "datum_plan"],
        ["regiehouder_agb", "regiehouder_rol", "datum_overdracht_gestart", "domeinen"],
    ),
    # One score of the zelfredzaamheidsmatrix per row: client, domain and date, by an
    # aanbieder or (without aanbieder_agb) the gemeente's toegang.
    "zrm": (["bsn", "gemeente", "domein", "datum", "score"], ["aanbieder_agb"]),
    # The client's judgement of a closed traject (CBS outcome criteria 2 and 3.1), delivered
    # by the aanbieder: keyed by BSN, aanbieder and the traject's einddatum, per informant.
    "clientoordeel": (
        ["bsn", "aanbieder_agb", "einddatum"],
        ["informant", "tevredenheid", "zonder_hulp"],
    ),
}
#: Where gemeenten and aanbieders lie (the care landscape's distances): per row a gemeente
#: (CBS code) or an aanbieder (AGB code) with its WGS84 latitude and longitude.
LIGGING_SJABLONEN: dict[str, tuple[list[str], list[str]]] = {
    "ligging": (["lat", "lon"], ["gemeente", "agb"]),
}
REFERENTIE_SJABLONEN = {
    "bevolking": ["gemeente", "jaar", "leeftijd", "aantal"],
    "aanbieders": ["agb_code", "naam"],
}
ALLE_SJABLONEN: dict[str, tuple[list[str], list[str]]] = {
    **SJABLONEN,
    **REGISTER_SJABLONEN,
    **PLAN_SJABLONEN,
    **LIGGING_SJABLONEN,
    **{soort: (kolommen, []) for soort, kolommen in REFERENTIE_SJABLONEN.items()},
}


#: A CSV line longer than this is refused (a row of the template is a few hundred bytes).
MAX_REGEL = 64 * 1024
#: An Excel workbook larger than this is refused (it is read whole into memory).
MAX_EXCEL = 100 << 20
Opener = Callable[[], AbstractContextManager[BinaryIO]]


class Rijfout(ValueError):
    def __init__(self, kolom: str, melding: str) -> None:
        super().__init__(melding)
        self.kolom = kolom


class TabelFout(ValueError):
    """The file cannot be read on (encoding, a line too long, a damaged workbook)."""


@dataclass
class TabelLezing:
    info: BerichtInfo
    uitkomsten: Iterator[Uitkomst] = field(default_factory=lambda: iter(()))
    genegeerde_kolommen: list[str] = field(default_factory=list)
    #: Store keys of the debet prestaties this file declares, for the credit check.
    debets: frozenset[str] = frozenset()


def _kolomnaam(naam: object) -> str:
    return str(naam or "").strip().lower().replace(" ", "_")


def _csv_regels(tekst: io.TextIOWrapper) -> Iterator[str]:
    while regel := tekst.readline(MAX_REGEL + 1):
        if len(regel) > MAX_REGEL:
            raise TabelFout(f"een regel is langer dan {MAX_REGEL // 1024} kB")
        yield regel


@contextmanager
def _rijen(bestand: str, openen: Opener) -> Iterator[tuple[list[str], Iterator[list[str]]]]:
    """The header and the rows of a table; errors while reading on raise TabelFout."""
    with openen() as stream:
        if bestand.lower().endswith(".xlsx"):
            yield _excel_rijen(stream)
            return
        tekst = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        regels = _csv_regels(tekst)
        scheiding, kolommen = kop_van(next(regels, ""))
        yield kolommen, csv.reader(regels, delimiter=scheiding)


def kop_van(eerste: str) -> tuple[str, list[str]]:
    """The delimiter and the column names a CSV's first line sets."""
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    kop = next(csv.reader([eerste], delimiter=scheiding), [])
    return scheiding, [_kolomnaam(k) for k in kop]


def _excel_rijen(stream: BinaryIO) -> tuple[list[str], Iterator[list[str]]]:
    from openpyxl import load_workbook

    inhoud = stream.read(MAX_EXCEL + 1)
    if len(inhoud) > MAX_EXCEL:
        raise TabelFout(f"het Excel-bestand is groter dan {MAX_EXCEL >> 20} MB")
    try:
        werkboek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        rijen = werkboek.worksheets[0].iter_rows(values_only=True)
        kop = [_kolomnaam(k) for k in next(rijen, ())]
    except Exception as fout:  # openpyxl raises many kinds on a damaged workbook
        raise TabelFout("het Excel-bestand is beschadigd of geen .xlsx-werkmap") from fout
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
    sjablonen = SJABLONEN | REGISTER_SJABLONEN | PLAN_SJABLONEN | LIGGING_SJABLONEN
    for soort, (verplicht, _) in sjablonen.items():
        if set(verplicht) <= set(kolommen):
            return soort
    for soort, verplicht in REFERENTIE_SJABLONEN.items():
        if set(verplicht) <= set(kolommen):
            return soort
    return None


def tabelsoort(bestand: str, openen: Opener) -> str | None:
    """The kind of table the file's header names (None: unknown or unreadable), for the
    order in which the pipeline handles its sources."""
    try:
        with _rijen(bestand, openen) as (kolommen, _):
            return soort_tabel(kolommen)
    except (*_LEESFOUTEN, OSError):
        return None


def _onleesbaar(info: BerichtInfo, fout: Exception, rij: int) -> Uitkomst:
    reden = {
        UnicodeDecodeError: "de tekst is geen UTF-8 (sla het bestand op als CSV UTF-8)",
        csv.Error: "de CSV-opmaak klopt niet (bijvoorbeeld een aanhalingsteken dat niet sluit "
        "of een NUL-teken)",
    }.get(type(fout), str(fout) if isinstance(fout, TabelFout) else "onbekende leesfout")
    pad = f"rij {rij}"
    melding = (
        f"Het bestand kon vanaf rij {rij} niet verder worden gelezen: {reden}. Rijen daarvóór "
        "zijn wel verwerkt."
    )
    return Uitkomst(pad, None, [Probleem(Regel.TABEL, pad, melding)])


_LEESFOUTEN = (TabelFout, UnicodeDecodeError, csv.Error)


def lees_tabel(bestand: str, openen: Opener, eerste_rij: int = 2) -> TabelLezing:
    """Read a template table. `bestand` is the masked display name; `openen` opens the file
    (twice for declaratieregels: once to total each declaration, once to read its rows).
    `eerste_rij` numbers the row after the header: a part of a larger table (see
    `tabeldelen`) is read behind the table's header."""
    info = BerichtInfo(bestand=bestand, berichttype="CSV-ONBEKEND")
    try:
        with _rijen(bestand, openen) as (kolommen, _):
            pass
    except _LEESFOUTEN as fout:
        return TabelLezing(info, iter([_onleesbaar(info, fout, 1)]))
    soort = soort_tabel(kolommen)
    if soort is None:
        return _onbekende_tabel(info, kolommen)
    info.berichttype = f"CSV-{soort.upper()}"
    verplicht, optioneel = ALLE_SJABLONEN[soort]
    bekend = set(verplicht) | set(optioneel)
    genegeerd = [k for k in kolommen if k and k not in bekend]
    declaraties = _declaraties(bestand, openen) if soort == "declaratieregels" else {}
    debets = frozenset(s for d in declaraties.values() for s in d.debets)
    uitkomsten = _uitkomsten(info, soort, bestand, openen, declaraties, eerste_rij)
    return TabelLezing(info, uitkomsten, genegeerd, debets)


def _onbekende_tabel(info: BerichtInfo, kolommen: list[str]) -> TabelLezing:
    verwacht = "; ".join(f"{s}: {', '.join(v)}" for s, (v, _) in ALLE_SJABLONEN.items())
    melding = (
        "De kolommen van dit bestand passen bij geen enkel importsjabloon. Verwacht "
        f"(minimaal) — {verwacht}."
    )
    fout = Uitkomst("rij 1", None, [Probleem(Regel.CSV_KOLOM, "rij 1", melding)])
    return TabelLezing(info, iter([fout]))


def _waarden(kolommen: list[str], rij: list[str], bekend: set[str]) -> dict[str, str]:
    return {k: v.strip() for k, v in zip(kolommen, rij, strict=False) if k in bekend}


def _uitkomsten(
    info: BerichtInfo,
    soort: str,
    bestand: str,
    openen: Opener,
    declaraties: dict[str, _Declaratie],
    eerste_rij: int = 2,
) -> Iterator[Uitkomst]:
    bekend = set(ALLE_SJABLONEN[soort][0]) | set(ALLE_SJABLONEN[soort][1])
    nummer = eerste_rij - 1
    try:
        with _rijen(bestand, openen) as (kolommen, rijen):
            for nummer, rij in enumerate(rijen, start=eerste_rij):
                if any(cel.strip() for cel in rij):
                    waarden = _waarden(kolommen, rij, bekend)
                    yield from _rij(info, soort, nummer, waarden, declaraties)
    except _LEESFOUTEN as fout:
        yield _onleesbaar(info, fout, nummer + 1)


def _rij(
    info: BerichtInfo,
    soort: str,
    nummer: int,
    waarden: dict[str, str],
    declaraties: dict[str, _Declaratie],
) -> Iterator[Uitkomst]:
    pad = f"rij {nummer}"
    fragment = _fragment(waarden)
    herkomst = Herkomst(info.bestand, info.berichttype, "", pad)
    groep = _declaratie_sleutel(waarden) if soort == "declaratieregels" else ""
    declaratie = declaraties.get(groep)
    if declaratie is not None and declaratie.fout:
        probleem = Probleem(Regel.TOTAAL, f"{pad}/totaal_eurocent", declaratie.fout)
        yield Uitkomst(pad, None, [probleem], fragment, groep)
        return
    try:
        for record in _records(soort, waarden, herkomst, declaratie):
            if not isinstance(record, ZONDER_KOP):
                info.domein = record_domein(record)
            yield Uitkomst(pad, record, [], fragment, groep)
    except Rijfout as fout:
        probleem = Probleem(
            Regel.CSV_WAARDE, f"{pad}/{fout.kolom}", f"Rij {nummer}, kolom '{fout.kolom}': {fout}"
        )
        yield Uitkomst(pad, None, [probleem], fragment, groep)


def record_domein(record: Record) -> str:
    kop = record.declaratie.kop if isinstance(record, PrestatieRecord) else record.kop  # type: ignore[union-attr]
    return kop.domein.value


def _fragment(waarden: dict[str, str]) -> Callable[[], str]:
    """The row's masked fragment, made only when asked (only quarantined rows need it)."""
    return lambda: ";".join(
        f"{k}={BSN_MASKER if k in ('bsn', 'geboortedatum') else maskeer_bsn(v[:80])}"
        for k, v in waarden.items()
    )


# -- declarations: the group of rows with one declaratienummer ---------------------------------
@dataclass
class _Declaratie:
    """What the first pass learnt of one declaration of a declaratieregels table."""

    som: int = 0
    opgegeven: set[int] = field(default_factory=set)
    begin: date | None = None
    eind: date | None = None
    debets: set[str] = field(default_factory=set)
    fout: str = ""

    @property
    def totaal(self) -> int:
        return next(iter(self.opgegeven)) if len(self.opgegeven) == 1 else self.som


def _declaratie_sleutel(w: dict[str, str]) -> str:
    domein = w.get("domein", "").lower()
    gemeente = _code(w, "gemeentecode", 4) or ""
    agb = _code(w, "agb_code", 8) or ""
    return f"{domein}|{gemeente}|{agb}|{w.get('declaratienummer', '')}"


def _declaraties(bestand: str, openen: Opener) -> dict[str, _Declaratie]:
    """First pass: each declaration's sum, declared total, period and debet references.

    Rows that cannot be read are left out here; the second pass quarantines them.
    """
    groepen: dict[str, _Declaratie] = {}
    bekend = set(ALLE_SJABLONEN["declaratieregels"][0]) | {"totaal_eurocent"}
    try:
        with _rijen(bestand, openen) as (kolommen, rijen):
            for rij in rijen:
                w = _waarden(kolommen, rij, bekend)
                if any(w.values()):
                    _tel_rij(groepen.setdefault(_declaratie_sleutel(w), _Declaratie()), w)
    except _LEESFOUTEN:
        pass  # the second pass reports where reading stopped
    for groep in groepen.values():
        groep.fout = _totaal_fout(groep)
    return groepen


def _tel_rij(groep: _Declaratie, w: dict[str, str]) -> None:
    try:
        bedrag = _getal(w, "bedrag_eurocent", True) or 0
        begin, eind = _datum(w, "periode_begin", True), _datum(w, "periode_eind", True)
        opgegeven = _getal(w, "totaal_eurocent")
    except Rijfout:
        return
    credit = (w.get("debet_credit") or "D").upper() == "C"
    groep.som += -bedrag if credit else bedrag
    if opgegeven is not None:
        groep.opgegeven.add(opgegeven)
    groep.begin = min(filter(None, (groep.begin, begin)), default=None)
    groep.eind = max(filter(None, (groep.eind, eind)), default=None)
    if not credit and w.get("referentie"):
        sleutel = _declaratie_sleutel(w).rsplit("|", 1)[0]
        groep.debets.add(f"{sleutel}|{w['referentie']}")


def _totaal_fout(groep: _Declaratie) -> str:
    if len(groep.opgegeven) > 1:
        waarden = ", ".join(str(t) for t in sorted(groep.opgegeven))
        return (
            f"De rijen van deze declaratie noemen verschillende totalen ({waarden} cent); de "
            "hele declaratie is niet verwerkt."
        )
    bevindingen = controleer_totaal(groep.totaal, groep.som) if groep.opgegeven else []
    if not bevindingen:
        return ""
    return f"{bevindingen[0].melding} De hele declaratie is daarom niet verwerkt."


# -- parsing of cells -------------------------------------------------------------------------
def _datum(w: dict[str, str], kolom: str, verplicht: bool = False) -> date | None:
    tekst = w.get(kolom, "")
    if not tekst:
        if verplicht:
            raise Rijfout(kolom, "deze datum is verplicht maar leeg.")
        return None
    kort = tekst[:10]
    if (
        len(kort) == 10
        and kort.isascii()
        and kort[4] == kort[7] == "-"
        and (kort[:4] + kort[5:7] + kort[8:]).isdigit()
    ):
        try:  # the usual form, without strptime's cost (a third of reading a table)
            return date(int(kort[:4]), int(kort[5:7]), int(kort[8:]))
        except ValueError:
            pass  # e.g. "2021-13-01" or "2021-0a-01": the formats below decide
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


def _records(
    soort: str, w: dict[str, str], h: Herkomst, declaratie: _Declaratie | None
) -> list[Record]:
    if soort == "bevolking":
        return [_bevolking(w, h)]
    if soort == "aanbieders":
        return [_aanbieder(w, h)]
    if soort == "ligging":
        return [_ligging(w, h)]
    if soort in REGISTER_SJABLONEN:
        return [_REGISTER[soort](w, h)]
    if soort == "toekomstplan":
        return [_toekomstplan(w, h)]
    if soort == "zrm":
        return [_zrm_meting(w, h)]
    if soort == "clientoordeel":
        return [_clientoordeel(w, h)]
    kop = _kop(w, soort)
    if soort == "toewijzingen":
        return [_toewijzing(kop, w, h)]
    if soort == "leveringen":
        return _leveringen(kop, w, h)
    return [_prestatie(kop, w, h, declaratie)]


def _bevolking(w: dict[str, str], h: Herkomst) -> BevolkingRecord:
    gemeente = w.get("gemeente", "").removeprefix("GM").removeprefix("gm")
    if not gemeente.isdigit():
        raise Rijfout("gemeente", f"'{gemeente}' is geen gemeentecode (zoals 0505 of GM0505).")
    jaar = _getal({"jaar": w.get("jaar", "")[:4]}, "jaar", True) or 0
    return BevolkingRecord(
        gemeente=gemeente.zfill(4),
        jaar=jaar,
        leeftijd=_getal(w, "leeftijd", True) or 0,
        aantal=_getal(w, "aantal", True) or 0,
        herkomst=h,
    )


def _graden(w: dict[str, str], kolom: str) -> float:
    tekst = (w.get(kolom) or "").strip().replace(",", ".")
    try:
        waarde = float(tekst)
    except ValueError:
        raise Rijfout(kolom, f"'{tekst[:20]}' is geen getal in graden (zoals 51,81).") from None
    if not math.isfinite(waarde):
        raise Rijfout(kolom, f"'{tekst[:20]}' is geen getal in graden (zoals 51,81).")
    return round(waarde, 6)


def _ligging(w: dict[str, str], h: Herkomst) -> LiggingRecord:
    gemeente = (w.get("gemeente") or "").strip().upper().removeprefix("GM")
    agb = (w.get("agb") or "").strip()
    if bool(gemeente) == bool(agb):
        raise Rijfout("gemeente", "vul per rij óf een gemeentecode óf een AGB-code in.")
    if gemeente:
        soort, code = "gemeente", _gemeentecode({"gemeente": gemeente})
    else:
        if not (agb.isdigit() and len(agb) <= 8):
            raise Rijfout("agb", f"'{agb[:20]}' is geen AGB-code (8 cijfers).")
        soort, code = "aanbieder", agb.zfill(8)
    return LiggingRecord(soort, code, _graden(w, "lat"), _graden(w, "lon"), herkomst=h)


def _aanbieder(w: dict[str, str], h: Herkomst) -> AanbiederRecord:
    agb = _code(w, "agb_code", 8) or ""
    if not (agb.isdigit() and len(agb) == 8):
        raise Rijfout("agb_code", f"'{agb}' is geen AGB-code (8 cijfers).")
    return AanbiederRecord(agb=agb, naam=(_tekst(w, "naam", True) or "")[:200], herkomst=h)


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


def _prestatie(
    kop: Kop, w: dict[str, str], h: Herkomst, groep: _Declaratie | None
) -> PrestatieRecord:
    begin = _datum(w, "periode_begin", True)
    eind = _datum(w, "periode_eind", True)
    bedrag = _getal(w, "bedrag_eurocent", True) or 0
    dc = (w.get("debet_credit") or "D").upper()
    if dc not in ("D", "C"):
        raise Rijfout("debet_credit", f"'{dc}' is geen D (debet) of C (credit).")
    eigen = bedrag if dc == "D" else -bedrag
    totaal, totaal_dc = als_bedrag_met_dc(groep.totaal if groep is not None else eigen)
    periode_begin = _datum(w, "declaratie_periode_begin") or (groep and groep.begin) or begin
    periode_eind = _datum(w, "declaratie_periode_eind") or (groep and groep.eind) or eind
    declaratie = DeclaratieKop(
        kop=kop,
        declaratienummer=_tekst(w, "declaratienummer", True) or "",
        periode_begin=periode_begin,  # type: ignore[arg-type]
        periode_eind=periode_eind,  # type: ignore[arg-type]
        dagtekening=_datum(w, "declaratie_dagtekening") or periode_eind,  # type: ignore[arg-type]
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
        periode_begin=begin,  # type: ignore[arg-type]
        periode_eind=eind,  # type: ignore[arg-type]
        volume=_getal(w, "volume", True) or 0,
        eenheid=_code(w, "eenheid", 2) or "",
        tarief=_getal(w, "tarief_eurocent"),
        bedrag=bedrag,
        debet_credit=dc,
        herkomst=h,
    )


# -- the contract register ---------------------------------------------------------------------
def _agb(w: dict[str, str], kolom: str, verplicht: bool = True) -> str:
    agb = _code(w, kolom, 8) or ""
    if not agb and not verplicht:
        return ""
    if not (agb.isdigit() and len(agb) == 8):
        raise Rijfout(kolom, f"'{agb[:20]}' is geen AGB-code (8 cijfers).")
    return agb


def _contractnummer(w: dict[str, str]) -> str:
    nummer = _tekst(w, "contractnummer", True) or ""
    if len(nummer) > 40:
        raise Rijfout("contractnummer", "een contractnummer is ten hoogste 40 tekens.")
    return nummer


def _cent(w: dict[str, str], kolom: str) -> int:
    tekst = _tekst(w, kolom, True) or ""
    try:
        cent = lees_cent(tekst)
    except GeenHeleCenten:
        raise Rijfout(kolom, f"'{tekst[:30]}' is geen bedrag in hele centen.") from None
    except ValueError:
        raise Rijfout(kolom, f"'{tekst[:30]}' is geen bedrag in euro's.") from None
    if abs(cent) >= 10**15:
        raise Rijfout(kolom, f"'{tekst[:30]}' is te groot.")
    return cent


def _contract(w: dict[str, str], h: Herkomst) -> ContractRecord:
    gemeente = (w.get("gemeente") or "").upper().removeprefix("GM")
    if gemeente and not gemeente.isdigit():
        raise Rijfout("gemeente", f"'{gemeente[:20]}' is geen gemeentecode (zoals 0505).")
    segment = _tekst(w, "segment", True) or ""
    if len(segment) > 20:
        raise Rijfout("segment", "een segmentcode is ten hoogste 20 tekens.")
    return ContractRecord(
        contractnummer=_contractnummer(w),
        agb=_agb(w, "agb"),
        hoofdaannemer=_agb(w, "hoofdaannemer_agb", verplicht=False),
        gemeente=gemeente.zfill(4) if gemeente else None,
        regio=(w.get("regio") or "")[:100] or None,
        domein=(w.get("domein") or "").lower(),
        segment=segment,
        uitvoeringsvariant=(w.get("uitvoeringsvariant") or "").lower(),
        procedure=(w.get("procedure") or "").lower(),
        ingangsdatum=_datum(w, "ingangsdatum", True),  # type: ignore[arg-type]
        einddatum=_datum(w, "einddatum"),
        herkomst=h,
    )


def _contracttarief(w: dict[str, str], h: Herkomst) -> ContracttariefRecord:
    code = _tekst(w, "productcode")
    if code is not None and len(code) > 5:
        raise Rijfout("productcode", "een productcode is ten hoogste 5 tekens.")
    return ContracttariefRecord(
        contractnummer=_contractnummer(w),
        categorie=_code(w, "productcategorie", 2) or "",
        productcode=code,
        eenheid=_code(w, "eenheid", 2) or "",
        tarief_cent=_cent(w, "tarief_euro"),
        geldig_vanaf=_datum(w, "geldig_vanaf", True),  # type: ignore[arg-type]
        geldig_tot=_datum(w, "geldig_tot"),
        herkomst=h,
    )


def _bestedingsruimte(w: dict[str, str], h: Herkomst) -> BestedingsruimteRecord:
    return BestedingsruimteRecord(
        contractnummer=_contractnummer(w),
        jaar=_getal({"jaar": w.get("jaar", "")[:4]}, "jaar", True) or 0,
        bedrag_cent=_cent(w, "bedrag_euro"),
        herkomst=h,
    )


def _clientenstop(w: dict[str, str], h: Herkomst) -> ClientenstopRecord:
    return ClientenstopRecord(
        contractnummer=_contractnummer(w),
        van=_datum(w, "van", True),  # type: ignore[arg-type]
        tot=_datum(w, "tot"),
        reden=(w.get("reden") or "").strip().lower()[:40],
        herkomst=h,
    )


_REGISTER: dict[str, Callable[[dict[str, str], Herkomst], Record]] = {
    "contract": _contract,
    "tarief": _contracttarief,
    "bestedingsruimte": _bestedingsruimte,
    "clientenstop": _clientenstop,
}


# -- the toekomstplan register and the ZRM scores ---------------------------------------------
def _gemeentecode(w: dict[str, str]) -> str:
    gemeente = (w.get("gemeente") or "").upper().removeprefix("GM")
    if not gemeente.isdigit() or len(gemeente) > 4:
        raise Rijfout("gemeente", f"'{gemeente[:20]}' is geen gemeentecode (zoals 0505).")
    return gemeente.zfill(4)


def _keuze(w: dict[str, str], kolom: str, lees: Callable[[str], Any]) -> Any:
    """`lees` of the cell in `kolom`; its ValueError becomes the row's finding there."""
    try:
        return lees(w.get(kolom, ""))
    except ValueError as fout:
        raise Rijfout(kolom, str(fout)) from None


def _toekomstplan(w: dict[str, str], h: Herkomst) -> ToekomstplanRecord:
    return ToekomstplanRecord(
        client=_client(w),
        gemeente=_gemeentecode(w),
        datum_plan=_datum(w, "datum_plan", True),  # type: ignore[arg-type]
        regiehouder_agb=_agb(w, "regiehouder_agb", verplicht=False),
        regiehouder_rol=_keuze(w, "regiehouder_rol", lees_rol),
        datum_overdracht_gestart=_datum(w, "datum_overdracht_gestart"),
        domeinen=_keuze(w, "domeinen", lees_domeinen),
        herkomst=h,
    )


def _zrm_meting(w: dict[str, str], h: Herkomst) -> ZrmMetingRecord:
    return ZrmMetingRecord(
        client=_client(w),
        gemeente=_gemeentecode(w),
        domein=_keuze(w, "domein", lees_zrm_domein),
        datum=_datum(w, "datum", True),  # type: ignore[arg-type]
        score=_keuze(w, "score", lees_score),
        aanbieder_agb=_agb(w, "aanbieder_agb", verplicht=False),
        herkomst=h,
    )


def _clientoordeel(w: dict[str, str], h: Herkomst) -> ClientoordeelRecord:
    return ClientoordeelRecord(
        client=_client(w),
        aanbieder_agb=_agb(w, "aanbieder_agb"),
        einddatum=_datum(w, "einddatum", True),  # type: ignore[arg-type]
        informant=_keuze(w, "informant", lees_informant),
        tevredenheid=_keuze(w, "tevredenheid", lees_tevredenheid),
        zonder_hulp=_keuze(w, "zonder_hulp", lees_zonder_hulp),
        herkomst=h,
    )
