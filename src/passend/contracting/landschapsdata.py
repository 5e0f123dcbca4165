"""The care landscape's inputs from the region's own data (issue 13 § 4, docs/contractering.md
"Het zorglandschap uit de gegevens"): per gemeente the expected demand of one segment, per
aanbieder its capacity, cost per client and location.

Definitions (amounts in euro; "clients" as the market analysis counts them, clients with a
positive net spend in the group, :mod:`passend.analysis.markt`):

* **vraag** of gemeente g = its clients in the segment in the base year × the segment's
  **prognosefactor**: the scenario engine's point forecast of the segment's clients in the
  target year divided by its clients in the base year (:func:`prognosefactor`; 1 when the
  engine has no clients for the segment).
* **capaciteit** of aanbieder j = the most clients it had in the segment in one year, over
  the base year and the two years before it: what it has shown it can carry.
* **kosten per cliënt** of j = its net spend in the segment / its clients, in the latest of
  those years in which it had clients.
* the user may give **groeiruimte** (capacity × (1 + groeiruimte): what providers can grow)
  and any aanbieder's capacity by hand; a capacity given by hand goes before both.
* **ligging** of j = its registered location when one is given, else the mean of the locations
  of the gemeenten whose clients it served in those years, weighted by those clients.

Gemeenten without a location cannot be placed; with demand they make the input refuse with
a Dutch reason naming them (the user imports their coordinates).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.sql import bereid, rijen
from passend.contracting.landschap import (
    Gemeentevraag,
    Kandidaat,
    Landschapseisen,
    Locatie,
    afweging,
    optimaliseer,
)

#: Years of history the capacity and the provider's location look at (the base year included).
JAREN_HISTORIE = 3

_PER_CLIENT = """
SELECT jaar, gemeente, aanbieder, client_id, sum(netto) AS bedrag
FROM _pres
WHERE segment = $segment AND jaar BETWEEN $van AND $tot {waar}
GROUP BY ALL
"""

_VRAAG = f"""
WITH g AS (
    SELECT gemeente, client_id, sum(bedrag) AS bedrag
    FROM ({_PER_CLIENT}) WHERE jaar = $tot GROUP BY ALL)
SELECT gemeente, count(*) FILTER (WHERE bedrag > 0) AS clienten FROM g GROUP BY gemeente
"""

_AANBIEDERS = f"""
WITH a AS (
    SELECT jaar, aanbieder, client_id, sum(bedrag) AS bedrag
    FROM ({_PER_CLIENT}) GROUP BY ALL),
per_jaar AS (
    SELECT jaar, aanbieder, count(*) FILTER (WHERE bedrag > 0) AS clienten,
           sum(bedrag) AS bedrag
    FROM a GROUP BY ALL)
SELECT p.aanbieder, coalesce(n.naam, '') AS naam, max(p.clienten) AS capaciteit,
       arg_max(p.bedrag / p.clienten, p.jaar) FILTER (WHERE p.clienten > 0) AS kosten_cent
FROM per_jaar p LEFT JOIN aanbieder n ON n.aanbieder = p.aanbieder
GROUP BY ALL HAVING max(p.clienten) > 0
ORDER BY p.aanbieder
"""

_SPREIDING = f"""
WITH ag AS (
    SELECT aanbieder, gemeente, client_id, sum(bedrag) AS bedrag
    FROM ({_PER_CLIENT}) GROUP BY ALL)
SELECT aanbieder, gemeente, count(*) FILTER (WHERE bedrag > 0) AS clienten
FROM ag GROUP BY ALL HAVING count(*) FILTER (WHERE bedrag > 0) > 0
"""


@dataclass(frozen=True)
class Landschapsinvoer:
    """The MILP's input for one segment, with where each figure came from."""

    segment: str
    basisjaar: int
    doeljaar: int
    prognosefactor: float
    vraag: list[Gemeentevraag]
    kandidaten: list[Kandidaat]
    basisvraag: dict[str, int] = field(default_factory=dict)
    toelichting: str = ""
    ligging_bron: dict[str, str] = field(default_factory=dict)  # agb -> 'geregistreerd' | ...

    def als_dict(self) -> dict[str, Any]:
        """The input in the form ``passend landschap optimaliseer`` reads (plus provenance)."""
        return {
            "segment": self.segment,
            "basisjaar": self.basisjaar,
            "doeljaar": self.doeljaar,
            "prognosefactor": round(self.prognosefactor, 4),
            "prognose": self.toelichting,
            "gemeenten": [
                {
                    **_plek(v.gemeente),
                    "vraag": v.vraag,
                    "clienten_basisjaar": self.basisvraag.get(v.gemeente.code, 0),
                }
                for v in self.vraag
            ],
            "kandidaten": [
                {
                    **_plek(k.aanbieder),
                    "capaciteit": k.capaciteit,
                    "kosten_per_client": k.kosten_per_client,
                    "ligging": self.ligging_bron.get(k.aanbieder.code, ""),
                }
                for k in self.kandidaten
            ],
        }


