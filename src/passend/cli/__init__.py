"""The ``passend`` command line: an adapter of thin commands over the same functions the web
app uses (ocdskit's idea: a command parses, calls and prints).

One module per group of commands; the area and segment-model options are shared
(:mod:`passend.cli.gedeeld`). Modules are imported here so that their commands register.
"""

from passend.cli import (
    analyse,
    beheer,
    contracten,
    contractering,
    gebruiker,
    importeren,
    monitor,
    rapport,
    scenario,
    strategie,
)
from passend.cli.hoofd import main, nederlandse_metavars

nederlandse_metavars(main)

__all__ = [
    "analyse",
    "beheer",
    "contracten",
    "contractering",
    "gebruiker",
    "importeren",
    "main",
    "monitor",
    "rapport",
    "scenario",
    "strategie",
]
