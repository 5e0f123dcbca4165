"""The `passend` command line: thin commands over the same functions the web app uses."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from passend.opstart import start_django

console = Console(stderr=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="passend")
def main() -> None:
    """Passend: inkoop en sturing van jeugdhulp en Wmo voor jongeren (0-27)."""


# -- import -----------------------------------------------------------------------------------
@main.command("import")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "als_json", is_flag=True, help="Samenvatting als JSON.")
def import_(paden: tuple[Path, ...], als_json: bool) -> None:
    """Importeer iJw/iWmo-berichten of CSV/Excel (bestanden, mappen, zip-archieven)."""
    start_django()
    from passend.imports.pipeline import importeer

    if als_json:
        samenvatting = importeer(list(paden))
        click.echo(json.dumps(samenvatting.als_json(), ensure_ascii=False, indent=2))
        return
    with _Voortgangsbalk() as (progress, taak):
        samenvatting = importeer(
            list(paden),
            voortgang=lambda i, n, naam: progress.update(
                taak, completed=i, total=n, description=Path(naam.split("!")[-1]).name[:40]
            ),
        )
    _toon_samenvatting(samenvatting)


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
@click.option("--json", "als_json", is_flag=True)
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
            Path(r["bestand"].split("!")[-1]).name,
            r["berichttype"],
            r["element_pad"],
            r["regel"],
            r["reden"],
        )
    console.print(tabel)


@quarantine.command("show")
@click.argument("record_id", type=int)
@click.option("--json", "als_json", is_flag=True)
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


# -- analyses ---------------------------------------------------------------------------------
@main.group()
def analyse() -> None:
    """Analyses van Stap 2: transitie 16-27, zorggebruik, Wmo-instroom, markt, knelpunten,
    benchmark. Tellingen zonder --publiek zijn voor geautoriseerde analisten."""


def _analyse_opties(functie: Any) -> Any:
    opties = [
        click.option("--jaar", type=int, help="Kalenderjaar (verplicht voor transitie, "
                     "knelpunten en benchmark)."),
        click.option("--gemeente", help="CBS-gemeentecode, bijv. 0505."),
        click.option("--regio", help="Naam van de jeugdregio, bijv. 'Zuid-Holland Zuid'."),
        click.option("--periode", type=click.Choice(["jaar", "halfjaar"]), default="jaar",
                     show_default=True),
        click.option("--json", "als_json_", is_flag=True, help="Uitvoer als JSON."),
        click.option("--excel", type=click.Path(dir_okay=False, path_type=Path),
                     help="Schrijf een Excel-werkmap (een blad per tabel, met definities)."),
        click.option("--grafiek", type=click.Path(file_okay=False, path_type=Path),
                     help="Schrijf de grafieken als SVG en PNG in deze map."),
        click.option("--publiek", is_flag=True,
                     help="Voor raad en publiek: kleine aantallen onderdrukt (<5)."),
        click.option("--gevallen", is_flag=True,
                     help="Voeg de pseudonieme cliëntlijst toe (alleen geautoriseerd gebruik)."),
        click.option("--model", help="Segmentmodel: standaard-7, voorbeeld-5 of een JSON-"
                     "bestand (standaard: het actieve model van de gemeente of regio)."),
    ]
    for optie in reversed(opties):
        functie = optie(functie)
    return functie


def _maak_analyse(naam: str) -> None:
    @analyse.command(naam)
    @_analyse_opties
    def opdracht(jaar: int | None, gemeente: str | None, regio: str | None, periode: str,
                 als_json_: bool, excel: Path | None, grafiek: Path | None, publiek: bool,
                 gevallen: bool, model: str | None) -> None:
        if gemeente and regio:
            raise click.UsageError("Kies --gemeente of --regio, niet beide.")
        if publiek and gevallen:
            raise click.UsageError("--gevallen (cliëntniveau) kan niet samen met --publiek.")
        start_django()
        from passend.analysis import als_json, rapport, schrijf_excel, transitie
        from passend.analysis.bron import django_verbinding

        con = django_verbinding()
        seg = _analysemodel(model, gemeente, regio)
        try:
            if naam == "transitie" and als_json_ and not gevallen and not (excel or grafiek):
                if jaar is None:
                    raise click.UsageError("--jaar is verplicht voor de transitie.")
                # Public: the summary as suppressed with the other tables (the same cells).
                uitkomst = (rapport(naam, con, jaar=jaar, gemeente=gemeente, regio=regio,
                                    openbaar=True, segmentatie=seg)["transitie"] if publiek
                            else transitie(con, jaar, gemeente=gemeente, regio=regio,
                                           segmentatie=seg))
                click.echo(als_json(uitkomst))
                return
            tabellen = rapport(naam, con, jaar=jaar, gemeente=gemeente, regio=regio,
                               periode=periode, openbaar=publiek, gevallen=gevallen,
                               segmentatie=seg)
            info = _rapportinfo(con, naam, jaar, gemeente, regio, publiek, seg.naam)
        except ValueError as fout:
            raise click.UsageError(str(fout)) from fout
        if excel is not None:
            schrijf_excel(excel, tabellen, info=info)
            console.print(f"Excel geschreven: {excel}")
        if grafiek is not None:
            _schrijf_grafieken(grafiek, naam, tabellen, publiek)
        if als_json_:
            click.echo(als_json(tabellen))
        elif excel is None and grafiek is None:
            _toon_tabellen(tabellen)

    opdracht.__doc__ = f"Rapport '{naam}'."


def _analysemodel(model: str | None, gemeente: str | None, regio: str | None) -> Any:
    """The segmentation of an analysis: --model, else the area's stored active model."""
    from passend.strategy.cli import _model

    return _model(model, None, gemeente, regio)


