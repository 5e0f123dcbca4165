"""The toekomstplan and the 18-/18+ rule over cohort(Y) of the transition analysis
(docs/definities.md § 15; tested by hand in tests/analysis/test_toekomstplan.py).

Per cohort member (youths turning 18 in Y with jeugdhulp in the year before):

``dag_17_5``
    the day the youth turns 17½: six calendar months after the 17th birthday (the 17th
    birthday as in the transition, 29 February -> 1 March; a day that does not exist in
    the month becomes its last day, e.g. 31 August -> 28/29 February).
``met_toekomstplan_17_5``
    a plan with ``datum_plan`` on or before ``dag_17_5``.
``overdracht_16_5``
    a handover to adult support started (``datum_overdracht_gestart``) at least 1.5 years
    before 18: on or before ``dag_16_5``, six months after the 16th birthday
    (Contractstandaard art. 1.7).
``met_toekomstplan``
    any plan at all, whatever its date (a late plan is still a plan).
``alle_levensdomeinen`` / ``alle_big5``
    the plans dated on or before 17½ together name all seven life domains / cover all
    five Big 5 pillars (a life domain covers its pillar, see passend.domain.toekomstplan).

A plan belongs to the youth through the pseudonym of the BSN, whichever gemeente registered
it. Per aanbieder: every Jeugd aanbieder with a levering active in the year before 18 (the
window of the cohort); a youth with two aanbieders counts for both. The outcome of the
transition (verlengde jeugdhulp, naar Wmo, warme overdracht, zonder vervolg) is split by
``met_toekomstplan_17_5``.
"""

from __future__ import annotations

from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.sql import bereid, rijen
from passend.analysis.transitie import COHORT_SQL
from passend.domain.toekomstplan import BIG5, LEVENSDOMEINEN, PIJLER_VAN

_PIJLER = (
    "CASE d " + " ".join(f"WHEN '{d}' THEN '{p}'" for d, p in PIJLER_VAN.items()) + " ELSE d END"
)
_LEVEN = "[" + ", ".join(f"'{d}'" for d in LEVENSDOMEINEN) + "]"
_BIG5 = "[" + ", ".join(f"'{p}'" for p in BIG5) + "]"

_PLANNEN = f"""
{COHORT_SQL},
leden AS (
    SELECT g.*, c.pseudoniem, c.geboortedatum,
           CAST(verjaardag(c.geboortedatum, 17) + INTERVAL 6 MONTH AS DATE) AS dag_17_5,
           CAST(verjaardag(c.geboortedatum, 16) + INTERVAL 6 MONTH AS DATE) AS dag_16_5
    FROM gevallen g JOIN client c USING (client_id)
),
planfeiten AS (
    SELECT m.client_id, min(p.datum_plan) AS eerste_plan,
           min(p.datum_overdracht_gestart) AS eerste_overdracht,
           string_agg(p.domeinen, ',') FILTER (WHERE p.datum_plan <= m.dag_17_5) AS tijdig
    FROM leden m JOIN toekomstplan p ON p.pseudoniem = m.pseudoniem
    GROUP BY m.client_id
),
plannen AS (
    SELECT m.*, f.eerste_plan, f.eerste_overdracht,
           f.eerste_plan IS NOT NULL AS met_toekomstplan,
           coalesce(f.eerste_plan <= m.dag_17_5, false) AS met_toekomstplan_17_5,
           coalesce(f.eerste_overdracht <= m.dag_16_5, false) AS overdracht_16_5,
           list_sort(list_distinct(list_filter(
               string_split(coalesce(f.tijdig, ''), ','), lambda d: d <> ''))) AS domeinen
    FROM leden m LEFT JOIN planfeiten f USING (client_id)
),
tp AS (
    SELECT *, list_has_all(domeinen, {_LEVEN}) AS alle_levensdomeinen,
           list_has_all(list_transform(domeinen, lambda d: {_PIJLER}), {_BIG5}) AS alle_big5
    FROM plannen
)
"""

_TELLINGEN = """
    count(*) AS cohort,
    count(*) FILTER (WHERE met_toekomstplan) AS met_toekomstplan,
    count(*) FILTER (WHERE met_toekomstplan_17_5) AS met_toekomstplan_17_5,
    count(*) FILTER (WHERE overdracht_16_5) AS overdracht_16_5,
    count(*) FILTER (WHERE met_toekomstplan_17_5 AND alle_levensdomeinen)
        AS alle_levensdomeinen,
    count(*) FILTER (WHERE met_toekomstplan_17_5 AND alle_big5) AS alle_big5
"""


def _met_aandelen(rij: dict[str, Any]) -> dict[str, Any]:
    cohort, tijdig = rij["cohort"], rij["met_toekomstplan_17_5"]
    rij["aandeel_17_5"] = tijdig / cohort if cohort else None
    rij["aandeel_overdracht_16_5"] = rij["overdracht_16_5"] / cohort if cohort else None
    rij["aandeel_alle_levensdomeinen"] = rij["alle_levensdomeinen"] / tijdig if tijdig else None
    return rij


def _vraag(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, select: str, kolom: str = "gemeente"
) -> list[dict[str, Any]]:
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql(kolom)
    return rijen(con, f"WITH {_PLANNEN} {select.format(waar=waar)}", {"jaar": jaar, **params})


