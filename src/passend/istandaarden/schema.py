"""The import's fast path: lxml's XMLSchema (libxml2, in C) judges a whole message at once.

The schemas are shipped with the package (``spec/xsd``, written by ``tools/xsd_to_spec.py``):
the official iJw 3.2 XSDs without their annotations, and the iWmo ones derived from them as
``iwmo-3.2.json`` is. A message the schema accepts needs no streaming structure check, which
is a third of the reading time; every other message (invalid, unknown, with a DOCTYPE, not
parseable) is read with the streaming check, which gives the Dutch reasons. The two agree on
every verdict: ``tests/istandaarden/test_structure.py`` holds them against the official XSDs.
"""

from __future__ import annotations

import io
import threading
from functools import cache
from importlib.resources import as_file, files

from lxml import etree

from passend.istandaarden.structure import berichtsoort_voor_namespace

_PARSER_OPTIES = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
}


@cache
def xmlschema(soort: str) -> etree.XMLSchema:
    """The schema of a message type such as ``"JW301"`` or ``"WMO323"``."""
    standaard = "iwmo" if soort.startswith("WMO") else "ijw"
    with as_file(files("passend.istandaarden.spec") / "xsd" / standaard / f"{soort}.xsd") as pad:
        # Parsed from its path, so that its import of Basisschema.xsd resolves beside it.
        return etree.XMLSchema(etree.parse(str(pad), etree.XMLParser(**_PARSER_OPTIES)))


def is_geldig(inhoud: bytes) -> bool:
    """Whether `inhoud` is an iJw/iWmo 3.2 message its schema accepts; never raises.

    Up to :data:`MAX_BOOM` bytes the document is parsed whole and validated in one call;
    a larger one is validated while streaming and pruned as it goes, so that a file of
    millions of tiny elements cannot build a tree of hundreds of megabytes.
    """
    if len(inhoud) <= MAX_BOOM:
        return geldige_boom(inhoud) is not None
    try:
        return _geldig_stromend(inhoud)
    except _FOUTEN:
        return False


#: Largest document validated as a whole tree (a tree takes up to ~50x its text).
MAX_BOOM = 1 << 20
_FOUTEN = (etree.LxmlError, ValueError, LookupError, UnicodeError, MemoryError)
#: The tree as the streaming reader sees a document: without comments and processing
#: instructions (XSD validation skips them either way).
_BOOM_OPTIES = {**_PARSER_OPTIES, "remove_comments": True, "remove_pis": True}
_PER_DRAAD = threading.local()


def _boomparser() -> etree.XMLParser:
    """This thread's parser for trees (an lxml parser serves one thread): a parser made for
    every message took a third longer per parse than one used again."""
    parser = getattr(_PER_DRAAD, "parser", None)
    if parser is None:
        parser = _PER_DRAAD.parser = etree.XMLParser(**_BOOM_OPTIES)
    return parser


def geldige_boom(inhoud: bytes) -> etree._ElementTree | None:
    """The parsed message if its schema accepts it and it is at most :data:`MAX_BOOM` bytes,
    else None; never raises. The reader walks this tree instead of parsing again."""
    if len(inhoud) > MAX_BOOM:
        return None
    try:
        boom = etree.fromstring(inhoud, _boomparser()).getroottree()
        schema = _schema_voor(boom.getroot())
        return boom if schema is not None and schema.validate(boom) else None
    except _FOUTEN:
        return None


def _geldig_als_boom(inhoud: bytes) -> bool:
    return geldige_boom(inhoud) is not None


def _geldig_stromend(inhoud: bytes) -> bool:
    eerste = next(etree.iterparse(io.BytesIO(inhoud), events=("start",), **_PARSER_OPTIES), None)
    schema = None if eerste is None else _schema_voor(eerste[1])
    if schema is None:
        return False
    gebeurtenissen = etree.iterparse(
        io.BytesIO(inhoud), events=("end",), schema=schema, **_PARSER_OPTIES
    )
    for _, element in gebeurtenissen:
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return True  # an invalid document raises XMLSyntaxError


def _schema_voor(wortel: etree._Element) -> etree.XMLSchema | None:
    """The schema for this root element, or None: a DOCTYPE (the reader refuses it, with its
    reason) or not an iJw/iWmo 3.2 message."""
    if wortel.getroottree().docinfo.doctype or not isinstance(wortel.tag, str):
        return None
    naam = etree.QName(wortel)
    soort = berichtsoort_voor_namespace(naam.namespace or "")
    return None if soort is None or naam.localname != "Bericht" else xmlschema(soort)


__all__ = ["MAX_BOOM", "geldige_boom", "is_geldig", "xmlschema"]
