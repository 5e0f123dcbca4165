"""``passend analyse RAPPORT``: one command per registered report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from passend.analysis.kolommen import Kolomdefinitie, bladnaam, kolom
from passend.analysis.uitvoer import als_rijen
from passend.cli.gedeeld import Gebiedskeuze, console, gebied_opties, json_optie
from passend.cli.hoofd import main
from passend.domain import opmaak

#: Status lines go to stderr, so that --json output on stdout stays pure JSON.
melding = Console(stderr=True)


@main.group()
def analyse() -> None:
    """Stap 2: transitie, zorggebruik, Wmo-instroom, markt, knelpunten, benchmark."""


def _rapportopties(functie: Any) -> Any:
    opties = [
        click.option(
            "--jaar",
            type=int,
            help="Kalenderjaar (verplicht voor transitie, knelpunten en benchmark).",
        ),
        click.option(
            "--periode",
            type=click.Choice(["jaar", "halfjaar"]),
            default="jaar",
            show_default=True,
            help="Zorggebruik per jaar of per halfjaar.",
        ),
        click.option(
            "--excel",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Schrijf een Excel-werkmap (een blad per tabel, met definities).",
        ),
        click.option(
            "--grafiek",
            type=click.Path(file_okay=False, path_type=Path),
            help="Schrijf de grafieken als SVG en PNG in deze map.",
        ),
        click.option(
            "--publiek",
            is_flag=True,
            help="Voor raad en publiek: kleine aantallen onderdrukt (<5).",
        ),
        click.option(
            "--gevallen",
            is_flag=True,
            help="Voeg de pseudonieme cliëntlijst toe (alleen geautoriseerd gebruik).",
        ),
    ]
    for optie in reversed(opties):
        functie = optie(functie)
    return gebied_opties(json_optie(functie))


def _maak(naam: str, titel: str) -> None:
    @analyse.command(naam, help=f"Rapport '{titel}'.")
    @_rapportopties
    def opdracht(
        jaar: int | None,
        periode: str,
        excel: Path | None,
        grafiek: Path | None,
        publiek: bool,
        gevallen: bool,
        keuze: Gebiedskeuze,
        als_json: bool,
    ) -> None:
        from passend.analysis.rapport import Verzoek, rapport
        from passend.analysis.uitvoer import als_json as json_tekst

        if publiek and gevallen:
            raise click.UsageError("--gevallen (cliëntniveau) kan niet samen met --publiek.")
        gebied, bron = keuze.los_op(alleen_lezen=True)
        con = bron.verbinding()
        verzoek = Verzoek(gebied, jaar, periode, gevallen)
        try:
            tabellen = rapport(naam, con, verzoek, openbaar=publiek)
        except ValueError as fout:
            raise click.UsageError(str(fout)) from fout
        if excel is not None:
            from passend.analysis.uitvoer import Rapportinfo, als_xlsx

            info = Rapportinfo(naam, jaar, gebied.omschrijving, gebied.segmentatie.naam, publiek)
            excel.write_bytes(als_xlsx(tabellen, info=info))
            melding.print(f"Excel geschreven: {excel}")
        if grafiek is not None:
            _schrijf_grafieken(grafiek, naam, tabellen, publiek)
        if als_json:
            click.echo(json_tekst(tabellen))
        elif excel is None and grafiek is None:
            _toon_tabellen(tabellen)


def _schrijf_grafieken(map_: Path, naam: str, tabellen: dict[str, Any], publiek: bool) -> None:
    """One SVG and one PNG per chart of the report (rendered offline by vl-convert)."""
    from passend.analysis.grafieken import grafieken
    from passend.analysis.weergave import als_png, als_svg

    map_.mkdir(parents=True, exist_ok=True)
    for bestand, grafiek in grafieken(naam, tabellen, openbaar=publiek).items():
        (map_ / f"{bestand}.svg").write_text(als_svg(grafiek), encoding="utf-8")
        (map_ / f"{bestand}.png").write_bytes(als_png(grafiek))
        melding.print(f"Grafiek geschreven: {map_ / bestand}.svg en .png")


def _toon_tabellen(tabellen: dict[str, Any]) -> None:
    """Each table with the catalogue's Dutch labels and the one number format (euros,
    percentages, ja/nee); ``--json`` gives the raw figures."""
    for naam, inhoud in tabellen.items():
        rijen = als_rijen(inhoud)
        if not rijen or not isinstance(rijen[0], dict):
            continue
        tabel = Table(title=bladnaam(naam))
        sleutels = list(dict.fromkeys(k for rij in rijen for k in rij))
        definities = [kolom(k, naam) for k in sleutels]
        for d in definities:
            getal = d.soort not in ("tekst", "lijst", "janee", "datum", "jaar")
            tabel.add_column(d.label("nl"), overflow="fold", justify="right" if getal else "left")
        for rij in rijen[:50]:
            tabel.add_row(*(_cel(rij, d) for d in definities))
        console.print(tabel)
        if len(rijen) > 50:
            console.print(f"… en nog {len(rijen) - 50} rijen (gebruik --excel of --json).")


def _cel(rij: dict[str, Any], d: Kolomdefinitie) -> str:
    waarde = rij.get(d.sleutel)
    if d.sleutel == "gegeven":
        return kolom(str(waarde)).label("nl")
    if d.sleutel == "waarde" and "gegeven" in rij:  # a summary row: the figure's own kind
        return opmaak.cel(waarde, kolom(str(rij["gegeven"])).soort)
    return opmaak.cel(waarde, d.soort)


def _registreer() -> None:
    from passend.analysis.rapport import RAPPORTSOORTEN

    for soort in RAPPORTSOORTEN.values():
        if not soort.register:  # those go through the register: passend monitor
            _maak(soort.naam, soort.titel)


_registreer()
