"""Build the scenario engine's input (:class:`ScenarioInvoer`) and the guidance figures
(:class:`Segmentkenmerken`) from an analysis connection.

The connection is any DuckDB connection with the relations of
:mod:`passend.analysis.relaties` (``client``, ``toewijzing``, ``levering``, ``prestatie``,
``aanbieder``, ``gemeente``, ``bevolking``). Market and transition figures come from the
analysis functions (:func:`~passend.analysis.markt.markt_segmenten`,
:func:`~passend.analysis.transitie.transitie_per`,
:func:`~passend.analysis.transitie.wmo_instroom`);
the flows per segment and age are computed here over the analyses' prepared ``_lev`` relation
(leveringen with their segment, made by ``passend.analysis.sql.bereid``), so the segment of a
levering is the same everywhere.

Definitions (also in ``docs/strategie.md``):

* **In care in year y**: a levering of the segment is active on a day of y; **age** is the age
  on 1 January of y (the population's reference date).
* **Observed years**: from the first year with a prestatie up to the base year.
* **New** (instroom) in y: in care in the segment in y but not in y - 1 (y not the first
  observed year); **continued** (vervolg): in care in y and again in y + 1 (y + 1 observed).
* **Incidence** λ[s, a] = new clients of age a / inhabitants of age a, summed over the years.
* **Cost per client** = the segment's spend in the base year / clients in care in the base
  year; its spread (cv) from the markt figures' median and p90 (a log-normal fit).
* **Base year**: the last complete calendar year of the data.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import duckdb
import numpy as np

from passend.analysis.gebied import Gebied
from passend.analysis.markt import markt_aanbieders, markt_segmenten
from passend.analysis.relaties import peildatum
from passend.analysis.segmentatie import NIET_INGEDEELD, Segmentatie
from passend.analysis.sql import bereid, rijen
from passend.analysis.transitie import transitie_per, wmo_instroom
from passend.strategy.richtlijnen import Segmentkenmerken
from passend.strategy.scenario import (
    LEEFTIJDEN,
    ScenarioInvoer,
    SegmentInfo,
    projecteer_bevolking,
)

Z90 = 1.2815515655446004  # standard normal 90th percentile


def basisjaar_van(con: duckdb.DuckDBPyConnection) -> int:
    """The last complete calendar year of the data."""
    peil = peildatum(con)
    if peil is None:
        raise ValueError("De verbinding bevat geen zorggegevens.")
    return peil.year if peil >= date(peil.year, 12, 31) else peil.year - 1


def _eerste_jaar(con: duckdb.DuckDBPyConnection, basisjaar: int) -> int:
    rij = con.execute("SELECT min(year(periode_begin)) FROM prestatie").fetchone()
    eerste = rij[0] if rij and rij[0] is not None else basisjaar
    return min(eerste, basisjaar)


_ZORG = """
WITH jaren AS (SELECT range::INTEGER AS jaar FROM range($van, $tot + 1)),
act AS (
    SELECT DISTINCT j.jaar, l.segment, l.client_id
    FROM _lev l JOIN jaren j
      ON l.begindatum <= make_date(j.jaar, 12, 31) AND l.tot >= make_date(j.jaar, 1, 1)
    WHERE true {waar}
),
met AS (
    SELECT a.jaar, a.segment, a.client_id,
           leeftijd_op(c.geboortedatum, make_date(a.jaar, 1, 1)) AS leeftijd,
           coalesce(lag(a.jaar) OVER w = a.jaar - 1, false) AS vorig,
           coalesce(lead(a.jaar) OVER w = a.jaar + 1, false) AS volgend
    FROM act a JOIN client c USING (client_id)
    WHERE c.geboortedatum IS NOT NULL
    WINDOW w AS (PARTITION BY a.client_id, a.segment ORDER BY a.jaar)
)
SELECT jaar, segment, leeftijd, count(*) AS in_zorg,
       count(*) FILTER (WHERE NOT vorig) AS nieuw,
       count(*) FILTER (WHERE volgend) AS vervolg
