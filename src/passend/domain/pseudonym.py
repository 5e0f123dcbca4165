"""Keyed pseudonymisation of the BSN (HMAC-SHA256).

The same BSN and key always give the same pseudonym, so a youth's Jeugd and Wmo records meet
under one Client. Without the key the pseudonym cannot be reversed or recomputed from a BSN
list, which a plain hash would allow (the BSN space is only 10^9).
"""

from __future__ import annotations

import hashlib
import hmac

from passend.domain.elfproef import normaliseer_bsn

SLEUTEL_MINIMUM_BYTES = 32


def pseudoniem(bsn: str, sleutel: bytes) -> str:
    """The client pseudonym for `bsn`: 64 hex characters."""
    if len(sleutel) < SLEUTEL_MINIMUM_BYTES:
        raise ValueError("De pseudonimiseringssleutel is te kort (minimaal 32 bytes).")
    genormaliseerd = normaliseer_bsn(bsn)
    if genormaliseerd is None:
        raise ValueError("Alleen een BSN van 8 of 9 cijfers kan worden gepseudonimiseerd.")
    return hmac.new(sleutel, genormaliseerd.encode("ascii"), hashlib.sha256).hexdigest()
