"""Structural validation of iJw/iWmo 3.2 messages: equivalence with the official XSDs."""

from __future__ import annotations

import importlib.util
import io
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from passend.istandaarden.schema import xmlschema as geleverd_schema
from passend.istandaarden.structure import (
    REGELS,
    Overtreding,
    StructuurValidator,
    berichtsoort_voor_namespace,
    berichtsoorten,
    eigen_tekst,
    valideer_stroom,
    xsd_naar_python_regex,
)

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference" / "istandaarden-3.2"
XSD_DIR = REFERENCE / "ijw-xsd"
JW_SOORTEN = [
    "JW301",
    "JW302",
    "JW305",
    "JW306",
    "JW307",
    "JW308",
    "JW315",
    "JW316",
    "JW317",
    "JW318",
    "JW319",
    "JW320",
    "JW323",
    "JW325",
]
IJW = "http://www.istandaarden.nl/ijw/3_2"
IWMO = "http://www.istandaarden.nl/iwmo/3_2"


def _laad(naam: str, pad: Path) -> ModuleType:
    """Import a helper module by path (works with every pytest import mode)."""
    if naam in sys.modules:
        return sys.modules[naam]
    spec = importlib.util.spec_from_file_location(naam, pad)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[naam] = module
    spec.loader.exec_module(module)
    return module


xmlgen = _laad("istandaarden_xmlgen", Path(__file__).with_name("xmlgen.py"))


def _xsd_dir() -> Path:
    if not (XSD_DIR / "Basisschema.xsd").is_file():
        pytest.fail(
            f"Official iJw 3.2 XSDs not found at {XSD_DIR}. The structural-equivalence tests "
            "need them (shared/reference/istandaarden-3.2/ijw-xsd beside the repository)."
        )
    return XSD_DIR


@cache
def _xmlschema(soort: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_xsd_dir() / f"{soort}.xsd")))


def _valideer(xml: bytes) -> list[Overtreding]:
    return list(valideer_stroom(io.BytesIO(xml)))


def _vergelijk(soort: str, xml: bytes, omschrijving: str) -> None:
    schema = _xmlschema(soort)
    verwacht = schema.validate(etree.fromstring(xml))
    gevonden = _valideer(xml)
    assert verwacht == (not gevonden), (
        f"{soort} after {omschrijving}: XSD says {'valid' if verwacht else 'invalid'} "
        f"({schema.error_log.last_error}), StructuurValidator found {gevonden}\n" + xml.decode()
    )
    # The import's fast path uses the shipped schema (annotations stripped): the same verdict.
    assert geleverd_schema(soort).validate(etree.fromstring(xml)) == verwacht, omschrijving


# ------------------------------------------------------------------ spec and generator


def test_xsd_reference_present() -> None:
    assert sorted(p.stem for p in _xsd_dir().glob("JW3*.xsd")) == JW_SOORTEN


def test_spec_files_are_up_to_date() -> None:
    tool = _laad("xsd_to_spec", REPO / "tools" / "xsd_to_spec.py")
    verwacht = tool.build(_xsd_dir(), REFERENCE / "codelijsten")
    spec_dir = REPO / "src" / "passend" / "istandaarden" / "spec"
    for naam, inhoud in verwacht.items():
        assert (spec_dir / naam).read_text(encoding="utf-8") == inhoud, (
            f"{naam} is stale: run tools/xsd_to_spec.py"
        )


@pytest.mark.parametrize("soort", JW_SOORTEN)
def test_generated_documents_are_valid(soort: str) -> None:
    for seed in range(8):
        rng = random.Random(seed)
        doc = xmlgen.geldig_document(rng, soort)
        xml = xmlgen.serialiseer(rng, doc, soort)
        assert _xmlschema(soort).validate(etree.fromstring(xml)), _xmlschema(soort).error_log
        assert _valideer(xml) == []