def _plek(p: Locatie) -> dict[str, Any]:
    return {"code": p.code, "naam": p.naam, "lat": p.lat, "lon": p.lon}


@dataclass(frozen=True)
class Prognose:
    """The factor the base year's demand is scaled by, and how it came about."""

    factor: float
    basisjaar: int
    doeljaar: int
    toelichting: str


def prognosefactor(
    con: duckdb.DuckDBPyConnection, gebied: Gebied, segment: str, doeljaar: int | None = None
) -> Prognose:
    """The segment's forecast clients in `doeljaar` (default: the year after the base year) /
    its clients in the base year, by the scenario engine's point estimate under current
    policy. Without a forecast (no population figures, say) the factor is 1 and the
    toelichting says why."""
    from passend.strategy.invoer import basisjaar_van, bouw_invoer
    from passend.strategy.scenario import simuleer

    try:
        invoer = bouw_invoer(con, gebied)
    except ValueError as fout:
        basis = basisjaar_van(con)
        return Prognose(1.0, basis, basis, f"zonder prognose: {str(fout).rstrip('.')}")
    doel = doeljaar or invoer.jaren[0]
    if doel <= invoer.basisjaar:
        return Prognose(1.0, invoer.basisjaar, invoer.basisjaar, "de vraag van het basisjaar")
    if doel not in invoer.jaren:
        raise ValueError(
            f"Het doeljaar ligt buiten de prognose ({invoer.jaren[0]}–{invoer.jaren[-1]})."
        )
    s = next((i for i, info in enumerate(invoer.segmenten) if info.code == segment), None)
    if s is None or invoer.start[0, s].sum() <= 0:
        return Prognose(1.0, invoer.basisjaar, doel, "zonder prognose (geen cliënten in de motor)")
    r = simuleer(invoer, runs=0)
    verwacht = float(r.clienten[r.p(50), r.jaren.index(doel), 0, s])
    return Prognose(
        verwacht / float(invoer.start[0, s].sum()),
        invoer.basisjaar,
        doel,
        "prognose bij huidig beleid",
    )


def landschapsinvoer(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    segment: str,
    *,
    gemeenten: Sequence[tuple[str, str]],
    liggingen: Mapping[str, tuple[float, float]],
    aanbiederliggingen: Mapping[str, tuple[float, float]] | None = None,
    basisjaar: int,
    doeljaar: int | None = None,
    factor: float = 1.0,
    toelichting: str = "",
) -> Landschapsinvoer:
    """The input for `segment` in the area's `gemeenten` ((code, naam) pairs), from the data
    of `basisjaar` and the two years before it, the demand scaled by `factor` (see
    :func:`prognosefactor`). `liggingen` maps gemeente codes to (lat, lon);
    `aanbiederliggingen` AGB codes. ValueError (Dutch) when a gemeente with demand has no
    location, or when the segment has no care in the data."""
    bereid(con, gebied.segmentatie, prestaties=True)
    waar, params = gebied.sql("gemeente")
    params = {"segment": segment, "van": basisjaar - JAREN_HISTORIE + 1, "tot": basisjaar, **params}
    vraagrijen = rijen(con, _VRAAG.format(waar=waar), params)
    basis = {r["gemeente"]: int(r["clienten"]) for r in vraagrijen}
    aanbieders = rijen(con, _AANBIEDERS.format(waar=waar), params)
    if not aanbieders:
        raise ValueError(
            f"Segment {segment} heeft geen zorg met declaraties in {basisjaar - 2}–{basisjaar}."
        )
    zonder = [naam for code, naam in gemeenten if basis.get(code) and code not in liggingen]
    if zonder:
        raise ValueError(
            "Van deze gemeenten met vraag is de ligging onbekend: "
            f"{', '.join(zonder)}. Importeer hun ligging (sjabloon ligging, zie docs/import.md)."
        )
    vraag = [
        Gemeentevraag(Locatie(code, naam, *liggingen[code]), round(basis.get(code, 0) * factor, 2))
        for code, naam in gemeenten
        if code in liggingen
    ]
    spreiding: dict[str, list[tuple[str, int]]] = {}
    for r in rijen(con, _SPREIDING.format(waar=waar), params):
        spreiding.setdefault(r["aanbieder"], []).append((r["gemeente"], int(r["clienten"])))
    kandidaten, bron = _kandidaten(aanbieders, spreiding, liggingen, aanbiederliggingen or {})
    return Landschapsinvoer(
        segment=segment,
        basisjaar=basisjaar,
        doeljaar=doeljaar or basisjaar,
        prognosefactor=factor,
        vraag=vraag,
        kandidaten=kandidaten,
        basisvraag={code: basis.get(code, 0) for code, _ in gemeenten},
        ligging_bron=bron,
        toelichting=toelichting,
    )


