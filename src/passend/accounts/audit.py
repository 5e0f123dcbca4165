"""The audit log: explicit entries (uploads, user management) and a middleware that records
every page or API response an authenticated user received, so a new page cannot escape it."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from passend.accounts.models import AuditRegel
from passend.accounts.scope import rol_van

log = logging.getLogger(__name__)

#: Paths never logged: static files, language switch, progress polling.
NIET_AUDITEN = ("/static/", "/i18n/", "/favicon.ico")


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the X-Forwarded-For entry set by PASSEND_TRUSTED_PROXIES proxies."""
    proxies = int(getattr(settings, "PASSEND_TRUSTED_PROXIES", 0) or 0)
    adres = request.META.get("REMOTE_ADDR", "")
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and doorgestuurd:
        keten = [deel.strip() for deel in doorgestuurd.split(",") if deel.strip()]
        if len(keten) >= proxies:
            adres = keten[-proxies]
    try:
        return str(ipaddress.ip_address(adres))
    except ValueError:
        return None


def schrijf(
    request: HttpRequest | None,
    actie: str,
    object_: str,
    *,
    gebruiker: str | None = None,
    **details: Any,
) -> None:
    """Add one audit entry. `details` must hold no client data (codes and counts only)."""
    user = getattr(request, "user", None) if request is not None else None
    naam = gebruiker if gebruiker is not None else getattr(user, "username", "") or ""
    rol = rol_van(user) if user is not None else None
    AuditRegel.objects.create(
        gebruiker=naam[:150],
        rol=rol.value if rol else "",
        actie=actie,
        object=object_[:500],
        details=details,
        ip=client_ip(request) if request is not None else None,
    )


def _actie(request: HttpRequest, response: HttpResponse) -> str | None:
    if response.status_code == 403:
        return AuditRegel.Actie.GEWEIGERD
    if not 200 <= response.status_code < 300 or request.method not in ("GET", "HEAD"):
        return None
    if request.GET.get("export") or request.GET.get("formaat") in ("csv", "xlsx"):
        return AuditRegel.Actie.EXPORT
    return AuditRegel.Actie.BEKEKEN


class AuditMiddleware:
    """Record each page or API response an authenticated user got (or was refused)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(NIET_AUDITEN) or getattr(request, "_passend_geen_audit", False):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        actie = _actie(request, response)
        if actie is not None:
            try:
                schrijf(request, actie, request.get_full_path()[:500])
            except Exception:  # the audit must never turn a page into an error page
                log.exception("Auditregel kon niet worden geschreven")
        return response


def ip_geblokkeerd(request: HttpRequest) -> bool:
    """Too many failed logins from this IP address lately, whatever the usernames tried.

    django-axes locks a username per address; this also stops one address that tries many
    usernames (a password spray). The window is the lockout time.
    """
    ip = client_ip(request)
    if ip is None:
        return False
    grens = timezone.now() - settings.AXES_COOLOFF_TIME
    mislukt = AuditRegel.objects.filter(
        actie=AuditRegel.Actie.MISLUKT, ip=ip, tijdstip__gte=grens
    ).count()
    return mislukt >= settings.PASSEND_IP_POGINGEN
