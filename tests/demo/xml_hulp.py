"""Validation helpers for the demo tests: official iJw XSDs, and Wmo via its Jeugd twin."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from lxml import etree

from passend.reference.loader import laad_codelijsten

REPO = Path(__file__).resolve().parents[2]
XSD_DIR = REPO.parent / "shared" / "reference" / "istandaarden-3.2" / "ijw-xsd"
IJW_BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
IWMO_BASIS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
_BERICHT_NS = re.compile(r"http://www\.istandaarden\.nl/(ijw|iwmo)/3_2/(jw|wmo)(\d{3})/schema")

#: Independent of the writer's table: the codes from the brief / COD002.
BERICHTCODES = {
    "301": ("436", "414"),
    "302": ("437", "415"),
    "305": ("438", "418"),
    "306": ("439", "419"),
    "307": ("440", "420"),
    "308": ("441", "421"),
    "315": ("446", "444"),
    "316": ("447", "445"),
    "317": ("486", "480"),
    "318": ("487", "481"),
    "319": ("488", "482"),
    "320": ("489", "483"),
    "323": ("490", "484"),
    "325": ("491", "485"),
}
#: Wmo reden beëindiging without an identical Jeugd code, mapped to a valid JZ588 code.
_REDEN_NAAR_JEUGD = {"19": "31", "21": "32", "22": "33", "23": "34"}
_JEUGD_CATEGORIE = "45"


@cache
def xsd(berichttype: str) -> etree.XMLSchema:
    """The official XSD of a Jeugd message type; fails (never skips) when it is missing."""
    pad = XSD_DIR / f"{berichttype}.xsd"
    assert XSD_DIR.is_dir(), f"iJw 3.2 XSD directory missing at {XSD_DIR}: tests need it"
    assert pad.is_file(), f"XSD {pad} missing"
    return etree.XMLSchema(file=str(pad))


def berichttype_van(root: etree._Element) -> str:
    match = _BERICHT_NS.fullmatch(etree.QName(root).namespace or "")
    assert match, f"unknown message namespace {etree.QName(root).namespace!r}"
    return match.group(2).upper() + match.group(3)


def valideer_jeugd(data: bytes | etree._Element, berichttype: str | None = None) -> str:
    """Assert `data` is valid against its official XSD; returns the message type."""
    root = etree.fromstring(data) if isinstance(data, bytes) else data
    soort = berichttype or berichttype_van(root)
    schema = xsd(soort)
    assert schema.validate(root), f"{soort} invalid: {schema.error_log}"
    return soort


def wmo_als_jeugd(data: bytes) -> tuple[str, etree._Element]:
    """Check the Wmo namespaces, berichtcode and codes, then rewrite to the Jeugd twin.

    Namespaces iwmo -> ijw, berichtcode to the Jeugd code, productcategorie to a Jeugd
    category and Wmo-only reden beëindiging codes to a valid Jeugd code.
    """
    root = etree.fromstring(data)
    ns = etree.QName(root).namespace or ""
    match = _BERICHT_NS.fullmatch(ns)
    assert match and match.group(1) == "iwmo", f"not an iWmo namespace: {ns!r}"
    nummer = match.group(3)
    jeugd_ns = f"http://www.istandaarden.nl/ijw/3_2/jw{nummer}/schema"
    lijsten = laad_codelijsten()
    for element in root.iter():
        q = etree.QName(element)
        assert q.namespace in (ns, IWMO_BASIS), f"{q.localname} in namespace {q.namespace}"
        element.tag = f"{{{jeugd_ns if q.namespace == ns else IJW_BASIS}}}{q.localname}"
        tekst = (element.text or "").strip()
        if q.localname == "BerichtCode":
            assert tekst == BERICHTCODES[nummer][1], f"WMO{nummer} berichtcode {tekst}"
            element.text = BERICHTCODES[nummer][0]
        elif q.localname in ("Categorie", "ProductCategorie"):
            assert lijsten.bevat("WMO020", tekst), f"no Wmo productcategorie: {tekst}"
            element.text = _JEUGD_CATEGORIE
        elif q.localname == "RedenBeeindiging":
            assert lijsten.bevat("WMO588", tekst), f"no Wmo reden beëindiging: {tekst}"
            element.text = _REDEN_NAAR_JEUGD.get(tekst, tekst)
        elif q.localname == "RedenWijziging":
            assert lijsten.bevat("WMO002", tekst), f"no Wmo reden wijziging: {tekst}"
    return f"JW{nummer}", root


def valideer_wmo(data: bytes) -> str:
    """Structure check of a Wmo message: its Jeugd twin validates against the XSD, and
    the streaming StructuurValidator (with the iWmo spec) finds nothing."""
    jeugd_type, twin = wmo_als_jeugd(data)
    valideer_jeugd(twin, jeugd_type)
    soort = "WMO" + jeugd_type[2:]
    fouten = structuur_fouten(data, soort)
    assert not fouten, f"{soort}: {fouten[:3]}"
    return soort


def structuur_fouten(data: bytes, soort: str) -> list[object]:
    from passend.istandaarden.structure import StructuurValidator

    validator = StructuurValidator.voor(soort)
    fouten: list[object] = []
    for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end")):
        q = etree.QName(element)
        if event == "start":
            fouten += validator.start(q.namespace or "", q.localname)
        else:
            tekst = (element.text or "") + "".join(kind.tail or "" for kind in element)
            fouten += validator.end(q.namespace or "", q.localname, tekst)
    return fouten


def valideer(data: bytes) -> str:
    """Validate any message the demo or writer produces; returns its type."""
    soort = berichttype_van(etree.fromstring(data))
    return valideer_wmo(data) if soort.startswith("WMO") else valideer_jeugd(data, soort)
