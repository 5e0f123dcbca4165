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


# -- the README names every command, every doc and shows what it promises -----------------------
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("opdracht", [o for o, _ in _opdrachten()], ids=str)
def test_every_cli_command_is_named_in_the_readme(opdracht: str) -> None:
    assert opdracht in README.replace(".venv/bin/", ""), f"{opdracht} ontbreekt in README.md"


@pytest.mark.parametrize("doc", sorted(p.name for p in (REPO / "docs").glob("*.md")))
def test_every_doc_is_listed_in_the_readme(doc: str) -> None:
    assert f"`docs/{doc}`" in README, f"docs/{doc} ontbreekt in README.md"


def test_the_readme_screenshots_exist_and_are_images() -> None:
    import re

    plaatjes = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert plaatjes, "de README toont Passend met minstens één schermafdruk"
    for pad in plaatjes:
        assert (REPO / pad).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", pad


def test_the_readme_names_host_port_and_every_demo_user() -> None:
    from passend.accounts.demo import _DEMO as DEMO_GEBRUIKERS

    assert "HOST" in README and "PORT" in README
    for gebruiker in DEMO_GEBRUIKERS:
        assert f"`{gebruiker[0]}`" in README, gebruiker[0]


@pytest.mark.parametrize(("opdracht", "opties"), _opdrachten(), ids=lambda w: str(w)[:40])
def test_every_cli_option_has_a_dutch_help_text(opdracht: str, opties: list[str]) -> None:
    import click

    from passend.cli import main

    c: click.Command = main
    for naam in opdracht.split()[1:]:
        assert isinstance(c, click.Group)
        c = c.commands[naam]
    for param in c.params:
        if isinstance(param, click.Option) and param.opts[0] not in ("--help", "--version"):
            assert param.help, f"{opdracht} {param.opts[0]} heeft geen hulptekst"


def test_the_cli_speaks_dutch_click_included() -> None:
    from click.testing import CliRunner

    from passend.cli import main

    hulp = CliRunner().invoke(main, ["scenario", "run", "--help"], prog_name="passend").output
    assert hulp.startswith("Gebruik: passend scenario run [OPTIES]")
    assert "Opties:" in hulp and "Toon deze hulp en stop." in hulp and "[standaard: 2000]" in hulp
    assert "--runs GETAL" in hulp and "INTEGER" not in hulp
    fout = CliRunner().invoke(main, ["analyse", "markt", "--jaar", "twintig"])
    assert fout.exit_code == 2 and "Fout: Ongeldige waarde voor '--jaar'" in fout.output
    onbekend = CliRunner().invoke(main, ["strategi"])
    assert "Onbekende opdracht 'strategi'" in onbekend.output
