"""Mask personal data in raw fragments kept for the quarantine.

Element-based masking for fragments we could parse, and a pattern-based pass for raw text
(malformed XML) where no element structure can be trusted.
"""

from __future__ import annotations

import re

from lxml import etree

#: Elements whose content identifies a person (or is free text that might): never kept.
PRIVACY_ELEMENTS = frozenset(
    {
        "Bsn",
        "Naam",
        "Geslachtsnaam",
        "Partnernaam",
        "Voornamen",
        "Voorletters",
        "Voorvoegsel",
        "Achternaam",
        "Adres",
        "Huis",
        "Huisnummer",
        "Huisletter",
        "HuisnummerToevoeging",
        "Postcode",
        "Straatnaam",
        "Plaatsnaam",
        "Telefoon",
        "Telefoon01",
        "Telefoon02",
        "Telefoonnummer",
        "Landnummer",
        "Emailadres",
        "Commentaar",
        "Relaties",
        "Relatie",
        "Contactgegevens",
        "Contact",
        "Organisatie",
    }
)
BSN_MASKER = "*********"
VERWIJDERD = "[verwijderd]"

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# An opening privacy tag and the text up to the next tag; also catches unclosed tags.
_PRIVACY_TEXT = re.compile(
    r"(<(?:[\w.-]+:)?(" + "|".join(sorted(PRIVACY_ELEMENTS)) + r")\b[^>]*>)([^<]*)"
)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def maskeer_element(element: etree._Element) -> str:
    """Serialise a copy of `element` with every personal-data element emptied."""
    kopie = etree.fromstring(etree.tostring(element))
    for node in kopie.iter():
        naam = _local(node.tag)
        if naam in PRIVACY_ELEMENTS:
            for kind in list(node):
                node.remove(kind)
            node.text = BSN_MASKER if naam == "Bsn" else VERWIJDERD
    return etree.tostring(kopie, encoding="unicode")


def maskeer_tekst(tekst: str) -> str:
    """Mask a raw text fragment: personal-data element contents and any 9-digit number."""
    gemaskeerd = _PRIVACY_TEXT.sub(
        lambda m: (
            m.group(1) + (BSN_MASKER if m.group(2) == "Bsn" else VERWIJDERD)
            if m.group(3).strip()
            else m.group(0)
        ),
        tekst,
    )
    return _NINE_DIGITS.sub(BSN_MASKER, gemaskeerd)
