"""Semantic checks on records: the rules beyond the XSD.

Each check returns `Bevinding`s: a stable rule code, the element concerned and a plain-Dutch
sentence for the person who has to fix the source data. Values of the BSN are never echoed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date

from passend.domain.clientenstop import STOPREDENEN
from passend.domain.codelists import LIJST_PER_VELD, Codelijsten
from passend.domain.elfproef import is_geldig_bsn
from passend.domain.money import verwacht_bedrag
from passend.domain.records import (
    AanbiederRecord,
    BestedingsruimteRecord,
    BevolkingRecord,
    ClientenstopRecord,
    ClientGegevens,
    ClientoordeelRecord,
    ContractRecord,
    ContracttariefRecord,
    Declaratieantwoord,
    Kop,
    LeveringRecord,
    LiggingRecord,
    PrestatieRecord,
    Record,
    ToekomstplanRecord,
    ToewijzingRecord,
    ZrmMetingRecord,
)
from passend.domain.uitvoeringsvariant import einddatum_verplicht, vulling_van


class Regel:
    """Stable rule codes, shown to users next to the Dutch explanation."""

    XML = "XML-ONLEESBAAR"
    ONBEKEND_BERICHT = "ONBEKEND-BERICHTTYPE"
    ELFPROEF = "ELFPROEF"
    CODELIJST = "CODELIJST"
    GEMEENTE = "GEMEENTE-ONBEKEND"
    DATUMVOLGORDE = "DATUMVOLGORDE"
    EINDDATUM_VERPLICHT = "EINDDATUM-VERPLICHT"
    PERIODE = "PERIODE-BUITEN-DECLARATIE"
    REKENKUNDE = "REKENKUNDE"
    TOTAAL = "TOTAAL"
    DUPLICAAT_BERICHT = "DUPLICAAT-BERICHT"
    DUPLICAAT_SLEUTEL = "DUPLICAAT-SLEUTEL"
    CSV_KOLOM = "CSV-KOLOM"
    CSV_WAARDE = "CSV-WAARDE"
    ONVOLLEDIG = "RECORD-ONVOLLEDIG"
    XSD_MEER = "XSD-MEER-FOUTEN"
    CREDIT_ZONDER_DEBET = "CREDIT-ZONDER-DEBET"
    VERWIJDERING_ZONDER_ORIGINEEL = "VERWIJDERING-ZONDER-ORIGINEEL"
    BESTANDSTYPE = "BESTANDSTYPE-ONBEKEND"
    ZIP = "ZIP-ONLEESBAAR"
    BESTAND = "BESTAND-ONLEESBAAR"
    TABEL = "TABEL-ONLEESBAAR"
    VERWERKING = "VERWERKING-MISLUKT"
    CONTRACT = "CONTRACT"
    CONTRACT_ONBEKEND = "CONTRACT-ONBEKEND"


@dataclass(frozen=True)
class Bevinding:
    regel: str
    element: str
    melding: str


@dataclass(frozen=True)
class Context:
    codelijsten: Codelijsten
    gemeentecodes: Collection[str]
    #: Jeugdregio names a contract may be made for.
    regionamen: Collection[str] = ()


def _client(client: ClientGegevens) -> Iterator[Bevinding]:
    if not is_geldig_bsn(client.bsn):
        yield Bevinding(
            Regel.ELFPROEF,
            "Bsn",
            "Het BSN voldoet niet aan de elfproef; het record is niet verwerkt.",
        )


def _kop(kop: Kop, ctx: Context) -> Iterator[Bevinding]:
    if kop.gemeente not in ctx.gemeentecodes:
        yield Bevinding(
            Regel.GEMEENTE,
            "Gemeente",
            f"Gemeentecode {kop.gemeente} komt niet voor in de lijst van gemeenten.",
        )


def _code(
    ctx: Context, kop: Kop, veld: str, element: str, code: str | None, op: date | None
) -> Iterator[Bevinding]:
    if not code:
        return
    naam = LIJST_PER_VELD[(kop.domein, veld)]
    if not ctx.codelijsten.bevat(naam, code, op):
        yield Bevinding(
            Regel.CODELIJST, element, f"Code '{code}' in {element} staat niet in codelijst {naam}."
        )


def _volgorde(element: str, begin: date, eind: date | None, wat: str) -> Iterator[Bevinding]:
    if eind is not None and eind < begin:
        yield Bevinding(
            Regel.DATUMVOLGORDE,
            element,
            f"De einddatum ({eind:%d-%m-%Y}) ligt vóór de {wat} ({begin:%d-%m-%Y}).",
        )


def controleer_toewijzing(r: ToewijzingRecord, ctx: Context) -> list[Bevinding]:
    op = r.ingangsdatum
    omvang = r.omvang
    bevindingen = [
        *_client(r.client),
        *_kop(r.kop, ctx),
        *_code(ctx, r.kop, "categorie", "Product/Categorie", r.categorie, op),
        *_code(ctx, r.kop, "reden_wijziging", "RedenWijziging", r.reden_wijziging, op),
        *_volgorde("Einddatum", r.ingangsdatum, r.einddatum, "ingangsdatum"),
    ]
    if omvang is not None:
        bevindingen += [
            *_code(ctx, r.kop, "eenheid", "Omvang/Eenheid", omvang.eenheid, op),
            *_code(ctx, r.kop, "frequentie", "Omvang/Frequentie", omvang.frequentie, op),
        ]
    if r.einddatum is None and einddatum_verplicht(vulling_van(r)):
        bevindingen.append(
            Bevinding(
                Regel.EINDDATUM_VERPLICHT,
                "Einddatum",
                "Deze toewijzingsvariant (per week, of aspecifiek met budget) vereist een "
                "einddatum.",
            )
        )
    return bevindingen


def controleer_levering(r: LeveringRecord, ctx: Context) -> list[Bevinding]:
    op = r.begindatum
    return [
        *_client(r.client),
        *_kop(r.kop, ctx),
        *_code(ctx, r.kop, "categorie", "Product/Categorie", r.categorie, op),
        *_code(
            ctx,
            r.kop,
            "reden_beeindiging",
            "RedenBeeindiging",
            r.reden_beeindiging,
            r.einddatum or op,
        ),
        *_volgorde("Einddatum", r.begindatum, r.einddatum, "begindatum"),
    ]


def controleer_prestatie(r: PrestatieRecord, ctx: Context) -> list[Bevinding]:
    kop, decl = r.declaratie.kop, r.declaratie
    bevindingen = [
        *_client(r.client),
        *_kop(kop, ctx),
        *_code(ctx, kop, "categorie", "ProductCategorie", r.categorie, r.periode_begin),
        *_code(ctx, kop, "eenheid", "Eenheid", r.eenheid, r.periode_begin),
        *_volgorde(
            "ProductPeriode/Einddatum",
            r.periode_begin,
            r.periode_eind,
            "begindatum van de productperiode",
        ),
    ]
    # A correction (the credit of an earlier prestatie and its corrected debet, both with a
    # VorigReferentieNummer) keeps the period of the prestatie it corrects.
    correctie = r.vorige_referentie is not None
    buiten = r.periode_begin < decl.periode_begin or r.periode_eind > decl.periode_eind
    if buiten and not correctie:
        bevindingen.append(
            Bevinding(
                Regel.PERIODE,
                "ProductPeriode",
                f"De productperiode ({r.periode_begin:%d-%m-%Y} t/m "
                f"{r.periode_eind:%d-%m-%Y}) valt niet binnen de declaratieperiode "
                f"({decl.periode_begin:%d-%m-%Y} t/m "
                f"{decl.periode_eind:%d-%m-%Y}).",
            )
        )
    if r.debet_credit == "C" and not r.vorige_referentie:
        bevindingen.append(
            Bevinding(
                Regel.CREDIT_ZONDER_DEBET,
                "ProductReferentie/VorigReferentieNummer",
                "Een creditregel moet in VorigReferentieNummer (vorige_referentie) het "
                "ReferentieNummer noemen van de debetregel die wordt gecrediteerd.",
            )
        )
    verwacht = verwacht_bedrag(r.volume, r.tarief, r.eenheid)
    if verwacht is not None and verwacht != r.bedrag:
        bevindingen.append(
            Bevinding(
                Regel.REKENKUNDE,
                "IngediendBedrag",
                f"Het ingediende bedrag ({r.bedrag} cent) is niet gelijk aan geleverd volume × "
                f"tarief ({r.volume} × {r.tarief} = {verwacht} cent).",
            )
        )
    return bevindingen


def controleer_totaal(gedeclareerd: int, berekend: int) -> list[Bevinding]:
    """Declared total (signed) against the sum of its prestaties (signed), in eurocents."""
    if gedeclareerd == berekend:
        return []
    return [
        Bevinding(
            Regel.TOTAAL,
            "TotaalIngediendBedrag",
            f"Het totaal ingediende bedrag ({gedeclareerd} cent) is niet gelijk aan de som van de "
            f"prestaties ({berekend} cent).",
        )
    ]


def controleer_antwoord(a: Declaratieantwoord, ctx: Context) -> list[Bevinding]:
    """A declaratieantwoord adds up: granted = submitted − the rejected prestaties it lists,
    or nothing granted and nothing listed (the whole declaratie rejected)."""
    if a.kop.gemeente not in ctx.gemeentecodes:
        return [
            Bevinding(
                Regel.GEMEENTE,
                "Afzender",
                f"Gemeentecode {a.kop.gemeente} komt niet voor in de lijst van gemeenten.",
            )
        ]
    afgewezen = sum(p.bedrag for p in a.afgewezen)
    if a.toegekend == a.ingediend - afgewezen or a.geheel_afgewezen:
        return []
    return [
        Bevinding(
            Regel.TOTAAL,
            "TotaalToegekendBedrag",
            f"Het toegekende bedrag ({a.toegekend} cent) is niet gelijk aan het ingediende "
            f"bedrag ({a.ingediend} cent) min de afgewezen prestaties ({afgewezen} cent). Het "
            "antwoord is niet verwerkt.",
        )
    ]


def controleer_bevolking(r: BevolkingRecord, ctx: Context) -> list[Bevinding]:
    if r.gemeente in ctx.gemeentecodes:
        return []
    return [
        Bevinding(
            Regel.GEMEENTE,
            "gemeente",
            f"Gemeentecode {r.gemeente} komt niet voor in de lijst van gemeenten.",
        )
    ]


#: The box a location in the Netherlands lies in (WGS84 degrees, with a margin).
NEDERLAND_LAT = (50.7, 53.7)
NEDERLAND_LON = (3.2, 7.3)


def controleer_ligging(r: LiggingRecord, ctx: Context) -> list[Bevinding]:
    fouten = []
    if r.soort == "gemeente" and r.code not in ctx.gemeentecodes:
        fouten.append(
            Bevinding(
                Regel.GEMEENTE,
                "gemeente",
                f"Gemeentecode {r.code} komt niet voor in de lijst van gemeenten.",
            )
        )
    for naam, waarde, (laag, hoog) in (
        ("lat", r.lat, NEDERLAND_LAT),
        ("lon", r.lon, NEDERLAND_LON),
    ):
        if not laag <= waarde <= hoog:
            fouten.append(
                Bevinding(
                    Regel.CSV_WAARDE,
                    naam,
                    f"{waarde:g} ligt niet in Nederland ({naam} tussen {laag:g} en {hoog:g} "
                    "graden, WGS84).",
                )
            )
    return fouten


UITVOERINGSVARIANTEN = ("inspanningsgericht", "outputgericht", "taakgericht")
PROCEDURES = ("open-house", "sas-emvi", "dialoog", "onderhands", "overig")


def _contractfout(element: str, melding: str) -> Bevinding:
    return Bevinding(Regel.CONTRACT, element, melding)


def controleer_contract(r: ContractRecord, ctx: Context) -> list[Bevinding]:
    """The rules of a contract row, for the import and the register editor alike."""
    fouten = []
    if bool(r.gemeente) == bool(r.regio):
        fouten.append(_contractfout("gemeente", "Vul precies één van gemeente of regio in."))
    elif r.gemeente and r.gemeente not in ctx.gemeentecodes:
        fouten.append(
            Bevinding(
                Regel.GEMEENTE,
                "gemeente",
                f"Gemeentecode {r.gemeente} komt niet voor in de lijst van gemeenten.",
            )
        )
    elif r.regio and r.regio not in ctx.regionamen:
        fouten.append(_contractfout("regio", f"'{r.regio[:60]}' is geen jeugdregio."))
    if r.domein not in ("jeugd", "wmo"):
        fouten.append(_contractfout("domein", f"'{r.domein[:20]}' is geen domein (Jeugd of Wmo)."))
    if r.uitvoeringsvariant not in UITVOERINGSVARIANTEN:
        fouten.append(
            _contractfout(
                "uitvoeringsvariant",
                f"'{r.uitvoeringsvariant[:30]}' is geen uitvoeringsvariant (kies "
                + ", ".join(UITVOERINGSVARIANTEN)
                + ").",
            )
        )
    if r.procedure and r.procedure not in PROCEDURES:
        fouten.append(
            _contractfout(
                "procedure",
                f"'{r.procedure[:30]}' is geen procedure (kies " + ", ".join(PROCEDURES) + ").",
            )
        )
    if not r.segment:
        fouten.append(_contractfout("segment", "Het segment (perceel) is verplicht."))
    if r.einddatum is not None and r.einddatum < r.ingangsdatum:
        fouten.append(
            Bevinding(Regel.DATUMVOLGORDE, "einddatum", "De einddatum ligt vóór de ingangsdatum.")
        )
    return fouten


def controleer_contracttarief(r: ContracttariefRecord, _ctx: Context) -> list[Bevinding]:
    fouten = []
    if r.tarief_cent < 0:
        fouten.append(_contractfout("tarief_euro", "Een tarief kan niet negatief zijn."))
    if not (r.categorie.isdigit() and len(r.categorie) == 2):
        fouten.append(
            _contractfout("productcategorie", "De productcategorie is een code van twee cijfers.")
        )
    if not (r.eenheid.isdigit() and len(r.eenheid) == 2):
        fouten.append(_contractfout("eenheid", "De eenheid is een code van twee cijfers."))
    if r.geldig_tot is not None and r.geldig_tot < r.geldig_vanaf:
        fouten.append(
            Bevinding(Regel.DATUMVOLGORDE, "geldig_tot", "'Geldig tot' ligt vóór 'geldig vanaf'.")
        )
    return fouten


def controleer_bestedingsruimte(r: BestedingsruimteRecord, _ctx: Context) -> list[Bevinding]:
    fouten = []
    if r.bedrag_cent < 0:
        fouten.append(_contractfout("bedrag_euro", "Een bestedingsruimte kan niet negatief zijn."))
    if not 2000 <= r.jaar <= 2100:
        fouten.append(_contractfout("jaar", f"{r.jaar} is geen geldig jaar."))
    return fouten


def controleer_clientenstop(r: ClientenstopRecord, _ctx: Context) -> list[Bevinding]:
    fouten = []
    if r.tot is not None and r.tot < r.van:
        fouten.append(_contractfout("tot", "De stop eindigt vóór hij begint."))
    if not 2000 <= r.van.year <= 2100:
        fouten.append(_contractfout("van", f"{r.van.year} is geen geldig jaar."))
    if r.reden and r.reden not in STOPREDENEN:
        fouten.append(
            _contractfout(
                "reden",
                f"'{r.reden[:30]}' is geen reden van een cliëntenstop (kies uit "
                + ", ".join(STOPREDENEN)
                + ").",
            )
        )
    return fouten


def _gemeente_bekend(gemeente: str, ctx: Context) -> Iterator[Bevinding]:
    """A gemeente named by a register row (not by a message header) must exist."""
    if gemeente not in ctx.gemeentecodes:
        yield Bevinding(
            Regel.GEMEENTE,
            "gemeente",
            f"Gemeentecode {gemeente} komt niet voor in de lijst van gemeenten.",
        )


def controleer_toekomstplan(r: ToekomstplanRecord, ctx: Context) -> list[Bevinding]:
    """The rules of a toekomstplan, for the import and the web editor alike."""
    fouten = [*_client(r.client), *_gemeente_bekend(r.gemeente, ctx)]
    if r.datum_overdracht_gestart is not None and r.datum_overdracht_gestart.year < 2000:
        fouten.append(
            Bevinding(
                Regel.DATUMVOLGORDE,
                "datum_overdracht_gestart",
                "De overdracht kan niet vóór 2000 zijn begonnen.",
            )
        )
    if r.datum_plan.year < 2000:
        fouten.append(
            Bevinding(
                Regel.DATUMVOLGORDE, "datum_plan", "Een plan van vóór 2000 is onwaarschijnlijk."
            )
        )
    return fouten


def controleer_zrm_meting(r: ZrmMetingRecord, ctx: Context) -> list[Bevinding]:
    """The rules of a ZRM score: a valid BSN, a known gemeente, a plausible date."""
    fouten = [*_client(r.client), *_gemeente_bekend(r.gemeente, ctx)]
    if r.datum.year < 2000:
        fouten.append(
            Bevinding(Regel.DATUMVOLGORDE, "datum", "Een meting van vóór 2000 is onwaarschijnlijk.")
        )
    return fouten


def controleer_clientoordeel(r: ClientoordeelRecord, _ctx: Context) -> list[Bevinding]:
    """The rules of a client's judgement: a valid BSN, a plausible date, an answer."""
    fouten = list(_client(r.client))
    if r.einddatum.year < 2000:
        fouten.append(
            Bevinding(
                Regel.DATUMVOLGORDE,
                "einddatum",
                "Een traject dat vóór 2000 eindigde is onwaarschijnlijk.",
            )
        )
    if r.tevredenheid is None and not r.zonder_hulp:
        fouten.append(
            Bevinding(
                Regel.CSV_WAARDE,
                "tevredenheid",
                "Geen antwoord: vul tevredenheid (1-10) of zonder_hulp (01-04) in.",
            )
        )
    return fouten


