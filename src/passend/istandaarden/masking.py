"""Fragments of quarantined records, built by an allow-list so that nothing personal leaks.

A fragment shows a person fixing the source data which record it was and what it held. It
is never a copy of the input: it is written afresh from the parsed element, keeping only

* element names that the iJw/iWmo 3.2 spec declares and that are not personal data, and
* the values of those elements when they are short, with BSN-shaped numbers masked.

Everything else is replaced by a marker: personal elements (BSN, names, address, phone,
e-mail, birth date, free text), elements the spec does not know (a damaged or misspelt tag
may hold a name: ``<Achternaaam>``), stray text in complex content, comments, processing
instructions and entity references. Non-XML input gets no fragment at all, only its size.
Building a fragment never raises: it walks the element tree lxml already parsed and never
parses again.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

from lxml import etree

from passend.domain.maskering import BSN_MASKER, maskeer_bsn
from passend.istandaarden.persoonsgegevens import PERSOONLIJKE_ELEMENTEN

#: Elements whose content identifies a person (one list: :mod:`.persoonsgegevens`).
PRIVACY_ELEMENTS = PERSOONLIJKE_ELEMENTEN
#: Hidden in fragments as well, though the reader uses them (the age needs the birth date).
_VERBORGEN_IN_FRAGMENT = PRIVACY_ELEMENTS | {"Geboortedatum", "ReferentieAanbieder"}
VERWIJDERD = "[verwijderd]"
ONBEKEND = "<!-- element verwijderd: niet in de iJw/iWmo-specificatie -->"
LOSSE_TEKST = "<!-- tekst buiten een waarde verwijderd -->"
INGEKORT = "<!-- fragment ingekort -->"

MAX_WAARDE = 80
MAX_ELEMENTEN = 300
MAX_DIEPTE = 12


@cache
def spec_elementnamen() -> frozenset[str]:
    """Every element name the iJw and iWmo 3.2 specs declare."""
    namen: set[str] = set()
    for bestand in ("ijw-3.2.json", "iwmo-3.2.json"):
        spec = json.loads((files("passend.istandaarden.spec") / bestand).read_text("utf-8"))
        schemas = [spec["base_schema"], *spec["messages"].values()]
        for schema in schemas:
            for deeltjes in schema.get("complex_types", {}).values():
                namen.update(deeltje[1] for deeltje in deeltjes)
            if "root" in schema:
                namen.add(schema["root"][0])
    return frozenset(namen)


@cache
def toegestane_elementen() -> frozenset[str]:
    """The allow-list: declared element names that are not personal data."""
    return spec_elementnamen() - _VERBORGEN_IN_FRAGMENT


def _lokaal(tag: object) -> str | None:
    """Local name of an element tag; None for comments, PIs and entities."""
    if not isinstance(tag, str):
        return None
    return tag.rpartition("}")[2]


def _waarde(tekst: str | None) -> str:
    schoon = " ".join((tekst or "").split())
    if len(schoon) > MAX_WAARDE:
        schoon = f"{schoon[:MAX_WAARDE]}… ({len(schoon)} tekens)"
    return escape(maskeer_bsn(schoon))


def _heeft_losse_tekst(element: etree._Element) -> bool:
    if (element.text or "").strip():
        return True
    return any((kind.tail or "").strip() for kind in element)


class _Schrijver:
    def __init__(self) -> None:
        self.regels: list[str] = []
        self.elementen = 0

    def schrijf(self, element: etree._Element, diepte: int) -> None:
        inspringing = "  " * diepte
        naam = _lokaal(element.tag)
        if naam is None:
            return  # comment, processing instruction or entity reference: never shown
        self.elementen += 1
        if self.elementen > MAX_ELEMENTEN or diepte > MAX_DIEPTE:
            if self.elementen == MAX_ELEMENTEN + 1 or diepte == MAX_DIEPTE + 1:
                self.regels.append(inspringing + INGEKORT)
            return
        if naam not in toegestane_elementen():
            self._verborgen(naam, inspringing)
            return
        kinderen = [k for k in element if isinstance(k.tag, str)]
        if not kinderen:
            self.regels.append(f"{inspringing}<{naam}>{_waarde(_tekst(element))}</{naam}>")
            return
        self.regels.append(f"{inspringing}<{naam}>")
        if _heeft_losse_tekst(element):
            self.regels.append(f"{inspringing}  {LOSSE_TEKST}")
        for kind in kinderen:
            self.schrijf(kind, diepte + 1)
        self.regels.append(f"{inspringing}</{naam}>")

    def _verborgen(self, naam: str, inspringing: str) -> None:
        if naam in _VERBORGEN_IN_FRAGMENT:
            masker = BSN_MASKER if naam == "Bsn" else VERWIJDERD
            self.regels.append(f"{inspringing}<{naam}>{masker}</{naam}>")
        else:
            self.regels.append(inspringing + ONBEKEND)


def _tekst(element: etree._Element) -> str:
    """A leaf's value: its text and the tails of comments/PIs inside it, as XSD reads it."""
    delen = [element.text or ""]
    delen.extend(kind.tail or "" for kind in element)
    return "".join(delen)


def maskeer_element(element: etree._Element) -> str:
    """The allow-listed fragment of `element` (see the module docstring). Never raises."""
    schrijver = _Schrijver()
    try:
        schrijver.schrijf(element, 0)
    except Exception:  # a fragment is a courtesy: the quarantine row must be kept anyway
        return "<!-- fragment niet beschikbaar -->"
    return "\n".join(schrijver.regels)


def beschrijf_geen_xml(inhoud: bytes) -> str:
    """What a person may see of a file that is not XML: its size, never its content."""
    regels = inhoud.count(b"\n") + (1 if inhoud and not inhoud.endswith(b"\n") else 0)
    return f"[geen leesbare XML: {len(inhoud)} bytes, {regels} regels; inhoud niet bewaard]"


__all__ = [
    "PRIVACY_ELEMENTS",
    "VERWIJDERD",
    "beschrijf_geen_xml",
    "maskeer_element",
    "spec_elementnamen",
    "toegestane_elementen",
]