@pytest.mark.parametrize("soort", [s.replace("JW", "WMO") for s in JW_SOORTEN])
def test_generated_wmo_documents_are_valid(soort: str) -> None:
    for seed in range(4):
        rng = random.Random(seed)
        doc = xmlgen.geldig_document(rng, soort, "iwmo-3.2.json")
        xml = xmlgen.serialiseer(rng, doc, soort, "iwmo-3.2.json")
        assert _valideer(xml) == []


# ------------------------------------------------------------- equivalence with the XSD


def xsd_voorbeelden(aantal: int) -> Callable[[T], T]:
    """Hypothesis settings of the agreement tests: reproducible, no deadline, no database."""
    return settings(
        max_examples=aantal,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )


@pytest.mark.parametrize("soort", JW_SOORTEN)
@xsd_voorbeelden(60)
@given(data=st.data())
def test_verdict_equals_official_xsd(soort: str, data: st.DataObject) -> None:
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    aantal = data.draw(st.integers(0, 3), label="mutaties")
    doc = xmlgen.geldig_document(rng, soort)
    muteerder = xmlgen.Muteerder(rng, xmlgen.Schema(soort))
    mutaties = [muteerder.muteer(doc) for _ in range(aantal)]
    _vergelijk(soort, xmlgen.serialiseer(rng, doc, soort), "; ".join(mutaties) or "nothing")


@pytest.mark.parametrize("soort", [s.replace("JW", "WMO") for s in JW_SOORTEN])
@xsd_voorbeelden(40)
@given(data=st.data())
def test_derived_wmo_schema_agrees_with_the_streaming_check(
    soort: str, data: st.DataObject
) -> None:
    """No official iWmo XSD exists: the shipped one is derived as the iWmo spec is, and both
    give the same verdict on valid and mutated iWmo documents."""
    rng = data.draw(st.randoms(use_true_random=False), label="rng")
    aantal = data.draw(st.integers(0, 3), label="mutaties")
    doc = xmlgen.geldig_document(rng, soort, "iwmo-3.2.json")
    muteerder = xmlgen.Muteerder(rng, xmlgen.Schema(soort, "iwmo-3.2.json"))
    mutaties = "; ".join(muteerder.muteer(doc) for _ in range(aantal)) or "nothing"
    xml = xmlgen.serialiseer(rng, doc, soort, "iwmo-3.2.json")
    schema = geleverd_schema(soort)
    geldig = schema.validate(etree.fromstring(xml))
    gevonden = _valideer(xml)
    assert geldig == (not gevonden), (
        f"{soort} after {mutaties}: schema says {'valid' if geldig else 'invalid'} "
        f"({schema.error_log.last_error}), StructuurValidator found {gevonden}"
    )


# ------------------------------------------------------------------ targeted documents

