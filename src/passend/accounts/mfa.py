"""TOTP (RFC 6238) as a second factor, on django-otp.

Required for the roles in `PASSEND_TOTP_VERPLICHT_ROLLEN` (beheerder and regio-analist by
default; `PASSEND_TOTP_VERPLICHT=0` switches it off): such a user is sent to set up an
authenticator app before any other page opens. Demo users (synthetic data only) are exempt.
Optional for every other role.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

APPARAAT_NAAM = "authenticator-app"


def heeft_mfa(user: Any) -> bool:
    """Whether the user has a confirmed TOTP device (remembered for this request's user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_passend_mfa"):
        user._passend_mfa = user_has_device(user)
    return user._passend_mfa


def totp_verplicht(user: Any) -> bool:
    """Whether the user's role requires TOTP (demo users excepted)."""
    from passend.accounts.scope import rol_van

    profiel = getattr(user, "profiel", None)
    if profiel is not None and profiel.demo:
        return False
    rol = rol_van(user)
    return rol is not None and rol.value in getattr(settings, "PASSEND_TOTP_VERPLICHT_ROLLEN", ())


def moet_instellen(user: Any) -> bool:
    """True when the user's role requires TOTP and no authenticator app is set up yet."""
    return getattr(user, "is_authenticated", False) and totp_verplicht(user) and not heeft_mfa(user)


def moet_verifieren(user: Any) -> bool:
    """True when the user has TOTP set up but this session did not pass it yet."""
    if not heeft_mfa(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def nieuw_apparaat(user: Any) -> TOTPDevice:
    """A fresh unconfirmed TOTP device (an earlier unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APPARAAT_NAAM, confirmed=False)


def onbevestigd_apparaat(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def qr_svg(apparaat: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no external service, no script)."""
    return segno.make(apparaat.config_url, error="m").svg_inline(scale=4, dark="#1b1b1b")


def geheim_base32(apparaat: TOTPDevice) -> str:
    import base64

    return base64.b32encode(apparaat.bin_key).decode().rstrip("=")


def bevestig(apparaat: TOTPDevice, token: str) -> bool:
    if apparaat.verify_token(token.strip()):
        apparaat.confirmed = True
        apparaat.save()
        return True
    return False


def verwijder(user: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()
