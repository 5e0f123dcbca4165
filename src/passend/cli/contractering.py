"""Contracting commands: ``passend tarief …`` (the reële-prijs calculator and the yearly
indexation), ``passend selectie …`` (scoring a tender, Open House admission) and
``passend landschap …`` (the care landscape of a segment: from a file, or from the data)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from passend.cli.gedeeld import Getal, gemeenten_van, stdout_naar_stderr, toon_json, toon_tabel
from passend.cli.hoofd import main
from passend.domain import opmaak
from passend.opstart import start_django

_FRACTIE = Getal(0, 10)


@main.group("tarief")
def tarief() -> None:
    """Reële tarieven: kostprijsopbouw per uur en indexatie (docs/contractering.md)."""


def _decimaal(waarde: float | None) -> Decimal | None:
    return None if waarde is None else Decimal(str(waarde))


def _opslagen(waarden: tuple[str, ...]) -> dict[str, Decimal]:
    """``--opslag NAAM=FRACTIE`` or a bare fraction (repeatable), e.g. ``pensioen=0,12``."""
    uit: dict[str, Decimal] = {}
    for i, w in enumerate(waarden, start=1):
        naam, teken, getal = w.rpartition("=")
        sleutel = naam if teken else f"opslag {i}"
        uit[sleutel] = Decimal(str(_FRACTIE.convert(getal, None, None)))
    return uit


@tarief.command("bereken")
@click.option("--loonkosten-uur", type=Getal(0), help="Loonkosten per betaald uur in euro.")
@click.option("--maandsalaris", type=Getal(0), help="Bruto maandsalaris van de CAO-schaal.")
@click.option(
    "--opslag",
    "opslagen",
    multiple=True,
    metavar="NAAM=FRACTIE",
    help="Opslag op het salaris (IKB/ORT, sociale lasten, pensioen) als fractie, bijv. "
    "pensioen=0,12; herhaalbaar, de opslagen tellen op.",
)
@click.option("--uren-per-fte", type=Getal(1), help="Betaalde uren per fte per jaar, bijv. 1836.")
@click.option(
    "--productiviteit",
    type=Getal(0, 1),
    required=True,
    help="Deel van de betaalde uren dat cliëntgebonden is, bijv. 0,80.",
)
@click.option("--overhead", type=_FRACTIE, default=0.0, help="Overhead als fractie, bijv. 0,20.")
@click.option(
    "--overig-uur",
    type=Getal(0),
    default=0.0,
    help="Overige cliëntgebonden kosten per uur in euro.",
)
@click.option("--risico", type=_FRACTIE, default=0.0, help="Risico-opslag als fractie.")
@click.option("--groep", type=Getal(1), default=1.0, help="Groepsgrootte bij groepsproducten.")
@click.option("--cao", default="", help="Naam van de CAO (voor de verantwoording).")
@click.option("--trede", default="", help="Schaal en trede (voor de verantwoording).")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def bereken(
    loonkosten_uur: float | None,
    maandsalaris: float | None,
    opslagen: tuple[str, ...],
    uren_per_fte: float | None,
    productiviteit: float,
    overhead: float,
    overig_uur: float,
    risico: float,
    groep: float,
    cao: str,
    trede: str,
    als_json: bool,
) -> None:
    """Bereken het reële tarief per uur uit de kostprijsopbouw.

    loonkosten = maandsalaris × 12 × (1 + opslagen) / uren per fte (of --loonkosten-uur);
    tarief = (loonkosten / productiviteit + overig per uur) × (1 + overhead) × (1 + risico)
    / groepsgrootte, afgerond op centen en op een veelvoud van 60 cent (per minuut).
    """
    from passend.contracting.tarief import Kostprijsopbouw
    from passend.contracting.tarief import bereken as reken

    try:
        opbouw = Kostprijsopbouw(
            productiviteit=Decimal(str(productiviteit)),
            overhead=Decimal(str(overhead)),
            risico=Decimal(str(risico)),
            overige_clientgebonden_per_uur=Decimal(str(overig_uur)),
            groepsgrootte=Decimal(str(groep)),
            loonkosten_per_uur=_decimaal(loonkosten_uur),
            maandsalaris=_decimaal(maandsalaris),
            opslagen=_opslagen(opslagen),
            uren_per_fte=_decimaal(uren_per_fte),
            cao=cao,
            schaal_trede=trede,
        )
    except ValueError as fout:
        raise click.UsageError(str(fout)) from fout
    uitkomst = reken(opbouw).als_dict()
    if als_json:
        toon_json({**uitkomst, "cao": cao, "schaal_trede": trede})
        return
    _toon_opbouw(uitkomst)


def _toon_opbouw(u: dict[str, Any]) -> None:
    euro = opmaak.euro
    toon_tabel(
        "Kostprijsopbouw per uur",
        ["Stap", "Bedrag"],
        [
            ["Loonkosten per betaald uur", euro(u["loonkosten_per_uur"], 2)],
            ["Per cliëntgebonden uur (+ overige kosten)", euro(u["per_clientgebonden_uur"], 2)],
            ["Met overhead", euro(u["met_overhead"], 2)],
            ["Met risico-opslag", euro(u["met_risico"], 2)],
            ["Tarief per uur (per cliënt)", euro(u["tarief_per_uur"], 2)],
            ["Tarief in centen", str(u["tarief_cent"])],
            ["Deelbaar door 60 (per minuut)", str(u["tarief_cent_deelbaar_60"])],
        ],
    )


def _reeks(waarden: tuple[str, ...]) -> dict[int, Decimal]:
    """``JAAR=FRACTIE`` (repeatable)."""
    uit: dict[int, Decimal] = {}
    for w in waarden:
        jaar, _, getal = w.partition("=")
        if not jaar.strip().isdigit() or not getal:
            raise click.BadParameter(f"Verwacht JAAR=FRACTIE, kreeg {w!r}.")
        uit[int(jaar)] = Decimal(str(Getal(-1, 1).convert(getal, None, None)))
    return uit


def _reeksoptie(naam: str, wat: str) -> Any:
    return click.option(
        naam,
        multiple=True,
        metavar="JAAR=FRACTIE",
        help=f"{wat}, bijv. 2026=0,031; herhaalbaar.",
    )


@tarief.command("indexeer")
@click.option("--tarief-cent", type=int, required=True, help="Het tarief in het beginjaar (cent).")
@click.option("--van", "van_jaar", type=int, required=True, help="Het jaar van dat tarief.")
@click.option("--tot", "tot_jaar", type=int, required=True, help="Het laatste jaar.")
@_reeksoptie("--ova-prognose", "Prognose van de loonindex (OVA) voor een jaar")
@_reeksoptie("--ova-definitief", "Definitieve loonindex (OVA) van een jaar")
@_reeksoptie("--pcc-prognose", "Prognose van de materiële index (PCC) voor een jaar")
@_reeksoptie("--pcc-definitief", "Definitieve materiële index (PCC) van een jaar")
@click.option(
    "--loonaandeel",
    type=Getal(0, 1),
    default=0.9,
    show_default=True,
    help="Gewicht van de loonindex; de rest is de materiële index (Jeugd: 0,9).",
)
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def indexeer(
    tarief_cent: int,
    van_jaar: int,
    tot_jaar: int,
    ova_prognose: tuple[str, ...],
    ova_definitief: tuple[str, ...],
    pcc_prognose: tuple[str, ...],
    pcc_definitief: tuple[str, ...],
    loonaandeel: float,
    als_json: bool,
) -> None:
    """Indexeer een tarief volgens de Contractstandaard: prognose(t+1) + (definitief(t) −
    prognose(t)), voor lonen (OVA) en materieel (PCC) apart, gewogen."""
    from passend.contracting.tarief import Indexcijfers
    from passend.contracting.tarief import indexeer as indexeren

    try:
        rijen = indexeren(
            tarief_cent,
            van_jaar,
            tot_jaar,
            Indexcijfers(_reeks(ova_prognose), _reeks(ova_definitief)),
            Indexcijfers(_reeks(pcc_prognose), _reeks(pcc_definitief)),
            Decimal(str(loonaandeel)),
        )
    except ValueError as fout:
        raise click.UsageError(str(fout)) from fout
    if als_json:
        toon_json(rijen)
        return
    toon_tabel(
        "Geïndexeerd tarief",
        ["Jaar", "Index", "Tarief"],
        [
            [
                r["jaar"],
                "–" if r["index"] is None else opmaak.procent(r["index"], 2),
                opmaak.euro_cent(r["tarief_cent"], 2),
            ]
            for r in rijen
        ],
    )


@tarief.command("blad")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jaar", type=int, help="Jaar van de gedeclareerde tarieven; standaard het laatste.")
@click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
@click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
@click.option(
    "--in-register",
    "vanaf",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Zet de tarieven vanaf deze datum (JJJJ-MM-DD) als uniform tarief in elk contract "
    "van het gebied dat dan loopt en het product al heeft.",
)
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def blad(
    bestand: Path,
    jaar: int | None,
    gemeente: str | None,
    regio: str | None,
    vanaf: Any,
    als_json: bool,
) -> None:
    """Reken een tariefblad door (per product de kostprijsopbouw, JSON) en zet elk tarief naast
    de gedeclareerde tarieven: aantal, mediaan, spreiding (25e-75e percentiel)."""
    from passend.contracting.tariefblad import lees_blad

    try:
        regels, deelbaar = lees_blad(_lees_json(bestand))
    except ValueError as fout:
        raise click.BadParameter(str(fout), param_hint="BESTAND") from None
    gemeenten = gemeenten_van(gemeente, regio)
    start_django()
    from passend.analysis.relaties import peildatum
    from passend.bronnen.database import DatabaseBron
    from passend.contracting.tariefblad import tariefblad_in_gebied

    con = DatabaseBron().verbinding()
    einde = peildatum(con)
    jaar = jaar or (einde.year if einde else None)
    lijst = sorted(gemeenten) if gemeenten is not None else None
    rijen = tariefblad_in_gebied(con, regels, jaar, lijst, deelbaar_60=deelbaar)
    uit: dict[str, Any] = {"jaar": jaar, "deelbaar_door_60": deelbaar, "producten": rijen}
    if vanaf is not None:
        from passend.contracten.schrijven import zet_uniforme_tarieven

        producten = [
            (r["productcategorie"], r["productcode"], r["eenheid"], r["tarief_cent"]) for r in rijen
        ]
        uit["in_register"] = zet_uniforme_tarieven(producten, vanaf.date(), gemeenten, "cli")
    if als_json:
        toon_json(uit)
        return
    _toon_blad(uit)


def _toon_blad(uit: dict[str, Any]) -> None:
    def cent(waarde: Any) -> str:
        return "–" if waarde is None else opmaak.euro_cent(round(waarde), 2)

    toon_tabel(
        f"Tariefblad naast de gedeclareerde tarieven van {uit['jaar'] or '—'}",
        ["Product", "Eenheid", "Tarief", "Regels", "Mediaan", "25e–75e percentiel", "Verschil"],
        [
            [
                f"{r['productcategorie']} {r['productcode']} {r['omschrijving']}".strip(),
                r["eenheid"],
                cent(r["tarief_cent"]),
                r["gedeclareerd_regels"],
                cent(r["gedeclareerd_mediaan_cent"]),
                f"{cent(r['gedeclareerd_p25_cent'])} – {cent(r['gedeclareerd_p75_cent'])}",
                "–" if r["verschil_mediaan"] is None else opmaak.procent(r["verschil_mediaan"], 1),
            ]
            for r in uit["producten"]
        ],
    )
    for r in uit.get("in_register", []):
        click.echo(
            f"In het register: {r['contractnummer']} {r['productcode'] or r['productcategorie']} "
            f"{opmaak.euro_cent(int(r['tarief_cent']), 2)} vanaf {r['geldig_vanaf']}"
        )


# -- provider selection ----------------------------------------------------------------------
@main.group("selectie")
def selectie() -> None:
    """Selectie van aanbieders: scoren van inschrijvingen en toelating (Open House)."""


def _lees_json(pad: Path) -> Any:
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, json.JSONDecodeError) as fout:
        raise click.UsageError(f"{pad.name} is geen leesbaar JSON-bestand: {fout}") from fout


@selectie.command("score")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf het gunningsadvies (methode, criteria en gewichten, scores, rangorde, "
    "motivering) als PDF.",
)
@click.option("--titel", default="Gunningsadvies", show_default=True, help="Titel van het advies.")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def score(bestand: Path, pdf: Path | None, titel: str, als_json: bool) -> None:
    """Scoor en rangschik de inschrijvingen in BESTAND (JSON: methode, gewichten, Pmax/Pmin,
    vastgesteld_op, inschrijvingen met prijs en scores); zie docs/contractering.md."""
    from passend.contracting.selectie import inschrijvingen_uit, methode_uit, scoor

    data = _lees_json(bestand)
    try:
        methode = methode_uit(data)
        biedingen = inschrijvingen_uit(data)
        uitslagen = scoor(methode, biedingen)
    except (ValueError, KeyError, TypeError, ArithmeticError) as fout:
        raise click.UsageError(f"{bestand.name}: {fout}") from fout
    if pdf is not None:
        from passend.contracting.gunningsadvies import gunningsadvies_pdf

        pdf.write_bytes(gunningsadvies_pdf(methode, biedingen, uitslagen, titel=titel[:200]))
        click.echo(f"Gunningsadvies geschreven: {pdf}", err=True)
    rijen = [u.als_dict() for u in uitslagen]
    if als_json:
        toon_json({"methode": methode.methode, "uitslag": rijen})
        return
    gewogen = methode.methode == "gewogen_factor"
    toon_tabel(
        "Rangorde",
        ["Rang", "Aanbieder", "Prijs", "Kwaliteit", "Totaal" if gewogen else "Fictieve prijs", ""],
        [
            [
                r["rang"] or "–",
                r["aanbieder"],
                opmaak.euro(r["prijs"], 2),
                opmaak.getal(r["kwaliteit"], 3) if gewogen else opmaak.euro(r["kwaliteit"], 2),
                (
                    opmaak.getal(r["totaal"], 3)
                    if gewogen and r["geldig"]
                    else opmaak.euro(r["fictieve_prijs"], 2)
                    if r["geldig"]
                    else "–"
                ),
                r["reden"] or ("loting nodig" if r["loting"] else ""),
            ]
            for r in rijen
        ],
    )


@selectie.command("toelating")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def toelating(bestand: Path, als_json: bool) -> None:
    """Open House: toets elke aanbieder aan de geschiktheids- en kwaliteitseisen in BESTAND
    (JSON: eisen, en per aanbieder per eis voldaan en toelichting)."""
    from passend.contracting.selectie import Eis
    from passend.contracting.selectie import toelating as toets

    data = _lees_json(bestand)
    try:
        eisen = [
            Eis(str(e["code"]), str(e["soort"]), str(e["omschrijving"])) for e in data["eisen"]
        ]
        oordelen = {
            str(a): {
                str(c): (bool(o["voldaan"]), str(o.get("toelichting", ""))) for c, o in e.items()
            }
            for a, e in data["beoordelingen"].items()
        }
    except (KeyError, TypeError, AttributeError) as fout:
        raise click.UsageError(f"{bestand.name}: ontbrekend of onjuist veld {fout}") from fout
    rijen = toets(eisen, oordelen)
    if als_json:
        toon_json(rijen)
        return
    toon_tabel(
        "Toelating",
        ["Aanbieder", "Toegelaten", "Niet voldaan"],
        [
            [
                r["aanbieder"],
                opmaak.janee(r["toegelaten"]),
                "; ".join(f"{n['eis']}: {n['toelichting']}" for n in r["niet_voldaan"]),
            ]
            for r in rijen
        ],
    )


# -- the care landscape ----------------------------------------------------------------------
@main.group("landschap")
def landschap() -> None:
    """Het zorglandschap per segment: overzichtelijk maar dekkend (MILP, HiGHS)."""


def _locatie(d: dict[str, Any]) -> Any:
    from passend.contracting.landschap import Locatie

    return Locatie(str(d["code"]), str(d.get("naam", d["code"])), float(d["lat"]), float(d["lon"]))


@landschap.command("optimaliseer")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--afweging", is_flag=True, help="Ook de curve: aantal aanbieders tegen kosten.")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def optimaliseer(bestand: Path, afweging: bool, als_json: bool) -> None:
    """Kies de aanbieders van één segment (JSON: gemeenten met vraag en ligging, kandidaten
    met capaciteit en kosten per cliënt, en de eisen); zie docs/contractering.md."""
    from passend.contracting import landschap as ls

    data = _lees_json(bestand)
    try:
        vraag = [ls.Gemeentevraag(_locatie(g), float(g["vraag"])) for g in data["gemeenten"]]
        kandidaten = [
            ls.Kandidaat(_locatie(k), float(k["capaciteit"]), float(k["kosten_per_client"]))
            for k in data["kandidaten"]
        ]
        eisen = ls.Landschapseisen(**data["eisen"])
    except (KeyError, TypeError, ValueError) as fout:
        raise click.UsageError(f"{bestand.name}: {fout}") from fout
    with stdout_naar_stderr():
        uitkomst = ls.optimaliseer(vraag, kandidaten, eisen)
        curve = ls.afweging(vraag, kandidaten, eisen) if afweging else None
    uit = {**uitkomst.als_dict(), **({"afweging": curve} if curve is not None else {})}
    if als_json:
        toon_json(uit)
        return
    if uitkomst.status == "onhaalbaar":
        click.echo("Onhaalbaar. " + " ".join(uitkomst.uitleg))
        return
    click.echo(
        f"{uitkomst.aantal} aanbieder(s): {', '.join(uitkomst.gekozen)}; kosten "
        f"{opmaak.euro(uitkomst.kosten)} ({uitkomst.status})."
    )
    toon_tabel(
        "Wat elke eis kost",
        ["Eis", "Aantal zonder", "Kosten zonder"],
        [[e["omschrijving"], e["aantal"], opmaak.euro(e["kosten"])] for e in uitkomst.eisprijs],
    )


def _toon_landschap(uit: dict[str, Any]) -> None:
    uitkomst = uit["uitkomst"]
    if uitkomst["status"] == "onhaalbaar":
        click.echo("Onhaalbaar. " + " ".join(uitkomst["uitleg"]))
        return
    click.echo(
        f"{uitkomst['aantal']} aanbieder(s), kosten {opmaak.euro(uitkomst['kosten'])} "
        f"({uitkomst['status']}); vraag in {uit['invoer']['doeljaar']} = cliënten van "
        f"{uit['invoer']['basisjaar']} × {uit['invoer']['prognosefactor']:.3f}."
    )
    from passend.contracting.landschapsdata import gekozen_tabel

    toon_tabel(
        "Aanbieders",
        ["AGB", "Naam", "Gecontracteerd", "Cliënten", "Capaciteit", "Kosten per cliënt"],
        [
            [
                r["aanbieder"],
                r["naam"],
                "ja" if r["gecontracteerd"] else "nee",
                f"{r['clienten']:g}",
                f"{r['capaciteit']:g}",
                opmaak.euro(r["kosten_per_client"]),
            ]
            for r in gekozen_tabel(uit)
        ],
    )
    toon_tabel(
        "Wat elke eis kost",
        ["Eis", "Aantal zonder", "Kosten zonder"],
        [[e["omschrijving"], e["aantal"], opmaak.euro(e["kosten"])] for e in uitkomst["eisprijs"]],
    )


@landschap.command("bereken")
@click.option("--segment", required=True, help="Segmentcode van het model, bijv. 4A.")
@click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
@click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
@click.option("--max-afstand", type=Getal(0.1), required=True, help="Maximale afstand in km.")
@click.option(
    "--min-per-gemeente",
    type=int,
    default=1,
    show_default=True,
    help="Minimum aantal aanbieders binnen bereik per gemeente (keuzevrijheid).",
)
@click.option("--max-aandeel", type=_FRACTIE, default=1.0, help="Fractie, bijv. 0,4.")
@click.option("--budget", type=Getal(0), help="Budget per jaar in euro.")
@click.option("--vaste-kosten", type=Getal(0), default=0.0, help="Vaste kosten per contract.")
@click.option(
    "--doel",
    type=click.Choice(["aantal", "kosten"]),
    default="aantal",
    show_default=True,
    help="Minimaliseer het aantal aanbieders of de kosten.",
)
@click.option("--max-aanbieders", type=int, help="Hoogstens zoveel aanbieders (bij doel kosten).")
@click.option("--groeiruimte", type=_FRACTIE, default=0.0, help="Capaciteit × (1 + deze fractie).")
@click.option("--doeljaar", type=int, help="Jaar van de vraag; standaard na het basisjaar.")
@click.option(
    "--tijdslimiet",
    type=Getal(1),
    default=60.0,
    show_default=True,
    help="Seconden; daarna meldt de oplosser de beste oplossing met haar gap.",
)
@click.option("--bewaar/--niet-bewaren", default=True, help="Bewaar als run van het gebied.")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def bereken_landschap(
    segment: str,
    gemeente: str | None,
    regio: str | None,
    max_afstand: float,
    min_per_gemeente: int,
    max_aandeel: float,
    budget: float | None,
    vaste_kosten: float,
    doel: str,
    max_aanbieders: int | None,
    groeiruimte: float,
    doeljaar: int | None,
    tijdslimiet: float,
    bewaar: bool,
    als_json: bool,
) -> None:
    """Het zorglandschap van een segment uit de gegevens: vraag uit de prognose, capaciteit en
    kosten uit de historie, afstanden uit de liggingen (zie docs/contractering.md)."""
    gemeenten_van(gemeente, regio)  # checks the area options
    start_django()
    from passend.bronnen.database import DatabaseBron
    from passend.contracting import landschap as ls
    from passend.planning.landschap import bereken_en_bewaar

    try:
        eisen = ls.Landschapseisen(
            max_afstand_km=max_afstand,
            min_per_gemeente=min_per_gemeente,
            max_aandeel=max_aandeel,
            budget=budget,
            vaste_kosten=vaste_kosten,
            doel=doel,
            max_aanbieders=max_aanbieders,
            tijdslimiet_s=tijdslimiet,
        )
        with stdout_naar_stderr():
            uit = bereken_en_bewaar(
                DatabaseBron().verbinding(),
                gemeente or regio or "",
                segment,
                eisen,
                doeljaar=doeljaar,
                groeiruimte=groeiruimte,
                door="cli",
                bewaar=bewaar,
            )
    except ValueError as fout:
        raise click.UsageError(str(fout)) from None
    if als_json:
        toon_json(uit)
        return
    _toon_landschap(uit)
