"""The guidance engine: it proposes a strategy per segment from the segment's own figures.

All rules are in one declarative table, :data:`RICHTLIJNEN`. A rule reads: *when* every condition
on the segment's figures (:class:`Segmentkenmerken`) holds, *then* it supports `optie` of
`dimensie` with `gewicht`, for the plain-Dutch `reden`. Per dimension the option with the most
support wins (ties: the first option in :data:`passend.strategy.keuzes.DIMENSIES`); the reasons
of its rules are the proposal's reasons, and the other options that got support are listed as
alternatives. Thresholds are the named constants below, so a region can read and change them
in one place.

The proposal is advice, not a decision: :meth:`Segmentstrategie.overschrijf` records a
different choice together with the user's rationale.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from passend.domain import opmaak
from passend.strategy.keuzes import (
    DIMENSIES,
    KERNWAARDE_EFFECTEN,
    Effect,
    Segmentstrategie,
    label,
)

# -- thresholds (one place) ------------------------------------------------------------------
HOOG_COMPLEX = 2.0  # cost per client at least twice the median of the region's jeugd segments
LAAG_COMPLEX = 1.0
VEEL_CLIENTEN = 100
WEINIG_CLIENTEN = 50
VEEL_AANBIEDERS = 15
WEINIG_AANBIEDERS = 3
HHI_GECONCENTREERD = 2500
KOSTENSTIJGING = 0.10
WACHTTIJD_DAGEN = 30
KORTE_DUUR_DAGEN = 180
AANDEEL_16_PLUS = 0.25
ZONDER_VERVOLG = 0.20
MIN_COHORT = 5


@dataclass(frozen=True)
class Segmentkenmerken:
    """The market figures of one segment that the rules read (one year, one area).

    ``complexiteit`` = mean cost per client / median of that figure over the region's jeugd
    segments (1 = a typical segment). ``aandeel_16_plus`` is the share of the segment's clients
    aged 16 or older on 1 January. The transition figures are those of the youths whose segment
    at 17 is this one (cohort of the year). Missing figures are None; a condition on a None
    figure does not hold.
    """

    segment: str
    segmentnaam: str
    domein: str
    clienten: int = 0
    bedrag_eur: float = 0.0
    kosten_per_client_eur: float | None = None
    complexiteit: float | None = None
    aanbieders: int = 0
    hhi: float | None = None
    top3_aandeel: float | None = None
    groei_kosten_per_client: float | None = None
    groei_clienten: float | None = None
    duur_mediaan_dagen: float | None = None
    startwachttijd_mediaan_dagen: float | None = None
    aandeel_16_plus: float | None = None
    met_verblijf: bool = False
    beschikbaarheidsfunctie: bool = False  # crisis or GI: availability matters, not volume
    schaal_hint: str | None = None  # 'lokaal'/'regionaal' when the segment's name says so
    cohort: int = 0
    zonder_vervolg_aandeel: float | None = None
    naar_wmo_aandeel: float | None = None

    def als_dict(self) -> dict[str, Any]:
        return asdict(self)


_OPERATOREN: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Voorwaarde:
    kenmerk: str
    op: str
    waarde: Any

    def geldt(self, k: Segmentkenmerken) -> bool:
        huidig = getattr(k, self.kenmerk)
        return huidig is not None and _OPERATOREN[self.op](huidig, self.waarde)

    def tekst(self) -> str:
        """The condition as code (for developers and the CLI's --json)."""
        return f"{self.kenmerk} {self.op} {self.waarde}"

    def in_woorden(self) -> str:
        """The condition as a Dutch sentence part, for the raad (appendix B, the docs)."""
        if isinstance(self.waarde, bool | str):
            feit = _FEITEN[(self.kenmerk, self.waarde)]
            return feit if self.op == "==" else f"het is niet zo dat {feit}"
        naam, eenheid = _KENMERK_WOORDEN[self.kenmerk]
        return f"{naam} {_VERGELIJKING[self.op]} {_waarde_in_woorden(self.waarde, eenheid)}"


@dataclass(frozen=True)
class Richtlijn:
    code: str
    dimensie: str
    optie: str
    gewicht: int
    als: tuple[Voorwaarde, ...]
    reden: str  # str.format over the kenmerken

    def geldt(self, k: Segmentkenmerken) -> bool:
        return all(v.geldt(k) for v in self.als)

    def uitleg(self, k: Segmentkenmerken) -> str:
        return self.reden.format(**_opgemaakt(k))


#: Every numeric figure a rule reads: its Dutch name (with its verb, "kosten" is plural) and
#: how its threshold is written.
_KENMERK_WOORDEN: dict[str, tuple[str, str]] = {
    "clienten": ("het aantal cliënten is", "aantal"),
    "bedrag_eur": ("het gedeclareerde bedrag is", "euro"),
    "kosten_per_client_eur": ("de kosten per cliënt zijn", "euro"),
    "complexiteit": ("de kosten per cliënt zijn", "maal"),
    "aanbieders": ("het aantal aanbieders is", "aantal"),
    "hhi": ("de marktconcentratie (HHI) is", "aantal"),
    "top3_aandeel": ("het marktaandeel van de grootste drie aanbieders is", "procent"),
    "groei_kosten_per_client": ("de groei van de kosten per cliënt is", "procent"),
    "groei_clienten": ("de groei van het aantal cliënten is", "procent"),
    "duur_mediaan_dagen": ("de mediane duur van de zorg is", "dagen"),
    "startwachttijd_mediaan_dagen": ("de mediane wachttijd tot de start van de zorg is", "dagen"),
    "aandeel_16_plus": ("het aandeel cliënten van 16 jaar of ouder is", "procent"),
    "cohort": ("het aantal jongeren dat op hun 17e hier zorg had, is", "aantal"),
    "zonder_vervolg_aandeel": ("het aandeel van die jongeren zonder vervolg na 18 is", "procent"),
    "naar_wmo_aandeel": ("het aandeel van die jongeren dat naar de Wmo gaat, is", "procent"),
}
#: Conditions on a yes/no or text feature, as a whole sentence part.
_FEITEN: dict[tuple[str, Any], str] = {
    ("domein", "jeugd"): "het segment valt onder de Jeugdwet",
    ("domein", "wmo"): "het segment valt onder de Wmo",
    ("met_verblijf", True): "het segment omvat zorg met verblijf",
    ("met_verblijf", False): "het segment omvat geen zorg met verblijf",
    ("beschikbaarheidsfunctie", True): (
        "het segment is een beschikbaarheidsfunctie (crisis of jeugdbescherming)"
    ),
    ("beschikbaarheidsfunctie", False): "het segment is geen beschikbaarheidsfunctie",
    ("schaal_hint", "lokaal"): "de naam van het segment wijst op lokaal georganiseerde zorg",
    ("schaal_hint", "regionaal"): "de naam van het segment wijst op regionaal georganiseerde zorg",
}
_VERGELIJKING = {
    "<": "lager dan",
    "<=": "ten hoogste",
    ">": "hoger dan",
    ">=": "ten minste",
    "==": "gelijk aan",
    "!=": "niet gelijk aan",
}
#: How a figure in a reason template is named in the appendix, by its unit.
_PLEKHOUDER = {
    "procent": "percentage",
    "euro": "bedrag",
    "maal": "factor",
    "dagen": "aantal",
    "aantal": "aantal",
}


def _waarde_in_woorden(waarde: float, eenheid: str) -> str:
    if eenheid == "procent":
        return opmaak.procent(waarde, 0)
    if eenheid == "euro":
        return opmaak.euro(waarde)
    if eenheid == "maal":
        return f"{opmaak.getal(waarde, 1)} keer de mediaan van de jeugdsegmenten"
    if eenheid == "dagen":
        return f"{opmaak.getal(waarde)} dagen"
    return opmaak.getal(waarde)


def sjabloon_in_woorden(reden: str) -> str:
    """A rule's reason with each figure placeholder named by its kind: ‹aantal›, ‹percentage›."""

    def plek(m: re.Match[str]) -> str:
        kenmerk = _KENMERK_WOORDEN.get(m.group(1))
        return f"‹{_PLEKHOUDER[kenmerk[1]] if kenmerk else 'waarde'}›"

    return re.sub(r"\{(\w+)\}", plek, reden)


def V(kenmerk: str, op: str, waarde: Any) -> Voorwaarde:  # noqa: N802 - reads like a table
    return Voorwaarde(kenmerk, op, waarde)


JEUGD = V("domein", "==", "jeugd")
COMPLEX = V("complexiteit", ">=", HOOG_COMPLEX)

#: The rule table. Order inside a dimension does not matter; weights do.
RICHTLIJNEN: tuple[Richtlijn, ...] = (
    # -- verantwoordelijk domein -------------------------------------------------------------
    Richtlijn(
        "V1",
        "verantwoordelijk",
        "wmo",
        5,
        (V("domein", "==", "wmo"),),
        "Dit segment valt onder de Wmo.",
    ),
    Richtlijn(
        "V2", "verantwoordelijk", "jeugd", 2, (JEUGD,), "Dit segment valt onder de Jeugdwet."
    ),
    Richtlijn(
        "V3",
        "verantwoordelijk",
        "gezamenlijk",
        3,
        (JEUGD, V("aandeel_16_plus", ">=", AANDEEL_16_PLUS)),
        "{aandeel_16_plus} van de cliënten is 16 jaar of ouder: koop samen met de Wmo in, "
        "zodat de ondersteuning na 18 doorloopt.",
    ),
    Richtlijn(
        "V4",
        "verantwoordelijk",
        "gezamenlijk",
        2,
        (JEUGD, V("cohort", ">=", MIN_COHORT), V("zonder_vervolg_aandeel", ">=", ZONDER_VERVOLG)),
        "{zonder_vervolg_aandeel} van de jongeren die op hun 17e hier zorg hadden, heeft na "
        "18 geen vervolg: een doorgaande lijn Jeugd-Wmo is nodig.",
    ),
    # -- procedure ---------------------------------------------------------------------------
    Richtlijn(
        "P1",
        "procedure",
        "dialoog",
        3,
        (COMPLEX,),
        "Hoog-complexe zorg ({complexiteit} keer de gebruikelijke kosten per cliënt): een "
        "procedure met dialoog laat contracten meegroeien met de ontwikkelingen.",
    ),
    Richtlijn(
        "P2",
        "procedure",
        "dialoog",
        1,
        (V("hhi", ">=", HHI_GECONCENTREERD),),
        "Geconcentreerde markt (HHI {hhi}): maak in dialoog afspraken met de paar partijen.",
    ),
    Richtlijn(
        "P3",
        "procedure",
        "sas_emvi",
        2,
        (V("met_verblijf", "==", True),),
        "Zorg met verblijf: selecteer op kwaliteit en maak afspraken over capaciteit.",
    ),
    Richtlijn(
        "P4",
        "procedure",
        "sas_emvi",
        2,
        (V("aanbieders", ">=", VEEL_AANBIEDERS),),
        "{aanbieders} aanbieders: selectie op prijs-kwaliteit beperkt versnippering en beheerlast.",
    ),
    Richtlijn(
        "P5",
        "procedure",
        "open_house",
        2,
        (V("complexiteit", "<", LAAG_COMPLEX), V("clienten", ">=", VEEL_CLIENTEN)),
        "Veel voorkomende, minder complexe zorg ({clienten} cliënten): een toelatings"
        "procedure houdt keuzevrijheid en ruimte voor lokaal aanbod.",
    ),
    Richtlijn(
        "P6",
        "procedure",
        "sas_zonder_emvi",
        3,
        (V("beschikbaarheidsfunctie", "==", True),),
        "Beschikbaarheid is hier de kern (crisis of jeugdbescherming): selecteer geschikte "
        "partijen en borg de beschikbaarheid.",
    ),
    Richtlijn(
        "P7",
        "procedure",
        "open_house",
        2,
        (V("domein", "==", "wmo"),),
        "Wmo-maatwerk met veel aanbieders: de gebruikelijke toelatingsprocedure.",
    ),
    Richtlijn(
        "P8",
        "procedure",
        "dialoog",
        1,
        (V("startwachttijd_mediaan_dagen", ">=", WACHTTIJD_DAGEN),),
        "Wachttijd tot de start van de zorg ({startwachttijd_mediaan_dagen} dagen): zoek "
        "met strategische partners naar extra capaciteit.",
    ),
    # -- bekostiging -------------------------------------------------------------------------
    Richtlijn(
        "B1",
        "bekostiging",
        "inspanningsgericht",
        1,
        (),
        "P×Q blijft de meest transparante vorm van bekostiging.",
    ),
    Richtlijn(
        "B2",
        "bekostiging",
        "taakgericht",
        3,
        (COMPLEX,),
        "Bij integrale verantwoordelijkheid voor complexe zorg past een taakgericht budget "
        "met een plafond; sturen op gemiddelde kosten per cliënt (demedicaliseren).",
    ),
    Richtlijn(
        "B3",
        "bekostiging",
        "taakgericht",
        2,
        (V("groei_kosten_per_client", ">=", KOSTENSTIJGING),),
        "De kosten per cliënt stegen met {groei_kosten_per_client}: een plafond maakt de "
        "uitgaven voorspelbaar.",
    ),
    Richtlijn(
        "B4",
        "bekostiging",
        "taakgericht",
        3,
        (V("beschikbaarheidsfunctie", "==", True),),
        "Bij een beschikbaarheidsfunctie betaal je voor paraatheid, niet per product.",
    ),
    Richtlijn(
        "B5",
        "bekostiging",
        "outputgericht",
        2,
        (V("duur_mediaan_dagen", "<=", KORTE_DUUR_DAGEN), V("complexiteit", "<", HOOG_COMPLEX)),
        "Korte, afgebakende trajecten (mediaan {duur_mediaan_dagen} dagen): een trajectprijs "
        "beloont resultaat in plaats van uren.",
    ),
    Richtlijn(
        "B6",
        "bekostiging",
        "inspanningsgericht",
        2,
        (V("complexiteit", "<", LAAG_COMPLEX), V("clienten", ">=", VEEL_CLIENTEN)),
        "Veel voorkomende zorg: P×Q met uniforme tarieven houdt het transparant.",
    ),
    Richtlijn(
        "B7",
        "bekostiging",
        "populatiegebonden",
        2,
        (
            V("clienten", ">=", 3 * VEEL_CLIENTEN),
            V("hhi", ">=", HHI_GECONCENTREERD / 2),
            V("schaal_hint", "==", "lokaal"),
        ),
        "Grote, stabiele lokale vraag bij enkele partijen: een budget per inwoner beloont "
        "preventie.",
    ),
    # -- schaal ------------------------------------------------------------------------------
    Richtlijn(
        "S1",
        "schaal",
        "lokaal",
        2,
        (V("complexiteit", "<", LAAG_COMPLEX),),
        "Minder complexe zorg hoort lokaal, dicht bij huis en de wijkteams.",
    ),
    Richtlijn(
        "S2",
        "schaal",
        "regionaal",
        2,
        (V("complexiteit", ">=", LAAG_COMPLEX),),
        "Complexere zorg regionaal: hoog-complexe zorg nabij, met voldoende schaal.",
    ),
    Richtlijn(
        "S3",
        "schaal",
        "regionaal",
        2,
        (V("clienten", "<", WEINIG_CLIENTEN),),
        "Kleine aantallen ({clienten} cliënten): regionaal inkopen voor een dekkend aanbod.",
    ),
    Richtlijn(
        "S4",
        "schaal",
        "lokaal",
        4,
        (V("schaal_hint", "==", "lokaal"),),
        "Het segmentmodel deelt dit segment lokaal in.",
    ),
    Richtlijn(
        "S5",
        "schaal",
        "regionaal",
        4,
        (V("schaal_hint", "==", "regionaal"),),
        "Het segmentmodel deelt dit segment regionaal in.",
    ),
    Richtlijn(
        "S6",
        "schaal",
        "regionaal",
        3,
        (V("beschikbaarheidsfunctie", "==", True),),
        "Beschikbaarheid (24/7) en jeugdbescherming vragen een regionale schaal.",
    ),
    # -- aanbieders --------------------------------------------------------------------------
    Richtlijn(
        "A1",
        "aanbieders",
        "ruim",
        1,
        (),
        "Zonder bijzondere aanleiding: het huidige aanbod behouden.",
    ),
    Richtlijn(
        "A2",
        "aanbieders",
        "consortium",
        3,
        (COMPLEX,),
        "Zodat de jeugdige direct op de goede plek komt: aanbieders clusteren in één "
        "samenwerkingsverband dat integraal verantwoordelijk is.",
    ),
    Richtlijn(
        "A3",
        "aanbieders",
        "beperkt",
        2,
        (V("aanbieders", ">=", VEEL_AANBIEDERS),),
        "{aanbieders} aanbieders is veel voor dit volume: beperk het aantal.",
    ),
    Richtlijn(
        "A4",
        "aanbieders",
        "ruim",
        2,
        (V("aanbieders", "<", WEINIG_AANBIEDERS),),
        "Slechts {aanbieders} aanbieder(s): houd ruimte voor extra aanbod tegen afhankelijkheid.",
    ),
    Richtlijn(
        "A5",
        "aanbieders",
        "ruim",
        2,
        (V("met_verblijf", "==", True), V("startwachttijd_mediaan_dagen", ">=", WACHTTIJD_DAGEN)),
        "Te weinig aanbod met verblijf (wachttijd {startwachttijd_mediaan_dagen} dagen): "
        "contracteer snel leverbare aanbieders naast strategische partners.",
    ),
    # -- looptijd ----------------------------------------------------------------------------
    Richtlijn("L1", "looptijd", "3", 1, (), "Standaardlooptijd."),
    Richtlijn(
        "L2",
        "looptijd",
        "7",
        3,
        (COMPLEX,),
        "Een lange looptijd (5 + 2 jaar) geeft ruimte om te investeren in samenwerking.",
    ),
    Richtlijn(
        "L3",
        "looptijd",
        "5",
        2,
        (V("met_verblijf", "==", True),),
        "Continuïteit van verblijf vraagt een langere looptijd.",
    ),
    Richtlijn(
        "L4",
        "looptijd",
        "5",
        2,
        (JEUGD, V("aandeel_16_plus", ">=", AANDEEL_16_PLUS)),
        "Doorgaande lijnen 16-23: de looptijd moet de overgang naar 18 overspannen.",
    ),
    # -- consortium --------------------------------------------------------------------------
    Richtlijn("C1", "consortium", "nee", 1, (), "Geen aanleiding voor een consortium."),
    Richtlijn(
        "C2",
        "consortium",
        "ja",
        3,
        (COMPLEX,),
        "Integrale verantwoordelijkheid bij een samenwerkingsverband voorkomt doorschuiven.",
    ),
    Richtlijn(
        "C3",
        "consortium",
        "ja",
        2,
        (V("met_verblijf", "==", True), V("aanbieders", ">=", 8)),
        "Veel aanbieders met verblijf: laat hen samen de verantwoordelijkheid dragen.",
    ),
)


def _opgemaakt(k: Segmentkenmerken) -> dict[str, str]:
    """Figures formatted the Dutch way for the reasons."""
    uit: dict[str, str] = {}
    for naam, waarde in asdict(k).items():
        if waarde is None:
            uit[naam] = "onbekend"
        elif naam.startswith(("aandeel", "groei", "top3")) or naam.endswith("_aandeel"):
            uit[naam] = opmaak.procent(waarde, 0)
        elif naam == "complexiteit":
            uit[naam] = opmaak.getal(waarde, 1)
        elif isinstance(waarde, float):
            uit[naam] = opmaak.getal(waarde)
        else:
            uit[naam] = str(waarde)
    return uit


@dataclass(frozen=True)
class Advies:
    """The proposal for one dimension."""

    dimensie: str
    optie: str
    steun: int
    redenen: tuple[str, ...]
    regels: tuple[str, ...]
    alternatieven: tuple[tuple[str, int, tuple[str, ...]], ...]  # (optie, steun, redenen)
    effecten: Mapping[str, Effect] = field(default_factory=dict)

    def als_dict(self) -> dict[str, Any]:
        return {
            "dimensie": self.dimensie,
            "optie": self.optie,
            "label": label(self.optie),
            "steun": self.steun,
            "redenen": list(self.redenen),
            "regels": list(self.regels),
            "alternatieven": [
                {"optie": o, "label": label(o), "steun": s, "redenen": list(r)}
                for o, s, r in self.alternatieven
            ],
            "effecten": {
                k: {"score": e.score, "uitleg": e.uitleg} for k, e in self.effecten.items()
            },
        }


def adviseer(k: Segmentkenmerken, regels: tuple[Richtlijn, ...] = RICHTLIJNEN) -> dict[str, Advies]:
    """The proposal per dimension for a segment with figures `k`."""
    uit = {}
    for dimensie, (_, opties) in DIMENSIES.items():
        steun: dict[str, list[Richtlijn]] = {}
        for regel in regels:
            if regel.dimensie == dimensie and regel.geldt(k):
                steun.setdefault(regel.optie, []).append(regel)
        totaal = {o: sum(r.gewicht for r in steun.get(o, ())) for o in opties}
        beste = max(opties, key=lambda o: totaal[o])  # first option wins a tie
        alternatieven = tuple(
            (o, totaal[o], tuple(r.uitleg(k) for r in steun[o]))
            for o in sorted(steun, key=lambda o: -totaal[o])
            if o != beste
        )
        uit[dimensie] = Advies(
            dimensie=dimensie,
            optie=beste,
            steun=totaal[beste],
            redenen=tuple(r.uitleg(k) for r in steun.get(beste, ())),
            regels=tuple(r.code for r in steun.get(beste, ())),
            alternatieven=alternatieven,
            effecten=KERNWAARDE_EFFECTEN[(dimensie, beste)],
        )
    return uit


def streefaantal(k: Segmentkenmerken, beleid: str) -> int | None:
    """A target number of aanbieders for the chosen policy, from the current number."""
    if beleid == "consortium":
        return 1
    if beleid == "beperkt":
        return max(3, min(6, k.aanbieders // 2 or 3))
    return max(k.aanbieders, WEINIG_AANBIEDERS) if k.aanbieders else None


def voorstel(k: Segmentkenmerken, regels: tuple[Richtlijn, ...] = RICHTLIJNEN) -> Segmentstrategie:
    """A :class:`Segmentstrategie` with every dimension set to the proposal, reasons included.

    For taakgericht the plafond starts at the segment's spend of the year (the user sets it).
    """
    advies = adviseer(k, regels)
    keuzes: dict[str, Any] = {d: a.optie for d, a in advies.items()}
    return Segmentstrategie(
        segment=k.segment,
        segmentnaam=k.segmentnaam,
        aantal_aanbieders=streefaantal(k, keuzes["aanbieders"]),
        plafond_eur=round(k.bedrag_eur) if keuzes["bekostiging"] == "taakgericht" else None,
        redenen={d: a.redenen for d, a in advies.items()},
        **keuzes,
    )


def regeltabel(regels: tuple[Richtlijn, ...] = RICHTLIJNEN) -> list[dict[str, Any]]:
    """The rule table as rows (for the documentation page and the PDF appendix)."""
    return [
        {
            "code": r.code,
            "dimensie": r.dimensie,
            "optie": r.optie,
            "label": label(r.optie),
            "gewicht": r.gewicht,
            "als": " en ".join(v.tekst() for v in r.als) or "altijd",
            "als_tekst": " en ".join(v.in_woorden() for v in r.als) or "altijd",
            "reden": r.reden,
            "reden_tekst": sjabloon_in_woorden(r.reden),
        }
        for r in regels
    ]
