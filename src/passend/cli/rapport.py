"""``passend rapport raad``: the periodic council report (raadsrapportage) as PDF, Excel or
JSON; public, suppressed as every public output (docs/definities.md § 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from passend.cli.gedeeld import gebied_en_bron, json_optie, toon_json
from passend.cli.hoofd import main


@main.group("rapport")
def rapport() -> None:
    """Rapporten voor de gemeenteraad."""


@rapport.command("raad")
@click.option("--jaar", type=int, required=True, help="Het verslagjaar.")
@click.option("--cohort", type=int, help="Het cohort van de transitie (standaard het jaar ervoor).")
@click.option(
    "--peildatum",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Peildatum van de bestedingsruimte (standaard het einde van de gegevens in het jaar).",
)
@click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
@click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de PDF.")
@click.option(
    "--excel", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de Excel-werkmap."
)
@click.option(
    "--taal",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Taal van de PDF en de Excel-werkmap (de cijfers zijn dezelfde).",
)
@json_optie
def raad(
    jaar: int,
    cohort: int | None,
    peildatum: Any,
    gemeente: str | None,
    regio: str | None,
    pdf: Path | None,
    excel: Path | None,
    taal: str,
    als_json: bool,
) -> None:
    """De raadsrapportage: transitie, toekomstplan, resultaten van aanbieders,
    bestedingsruimte per segment en de commitmentmonitor; kleine aantallen onderdrukt."""
    gebied, bron = gebied_en_bron(gemeente, regio, None, None)
    from passend.analysis.dekking import JaarBuitenGegevens
    from passend.analysis.uitvoer import Rapportinfo, als_xlsx, json_gereed
    from passend.monitoring.bestedingsruimte import PeildatumBuitenJaar
    from passend.monitoring.raadspdf import als_pdf
    from passend.planning.raad import maak_raadsrapportage

    dag = peildatum.date() if peildatum else None
    try:
        document = maak_raadsrapportage(
            bron.verbinding(), gebied, jaar, cohort=cohort, peildatum=dag
        )
    except (JaarBuitenGegevens, PeildatumBuitenJaar) as fout:
        raise click.UsageError(str(fout)) from fout
    if pdf is not None:
        pdf.write_bytes(als_pdf(document, taal))
        click.echo(f"PDF geschreven: {pdf}", err=True)
    if excel is not None:
        info = Rapportinfo(
            "raadsrapportage", jaar, gebied.omschrijving, gebied.segmentatie.naam, True
        )
        excel.write_bytes(als_xlsx(document.bladen(), info=info, taal=taal))
        click.echo(f"Excel geschreven: {excel}", err=True)
    if als_json or (pdf is None and excel is None):
        toon_json(json_gereed(document.als_json()))
