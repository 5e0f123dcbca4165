"""Stream one iJw/iWmo message into records, with structural and message-level problems.

The file is parsed with lxml iterparse and each record element (ToegewezenProduct,
StartProduct, StopProduct, Prestatie, ...) is handed out as soon as it is complete, then
cleared, so memory stays flat however many records a message holds. Structural violations
(our streaming equivalent of the XSD) are attributed to the record they occur in; a
violation outside any record (header, client) taints the records that follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from typing import BinaryIO

from lxml import etree

from passend.domain.checks import Regel
from passend.domain.records import (
    AanvraagRecord,
    ClientGegevens,
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
from passend.istandaarden.masking import PRIVACY_ELEMENTS, maskeer_element, maskeer_tekst
from passend.istandaarden.structure import (
    StructuurValidator,
    berichtsoort_voor_namespace,
    eigen_tekst,
)

#: Record element per message kind (the part after JW/WMO).
RECORD_ELEMENTEN: dict[str, frozenset[str]] = {
    "301": frozenset({"ToegewezenProduct"}),
    "305": frozenset({"StartProduct"}),
    "307": frozenset({"StopProduct"}),
    "315": frozenset({"AangevraagdProduct"}),
    "317": frozenset({"TeWijzigenProduct", "NieuwProduct"}),
    "323": frozenset({"Prestatie"}),
}
VERWERKTE_SOORTEN = frozenset(RECORD_ELEMENTEN)


@dataclass(frozen=True)
class Probleem:
    regel: str
    pad: str
    melding: str


@dataclass
class Uitkomst:
    """One record read from a message (or a message-level problem when `record` is None)."""

    pad: str
    record: Record | None
    problemen: list[Probleem]
    fragment: Callable[[], str]


@dataclass
class BerichtInfo:
    bestand: str
    berichttype: str = ""
    domein: str = ""
    afzender: str = ""
    ontvanger: str = ""
    identificatie: str = ""
    dagtekening: date | None = None
    retourcodes: list[str] = field(default_factory=list)
    aantal_records: int = 0

    @property
    def soort(self) -> str:
        return self.berichttype.removeprefix("JW").removeprefix("WMO")

    @property
    def is_bericht_zonder_records(self) -> bool:
        """A recognised iStandaarden message that carries no care records (retour, answer)."""
        return self.berichttype.startswith(("JW", "WMO")) and self.soort not in VERWERKTE_SOORTEN


def _local(tag: object) -> str:
    return _splits(tag)[1]


def _splits(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an lxml tag; comments and PIs have no string tag."""
    if not isinstance(tag, str):
        return "", ""
    if tag[:1] == "{":
        ns, _, naam = tag[1:].partition("}")
        return ns, naam
    return "", tag


def _velden(element: etree._Element) -> dict[str, str]:
    """Leaf values below `element` keyed by their path relative to it (privacy leaves left out)."""
    waarden: dict[str, str] = {}

    def walk(node: etree._Element, prefix: str) -> None:
        for kind in node:
            naam = _local(kind.tag)
            if not naam or naam in PRIVACY_ELEMENTS:
                continue
            pad = f"{prefix}{naam}"
            if len(kind):
                walk(kind, pad + "/")
            elif kind.text is not None and kind.text.strip():
                waarden[pad] = kind.text.strip()

    walk(element, "")
    return waarden


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


