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
