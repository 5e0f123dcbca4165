"""``passend import``, ``passend quarantine`` and ``passend status``."""

from __future__ import annotations

import atexit
import gc
import json
from contextlib import ExitStack, nullcontext
from functools import cache, partial
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from passend.cli.gedeeld import console
from passend.cli.hoofd import main
from passend.opstart import start_django


# -- import -----------------------------------------------------------------------------------
@main.command("import")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "als_json", is_flag=True, help="Samenvatting als JSON.")
@click.option(
    "--werkers",
    type=click.IntRange(min=0),
    default=None,
    help="Processen die berichten en tabellen lezen naast het proces dat schrijft (standaard: "
    "één per processorkern; 0: alles in één proces).",
)
def import_(paden: tuple[Path, ...], als_json: bool, werkers: int | None) -> None:
    """Importeer iJw/iWmo-berichten of CSV/Excel (bestanden, mappen, zip-archieven)."""
    from passend.imports.vooruit import voorbereide_bronnen
    from passend.imports.werkers import vooraf_gestarte_werkers

    _bij_afsluiten_niet_opruimen()
    # Workers, listing and hashing before Django's start: the workers read meanwhile.
    pool = vooraf_gestarte_werkers(paden, werkers)
    with ExitStack() as open_:
        open_.enter_context(pool)
        with nullcontext() if als_json else console.status("Bestanden verzamelen…"):
            voorbereid = open_.enter_context(voorbereide_bronnen(list(paden), pool))
        start_django()
        from passend.bronnen.database import klaarzetten
        from passend.imports.pipeline import importeer
        from passend.planning.gebieden import actieve_segmentaties

        importeren = partial(
            importeer, list(paden), werkers=werkers, pool=pool, voorbereid=voorbereid
        )
        if als_json:
            samenvatting = importeren()
        else:
            with _Voortgangsbalk() as (progress, taak):
                samenvatting = importeren(
                    voortgang=lambda i, n, naam: progress.update(
                        taak, completed=i, total=n, description=naam.split("!")[-1][:40]
                    ),
                )
                progress.update(taak, description="Analysegegevens klaarzetten")
                klaarzetten(actieve_segmentaties)
    if als_json:
        klaarzetten(actieve_segmentaties)
        click.echo(json.dumps(samenvatting.als_json(), ensure_ascii=False, indent=2))
        return
    _toon_samenvatting(samenvatting)


@cache
def _bij_afsluiten_niet_opruimen() -> None:
    """Have `_afsluiten` run when the process exits (registered once)."""
    atexit.register(_afsluiten)


def _afsluiten() -> None:
    """Close the database connections, then exempt what the process still holds from the
    collection the interpreter makes as it exits.

    That collection walks every object alive only to find that the process ends: after an
    import of the `normaal` demo 0.15 s of a 0.2 s exit. Exit handlers run before it, so
    freezing here leaves it nothing to walk; reference counting still frees the objects as
    their modules are torn down, and what it cannot free the operating system reclaims with
    the process. Closed explicitly, because a connection in a reference cycle would no
    longer be closed by the collector: SQLite copies its write-ahead log into the database
    file when the last connection closes.
    """
    from django.conf import settings
    from django.db import connections

    if settings.configured:
        connections.close_all()
    gc.freeze()


class _Voortgangsbalk:
    def __enter__(self) -> tuple[Progress, Any]:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.progress.__enter__()
        return self.progress, self.progress.add_task("bestanden lezen", total=None)

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)


def _toon_samenvatting(s: Any) -> None:
    if s.al_geimporteerd:
        console.print(
            f"Deze invoer is al eerder volledig geïmporteerd (batch {s.batch_id}); "
            "er is niets gewijzigd."
        )
        return
    tabel = Table(title=f"Import {s.batch_id}: {s.berichten} berichten uit {s.bestanden} bestanden")
    for kolom in ("Berichttype", "Berichten", "Geaccepteerd", "Quarantaine"):
        tabel.add_column(kolom, justify="left" if kolom == "Berichttype" else "right")
    for berichttype, telling in sorted(s.by_type.items()):
        tabel.add_row(
            berichttype, str(telling.berichten), str(telling.accepted), str(telling.quarantined)
        )
    tabel.add_row("Totaal", str(s.berichten), str(s.accepted), str(s.quarantined), style="bold")
    console.print(tabel)
    if s.overgeslagen:
        console.print(f"{s.overgeslagen} bestanden waren al eerder verwerkt en zijn overgeslagen.")
    for regel in s.niet_verwerkt:
        console.print(f"[yellow]Niet als gegevens verwerkt:[/yellow] {regel}")
    if s.quarantined:
        console.print("Bekijk de afgekeurde records met [bold]passend quarantine list[/bold].")


