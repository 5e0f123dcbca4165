"""The docs are complete because a test says so (the datasette habit): every rule code a
user can meet in the quarantine is explained in docs/import.md."""

from __future__ import annotations

import pytest

from passend.domain.checks import Regel
from passend.istandaarden.structure import REGELS as XSD_REGELS
from tests.cli_support import REPO

IMPORT_DOC = (REPO / "docs" / "import.md").read_text(encoding="utf-8")
QUARANTAINE_REGELS = sorted(
    {waarde for naam, waarde in vars(Regel).items() if naam.isupper()} | set(XSD_REGELS)
)


@pytest.mark.parametrize("regel", QUARANTAINE_REGELS)
def test_every_quarantine_rule_is_explained_in_import_md(regel: str) -> None:
    assert f"`{regel}`" in IMPORT_DOC, f"{regel} ontbreekt in docs/import.md"


# -- every report and table in docs/definities.md ----------------------------------------------
DEFINITIES = (REPO / "docs" / "definities.md").read_text(encoding="utf-8")


def _rapporttabellen() -> list[tuple[str, str]]:
    from passend.analysis.openbaar import ONDERDRUKKINGSREGELS

    return [(r, t) for r, tabellen in ONDERDRUKKINGSREGELS.items() for t in tabellen]


@pytest.mark.parametrize(("rapport", "tabel"), _rapporttabellen())
def test_every_report_and_table_is_in_definities_md(rapport: str, tabel: str) -> None:
    sectie = DEFINITIES.split("## 12.", 1)[1]
    assert f"`{rapport}`" in sectie, f"rapport {rapport} ontbreekt in docs/definities.md § 12"
    assert f"`{tabel}`" in sectie, f"tabel {rapport}.{tabel} ontbreekt in docs/definities.md"


def test_every_registered_report_has_suppression_rules() -> None:
    from passend.analysis.openbaar import ONDERDRUKKINGSREGELS
    from passend.analysis.rapport import RAPPORTSOORTEN

    assert set(RAPPORTSOORTEN) == set(ONDERDRUKKINGSREGELS)


# -- every CLI command and option in the README or docs/ ---------------------------------------
def _opdrachten() -> list[tuple[str, list[str]]]:
    import click

    from passend.cli import main

    uit: list[tuple[str, list[str]]] = []

    def loop(opdracht: click.Command, pad: list[str]) -> None:
        opties = [o.opts[0] for o in opdracht.params if isinstance(o, click.Option)]
        uit.append((" ".join(pad), opties))
        if isinstance(opdracht, click.Group):
            for naam, sub in sorted(opdracht.commands.items()):
                loop(sub, [*pad, naam])

    loop(main, ["passend"])
    return uit


DOCS = "\n".join(
    p.read_text(encoding="utf-8") for p in [REPO / "README.md", *(REPO / "docs").glob("*.md")]
)


@pytest.mark.parametrize(("opdracht", "opties"), _opdrachten(), ids=lambda w: str(w)[:40])
def test_every_cli_command_and_option_is_documented(opdracht: str, opties: list[str]) -> None:
    import re

    if opdracht.startswith("passend analyse "):
        rapport = opdracht.split()[-1]
        assert f"`{rapport}`" in DOCS, f"{opdracht} ontbreekt in de documentatie"
        opdracht = "passend analyse"
    else:
        assert f"`{opdracht}" in DOCS, f"{opdracht} ontbreekt in de documentatie"
    for optie in opties:
        assert re.search(rf"`[^`]*{re.escape(optie)}\b", DOCS), f"{opdracht} {optie}"
