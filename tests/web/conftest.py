"""Fixtures for the web tests: users per role, loaded test messages, a logged-in client."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from passend.accounts.rollen import Rol
from tests import berichten as b
from tests.web.gegevens import maak_zip

ZHZ = "Zuid-Holland Zuid"
WACHTWOORD = "een-lang-testwachtwoord-2026"

#: username -> (role, gemeenten, regio)
GEBRUIKERS: dict[str, tuple[Rol, tuple[str, ...], str | None]] = {
    "beheerder": (Rol.BEHEERDER, (), ZHZ),
    "analist": (Rol.REGIO_ANALIST, (), ZHZ),
    "beleid": (Rol.BELEIDSMEDEWERKER, ("0505",), None),
    "contract": (Rol.CONTRACTMANAGER, (), ZHZ),
    "raad": (Rol.ALLEEN_LEZEN, (), ZHZ),
}


@pytest.fixture(autouse=True)
def _verse_analysecache(settings: Any) -> Any:
    """Each test sees its own database: drop cached DuckDB connections and results, and look
    at the import ledger on every request."""
    from passend.web import analysedata

    settings.PASSEND_DATAVERSIE_SECONDEN = 0

    analysedata.vergeet()
    yield
    analysedata.vergeet()


@pytest.fixture
def synchrone_import(settings: Any) -> None:
    settings.PASSEND_IMPORT_ACHTERGROND = False


@pytest.fixture
def gebruikers(db: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from passend.accounts.beheer import zet_gebruiker

    for naam, (rol, gemeenten, regio) in GEBRUIKERS.items():
        zet_gebruiker(
            naam,
            rol,
            gemeenten=gemeenten,
            regio=regio,
            wachtwoord=WACHTWOORD,
            valideer_wachtwoord=False,
        )
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def geladen(db: Any, tmp_path: Path) -> Any:
    """The test messages (three gemeenten, one invalid message) imported."""
    from passend.imports.pipeline import importeer

    return importeer([maak_zip(tmp_path / "invoer")], gebruiker="test")


@pytest.fixture
def als(gebruikers: dict[str, Any]) -> Callable[[str], Any]:
    """A test client logged in as the given user (without the login form)."""
    from django.test import Client

    def inloggen(naam: str) -> Client:
        client = Client()
        client.force_login(gebruikers[naam])
        return client

    return inloggen


#: The small contract register of the contract pages' tests.
REGISTER = f"""contractnummer;agb;gemeente;regio;domein;segment;uitvoeringsvariant;ingangsdatum;einddatum
ZHZ-4A;{b.AGB};;Zuid-Holland Zuid;jeugd;4A;inspanningsgericht;2024-01-01;2024-12-31
DOR-W;87654321;0505;;wmo;W;inspanningsgericht;2024-01-01;2027-12-31
AMS-1;{b.AGB};0363;;jeugd;4A;inspanningsgericht;2024-01-01;2024-12-31
"""
TARIEF = """contractnummer;productcategorie;productcode;eenheid;tarief_euro;geldig_vanaf
ZHZ-4A;45;45A01;04;85,20;2024-01-01
"""
RUIMTE = """contractnummer;jaar;bedrag_euro
ZHZ-4A;2024;1.000
"""


@pytest.fixture
def register(tmp_path: Path, db: Any) -> None:
    """A small contract register (ZHZ-4A with a tariff and a room, DOR-W, AMS-1) imported."""
    from passend.imports.pipeline import importeer

    map_ = tmp_path / "register"
    map_.mkdir()
    (map_ / "contract.csv").write_text(REGISTER, encoding="utf-8")
    (map_ / "tarief.csv").write_text(TARIEF, encoding="utf-8")
    (map_ / "ruimte.csv").write_text(RUIMTE, encoding="utf-8")
    s = importeer([map_])
    assert s.quarantined == 0