JW301 = """<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="{ns}/jw301/schema" xmlns:ijw="{ns}/basisschema/schema">
  <Header>
    <BerichtCode>{code}</BerichtCode>
    <BerichtVersie>3</BerichtVersie>
    <BerichtSubversie>2</BerichtSubversie>
    <Afzender>0363</Afzender>
    <Ontvanger>12345678</Ontvanger>
    <BerichtIdentificatie>
      <ijw:Identificatie>B-2024-1</ijw:Identificatie>
      <ijw:Dagtekening>{dagtekening}</ijw:Dagtekening>
    </BerichtIdentificatie>
    <XsdVersie>
      <ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>
      <ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>
    </XsdVersie>
  </Header>
  <Client>
    <Bsn>{bsn}</Bsn>
    <Geboortedatum><ijw:Datum>2012-05-01</ijw:Datum></Geboortedatum>
    <Geslacht>1</Geslacht>
    <Naam>
      <ijw:Geslachtsnaam><ijw:Achternaam>{achternaam}</ijw:Achternaam></ijw:Geslachtsnaam>
      <ijw:NaamGebruik>1</ijw:NaamGebruik>
    </Naam>
    <Commentaar>{commentaar}</Commentaar>
    <Contactgegevens><Contact><Soort>01</Soort></Contact></Contactgegevens>
    <ToegewezenProducten>
      <ToegewezenProduct>
        <ToewijzingNummer>1001</ToewijzingNummer>
        <Product><ijw:Categorie>{categorie}</ijw:Categorie></Product>
        <Toewijzingsdatum>2024-01-10</Toewijzingsdatum>
        <Toewijzingstijd>10:00:00</Toewijzingstijd>
        <Ingangsdatum>2024-02-01</Ingangsdatum>
      </ToegewezenProduct>{tussen}
      <ToegewezenProduct>
        <ToewijzingNummer>{nummer}</ToewijzingNummer>
        <Toewijzingsdatum>2024-01-10</Toewijzingsdatum>
        <Toewijzingstijd>10:00:00</Toewijzingstijd>
        <Ingangsdatum>2024-02-01</Ingangsdatum>
        <Omvang>
          <ijw:Volume>4</ijw:Volume>
          <ijw:Eenheid>{eenheid}</ijw:Eenheid>
          <ijw:Frequentie>2</ijw:Frequentie>
        </Omvang>
      </ToegewezenProduct>
    </ToegewezenProducten>
  </Client>
</Bericht>
"""
STANDAARD = {
    "ns": IJW,
    "code": "436",
    "dagtekening": "2024-01-15",
    "bsn": "999993653",
    "achternaam": "Jansen",
    "commentaar": "Spoed",
    "categorie": "45",
    "tussen": "",
    "nummer": "1002",
    "eenheid": "04",
}


def _jw301(**wijzigingen: str) -> bytes:
    return JW301.format(**{**STANDAARD, **wijzigingen}).encode()


def _wmo301(**wijzigingen: str) -> bytes:
    xml = _jw301(**{"ns": IWMO, "code": "414", "categorie": "02", **wijzigingen})
    return xml.replace(b"/jw301/", b"/wmo301/")


def _enige(xml: bytes) -> Overtreding:
    overtredingen = _valideer(xml)
    assert len(overtredingen) == 1, overtredingen
    return overtredingen[0]


def test_template_is_valid_for_the_official_xsd() -> None:
    assert _xmlschema("JW301").validate(etree.fromstring(_jw301()))
    assert _valideer(_jw301()) == []


def test_enumeration_violation_path_and_message() -> None:
    fout = _enige(_jw301(eenheid="99"))
    assert fout.pad == "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Omvang/Eenheid"
    assert fout.regel == "XSD-WAARDELIJST"
    assert fout.melding == (
        "Element 'Eenheid' heeft de waarde '99', maar toegestaan zijn: 01, 04, 14, 16, 82, 83, 84."
    )


def test_missing_required_element() -> None:
    xml = _jw301().replace(b"<Geslacht>1</Geslacht>", b"")
    fout = _enige(xml)
    assert (fout.pad, fout.regel) == ("/Bericht/Client/Geslacht", "XSD-ONTBREEKT")
    assert fout.melding == "Verplicht element 'Geslacht' ontbreekt in 'Client'."


def test_swapped_order_is_one_violation() -> None:
    xml = _jw301().replace(
        b"<Toewijzingsdatum>2024-01-10</Toewijzingsdatum>\n        <Toewijzingstijd>10:00:00"
        b"</Toewijzingstijd>",
        b"<Toewijzingstijd>10:00:00</Toewijzingstijd><Toewijzingsdatum>2024-01-10"
        b"</Toewijzingsdatum>",
        1,
    )
    fout = _enige(xml)
    assert fout.regel == "XSD-VOLGORDE"
    assert fout.pad == "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Toewijzingsdatum"
    assert "hoort vóór 'Toewijzingstijd'" in fout.melding


