"""Records as read from iJw/iWmo messages or tabular exports.

These are the common currency between the readers (XML, CSV/Excel), the checks and the
persistence layer. A record carries the BSN in clear only in memory, between reading and
pseudonymisation; nothing downstream of the importer ever sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from passend.domain.domein import Domein as Domein  # re-exported: its old home


@dataclass(frozen=True)
class Herkomst:
    """Where a record came from: file (inside an archive: 'archive.zip!name.xml'), message
    type, message identification and the element path of the record."""

    bestand: str
    berichttype: str = ""
    bericht_identificatie: str = ""
    pad: str = ""


@dataclass(frozen=True)
class Kop:
    """Message header facts every record of the message shares."""

    berichttype: str  # e.g. "JW301", "WMO305"
    domein: Domein
    gemeente: str  # CBS gemeentecode, 4 digits
    aanbieder: str  # AGB code, 8 digits
    identificatie: str
    dagtekening: date | None


@dataclass(frozen=True)
class ClientGegevens:
    bsn: str
    geboortedatum: date | None = None
    #: COD170 DatumGebruik: None = exact, "1" day unknown, "2" day+month unknown, "3" unknown
    datum_gebruik: str | None = None
    geslacht: str | None = None


@dataclass(frozen=True)
class Omvang:
    volume: int
    eenheid: str
    frequentie: str


@dataclass(frozen=True)
class ToewijzingRecord:
    kop: Kop
    client: ClientGegevens
    toewijzingnummer: int
    categorie: str | None
    productcode: str | None
    toewijzingsdatum: date
    toewijzingstijd: time | None
    ingangsdatum: date
    einddatum: date | None
    reden_wijziging: str | None = None
    omvang: Omvang | None = None
    budget: int | None = None  # eurocents
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class LeveringRecord:
    """A start (JW305/WMO305) or stop (JW307/WMO307) of a delivery."""

    kop: Kop
    client: ClientGegevens
    soort: str  # "start" | "stop"
    toewijzingnummer: int | None
    categorie: str | None
    productcode: str | None
    toewijzing_ingangsdatum: date | None
    begindatum: date
    einddatum: date | None = None
    reden_beeindiging: str | None = None
    status_aanlevering: str = "1"  # COD467: 1 eerste, 2 gewijzigd, 3 verwijderen
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class DeclaratieKop:
    kop: Kop
    declaratienummer: str
    periode_begin: date
    periode_eind: date
    dagtekening: date
    totaal_bedrag: int  # eurocents
    totaal_debet_credit: str  # "D" | "C"


@dataclass(frozen=True)
class PrestatieRecord:
    declaratie: DeclaratieKop
    client: ClientGegevens  # a declaration carries only the BSN
    referentie: str
    vorige_referentie: str | None
    toewijzingnummer: int
    categorie: str
    productcode: str
    periode_begin: date
    periode_eind: date
    volume: int
    eenheid: str
    tarief: int | None  # eurocents per eenheid
    bedrag: int  # eurocents, unsigned
    debet_credit: str  # "D" | "C"
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class AfgewezenPrestatie:
    """A prestatie a JW325/WMO325 rejects (lists), by its ReferentieNummer."""

    referentie: str
    bedrag: int  # eurocents, signed: what was declared for it (credit negative)
    retourcode: str


@dataclass(frozen=True)
class Declaratieantwoord:
    """The gemeente's answer to one declaratie (JW325/WMO325): what it granted.

    Read whole from one message (the 325 carries only the prestaties it rejects), kept only
    when the message is accepted as a whole; never a record of its own in the care data.
    """

    kop: Kop  # the 325's own header: gemeente, aanbieder, identificatie, dagtekening
    declaratienummer: str
    declaratie_identificatie: str  # BerichtIdentificatie of the JW323/WMO323 answered
    ingediend: int  # eurocents, signed
    toegekend: int  # eurocents, signed
    afgewezen: tuple[AfgewezenPrestatie, ...] = ()

    @property
    def geheel_afgewezen(self) -> bool:
        """Nothing granted and no prestatie listed: the whole declaratie is rejected."""
        return self.toegekend == 0 and self.ingediend != 0 and not self.afgewezen


@dataclass(frozen=True)
class AanvraagRecord:
    """A verzoek om toewijzing (JW315/WMO315) or verzoek om wijziging (JW317/WMO317).

    Kept as a count of requested products per aanbieder and gemeente: useful as a signal of
    demand before a toewijzing exists.
    """

    kop: Kop
    client: ClientGegevens
    categorie: str | None
    productcode: str | None
    gewenste_ingangsdatum: date | None
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class RetourRecord:
    """A retour message (JW302, JW306, ...): recognised and counted, with its retourcodes."""

    kop: Kop
    retourcodes: tuple[str, ...]
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class BevolkingRecord:
    """Inhabitants of a gemeente of one age on 1 January of a year (CBS table 03759ned)."""

    gemeente: str
    jaar: int
    leeftijd: int
    aantal: int
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class AanbiederRecord:
    """The name of an aanbieder (an organisation, never a person) by its AGB code."""

    agb: str
    naam: str
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ContractRecord:
    """One row of the contract template: a party (AGB) to a contract of the register.

    A consortium or hoofdaannemer with onderaannemers is several rows with one
    contractnummer; ``hoofdaannemer`` names the contracting party (empty: this row's own).
    Exactly one of ``gemeente`` (CBS code) and ``regio`` (jeugdregio name) is set.
    """

    contractnummer: str
    agb: str
    hoofdaannemer: str
    gemeente: str | None
    regio: str | None
    domein: str
    segment: str
    uitvoeringsvariant: str
    procedure: str
    ingangsdatum: date
    einddatum: date | None
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ContracttariefRecord:
    """A tariff line of a contract: per productcode, or per categorie (productcode None)."""

    contractnummer: str
    categorie: str
    productcode: str | None
    eenheid: str
    tarief_cent: int
    geldig_vanaf: date
    geldig_tot: date | None = None
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class BestedingsruimteRecord:
    """The bestedingsruimte (or taakgericht budget) of a contract in one year, in cents."""

    contractnummer: str
    jaar: int
    bedrag_cent: int
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ClientenstopRecord:
    """A cliëntenstop of a contract: from `van` (up to and including `tot`, open when None)
    the aanbieder takes no new clients under it; crisis (categorie 46) stays open."""

    contractnummer: str
    van: date
    tot: date | None = None
    reden: str = ""
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ToekomstplanRecord:
    """A toekomstplan of a youth (docs/definities.md § 15): who holds regie, when the plan was
    made, when the handover to adult support began, and the domains it covers. The BSN is in
    clear only between reading and pseudonymisation, as everywhere."""

    client: ClientGegevens
    gemeente: str
    datum_plan: date
    regiehouder_agb: str = ""
    regiehouder_rol: str = ""
    datum_overdracht_gestart: date | None = None
    domeinen: tuple[str, ...] = ()
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ZrmMetingRecord:
    """One score of the zelfredzaamheidsmatrix (docs/definities.md § 17): a client's score
    1-5 on one domain on one date, by an aanbieder (AGB code) or, without one, by the
    gemeente's toegang."""

    client: ClientGegevens
    gemeente: str
    domein: str
    datum: date
    score: int
    aanbieder_agb: str = ""
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class ClientoordeelRecord:
    """The client's judgement of a closed traject (docs/definities.md § 14): keyed by the
    client, the aanbieder and the traject's einddatum, one per informant."""

    client: ClientGegevens
    aanbieder_agb: str
    einddatum: date
    informant: str = "jeugdige"
    tevredenheid: int | None = None
    zonder_hulp: str = ""
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


@dataclass(frozen=True)
class LiggingRecord:
    """Where a gemeente or an aanbieder lies (WGS84 degrees), for the care landscape's
    distances. `soort` is 'gemeente' (code: CBS code) or 'aanbieder' (code: AGB code)."""

    soort: str
    code: str
    lat: float
    lon: float
    herkomst: Herkomst = field(default_factory=lambda: Herkomst(""))


#: Records of the contract register: they carry no client and no message header.
REGISTERRECORDS = (
    ContractRecord,
    ContracttariefRecord,
    BestedingsruimteRecord,
    ClientenstopRecord,
)

#: Records without a message header, and without a client in the care data.
ZONDER_KOP = (
    BevolkingRecord,
    AanbiederRecord,
    LiggingRecord,
    *REGISTERRECORDS,
    ToekomstplanRecord,
    ZrmMetingRecord,
    ClientoordeelRecord,
)

Record = (
    ToewijzingRecord
    | LeveringRecord
    | PrestatieRecord
    | AanvraagRecord
    | RetourRecord
    | BevolkingRecord
    | AanbiederRecord
    | LiggingRecord
    | ContractRecord
    | ContracttariefRecord
    | BestedingsruimteRecord
    | ClientenstopRecord
    | ToekomstplanRecord
    | ZrmMetingRecord
    | ClientoordeelRecord
)
