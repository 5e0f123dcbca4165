"""Authentication and role checks for the API, mirroring passend.web.toegang."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from passend.accounts.mfa import moet_instellen, moet_verifieren
from passend.accounts.scope import rol_van


class SessieAuthenticatie(SessionAuthentication):
    """The browser session, but only after the TOTP step for users who have TOTP."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        if moet_verifieren(resultaat[0]) or moet_instellen(resultaat[0]):
            return None
        return resultaat


class TokenAuthenticatie(TokenAuthentication):
    """An API token, refused for a user whose role requires TOTP that is not set up."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        resultaat = super().authenticate(request)
        if resultaat is not None and moet_instellen(resultaat[0]):
            raise AuthenticationFailed(
                "Stel eerst tweestapsverificatie in (verplicht voor uw rol)."
            )
        return resultaat


class RolToegang(BasePermission):
    """Allow a view's `rollen` only; a view without `rollen` is refused (fail closed)."""

    message = "Uw rol geeft geen toegang tot deze gegevens."

    def has_permission(self, request: Request, view: Any) -> bool:
        rollen = getattr(view, "rollen", None)
        user = request.user
        if rollen is None or user is None or not user.is_authenticated:
            return False
        return rol_van(user) in rollen
