"""Stream one iJw/iWmo message into records, with structural and message-level problems.

The file is parsed with lxml iterparse. Each record element (ToegewezenProduct,
StartProduct, StopProduct, Prestatie, ...) is handed out as soon as it is complete; every
element is removed from the tree once it has been read, records or not, so memory stays
flat whatever the file holds (a million records, or a million stray elements in a header).
Structural violations (our streaming equivalent of the XSD, attributes and stray text
included) are attributed to the record they occur in; a violation outside any record
(header, client) taints the records that follow it.

Hostile input ends as a problem, never as an exception: a parse error becomes a Dutch
explanation (never libxml2's English), a record that cannot be built names the missing
value, and a DOCTYPE (which iJw/iWmo messages never carry, and which is the door to entity
tricks) is refused. The number of problems kept per record and the elements kept inside
one record are capped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from typing import BinaryIO, TypeVar

from lxml import etree

from passend.domain.checks import Regel
from passend.domain.maskering import maskeer_bsn
from passend.domain.records import (
    AanvraagRecord,
    AfgewezenPrestatie,
    ClientGegevens,
    Declaratieantwoord,
    DeclaratieKop,
    Domein,
    Herkomst,
    Kop,
    LeveringRecord,
    Omvang,
    PrestatieRecord,
    Record,
    ToewijzingRecord,
)
from passend.istandaarden.masking import PRIVACY_ELEMENTS, maskeer_element, spec_elementnamen
from passend.istandaarden.structure import (
    XSD_WITRUIMTE,
    Overtreding,
    StructuurValidator,
    attributen_van,
    berichtsoort_voor_namespace,
    eigen_tekst,
    snoei,
)
from passend.istandaarden.uitkomst import (
    VERWERKTE_SOORTEN,
    BerichtInfo,
    Probleem,
    Uitkomst,
    geen_fragment,
)
from passend.istandaarden.xmlfouten import xml_fout_uitleg

#: Record element per message kind (the part after JW/WMO).
RECORD_ELEMENTEN: dict[str, frozenset[str]] = {
    "301": frozenset({"ToegewezenProduct"}),
    "305": frozenset({"StartProduct"}),
    "307": frozenset({"StopProduct"}),
    "315": frozenset({"AangevraagdProduct"}),
    "317": frozenset({"TeWijzigenProduct", "NieuwProduct"}),
    "323": frozenset({"Prestatie"}),
}
assert frozenset(RECORD_ELEMENTEN) == VERWERKTE_SOORTEN
#: Problems kept per record and for the header; the rest are counted in one extra problem.
MAX_PROBLEMEN = 25
#: Elements kept inside one record (a valid record has a few dozen); beyond, it is rejected
#: and its children are dropped as they are read.
MAX_RECORD_ELEMENTEN = 2_000
#: After this many structural problems a message is not read on: nothing after the first
#: problem outside a record could be accepted anyway, and an element bomb stops here.
MAX_STRUCTUURFOUTEN = 10_000
#: Rejected prestaties one declaratieantwoord (325) may list; they are held in memory until
#: the answer is complete. Far above a month's declaratie of one aanbieder to one gemeente.
MAX_AFGEWEZEN = 100_000
#: Parse errors of these kinds mean the file is not XML at all, rather than damaged XML.
_GEEN_XML = frozenset({etree.ErrorTypes.ERR_DOCUMENT_START, etree.ErrorTypes.ERR_DOCUMENT_EMPTY})

T = TypeVar("T")


class _TeVeelFouten(Exception):
    """Raised inside the reader to stop reading a message that is wrong throughout."""


class Ontbreekt(ValueError):
    """A value a record needs is missing or unreadable; `veld` says which."""

    def __init__(self, veld: str) -> None:
        super().__init__(veld)
        self.veld = veld


#: Tags already split: a message repeats a few dozen tags thousands of times. Bounded, so
#: that a file of a million different tags cannot grow it without end.
_GESPLITST: dict[str, tuple[str, str]] = {}
_MAX_GESPLITST = 4_096


def _splits(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an lxml tag; comments and PIs have no string tag."""
    if not isinstance(tag, str):
        return "", ""
    gesplitst = _GESPLITST.get(tag)
    if gesplitst is not None:
        return gesplitst
    if tag[:1] == "{":
        ns, _, naam = tag[1:].partition("}")
        gesplitst = (ns, naam)
    else:
        gesplitst = ("", tag)
    if len(_GESPLITST) < _MAX_GESPLITST:
        _GESPLITST[tag] = gesplitst
    return gesplitst


