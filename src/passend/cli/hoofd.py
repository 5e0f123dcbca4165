"""The ``passend`` command group; the command modules of this package attach to it."""

from __future__ import annotations

import gettext
import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

#: click's own texts (Usage, Options, its error messages) come from gettext's global domain;
#: this package ships them in Dutch (locale/nl/LC_MESSAGES/passend_cli.po).
_DOMEIN = "passend_cli"


def nederlandse_click() -> None:
    """Let click speak Dutch, as the commands do; LANGUAGE=en keeps its English."""
    os.environ.setdefault("LANGUAGE", "nl")
    gettext.bindtextdomain(_DOMEIN, str(Path(__file__).with_name("locale")))
    gettext.textdomain(_DOMEIN)


nederlandse_click()


#: click's type names as shown in the help ("--runs INTEGER") in Dutch.
_SOORTNAMEN = {
    "text": "TEKST",
    "integer": "GETAL",
    "float": "GETAL",
    "getal": "GETAL",
    "integer range": "GETAL",
    "float range": "GETAL",
    "path": "PAD",
    "filename": "BESTAND",
    "file": "BESTAND",
    "directory": "MAP",
}


def nederlandse_metavars(opdracht: click.Command) -> None:
    """'[OPTIES]' and 'OPDRACHT [ARGUMENTEN]...' in every usage line (click sets English
    placeholders per command, outside gettext)."""
    opdracht.options_metavar = "[OPTIES]"
    for param in opdracht.params:
        soort = _SOORTNAMEN.get(param.type.name)
        if (
            isinstance(param, click.Option)
            and not param.is_flag
            and param.metavar is None
            and soort
        ):
            param.metavar = soort
    if isinstance(opdracht, click.Group):
        opdracht.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
        for sub in opdracht.commands.values():
            nederlandse_metavars(sub)


#: Which module of this package defines each command. A command's module is imported when
#: the command runs (``passend analyse`` does not pay for the scenario, contract or import
#: modules: 0.15-0.2 s of start-up); help, completion and the docs tests load them all.
MODULES = {
    "analyse": "analyse",
    "contract": "contracten",
    "demo": "beheer",
    "gebruiker": "gebruiker",
    "import": "importeren",
    "landschap": "contractering",
    "monitor": "monitor",
    "quarantine": "importeren",
    "rapport": "rapport",
    "scenario": "scenario",
    "selectie": "contractering",
    "serve": "beheer",
    "snapshot": "importeren",
    "status": "importeren",
    "strategie": "strategie",
    "tarief": "contractering",
}


class _Opdrachten(dict[str, click.Command]):
    """The group's commands; reading them all (help, the docs tests) loads every module."""

    def _laad(self, module: str) -> None:
        naam = f"passend.cli.{module}"
        if naam not in sys.modules:
            importlib.import_module(naam)
            for opdracht in super().values():
                nederlandse_metavars(opdracht)

    def _alle(self) -> None:
        for module in dict.fromkeys(MODULES.values()):
            self._laad(module)

    def __iter__(self) -> Iterator[str]:
        self._alle()
        return super().__iter__()

    def __len__(self) -> int:
        self._alle()
        return super().__len__()

    def __getitem__(self, naam: str) -> click.Command:
        if not super().__contains__(naam) and naam in MODULES:
            self._laad(MODULES[naam])
        return super().__getitem__(naam)

    def __contains__(self, naam: object) -> bool:
        self._alle()
        return super().__contains__(naam)

    def keys(self) -> Any:
        self._alle()
        return super().keys()

    def values(self) -> Any:
        self._alle()
        return super().values()

    def items(self) -> Any:
        self._alle()
        return super().items()


class _LuieGroep(click.Group):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Opdrachten()
        self.options_metavar = "[OPTIES]"
        self.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in MODULES:
            return None
        return self.commands[cmd_name]


@click.group(cls=_LuieGroep, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="passend")
def main() -> None:
    """Passend: inkoop en sturing van jeugdhulp en Wmo voor jongeren (0-27)."""
