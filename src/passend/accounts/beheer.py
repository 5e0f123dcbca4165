"""Create and list users with a role and scope: shared by the CLI, the web and the demo."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from passend.accounts.models import Profiel
from passend.accounts.rollen import Rol
from passend.reference.models import Gemeente, Jeugdregio


class OngeldigeScope(ValueError):
    """Unknown gemeente code or jeugdregio name, or no scope at all."""


@dataclass(frozen=True)
class GebruikerRegel:
    username: str
    rol: str
    scope: str
    actief: bool
    mfa: bool


def _regio(naam: str | None) -> Jeugdregio | None:
    if not naam:
        return None
    regio = Jeugdregio.objects.filter(naam__iexact=naam.strip()).first()
    if regio is None:
        raise OngeldigeScope(f"Onbekende jeugdregio: {naam}")
    return regio


def _gemeenten(codes: Iterable[str]) -> list[Gemeente]:
    schoon = [c.strip().upper().removeprefix("GM").zfill(4) for c in codes if c.strip()]
    gevonden = list(Gemeente.objects.filter(code__in=schoon))
    ontbrekend = sorted(set(schoon) - {g.code for g in gevonden})
    if ontbrekend:
        raise OngeldigeScope(f"Onbekende gemeentecode(s): {', '.join(ontbrekend)}")
    return gevonden


@transaction.atomic
def zet_gebruiker(
    username: str,
    rol: Rol | str,
    *,
    gemeenten: Iterable[str] = (),
    regio: str | None = None,
    wachtwoord: str | None = None,
    valideer_wachtwoord: bool = True,
    demo: bool = False,
) -> Profiel:
    """Create or update a user with a role and a scope (gemeenten and/or a jeugdregio)."""
    rol = Rol(rol)
    jeugdregio = _regio(regio)
    lijst = _gemeenten(gemeenten)
    if jeugdregio is None and not lijst:
        raise OngeldigeScope("Geef een gemeente (--gemeente) of een jeugdregio (--regio) op.")
    user, _ = get_user_model().objects.get_or_create(username=username)
    if wachtwoord is not None:
        if valideer_wachtwoord:
            validate_password(wachtwoord, user)
        user.set_password(wachtwoord)
        user.save()
    profiel, _ = Profiel.objects.update_or_create(
        gebruiker=user, defaults={"rol": rol.value, "jeugdregio": jeugdregio, "demo": demo}
    )
    profiel.gemeenten.set(lijst)
    return profiel


def gebruikers() -> list[GebruikerRegel]:
    """Every user with role, scope, active flag and whether TOTP is set up."""
    from django_otp import user_has_device

    from passend.accounts.scope import scope_omschrijving

    regels = []
    for user in get_user_model().objects.order_by("username").select_related("profiel"):
        profiel = getattr(user, "profiel", None)
        regels.append(
            GebruikerRegel(
                username=user.username,
                rol=profiel.rol if profiel else ("beheerder" if user.is_superuser else ""),
                scope=scope_omschrijving(user),
                actief=user.is_active,
                mfa=user_has_device(user),
            )
        )
    return regels
