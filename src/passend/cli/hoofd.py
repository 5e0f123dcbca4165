"""The ``passend`` command group; the command modules of this package attach to it."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="passend")
def main() -> None:
    """Passend: inkoop en sturing van jeugdhulp en Wmo voor jongeren (0-27)."""