#: Elements nothing is read of, below them included: personal data (the BSN excepted).
_NIET_GELEZEN = PRIVACY_ELEMENTS - {"Bsn"}
#: The header leaves `BerichtInfo` shows (see `BerichtLezer._kop_naar_info`).
_KOP_IN_INFO = frozenset({"Afzender", "Ontvanger", "Identificatie", "Dagtekening"})


#: Per tag of a parsed tree: (local name, nothing is read at or below it, personal data or
#: no name at all: left out of a record's fields). The tree walk asks this of every element.
#: Bounded like `_GESPLITST`.
_SOORTEN: dict[object, tuple[str, bool, bool]] = {}


def _soort(tag: object) -> tuple[str, bool, bool]:
    soort = _SOORTEN.get(tag)
    if soort is None:
        naam = _splits(tag)[1]
        soort = (naam, naam in _NIET_GELEZEN, not naam or naam in PRIVACY_ELEMENTS)
        if len(_SOORTEN) < _MAX_GESPLITST:
            _SOORTEN[tag] = soort
    return soort


def _velden(element: etree._Element) -> dict[str, str]:
    """Leaf values below `element` keyed by their path relative to it (privacy leaves left out).

    Both parsers drop comments and processing instructions, so every child is an element.
    """
    return _velden_geteld(element)[0]


def _velden_geteld(element: etree._Element) -> tuple[dict[str, str], int]:
    """`_velden`, with the number of elements below `element` (for
    :data:`MAX_RECORD_ELEMENTEN`), counted in the same walk."""
    waarden: dict[str, str] = {}
    soorten = _SOORTEN

    def walk(node: etree._Element, prefix: str) -> int:
        aantal = len(node)
        for kind in node:
            naam, _, overslaan = soorten.get(kind.tag) or _soort(kind.tag)
            if overslaan:
                aantal += sum(1 for _ in kind.iterdescendants())
            elif len(kind):
                aantal += walk(kind, f"{prefix}{naam}/")
            elif tekst := (kind.text or "").strip():
                waarden[prefix + naam] = tekst
        return aantal

    return waarden, walk(element, "")


def _datum(tekst: str | None) -> date | None:
    try:
        return date.fromisoformat(tekst) if tekst else None
    except ValueError:
        return None


def _tijd(tekst: str | None) -> time | None:
    try:
        return time.fromisoformat(tekst) if tekst else None
    except ValueError:
        return None


def _getal(tekst: str | None) -> int | None:
    try:
        return int(tekst) if tekst else None
    except ValueError:
        return None


def _veilig_pad(pad: list[str]) -> str:
    """An element path for a melding: names the spec does not know are not echoed."""
    bekend = spec_elementnamen()
    return "/" + "/".join(naam if naam in bekend else "…" for naam in pad)


#: `_veilig_pad` of the records' paths: every record of a message has the same one, and
#: only paths of the spec's names are kept (few; bounded like `_GESPLITST`).
_RECORDPADEN: dict[tuple[str, ...], str] = {}


def _recordpad(pad: list[str]) -> str:
    sleutel = tuple(pad)
    veilig = _RECORDPADEN.get(sleutel)
    if veilig is None:
        veilig = _veilig_pad(pad)
        if len(_RECORDPADEN) < _MAX_GESPLITST and "…" not in veilig:
            _RECORDPADEN[sleutel] = veilig
    return veilig


