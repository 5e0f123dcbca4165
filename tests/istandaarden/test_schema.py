"""The import's fast path: a message its shipped schema accepts is read without the streaming
structure check, and the reader yields exactly what it yields with the check."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from passend.domain.checks import Regel
from passend.istandaarden.reader import BerichtLezer
from passend.istandaarden.schema import (
    _geldig_als_boom,
    _geldig_stromend,
    geldige_boom,
    is_geldig,
)
from tests import berichten as b
from tests.istandaarden.test_structure import JW_SOORTEN, xmlgen, xsd_voorbeelden

SOORTEN = [*JW_SOORTEN, *(s.replace("JW", "WMO") for s in JW_SOORTEN)]


def _gelezen(
    xml: bytes, geldig: bool, boom: bool = False
) -> tuple[list[tuple[object, ...]], object]:
    """What the reader yields: streaming with or without the structure check, or walking
    the tree the fast path parsed (`boom`)."""
    lezer = BerichtLezer(
        "bericht.xml", io.BytesIO(xml), geldig=geldig, boom=geldige_boom(xml) if boom else None
    )
    uitkomsten = [(u.pad, u.record, u.problemen, u.fragment(), u.groep) for u in lezer]
    return uitkomsten, lezer.info


def _oordeel(valideer, xml: bytes) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(valideer(xml))
    except etree.LxmlError:
        return False


def _document(rng: random.Random, soort: str, mutaties: int) -> bytes:
    spec = "iwmo-3.2.json" if soort.startswith("WMO") else "ijw-3.2.json"
    doc = xmlgen.geldig_document(rng, soort, spec)
    muteerder = xmlgen.Muteerder(rng, xmlgen.Schema(soort, spec))
    for _ in range(mutaties):
        muteerder.muteer(doc)
    return xmlgen.serialiseer(rng, doc, soort, spec)


@pytest.mark.parametrize("soort", SOORTEN)
@xsd_voorbeelden(25)
@given(data=st.data())
def test_fast_path_reads_what_the_streaming_check_reads(soort: str, data: st.DataObject) -> None:
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    xml = _document(rng, soort, data.draw(st.integers(0, 2), label="mutaties"))
    met_controle = _gelezen(xml, geldig=False)
    assert _oordeel(_geldig_stromend, xml) == _oordeel(_geldig_als_boom, xml) == is_geldig(xml)
    if is_geldig(xml):
        assert _gelezen(xml, geldig=True) == met_controle
        # The reader may still refuse a value the XSD allows (a reference of only a
        # non-breaking space is no reference): its own reason, never a structure problem.
        assert not any(
            p.regel != Regel.ONVOLLEDIG
            for _, _, problemen, _, _ in met_controle[0]
            for p in problemen
        )
    else:
        # Not for the fast path: the streaming check must then say why.
        assert any(problemen for _, _, problemen, _, _ in met_controle[0])


@pytest.mark.parametrize("soort", SOORTEN)
@xsd_voorbeelden(25)
@given(data=st.data())
def test_the_parsed_tree_reads_as_the_stream(soort: str, data: st.DataObject) -> None:
    """The workers walk the tree the schema accepted (skipping records' insides and personal
    data) instead of parsing again: what that yields equals the streaming read."""
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    xml = _document(rng, soort, data.draw(st.integers(0, 2), label="mutaties"))
    boom = geldige_boom(xml)
    assert (boom is not None) == is_geldig(xml)
    if boom is not None:
        assert _gelezen(xml, geldig=True, boom=True) == _gelezen(xml, geldig=False)


def test_real_messages_take_the_fast_path() -> None:
    k = b.kop("323", "SNEL")
    declaratie = b.declaratie(k, "N1", [("R1", 2, 9000, 18000, "D"), ("R2", 1, 9000, 9000, "D")])
    k301 = b.kop("301", "SNEL")
    toewijzing = b.toewijzingbericht(k301, [b.toewijzing(k301, 1), b.toewijzing(k301, 2)])
    for xml in (declaratie, toewijzing):
        assert is_geldig(xml)
        uitkomsten, info = _gelezen(xml, geldig=True)
        assert (uitkomsten, info) == _gelezen(xml, geldig=False)
        assert (uitkomsten, info) == _gelezen(xml, geldig=True, boom=True)
        assert [u[1] is not None for u in uitkomsten] == [True, True]


@pytest.mark.parametrize(
    "inhoud",
    [
        b"",
        b"geen xml",
        b"<Bericht/>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>',
        b'<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw301/schema"/>',
        b"\xff\xfe<\x00",
    ],
)
def test_everything_else_takes_the_streaming_check(inhoud: bytes) -> None:
    assert is_geldig(inhoud) is False


def test_a_large_file_is_validated_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above MAX_BOOM no tree is built: a bomb of tiny elements stays small in memory."""
    from passend.istandaarden import schema

    k = b.kop("323", "GROOT")
    xml = b.declaratie(k, "N1", [(f"R{i}", 2, 9000, 18000, "D") for i in range(2_000)])
    assert len(xml) > schema.MAX_BOOM
    monkeypatch.setattr(schema, "_geldig_als_boom", None)  # would fail if called
    monkeypatch.setattr(schema, "geldige_boom", None)
    assert is_geldig(xml)
    plek = xml.index(b"<Prestatie>")
    assert not is_geldig(xml[:plek] + b"<Onzin/>" + xml[plek:])


def test_a_doctype_never_takes_the_fast_path() -> None:
    k = b.kop("301", "DTD")
    xml = b.toewijzingbericht(k, [b.toewijzing(k, 1)])
    assert is_geldig(xml)
    kop, _, rest = xml.partition(b"\n")
    assert not is_geldig(kop + b"\n<!DOCTYPE Bericht []>\n" + rest)
