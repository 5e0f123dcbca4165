"""Masking of BSN-shaped numbers and of user-supplied file names.

Suites name exports after the client (``JW301_999900018_Jansen.xml``) and people write a BSN
as ``999 900 018`` or ``999.900.018``, so a mask that looks only for nine adjacent digits
leaks. These functions are the one place that decides what counts as BSN-shaped; the
fragment masking, the log filter, quarantine reasons and stored file names all use them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from passend.domain.elfproef import is_geldig_bsn

BSN_MASKER = "*********"
NAAM_MASKER = "…"

#: A run of digit groups, each pair of groups separated by one space, dot, dash, underscore,
#: slash or non-breaking space ("999 900 018", "9999.00.018", "JW301_999900018").
#: The digits of a message code (JW301, WMO323) stand alone, so they never join a BSN window.
_CIJFERREEKS = re.compile(r"(?i:(?<=jw)|(?<=mo))\d{3}|\d+(?:[ \u00a0.\-_/]\d+)*")
_GROEP = re.compile(r"\d+")
#: Tokens of a file name that are kept in its display form: message types and common words
#: of suite exports; every other word may be a name and is replaced.
_BEKENDE_WOORDEN = frozenset(
    {
        "jw",
        "wmo",
        "ijw",
        "iwmo",
        "export",
        "exports",
        "import",
        "bericht",
        "berichten",
        "toewijzing",
        "toewijzingen",
        "declaratie",
        "declaraties",
        "declaratieregels",
        "levering",
        "leveringen",
        "start",
        "stop",
        "zorg",
        "jeugd",
        "jeugdhulp",
        "retour",
        "batch",
        "deel",
        "week",
        "maand",
        "jaar",
        "kwartaal",
        "regio",
        "gemeente",
        "aanbieder",
        "aanbieders",
        "bevolking",
        "sjabloon",
        "template",
        "test",
        "demo",
        "data",
        "xml",
        "csv",
        "xlsx",
        "zip",
        "v",
        "versie",
        "definitief",
        "concept",
        "archief",
    }
)
_WOORD = re.compile(r"[^\W\d_]+|\d+")
_BERICHTCODE = re.compile(r"(?i)^(jw|wmo)\d{3}$")


def _is_bsn_vorm(cijfers: str) -> bool:
    return len(cijfers) == 9 or (len(cijfers) == 8 and is_geldig_bsn(cijfers))


def _maskeer_reeks(m: re.Match[str]) -> str:
    """Mask every window of adjacent groups in a digit run that together are BSN-shaped."""
    reeks = m.group(0)
    if reeks.isdigit():  # one group (most runs): the only window is the whole run
        return BSN_MASKER if _is_bsn_vorm(reeks) else reeks
    groepen = list(_GROEP.finditer(reeks))
    verberg = [False] * len(reeks)
    for begin in range(len(groepen)):
        cijfers = ""
        for einde in range(begin, len(groepen)):
            cijfers += groepen[einde].group(0)
            if len(cijfers) > 9:
                break
            if _is_bsn_vorm(cijfers):
                for i in range(groepen[begin].start(), groepen[einde].end()):
                    verberg[i] = True
    if not any(verberg):
        return reeks
    return re.sub(
        r"\*+", BSN_MASKER, "".join("*" if v else c for c, v in zip(reeks, verberg, strict=True))
    )


def maskeer_bsn(tekst: str) -> str:
    """`tekst` with every BSN-shaped number replaced by asterisks, in any spacing.

    Nine digits are masked whether or not they pass the elfproef (a mistyped BSN is still
    personal); eight digits only when they pass it, so AGB codes mostly stay readable.
    """
    return _CIJFERREEKS.sub(_maskeer_reeks, tekst)


@dataclass(frozen=True)
class VeiligeNaam:
    """A user-supplied file name as it may be stored: its SHA-256 and a masked display form."""

    sha256: str
    weergave: str


def veilige_bestandsnaam(naam: str) -> VeiligeNaam:
    """The SHA-256 of `naam` and a display name that keeps only what cannot identify a person.

    Kept: message codes (JW301, WMO323), known export words, digit runs that are not
    BSN-shaped (dates, AGB codes), separators and the extension. Every other word becomes
    ``…``; a zip member keeps its archive's masked name before ``!``.
    """
    digest = hashlib.sha256(naam.encode("utf-8", "surrogatepass")).hexdigest()
    delen = [_maskeer_deel(deel) for deel in naam.split("!")]
    return VeiligeNaam(digest, "!".join(delen)[:300])


def _maskeer_deel(pad: str) -> str:
    staart = pad.replace("\\", "/").rpartition("/")[2]
    # The last part as is, unless the path ends in "/" or "." (PurePosixPath resolves those).
    naam = staart if staart not in ("", ".") else PurePosixPath(pad.replace("\\", "/")).name
    stam, punt, extensie = naam.rpartition(".")
    if not punt or not extensie.isalnum() or len(extensie) > 5:
        stam, extensie = naam, ""
    stam = maskeer_bsn(stam)
    gemaskeerd = _WOORD.sub(_maskeer_woord, stam)
    return f"{gemaskeerd}.{extensie.lower()}" if extensie else gemaskeerd


def _maskeer_woord(m: re.Match[str]) -> str:
    woord = m.group(0)
    if woord.isdigit() or woord.lower() in _BEKENDE_WOORDEN or _BERICHTCODE.match(woord):
        return woord
    return NAAM_MASKER
