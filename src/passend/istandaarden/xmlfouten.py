"""libxml2's parse errors in plain Dutch, for the person who has to fix the file.

The English text of libxml2 is never shown: it names internals ("xmlParseCharRef") and can
quote input (a tag name, an entity name, a file name). The Dutch sentence is chosen by the
error code alone.
"""

from __future__ import annotations

from lxml import etree

_E = etree.ErrorTypes

_UITLEG: dict[int, str] = {
    _E.ERR_DOCUMENT_EMPTY: "het bestand bevat geen XML (leeg, of een ander soort bestand)",
    _E.ERR_DOCUMENT_START: "het bestand bevat geen XML (leeg, of een ander soort bestand)",
    _E.ERR_DOCUMENT_END: "na het hoofdelement staat nog inhoud",
    _E.ERR_EXTRA_CONTENT: "na het hoofdelement staat nog inhoud",
    _E.ERR_TAG_NAME_MISMATCH: "een begintag en een eindtag passen niet bij elkaar "
    "(verkeerd gespelde of ontbrekende eindtag)",
    _E.ERR_TAG_NOT_FINISHED: "het bestand houdt op midden in een element (afgekapt bestand?)",
    _E.ERR_LTSLASH_REQUIRED: "een eindtag ontbreekt of is onvolledig",
    _E.ERR_GT_REQUIRED: "een tag is niet afgesloten met '>'",
    _E.ERR_LT_REQUIRED: "een tag is niet goed geopend met '<'",
    _E.ERR_NAME_REQUIRED: "een element- of attribuutnaam ontbreekt of is ongeldig",
    _E.ERR_RESERVED_XML_NAME: "een XML-declaratie staat niet aan het begin van het bestand",
    _E.ERR_XMLDECL_NOT_FINISHED: "de XML-declaratie (<?xml …?>) is onvolledig",
    _E.ERR_VERSION_MISSING: "de XML-declaratie mist de versie",
    _E.ERR_UNSUPPORTED_ENCODING: "de opgegeven tekencodering wordt niet ondersteund "
    "(gebruik UTF-8)",
    _E.ERR_UNKNOWN_ENCODING: "de opgegeven tekencodering is onbekend (gebruik UTF-8)",
    _E.ERR_INVALID_ENCODING: "de tekst past niet bij de opgegeven tekencodering "
    "(geen geldige UTF-8?)",
    _E.ERR_INVALID_CHAR: "het bestand bevat een teken dat in XML niet is toegestaan",
    _E.ERR_INVALID_CHARREF: "een tekenverwijzing (&#…;) is ongeldig",
    _E.ERR_INVALID_DEC_CHARREF: "een tekenverwijzing (&#…;) is ongeldig",
    _E.ERR_INVALID_HEX_CHARREF: "een tekenverwijzing (&#x…;) is ongeldig",
    _E.ERR_UNDECLARED_ENTITY: "het bestand gebruikt een onbekende entiteit (&…;); "
    "schrijf '&' als '&amp;'",
    _E.ERR_ENTITYREF_SEMICOL_MISSING: "een '&' staat los in de tekst; schrijf '&' als '&amp;'",
    _E.ERR_ENTITY_NOT_FINISHED: "een entiteit (&…;) is niet afgesloten",
    _E.ERR_ENTITY_LOOP: "het bestand bevat entiteiten die naar elkaar verwijzen",
    _E.ERR_LT_IN_ATTRIBUTE: "een attribuutwaarde bevat een '<'",
    _E.ERR_ATTRIBUTE_WITHOUT_VALUE: "een attribuut heeft geen waarde",
    _E.ERR_ATTRIBUTE_NOT_STARTED: "een attribuutwaarde staat niet tussen aanhalingstekens",
    _E.ERR_ATTRIBUTE_NOT_FINISHED: "een attribuutwaarde is niet afgesloten",
    _E.ERR_ATTRIBUTE_REDEFINED: "een attribuut komt twee keer voor op hetzelfde element",
    _E.ERR_STRING_NOT_CLOSED: "een waarde tussen aanhalingstekens is niet afgesloten",
    _E.ERR_SPACE_REQUIRED: "er ontbreekt een spatie tussen attributen",
    _E.ERR_COMMENT_NOT_FINISHED: "een commentaar (<!-- … -->) is niet afgesloten",
    _E.ERR_CDATA_NOT_FINISHED: "een CDATA-blok is niet afgesloten",
    _E.ERR_MISPLACED_CDATA_END: "']]>' staat los in de tekst",
    _E.ERR_PI_NOT_FINISHED: "een verwerkingsinstructie (<?…?>) is niet afgesloten",
    _E.ERR_DOCTYPE_NOT_FINISHED: "de DOCTYPE-declaratie is niet afgesloten",
    _E.ERR_NOT_WELL_BALANCED: "de elementen zijn niet goed genest",
    _E.NS_ERR_UNDEFINED_NAMESPACE: "een naamruimte-voorvoegsel (zoals 'ijw:') is niet gedeclareerd",
    _E.NS_ERR_QNAME: "een element- of attribuutnaam met voorvoegsel is ongeldig",
    _E.NS_ERR_ATTRIBUTE_REDEFINED: "een attribuut komt twee keer voor op hetzelfde element",
    _E.ERR_RESOURCE_LIMIT: "het bestand overschrijdt een veiligheidsgrens van de XML-lezer "
    "(te diep genest of te grote waarde)",
    _E.ERR_NO_MEMORY: "het bestand is te groot om te lezen",
}
_ALGEMEEN = "het bestand is geen goed gevormde XML"
#: lxml's own error when a file ends before its root element: an empty or truncated file.
_GEEN_ELEMENT = "het bestand is leeg of houdt op voordat het eerste element begint"


def xml_fout_uitleg(fout: etree.XMLSyntaxError) -> str:
    """A Dutch sentence for a parse error, with where it happened; never libxml2's text."""
    regel, kolom = fout.position if fout.position else (0, 0)
    if fout.code == _E.ERR_INTERNAL_ERROR and fout.position == (0, 0):
        uitleg = _GEEN_ELEMENT
    else:
        uitleg = _UITLEG.get(fout.code or 0, f"{_ALGEMEEN} (foutcode {fout.code})")
    plek = f" (regel {regel}, kolom {kolom})" if regel else ""
    return f"Het bestand is geen leesbare XML{plek}: {uitleg}."


__all__ = ["xml_fout_uitleg"]
