"""``passend demo`` and ``passend serve``."""

from __future__ import annotations

import click
from rich.table import Table

from passend.cli.gedeeld import console, stdout_naar_stderr
from passend.cli.hoofd import main
from passend.opstart import start_django


@main.command()
@click.option(
    "--schaal", default="normaal", show_default=True, help="klein, normaal, groot of een factor."
)
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    type=int,
    help="Startgetal: dezelfde seed geeft dezelfde demoregio.",
)
def demo(schaal: str, seed: int) -> None:
    """Bouw de synthetische demoregio Zuid-Holland Zuid en importeer die."""
    start_django()
    from passend.accounts.demo import maak_demo_gebruikers
    from passend.bronnen.database import klaarzetten
    from passend.demo_setup import (
        bewaar_demo_landschappen,
        bewaar_demo_scenarios,
        bewaar_demo_tariefblad,
        bouw_demo,
        publiceer_demo_raadsrapportage,
    )
    from passend.planning.gebieden import actieve_segmentaties

    console.print(bouw_demo(schaal=schaal, seed=seed, voortgang=console.print))
    klaarzetten(actieve_segmentaties)  # as after every import: the analyses read the snapshot
    scenarios = bewaar_demo_scenarios(voortgang=console.print)
    console.print(f"Demoscenario's opgeslagen: {', '.join(scenarios)}")
    titel = publiceer_demo_raadsrapportage(voortgang=console.print)
    console.print(f"Gepubliceerd voor de raad: {titel}")
    console.print(f"Tariefblad van de demoregio opgeslagen: {bewaar_demo_tariefblad()} producten")
    with stdout_naar_stderr():  # HiGHS prints a banner from C++
        landschappen = bewaar_demo_landschappen()
    console.print(f"Zorglandschap opgeslagen: {'; '.join(landschappen)}")
    tabel = Table(title="Demogebruikers (alleen voor deze synthetische demo)")
    for kolom in ("Gebruiker", "Wachtwoord"):
        tabel.add_column(kolom, no_wrap=True)
    for kolom in ("Rol", "Bereik"):
        tabel.add_column(kolom, overflow="fold")
    for g in maak_demo_gebruikers():
        tabel.add_row(g.username, g.password, str(g.role), g.scope)
    console.print(tabel)


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Adres waarop de web-app luistert."
)
@click.option("--port", default=8000, show_default=True, type=int, help="Poort van de web-app.")
@click.option(
    "--workers", default=2, show_default=True, type=int, help="Aantal gunicorn-werkprocessen."
)
def serve(host: str, port: int, workers: int) -> None:
    """Start de webapplicatie (gunicorn, statische bestanden via WhiteNoise)."""
    start_django()
    from passend.imports.pipeline import sluit_verlaten_batches
    from passend.web.importtaken import ruim_verlaten_taken_op
    from passend.web.server import start

    # Uploads of an import whose process died hold personal data and block new uploads.
    ruim_verlaten_taken_op()
    sluit_verlaten_batches()
    console.print(f"Passend draait op http://{host}:{port}/ (stoppen met Ctrl+C)")
    start(host, port, workers)
