"""The inkoopstrategie as one object, and its public (suppressed) tables for the raad.

:func:`stel_op` gathers everything the PDF, the Excel workbook and the OCDS export show: the
market figures per segment, the proposed (or chosen) strategy with reasons and the
core-values trade-off, the scenarios, the ambitions with their indicators and the monitor.

The document is public: every count of persons of 1-4 is shown as "<5" (and, where a total
would give it away, a further cell as "x"), using the suppression of
:mod:`passend.analysis.privacy`; money per client is hidden for a segment whose client count
is suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.privacy import PRIMAIR, SECUNDAIR, onderdruk
from passend.analysis.segmentatie import Segmentatie
from passend.domain import opmaak
from passend.strategy.ambities import Ambitiekader, met_basiswaarden, monitor, voorbeeldkader
from passend.strategy.budget import Budget, budgettoets
from passend.strategy.invoer import basisjaar_van, bouw_invoer, segmentkenmerken
from passend.strategy.keuzes import DIMENSIES, KERNWAARDEN, Segmentstrategie, label
from passend.strategy.richtlijnen import Segmentkenmerken, voorstel
from passend.strategy.scenario import Scenario, ScenarioResultaat, simuleer

DEFINITIES: tuple[tuple[str, str], ...] = (
    (
        "In zorg in een jaar",
        "Een cliënt met ten minste één levering van het segment die op een "
        "dag van dat jaar loopt. Leeftijd: op 1 januari van het jaar.",
    ),
    ("Nieuwe cliënt (instroom)", "In zorg in het segment in jaar t, niet in jaar t-1."),
    (
        "Incidentie λ",
        "Nieuwe cliënten van leeftijd a gedeeld door het aantal inwoners van "
        "leeftijd a, opgeteld over de waargenomen jaren.",
    ),
    (
        "Doorstroom p",
        "Aandeel van de cliënten dat het volgende jaar nog in zorg is in hetzelfde "
        "segment; de verwachte duur in jaren is 1 / (1 - p).",
    ),
    (
        "Vraagprognose",
        "Cliënten(t, a) = inwoners(t, a) × λ(a) + cliënten(t-1, a-1) × p(a-1); "
        "de bevolking per leeftijd volgt uit de cohort-componentmethode.",
    ),
    (
        "Kosten per cliënt",
        "Netto gedeclareerd bedrag van het segment in het basisjaar, gedeeld "
        "door de cliënten in zorg in dat jaar.",
    ),
    (
        "Onzekerheid",
        "Monte Carlo: per run worden λ, p, de kosten per cliënt en de overgang naar "
        "de Wmo getrokken uit hun verdeling gegeven de waargenomen aantallen (Gamma/Beta). P5-P95 "
        "is de band waarbinnen 90% van de runs valt; P50 is de mediaan.",
    ),
    (
        "Planningsbedrag",
        "De mediane prognose (P50) van de zorgkosten per jaar en segment: hierop worden een "
        "taakgericht budget, een trajectprijs en een norm per inwoner gezet.",
    ),
    (
        "Budget",
        "Het bedrag dat de gemeente (of de regio) per jaar en domein heeft ingevoerd voor de "
        "scenario's; het volgt nooit uit de prognose zelf.",
    ),
    (
        "Tekort",
        "Per run het geld dat de gemeente boven haar budget moet vinden, opgeteld over de jaren: "
        "per domein (aparte budgetten) of over Jeugd en Wmo samen (ontschot budget). Kans op "
        "tekort: het aandeel runs met een tekort; verwacht tekort: het gemiddelde over de runs.",
    ),
    (
        "Resultaat aanbieder",
        "Betaling aan de aanbieders min de kosten van de geleverde zorg, over de hele periode, "
        "afgerond op hele euro's. Nul bij P×Q zonder plafond (alle zorg wordt betaald); "
        "negatief is zorg die de aanbieders niet vergoed krijgen. P5 is hun slechte geval.",
    ),
    ("Inspanningsgericht (P×Q)", "De gemeente betaalt prijs × geleverde hoeveelheid."),
    ("Taakgericht", "De gemeente betaalt een vast budget (lumpsum) dat tegelijk het plafond is."),
    ("Outputgericht", "De gemeente betaalt een vaste prijs per traject."),
    ("Populatiegebonden", "De gemeente betaalt een vaste norm per inwoner."),
    (
        "Onderdrukking",
        "Aantallen personen van 1 tot en met 4 staan als '<5'; 'x' is een cel die "
        "verborgen is omdat hij anders uit de totalen is af te leiden.",
    ),
)


@dataclass
class Inkoopstrategie:
    regio: str
    jaar: int
    segmentatie: Segmentatie
    kader: Ambitiekader
    kenmerken: tuple[Segmentkenmerken, ...]
    strategieen: tuple[Segmentstrategie, ...]
    scenarios: tuple[ScenarioResultaat, ...] = ()
    budget: Budget | None = None
    monitor: tuple[dict[str, Any], ...] = ()
    titel: str = "Inkoopstrategie jeugdhulp en Wmo voor jongeren van 16 tot 27 jaar"
    datum: date = field(default_factory=date.today)
    synthetisch: bool = False

    def strategie(self, segment: str) -> Segmentstrategie | None:
        return next((s for s in self.strategieen if s.segment == segment), None)


def stel_op(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    *,
    jaar: int | None = None,
    kader: Ambitiekader | None = None,
    strategieen: Sequence[Segmentstrategie] | None = None,
    scenarios: Sequence[Scenario] | None = None,
    resultaten: Sequence[ScenarioResultaat] | None = None,
    budget: Budget | None = None,
    runs: int = 2000,
    seed: int = 2026,
    synthetisch: bool = False,
) -> Inkoopstrategie:
    """Assemble the strategy for an area: proposals where no choice is given, scenarios run
    unless `resultaten` (stored runs) are passed, tested against `budget`, the monitor over
    the last three years."""
    jaar = jaar or basisjaar_van(con)
    kenmerken = tuple(segmentkenmerken(con, gebied, jaar))
    gekozen = {s.segment: s for s in strategieen or ()}
    keuzes = tuple(gekozen.get(k.segment) or voorstel(k) for k in kenmerken)
    # The example sets its baseline two years back, so the monitor has a path to judge.
    kader = met_basiswaarden(kader or voorbeeldkader(jaar - 2), con, gebied)
    if resultaten is None:
        invoer = bouw_invoer(con, gebied, basisjaar=jaar)
        resultaten = [simuleer(invoer, s, runs=runs, seed=seed) for s in scenarios or ()]
    return Inkoopstrategie(
        regio=gebied.sleutel or "Alle gemeenten in de gegevens",
        jaar=jaar,
        segmentatie=gebied.segmentatie,
        kader=kader,
        kenmerken=kenmerken,
        strategieen=keuzes,
        scenarios=tuple(resultaten),
        budget=budget,
        monitor=tuple(monitor(kader, range(jaar - 2, jaar + 1), con, gebied)),
        synthetisch=synthetisch,
    )


# -- formatting ------------------------------------------------------------------------------
def euro(x: float | None) -> str:
    return "-" if x is None else opmaak.euro(x)


def miljoen(x: float | None) -> str:
    return "-" if x is None else opmaak.miljoen(x)


def procent(x: float | None) -> str:
    return "-" if x is None else opmaak.procent(x, 0)


def getal(x: float | None, decimalen: int = 0) -> str:
    return "-" if x is None else opmaak.getal(x, decimalen)


def publiek_aantal(n: float | None) -> str:
    """One count for publication: 1-4 (or a forecast between 0 and 5) as '<5'."""
    telling = publieke_telling(n)
    return telling if isinstance(telling, str) else getal(telling)


def publieke_telling(n: float | None) -> int | str:
    """The same count as a number for a spreadsheet, or its symbol ('<5', '-')."""
    if n is None:
        return "-"
    if 0 < n < 5:
        return PRIMAIR
    return int(opmaak.rond(n))


# -- public tables ---------------------------------------------------------------------------
def marktcijfers(s: Inkoopstrategie) -> list[dict[str, Any]]:
    """Market figures per segment as numbers, suppressed: clienten as '<5'/'x' (with a
    published total), cost per client hidden where the count is. Euros in euro, shares as
    fractions; :func:`marktoverzicht` is the same table as text."""
    rijen = [
        {"segment": k.segment, "segmentnaam": k.segmentnaam, "clienten": int(k.clienten)}
        for k in s.kenmerken
    ]
    veilig = onderdruk(
        rijen, ["clienten"], totaal_kolom=None, totaal_rij="Totaal", label_kolom="segmentnaam"
    )
    per = {k.segment: k for k in s.kenmerken}
    uit = []
    for rij in veilig:
        k = per.get(str(rij.get("segment")))
        verborgen = rij["clienten"] in (PRIMAIR, SECUNDAIR)
        uit.append(
            {
                "segment": rij.get("segment") or "",
                "segmentnaam": rij["segmentnaam"],
                "domein": k.domein if k else "",
                "clienten": rij["clienten"],
                "aanbieders": k.aanbieders if k else None,
                "uitgaven": k.bedrag_eur if k else sum(x.bedrag_eur for x in s.kenmerken),
                "kosten_per_client": (SECUNDAIR if verborgen else k.kosten_per_client_eur)
                if k
                else None,
                "hhi": k.hhi if k else None,
                "kostengroei": k.groei_kosten_per_client if k else None,
                "aandeel_16_plus": k.aandeel_16_plus if k else None,
                "startwachttijd": k.startwachttijd_mediaan_dagen if k else None,
            }
        )
    return uit


#: How each figure of the market table is shown as text.
_MARKTOPMAAK = {
    "clienten": "aantal",
    "aanbieders": "aantal",
    "uitgaven": "euro",
    "kosten_per_client": "euro",
    "hhi": "aantal",
    "kostengroei": "procent",
    "aandeel_16_plus": "procent",
    "startwachttijd": "aantal",
}


def marktoverzicht(s: Inkoopstrategie) -> list[dict[str, Any]]:
    """:func:`marktcijfers` as text for the document ('' where a figure does not apply)."""
    tekst = {"aantal": getal, "euro": euro, "procent": procent}
    return [
        {
            sleutel: (
                waarde
                if sleutel not in _MARKTOPMAAK or isinstance(waarde, str)
                else ""
                if waarde is None and rij["segment"] == ""
                else tekst[_MARKTOPMAAK[sleutel]](waarde)
            )
            for sleutel, waarde in rij.items()
        }
        for rij in marktcijfers(s)
    ]


def keuzetabel(strategie: Segmentstrategie) -> list[dict[str, Any]]:
    """Per dimension: the choice, its reasons and any deviation from the proposal."""
    afwijking = {o.dimensie: o for o in strategie.overschrijvingen}
    uit = []
    for dimensie, (titel, _) in DIMENSIES.items():
        keuze = strategie.keuze(dimensie)
        o = afwijking.get(dimensie)
        tekst = label(keuze)
        if dimensie == "aanbieders" and strategie.aantal_aanbieders:
            tekst += f" (streefaantal {strategie.aantal_aanbieders})"
        uit.append(
            {
                "dimensie": titel,
                "keuze": tekst,
                "redenen": list(strategie.redenen.get(dimensie, ())),
                "afwijking": (
                    f"Voorstel was '{label(o.voorgesteld)}'. Onderbouwing: {o.rationale}"
                    if o
                    else ""
                ),
            }
        )
    return uit


def kernwaardentabel(strategie: Segmentstrategie) -> list[dict[str, Any]]:
    """Rows per dimension with the score and explanation for each of the four core values."""
    uit = []
    for dimensie, effecten in strategie.effecten().items():
        rij: dict[str, Any] = {
            "dimensie": DIMENSIES[dimensie][0],
            "keuze": label(strategie.keuze(dimensie)),
        }
        for waarde in KERNWAARDEN:
            rij[waarde] = effecten[waarde].score
            rij[f"{waarde}_uitleg"] = effecten[waarde].uitleg
        uit.append(rij)
    return uit


def scenario_uit_strategie(
    strategieen: Sequence[Segmentstrategie], naam: str = "Gekozen strategie", **hefbomen: Any
) -> Scenario:
    """A scenario with the funding model of each segment as chosen (other levers as given)."""
    from passend.strategy.scenario import Hefbomen

    bekostiging = {s.segment: str(s.bekostiging) for s in strategieen}
    return Scenario(
        naam,
        "Bekostiging per segment zoals gekozen in de strategie.",
        Hefbomen(bekostiging=bekostiging, **hefbomen),
    )


def scenariotabel(s: Inkoopstrategie) -> list[dict[str, Any]]:
    """The scenarios side by side against the first (the baseline), with the risk against the
    entered budget (:func:`passend.strategy.scenario.vergelijk`)."""
    from passend.strategy.scenario import vergelijk

    return vergelijk(s.scenarios, budget=s.budget) if s.scenarios else []


def budgettabel(s: Inkoopstrategie) -> list[dict[str, Any]]:
    """Per scenario, year and domain: the payment spread against the entered budget."""
    if s.budget is None:
        return []
    return [
        {"scenario": r.naam, **rij}
        for r in s.scenarios
        for rij in budgettoets(r.jaren, r.per_run, s.budget)
    ]
