"""The ``passend`` command line: an adapter of thin commands over the same functions the web
app uses (ocdskit's idea: a command parses, calls and prints).

One module per group of commands; the area and segment-model options are shared
(:mod:`passend.cli.gedeeld`). The group loads a command's module when it is asked for
(:data:`passend.cli.hoofd.MODULES`), so a command starts without importing the others.
"""

from passend.cli.hoofd import main

__all__ = ["main"]
