"""Access control for every page: login, the TOTP step and the role, enforced centrally.

Each view declares the roles that may open it with :func:`toegang` (or :func:`openbaar`
for the login pages). The middleware refuses (403) any view that declares nothing, so a new
page cannot escape the checks. Scope (which gemeenten) is checked in the views with
:func:`passend.accounts.scope.eis_gemeente`. The REST API (DRF views) checks the same roles
through :class:`passend.web.api.toegang.RolToegang`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from passend.accounts.mfa import moet_instellen, moet_verifieren
from passend.accounts.rollen import Rol
from passend.accounts.scope import rol_van

V = TypeVar("V", bound=Callable[..., Any])

#: Prefixes with their own access control: Django's admin (staff only) and static files.
EIGEN_CONTROLE = ("/admin/", "/static/")


def toegang(
    rollen: Iterable[Rol], *, mfa_stap: bool = False, mfa_instellen: bool = False
) -> Callable[[V], V]:
    """Declare the roles that may open a view (function or class).

    `mfa_stap`: open before the TOTP code of this session is given; `mfa_instellen`: open to
    a user who must still set up TOTP.
    """
    toegestaan = frozenset(rollen)

    def markeer(view: V) -> V:
        view.passend_rollen = toegestaan  # type: ignore[attr-defined]
        view.passend_mfa_stap = mfa_stap  # type: ignore[attr-defined]
        view.passend_mfa_instellen = mfa_instellen  # type: ignore[attr-defined]
        return view

    return markeer


def openbaar(view: V) -> V:
    """Mark a view that needs no login (the login page, the language switch)."""
    view.passend_openbaar = True  # type: ignore[attr-defined]
    return view


def _kenmerk(view_func: Any, naam: str, standaard: Any = None) -> Any:
    klassen = (getattr(view_func, "view_class", None), getattr(view_func, "cls", None))
    for doel in (view_func, *klassen):
        if doel is not None and hasattr(doel, naam):
            return getattr(doel, naam)
    return standaard


def is_api_view(view_func: Any) -> bool:
    return getattr(view_func, "cls", None) is not None


class ToegangMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.path.startswith(EIGEN_CONTROLE) or is_api_view(view_func):
            return None
        if _kenmerk(view_func, "passend_openbaar", False):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if moet_verifieren(request.user) and not _kenmerk(view_func, "passend_mfa_stap", False):
            return redirect("mfa-verifieren")
        if moet_instellen(request.user) and not _kenmerk(view_func, "passend_mfa_instellen"):
            return redirect("mfa-instellen")
        rollen = _kenmerk(view_func, "passend_rollen")
        if rollen is None or rol_van(request.user) not in rollen:
            raise PermissionDenied("Uw rol geeft geen toegang tot deze pagina.")
        return None


def mag_contracten_bewerken(request: HttpRequest) -> bool:
    """Whether the user may change the contract register and its sheets, tenders and runs."""
    from passend.accounts.rollen import CONTRACTEN_BEWERKEN

    return rol_van(request.user) in CONTRACTEN_BEWERKEN