def test_duplicate_unknown_and_namespace() -> None:
    geslacht = b"<Geslacht>1</Geslacht>"
    xml = _jw301().replace(geslacht, geslacht + b"<Geslacht>2</Geslacht>")
    assert _enige(xml).regel == "XSD-TEVEEL"
    xml = _jw301().replace(b"<Geslacht>1</Geslacht>", b"<Geslacht>1</Geslacht><Hobby>x</Hobby>")
    fout = _enige(xml)
    assert (fout.pad, fout.regel) == ("/Bericht/Client/Hobby", "XSD-ONBEKEND-ELEMENT")
    xml = _jw301().replace(b"<ijw:Datum>2012-05-01</ijw:Datum>", b"<Datum>2012-05-01</Datum>")
    fout = _enige(xml)
    assert (fout.pad, fout.regel) == ("/Bericht/Client/Geboortedatum/Datum", "XSD-NAAMRUIMTE")


def test_values_dates_and_ranges() -> None:
    fout = _enige(_jw301(dagtekening="2024-02-30"))
    assert fout.regel == "XSD-TYPE"
    assert fout.pad == "/Bericht/Header/BerichtIdentificatie/Dagtekening"
    assert "geen geldige datum" in fout.melding
    fout = _enige(_jw301(dagtekening="2024-01-15+01:00"))
    assert fout.regel == "XSD-PATROON" and "tijdzone" in fout.melding
    assert _valideer(_jw301(dagtekening=" 2024-01-15\n ")) == []  # xs:date collapses
    fout = _enige(_jw301(nummer="1000000000"))
    assert fout.regel == "XSD-BEREIK" and "tussen 0 en 999999999" in fout.melding
    assert _valideer(_jw301(nummer="+000999999999")) == []
    assert _enige(_jw301(eenheid=" 04")).regel == "XSD-WAARDELIJST"  # xs:string preserves


def test_text_in_complex_element_including_tails() -> None:
    fout = _enige(_jw301(tussen="losse tekst"))
    assert (fout.pad, fout.regel) == ("/Bericht/Client/ToegewezenProducten", "XSD-TEKST-IN-COMPLEX")
    assert _valideer(_jw301(tussen="\n\t ")) == []


@pytest.mark.parametrize("bsn", ["12345678X", "1234567890", "", " 999993653", "٩٩٩٩٩٣٦٥٣"])
def test_bsn_value_is_never_echoed(bsn: str) -> None:
    fout = _enige(_jw301(bsn=bsn))
    assert fout.pad == "/Bericht/Client/Bsn"
    assert fout.melding == "Element 'Bsn': het BSN heeft niet het juiste formaat (9 cijfers)."


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("achternaam", "Jan\nsen"),
        ("achternaam", "J" * 201),
        ("commentaar", " \n "),
        ("commentaar", "\t"),
    ],
)
def test_personal_values_are_never_echoed(veld: str, waarde: str) -> None:
    fout = _enige(_jw301(**{veld: waarde}))
    assert fout.melding.startswith(f"Element '{fout.pad.rsplit('/', 1)[1]}' heeft een ongeldige")
    assert "Jan" not in fout.melding and "JJJ" not in fout.melding
    assert "de waarde" not in fout.melding


def test_empty_values() -> None:
    assert _enige(_jw301(eenheid="")).melding == (
        "Element 'Eenheid' is leeg, maar moet een waarde hebben; toegestaan zijn: "
        "01, 04, 14, 16, 82, 83, 84."
    )
    assert _enige(_jw301(achternaam="")).melding == (
        "Element 'Achternaam' is leeg, maar moet een waarde hebben."
    )


XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
RANDGEVALLEN = {
    "xsi:type names the declared type": (
        "<Bsn>",
        f'<Bsn {XSI} xsi:type="ijw:LDT_BurgerServicenummer">',
    ),
    "xsi:type names another type": ("<Bsn>", f'<Bsn {XSI} xsi:type="ijw:LDT_Naam">'),
    "xsi:type on a complex element": ("<Client>", f'<Client {XSI} xsi:type="Client">'),
    "xsi:type on an anonymous type": (
        "<BerichtCode>",
        f'<BerichtCode {XSI} xsi:type="ijw:LDT_BerichtCode">',
    ),
    "xsi:type with whitespace": ("<Bsn>", f'<Bsn {XSI} xsi:type=" ijw:LDT_BurgerServicenummer">'),
    "xsi:nil false": ("<Bsn>", f'<Bsn {XSI} xsi:nil="false">'),
    "xsi:schemaLocation": ("<Bsn>", f'<Bsn {XSI} xsi:schemaLocation="urn:a b.xsd">'),
    "xml:lang": ("<Bsn>", '<Bsn xml:lang="nl">'),
    "CDATA value": ("<Bsn>999993653</Bsn>", "<Bsn><![CDATA[999993653]]></Bsn>"),
    "processing instruction in value": ("<Bsn>999993653</Bsn>", "<Bsn>9999<?pi x?>93653</Bsn>"),
    "comment in value": ("<Bsn>999993653</Bsn>", "<Bsn>9999<!-- x -->93653</Bsn>"),
    "character reference": ("<Bsn>999993653</Bsn>", "<Bsn>&#57;99993653</Bsn>"),
    "text after a processing instruction": ("<Bsn>", "<?pi x?>x<Bsn>"),
    "carriage return in a name": ("Jansen<", "Jan&#13;sen<"),
    "non-breaking space as text": ("<Bsn>", "&#160;<Bsn>"),
    "wrong root element": ("<Header>", "<Kop/><Header>"),
}


@pytest.mark.parametrize("geval", sorted(RANDGEVALLEN))
def test_edge_cases_agree_with_xsd(geval: str) -> None:
    oud, nieuw = RANDGEVALLEN[geval]
    _vergelijk("JW301", _jw301().decode().replace(oud, nieuw, 1).encode(), geval)


def test_wmo_categories_replace_jeugd_categories() -> None:
    assert _valideer(_wmo301(categorie="02")) == []
    fout = _enige(_wmo301(categorie="45"))
    assert fout.regel == "XSD-WAARDELIJST"
    assert fout.melding.startswith(
        "Element 'Categorie' heeft de waarde '45', maar toegestaan zijn: 01, 02, 03"
    )
    assert _enige(_jw301(categorie="02")).regel == "XSD-WAARDELIJST"
    assert _enige(_wmo301(code="436")).regel == "XSD-PATROON"


def test_namespace_mapping() -> None:
    assert berichtsoort_voor_namespace(f"{IJW}/jw301/schema") == "JW301"
    assert berichtsoort_voor_namespace(f"{IWMO}/wmo301/schema") == "WMO301"
    assert berichtsoort_voor_namespace(f"{IWMO}/wmo325/schema") == "WMO325"
    assert berichtsoort_voor_namespace(f"{IJW}/basisschema/schema") is None
    assert berichtsoort_voor_namespace("urn:iets") is None
    soorten = berichtsoorten()
    assert len(soorten) == 28
    for soort in soorten:
        ns = StructuurValidator.voor(soort).namespace
        assert berichtsoort_voor_namespace(ns) == soort
        assert ns.startswith(IWMO if soort.startswith("WMO") else IJW)


def test_unknown_message_type_and_namespace() -> None:
    with pytest.raises(ValueError, match="unknown berichtsoort"):
        StructuurValidator.voor("JW399")
    fout = _enige(b'<Bericht xmlns="urn:iets"><Header/></Bericht>')
    assert fout.regel == "XSD-NAAMRUIMTE"


