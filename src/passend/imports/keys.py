"""The pseudonymisation key: from the environment, or a 0600 file outside the database."""

from __future__ import annotations

from django.conf import settings

from passend.domain.pseudonym import SLEUTEL_MINIMUM_BYTES, pseudoniem
from passend.settings_paths import secret_file

KEY_FILE = "pseudoniem.key"


def pseudonimiseringssleutel() -> bytes:
    """The HMAC key. Losing it means new pseudonyms for the same BSNs: back it up."""
    hex_key = getattr(settings, "PASSEND_PSEUDONYM_KEY_HEX", "")
    sleutel = bytes.fromhex(hex_key) if hex_key else secret_file(KEY_FILE, SLEUTEL_MINIMUM_BYTES)
    if len(sleutel) < SLEUTEL_MINIMUM_BYTES:
        raise ValueError("PASSEND_PSEUDONYM_KEY moet minstens 32 bytes (64 hex-tekens) zijn.")
    return sleutel


def pseudoniem_van(bsn: str) -> str:
    """The keyed pseudonym of a (checked) BSN with this installation's key: what an editor
    or a search stores and looks up, without handling the key itself."""
    return pseudoniem(bsn, pseudonimiseringssleutel())
