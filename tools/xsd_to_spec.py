"""Generate the compact structural specs of iJw 3.2 and iWmo 3.2 from the official XSDs.

Reads ``Basisschema.xsd`` and ``JW3xx.xsd`` and writes two files to
``src/passend/istandaarden/spec/``:

``ijw-3.2.json``
    A documentation-free transcription of the official iJw 3.2 XSDs: per message type the
    namespace, the root element and, per complex type, the sequence of child elements as
    ``[namespace-kind, local name, minOccurs, maxOccurs, type ref]``; per simple type its base
    and facets. Namespace-kind is ``"bericht"`` (declared in the message schema, so in the
    message namespace) or ``"basis"`` (declared inside a Basisschema complex type, so in the
    Basisschema namespace). Type refs are ``"bericht:Name"``, ``"basis:Name"`` or ``"xs:name"``;
    an anonymous simple type is named ``"<ComplexType>/<element>"`` (e.g.
    ``"bericht:Header/BerichtCode"``). ``maxOccurs`` is an integer or ``"unbounded"``.

``iwmo-3.2.json``
    There is no official iWmo XSD in the reference set. iWmo 3.2 messages mirror iJw 3.2, so the
    iWmo spec is *derived* from the iJw spec by substitution only:

    * message key ``JWnnn`` becomes ``WMOnnn``;
    * namespaces ``.../ijw/3_2/jwnnn/schema`` become ``.../iwmo/3_2/wmonnn/schema`` and
      ``.../ijw/3_2/basisschema/schema`` becomes ``.../iwmo/3_2/basisschema/schema``;
    * the fixed ``BerichtCode`` (pattern facet of ``Header/BerichtCode``) becomes the iWmo code
      from COD002 (``WMO_BERICHTCODES_AANVULLEND`` supplies the codes COD002 does not list);
    * the enumerations of ``LDT_ProductCategorie``, ``LDT_RedenBeeindiging`` and
      ``LDT_RedenWijziging`` become the codes of WMO020, WMO588 and WMO002.

    Everything else is identical.

``xsd/ijw/*.xsd`` and ``xsd/iwmo/*.xsd``
    The schemas themselves, for lxml's XMLSchema (the import's fast path: a message the
    schema accepts needs no streaming structure check). The iJw ones are the official XSDs
    without their annotations (documentation and appinfo); the iWmo ones are derived from
    them by the same substitutions as ``iwmo-3.2.json``.

Output is deterministic (sorted keys, lists in schema order). Run from the repository root::

    python tools/xsd_to_spec.py            # (re)write the JSON files
    python tools/xsd_to_spec.py --check    # exit 1 if the committed files are stale

The script fails loudly on any XSD construct the spec format cannot express (attributes,
choice, extension, other facets, ...), so a future XSD release cannot be silently misread.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from lxml import etree

XS_NS = "http://www.w3.org/2001/XMLSchema"
XS = f"{{{XS_NS}}}"
IJW_BASIS_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
IWMO_BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
FORMAT_VERSION = 1

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference" / "istandaarden-3.2"
DEFAULT_XSD_DIR = REFERENCE / "ijw-xsd"
DEFAULT_CODELIJSTEN = REFERENCE / "codelijsten"
DEFAULT_OUT = REPO / "src" / "passend" / "istandaarden" / "spec"

# iWmo berichtcodes that COD002 (as shipped in the reference set) does not list.
WMO_BERICHTCODES_AANVULLEND = {
    "WMO302": "415",
    "WMO306": "419",
    "WMO308": "421",
    "WMO316": "445",
    "WMO318": "481",
    "WMO320": "483",
    "WMO325": "485",
}
# Basisschema simple type -> iWmo codelist whose codes replace the iJw enumeration.
WMO_CODELIJSTEN = {
    "LDT_ProductCategorie": "WMO020_Productcategorie.csv",
    "LDT_RedenBeeindiging": "WMO588_Reden_beeindiging.csv",
    "LDT_RedenWijziging": "WMO002_Reden_wijziging_toewijzing.csv",
}
ALLOWED_XS = {
    "schema",
    "import",
    "annotation",
    "appinfo",
    "documentation",
    "element",
    "complexType",
    "sequence",
    "simpleType",
    "restriction",
    "enumeration",
    "pattern",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
}
INT_FACETS = ("minLength", "maxLength", "minInclusive", "maxInclusive")


class SpecError(Exception):
    """The XSD uses a construct this generator does not support."""


def _children(node: etree._Element) -> list[etree._Element]:
    """Schema children of ``node`` without annotations and comments."""
    return [c for c in node if isinstance(c.tag, str) and c.tag != XS + "annotation"]


def _check_vocabulary(tree: etree._ElementTree, path: Path) -> None:
    for node in tree.iter(XS + "*"):
        name = etree.QName(node).localname
        if name not in ALLOWED_XS:
            raise SpecError(f"{path.name}: unsupported construct xs:{name}")


class SchemaReader:
    """Reads one schema document into spec dictionaries."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.tree = etree.parse(str(path))
        _check_vocabulary(self.tree, path)
        self.root = self.tree.getroot()
        self.target_ns = self.root.get("targetNamespace")
        if self.root.get("elementFormDefault") != "qualified":
            raise SpecError(f"{path.name}: elementFormDefault must be 'qualified'")
        self.complex_types: dict[str, list[list[Any]]] = {}
        self.simple_types: dict[str, dict[str, Any]] = {}

    def type_ref(self, node: etree._Element, qname: str) -> str:
        prefix, _, local = qname.rpartition(":")
        ns = node.nsmap.get(prefix or None)
        if ns == XS_NS:
            return f"xs:{local}"
        if ns == IJW_BASIS_NS:
            return f"basis:{local}"
        if ns == self.target_ns and self.kind == "bericht":
            return f"bericht:{local}"
        raise SpecError(f"{self.path.name}: cannot resolve type {qname!r}")

    def read(self) -> None:
        for node in _children(self.root):
            tag = etree.QName(node).localname
            if tag == "complexType":
                self.read_complex(node)
            elif tag == "simpleType":
                self.simple_types[node.get("name")] = self.read_simple(node)
            elif tag not in ("import", "element"):
                raise SpecError(f"{self.path.name}: unexpected top-level xs:{tag}")

    def root_element(self) -> list[str]:
        elements = self.root.findall(XS + "element")
        if len(elements) != 1 or _children(elements[0]):
            raise SpecError(f"{self.path.name}: expected exactly one global element")
        el = elements[0]
        return [el.get("name"), self.type_ref(el, el.get("type"))]

    def read_complex(self, node: etree._Element) -> None:
        name = node.get("name")
        kids = _children(node)
        if set(node.attrib) != {"name"} or len(kids) != 1 or kids[0].tag != XS + "sequence":
            raise SpecError(f"{self.path.name}: complexType {name} is not a plain sequence")
        if kids[0].attrib:
            raise SpecError(f"{self.path.name}: occurrence attributes on sequence in {name}")
        self.complex_types[name] = [self.read_particle(name, el) for el in _children(kids[0])]

    def read_particle(self, owner: str, el: etree._Element) -> list[Any]:
        if el.tag != XS + "element" or set(el.attrib) - {"name", "type", "minOccurs", "maxOccurs"}:
            raise SpecError(f"{self.path.name}: unsupported particle in {owner}")
        name = el.get("name")
        max_occurs: int | str = el.get("maxOccurs", "1")
        if max_occurs != "unbounded":
            max_occurs = int(max_occurs)
        anonymous = _children(el)
        if el.get("type"):
            if anonymous:
                raise SpecError(f"{self.path.name}: {owner}/{name} has type and content")
            ref = self.type_ref(el, el.get("type"))
        elif len(anonymous) == 1 and anonymous[0].tag == XS + "simpleType":
            key = f"{owner}/{name}"
            self.simple_types[key] = self.read_simple(anonymous[0])
            ref = f"{self.kind}:{key}"
        else:
            raise SpecError(f"{self.path.name}: {owner}/{name} has no supported type")
        return [self.kind, name, int(el.get("minOccurs", "1")), max_occurs, ref]

    def read_simple(self, node: etree._Element) -> dict[str, Any]:
        kids = _children(node)
        if len(kids) != 1 or kids[0].tag != XS + "restriction":
            raise SpecError(f"{self.path.name}: simpleType {node.get('name')} not a restriction")
        restriction = kids[0]
        facets: dict[str, Any] = {}
        for facet in _children(restriction):
            name = etree.QName(facet).localname
            value = facet.get("value")
            if name in ("enumeration", "pattern"):
                facets.setdefault(name, []).append(value)
            elif name in INT_FACETS and name not in facets:
                facets[name] = int(value)
            else:
                raise SpecError(f"{self.path.name}: unsupported facet xs:{name}")
        return {"base": self.type_ref(restriction, restriction.get("base")), "facets": facets}

    def appinfo(self, name: str) -> str:
        for node in self.root.iter(f"{{{IJW_BASIS_NS}}}{name}"):
            return (node.text or "").strip()
        raise SpecError(f"{self.path.name}: appinfo {name} missing")