def test_event_api_and_current_path() -> None:
    validator = StructuurValidator.voor("JW301")
    ns, basis = f"{IJW}/jw301/schema", f"{IJW}/basisschema/schema"
    assert validator.start(ns, "Bericht") == []
    assert validator.start(ns, "Header") == []
    assert validator.huidig_pad() == "/Bericht/Header"
    fouten = validator.start(basis, "BerichtCode")
    assert [f.regel for f in fouten] == ["XSD-NAAMRUIMTE"]
    assert fouten[0].pad == "/Bericht/Header/BerichtCode"
    assert [f.regel for f in validator.end(basis, "BerichtCode", "999")] == ["XSD-PATROON"]
    fouten = validator.end(ns, "Header", "\n")
    assert {f.pad for f in fouten} >= {"/Bericht/Header/BerichtVersie"}
    assert all(f.regel == "XSD-ONTBREEKT" for f in fouten)
    assert validator.diepte == 1


def test_all_rule_codes_are_documented() -> None:
    assert set(REGELS) == {
        "XSD-VOLGORDE",
        "XSD-ONTBREEKT",
        "XSD-TEVEEL",
        "XSD-ONBEKEND-ELEMENT",
        "XSD-PATROON",
        "XSD-WAARDELIJST",
        "XSD-LENGTE",
        "XSD-BEREIK",
        "XSD-TYPE",
        "XSD-NAAMRUIMTE",
        "XSD-TEKST-IN-COMPLEX",
        "XSD-ATTRIBUUT",
    }


# ---------------------------------------------------------------- regex translation


def test_linear_commentaar_pattern_is_fast() -> None:
    regex = __import__("re").compile(xsd_naar_python_regex(r"([.\s]*\S+[.\s]*)+"))
    begin = time.perf_counter()
    assert regex.fullmatch(" ." * 200_000 + " \n")
    assert not regex.fullmatch(" \t\n\r" * 100_000)
    assert time.perf_counter() - begin < 1.0


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(alphabet=" \t\n\r.ax\u00a0", max_size=12))
def test_linear_patterns_equal_literal_translation(waarde: str) -> None:
    import re

    naief = {
        r"([.\s]*\S+[.\s]*)+": r"([. \t\n\r]*[^ \t\n\r]+[. \t\n\r]*)+",
        r".*[^\s].*": r"[^\n\r]*[^ \t\n\r][^\n\r]*",
    }
    for xsd, letterlijk in naief.items():
        lineair = re.fullmatch(xsd_naar_python_regex(xsd), waarde) is not None
        assert lineair == (re.fullmatch(letterlijk, waarde) is not None)


def test_xsd_dot_and_anchors_translate_exactly() -> None:
    import re

    assert re.fullmatch(xsd_naar_python_regex("a.c"), "a\nc") is None
    assert re.fullmatch(xsd_naar_python_regex("a.c"), "a\u00a0c")
    assert re.fullmatch(xsd_naar_python_regex("^a$"), "^a$")
    assert re.fullmatch(xsd_naar_python_regex(r"[^\s]"), "\u00a0")
    with pytest.raises(ValueError):
        xsd_naar_python_regex(r"\p{L}+")


# ------------------------------------------------------------------------ memory

JW323_KOP = f"""<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="{IJW}/jw323/schema" xmlns:b="{IJW}/basisschema/schema">
<Header><BerichtCode>490</BerichtCode><BerichtVersie>3</BerichtVersie>
<BerichtSubversie> 2
</BerichtSubversie><Afzender>12345678</Afzender><Ontvanger>0363</Ontvanger>
<BerichtIdentificatie><b:Identificatie>D1</b:Identificatie>
<b:Dagtekening>2024-03-01</b:Dagtekening></BerichtIdentificatie>
<XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>
<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersie></Header>
<Declaratie><DeclaratieNummer>D1</DeclaratieNummer>
<DeclaratiePeriode><b:Begindatum>2024-02-01</b:Begindatum>
<b:Einddatum>2024-02-29</b:Einddatum></DeclaratiePeriode>
<DeclaratieDagtekening>2024-03-01</DeclaratieDagtekening>
<TotaalIngediendBedrag><b:TotaalBedrag>100</b:TotaalBedrag>
<b:DebetCredit>D</b:DebetCredit></TotaalIngediendBedrag>
<Clienten><Client><Bsn>999993653</Bsn><Prestaties>
""".encode()
JW323_PRESTATIE = (
    "<Prestatie><ProductReferentie><b:ReferentieNummer>R{i}</b:ReferentieNummer>"
    "</ProductReferentie><ToewijzingNummer>{i}</ToewijzingNummer><ProductCategorie>45"
    "</ProductCategorie><ProductCode>45A01</ProductCode><ProductPeriode><b:Begindatum>"
    "2024-02-01</b:Begindatum><b:Einddatum>2024-02-29</b:Einddatum></ProductPeriode>"
    "<GeleverdVolume>1</GeleverdVolume><Eenheid>{eenheid}</Eenheid><IngediendBedrag><b:Bedrag>"
    "100</b:Bedrag><b:DebetCredit>D</b:DebetCredit></IngediendBedrag></Prestatie>\n"
)
JW323_STAART = b"</Prestaties></Client></Clienten></Declaratie></Bericht>\n"


