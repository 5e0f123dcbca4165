"""Demo accounts for the synthetic demo region Zuid-Holland Zuid.

Passwords are derived from a secret in the data directory (``demo-gebruikers.key``, mode
0600), so a repeated `passend demo` prints the same, unguessable passwords and changes
nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from passend.accounts.beheer import zet_gebruiker
from passend.accounts.rollen import Rol
from passend.settings_paths import secret_file

DEMO_REGIO = "Zuid-Holland Zuid"
DORDRECHT = "0505"


@dataclass(frozen=True)
class DemoGebruiker:
    username: str
    password: str
    role: str
    scope: str


#: (username, role, gemeenten, regio, scope as shown)
_DEMO = (
    ("beheerder", Rol.BEHEERDER, (), DEMO_REGIO, DEMO_REGIO),
    ("analist", Rol.REGIO_ANALIST, (), DEMO_REGIO, DEMO_REGIO),
    ("beleid-dordrecht", Rol.BELEIDSMEDEWERKER, (DORDRECHT,), None, "Dordrecht (0505)"),
    ("contractmanager", Rol.CONTRACTMANAGER, (), DEMO_REGIO, DEMO_REGIO),
    ("raad", Rol.ALLEEN_LEZEN, (), DEMO_REGIO, DEMO_REGIO),
)


def demo_wachtwoord(username: str) -> str:
    """The demo password of `username` in this data directory."""
    sleutel = secret_file("demo-gebruikers.key")
    digest = hmac.new(sleutel, username.encode(), hashlib.sha256).digest()
    return "demo-" + base64.b32encode(digest[:10]).decode().lower()


def _referentie_aanwezig() -> None:
    from passend.reference.models import Gemeente
    from passend.reference.sync import synchroniseer_referentie

    if not Gemeente.objects.exists():
        synchroniseer_referentie()


def _geen_echte_gebruiker(username: str) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is not None and not getattr(getattr(user, "profiel", None), "demo", False):
        raise ValueError(
            f"Gebruiker '{username}' bestaat al en is geen demogebruiker; niet gewijzigd."
        )


def zet_demo_gebruiker(
    username: str, rol: Rol | str, gemeenten: Sequence[str], regio: str | None
) -> str:
    """Create or reset demo user `username` with its derived password (returned). A real
    user of that name is never turned into a demo user (ValueError)."""
    _geen_echte_gebruiker(username)
    wachtwoord = demo_wachtwoord(username)
    zet_gebruiker(
        username,
        rol,
        gemeenten=gemeenten,
        regio=regio,
        wachtwoord=wachtwoord,
        valideer_wachtwoord=False,
        demo=True,
    )
    return wachtwoord


def maak_demo_gebruikers() -> list[DemoGebruiker]:
    """Create (or reset) the five demo users idempotently and return their credentials."""
    _referentie_aanwezig()
    return [
        DemoGebruiker(
            username, zet_demo_gebruiker(username, rol, gemeenten, regio), rol.value, scope
        )
        for username, rol, gemeenten, regio, scope in _DEMO
    ]
