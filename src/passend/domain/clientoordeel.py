"""The client's judgement at the end of a traject: the two outcome criteria of the national
set that the messages do not carry (CBS Beleidsinformatie Jeugd § 4.3-4.5; definitions in
docs/definities.md § 14).

``tevredenheid``
    "Geef met een rapportcijfer van 1 tot 10 aan hoe nuttig deze hulp voor u / jou was?"
``zonder_hulp``
    whether the client expects to need help again, one of :data:`ZONDER_HULP`; 03 and 04
    count as *zonder hulp verder* (no further help needed now).
``informant``
    who answered: the youth (``jeugdige``) or a parent (``ouder``); at most one answer of
    each per traject.
"""

from __future__ import annotations

from passend.domain.opmaak import lees_heel_getal

TEVREDENHEID = range(1, 11)
ZONDER_HULP: dict[str, tuple[str, str]] = {
    "01": ("Eenzelfde soort of zwaardere hulp nodig", "Same or heavier help needed"),
    "02": ("Met lichtere hulp gaat het goed", "Fine with lighter help"),
    "03": ("Nu geen hulp nodig, later misschien wel", "No help now, perhaps later"),
    "04": ("Geen verdere hulp meer nodig", "No further help needed"),
}
#: The answers that count as "zonder hulp verder".
ZONDER_HULP_VERDER = ("03", "04")
INFORMANTEN: dict[str, tuple[str, str]] = {
    "jeugdige": ("De jeugdige", "The young person"),
    "ouder": ("Ouder of opvoeder", "Parent or carer"),
}
_INFORMANT_SYNONIEMEN = {
    "jongere": "jeugdige",
    "client": "jeugdige",
    "cliënt": "jeugdige",
    "ouders": "ouder",
    "opvoeder": "ouder",
    "ouder/opvoeder": "ouder",
}


def lees_tevredenheid(tekst: str) -> int | None:
    """A report mark 1-10 ('' for none); ValueError naming the range otherwise."""
    try:
        return lees_heel_getal(tekst, TEVREDENHEID.start, TEVREDENHEID.stop - 1)
    except ValueError:
        raise ValueError(
            f"'{tekst.strip()[:10]}' is geen rapportcijfer (een heel getal van 1 tot en met 10)."
        ) from None


def lees_zonder_hulp(tekst: str) -> str:
    """An answer code 01-04 ('1' and '01' alike; '' for none); ValueError otherwise."""
    schoon = tekst.strip()
    if not schoon:
        return ""
    code = schoon.zfill(2) if schoon.isdigit() else schoon
    if code not in ZONDER_HULP:
        raise ValueError(
            f"'{schoon[:10]}' is geen antwoord op 'zonder hulp verder' (kies uit "
            + ", ".join(ZONDER_HULP)
            + ")."
        )
    return code


def lees_informant(tekst: str) -> str:
    """The informant code ('' means the youth); ValueError for another value."""
    schoon = tekst.strip().lower()
    if not schoon:
        return "jeugdige"
    code = _INFORMANT_SYNONIEMEN.get(schoon, schoon)
    if code not in INFORMANTEN:
        raise ValueError(f"'{tekst.strip()[:20]}' is geen informant (kies uit jeugdige of ouder).")
    return code