def read_ijw(xsd_dir: Path) -> dict[str, Any]:
    """The iJw spec as a dictionary, read from the official XSD directory."""
    basis = SchemaReader(xsd_dir / "Basisschema.xsd", "basis")
    basis.read()
    if basis.root.findall(XS + "element"):
        raise SpecError("Basisschema.xsd: unexpected global element")
    messages = {}
    for path in sorted(xsd_dir.glob("JW3*.xsd")):
        reader = SchemaReader(path, "bericht")
        reader.read()
        messages[path.stem] = {
            "complex_types": reader.complex_types,
            "namespace": reader.target_ns,
            "root": reader.root_element(),
            "simple_types": reader.simple_types,
            "xsd_version": reader.appinfo("BerichtXsdVersie"),
        }
    if not messages:
        raise SpecError(f"no JW3*.xsd found in {xsd_dir}")
    return {
        "base_schema": {
            "complex_types": basis.complex_types,
            "namespace": basis.target_ns,
            "simple_types": basis.simple_types,
            "xsd_version": basis.appinfo("BasisschemaXsdVersie"),
        },
        "format": FORMAT_VERSION,
        "messages": messages,
        "release": "3.2",
        "standard": "ijw",
    }


def _codes(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["Code"] for row in csv.DictReader(fh)]