FROM met WHERE leeftijd BETWEEN 0 AND {max_leeftijd}
GROUP BY ALL
"""


def _zorgstromen(
    con: duckdb.DuckDBPyConnection, van: int, tot: int, gebied: Gebied
) -> list[dict[str, Any]]:
    waar, params = gebied.sql("l.gemeente")
    sql = _ZORG.format(waar=waar, max_leeftijd=LEEFTIJDEN - 1)
    return rijen(con, sql, {"van": van, "tot": tot, **params})


def _bevolking(con: duckdb.DuckDBPyConnection, gebied: Gebied) -> dict[int, np.ndarray]:
    """Inhabitants by age per year of the area (the gemeenten with care when no area)."""
    waar, params = gebied.sql("gemeente")
    if gebied.gemeente is None and gebied.regio is None:
        waar = " AND gemeente IN (SELECT DISTINCT gemeente FROM levering)"
    uit: dict[int, np.ndarray] = {}
    for rij in rijen(
        con,
        f"""SELECT jaar, leeftijd, sum(aantal) AS aantal FROM bevolking
            WHERE leeftijd BETWEEN 0 AND {LEEFTIJDEN - 1} {waar} GROUP BY ALL""",
        params,
    ):
        uit.setdefault(rij["jaar"], np.zeros(LEEFTIJDEN))[rij["leeftijd"]] = rij["aantal"]
    return uit


def _bevolking_in(bevolking: dict[int, np.ndarray], jaar: int) -> np.ndarray:
    """The population of `jaar`, or of the nearest year with data."""
    if not bevolking:
        raise ValueError("Geen bevolkingscijfers voor dit gebied: de prognose kan niet.")
    dichtst = min(bevolking, key=lambda j: (abs(j - jaar), -j))
    return bevolking[dichtst]


def _segmenten(seg: Segmentatie, codes: set[str]) -> tuple[SegmentInfo, ...]:
    """Segments of the model that occur in the data, in model order (niet ingedeeld last)."""
    uit = [SegmentInfo(s.code, s.naam, s.domein, s.apart) for s in seg.segmenten if s.code in codes]
    if NIET_INGEDEELD.code in codes:
        uit.append(SegmentInfo(NIET_INGEDEELD.code, NIET_INGEDEELD.naam, "jeugd", True))
    return tuple(uit)


def _cv(rij: dict[str, Any] | None) -> float:
    """Coefficient of variation of the cost per client from a log-normal fit of median/p90."""
    if (
        not rij
        or not rij.get("kosten_per_client_mediaan_cent")
        or not rij.get("kosten_per_client_p90_cent")
    ):
        return 1.0
    ratio = rij["kosten_per_client_p90_cent"] / rij["kosten_per_client_mediaan_cent"]
    sigma = math.log(ratio) / Z90 if ratio > 1 else 0.0
    return math.sqrt(math.expm1(sigma * sigma)) or 0.1


def bouw_invoer(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    *,
    basisjaar: int | None = None,
    horizon: int = 5,
) -> ScenarioInvoer:
    """The engine input for one area (all data, a gemeente or a jeugdregio) and its model."""
    seg = gebied.segmentatie
    bereid(con, seg)
    basis = basisjaar or basisjaar_van(con)
    eerste = _eerste_jaar(con, basis)
    stromen = [r for r in _zorgstromen(con, eerste, basis, gebied)]
    segmenten = _segmenten(seg, {r["segment"] for r in stromen})
    if not segmenten:
        raise ValueError("Geen zorg met een geboortedatum in dit gebied en deze jaren.")
    bevolking = _bevolking(con, gebied)
    historie = np.stack([_bevolking_in(bevolking, j) for j in range(eerste, basis + 1)])
    velden = _tel(stromen, segmenten, eerste, basis, bevolking)
    markt = {r["segment"]: r for r in markt_segmenten(con, basis, gebied)}
    kosten, cv, n = _kosten(segmenten, markt, velden["start"])
    naar_wmo, cohort = _transitie(con, gebied, segmenten, eerste, basis)
    return ScenarioInvoer(
        basisjaar=basis,
        jaren=tuple(range(basis + 1, basis + horizon + 1)),
        segmenten=segmenten,
        gebieden=(gebied.sleutel or "alle gemeenten",),
        bevolking=projecteer_bevolking(historie, horizon)[:, None, :],
        kosten_per_client=kosten[None],
        kosten_cv=cv[None],
        kosten_n=n[None],
        naar_wmo=naar_wmo[None],
        cohort=cohort[None],
        wmo_gewicht=_wmo_gewicht(con, gebied, segmenten, velden["start"])[None],
        aanbieders=_aanbieders(con, gebied, segmenten, basis),
        regio=gebied.regio or gebied.gemeente or "",
        bron=f"Zorggegevens {eerste}-{basis}, segmentmodel '{seg.naam}'",
        **{k: v[None] for k, v in velden.items()},
    )


def _tel(
    stromen: list[dict[str, Any]],
    segmenten: tuple[SegmentInfo, ...],
    eerste: int,
    basis: int,
    bevolking: dict[int, np.ndarray],
) -> dict[str, np.ndarray]:
    """Count arrays (S, A): start, instroom, blootstelling, vervolg, risico."""
    plek = {s.code: i for i, s in enumerate(segmenten)}
    vorm = (len(segmenten), LEEFTIJDEN)
    uit = {k: np.zeros(vorm) for k in ("start", "instroom", "vervolg", "risico")}
    for r in stromen:
        s, a = plek[r["segment"]], r["leeftijd"]
        if r["jaar"] == basis:
            uit["start"][s, a] += r["in_zorg"]
        if r["jaar"] > eerste:
            uit["instroom"][s, a] += r["nieuw"]
        if r["jaar"] < basis:
            uit["vervolg"][s, a] += r["vervolg"]
            uit["risico"][s, a] += r["in_zorg"]
    jaren = range(eerste + 1, basis + 1) if basis > eerste else range(basis, basis + 1)
    blootstelling = sum(_bevolking_in(bevolking, j) for j in jaren)
    uit["blootstelling"] = np.broadcast_to(blootstelling, vorm).copy()
    if basis == eerste:  # one year only: everybody in care counts as new, nothing continues
        uit["instroom"] = uit["start"].copy()
    return uit


def _kosten(
    segmenten: tuple[SegmentInfo, ...], markt: dict[str, dict[str, Any]], start: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cost per client-year (euro), its cv, and the clients behind it, per segment."""
    kosten, cv, n = (np.zeros(len(segmenten)) for _ in range(3))
    for i, s in enumerate(segmenten):
        rij = markt.get(s.code)
        clienten = start[i].sum()
        if rij and rij["bedrag_cent"] > 0 and clienten > 0:
            kosten[i] = rij["bedrag_cent"] / 100 / clienten
            cv[i], n[i] = _cv(rij), clienten
        elif rij and rij.get("kosten_per_client_gemiddeld_cent"):
            kosten[i] = rij["kosten_per_client_gemiddeld_cent"] / 100
            cv[i], n[i] = _cv(rij), rij["clienten"]
    return kosten, cv, n


