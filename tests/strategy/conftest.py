"""Shared fixtures: one synthetic region (see synthetisch.py) and its scenario input."""

from __future__ import annotations

import pytest

from tests.strategy.synthetisch import synthetische_tabellen


@pytest.fixture(scope="session")
def tabellen():
    return synthetische_tabellen(clienten=3000, seed=11)


@pytest.fixture(scope="session")
def con(tabellen):
    from passend.analysis.relaties import verbind

    return verbind(tabellen)


@pytest.fixture(scope="session")
def invoer(con):
    from passend.analysis.gebied import Gebied
    from passend.strategy.invoer import bouw_invoer

    return bouw_invoer(con, Gebied.standaard())