class BerichtLezer:
    """Iterate over the records of one message file; `info` fills in while reading.

    `bestand` is the name shown to people (already masked by the caller). `geldig` says that
    the message's schema accepts the file (`istandaarden.schema.is_geldig`): the streaming
    structure check, which would find nothing, is then skipped. `boom` is that file already
    parsed and accepted (`istandaarden.schema.geldige_boom`): it is walked instead of parsed
    again, and what nothing is read of (a record's inside, once the record is built from its
    element; personal data) is not walked at all.
    """

    def __init__(
        self,
        bestand: str,
        stream: BinaryIO,
        *,
        geldig: bool = False,
        boom: etree._ElementTree | None = None,
    ) -> None:
        self.info = BerichtInfo(bestand=bestand)
        self._stream = stream
        self._boom = boom
        self._controleer = not geldig and boom is None
        self._kop: dict[str, str] = {}
        self._client: dict[str, str] = {}
        self._declaratie: dict[str, str] = {}
        self._antwoord: dict[str, str] = {}
        self._prestatie: dict[str, str] = {}
        self._afgewezen: list[AfgewezenPrestatie] = []
        self._te_veel_afgewezen = False
        self._kopfouten: list[Probleem] = []
        self._recordfouten: list[Probleem] = []
        self._weggelaten = 0
        self._gemelde_kopfouten = 0
        self._record_elementen: frozenset[str] = frozenset()
        self._kop_cache: Kop | None = None
        self._client_cache: ClientGegevens | None = None
        self._declaratie_cache: DeclaratieKop | None = None
        self._in_record = False
        self._pad: list[str] = []

    def __iter__(self) -> Iterator[Uitkomst]:
        try:
            yield from self._lees()
        except _TeVeelFouten:
            yield self._fout(
                Regel.XSD_MEER,
                f"Het bericht bevat meer dan {MAX_STRUCTUURFOUTEN} structuurfouten; de rest is "
                "niet gelezen en niet verwerkt.",
            )
        except etree.XMLSyntaxError as fout:
            yield self._xml_fout(fout)
        except (etree.LxmlError, LookupError, UnicodeError, OverflowError, MemoryError):
            # lxml raises these for unknown encodings and exhausted resources.
            yield self._fout(
                Regel.XML,
                "Het bestand kon niet als XML worden gelezen (onbekende tekencodering of te "
                "groot). Records vóór deze plek zijn wel verwerkt.",
            )

    def _fout(self, regel: str, melding: str) -> Uitkomst:
        pad = _veilig_pad(self._pad) if self._pad else ""
        return Uitkomst(pad, None, [Probleem(regel, pad, melding)], geen_fragment)

    def _xml_fout(self, fout: etree.XMLSyntaxError) -> Uitkomst:
        melding = xml_fout_uitleg(fout)
        if fout.code not in _GEEN_XML and self.info.berichttype:
            melding += " Records vóór deze plek zijn wel verwerkt."
        return self._fout(Regel.XML, melding)

    def _lees(self) -> Iterator[Uitkomst]:
        if self._boom is not None:
            yield from self._lees_boom(self._boom.getroot())
        else:
            yield from self._lees_stroom()
        if self.info.soort == "325":
            self._sluit_antwoord()
        if len(self._kopfouten) > self._gemelde_kopfouten:
            yield self._berichtfout()

    def _lees_stroom(self) -> Iterator[Uitkomst]:
        events = self._gebeurtenissen()
        validator: StructuurValidator | None = None
        pad, losse_tekst = self._pad, []
        record_diepte, record_grootte = 0, 0
        controleer = self._controleer
        for event, element in events:
            ns, naam = _splits(element.tag)
            if validator is None:
                validator, weigering = self._begin(element, ns, naam)
                if validator is None:
                    yield weigering
                    return
            if event == "start":
                pad.append(naam)
                losse_tekst.append(False)
                if record_diepte:
                    record_grootte += 1
                elif naam in self._record_elementen:
                    record_diepte, record_grootte, self._in_record = len(pad), 0, True
                if controleer and (
                    overtredingen := validator.start(ns, naam, attributen_van(element))
                ):
                    self._route(self._omzetten(overtredingen))
                continue
            losse = losse_tekst.pop()
            tekst = ""  # a complex element's own text only matters to the structure check
            if controleer or losse or not len(element):
                tekst = eigen_tekst(element)
                if losse and not tekst.strip(XSD_WITRUIMTE):
                    tekst += "…"  # stands for non-whitespace text already pruned from the tree
            problemen = self._omzetten(validator.end(ns, naam, tekst)) if controleer else []
            if len(pad) == record_diepte:
                uitkomst = self._record(element, problemen, record_grootte)
                record_diepte, self._in_record = 0, False
                pad.pop()
                yield uitkomst
                snoei(element, losse_tekst)
                continue
            self._na_element(naam, element, tekst, problemen)
            pad.pop()
            if not record_diepte or record_grootte > MAX_RECORD_ELEMENTEN:
                snoei(element, losse_tekst)

    def _lees_boom(self, wortel: etree._Element) -> Iterator[Uitkomst]:
        """The message as the stream loop reads it, from a tree its schema accepted.

        Walked element by element instead of by lxml events: no structure check is needed,
        and what nothing is read of is not visited at all (a record's inside, once the
        record is built from its element; personal data). The whole tree is walked before
        the first outcome is handed out (it is in memory already, and at most
        `schema.MAX_BOOM` bytes): a header precedes every record in a valid message, so
        what `info` says of the header is the same at every outcome. `test_schema.py`
        holds this to the stream loop's outcomes for every message type.
        """
        ns, naam = _splits(wortel.tag)
        validator, weigering = self._begin(wortel, ns, naam)
        if validator is None:  # the schema accepted it, so only a DOCTYPE can be refused
            yield weigering
            return
        uitkomsten: list[Uitkomst] = []
        self._pad.append(naam)
        self._kinderen(wortel, uitkomsten)
        self._na_element(naam, wortel, "" if len(wortel) else (wortel.text or ""), [])
        self._pad.pop()
        yield from uitkomsten

    def _kinderen(self, element: etree._Element, uitkomsten: list[Uitkomst]) -> None:
        """What `_na_element` does for an element without problems outside a record, inlined:
        this loop visits every header and client element of every message. Personal data is
        never descended into, so no leaf here lies below it."""
        pad, records, soorten = self._pad, self._record_elementen, _SOORTEN
        for kind in element:
            naam, niet_gelezen, _ = soorten.get(kind.tag) or _soort(kind.tag)
            pad.append(naam)
            if naam in records:
                self._in_record = True
                velden, grootte = _velden_geteld(kind)
                uitkomsten.append(self._record(kind, [], grootte, velden))
                self._in_record = False
            elif not niet_gelezen:
                if len(kind):
                    self._kinderen(kind, uitkomsten)
                else:
                    self._bewaar(naam, kind.text or "")
                if naam == "Prestatie" and "DeclaratieAntwoord" in pad:
                    self._afgewezen_klaar()
            pad.pop()

    def _gebeurtenissen(self) -> etree.iterparse:
        return etree.iterparse(
            self._stream,
            events=("start", "end"),
            remove_comments=True,
            remove_pis=True,
            # Internal entities only: a DOCTYPE, the only place to declare them, is refused
            # at the root element, before any content could use one.
            resolve_entities="internal",
            load_dtd=False,
            no_network=True,
        )

    def _begin(
        self, element: etree._Element, ns: str, naam: str
    ) -> tuple[StructuurValidator | None, Uitkomst]:
        if element.getroottree().docinfo.doctype:
            melding = (
                "Het bestand heeft een DOCTYPE-declaratie. iJw- en iWmo-berichten hebben die "
                "nooit, en een DTD kan de inhoud ongemerkt veranderen; het bestand is niet "
                "verwerkt."
            )
            return None, self._fout(Regel.XML, melding)
        soort = berichtsoort_voor_namespace(ns) if naam == "Bericht" else None
        if soort is None:
            return None, self._onbekend(naam)
        self.info.berichttype = soort
        self.info.domein = Domein.WMO if soort.startswith("WMO") else Domein.JEUGD
        self._record_elementen = RECORD_ELEMENTEN.get(self.info.soort, frozenset())
        return StructuurValidator.voor(soort), Uitkomst("", None, [], geen_fragment)

    def _onbekend(self, naam: str) -> Uitkomst:
        getoond = f"'{naam}'" if naam in spec_elementnamen() else "met een onbekende naam"
        melding = (
            f"Onbekend berichttype: het hoofdelement {getoond} met zijn XML-naamruimte is "
            "geen iJw- of iWmo-3.2-bericht. Het bestand is niet verwerkt."
        )
        return Uitkomst("/", None, [Probleem(Regel.ONBEKEND_BERICHT, "/", melding)], geen_fragment)

    @staticmethod
    def _omzetten(overtredingen: list[Overtreding]) -> list[Probleem]:
        return [Probleem(o.regel, o.pad, maskeer_bsn(o.melding)) for o in overtredingen]

    def _na_element(
        self, naam: str, element: etree._Element, tekst: str, problemen: list[Probleem]
    ) -> None:
        if problemen:
            self._route(problemen)
        if self._in_record:
            return
        if not len(element):
            self._onthoud(naam, tekst)
        if naam == "Prestatie" and "DeclaratieAntwoord" in self._pad:
            self._afgewezen_klaar()

    def _route(self, problemen: list[Probleem]) -> None:
        doel = self._recordfouten if self._in_record else self._kopfouten
        ruimte = MAX_PROBLEMEN - len(doel)
        doel.extend(problemen[: max(ruimte, 0)])
        self._weggelaten += max(len(problemen) - max(ruimte, 0), 0)
        if self._weggelaten > MAX_STRUCTUURFOUTEN:
            raise _TeVeelFouten

    def _onthoud(self, naam: str, ruwe_tekst: str) -> None:
        persoonlijk = naam in PRIVACY_ELEMENTS and naam != "Bsn"
        if persoonlijk or not PRIVACY_ELEMENTS.isdisjoint(self._pad[:-1]):
            return
        self._bewaar(naam, ruwe_tekst)

    def _bewaar(self, naam: str, ruwe_tekst: str) -> None:
        """Keep a leaf that is no personal data and lies below none."""
        pad = self._pad
        tekst = ruwe_tekst.strip()
        ouder = pad[-2] if len(pad) > 1 else ""
        if "Header" in pad:
            if ouder == "DeclaratieIdentificatie":  # not the header's own identificatie
                self._antwoord[f"{ouder}/{naam}"] = tekst
                return
            self._kop.setdefault(naam, tekst)
            if naam in _KOP_IN_INFO:
                self._kop_naar_info()
        elif "Prestatie" in pad and "DeclaratieAntwoord" in pad:
            self._prestatie.setdefault(naam if ouder == "Prestatie" else f"{ouder}/{naam}", tekst)
        elif "DeclaratieAntwoord" in pad and "Clienten" not in pad and naam != "RetourCode":
            self._antwoord[naam if ouder == "DeclaratieAntwoord" else f"{ouder}/{naam}"] = tekst
        elif naam == "RetourCode":
            if len(self.info.retourcodes) < MAX_PROBLEMEN:
                self.info.retourcodes.append(tekst[:8])
        elif "Client" in pad and "Prestaties" not in pad:
            if naam == "Bsn":
                self._client = {}
            self._client_cache = None
            self._client[f"{ouder}/{naam}" if ouder == "Geboortedatum" else naam] = tekst
        elif "Declaratie" in pad and "Clienten" not in pad:
            self._declaratie[f"{ouder}/{naam}" if ouder not in ("Declaratie",) else naam] = tekst

    def _afgewezen_klaar(self) -> None:
        """One rejected prestatie of a 325 is read: keep it (its leaves are gone already)."""
        v, self._prestatie = self._prestatie, {}
        if len(self._afgewezen) == MAX_AFGEWEZEN and not self._te_veel_afgewezen:
            self._te_veel_afgewezen = True  # said once; the rest is not kept
            melding = (
                f"Het antwoord wijst meer dan {MAX_AFGEWEZEN} prestaties af; zo'n groot antwoord "
                "verwerkt Passend niet. Het antwoord is niet verwerkt."
            )
            self._route([Probleem(Regel.ONVOLLEDIG, _veilig_pad(self._pad), melding)])
        bedrag = _getal(v.get("IngediendBedrag/Bedrag"))
        referentie = v.get("ProductReferentie/ReferentieNummer", "")
        if bedrag is None or not referentie:
            veld = "IngediendBedrag/Bedrag" if referentie else "ProductReferentie/ReferentieNummer"
            self._route([_onleesbaar(_veilig_pad(self._pad), veld)])
        elif len(self._afgewezen) < MAX_AFGEWEZEN:
            dc = v.get("IngediendBedrag/DebetCredit", "D")
            self._afgewezen.append(
                AfgewezenPrestatie(
                    referentie[:36],
                    -bedrag if dc == "C" else bedrag,
                    v.get("RetourCodes/RetourCode", "")[:4],
                )
            )

    def _sluit_antwoord(self) -> None:
        """The 325 is read: its answer, or a problem that keeps the message out."""
        a = self._antwoord
        if "DeclaratieNummer" not in a or self._kopfouten:
            return  # no DeclaratieAntwoord (refused as a whole), or the message is not valid
        try:
            self.info.antwoord = Declaratieantwoord(
                kop=self._kop_record(),
                declaratienummer=_v(a, "DeclaratieNummer"),
                declaratie_identificatie=a.get("DeclaratieIdentificatie/Identificatie", "")[:40],
                ingediend=_bedrag_met_dc(a, "TotaalIngediendBedrag"),
                toegekend=_bedrag_met_dc(a, "TotaalToegekendBedrag"),
                afgewezen=tuple(self._afgewezen),
            )
        except Ontbreekt as fout:
            self._route([_onleesbaar("/Bericht/DeclaratieAntwoord", fout.veld)])

    def _kop_naar_info(self) -> None:
        afzender, ontvanger = self._kop.get("Afzender", ""), self._kop.get("Ontvanger", "")
        self.info.afzender, self.info.ontvanger = afzender[:8], ontvanger[:8]
        self.info.identificatie = self._kop.get("Identificatie", "")[:40]
        self.info.dagtekening = _datum(self._kop.get("Dagtekening"))

    def _kop_record(self) -> Kop:
        # Header and declaratie fields precede every record, so one object serves them all.
        if self._kop_cache is None:
            self._kop_cache = self._maak_kop()
        return self._kop_cache

    def _maak_kop(self) -> Kop:
        partijen = (self.info.afzender, self.info.ontvanger)
        gemeente = next((p for p in partijen if len(p) == 4), "")
        aanbieder = next((p for p in partijen if len(p) == 8), "")
        return Kop(
            self.info.berichttype,
            Domein(self.info.domein),
            gemeente,
            aanbieder,
            self.info.identificatie,
            self.info.dagtekening,
        )

    def _client_record(self) -> ClientGegevens:
        if self._client_cache is None:
            self._client_cache = self._maak_client()
        return self._client_cache

    def _maak_client(self) -> ClientGegevens:
        c = self._client
        return ClientGegevens(
            bsn=c.get("Bsn", ""),
            geboortedatum=_datum(c.get("Geboortedatum/Datum")),
            datum_gebruik=c.get("Geboortedatum/DatumGebruik"),
            geslacht=c.get("Geslacht"),
        )

    def _record(
        self,
        element: etree._Element,
        problemen: list[Probleem],
        grootte: int,
        velden: dict[str, str] | None = None,
    ) -> Uitkomst:
        """The outcome of a record element; `velden` are its fields when already read (a
        parsed tree's record, see `_velden_geteld`)."""
        self.info.aantal_records += 1
        problemen = self._recordfouten + problemen
        self._recordfouten = []
        if self._weggelaten:
            problemen.append(self._weggelaten_probleem())
        if grootte > MAX_RECORD_ELEMENTEN:
            problemen.append(self._te_groot(grootte))
        tekstpad = f"{_recordpad(self._pad)}[{self.info.aantal_records}]"
        if self._kopfouten:
            problemen = [*problemen, *self._kopfouten_voor_record()]
            self._gemelde_kopfouten = len(self._kopfouten)
        if problemen:
            return Uitkomst(tekstpad, None, problemen, _fragment_van(element))
        return self._bouw(element, tekstpad, _velden(element) if velden is None else velden)

    def _weggelaten_probleem(self) -> Probleem:
        aantal, self._weggelaten = self._weggelaten, 0
        pad = _veilig_pad(self._pad)
        return Probleem(
            Regel.XSD_MEER,
            pad,
            f"En nog {aantal} structuurfouten in dit deel van het bericht (niet afzonderlijk "
            "gemeld).",
        )

    def _te_groot(self, grootte: int) -> Probleem:
        return Probleem(
            Regel.ONVOLLEDIG,
            _veilig_pad(self._pad),
            f"Het record bevat {grootte} elementen; een geldig record heeft er hooguit enkele "
            f"tientallen. Het is niet verwerkt (grens: {MAX_RECORD_ELEMENTEN}).",
        )

    def _kopfouten_voor_record(self) -> list[Probleem]:
        eerste = self._kopfouten[0]
        return [
            Probleem(
                eerste.regel,
                eerste.pad,
                f"Fout buiten dit record (in kop of cliëntgegevens): {eerste.melding}",
            )
        ]

    def _berichtfout(self) -> Uitkomst:
        nieuw = self._kopfouten[self._gemelde_kopfouten :]
        self._gemelde_kopfouten = len(self._kopfouten)
        if self._weggelaten:
            nieuw = [*nieuw, self._weggelaten_probleem()]
        return Uitkomst(nieuw[0].pad or "/Bericht", None, nieuw, geen_fragment)

    def _herkomst(self, tekstpad: str) -> Herkomst:
        return Herkomst(self.info.bestand, self.info.berichttype, self.info.identificatie, tekstpad)

    def _bouw(self, element: etree._Element, tekstpad: str, velden: dict[str, str]) -> Uitkomst:
        bouwer = _BOUWERS[self.info.soort]
        try:
            record = bouwer(self, velden, self._herkomst(tekstpad))
        except Ontbreekt as fout:
            probleem = Probleem(
                Regel.ONVOLLEDIG,
                f"{tekstpad}/{fout.veld}",
                f"Het record mist een bruikbare waarde voor '{fout.veld}' (leeg, alleen "
                "spaties of onleesbaar); het is niet verwerkt.",
            )
            return Uitkomst(tekstpad, None, [probleem], _fragment_van(element))
        return Uitkomst(tekstpad, record, [], _fragment_van(element))

    def _declaratie_kop(self) -> DeclaratieKop:
        if self._declaratie_cache is None:
            self._declaratie_cache = self._maak_declaratie_kop()
        return self._declaratie_cache

    def _maak_declaratie_kop(self) -> DeclaratieKop:
        d = self._declaratie
        return DeclaratieKop(
            kop=self._kop_record(),
            declaratienummer=_vereist(d.get("DeclaratieNummer"), "Declaratie/DeclaratieNummer"),
            periode_begin=_vereist(
                _datum(d.get("DeclaratiePeriode/Begindatum")), "DeclaratiePeriode/Begindatum"
            ),
            periode_eind=_vereist(
                _datum(d.get("DeclaratiePeriode/Einddatum")), "DeclaratiePeriode/Einddatum"
            ),
            dagtekening=_vereist(_datum(d.get("DeclaratieDagtekening")), "DeclaratieDagtekening"),
            totaal_bedrag=_vereist(
                _getal(d.get("TotaalIngediendBedrag/TotaalBedrag")),
                "TotaalIngediendBedrag/TotaalBedrag",
            ),
            totaal_debet_credit=d.get("TotaalIngediendBedrag/DebetCredit", "D"),
        )


