"""Log in, log out and failed logins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from passend.accounts import audit
from passend.accounts.models import AuditRegel


@receiver(user_logged_in)
def _ingelogd(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.schrijf(request, AuditRegel.Actie.INLOGGEN, "login", gebruiker=user.username)


@receiver(user_logged_out)
def _uitgelogd(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.schrijf(request, AuditRegel.Actie.UITLOGGEN, "logout", gebruiker=user.username)


@receiver(user_login_failed)
def _mislukt(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    naam = str(credentials.get("username", ""))[:150]
    audit.schrijf(request, AuditRegel.Actie.MISLUKT, "login", gebruiker=naam)
