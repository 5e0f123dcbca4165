"""Which gemeenten a user may see, and which role they have."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from passend.accounts.rollen import Rol
from passend.reference.models import Gemeente


def rol_van(user: Any) -> Rol | None:
    """The user's role; a superuser without a profile counts as beheerder."""
    if not getattr(user, "is_authenticated", False):
        return None
    profiel = getattr(user, "profiel", None)
    if profiel is not None:
        try:
            return Rol(profiel.rol)
        except ValueError:
            return None
    return Rol.BEHEERDER if user.is_superuser else None


def gemeenten_in_scope(user: Any) -> frozenset[str]:
    """CBS codes of the gemeenten the user may see (cached on the user object)."""
    cache = getattr(user, "_passend_scope", None)
    if cache is not None:
        return cache
    codes: frozenset[str] = frozenset()
    profiel = getattr(user, "profiel", None) if getattr(user, "is_authenticated", False) else None
    if profiel is not None:
        regio = set()
        if profiel.jeugdregio_id:
            regio = set(
                Gemeente.objects.filter(jeugdregio_id=profiel.jeugdregio_id).values_list(
                    "code", flat=True
                )
            )
        codes = frozenset(regio | set(profiel.gemeenten.values_list("code", flat=True)))
    elif getattr(user, "is_superuser", False):
        codes = frozenset(Gemeente.objects.values_list("code", flat=True))
    user._passend_scope = codes
    return codes


def scope_omschrijving(user: Any) -> str:
    """'Zuid-Holland Zuid' or 'Dordrecht, Zwijndrecht', for the page header."""
    if not hasattr(user, "_passend_scope_naam"):
        user._passend_scope_naam = _scope_omschrijving(user)
    return user._passend_scope_naam


def _scope_omschrijving(user: Any) -> str:
    profiel = getattr(user, "profiel", None)
    if profiel is None:
        return "alle gemeenten" if getattr(user, "is_superuser", False) else ""
    delen = [profiel.jeugdregio.naam] if profiel.jeugdregio_id else []
    delen += list(profiel.gemeenten.order_by("naam").values_list("naam", flat=True))
    return ", ".join(delen)


def regio_in_scope(user: Any) -> str | None:
    """The jeugdregio whose gemeenten are all in scope, if the profile names one."""
    profiel = getattr(user, "profiel", None)
    if profiel is not None and profiel.jeugdregio_id:
        return profiel.jeugdregio.naam
    return None


def eis_gemeente(user: Any, code: str | None) -> None:
    """Raise PermissionDenied when `code` is given and lies outside the user's scope."""
    if code and code not in gemeenten_in_scope(user):
        raise PermissionDenied("Deze gemeente valt buiten uw bevoegdheid.")