class BerichtLezer:
    """Iterate over the records of one message file; `info` fills in while reading."""

    def __init__(self, bestand: str, stream: BinaryIO) -> None:
        self.info = BerichtInfo(bestand=bestand)
        self._stream = stream
        self._kop: dict[str, str] = {}
        self._client: dict[str, str] = {}
        self._declaratie: dict[str, str] = {}
        self._kopfouten: list[Probleem] = []
        self._recordfouten: list[Probleem] = []
        self._gemelde_kopfouten = 0
        self._record_elementen: frozenset[str] = frozenset()
        self._kop_cache: Kop | None = None
        self._client_cache: ClientGegevens | None = None
        self._declaratie_cache: DeclaratieKop | None = None
        self._in_record = False

    def __iter__(self) -> Iterator[Uitkomst]:
        try:
            yield from self._lees()
        except etree.XMLSyntaxError as fout:
            yield self._xml_fout(fout)

    def _xml_fout(self, fout: etree.XMLSyntaxError) -> Uitkomst:
        regel, kolom = fout.position if fout.position else (0, 0)
        melding = (
            f"Het bestand is geen leesbare XML (regel {regel}, kolom {kolom}): "
            f"{maskeer_tekst(str(fout.msg))}. Records vóór deze plek zijn wel verwerkt."
        )
        return Uitkomst(
            "", None, [Probleem(Regel.XML, "", melding)], lambda: self._ruwe_regels(regel)
        )

    def _ruwe_regels(self, regel: int) -> str:
        try:
            self._stream.seek(0)
            regels = self._stream.read(2_000_000).decode("utf-8", "replace").splitlines()
        except (OSError, ValueError):
            return ""
        begin = max(regel - 3, 0)
        return maskeer_tekst("\n".join(regels[begin : regel + 2]))

    def _lees(self) -> Iterator[Uitkomst]:
        events = etree.iterparse(
            self._stream,
            events=("start", "end"),
            remove_comments=True,
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
        )
        validator: StructuurValidator | None = None
        pad: list[str] = []
        for event, element in events:
            ns, naam = _splits(element.tag)
            if validator is None:
                validator = self._begin(ns, naam)
                if validator is None:
                    yield self._onbekend(ns, naam)
                    return
                self._record_elementen = RECORD_ELEMENTEN.get(self.info.soort, frozenset())
            if event == "start":
                pad.append(naam)
                if naam in self._record_elementen:
                    self._in_record = True
                if problemen := validator.start(ns, naam):
                    self._route(self._omzetten(problemen))
                continue
            tekst = element.text if len(element) == 0 else eigen_tekst(element)
            problemen = self._omzetten(validator.end(ns, naam, tekst))
            uitkomst = self._einde(pad, naam, element, problemen)
            pad.pop()
            if uitkomst is not None:
                yield uitkomst
                self._opruimen(element)
        if len(self._kopfouten) > self._gemelde_kopfouten:
            yield self._berichtfout()

    def _begin(self, ns: str, naam: str) -> StructuurValidator | None:
        soort = berichtsoort_voor_namespace(ns) if naam == "Bericht" else None
        if soort is None:
            return None
        self.info.berichttype = soort
        self.info.domein = Domein.WMO if soort.startswith("WMO") else Domein.JEUGD
        return StructuurValidator.voor(soort)

    def _onbekend(self, ns: str, naam: str) -> Uitkomst:
        melding = (
            f"Onbekend berichttype: het hoofdelement '{naam}' met naamruimte '{ns}' is "
            "geen iJw- of iWmo-3.2-bericht. Het bestand is niet verwerkt."
        )
        return Uitkomst(
            "/" + naam, None, [Probleem(Regel.ONBEKEND_BERICHT, "/" + naam, melding)], lambda: ""
        )

    @staticmethod
    def _omzetten(overtredingen: list) -> list[Probleem]:
        return [Probleem(o.regel, o.pad, o.melding) for o in overtredingen]

    def _einde(
        self, pad: list[str], naam: str, element: etree._Element, problemen: list[Probleem]
    ) -> Uitkomst | None:
        if naam in self._record_elementen:
            self._in_record = False
            return self._record(pad, element, problemen)
        if problemen:
            self._route(problemen)
        if not self._in_record:
            self._onthoud(pad, naam, element)
        return None

    def _route(self, problemen: list[Probleem]) -> None:
        if self._in_record:
            self._recordfouten += problemen
        else:
            self._kopfouten += problemen

    def _onthoud(self, pad: list[str], naam: str, element: etree._Element) -> None:
        persoonlijk = naam in PRIVACY_ELEMENTS and naam != "Bsn"
        if (
            len(element)
            or element.text is None
            or persoonlijk
            or any(deel in PRIVACY_ELEMENTS for deel in pad[:-1])
        ):
            return
        tekst = element.text.strip()
        ouder = pad[-2] if len(pad) > 1 else ""
        if "Header" in pad:
            sleutel = (
                {"Identificatie": "Identificatie", "Dagtekening": "Dagtekening"}.get(naam, naam)
                if ouder == "BerichtIdentificatie"
                else naam
            )
            self._kop.setdefault(sleutel, tekst)
            self._kop_naar_info()  # only header leaves change it
        elif naam == "RetourCode":
            self.info.retourcodes.append(tekst)
        elif "Client" in pad and "Prestaties" not in pad:
            if naam == "Bsn":
                self._client = {}
            self._client_cache = None
            self._client[f"{ouder}/{naam}" if ouder == "Geboortedatum" else naam] = tekst
        elif "Declaratie" in pad and "Clienten" not in pad:
            self._declaratie[f"{ouder}/{naam}" if ouder not in ("Declaratie",) else naam] = tekst

    def _kop_naar_info(self) -> None:
        afzender, ontvanger = self._kop.get("Afzender", ""), self._kop.get("Ontvanger", "")
        self.info.afzender, self.info.ontvanger = afzender, ontvanger
        self.info.identificatie = self._kop.get("Identificatie", "")
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
        self, pad: list[str], element: etree._Element, problemen: list[Probleem]
    ) -> Uitkomst:
        self.info.aantal_records += 1
        problemen = self._recordfouten + problemen
        self._recordfouten = []
        tekstpad = "/" + "/".join(pad) + f"[{self.info.aantal_records}]"
        fragment = _fragment_van(element)
        if self._kopfouten:
            problemen = [*problemen, *self._kopfouten_voor_record()]
            self._gemelde_kopfouten = len(self._kopfouten)
        record = None if problemen else self._bouw(element, tekstpad)
        return Uitkomst(tekstpad, record, problemen, fragment)

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
        return Uitkomst(nieuw[0].pad or "/Bericht", None, nieuw, lambda: "")

    def _herkomst(self, tekstpad: str) -> Herkomst:
        return Herkomst(self.info.bestand, self.info.berichttype, self.info.identificatie, tekstpad)

    def _bouw(self, element: etree._Element, tekstpad: str) -> Record | None:
        v = _velden(element)
        bouwer = _BOUWERS[self.info.soort]
        try:
            return bouwer(self, v, self._herkomst(tekstpad))
        except (TypeError, ValueError):
            return None

    def _declaratie_kop(self) -> DeclaratieKop:
        if self._declaratie_cache is None:
            self._declaratie_cache = self._maak_declaratie_kop()
        return self._declaratie_cache

    def _maak_declaratie_kop(self) -> DeclaratieKop:
        d = self._declaratie
        return DeclaratieKop(
            kop=self._kop_record(),
            declaratienummer=d.get("DeclaratieNummer", ""),
            periode_begin=_vereist(_datum(d.get("DeclaratiePeriode/Begindatum"))),
            periode_eind=_vereist(_datum(d.get("DeclaratiePeriode/Einddatum"))),
            dagtekening=_vereist(_datum(d.get("DeclaratieDagtekening"))),
            totaal_bedrag=_vereist(_getal(d.get("TotaalIngediendBedrag/TotaalBedrag"))),
            totaal_debet_credit=d.get("TotaalIngediendBedrag/DebetCredit", "D"),
        )

    @staticmethod
    def _opruimen(element: etree._Element) -> None:
        element.clear(keep_tail=False)
        ouder = element.getparent()
        if ouder is not None:
            while element.getprevious() is not None:
                del ouder[0]