def _rapportinfo(con: Any, naam: str, jaar: int | None, gemeente: str | None,
                 regio: str | None, publiek: bool, modelnaam: str) -> Any:
    """The parameters listed on the Definities sheet of the workbook."""
    from passend.analysis.uitvoer import Rapportinfo

    gebied = regio or ""
    if gemeente:
        rij = con.execute("SELECT naam FROM gemeente WHERE gemeente = ?", [gemeente]).fetchone()
        gebied = f"{rij[0]} ({gemeente})" if rij else gemeente
    # rapport(openbaar=True) suppresses every table; Rapportinfo says so on the sheet.
    return Rapportinfo(naam, jaar, gebied, modelnaam, publiek)


def _schrijf_grafieken(map_: Path, naam: str, tabellen: dict[str, Any], publiek: bool) -> None:
    """One SVG and one PNG per chart of the report (rendered offline by vl-convert)."""
    from passend.analysis.grafieken import grafieken
    from passend.analysis.weergave import als_png, als_svg

    map_.mkdir(parents=True, exist_ok=True)
    for bestand, grafiek in grafieken(naam, tabellen, openbaar=publiek).items():
        (map_ / f"{bestand}.svg").write_text(als_svg(grafiek), encoding="utf-8")
        (map_ / f"{bestand}.png").write_bytes(als_png(grafiek))
        console.print(f"Grafiek geschreven: {map_ / bestand}.svg en .png")


def _toon_tabellen(tabellen: dict[str, Any]) -> None:
    for titel, inhoud in tabellen.items():
        rijen = [inhoud] if isinstance(inhoud, dict) else list(inhoud or [])
        if not rijen or not isinstance(rijen[0], dict):
            continue
        tabel = Table(title=titel)
        kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
        for kolom in kolommen:
            tabel.add_column(str(kolom), overflow="fold")
        for rij in rijen[:50]:
            tabel.add_row(*(str(rij.get(k, "")) for k in kolommen))
        console.print(tabel)
        if len(rijen) > 50:
            console.print(f"… en nog {len(rijen) - 50} rijen (gebruik --excel of --json).")


for _naam in ("transitie", "zorggebruik", "wmo-instroom", "markt", "knelpunten", "benchmark"):
    _maak_analyse(_naam)


# -- demo and serve ---------------------------------------------------------------------------
@main.command()
@click.option(
    "--schaal", default="normaal", show_default=True, help="klein, normaal, groot of een factor."
)
@click.option("--seed", default=2026, show_default=True, type=int)
def demo(schaal: str, seed: int) -> None:
    """Bouw de synthetische demoregio Zuid-Holland Zuid en importeer die."""
    start_django()
    from passend.accounts.demo import maak_demo_gebruikers
    from passend.demo_setup import bewaar_demo_scenarios, bouw_demo

    console.print(bouw_demo(schaal=schaal, seed=seed, voortgang=console.print))
    scenarios = bewaar_demo_scenarios(voortgang=console.print)
    console.print(f"Demoscenario's opgeslagen: {', '.join(scenarios)}")
    tabel = Table(title="Demogebruikers (alleen voor deze synthetische demo)")
    for kolom in ("Gebruiker", "Wachtwoord"):
        tabel.add_column(kolom, no_wrap=True)
    for kolom in ("Rol", "Bereik"):
        tabel.add_column(kolom, overflow="fold")
    for g in maak_demo_gebruikers():
        tabel.add_row(g.username, g.password, str(g.role), g.scope)
    console.print(tabel)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
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


@main.command()
@click.option("--json", "als_json", is_flag=True)
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


def _registreer_groepen() -> None:
    from passend.accounts.cli import gebruiker
    from passend.strategy.cli import scenario, strategie

    main.add_command(strategie)
    main.add_command(scenario)
    main.add_command(gebruiker)


_registreer_groepen()


if __name__ == "__main__":
    sys.exit(main())
