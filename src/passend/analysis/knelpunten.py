"""Knelpunten: bottlenecks in market and transition, ranked by a severity score.

Each knelpunt carries the figures that triggered it and a plain-Dutch explanation. Signals
(thresholds in :class:`Drempels`):

* ``CONCENTRATIE``: a segment with HHI above ``hhi``;
* ``WEINIG_AANBIEDERS``: a segment with spend from fewer than ``min_aanbieders`` aanbieders;
* ``DOMINANTE_AANBIEDER``: one aanbieder with more than ``aandeel_aanbieder`` of a segment's
  spend;
* ``KOSTENSTIJGING``: mean cost per client of a segment up more than ``kostenstijging`` on
  the previous year;
* ``STARTWACHTTIJD``: median start delay of a segment above ``startwachttijd`` days;
* ``ZONDER_VERVOLG``: more than ``zonder_vervolg`` of the cohort without follow-up care;
* ``GAT_NAAR_WMO``: median gap between jeugdhulp and Wmo above ``gat_dagen`` days.

Segments reported separately (landelijk ingekocht) and 'Niet ingedeeld' are skipped: they are
not steered by the region's purchasing.

**Severity** (``ernst``) = relative excess x weight. Relative excess = |value - threshold| /
threshold (for fewer aanbieders: (threshold - value) / threshold). Weight = log10(10 + n),
with n the clients concerned (segment clients, or the cohort), so a signal over 90 clients
weighs twice one over none. The list is sorted by ernst, highest first.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from passend.analysis.dekking import Dekking, dekking
from passend.analysis.gebied import Gebied
from passend.analysis.markt import markt_aanbieders, markt_segmenten
from passend.analysis.segmentatie import NIET_INGEDEELD
from passend.analysis.transitie import transitie
from passend.domain import opmaak


@dataclass(frozen=True)
class Drempels:
    hhi: float = 2500
    min_aanbieders: int = 3
    aandeel_aanbieder: float = 0.40
    kostenstijging: float = 0.10
    startwachttijd: float = 30
    zonder_vervolg: float = 0.20
    gat_dagen: float = 30


def _ernst(waarde: float, drempel: float, betrokken: int) -> float:
    overschrijding = abs(waarde - drempel) / drempel
    return round(overschrijding * math.log10(10 + max(betrokken, 0)), 4)


def _procent(x: float) -> str:
    return opmaak.procent(x)


def _getal(x: float) -> str:
    return opmaak.getal(x)


def _knelpunt(
    soort: str,
    jaar: int,
    onderwerp: dict[str, Any],
    waarde: float,
    drempel: float,
    betrokken: int,
    cijfers: dict[str, Any],
    uitleg: str,
) -> dict[str, Any]:
    return {
        "soort": soort,
        "ernst": _ernst(waarde, drempel, betrokken),
        "jaar": jaar,
        **onderwerp,
        "waarde": waarde,
        "drempel": drempel,
        "cijfers": cijfers,
        "uitleg": uitleg,
    }


def _segment_signalen(rij: dict[str, Any], d: Drempels) -> list[dict[str, Any]]:
    onderwerp = {"segment": rij["segment"], "segmentnaam": rij["segmentnaam"], "aanbieder": None}
    return [
        *_concentratie_signalen(rij, d, onderwerp),
        *_kosten_signaal(rij, d, onderwerp),
        *_wacht_signaal(rij, d, onderwerp),
    ]


def _concentratie_signalen(
    rij: dict[str, Any], d: Drempels, onderwerp: dict[str, Any]
) -> list[dict[str, Any]]:
    jaar, naam, n = rij["jaar"], rij["segmentnaam"], rij["clienten"]
    cijfers = {k: rij[k] for k in ("aanbieders", "clienten", "bedrag_cent", "hhi")}
    uit = []
    if rij["hhi"] is not None and rij["hhi"] > d.hhi:
        uit.append(
            _knelpunt(
                "CONCENTRATIE",
                jaar,
                onderwerp,
                rij["hhi"],
                d.hhi,
                n,
                cijfers,
                f"De markt voor {naam} is sterk geconcentreerd: de HHI is {_getal(rij['hhi'])} "
                f"(signaalwaarde {_getal(d.hhi)}). Weinig aanbieders hebben samen bijna alle "
                "uitgaven; dat maakt de regio afhankelijk en beperkt keuze voor jongeren.",
            )
        )
    if 0 < rij["aanbieders"] < d.min_aanbieders:
        uit.append(
            _knelpunt(
                "WEINIG_AANBIEDERS",
                jaar,
                onderwerp,
                rij["aanbieders"],
                d.min_aanbieders,
                n,
                cijfers,
                f"In {naam} declareerden maar {rij['aanbieders']} aanbieder(s) in {jaar} "
                f"(minimaal gewenst: {d.min_aanbieders}). Valt er één weg, dan is er geen "
                "alternatief.",
            )
        )
    return uit


def _wacht_signaal(
    rij: dict[str, Any], d: Drempels, onderwerp: dict[str, Any]
) -> list[dict[str, Any]]:
    wacht = rij["startwachttijd_mediaan_dagen"]
    if wacht is None or wacht <= d.startwachttijd:
        return []
    return [
        _knelpunt(
            "STARTWACHTTIJD",
            rij["jaar"],
            onderwerp,
            wacht,
            d.startwachttijd,
            rij["clienten"],
            {"startwachttijd_mediaan_dagen": wacht},
            f"In {rij['segmentnaam']} start de zorg mediaan {_getal(wacht)} dagen na de "
            f"ingangsdatum van de toewijzing (signaalwaarde {_getal(d.startwachttijd)}). Dat "
            "wijst op te weinig aanbod of capaciteit.",
        )
    ]


def _kosten_signaal(
    rij: dict[str, Any], d: Drempels, onderwerp: dict[str, Any]
) -> list[dict[str, Any]]:
    groei = rij["groei_kosten_per_client"]
    if groei is None or groei <= d.kostenstijging:
        return []
    naam = rij["segmentnaam"]
    return [
        _knelpunt(
            "KOSTENSTIJGING",
            rij["jaar"],
            onderwerp,
            groei,
            d.kostenstijging,
            rij["clienten"],
            {
                "kosten_per_client_gemiddeld_cent": rij["kosten_per_client_gemiddeld_cent"],
                "groei_kosten_per_client": groei,
                "clienten": rij["clienten"],
            },
            f"De gemiddelde kosten per cliënt in {naam} stegen in {rij['jaar']} met "
            f"{_procent(groei)} ten opzichte van het jaar ervoor (signaalwaarde "
            f"{_procent(d.kostenstijging)}). Ga na of de zorg zwaarder of langer is geworden, of "
            "dat tarieven stegen.",
        )
    ]


def _aanbieder_signaal(rij: dict[str, Any], d: Drempels, n: int) -> list[dict[str, Any]]:
    aandeel = rij["marktaandeel"]
    if aandeel is None or aandeel <= d.aandeel_aanbieder:
        return []
    naam = rij["naam"] or rij["aanbieder"]
    onderwerp = {
        "segment": rij["segment"],
        "segmentnaam": rij["segmentnaam"],
        "aanbieder": rij["aanbieder"],
    }
    return [
        _knelpunt(
            "DOMINANTE_AANBIEDER",
            rij["jaar"],
            onderwerp,
            aandeel,
            d.aandeel_aanbieder,
            n,
            {
                "marktaandeel": aandeel,
                "bedrag_cent": rij["bedrag_cent"],
                "clienten": rij["clienten"],
            },
            f"{naam} heeft {_procent(aandeel)} van de uitgaven in {rij['segmentnaam']} "
            f"(signaalwaarde {_procent(d.aandeel_aanbieder)}). De regio is sterk afhankelijk van "
            "deze ene aanbieder.",
        )
    ]


def _transitie_signalen(t: dict[str, Any], d: Drempels) -> list[dict[str, Any]]:
    uit = []
    cohort, jaar = t["cohort"], t["jaar"]
    onderwerp = {"segment": None, "segmentnaam": None, "aanbieder": None}
    if cohort and t["zonder_vervolg"] / cohort > d.zonder_vervolg:
        aandeel = t["zonder_vervolg"] / cohort
        uit.append(
            _knelpunt(
                "ZONDER_VERVOLG",
                jaar,
                onderwerp,
                aandeel,
                d.zonder_vervolg,
                cohort,
                {"cohort": cohort, "zonder_vervolg": t["zonder_vervolg"]},
                f"Van de {cohort} jongeren die in {jaar} 18 werden en in het jaar daarvoor "
                f"jeugdhulp hadden, kreeg {_procent(aandeel)} geen verlengde jeugdhulp en geen "
                f"Wmo-ondersteuning (signaalwaarde {_procent(d.zonder_vervolg)}). Ga na of zij "
                "zonder hulp verder kunnen of uit beeld zijn geraakt.",
            )
        )
    gat = t["gat_dagen_mediaan"]
    if gat is not None and gat > d.gat_dagen:
        uit.append(
            _knelpunt(
                "GAT_NAAR_WMO",
                jaar,
                onderwerp,
                gat,
                d.gat_dagen,
                cohort,
                {"naar_wmo": t["naar_wmo"], "gat_dagen_mediaan": gat},
                f"Jongeren die van jeugdhulp naar de Wmo gingen, wachtten mediaan {_getal(gat)} "
                f"dagen tussen het einde van de jeugdhulp en de start van Wmo-ondersteuning "
                f"(signaalwaarde {_getal(d.gat_dagen)}). Een warme overdracht voor de 18e "
                "verjaardag voorkomt dat gat.",
            )
        )
    return uit


def knelpunten(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
    *,
    drempels: Drempels | None = None,
    periode: Dekking | None = None,
) -> list[dict[str, Any]]:
    """The knelpunten of `jaar` in the area (all data, a gemeente or a regio), ranked.

    Rows: soort, ernst, jaar, segment, segmentnaam, aanbieder, waarde, drempel, cijfers
    (the figures behind the signal) and uitleg (Dutch). Segment signals compare the
    segment's figures of `jaar` (growth: against `jaar` - 1); transition signals use cohort
    `jaar`. An incomplete year raises no knelpunt (its figures are voorlopig), and an
    incomplete cohort no transition signal (see :mod:`passend.analysis.dekking`); `periode`
    is the data's coverage (default: measured on `con`).
    """
    d = drempels or Drempels()
    periode = periode or dekking(con)
    if not periode.jaar_volledig(jaar):
        return []
    segmenten = [
        r
        for r in markt_segmenten(con, jaar, gebied)
        if not r["apart"] and r["segment"] != NIET_INGEDEELD.code
    ]
    clienten = {r["segment"]: r["clienten"] for r in segmenten}
    uit = [k for r in segmenten for k in _segment_signalen(r, d)]
    for rij in markt_aanbieders(con, jaar, gebied):
        if rij["segment"] in clienten:
            uit += _aanbieder_signaal(rij, d, clienten[rij["segment"]])
    if periode.cohort_volledig(jaar):
        uit += _transitie_signalen(transitie(con, jaar, gebied), d)
    uit.sort(key=lambda k: (-k["ernst"], k["soort"], k["segment"] or "", k["aanbieder"] or ""))
    return uit


def drempels_als_dict(drempels: Drempels | None = None) -> dict[str, float]:
    """The thresholds as a dict, to print next to a list of knelpunten."""
    return asdict(drempels or Drempels())
