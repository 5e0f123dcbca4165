"""Template context for every page: role, scope, menu and TOTP state."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from passend.accounts.mfa import heeft_mfa
from passend.accounts.rollen import rol_naam
from passend.accounts.scope import rol_van, scope_omschrijving
from passend.web.navigatie import menu_voor


def passend(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"passend_menu": []}
    rol = rol_van(user)
    menu = []
    for item in menu_voor(rol):
        try:
            url = reverse(item.url_naam)
        except NoReverseMatch:
            continue
        actief = request.path == url or (url != "/" and request.path.startswith(url))
        menu.append({"url": url, "label": item.label, "actief": actief})
    return {
        "passend_menu": menu,
        "passend_rol": rol.value if rol else "",
        "passend_rol_naam": rol_naam(rol.value) if rol else "",
        "passend_scope": scope_omschrijving(user),
        "passend_mfa": heeft_mfa(user),
    }
