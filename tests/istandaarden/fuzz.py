"""Fuzzing of iJw/iWmo messages: valid generated documents with known personal values,
structurally mutated (tree level, see xmlgen.Muteerder) and damaged at byte level (bit
flips, broken tags, entities, encodings, truncation, CDATA, comments).

Used by tests/imports/test_fuzz.py (bounded, in CI) and benchmarks/fuzz_import.py (long
runs). The verdict of the official XSD comes from lxml XMLSchema over the same bytes.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from passend.istandaarden.reader import BerichtLezer
from tests.istandaarden import xmlgen

XSD_DIR = Path(__file__).resolve().parents[2].parent / "shared/reference/istandaarden-3.2/ijw-xsd"
#: Message types whose records Passend stores (the reader builds records for these).
SOORTEN = ["JW301", "JW305", "JW307", "JW315", "JW317", "JW323"]
WMO_SOORTEN = ["WMO301", "WMO305", "WMO307", "WMO323"]

#: Personal values put into every generated message; none may survive an import.
GEHEIM_BSN = "999991115"
GEHEIME_NAAM = "Qwertzuiopsen"
GEHEIME_STRAAT = "Fuzzlaanstraat"
GEHEIMEN = (GEHEIM_BSN, GEHEIME_NAAM, GEHEIME_STRAAT)
_PERSOONLIJK = {"Bsn": GEHEIM_BSN, "Achternaam": GEHEIME_NAAM, "Straatnaam": GEHEIME_STRAAT}

STRUCTUUR_REGELS_PREFIX = ("XSD-",)
STRUCTUUR_REGELS = frozenset({"XML-ONLEESBAAR", "ONBEKEND-BERICHTTYPE"})


@dataclass(frozen=True)
class Geval:
    soort: str
    xml: bytes
    mutaties: tuple[str, ...]


def _met_geheimen(knoop: xmlgen.Knoop) -> None:
    for k in knoop.alle():
        if k.naam in _PERSOONLIJK and k.kinderen is None:
            k.waarde = _PERSOONLIJK[k.naam]


def genereer(rng: random.Random, soort: str, structureel: int, bytes_: int) -> Geval:
    bestand = "iwmo-3.2.json" if soort.startswith("WMO") else "ijw-3.2.json"
    doc = xmlgen.geldig_document(rng, soort, bestand)
    _met_geheimen(doc)
    muteerder = xmlgen.Muteerder(rng, xmlgen.Schema(soort, bestand))
    mutaties = [muteerder.muteer(doc) for _ in range(structureel)]
    xml = xmlgen.serialiseer(rng, doc, soort, bestand)
    for _ in range(bytes_):
        if len(xml) < 2:
            break  # truncated to nothing: no byte left to mutate
        xml, beschrijving = rng.choice(BYTE_MUTATIES)(rng, xml)
        mutaties.append(beschrijving)
    return Geval(soort, xml, tuple(mutaties))


# -- byte-level mutations ---------------------------------------------------------------------
def bitflip(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    data = bytearray(xml)
    plek = rng.randrange(len(data))
    data[plek] ^= 1 << rng.randrange(8)
    return bytes(data), f"bitflip op {plek}"


def kapotte_tag(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    tags = [i for i in range(len(xml) - 1) if xml[i : i + 1] == b"<" and xml[i + 1 : i + 2] != b"?"]
    if not tags:
        return xml, "geen tag"
    plek = rng.choice(tags) + rng.randint(1, 6)
    teken = rng.choice([b"x", b" ", b"", b">", b"<", b"/", b":", b"\xc3"])
    return xml[:plek] + teken + xml[plek + 1 :], f"tag beschadigd op {plek}: {teken!r}"


def entiteit(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    waarden = [
        i for i in range(1, len(xml)) if xml[i - 1 : i] == b">" and xml[i : i + 1] not in b"<\n"
    ]
    if not waarden:
        return xml, "geen waarde voor een entiteit"
    plek = rng.choice(waarden)
    ent = rng.choice(
        [b"&amp;", b"&lt;", b"&#65;", b"&#x20AC;", b"&onbekend;", b"&#0;", b"&", b"&#xD800;"]
    )
    return xml[:plek] + ent + xml[plek:], f"entiteit {ent!r} op {plek}"


def codering(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    keuze = rng.choice(["utf-16", "latin-1-verklaard", "bom", "onbekend"])
    if keuze == "utf-16":
        try:
            tekst = xml.decode("utf-8")
        except UnicodeDecodeError:
            return xml, "geen utf-16 (geen geldige utf-8 om om te zetten)"
        return tekst.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), keuze
    if keuze == "latin-1-verklaard":
        return xml.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'), keuze
    if keuze == "bom":
        return b"\xef\xbb\xbf" + xml, keuze
    return xml.replace(b'encoding="UTF-8"', b'encoding="x-onbekend"'), keuze


def afkappen(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    plek = rng.randrange(len(xml))
    return xml[:plek], f"afgekapt op {plek}"


def cdata(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    for naam in (b"Achternaam", b"Bsn", b"ProductCode", b"Identificatie"):
        begin = xml.find(naam + b">")
        if begin != -1 and rng.random() < 0.6:
            begin += len(naam) + 1
            einde = xml.find(b"<", begin)
            return xml[:begin] + b"<![CDATA[" + xml[begin:einde] + b"]]>" + xml[
                einde:
            ], f"CDATA om {naam!r}"
    return xml, "geen CDATA"


def commentaar(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    plek = xml.find(b">", rng.randrange(len(xml))) + 1
    if plek == 0:
        return xml, "geen commentaar"
    tekst = rng.choice([b"<!-- opmerking -->", b"<?pi x?>", b"<!-- -- -->", b"<!--"])
    return xml[:plek] + tekst + xml[plek:], f"{tekst!r} op {plek}"


BYTE_MUTATIES: list[Callable[[random.Random, bytes], tuple[bytes, str]]] = [
    bitflip,
    bitflip,
    kapotte_tag,
    entiteit,
    codering,
    afkappen,
    cdata,
    commentaar,
]


# -- verdicts ---------------------------------------------------------------------------------
@cache
def xmlschema(soort: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / f"{soort}.xsd")))


#: libxml2's regex engine lets '-' through the negated class of LDT_Tijd's pattern
#: ``[^Z+-]+`` (the trailing '-' is a literal in XSD regex), so it accepts "12:00:00-01:00",
#: a time with a time zone that the pattern forbids. Found by the 60-minute fuzz run; the
#: reader follows the XSD, and the verdict is corrected for this one known deviation.
_TIJD_MET_MIN_ZONE = re.compile(r"-\d\d:\d\d$")


def _libxml2_afwijking(document: etree._ElementTree) -> bool:
    for element in document.iter("{*}Toewijzingstijd"):
        tekst = (element.text or "").strip(" \t\r\n")
        if _TIJD_MET_MIN_ZONE.search(tekst):
            return True
    return False


def xsd_geldig(soort: str, xml: bytes) -> bool:
    """The official verdict: well-formed and valid against the iJw 3.2 XSD."""
    parser = etree.XMLParser(no_network=True, huge_tree=False, resolve_entities=False)
    try:
        document = etree.parse(io.BytesIO(xml), parser)
    except etree.XMLSyntaxError:
        return False
    return xmlschema(soort).validate(document) and not _libxml2_afwijking(document)


def lezer_problemen(xml: bytes) -> tuple[list[str], int]:
    """The structural rule codes the reader reports, and how many records it built."""
    regels, records = [], 0
    for uitkomst in BerichtLezer("fuzz.xml", io.BytesIO(xml)):
        records += uitkomst.record is not None
        regels.extend(p.regel for p in uitkomst.problemen)
    return regels, records


def is_structureel(regel: str) -> bool:
    return regel.startswith(STRUCTUUR_REGELS_PREFIX) or regel in STRUCTUUR_REGELS