def _transitie(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    segmenten: tuple[SegmentInfo, ...],
    eerste: int,
    basis: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Cohort members per segment at 17 and how many went to the Wmo, over the cohorts with
    at least a year of follow-up (those of the base year are still incomplete)."""
    plek = {s.code: i for i, s in enumerate(segmenten)}
    naar_wmo, cohort = np.zeros(len(segmenten)), np.zeros(len(segmenten))
    for jaar in range(eerste, max(eerste, basis - 1) + 1):
        for rij in transitie_per(con, jaar, "segment", gebied):
            i = plek.get(rij["segment"])
            if i is not None:
                naar_wmo[i] += rij["naar_wmo"]
                cohort[i] += rij["cohort"]
    return naar_wmo, cohort


def _wmo_gewicht(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    segmenten: tuple[SegmentInfo, ...],
    start: np.ndarray,
) -> np.ndarray:
    """How the Wmo inflow from Jeugd spreads over the Wmo segments: by the categories in which
    youths from jeugdhulp started Wmo support; by the Wmo clients when there are none."""
    plek = {s.code: i for i, s in enumerate(segmenten)}
    gewicht = np.zeros(len(segmenten))
    seg = gebied.segmentatie
    for rij in wmo_instroom(con, None, gebied):
        if rij["productcategorie"] == "totaal":
            continue
        i = plek.get(seg.segment_van("wmo", rij["productcategorie"], None))
        if i is not None and segmenten[i].domein == "wmo":
            gewicht[i] += rij["uit_jeugdhulp"]
    if gewicht.sum() == 0:
        wmo = np.array([s.domein == "wmo" for s in segmenten])
        gewicht = np.where(wmo, start.sum(axis=1), 0.0)
    return gewicht / gewicht.sum() if gewicht.sum() > 0 else gewicht


def _aanbieders(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    segmenten: tuple[SegmentInfo, ...],
    basis: int,
) -> np.ndarray:
    """Clients per aanbieder per segment in the base year, (1, S, J) padded with zeros."""
    per: dict[str, list[int]] = {}
    for rij in markt_aanbieders(con, basis, gebied):
        if rij["clienten"] > 0:
            per.setdefault(rij["segment"], []).append(rij["clienten"])
    breedte = max((len(v) for v in per.values()), default=1)
    uit = np.zeros((1, len(segmenten), breedte))
    for i, s in enumerate(segmenten):
        waarden = sorted(per.get(s.code, []), reverse=True)
        uit[0, i, : len(waarden)] = waarden
    return uit


# -- guidance figures ------------------------------------------------------------------------
_AGE_SQL = """
SELECT l.segment, count(DISTINCT l.client_id) AS clienten,
       count(DISTINCT l.client_id) FILTER (
           WHERE leeftijd_op(c.geboortedatum, make_date($jaar, 1, 1)) >= 16) AS vanaf_16,
       bool_or(l.met_verblijf) AS met_verblijf
FROM _lev l JOIN client c USING (client_id)
WHERE c.geboortedatum IS NOT NULL
  AND l.begindatum <= make_date($jaar, 12, 31) AND l.tot >= make_date($jaar, 1, 1) {waar}
GROUP BY l.segment
"""

_BESCHIKBAARHEID = {"46", "47", "48", "49"}  # crisis and jeugdbescherming (GI)


def segmentkenmerken(
    con: duckdb.DuckDBPyConnection, gebied: Gebied, jaar: int | None = None
) -> list[Segmentkenmerken]:
    """The figures the guidance rules read, per segment of the model (apart segments and
    'niet ingedeeld' excluded: they are not purchased by the region)."""
    seg = gebied.segmentatie
    bereid(con, seg)
    jaar = jaar or basisjaar_van(con)
    markt = {r["segment"]: r for r in markt_segmenten(con, jaar, gebied)}
    waar, params = gebied.sql("l.gemeente")
    leeftijd = {
        r["segment"]: r for r in rijen(con, _AGE_SQL.format(waar=waar), {"jaar": jaar, **params})
    }
    overgang = {r["segment"]: r for r in transitie_per(con, jaar, "segment", gebied)}
    kosten = [
        r["kosten_per_client_gemiddeld_cent"]
        for c, r in markt.items()
        if r["kosten_per_client_gemiddeld_cent"]
        and seg.segment(c).domein == "jeugd"
        and not seg.segment(c).apart
    ]
    mediaan = float(np.median(kosten)) if kosten else None
    return [
        _kenmerken(
            s, markt.get(s.code, {}), leeftijd.get(s.code, {}), overgang.get(s.code, {}), mediaan
        )
        for s in seg.segmenten
        if not s.apart and (s.code in markt or s.code in leeftijd)
    ]


def _kenmerken(
    s: Any,
    m: dict[str, Any],
    leeftijd: dict[str, Any],
    overgang: dict[str, Any],
    mediaan: float | None,
) -> Segmentkenmerken:
    kpc = m.get("kosten_per_client_gemiddeld_cent")
    clienten_lev = leeftijd.get("clienten") or 0
    cohort = overgang.get("cohort") or 0
    naam = s.naam.lower()
    return Segmentkenmerken(
        segment=s.code,
        segmentnaam=s.naam,
        domein=s.domein,
        clienten=m.get("clienten") or 0,
        bedrag_eur=(m.get("bedrag_cent") or 0) / 100,
        kosten_per_client_eur=kpc / 100 if kpc else None,
        complexiteit=kpc / mediaan if kpc and mediaan else None,
        aanbieders=m.get("aanbieders") or 0,
        hhi=m.get("hhi"),
        top3_aandeel=m.get("top3_aandeel"),
        groei_kosten_per_client=m.get("groei_kosten_per_client"),
        groei_clienten=m.get("groei_clienten"),
        duur_mediaan_dagen=m.get("duur_mediaan_dagen"),
        startwachttijd_mediaan_dagen=m.get("startwachttijd_mediaan_dagen"),
        aandeel_16_plus=(leeftijd.get("vanaf_16") or 0) / clienten_lev if clienten_lev else None,
        met_verblijf=bool(leeftijd.get("met_verblijf")),
        beschikbaarheidsfunctie=bool(set(s.categorieen) & _BESCHIKBAARHEID) and s.domein == "jeugd",
        schaal_hint="lokaal" if "lokaal" in naam else "regionaal" if "regionaal" in naam else None,
        cohort=cohort,
        zonder_vervolg_aandeel=overgang["zonder_vervolg"] / cohort if cohort else None,
        naar_wmo_aandeel=overgang["naar_wmo"] / cohort if cohort else None,
    )
