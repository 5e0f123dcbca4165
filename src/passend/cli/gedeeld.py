"""What several commands share: the console, JSON and table output, and the one option group
for the area and its segment model (ocdskit's ``add_package_arguments`` idea).

Every command that analyses data takes :func:`gebied_opties` and turns them into a
:class:`passend.analysis.Gebied` and a :class:`passend.analysis.bron.Gegevensbron` with
:func:`gebied_en_bron`, so ``--gemeente``, ``--regio``, ``--model`` and ``--snapshot`` mean the
same everywhere.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from passend.opstart import start_django

console = Console(stderr=False)

_GEBIED = [
    click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505."),
    click.option(
        "--regio", metavar="NAAM", help="Naam van de jeugdregio, bijv. 'Zuid-Holland Zuid'."
    ),
    click.option(
        "--model",
        metavar="MODEL",
        help="Segmentmodel: standaard-7, voorbeeld-5 of een JSON-bestand (standaard: "
        "het actieve model van de gemeente, anders van haar jeugdregio, anders "
        "standaard-7).",
    ),
    click.option(
        "--snapshot",
        metavar="MAP",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Map met een Parquet-momentopname in plaats van de database.",
    ),
]


@dataclass(frozen=True)
class Gebiedskeuze:
    """What ``--gemeente``, ``--regio``, ``--model`` and ``--snapshot`` ask for."""

    gemeente: str | None = None
    regio: str | None = None
    model: str | None = None
    snapshot: Path | None = None

    def los_op(self, *, alleen_lezen: bool = False) -> tuple[Any, Any]:
        """The area (with its segment model) and the data source the options ask for. A
        command that only reads the analyses passes `alleen_lezen`: it then opens the
        current snapshot without starting Django when it can (passend.bronnen.momentopname)."""
        if alleen_lezen and self.snapshot is None:
            snel = _zonder_django(self.gemeente, self.regio, self.model)
            if snel is not None:
                return snel
        return gebied_en_bron(self.gemeente, self.regio, self.model, self.snapshot)

    def uit_database(self, reden: str) -> Any:
        """The area for a command that works on the database only (`reden` says why)."""
        if self.snapshot is not None:
            raise click.UsageError(f"{reden}; gebruik het zonder --snapshot.")
        gebied, _bron = self.los_op()
        return gebied


def gebied_opties(functie: Callable[..., Any]) -> Callable[..., Any]:
    """Add --gemeente, --regio, --model and --snapshot to a command; it receives them as one
    ``keuze`` (a :class:`Gebiedskeuze`)."""

    @functools.wraps(functie)
    def met_keuze(
        *args: Any,
        gemeente: str | None,
        regio: str | None,
        model: str | None,
        snapshot: Path | None,
        **kwargs: Any,
    ) -> Any:
        return functie(*args, keuze=Gebiedskeuze(gemeente, regio, model, snapshot), **kwargs)

    opdracht: Callable[..., Any] = met_keuze
    for optie in reversed(_GEBIED):
        opdracht = optie(opdracht)
    return opdracht


def json_optie(functie: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")(functie)


def _segmentatie(model: str) -> Any:
    from passend.analysis.segmentatie import Segmentatie
    from passend.strategy.segmentmodellen import model as ingebouwd

    pad = Path(model)
    if pad.suffix == ".json" and pad.is_file():
        try:
            return Segmentatie.uit_json(pad.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as fout:
            raise click.BadParameter(f"Geen geldig segmentmodel: {fout}", "--model") from fout
    try:
        return ingebouwd(model)
    except ValueError as fout:
        raise click.BadParameter(str(fout), param_hint="--model") from fout


def _controleer_gebied(gemeente: str | None, regio: str | None) -> None:
    from passend.reference.loader import laad_gemeenten

    if gemeente and regio:
        raise click.UsageError("Kies --gemeente of --regio, niet beide.")
    gemeenten = laad_gemeenten()
    if gemeente and gemeente not in {g.code for g in gemeenten}:
        raise click.BadParameter(f"onbekende gemeentecode '{gemeente}'.", param_hint="--gemeente")
    if regio and regio not in {g.jeugdregio for g in gemeenten}:
        raise click.BadParameter(f"onbekende jeugdregio '{regio}'.", param_hint="--regio")


def gemeenten_van(gemeente: str | None, regio: str | None) -> list[str] | None:
    """The CBS codes an area option names (checked), or None for all gemeenten."""
    from passend.reference.loader import laad_gemeenten

    _controleer_gebied(gemeente, regio)
    if gemeente:
        return [gemeente]
    if regio:
        return sorted(g.code for g in laad_gemeenten() if g.jeugdregio == regio)
    return None


def _zonder_django(
    gemeente: str | None, regio: str | None, model: str | None
) -> tuple[Any, Any] | None:
    from passend.bronnen.momentopname import huidig
    from passend.settings_paths import data_dir

    _controleer_gebied(gemeente, regio)
    gevonden = huidig(data_dir(), gemeente, regio)
    if gevonden is None or not model:
        return gevonden
    gebied, bron = gevonden
    return gebied.met_model(_segmentatie(model)), bron


def gebied_en_bron(
    gemeente: str | None, regio: str | None, model: str | None, snapshot: Path | None
) -> tuple[Any, Any]:
    """The area (with its segment model) and the data source the options ask for."""
    from passend.analysis.gebied import Gebied

    _controleer_gebied(gemeente, regio)
    if snapshot is not None:
        from passend.bronnen.snapshot import SnapshotBron

        seg = _segmentatie(model) if model else None
        gebied = Gebied.standaard(gemeente, regio) if seg is None else Gebied(seg, gemeente, regio)
        return gebied, SnapshotBron(snapshot)
    start_django()
    from passend.bronnen.database import DatabaseBron
    from passend.planning.gebieden import actieve_segmentaties, gebied_voor

    gebied = gebied_voor(gemeente, regio)
    if model:
        gebied = gebied.met_model(_segmentatie(model))
    return gebied, DatabaseBron(actieve_segmentaties)


class Getal(click.ParamType):
    """A number as a Dutch user types it (2,5) or a machine (2.5), optionally within bounds."""

    name = "getal"

    def __init__(self, minimum: float | None = None, maximum: float | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, int | float):
            getal = float(value)
        else:
            try:
                getal = float(str(value).strip().replace(",", "."))
            except ValueError:
                self.fail(f"{value!r} is geen getal.", param, ctx)
        if self.minimum is not None and getal < self.minimum:
            self.fail(f"{value} is kleiner dan {self.minimum:g}.", param, ctx)
        if self.maximum is not None and getal > self.maximum:
            self.fail(f"{value} is groter dan {self.maximum:g}.", param, ctx)
        return getal


@contextlib.contextmanager
def stdout_naar_stderr() -> Iterator[None]:
    """Send what C libraries print on the process's stdout (HiGHS's banner) to stderr, so
    that --json output stays clean."""
    sys.stdout.flush()
    bewaard = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(bewaard, 1)
        os.close(bewaard)


def toon_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def toon_tabel(titel: str, koppen: list[str], rijen: list[list[Any]]) -> None:
    tabel = Table(title=titel)
    for kop in koppen:
        tabel.add_column(kop, overflow="fold")
    for rij in rijen:
        tabel.add_row(*[str(c) for c in rij])
    console.print(tabel)


def toon(
    data: Any,
    als_json: bool,
    titel: str,
    koppen: list[str],
    rijen: Callable[[], list[list[Any]]],
) -> None:
    """`data` as JSON with ``--json``, else the table `rijen()` builds."""
    if als_json:
        toon_json(data)
    else:
        toon_tabel(titel, koppen, rijen())