# -- quarantine -------------------------------------------------------------------------------
@main.group()
def quarantine() -> None:
    """Afgekeurde records bekijken."""


@quarantine.command("list")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
@click.option("--alles", is_flag=True, help="Ook opgeloste en vervangen records.")
@click.option("--batch", type=int, help="Alleen deze importbatch.")
def quarantine_list(als_json: bool, alles: bool, batch: int | None) -> None:
    """Lijst van quarantainerecords (standaard alleen open)."""
    start_django()
    from passend.imports.quarantine import quarantaine_lijst

    rijen = quarantaine_lijst(alleen_open=not alles, batch=batch)
    if als_json:
        click.echo(json.dumps(rijen, ensure_ascii=False, indent=2, default=str))
        return
    tabel = Table(title=f"Quarantaine: {len(rijen)} records")
    for kolom in ("ID", "Bestand", "Bericht", "Element", "Regel", "Reden"):
        tabel.add_column(kolom, overflow="fold")
    for r in rijen:
        tabel.add_row(
            str(r["id"]),
            r["bestand"].split("!")[-1],
            r["berichttype"],
            r["element_pad"],
            r["regel"],
            r["reden"],
        )
    console.print(tabel)


@quarantine.command("show")
@click.argument("record_id", type=int)
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def quarantine_show(record_id: int, als_json: bool) -> None:
    """Eén quarantainerecord met het (gemaskeerde) fragment."""
    start_django()
    from passend.imports.quarantine import quarantaine_record

    rij = quarantaine_record(record_id)
    if rij is None:
        raise click.UsageError(f"Quarantainerecord {record_id} bestaat niet.")
    if als_json:
        click.echo(json.dumps(rij, ensure_ascii=False, indent=2, default=str))
        return
    for sleutel, waarde in rij.items():
        if sleutel != "fragment":
            console.print(f"[bold]{sleutel}[/bold]: {waarde}")
    console.print("[bold]fragment[/bold] (BSN en namen gemaskeerd):")
    console.print(rij["fragment"], markup=False, highlight=False)


@main.command()
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def status(als_json: bool) -> None:
    """Wat is er geladen, per gemeente."""
    start_django()
    from passend.imports.overview import geladen_per_gemeente

    overzicht = geladen_per_gemeente()
    if als_json:
        click.echo(json.dumps(overzicht, ensure_ascii=False, indent=2))
        return
    tabel = Table(title="Geladen gegevens per gemeente")
    for kolom in ("Gemeente", "Cliënten", "Toewijzingen", "Leveringen", "Prestaties"):
        tabel.add_column(kolom, justify="left" if kolom == "Gemeente" else "right")
    for rij in overzicht["gemeenten"]:
        tabel.add_row(
            rij["naam"],
            *(str(rij[k]) for k in ("clienten", "toewijzingen", "leveringen", "prestaties")),
        )
    console.print(tabel)


# -- snapshot ---------------------------------------------------------------------------------
@main.command("snapshot")
@click.option(
    "--map",
    "map_",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schrijf een losse momentopname naar deze map (voor --snapshot MAP elders); zonder "
    "deze optie de momentopname in de datamap die de analyses zelf lezen.",
)
@click.option("--json", "als_json", is_flag=True, help="Uitkomst als JSON.")
def snapshot(map_: Path | None, als_json: bool) -> None:
    """Zet de analysegegevens klaar als momentopname.

    Elke import doet dit zelf; deze opdracht is voor een database van vóór die tijd, of om een
    momentopname mee te nemen (--map, als Parquet). Een momentopname hoort bij één
    gegevensversie: na een import lezen de analyses een nieuwe, nooit een verouderde.
    """
    start_django()
    from passend.bronnen.database import data_versie, django_tabellen, schrijf_database_snapshot
    from passend.bronnen.snapshot import schrijf_snapshot
    from passend.planning.gebieden import actieve_segmentaties

    versie = data_versie()
    if map_ is not None:
        doel = schrijf_snapshot(map_, django_tabellen())
    else:
        doel = schrijf_database_snapshot(segmentaties=actieve_segmentaties)
    uit = {"map": str(doel), "versie": versie}
    if als_json:
        click.echo(json.dumps(uit, ensure_ascii=False, indent=2))
    else:
        console.print(f"Momentopname geschreven in {doel}.")
