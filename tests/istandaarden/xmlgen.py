"""Random valid iJw/iWmo 3.2 instance documents from the JSON spec, plus structural mutations.

Deliberately independent of ``passend.istandaarden.structure``: it reads the JSON spec itself,
so a misreading of the spec in the validator is not mirrored here. Documents are built as a
small node tree (:class:`Knoop`), mutated, and serialised with lxml.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
ONBEKENDE_NS = "urn:example:onbekend"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëïÀÖøĳŁỳ"
TEKST_ALFABET = LETTERS + "0123456789 -.'&<>\"/\u00a0"


@dataclass
class Knoop:
    """One element: complex (``kinderen`` is a list) or simple (``waarde``)."""

    namespace: str
    naam: str
    type_ref: str | None
    kinderen: list[Knoop] | None = None
    waarde: str = ""
    tekst: str | None = None  # leading character data of a complex element
    staart: str | None = None  # character data after this element, inside its parent
    commentaar_op: int | None = None  # split the simple value with a comment at this index
    attributen: dict[str, str] = field(default_factory=dict)

    def alle(self) -> list[Knoop]:
        result = [self]
        for kind in self.kinderen or []:
            result.extend(kind.alle())
        return result


@cache
def spec(bestand: str = "ijw-3.2.json") -> dict[str, Any]:
    return json.loads((files("passend.istandaarden.spec") / bestand).read_text("utf-8"))


@dataclass(frozen=True)
class EnkelvoudigInfo:
    primitief: str
    enumeratie: tuple[str, ...] | None
    patronen: tuple[str, ...]
    min_lengte: int
    max_lengte: int | None
    min_waarde: int | None
    max_waarde: int | None


class Schema:
    """Type lookups for one message type of a spec."""

    def __init__(self, soort: str, bestand: str = "ijw-3.2.json") -> None:
        data = spec(bestand)
        self.soort = soort
        self.basis = data["base_schema"]
        self.bericht = data["messages"][soort]
        self.ns = {"bericht": self.bericht["namespace"], "basis": self.basis["namespace"]}

    def _deel(self, ref: str) -> tuple[dict[str, Any], str]:
        soort, _, naam = ref.partition(":")
        return (self.bericht if soort == "bericht" else self.basis), naam

    def is_complex(self, ref: str) -> bool:
        schema, naam = self._deel(ref)
        return not ref.startswith("xs:") and naam in schema["complex_types"]

    def deeltjes(self, ref: str) -> list[list[Any]]:
        schema, naam = self._deel(ref)
        return schema["complex_types"][naam]

    def enkelvoudig(self, ref: str) -> EnkelvoudigInfo:
        stappen = []
        while not ref.startswith("xs:"):
            schema, naam = self._deel(ref)
            stappen.append(schema["simple_types"][naam]["facets"])
            ref = schema["simple_types"][naam]["base"]

        def alle(facet: str) -> list[Any]:
            return [s[facet] for s in stappen if facet in s]

        return EnkelvoudigInfo(
            primitief=ref[3:],
            enumeratie=tuple(alle("enumeration")[0]) if alle("enumeration") else None,
            patronen=tuple(p for s in alle("pattern") for p in s),
            min_lengte=max(alle("minLength"), default=0),
            max_lengte=min(alle("maxLength"), default=None),
            min_waarde=max(alle("minInclusive"), default=None),
            max_waarde=min(alle("maxInclusive"), default=None),
        )

    def enkelvoudige_refs(self) -> list[str]:
        refs = set()
        for schema in (self.basis, self.bericht):
            for deeltjes in schema["complex_types"].values():
                refs.update(d[4] for d in deeltjes if not self.is_complex(d[4]))
        return sorted(refs)


# ------------------------------------------------------------------------------ values


def _tekst(rng: random.Random, minimum: int, maximum: int, alfabet: str = TEKST_ALFABET) -> str:
    lengte = rng.randint(max(minimum, 1), max(minimum, 1, min(maximum, 12)))
    waarde = "".join(rng.choice(alfabet) for _ in range(lengte))
    if not waarde.strip(" \t\n\r"):
        waarde = "x" + waarde[1:]
    return waarde


def _cijfers(n: int) -> Callable[[random.Random, int, int], str]:
    return lambda rng, lo, hi: "".join(rng.choice("0123456789") for _ in range(n))


PATROON_GENERATOREN: dict[str, Callable[[random.Random, int, int], str]] = {
    "[0-9]{9}": _cijfers(9),
    "[0-9]{8}": _cijfers(8),
    "[0-9]{4}": _cijfers(4),
    "[0-9]*": lambda rng, lo, hi: _tekst(rng, lo, hi, "0123456789"),
    r".*[^\s].*": lambda rng, lo, hi: _tekst(rng, lo, hi),
    r"([.\s]*\S+[.\s]*)+": lambda rng, lo, hi: _tekst(rng, lo, 40, TEKST_ALFABET + "\n\t."),
    "([a-zA-ZÀ-ỳ])+": lambda rng, lo, hi: _tekst(rng, lo, hi, LETTERS),
    "([a-zA-Z0-9])+": lambda rng, lo, hi: _tekst(rng, lo, hi, "abcXYZ0123456789"),
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)": (
        lambda rng, lo, hi: ".".join(str(rng.choice([0, 1, 2, 10, 305])) for _ in range(3))
    ),
    "[^:Z]*": lambda rng, lo, hi: _datum(rng),
    "[^Z+-]+": lambda rng, lo, hi: _tijd(rng),
}


def _datum(rng: random.Random) -> str:
    return (dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))).isoformat()


def _tijd(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02}"


def geldige_waarde(rng: random.Random, info: EnkelvoudigInfo) -> str:
    if info.enumeratie:
        return rng.choice(info.enumeratie)
    literal = [p for p in info.patronen if p.isalnum()]
    if literal:
        return literal[0]
    if info.primitief == "integer":
        hoogste = min(info.max_waarde if info.max_waarde is not None else 10**6, 10**12)
        return str(rng.randint(info.min_waarde or 0, hoogste))
    if info.primitief == "date":
        return _datum(rng)
    if info.primitief == "time":
        return _tijd(rng)
    hi = info.max_lengte if info.max_lengte is not None else 40
    if info.patronen:
        return PATROON_GENERATOREN[info.patronen[0]](rng, info.min_lengte, hi)
    return _tekst(rng, info.min_lengte, hi)


# ------------------------------------------------------------------------- documents


def _aantal(rng: random.Random, minimum: int, maximum: int | str) -> int:
    if maximum == "unbounded":
        return rng.randint(max(minimum, 1) if rng.random() < 0.8 else minimum, 3)
    if minimum == 0:
        return int(rng.random() < 0.6)
    return minimum


def bouw(rng: random.Random, schema: Schema, ref: str, ns: str, naam: str) -> Knoop:
    if not schema.is_complex(ref):
        return Knoop(ns, naam, ref, waarde=geldige_waarde(rng, schema.enkelvoudig(ref)))
    knoop = Knoop(ns, naam, ref, kinderen=[])
    for kind_ns, kind_naam, minimum, maximum, kind_ref in schema.deeltjes(ref):
        for _ in range(_aantal(rng, minimum, maximum)):
            kind = bouw(rng, schema, kind_ref, schema.ns[kind_ns], kind_naam)
            knoop.kinderen.append(kind)  # type: ignore[union-attr]
    if rng.random() < 0.3:
        knoop.tekst = rng.choice(["\n  ", " ", "\t\r\n"])
    return knoop


def geldig_document(rng: random.Random, soort: str, bestand: str = "ijw-3.2.json") -> Knoop:
    schema = Schema(soort, bestand)
    naam, ref = schema.bericht["root"]
    return bouw(rng, schema, ref, schema.ns["bericht"], naam)


def _nsmap(rng: random.Random, soort: str, bestand: str) -> dict[str | None, str]:
    schema = Schema(soort, bestand)
    bericht, basis = schema.ns["bericht"], schema.ns["basis"]
    return rng.choice(
        [
            {None: bericht, "ijw": basis},
            {"m": bericht, None: basis},
            {"m": bericht, "b": basis},
        ]
    )


def _naar_lxml(knoop: Knoop, ouder: etree._Element | None, nsmap: dict) -> etree._Element:
    tag = f"{{{knoop.namespace}}}{knoop.naam}" if knoop.namespace else knoop.naam
    elem = etree.Element(tag, nsmap=nsmap) if ouder is None else etree.SubElement(ouder, tag)
    for sleutel, waarde in knoop.attributen.items():
        elem.set(sleutel, waarde)
    if knoop.kinderen is None:
        _zet_waarde(elem, knoop)
    else:
        elem.text = knoop.tekst
        for kind in knoop.kinderen:
            _naar_lxml(kind, elem, nsmap).tail = kind.staart
    return elem


def _zet_waarde(elem: etree._Element, knoop: Knoop) -> None:
    if knoop.commentaar_op is None:
        elem.text = knoop.waarde
        return
    k = knoop.commentaar_op
    elem.text = knoop.waarde[:k]
    commentaar = etree.Comment(" opmerking ")
    commentaar.tail = knoop.waarde[k:]
    elem.append(commentaar)


def serialiseer(
    rng: random.Random, knoop: Knoop, soort: str, bestand: str = "ijw-3.2.json"
) -> bytes:
    nsmap = _nsmap(rng, soort, bestand)
    if None in nsmap and any(k.namespace == "" for k in knoop.alle()):
        # lxml never writes xmlns="", so no-namespace elements need a prefixed document
        nsmap = {"m": nsmap.pop(None), **nsmap}
    nsmap["xsi"] = XSI
    wortel = _naar_lxml(knoop, None, nsmap)
    return etree.tostring(wortel, xml_declaration=True, encoding="UTF-8")


# ------------------------------------------------------------------------- mutations

FOUTE_WAARDEN = [
    "",
    " ",
    "0",
    "-0",
    "+1",
    "-1",
    "007",
    "1e3",
    "99",
    "01",
    " 01",
    "01 ",
    "1.5",
    "x",
    "2024-02-29",
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "-2024-01-01",
    "12024-01-01",
    "2024-01-01Z",
    "2024-01-01+01:00",
    " 2024-01-01\n",
    "2024-1-1",
    "24:00:00",
    "23:59:60",
    "12:00:00.5",
    "12:00:00.",
    "12:00",
    "12:00:00Z",
    "12:00:00-01:00",
    "a\nb",
    "a\rb",
    "\t",
    "\u00a0",
    "x" * 201,
    "123456789",
    "12345678",
    "1234567890",
    "436",
    "3",
    "2",
    " 3 ",
    "03",
    "1.0.0",
    "01.0.0",
    "ABC",
    "A B",
    "ỵ",
    "9999999999999",
    "999999999999",
    "1000000000000",
    "100000000",
    "+99999999",
    "abc.",
    "...",
    " . ",
]


class Muteerder:
    """Applies one random mutation to a document tree; returns its description."""

    def __init__(self, rng: random.Random, schema: Schema) -> None:
        self.rng = rng
        self.schema = schema

    def muteer(self, wortel: Knoop) -> str:
        mutatie = self.rng.choice(MUTATIES)
        try:
            return mutatie(self, wortel)
        except IndexError:  # no suitable element left after earlier mutations
            return "niets"

    # helpers
    def _complex(self, wortel: Knoop) -> list[Knoop]:
        return [k for k in wortel.alle() if k.kinderen is not None]

    def _enkelvoudig(self, wortel: Knoop) -> list[Knoop]:
        return [k for k in wortel.alle() if k.kinderen is None and k.type_ref]

    def _ouder_met_kinderen(self, wortel: Knoop) -> Knoop | None:
        kandidaten = [k for k in self._complex(wortel) if k.kinderen]
        return self.rng.choice(kandidaten) if kandidaten else None

    # mutations
    def verwijder_kind(self, wortel: Knoop) -> str:
        ouder = self._ouder_met_kinderen(wortel)
        if ouder is None:
            return "niets"
        kind = ouder.kinderen.pop(self.rng.randrange(len(ouder.kinderen)))  # type: ignore
        return f"verwijder {kind.naam} uit {ouder.naam}"

    def dupliceer(self, wortel: Knoop) -> str:
        ouder = self._ouder_met_kinderen(wortel)
        if ouder is None:
            return "niets"
        i = self.rng.randrange(len(ouder.kinderen))  # type: ignore[arg-type]
        ouder.kinderen.insert(i + 1, copy.deepcopy(ouder.kinderen[i]))  # type: ignore
        return f"dupliceer {ouder.kinderen[i].naam}"  # type: ignore[index]

    def wissel(self, wortel: Knoop) -> str:
        ouder = self._ouder_met_kinderen(wortel)
        if ouder is None or len(ouder.kinderen) < 2:  # type: ignore[arg-type]
            return "niets"
        kinderen = ouder.kinderen
        i = self.rng.randrange(len(kinderen) - 1)  # type: ignore[arg-type]
        kinderen[i], kinderen[i + 1] = kinderen[i + 1], kinderen[i]  # type: ignore[index]
        return f"wissel {kinderen[i].naam} en {kinderen[i + 1].naam}"  # type: ignore[index]

    def verplaats(self, wortel: Knoop) -> str:
        ouder = self._ouder_met_kinderen(wortel)
        if ouder is None:
            return "niets"
        kind = ouder.kinderen.pop(self.rng.randrange(len(ouder.kinderen)))  # type: ignore
        ouder.kinderen.insert(self.rng.randint(0, len(ouder.kinderen)), kind)  # type: ignore
        return f"verplaats {kind.naam}"

    def onbekend_element(self, wortel: Knoop) -> str:
        ouder = self.rng.choice(self._complex(wortel))
        naam = self.rng.choice(["Onbekend", "Bsn", "Datum", "Client", "Header", "Prestatie"])
        ns = self.rng.choice([ouder.namespace, self.schema.ns["basis"], self.schema.ns["bericht"]])
        kind = Knoop(ns, naam, None, waarde=self.rng.choice(["", "1", "123456789"]))
        ouder.kinderen.insert(self.rng.randint(0, len(ouder.kinderen)), kind)  # type: ignore
        return f"voeg {naam} in {ouder.naam} in"

    def verkeerde_naamruimte(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(wortel.alle())
        andere = [self.schema.ns["basis"], self.schema.ns["bericht"], ONBEKENDE_NS, ""]
        knoop.namespace = self.rng.choice([ns for ns in andere if ns != knoop.namespace])
        return f"naamruimte van {knoop.naam} wordt {knoop.namespace!r}"

    def foute_waarde(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        knoop.waarde = self.rng.choice(FOUTE_WAARDEN)
        return f"{knoop.naam} = {knoop.waarde!r}"

    def waarde_van_ander_type(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        ref = self.rng.choice(self.schema.enkelvoudige_refs())
        knoop.waarde = geldige_waarde(self.rng, self.schema.enkelvoudig(ref))
        return f"{knoop.naam} = {knoop.waarde!r} (van {ref})"

    def grenswaarde(self, wortel: Knoop) -> str:
        getallen = [
            k
            for k in self._enkelvoudig(wortel)
            if self.schema.enkelvoudig(k.type_ref).primitief == "integer"  # type: ignore[arg-type]
        ]
        knoop = self.rng.choice(getallen)
        info = self.schema.enkelvoudig(knoop.type_ref)  # type: ignore[arg-type]
        lo, hi = info.min_waarde or 0, info.max_waarde or 0
        knoop.waarde = self.rng.choice(
            [
                str(lo),
                str(hi),
                str(lo - 1),
                str(hi + 1),
                f"+{hi}",
                f"000{hi}",
                f"-{lo}",
                str(10**30),
                f" {hi}\n",
                f"{hi}.0",
            ]
        )
        return f"{knoop.naam} = {knoop.waarde!r}"

    def teken_mutatie(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        waarde = knoop.waarde
        i = self.rng.randint(0, len(waarde))
        teken = self.rng.choice("0a Z:+-.\t\n\r\u00a0\u2003ỵé9")
        if waarde and self.rng.random() < 0.4:
            knoop.waarde = waarde[:i] + waarde[i + 1 :]
        else:
            knoop.waarde = waarde[:i] + teken + waarde[i:]
        return f"{knoop.naam}: {waarde!r} -> {knoop.waarde!r}"

    def witruimte(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        voor = self.rng.choice(["", " ", "\t", "\n", "\r", "  \n\t"])
        na = self.rng.choice(["", " ", "\t", "\n", "\r\n", "\u00a0"])
        knoop.waarde = voor + knoop.waarde + na
        return f"witruimte rond {knoop.naam}: {knoop.waarde!r}"

    def tekst_in_complex(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._complex(wortel))
        tekst = self.rng.choice(["tekst", " x ", "\u00a0", "  \n ", "\t", "."])
        if knoop.kinderen and self.rng.random() < 0.5:
            self.rng.choice(knoop.kinderen).staart = tekst
        else:
            knoop.tekst = tekst
        return f"tekst {tekst!r} in {knoop.naam}"

    def kind_in_enkelvoudig(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        knoop.kinderen = [Knoop(knoop.namespace, "Waarde", None, waarde=knoop.waarde)]
        knoop.type_ref = None
        return f"kind-element in {knoop.naam}"

    def attribuut(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(wortel.alle())
        naam, waarde = self.rng.choice(
            [
                (f"{{{XSI}}}nil", "false"),
                (f"{{{XSI}}}nil", "true"),
                ("id", "1"),
                (f"{{{XSI}}}schemaLocation", f"{knoop.namespace} bericht.xsd"),
                (f"{{{XSI}}}noNamespaceSchemaLocation", "bericht.xsd"),
            ]
        )
        knoop.attributen[naam] = waarde
        return f"attribuut {naam} op {knoop.naam}"

    def commentaar_in_waarde(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(self._enkelvoudig(wortel))
        knoop.commentaar_op = self.rng.randint(0, len(knoop.waarde))
        return f"commentaar in {knoop.naam}"

    def hernoem(self, wortel: Knoop) -> str:
        knoop = self.rng.choice(wortel.alle())
        oud = knoop.naam
        knoop.naam = self.rng.choice([oud.lower(), oud + "X", "Bericht", "Datum", "Client"])
        return f"hernoem {oud} naar {knoop.naam}"


MUTATIES: list[Callable[[Muteerder, Knoop], str]] = [
    Muteerder.verwijder_kind,
    Muteerder.dupliceer,
    Muteerder.wissel,
    Muteerder.verplaats,
    Muteerder.onbekend_element,
    Muteerder.verkeerde_naamruimte,
    Muteerder.foute_waarde,
    Muteerder.foute_waarde,
    Muteerder.waarde_van_ander_type,
    Muteerder.grenswaarde,
    Muteerder.teken_mutatie,
    Muteerder.teken_mutatie,
    Muteerder.witruimte,
    Muteerder.witruimte,
    Muteerder.tekst_in_complex,
    Muteerder.kind_in_enkelvoudig,
    Muteerder.attribuut,
    Muteerder.commentaar_in_waarde,
    Muteerder.hernoem,
]