def toekomstplan_samenvatting(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """One row: the cohort and how many met each rule (module doc), with the shares."""
    uit = _vraag(
        con, jaar, gebied, f"SELECT $jaar AS jaar, {_TELLINGEN} FROM tp WHERE true {{waar}}"
    )
    return [_met_aandelen(r) for r in uit]


def toekomstplan_per_gemeente(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """The summary per gemeente of the cohort member (a partition of the cohort)."""
    select = f"""SELECT $jaar AS jaar, t.gemeente, coalesce(g.naam, '') AS naam, {_TELLINGEN}
        FROM tp t LEFT JOIN gemeente g ON g.gemeente = t.gemeente
        WHERE true {{waar}} GROUP BY ALL ORDER BY t.gemeente"""
    return [_met_aandelen(r) for r in _vraag(con, jaar, gebied, select, "t.gemeente")]


def toekomstplan_per_aanbieder(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """The summary per Jeugd aanbieder of the youth at 17 (a youth can count for several)."""
    select = f"""SELECT $jaar AS jaar, l.aanbieder, coalesce(a.naam, '') AS naam, {_TELLINGEN}
        FROM (SELECT DISTINCT t.*, l.aanbieder FROM tp t
              JOIN _lev l ON l.client_id = t.client_id AND l.domein = 'jeugd'
                  AND l.begindatum <= t.verjaardag_18 - 1 AND l.tot >= t.verjaardag_18 - 365
              WHERE true {{waar}}) l
        LEFT JOIN aanbieder a ON a.aanbieder = l.aanbieder
        GROUP BY ALL ORDER BY l.aanbieder"""
    return [_met_aandelen(r) for r in _vraag(con, jaar, gebied, select, "t.gemeente")]


def toekomstplan_per_uitkomst(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """The transition outcome of the cohort, with and without a plan by 17½: rows
    ``tijdig_plan`` 'ja' and 'nee' (both always present)."""
    select = """SELECT met_toekomstplan_17_5 AS tijdig, count(*) AS cohort,
            count(*) FILTER (WHERE uitkomst = 'verlengde_jeugdhulp') AS verlengde_jeugdhulp,
            count(*) FILTER (WHERE uitkomst = 'naar_wmo') AS naar_wmo,
            count(*) FILTER (WHERE warme_overdracht) AS warme_overdracht,
            count(*) FILTER (WHERE uitkomst = 'zonder_vervolg') AS zonder_vervolg
        FROM tp WHERE true {waar} GROUP BY ALL"""
    gevonden = {r.pop("tijdig"): r for r in _vraag(con, jaar, gebied, select)}
    leeg = dict.fromkeys(
        ("cohort", "verlengde_jeugdhulp", "naar_wmo", "warme_overdracht", "zonder_vervolg"), 0
    )
    uit = []
    for tijdig, code in ((True, "ja"), (False, "nee")):
        rij = {"jaar": jaar, "tijdig_plan": code, **gevonden.get(tijdig, leeg)}
        rij["aandeel_zonder_vervolg"] = (
            rij["zonder_vervolg"] / rij["cohort"] if rij["cohort"] else None
        )
        uit.append(rij)
    return uit


def toekomstplan_per_domein(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """Of the youths with a plan by 17½ (``noemer``), how many plans name each life domain
    and cover each Big 5 pillar."""
    select = f"""SELECT list_transform(domeinen, lambda d: {_PIJLER}) AS pijlers, domeinen
        FROM tp WHERE met_toekomstplan_17_5 {{waar}}"""
    leden = _vraag(con, jaar, gebied, select)
    uit = []
    for soort, lijst, veld in (
        ("levensdomein", LEVENSDOMEINEN, "domeinen"),
        ("big5", BIG5, "pijlers"),
    ):
        for code, (naam, _en) in lijst.items():
            aantal = sum(1 for r in leden if code in (r[veld] or []))
            uit.append(
                {
                    "jaar": jaar,
                    "soort": soort,
                    "domein": code,
                    "naam": naam,
                    "noemer": len(leden),
                    "plannen": aantal,
                    "aandeel": aantal / len(leden) if leden else None,
                }
            )
    return uit


def toekomstplan_gevallen(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """Pseudonymous cohort members with their plan facts (authorised client-level use only),
    those without a timely plan first, with their Jeugd aanbieders at 17."""
    select = """SELECT t.pseudoniem, t.gemeente, t.verjaardag_18, t.dag_17_5, t.eerste_plan,
            t.met_toekomstplan_17_5, t.dag_16_5, t.eerste_overdracht, t.overdracht_16_5,
            array_to_string(t.domeinen, ', ') AS domeinen, t.uitkomst,
            (SELECT string_agg(DISTINCT l.aanbieder, ', ' ORDER BY l.aanbieder) FROM _lev l
             WHERE l.client_id = t.client_id AND l.domein = 'jeugd'
               AND l.begindatum <= t.verjaardag_18 - 1
               AND l.tot >= t.verjaardag_18 - 365) AS aanbieders_17
        FROM tp t WHERE true {waar}
        ORDER BY t.met_toekomstplan_17_5, t.gemeente, t.pseudoniem"""
    return _vraag(con, jaar, gebied, select, "t.gemeente")


def toekomstplan_aandeel(con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied) -> float | None:
    """The share of cohort `jaar` with a toekomstplan by 17½: the ambitions indicator. None
    for an empty cohort, and while no plan is registered at all (a region without a register
    has no figure, not 0%)."""
    if not con.execute("SELECT count(*) FROM toekomstplan").fetchall()[0][0]:
        return None
    aandeel = toekomstplan_samenvatting(con, jaar, gebied)[0]["aandeel_17_5"]
    return None if aandeel is None else float(aandeel)
