"""``passend monitor …``: steering on running contracts (issue 14)."""

from __future__ import annotations

from typing import Any

import click

from passend.cli.gedeeld import (
    Getal,
    gebied_en_bron,
    gemeenten_van,
    json_optie,
    toon_json,
    toon_tabel,
)
from passend.cli.hoofd import main
from passend.domain import opmaak
from passend.opstart import start_django


@main.group("monitor")
def monitor() -> None:
    """Monitoring van lopende contracten: bestedingsruimte en resultaten van aanbieders
    (docs/definities.md § 13 en § 14)."""


def _verzilvering(waarden: tuple[str, ...]) -> dict[tuple[str, str, str | None], float]:
    """``DOMEIN/CATEGORIE[/CODE]=GRAAD``, e.g. ``jeugd/45/45A01=0,8``."""
    uit: dict[tuple[str, str, str | None], float] = {}
    for waarde in waarden:
        product, teken, graad = waarde.partition("=")
        delen = product.split("/")
        if not teken or len(delen) not in (2, 3) or delen[0] not in ("jeugd", "wmo"):
            raise click.BadParameter(
                f"'{waarde}': gebruik DOMEIN/CATEGORIE[/CODE]=GRAAD, bijv. jeugd/45/45A01=0,8.",
                param_hint="--verzilvering",
            )
        code = delen[2] if len(delen) == 3 else None
        uit[(delen[0], delen[1].zfill(2), code)] = Getal(0, 1).convert(graad, None, None)
    return uit


@monitor.command("bestedingsruimte")
@click.option("--jaar", type=int, required=True, help="Het jaar van de bestedingsruimte.")
@click.option(
    "--peildatum",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Peildatum in het jaar (JJJJ-MM-DD); standaard de laatste datum in de gegevens "
    "binnen het jaar.",
)
@click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
@click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
@click.option(
    "--verzilvering",
    multiple=True,
    metavar="PRODUCT=GRAAD",
    help="Eigen verzilveringsgraad van een product, bijv. jeugd/45/45A01=0,8 (herhaalbaar); "
    "gaat voor een graad die op de webpagina voor het gebied is ingevoerd; anders geschat "
    "uit vorig jaar.",
)
@json_optie
def bestedingsruimte(
    jaar: int,
    peildatum: Any,
    gemeente: str | None,
    regio: str | None,
    verzilvering: tuple[str, ...],
    als_json: bool,
) -> None:
    """Per contract: bestedingsruimte, gedeclareerd, benutting, het 70%-signaal en de
    prognoses lineair en op verplichtingen."""
    gemeenten = gemeenten_van(gemeente, regio)
    graden = _verzilvering(verzilvering)
    start_django()
    from passend.analysis.relaties import peildatum as data_peildatum
    from passend.bronnen.database import DatabaseBron
    from passend.contracten.register import bestedingsruimte as monitor
    from passend.contracten.register import verzilvering_van
    from passend.monitoring.bestedingsruimte import PeildatumBuitenJaar, standaard_peildatum

    # the graden entered for the area (on the web page), then those of --verzilvering
    graden = {**verzilvering_van(gemeente or regio or "", jaar), **graden}
    con = DatabaseBron().verbinding()
    dag = peildatum.date() if peildatum else standaard_peildatum(jaar, data_peildatum(con))
    try:
        uitkomst = monitor(con, jaar, dag, gemeenten, graden)
    except PeildatumBuitenJaar as fout:
        raise click.BadParameter(str(fout), param_hint="--peildatum") from None
    if als_json:
        toon_json(uitkomst.als_json())
        return
    _toon(uitkomst)


def _toon(uitkomst: Any) -> None:
    cent = opmaak.euro_cent
    toon_tabel(
        f"Bestedingsruimte {uitkomst.jaar} op {opmaak.datum(uitkomst.peildatum)}",
        [
            "Contract",
            "Aanbieder",
            "Ruimte",
            "Gedeclareerd",
            "Benutting",
            "Signaal 70%",
            "Prognose lineair",
            "Prognose verplichtingen",
            "Cliëntenstop",
        ],
        [
            [
                r["contractnummer"],
                r["naam"] or r["aanbieder"],
                cent(r["bestedingsruimte_cent"]),
                cent(r["gedeclareerd_cent"]),
                opmaak.procent(r["benutting"]) if r["benutting"] is not None else "—",
                opmaak.datum(r["signaal_datum"]) if r["signaal_70"] else "",
                cent(r["prognose_lineair_cent"]),
                cent(r["prognose_verplichtingen_cent"]),
                _stop(r),
            ]
            for r in uitkomst.contracten
        ],
    )
    _zeg_bron(uitkomst.contracten)
    if uitkomst.mediane_vertraging_dagen is not None:
        click.echo(
            f"Mediane declaratievertraging: {opmaak.getal(uitkomst.mediane_vertraging_dagen)} "
            "dagen na het einde van de productperiode."
        )