def _onleesbaar(pad: str, veld: str) -> Probleem:
    return Probleem(
        Regel.ONVOLLEDIG,
        f"{pad}/{veld}",
        f"Het antwoord mist een bruikbare waarde voor '{veld}' (leeg, alleen spaties of "
        "onleesbaar); het is niet verwerkt.",
    )


def _bedrag_met_dc(v: dict[str, str], veld: str) -> int:
    bedrag = _getal_v(v, f"{veld}/TotaalBedrag")
    return -bedrag if v.get(f"{veld}/DebetCredit") == "C" else bedrag


def _fragment_van(element: etree._Element) -> Callable[[], str]:
    return lambda: maskeer_element(element)


def _vereist(waarde: T | None, veld: str) -> T:
    if waarde is None or waarde == "":
        raise Ontbreekt(veld)
    return waarde


def _v(v: dict[str, str], veld: str) -> str:
    """A value the XSD requires; an absent one means the record cannot be read."""
    return _vereist(v.get(veld), veld)


def _datum_v(v: dict[str, str], veld: str) -> date:
    return _vereist(_datum(v.get(veld)), veld)


def _getal_v(v: dict[str, str], veld: str) -> int:
    return _vereist(_getal(v.get(veld)), veld)


def _toewijzing(lezer: BerichtLezer, v: dict[str, str], h: Herkomst) -> ToewijzingRecord:
    volume = _getal(v.get("Omvang/Volume"))
    omvang = (
        Omvang(volume, _v(v, "Omvang/Eenheid"), _v(v, "Omvang/Frequentie"))
        if volume is not None
        else None
    )
    return ToewijzingRecord(
        kop=lezer._kop_record(),
        client=lezer._client_record(),
        toewijzingnummer=_getal_v(v, "ToewijzingNummer"),
        categorie=v.get("Product/Categorie"),
        productcode=v.get("Product/Code"),
        toewijzingsdatum=_datum_v(v, "Toewijzingsdatum"),
        toewijzingstijd=_tijd(v.get("Toewijzingstijd")),
        ingangsdatum=_datum_v(v, "Ingangsdatum"),
        einddatum=_datum(v.get("Einddatum")),
        reden_wijziging=v.get("RedenWijziging"),
        omvang=omvang,
        budget=_getal(v.get("Budget")),
        herkomst=h,
    )


