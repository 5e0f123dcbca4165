"""Ambitions and social results (Step 3 of the roadmap), and the commitment monitor.

An :class:`Ambitiekader` holds the shared vision, the commitment, and ambitions per target
group (16-18, 18-23, 23-27). Every ambition is mirrored against the three principles of
toekomstgericht werken (:data:`PRINCIPES`) and may name the Big 5 pillars it strengthens.
Each ambition has indicators with a target and a date. An indicator is either *computed* from
the care data (a key of :data:`BEREKENDE_INDICATOREN`, e.g. the share of the 18-cohort without
follow-up care, or the share with a toekomstplan by 17½ from the toekomstplan register) or
*entered by hand* (a figure no message or register carries).

:func:`monitor` sets target against actual over time: the target path runs in a straight line
from the baseline to the target at the target date; an actual value on the good side of the
path is *op koers*, otherwise *achter*; from the target date on, *gehaald* or *niet gehaald*.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import duckdb

from passend.analysis.dekking import Dekking, dekking
from passend.analysis.gebied import Gebied
from passend.analysis.markt import markt_segmenten
from passend.analysis.toekomstplan import toekomstplan_aandeel
from passend.analysis.transitie import transitie, transitie_doorloop

PRINCIPES: dict[str, str] = {
    "toekomstgericht": "Toekomstgericht werken vanuit het plan van de jongere",
    "doorgaande_lijnen": "Doorgaande lijnen van ondersteuning voor een soepele overgang naar "
    "volwassenheid",
    "integrale_basis": "Integrale versterking van de basis op de vijf pijlers van "
    "zelfstandigheid (Big 5)",
}
BIG5: dict[str, str] = {
    "support": "Support (een steunend netwerk)",
    "wonen": "Wonen",
    "school_werk": "School en werk",
    "inkomen": "Inkomen",
    "welzijn": "Welzijn",
}
DOELGROEPEN: tuple[str, ...] = ("16-18", "18-23", "23-27")


@dataclass(frozen=True)
class Meting:
    jaar: int
    waarde: float
    toelichting: str = ""


@dataclass(frozen=True)
class Indicator:
    """A measurable result with a target. ``bron`` is a key of :data:`BEREKENDE_INDICATOREN`
    or ``"handmatig"`` (values in ``metingen``). ``richting`` says which way is better."""

    code: str
    naam: str
    bron: str
    richting: str  # 'lager' | 'hoger'
    eenheid: str  # 'aandeel' | 'dagen' | 'euro' | 'aantal'
    basisjaar: int
    basiswaarde: float
    streefwaarde: float
    streefdatum: date
    segment: str | None = None
    metingen: tuple[Meting, ...] = ()

    def __post_init__(self) -> None:
        if self.richting not in ("lager", "hoger"):
            raise ValueError("richting is 'lager' of 'hoger'.")
        if self.bron != "handmatig" and self.bron not in BEREKENDE_INDICATOREN:
            raise ValueError(
                f"Onbekende bron {self.bron!r}: kies 'handmatig' of een van "
                f"{', '.join(BEREKENDE_INDICATOREN)}."
            )

    def doel_in(self, jaar: int) -> float:
        """The target path: straight from the baseline to the target, then flat."""
        eind = self.streefdatum.year
        if jaar <= self.basisjaar or eind <= self.basisjaar:
            return self.basiswaarde if jaar <= self.basisjaar else self.streefwaarde
        fractie = min(1.0, (jaar - self.basisjaar) / (eind - self.basisjaar))
        return self.basiswaarde + fractie * (self.streefwaarde - self.basiswaarde)

    def beter_of_gelijk(self, waarde: float, doel: float) -> bool:
        return waarde <= doel if self.richting == "lager" else waarde >= doel

    def met_meting(self, meting: Meting) -> Indicator:
        """A copy with `meting` added (replacing an earlier one of the same year)."""
        over = tuple(m for m in self.metingen if m.jaar != meting.jaar)
        return replace(self, metingen=tuple(sorted((*over, meting), key=lambda m: m.jaar)))


@dataclass(frozen=True)
class Ambitie:
    doelgroep: str
    titel: str
    omschrijving: str
    principes: tuple[str, ...]
    big5: tuple[str, ...] = ()
    indicatoren: tuple[Indicator, ...] = ()

    def __post_init__(self) -> None:
        if self.doelgroep not in DOELGROEPEN:
            raise ValueError(f"Doelgroep is een van {', '.join(DOELGROEPEN)}.")
        if not self.principes:
            raise ValueError("Spiegel elke ambitie aan ten minste een van de drie principes.")
        onbekend = set(self.principes) - set(PRINCIPES) | set(self.big5) - set(BIG5)
        if onbekend:
            raise ValueError(f"Onbekende principes of pijlers: {sorted(onbekend)}.")


@dataclass(frozen=True)
class Ambitiekader:
    visie: str
    commitment: str = ""
    ambities: tuple[Ambitie, ...] = ()

    def indicatoren(self) -> list[tuple[Ambitie, Indicator]]:
        return [(a, i) for a in self.ambities for i in a.indicatoren]


def principetoets(kader: Ambitiekader) -> list[dict[str, Any]]:
    """Per principle and per target group: which ambitions carry it. An empty list of
    ambitions is a gap the raad should see."""
    return [
        {
            "principe": sleutel,
            "omschrijving": tekst,
            "doelgroep": groep,
            "ambities": [
                a.titel for a in kader.ambities if a.doelgroep == groep and sleutel in a.principes
            ],
        }
        for sleutel, tekst in PRINCIPES.items()
        for groep in DOELGROEPEN
    ]


# -- computed indicators ---------------------------------------------------------------------
#: (connection, year, area, segment of the indicator) -> the value, or None without data.
Berekening = Callable[[duckdb.DuckDBPyConnection, int, Gebied, str | None], float | None]


def _aandeel(teller: str, noemer: str) -> Berekening:
    def bereken(
        con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, _segment: str | None
    ) -> float | None:
        t = transitie(con, jaar, gebied)
        return t[teller] / t[noemer] if t[noemer] else None

    return bereken


def _gat(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, _segment: str | None
) -> float | None:
    return transitie(con, jaar, gebied)["gat_dagen_mediaan"]


def _doorloop(leeftijd: int) -> Berekening:
    def bereken(
        con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, _segment: str | None
    ) -> float | None:
        for rij in transitie_doorloop(con, jaar, gebied):
            if rij["leeftijd"] == leeftijd and rij["zorgvorm"] == "alle":
                return rij["aandeel"]
        return None

    return bereken


def _toekomstplan(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, _segment: str | None
) -> float | None:
    return toekomstplan_aandeel(con, jaar, gebied)


def _markt(veld: str, schaal: float = 1.0) -> Berekening:
    def bereken(
        con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, segment: str | None
    ) -> float | None:
        for rij in markt_segmenten(con, jaar, gebied):
            if rij["segment"] == segment and rij[veld] is not None:
                return rij[veld] * schaal
        return None

    return bereken


@dataclass(frozen=True)
class Berekend:
    naam: str
    eenheid: str
    richting: str
    bereken: Berekening = field(repr=False)
    per_segment: bool = False
    uitleg: str = ""
    #: Measured on the cohort of the year (complete a year later), not the calendar year.
    cohort: bool = True


BEREKENDE_INDICATOREN: dict[str, Berekend] = {
    "zonder_vervolg_aandeel": Berekend(
        "Aandeel zonder vervolg na 18",
        "aandeel",
        "lager",
        _aandeel("zonder_vervolg", "cohort"),
        uitleg="Jongeren met jeugdhulp in het jaar voor hun 18e, zonder verlengde jeugdhulp en "
        "zonder Wmo binnen een jaar, gedeeld door het cohort.",
    ),
    "naar_wmo_aandeel": Berekend(
        "Aandeel met Wmo na 18",
        "aandeel",
        "hoger",
        _aandeel("naar_wmo", "cohort"),
        uitleg="Cohort-jongeren met Wmo-ondersteuning binnen een jaar na het einde van de "
        "jeugdhulp, gedeeld door het cohort.",
    ),
    "verlengde_jeugdhulp_aandeel": Berekend(
        "Aandeel met verlengde jeugdhulp",
        "aandeel",
        "hoger",
        _aandeel("verlengde_jeugdhulp", "cohort"),
        uitleg="Cohort-jongeren met jeugdhulp op of na hun 18e verjaardag.",
    ),
    "warme_overdracht_aandeel": Berekend(
        "Aandeel warme overdracht naar Wmo",
        "aandeel",
        "hoger",
        _aandeel("warme_overdracht", "naar_wmo"),
        uitleg="Van wie naar de Wmo ging: zonder gat en met een Wmo-toewijzing voordat de "
        "jeugdhulp stopte.",
    ),
    "gat_dagen_mediaan": Berekend(
        "Mediaan gat jeugdhulp-Wmo (dagen)",
        "dagen",
        "lager",
        _gat,
        uitleg="Mediaan van de dagen tussen het einde van de jeugdhulp en de eerste Wmo-dag.",
    ),
    "doorloop_21_aandeel": Berekend(
        "Aandeel nog in zorg op de dag voor 21",
        "aandeel",
        "hoger",
        _doorloop(21),
        uitleg="Pas te meten als het cohort 21 is geworden.",
    ),
    "doorloop_23_aandeel": Berekend(
        "Aandeel nog in zorg op de dag voor 23",
        "aandeel",
        "hoger",
        _doorloop(23),
        uitleg="Pas te meten als het cohort 23 is geworden.",
    ),
    "toekomstplan_17_5_aandeel": Berekend(
        "Aandeel jongeren met een toekomstplan op 17½",
        "aandeel",
        "hoger",
        _toekomstplan,
        uitleg="Cohortjongeren (18 in het jaar, jeugdhulp in het jaar ervoor) met een "
        "toekomstplan gedateerd op of vóór de dag dat zij 17½ werden, uit het "
        "toekomstplanregister; leeg zolang er geen plan is geregistreerd.",
        # Every member's 17½ day and plan date lie within the year: complete at its end.
        cohort=False,
    ),
    "startwachttijd_mediaan_dagen": Berekend(
        "Mediaan startwachttijd (dagen)",
        "dagen",
        "lager",
        _markt("startwachttijd_mediaan_dagen"),
        per_segment=True,
        uitleg="Dagen tussen de ingangsdatum van de toewijzing en de start van de zorg.",
        cohort=False,
    ),
    "kosten_per_client": Berekend(
        "Gemiddelde kosten per cliënt (euro)",
        "euro",
        "lager",
        _markt("kosten_per_client_gemiddeld_cent", 0.01),
        per_segment=True,
        uitleg="Netto gedeclareerd bedrag per cliënt in het jaar.",
        cohort=False,
    ),
}


def werkelijk(
    indicator: Indicator,
    jaar: int,
    con: duckdb.DuckDBPyConnection | None = None,
    gebied: Gebied | None = None,
) -> float | None:
    """The actual value of `indicator` in `jaar`: computed over `gebied`, or the hand-entered
    measurement (always without a connection or an area)."""
    if indicator.bron == "handmatig" or con is None or gebied is None:
        return next((m.waarde for m in indicator.metingen if m.jaar == jaar), None)
    return BEREKENDE_INDICATOREN[indicator.bron].bereken(con, jaar, gebied, indicator.segment)


def monitor(
    kader: Ambitiekader,
    jaren: Iterable[int],
    con: duckdb.DuckDBPyConnection | None = None,
    gebied: Gebied | None = None,
) -> list[dict[str, Any]]:
    """Target against actual per indicator and year (see the module doc for the status). A
    computed value of a year (or cohort) the data do not cover completely has the status
    *voorlopig*: it is shown, but never judged."""
    periode = dekking(con) if con is not None else None
    uit = []
    for ambitie, ind in kader.indicatoren():
        for jaar in jaren:
            doel = ind.doel_in(jaar)
            waarde = werkelijk(ind, jaar, con, gebied)
            volledig = _volledig(ind, jaar, periode)
            uit.append(
                {
                    "doelgroep": ambitie.doelgroep,
                    "ambitie": ambitie.titel,
                    "indicator": ind.code,
                    "naam": ind.naam,
                    "eenheid": ind.eenheid,
                    "richting": ind.richting,
                    "jaar": jaar,
                    "doel": doel,
                    "werkelijk": waarde,
                    "streefwaarde": ind.streefwaarde,
                    "streefdatum": ind.streefdatum.isoformat(),
                    "volledig": volledig,
                    "status": _status(ind, jaar, doel, waarde) if volledig else "voorlopig",
                }
            )
    return uit


def _volledig(ind: Indicator, jaar: int, periode: Dekking | None) -> bool:
    """Whether the data cover the year (or cohort) a computed indicator measures; a hand
    measurement is as complete as it was entered."""
    berekend = BEREKENDE_INDICATOREN.get(ind.bron)
    if berekend is None or periode is None:
        return True
    return periode.volledig(jaar, cohort=berekend.cohort)


def _status(ind: Indicator, jaar: int, doel: float, waarde: float | None) -> str:
    if waarde is None:
        return "geen gegevens"
    goed = ind.beter_of_gelijk(waarde, doel)
    if jaar >= ind.streefdatum.year:
        return "gehaald" if goed else "niet gehaald"
    return "op koers" if goed else "achter"


def voorbeeldkader(basisjaar: int) -> Ambitiekader:
    """An example framework in the spirit of the roadmap, with targets five years out; the
    baselines are placeholders until :func:`met_basiswaarden` fills them from the data."""
    doel = date(basisjaar + 5, 12, 31)

    def ind(
        code: str,
        bron: str,
        richting: str,
        eenheid: str,
        basis: float,
        streef: float,
        naam: str | None = None,
    ) -> Indicator:
        naam = naam or (BEREKENDE_INDICATOREN[bron].naam if bron in BEREKENDE_INDICATOREN else code)
        return Indicator(code, naam, bron, richting, eenheid, basisjaar, basis, streef, doel)

    return Ambitiekader(
        visie="We laten jongeren niet los, totdat zij een stevige basis hebben op de vijf "
        "pijlers van zelfstandigheid, de Big 5.",
        commitment="We doen er alles aan om volgens deze visie te werken, en toetsen elk jaar "
        "of we doen wat we hebben afgesproken.",
        ambities=(
            Ambitie(
                "16-18",
                "Elke jongere heeft op 17½ een toekomstplan",
                "Het plan wordt sámen met de jongere gemaakt, beslaat alle leefdomeinen "
                "en loopt door na 18.",
                ("toekomstgericht",),
                ("support", "wonen", "school_werk", "inkomen", "welzijn"),
                (ind("toekomstplan", "toekomstplan_17_5_aandeel", "hoger", "aandeel", 0.4, 0.9),),
            ),
            Ambitie(
                "18-23",
                "Geen jongere valt bij 18 tussen wal en schip",
                "Doorlopende ondersteuning tot 23 waar nodig; een warme overdracht naar de Wmo.",
                ("doorgaande_lijnen",),
                ("support", "wonen"),
                (
                    ind("zonder_vervolg", "zonder_vervolg_aandeel", "lager", "aandeel", 0.3, 0.15),
                    ind("gat", "gat_dagen_mediaan", "lager", "dagen", 30, 0),
                    ind("warm", "warme_overdracht_aandeel", "hoger", "aandeel", 0.3, 0.7),
                ),
            ),
            Ambitie(
                "23-27",
                "Een stevige basis op wonen, werk en inkomen",
                "Integrale ondersteuning vanuit Wmo, Participatiewet en wonen.",
                ("integrale_basis",),
                ("wonen", "school_werk", "inkomen"),
                (ind("doorloop23", "doorloop_23_aandeel", "hoger", "aandeel", 0.1, 0.2),),
            ),
        ),
    )


def met_basiswaarden(
    kader: Ambitiekader,
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
) -> Ambitiekader:
    """A copy whose computed indicators take their baseline from the data of their basisjaar
    (an indicator without data keeps its baseline)."""
    ambities = []
    for a in kader.ambities:
        nieuw = []
        for i in a.indicatoren:
            w = werkelijk(i, i.basisjaar, con, gebied) if i.bron != "handmatig" else None
            nieuw.append(replace(i, basiswaarde=w) if w is not None else i)
        ambities.append(replace(a, indicatoren=tuple(nieuw)))
    return replace(kader, ambities=tuple(ambities))


def kader_als_dict(kader: Ambitiekader) -> dict[str, Any]:
    """JSON-ready (dates as ISO strings)."""
    return {
        "visie": kader.visie,
        "commitment": kader.commitment,
        "ambities": [
            {
                "doelgroep": a.doelgroep,
                "titel": a.titel,
                "omschrijving": a.omschrijving,
                "principes": list(a.principes),
                "big5": list(a.big5),
                "indicatoren": [
                    {
                        **{
                            k: getattr(i, k)
                            for k in (
                                "code",
                                "naam",
                                "bron",
                                "richting",
                                "eenheid",
                                "basisjaar",
                                "basiswaarde",
                                "streefwaarde",
                                "segment",
                            )
                        },
                        "streefdatum": i.streefdatum.isoformat(),
                        "metingen": [m.__dict__ for m in i.metingen],
                    }
                    for i in a.indicatoren
                ],
            }
            for a in kader.ambities
        ],
    }


def kader_uit_dict(data: dict[str, Any]) -> Ambitiekader:
    return Ambitiekader(
        visie=data["visie"],
        commitment=data.get("commitment", ""),
        ambities=tuple(
            Ambitie(
                a["doelgroep"],
                a["titel"],
                a.get("omschrijving", ""),
                tuple(a["principes"]),
                tuple(a.get("big5", ())),
                tuple(
                    Indicator(
                        **{
                            **i,
                            "streefdatum": date.fromisoformat(i["streefdatum"]),
                            "metingen": tuple(Meting(**m) for m in i["metingen"]),
                        }
                    )
                    for i in a.get("indicatoren", ())
                ),
            )
            for a in data.get("ambities", ())
        ),
    )