def _fragment_van(element: etree._Element) -> Callable[[], str]:
    return lambda: maskeer_element(element)


def _vereist(waarde: object) -> object:
    if waarde is None:
        raise ValueError("ontbrekende waarde")
    return waarde


def _toewijzing(lezer: BerichtLezer, v: dict[str, str], h: Herkomst) -> ToewijzingRecord:
    volume = _getal(v.get("Omvang/Volume"))
    omvang = (
        Omvang(volume, v["Omvang/Eenheid"], v["Omvang/Frequentie"]) if volume is not None else None
    )
    return ToewijzingRecord(
        kop=lezer._kop_record(),
        client=lezer._client_record(),
        toewijzingnummer=_vereist(_getal(v.get("ToewijzingNummer"))),
        categorie=v.get("Product/Categorie"),
        productcode=v.get("Product/Code"),
        toewijzingsdatum=_vereist(_datum(v.get("Toewijzingsdatum"))),
        toewijzingstijd=_tijd(v.get("Toewijzingstijd")),
        ingangsdatum=_vereist(_datum(v.get("Ingangsdatum"))),
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
        begindatum=_vereist(_datum(v.get("Begindatum"))),
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
        referentie=_vereist(v.get("ProductReferentie/ReferentieNummer")),
        vorige_referentie=v.get("ProductReferentie/VorigReferentieNummer"),
        toewijzingnummer=_vereist(_getal(v.get("ToewijzingNummer"))),
        categorie=v["ProductCategorie"],
        productcode=v["ProductCode"],
        periode_begin=_vereist(_datum(v.get("ProductPeriode/Begindatum"))),
        periode_eind=_vereist(_datum(v.get("ProductPeriode/Einddatum"))),
        volume=_vereist(_getal(v.get("GeleverdVolume"))),
        eenheid=v["Eenheid"],
        tarief=_getal(v.get("ProductTarief")),
        bedrag=_vereist(_getal(v.get("IngediendBedrag/Bedrag"))),
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