def _levering(lezer: BerichtLezer, v: dict[str, str], h: Herkomst) -> LeveringRecord:
    return LeveringRecord(
        kop=lezer._kop_record(),
        client=lezer._client_record(),
        soort="stop" if lezer.info.soort == "307" else "start",
        toewijzingnummer=_getal(v.get("ToewijzingNummer")),
        categorie=v.get("Product/Categorie"),
        productcode=v.get("Product/Code"),
        toewijzing_ingangsdatum=_datum(v.get("ToewijzingIngangsdatum")),
        begindatum=_datum_v(v, "Begindatum"),
        einddatum=_datum(v.get("Einddatum")),
        reden_beeindiging=v.get("RedenBeeindiging"),
        status_aanlevering=v.get("StatusAanlevering", "1"),
        herkomst=h,
    )


def _aanvraag(lezer: BerichtLezer, v: dict[str, str], h: Herkomst) -> AanvraagRecord:
    return AanvraagRecord(
        kop=lezer._kop_record(),
        client=lezer._client_record(),
        categorie=v.get("Product/Categorie"),
        productcode=v.get("Product/Code"),
        gewenste_ingangsdatum=_datum(
            v.get("GewensteIngangsdatum") or v.get("ToewijzingIngangsdatum")
        ),
        herkomst=h,
    )


