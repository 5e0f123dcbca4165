"""The ``passend`` command group; the command modules of this package attach to it."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="passend")
def main() -> None:
    """Passend: inkoop en sturing van jeugdhulp en Wmo voor jongeren (0-27)."""