class _Stroom(io.RawIOBase):
    """A JW323 produced on the fly, so the test itself keeps no large document in memory."""

    def __init__(self, aantal: int) -> None:
        self._delen = self._maak(aantal)
        self._buffer = b""

    @staticmethod
    def _maak(aantal: int) -> Iterator[bytes]:
        yield JW323_KOP
        for i in range(1, aantal + 1):
            yield JW323_PRESTATIE.format(i=i, eenheid="99" if i == aantal else "14").encode()
        yield JW323_STAART

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = n if n >= 0 else sys.maxsize
        while len(self._buffer) < n:
            deel = next(self._delen, None)
            if deel is None:
                break
            self._buffer += deel
        resultaat, self._buffer = self._buffer[:n], self._buffer[n:]
        return resultaat


def test_small_jw323_stream_is_valid_for_the_xsd() -> None:
    xml = _Stroom(3).read(10**7).replace(b"<Eenheid>99<", b"<Eenheid>14<")
    assert _xmlschema("JW323").validate(etree.fromstring(xml)), _xmlschema("JW323").error_log
    assert _valideer(xml) == []


def _rss() -> int:
    """Resident set size in bytes (Python objects and libxml2's tree alike)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_memory_stays_flat_for_200k_prestaties() -> None:
    """Validator state, the pruned lxml tree and process memory stay flat over 200k records."""
    aantal = 200_000
    validator = StructuurValidator.voor("JW323")
    overtredingen: list[Overtreding] = []
    max_diepte = max_kinderen = prestaties = 0
    rss_begin = 0
    for event, elem in etree.iterparse(_Stroom(aantal), events=("start", "end")):
        ns, _, naam = elem.tag[1:].partition("}")
        if event == "start":
            overtredingen += validator.start(ns, naam)
            max_diepte = max(max_diepte, validator.diepte)
            continue
        overtredingen += validator.end(ns, naam, eigen_tekst(elem))
        elem.clear()
        if naam == "Prestatie":
            ouder = elem.getparent()
            while elem.getprevious() is not None:
                del ouder[0]
            max_kinderen = max(max_kinderen, len(ouder))
            prestaties += 1
            if prestaties == 20_000:
                rss_begin = _rss()
    groei = _rss() - rss_begin
    assert prestaties == aantal
    assert max_diepte <= 8  # /Bericht/.../Prestatie/ProductReferentie/ReferentieNummer
    assert max_kinderen < 1_000  # only the parser's read-ahead is in the tree
    assert groei < 20 * 1024 * 1024, f"memory grew {groei / 1e6:.1f} MB over 180k Prestaties"
    assert [(o.pad, o.regel) for o in overtredingen] == [
        (
            f"/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[{aantal}]/Eenheid",
            "XSD-WAARDELIJST",
        )
    ]


def test_stream_driver_prunes_and_reports() -> None:
    overtredingen = list(valideer_stroom(_Stroom(3_000)))
    assert [o.pad for o in overtredingen] == [
        "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[3000]/Eenheid"
    ]