_CHECKS: dict[type, Callable[..., list[Bevinding]]] = {
    ToewijzingRecord: controleer_toewijzing,
    LeveringRecord: controleer_levering,
    PrestatieRecord: controleer_prestatie,
    BevolkingRecord: controleer_bevolking,
    AanbiederRecord: lambda _r, _ctx: [],
    LiggingRecord: controleer_ligging,
    ContractRecord: controleer_contract,
    ContracttariefRecord: controleer_contracttarief,
    BestedingsruimteRecord: controleer_bestedingsruimte,
    ClientenstopRecord: controleer_clientenstop,
    ToekomstplanRecord: controleer_toekomstplan,
    ZrmMetingRecord: controleer_zrm_meting,
    ClientoordeelRecord: controleer_clientoordeel,
}


def controleer(record: Record, ctx: Context) -> list[Bevinding]:
    """All semantic findings for one record (empty when it may be stored)."""
    check = _CHECKS.get(type(record))
    if check is not None:
        return check(record, ctx)
    kop = getattr(record, "kop", None)
    client = getattr(record, "client", None)
    found = list(_kop(kop, ctx)) if kop is not None else []
    return found + (list(_client(client)) if client is not None else [])


def logische_sleutel(record: Record) -> tuple[object, ...] | None:
    """The logical key under which a record must be unique (our reading of rule IV008).

    Toewijzing: gemeente, aanbieder, toewijzingnummer, toewijzingsdatum and -tijd (a later
    toewijzing with the same number is a change, not a duplicate). Start/stop: gemeente,
    aanbieder, toewijzingnummer (or product), begindatum and status. Prestatie: aanbieder,
    gemeente and the ProductReferentie.
    """
    match record:
        case ToewijzingRecord(kop=k):
            return (
                k.berichttype,
                k.gemeente,
                k.aanbieder,
                record.toewijzingnummer,
                record.toewijzingsdatum,
                record.toewijzingstijd,
            )
        case LeveringRecord(kop=k):
            return (
                k.berichttype,
                k.gemeente,
                k.aanbieder,
                record.toewijzingnummer,
                record.categorie,
                record.productcode,
                record.begindatum,
                record.einddatum,
                record.status_aanlevering,
            )
        case PrestatieRecord(declaratie=d):
            return (d.kop.berichttype, d.kop.gemeente, d.kop.aanbieder, record.referentie)
        case BevolkingRecord():
            return ("bevolking", record.gemeente, record.jaar, record.leeftijd)
        case AanbiederRecord():
            return ("aanbieder", record.agb)
        case LiggingRecord():
            return ("ligging", record.soort, record.code)
        case ContractRecord():
            return ("contract", record.contractnummer, record.agb)
        case ContracttariefRecord():
            return (
                "contracttarief",
                record.contractnummer,
                record.categorie,
                record.productcode,
                record.eenheid,
                record.geldig_vanaf,
            )
        case BestedingsruimteRecord():
            return ("bestedingsruimte", record.contractnummer, record.jaar)
    return None