def _kandidaten(
    aanbieders: list[dict[str, Any]],
    spreiding: Mapping[str, list[tuple[str, int]]],
    liggingen: Mapping[str, tuple[float, float]],
    geregistreerd: Mapping[str, tuple[float, float]],
) -> tuple[list[Kandidaat], dict[str, str]]:
    kandidaten, bron = [], {}
    for a in aanbieders:
        agb = a["aanbieder"]
        plek = geregistreerd.get(agb) or _zwaartepunt(spreiding.get(agb, []), liggingen)
        if plek is None:
            continue  # served only gemeenten we cannot place
        bron[agb] = "geregistreerd" if agb in geregistreerd else "zwaartepunt cliënten"
        kandidaten.append(
            Kandidaat(
                Locatie(agb, a["naam"] or agb, *plek),
                float(a["capaciteit"]),
                round(float(a["kosten_cent"] or 0) / 100, 2),
            )
        )
    return kandidaten, bron


def _zwaartepunt(
    clienten: Sequence[tuple[str, int]], liggingen: Mapping[str, tuple[float, float]]
) -> tuple[float, float] | None:
    """The client-weighted mean location of the gemeenten served (degrees: within a region
    the curvature of the earth does not matter)."""
    geplaatst = [(liggingen[g], n) for g, n in clienten if g in liggingen]
    totaal = sum(n for _, n in geplaatst)
    if not totaal:
        return None
    lat = sum(p[0] * n for p, n in geplaatst) / totaal
    lon = sum(p[1] * n for p, n in geplaatst) / totaal
    return round(lat, 5), round(lon, 5)


def met_capaciteit(
    invoer: Landschapsinvoer,
    groeiruimte: float = 0.0,
    capaciteiten: Mapping[str, float] | None = None,
) -> Landschapsinvoer:
    """The input with each capacity × (1 + `groeiruimte`), or as given by hand per AGB code."""
    if groeiruimte < 0:
        raise ValueError("De groeiruimte is niet negatief.")
    handmatig = capaciteiten or {}
    for agb, waarde in handmatig.items():
        if waarde < 0:
            raise ValueError(f"De capaciteit van {agb} is niet negatief.")
    kandidaten = [
        replace(
            k,
            capaciteit=float(
                handmatig.get(k.aanbieder.code, round(k.capaciteit * (1 + groeiruimte), 2))
            ),
        )
        for k in invoer.kandidaten
    ]
    return replace(invoer, kandidaten=kandidaten)


def bereken(
    invoer: Landschapsinvoer,
    eisen: Landschapseisen,
    *,
    met_afweging: bool = True,
    tijdsbudget_s: float | None = None,
) -> dict[str, Any]:
    """Solve the landscape of `invoer` under `eisen`: one JSON-ready document with the input,
    the constraints, the outcome (with what each constraint costs, or why it is infeasible)
    and the trade-off curve. What the web page, the CLI and the demo store and show. With
    `tijdsbudget_s` all solves together stop after that many seconds (a web request must
    end): what each constraint costs and the curve then hold what was solved in time."""
    deadline = None if tijdsbudget_s is None else time.monotonic() + tijdsbudget_s
    uitkomst = optimaliseer(invoer.vraag, invoer.kandidaten, eisen, deadline=deadline)
    curve = (
        afweging(invoer.vraag, invoer.kandidaten, eisen, deadline=deadline)
        if met_afweging and uitkomst.status != "onhaalbaar"
        else []
    )
    return {
        "invoer": invoer.als_dict(),
        "eisen": asdict(eisen),
        "uitkomst": uitkomst.als_dict(),
        "afweging": curve,
    }


def gekozen_tabel(resultaat: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per candidate of a stored result: location source, capacity, cost per client, whether
    it is contracted, and the clients it gets (sum over gemeenten), largest first."""
    uitkomst = resultaat["uitkomst"]
    gekozen = set(uitkomst.get("gekozen", []))
    krijgt: dict[str, float] = {}
    for s in uitkomst.get("toewijzing", []):
        krijgt[s["aanbieder"]] = krijgt.get(s["aanbieder"], 0.0) + float(s["clienten"])
    rijen = [
        {
            "aanbieder": k["code"],
            "naam": k["naam"],
            "gecontracteerd": k["code"] in gekozen,
            "clienten": round(krijgt.get(k["code"], 0.0), 1),
            "capaciteit": k["capaciteit"],
            "kosten_per_client": k["kosten_per_client"],
            "ligging": k.get("ligging", ""),
        }
        for k in resultaat["invoer"]["kandidaten"]
    ]
    return sorted(rijen, key=lambda r: (not r["gecontracteerd"], -r["clienten"], r["aanbieder"]))


def gemeentetabel(resultaat: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per gemeente of a stored result: clients in the base year, expected demand, and the
    contracted aanbieders that serve it."""
    bedient: dict[str, set[str]] = {}
    for s in resultaat["uitkomst"].get("toewijzing", []):
        bedient.setdefault(s["gemeente"], set()).add(s["aanbieder"])
    return [
        {
            "gemeente": g["code"],
            "naam": g["naam"],
            "clienten_basisjaar": g.get("clienten_basisjaar", 0),
            "vraag": g["vraag"],
            "aanbieders": len(bedient.get(g["code"], ())),
        }
        for g in resultaat["invoer"]["gemeenten"]
    ]