def _zeg_bron(contracten: list[dict[str, Any]]) -> None:
    """Say which amounts count as declared: granted ones where answers are loaded."""
    ingediend = sum(r["ingediend_cent"] for r in contracten)
    beantwoord = sum(r["beantwoord_cent"] for r in contracten)
    if not beantwoord:
        click.echo(
            "Gedeclareerd = ingediend: er is geen declaratieantwoord (JW325/WMO325) geladen."
        )
        return
    aandeel = opmaak.procent(beantwoord / ingediend) if ingediend else "—"
    afgewezen = opmaak.euro_cent(sum(r["afgewezen_cent"] for r in contracten))
    click.echo(
        f"Gedeclareerd = toegekend volgens het declaratieantwoord (JW325/WMO325) voor {aandeel} "
        f"van het ingediende bedrag (afgewezen: {afgewezen}); de rest is ingediend, nog zonder "
        "antwoord."
    )


@monitor.command("aanbieders")
@click.option("--jaar", type=int, required=True, help="Het jaar van de einddatums.")
@click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
@click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
@click.option(
    "--publiek", is_flag=True, help="Openbare uitvoer: kleine aantallen onderdrukt (<5, x)."
)
@json_optie
def aanbieders(
    jaar: int, gemeente: str | None, regio: str | None, publiek: bool, als_json: bool
) -> None:
    """Per aanbieder hoe trajecten eindigen (volgens plan, uitval, herhaald beroep), de
    mediane duur en de kosten per cliënt: het rapport 'resultaten' (passend analyse
    resultaten geeft ook de tabellen per segment, gemeente en product)."""
    from passend.analysis.dekking import JaarBuitenGegevens
    from passend.analysis.rapport import Verzoek, rapport
    from passend.analysis.resultaten import aanbieder_overzicht

    gebied, bron = gebied_en_bron(gemeente, regio, None, None)
    try:
        tabellen = rapport("resultaten", bron.verbinding(), Verzoek(gebied, jaar), openbaar=publiek)
    except JaarBuitenGegevens as fout:
        raise click.BadParameter(str(fout), param_hint="--jaar") from None
    uit = {"jaar": jaar, "aanbieders": aanbieder_overzicht(tabellen["resultaat_aanbieder"])}
    if als_json:
        toon_json(uit)
        return
    toon_tabel(
        f"Resultaten van aanbieders, {jaar}",
        [
            "Aanbieder",
            "Domein",
            "Afgesloten",
            "Volgens plan",
            "Uitval",
            "Herhaald beroep",
            "Duur (mediaan)",
            "Kosten per cliënt",
            "Tevredenheid",
        ],
        [
            [
                f"{r['naam'] or r['aanbieder']}",
                r["domein"],
                r["afgesloten"],
                r["volgens_plan"],
                r["uitval"],
                "—"
                if r["herhaald_beroep"] is None
                else f"{r['herhaald_beroep']} van {r['afgesloten_h2']}",
                "—" if r["duur_mediaan_dagen"] is None else r["duur_mediaan_dagen"],
                "—"
                if not isinstance(r["kosten_per_client_cent"], int)
                else opmaak.euro_cent(r["kosten_per_client_cent"]),
                _tevredenheid(r),
            ]
            for r in uit["aanbieders"]
        ],
    )


def _tevredenheid(r: dict[str, Any]) -> str:
    """The mean mark with the number of marks it rests on, or a dash."""
    if not isinstance(r["tevredenheid_gemiddeld"], float):
        return "—"
    return f"{opmaak.getal(r['tevredenheid_gemiddeld'], 1)} ({r['tevredenheid_gemeten']})"


def _stop(r: dict[str, Any]) -> str:
    """The stop running on the peildatum, and the new toewijzingen despite a stop."""
    tekst = f"sinds {opmaak.datum(r['clientenstop_sinds'])}" if r["clientenstop_sinds"] else ""
    if r["instroom_tijdens_stop"]:
        tekst += f" ({r['instroom_tijdens_stop']} nieuw tijdens stop)"
    return tekst.strip()