def _prestatie(lezer: BerichtLezer, v: dict[str, str], h: Herkomst) -> PrestatieRecord:
    return PrestatieRecord(
        declaratie=lezer._declaratie_kop(),
        client=lezer._client_record(),
        referentie=_v(v, "ProductReferentie/ReferentieNummer"),
        vorige_referentie=v.get("ProductReferentie/VorigReferentieNummer"),
        toewijzingnummer=_getal_v(v, "ToewijzingNummer"),
        categorie=_v(v, "ProductCategorie"),
        productcode=_v(v, "ProductCode"),
        periode_begin=_datum_v(v, "ProductPeriode/Begindatum"),
        periode_eind=_datum_v(v, "ProductPeriode/Einddatum"),
        volume=_getal_v(v, "GeleverdVolume"),
        eenheid=_v(v, "Eenheid"),
        tarief=_getal(v.get("ProductTarief")),
        bedrag=_getal_v(v, "IngediendBedrag/Bedrag"),
        debet_credit=v.get("IngediendBedrag/DebetCredit", "D"),
        herkomst=h,
    )


_BOUWERS: dict[str, Callable[[BerichtLezer, dict[str, str], Herkomst], Record]] = {
    "301": _toewijzing,
    "305": _levering,
    "307": _levering,
    "315": _aanvraag,
    "317": _aanvraag,
    "323": _prestatie,
}
