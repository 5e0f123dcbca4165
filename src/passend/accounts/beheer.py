"""Create and list users with a role and scope: shared by the CLI, the web and the demo."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from passend.accounts.models import Profiel
from passend.accounts.rollen import Rol
from passend.accounts.scope import gemeenten_in_scope
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


def toegekend_bereik(jeugdregio: Jeugdregio | None, gemeenten: Iterable[Gemeente]) -> set[str]:
    """The gemeente codes a scope of a jeugdregio and/or gemeenten covers."""
    codes = {g.code for g in gemeenten}
    if jeugdregio is not None:
        codes |= set(Gemeente.objects.filter(jeugdregio=jeugdregio).values_list("code", flat=True))
    return codes


def eis_binnen_bereik(door: Any, codes: set[str]) -> None:
    """A beheerder grants only gemeenten inside their own scope (`door` None: the CLI operator,
    who has the server itself)."""
    if door is None:
        return
    buiten = sorted(codes - gemeenten_in_scope(door))
    if buiten:
        raise OngeldigeScope(
            "U kunt alleen gemeenten toekennen die binnen uw eigen bereik vallen; buiten uw "
            f"bereik: {', '.join(buiten[:10])}{' …' if len(buiten) > 10 else ''}."
        )


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
    door: Any = None,
) -> Profiel:
    """Create or update a user with a role and a scope (gemeenten and/or a jeugdregio).

    `door`: the beheerder who grants it; the scope must lie inside theirs.
    """
    rol = Rol(rol)
    jeugdregio = _regio(regio)
    lijst = _gemeenten(gemeenten)
    if jeugdregio is None and not lijst:
        raise OngeldigeScope("Geef een gemeente (--gemeente) of een jeugdregio (--regio) op.")
    eis_binnen_bereik(door, toegekend_bereik(jeugdregio, lijst))
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


def beheert(door: Any, doel: Any) -> bool:
    """Whether `door` may manage `doel`: the user's whole scope lies inside door's scope."""
    if door is None:
        return True
    return gemeenten_in_scope(doel) <= gemeenten_in_scope(door)


def gebruikers(door: Any = None) -> list[GebruikerRegel]:
    """Every user `door` may manage, with role, scope, active flag and whether TOTP is on."""
    from django_otp import user_has_device

    from passend.accounts.scope import scope_omschrijving

    regels = []
    for user in get_user_model().objects.order_by("username").select_related("profiel"):
        if not beheert(door, user):
            continue
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