def wmo_berichtcodes(codelijsten: Path) -> dict[str, str]:
    """iWmo berichtcodes: COD002 plus the supplementary table; conflicts are an error."""
    with (codelijsten / "COD002_Berichtcode.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["Berichttype"]: r["Berichtcode"] for r in csv.DictReader(fh)}
    codes = {k: v for k, v in rows.items() if k.startswith("WMO")}
    for key, code in WMO_BERICHTCODES_AANVULLEND.items():
        if codes.setdefault(key, code) != code:
            raise SpecError(f"COD002 gives {key}={codes[key]}, supplementary table {code}")
    return codes


def _derive_message(key: str, message: dict[str, Any], code: str) -> dict[str, Any]:
    derived = json.loads(json.dumps(message))
    jw = key.lower()
    derived["namespace"] = message["namespace"].replace(
        f"/ijw/3_2/{jw}/", f"/iwmo/3_2/{jw.replace('jw', 'wmo')}/"
    )
    berichtcode = derived["simple_types"]["Header/BerichtCode"]["facets"]
    if len(berichtcode.get("pattern", [])) != 1:
        raise SpecError(f"{key}: BerichtCode is not a single fixed pattern")
    berichtcode["pattern"] = [code]
    return derived


def derive_iwmo(ijw: dict[str, Any], codelijsten: Path) -> dict[str, Any]:
    """The iWmo spec, derived from the iJw spec by substitution (see module docstring)."""
    codes = wmo_berichtcodes(codelijsten)
    derived = json.loads(json.dumps(ijw))
    derived["standard"] = "iwmo"
    derived["derived_from"] = "ijw"
    basis = derived["base_schema"]
    basis["namespace"] = IWMO_BASIS_NS
    for type_name, filename in WMO_CODELIJSTEN.items():
        facets = basis["simple_types"][type_name]["facets"]
        if "enumeration" not in facets:
            raise SpecError(f"{type_name} has no enumeration to substitute")
        facets["enumeration"] = _codes(codelijsten / filename)
    messages = {}
    for key, message in ijw["messages"].items():
        wmo_key = key.replace("JW", "WMO")
        if wmo_key not in codes:
            raise SpecError(f"no iWmo berichtcode known for {wmo_key}")
        messages[wmo_key] = _derive_message(key, message, codes[wmo_key])
    derived["messages"] = messages
    return derived


def dumps(obj: Any, indent: int = 0) -> str:
    """Deterministic JSON: sorted keys, lists of scalars on one line."""
    pad = " " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [
            f"{pad} {json.dumps(k, ensure_ascii=False)}: {dumps(obj[k], indent + 1)}"
            for k in sorted(obj)
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(obj, list) and any(isinstance(x, (dict, list)) for x in obj):
        items = [f"{pad} {dumps(x, indent + 1)}" for x in obj]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(obj, ensure_ascii=False)


def _stripped(path: Path) -> etree._ElementTree:
    """An official schema without its annotations, pretty-printed afresh."""
    tree = etree.parse(str(path), etree.XMLParser(remove_blank_text=True, remove_comments=True))
    for annotation in tree.getroot().findall(f".//{XS}annotation"):
        annotation.getparent().remove(annotation)
    return tree


def _xsd_text(tree: etree._ElementTree) -> str:
    return etree.tostring(tree, encoding="unicode", pretty_print=True)


def _wmo_namespaces(text: str, jw: str = "") -> str:
    """The iWmo namespaces: the Basisschema's, and message `jw`'s (e.g. ``jw301``) if given."""
    text = text.replace(IJW_BASIS_NS, IWMO_BASIS_NS)
    if not jw:
        return text
    return text.replace(f"/ijw/3_2/{jw}/schema", f"/iwmo/3_2/{jw.replace('jw', 'wmo')}/schema")


def _wmo_message_xsd(path: Path, code: str) -> str:
    tree = _stripped(path)
    patterns = tree.getroot().findall(f".//{XS}element[@name='BerichtCode']//{XS}pattern")
    if len(patterns) != 1:
        raise SpecError(f"{path.name}: BerichtCode is not a single fixed pattern")
    patterns[0].set("value", code)
    return _wmo_namespaces(_xsd_text(tree), path.stem.lower())


def _wmo_basisschema_xsd(path: Path, codelijsten: Path) -> str:
    tree = _stripped(path)
    for type_name, filename in WMO_CODELIJSTEN.items():
        restriction = tree.getroot().find(f"{XS}simpleType[@name='{type_name}']/{XS}restriction")
        enumerations = [] if restriction is None else restriction.findall(f"{XS}enumeration")
        if not enumerations:
            raise SpecError(f"{type_name} has no enumeration to substitute")
        plek = restriction.index(enumerations[0])
        for old in enumerations:
            restriction.remove(old)
        for offset, value in enumerate(_codes(codelijsten / filename)):
            new = etree.Element(f"{XS}enumeration", value=value)
            restriction.insert(plek + offset, new)
    return _wmo_namespaces(_xsd_text(tree))


def build_xsd(xsd_dir: Path, codelijsten: Path) -> dict[str, str]:
    """Relative path -> content of the shipped schemas (see the module docstring)."""
    codes = wmo_berichtcodes(codelijsten)
    basis = xsd_dir / "Basisschema.xsd"
    files = {
        "xsd/ijw/Basisschema.xsd": _xsd_text(_stripped(basis)),
        "xsd/iwmo/Basisschema.xsd": _wmo_basisschema_xsd(basis, codelijsten),
    }
    for path in sorted(xsd_dir.glob("JW3*.xsd")):
        wmo_key = path.stem.replace("JW", "WMO")
        if wmo_key not in codes:
            raise SpecError(f"no iWmo berichtcode known for {wmo_key}")
        files[f"xsd/ijw/{path.name}"] = _xsd_text(_stripped(path))
        files[f"xsd/iwmo/{wmo_key}.xsd"] = _wmo_message_xsd(path, codes[wmo_key])
    return files


def build(xsd_dir: Path, codelijsten: Path) -> dict[str, str]:
    """File name -> file content for both specs and the shipped schemas."""
    ijw = read_ijw(xsd_dir)
    iwmo = derive_iwmo(ijw, codelijsten)
    return {
        "ijw-3.2.json": dumps(ijw) + "\n",
        "iwmo-3.2.json": dumps(iwmo) + "\n",
        **build_xsd(xsd_dir, codelijsten),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xsd-dir", type=Path, default=DEFAULT_XSD_DIR)
    parser.add_argument("--codelijsten", type=Path, default=DEFAULT_CODELIJSTEN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    stale = []
    for name, content in build(args.xsd_dir, args.codelijsten).items():
        target = args.out / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == content:
            continue
        stale.append(name)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    if args.check and stale:
        print(f"stale spec files: {', '.join(stale)}; run tools/xsd_to_spec.py", file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
