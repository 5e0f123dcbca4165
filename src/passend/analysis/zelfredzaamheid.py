"""Outcomes per life domain: the change in self-reliance between the first and the last
score of the zelfredzaamheidsmatrix (docs/definities.md § 17; tested by hand in
tests/analysis/test_zelfredzaamheid.py).

Over the ZRM scores registered by a gemeente of the area, dated on or before 31 December Y:

``traject``
    a client and a domain (per aanbieder: a client, a domain and the aanbieder that
    measured, so a provider is judged on its own measurements). Several scores of one
    client on one date (two measurers) count as one: the lowest. The first measurement is
    the earliest date, the last the latest; a traject counts for year Y when it has at
    least two dates and the last lies in Y.
``gemeten``
    the trajecten that count. ``eerste_gemiddeld``, ``laatste_gemiddeld`` and
    ``verschil_gemiddeld`` are the mean first score, last score and last − first.
``verbeterd`` / ``gelijk`` / ``verslechterd``
    the last score higher than, equal to, lower than the first: together ``gemeten``.
``zelfredzaam_eerste`` / ``zelfredzaam_laatste``
    first / last score 4 or 5 (voldoende or volledig zelfredzaam).
``cohortjaar``
    the year the client turns 18 (as in the transition analysis; NULL for a client not in
    the care data). Every traject has one cohort, so per domain the cohorts add up.
``segment``
    every segment of a levering of the client that runs on the date of the first
    measurement (the care the support started from); a client with two counts for both,
    one without is in segment '' (geen levering).
``verdeling``
    per domain and half-year of Y-2 .. Y: the clients measured in it, by their last score
    in that half-year (the lowest of that date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.sql import bereid, rijen
from passend.domain.zrm import SCORES, ZELFREDZAAM_VANAF, ZRM_DOMEINEN, ZRM_PIJLER

#: The group columns of each table of trajecten.
PER = {
    "domein": ("zrm_domein",),
    "aanbieder": ("aanbieder", "zrm_domein"),
    "segment": ("segment", "zrm_domein"),
    "cohort": ("cohortjaar", "zrm_domein"),
}
GEEN_LEVERING = "Geen levering bij de eerste meting"
TELLINGEN = (
    "gemeten",
    "verbeterd",
    "gelijk",
    "verslechterd",
    "zelfredzaam_eerste",
    "zelfredzaam_laatste",
)

_METINGEN = """
metingen AS (
    SELECT z.pseudoniem, z.domein, z.datum, {meter} AS meter, min(z.score) AS score
    FROM zrm z WHERE z.datum <= $tot {waar} {alleen}
    GROUP BY ALL
),
trajecten AS (
    SELECT pseudoniem, domein, meter,
           arg_min(score, datum) AS eerste, min(datum) AS eerste_datum,
           arg_max(score, datum) AS laatste, max(datum) AS laatste_datum
    FROM metingen GROUP BY ALL
    HAVING count(*) >= 2 AND max(datum) >= $van
)"""

_CIJFERS = f"""
    count(*) AS gemeten,
    avg(eerste) AS eerste_gemiddeld,
    avg(laatste) AS laatste_gemiddeld,
    avg(laatste - eerste) AS verschil_gemiddeld,
    count(*) FILTER (WHERE laatste > eerste) AS verbeterd,
    count(*) FILTER (WHERE laatste = eerste) AS gelijk,
    count(*) FILTER (WHERE laatste < eerste) AS verslechterd,
    count(*) FILTER (WHERE eerste >= {ZELFREDZAAM_VANAF}) AS zelfredzaam_eerste,
    count(*) FILTER (WHERE laatste >= {ZELFREDZAAM_VANAF}) AS zelfredzaam_laatste
"""

_GROEPEN = {
    "domein": "SELECT domein AS zrm_domein, {cijfers} FROM trajecten GROUP BY ALL",
    "aanbieder": """SELECT meter AS aanbieder, domein AS zrm_domein, {cijfers}
        FROM trajecten GROUP BY ALL""",
    "cohort": """SELECT year(verjaardag(c.geboortedatum, 18)) AS cohortjaar, t.domein AS zrm_domein,
            {cijfers}
        FROM trajecten t LEFT JOIN client c ON c.pseudoniem = t.pseudoniem GROUP BY ALL""",
    "segment": """SELECT coalesce(s.segment, '') AS segment,
            coalesce(s.segmentnaam, $geen) AS segmentnaam, t.domein AS zrm_domein,
            {cijfers}
        FROM trajecten t LEFT JOIN (
            SELECT DISTINCT t.pseudoniem, t.domein, l.segment, l.segmentnaam
            FROM trajecten t JOIN client c ON c.pseudoniem = t.pseudoniem
            JOIN _lev l ON l.client_id = c.client_id
                AND l.begindatum <= t.eerste_datum AND l.tot >= t.eerste_datum
        ) s USING (pseudoniem, domein)
        GROUP BY ALL""",
}


def _volgorde(domein: str) -> int:
    return list(ZRM_DOMEINEN).index(domein) if domein in ZRM_DOMEINEN else len(ZRM_DOMEINEN)


def _deel(teller: int, noemer: int) -> float | None:
    return round(teller / noemer, 4) if noemer else None


def _afgeleid(rij: dict[str, Any], jaar: int) -> dict[str, Any]:
    uit: dict[str, Any] = {"jaar": jaar, **rij}
    if "zrm_domein" in uit:
        uit["pijler"] = ZRM_PIJLER.get(uit["zrm_domein"], "")
    for k in TELLINGEN:
        uit[k] = int(uit.get(k) or 0)
    for k in ("eerste_gemiddeld", "laatste_gemiddeld", "verschil_gemiddeld"):
        uit[k] = None if uit.get(k) is None else round(float(uit[k]), 2)
    uit["aandeel_verbeterd"] = _deel(uit["verbeterd"], uit["gemeten"])
    uit["aandeel_zelfredzaam_eerste"] = _deel(uit["zelfredzaam_eerste"], uit["gemeten"])
    uit["aandeel_zelfredzaam_laatste"] = _deel(uit["zelfredzaam_laatste"], uit["gemeten"])
    return uit


def zrm_samenvatting(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """One row: every traject (client × domain) of year `jaar` together, with the figures of
    the module doc; the domains of :func:`zelfredzaamheid` partition it."""
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("z.gemeente")
    metingen = _METINGEN.format(waar=waar, meter="''", alleen="")
    sql = f"WITH {metingen} SELECT {_CIJFERS} FROM trajecten"
    uit = rijen(con, sql, {**params, "van": date(jaar, 1, 1), "tot": date(jaar, 12, 31)})
    return [_afgeleid(r, jaar) for r in uit]


def zelfredzaamheid(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, per: str = "domein"
) -> list[dict[str, Any]]:
    """The trajecten of year `jaar` (module doc) grouped by `per` (a key of :data:`PER`):
    one row per group and domain, in the order of the ZRM domains."""
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("z.gemeente")
    per_aanbieder = per == "aanbieder"
    metingen = _METINGEN.format(
        waar=waar,
        meter="z.aanbieder" if per_aanbieder else "''",
        alleen="AND z.aanbieder IS NOT NULL" if per_aanbieder else "",
    )
    sql = f"WITH {metingen} {_GROEPEN[per].format(cijfers=_CIJFERS)}"
    waarden = {**params, "van": date(jaar, 1, 1), "tot": date(jaar, 12, 31)}
    if per == "segment":
        waarden["geen"] = GEEN_LEVERING
    uit = [_afgeleid(r, jaar) for r in rijen(con, sql, waarden)]
    if per == "domein":
        gevonden = {r["zrm_domein"] for r in uit}
        uit += [_afgeleid({"zrm_domein": d}, jaar) for d in ZRM_DOMEINEN if d not in gevonden]
    if per_aanbieder:
        namen = dict(con.execute("SELECT aanbieder, naam FROM aanbieder").fetchall())
        for r in uit:
            r["naam"] = namen.get(r["aanbieder"]) or ""
    sleutels = [k for k in PER[per] if k != "zrm_domein"]
    uit.sort(key=lambda r: (*(_sorteerbaar(r[k]) for k in sleutels), _volgorde(r["zrm_domein"])))
    return uit


def _sorteerbaar(waarde: Any) -> tuple[bool, Any]:
    return (waarde is None, waarde if waarde is not None else 0)


def _halfjaren(jaar: int) -> list[tuple[str, date, date]]:
    uit = []
    for j in range(jaar - 2, jaar + 1):
        uit.append((f"{j} JH-1", date(j, 1, 1), date(j, 6, 30)))
        uit.append((f"{j} JH-2", date(j, 7, 1), date(j, 12, 31)))
    return uit


def zrm_verdeling(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied
) -> list[dict[str, Any]]:
    """Per domain and half-year of `jaar`-2 .. `jaar` (``periode`` '2024 JH-1', '2024 JH-2'): the
    clients measured (``gemeten``) and how many had each score as their last in it
    (``score_1`` .. ``score_5``). A domain or half-year without scores has no row."""
    waar, params = gebied.sql("z.gemeente")
    perioden = _halfjaren(jaar)
    takken = " ".join(f"WHEN z.datum <= DATE '{tot}' THEN '{naam}'" for naam, _van, tot in perioden)
    scores = ", ".join(f"count(*) FILTER (WHERE score = {s}) AS score_{s}" for s in SCORES)
    sql = f"""
        WITH per_dag AS (
            SELECT z.pseudoniem, z.domein, z.datum, CASE {takken} END AS periode,
                   min(z.score) AS score
            FROM zrm z WHERE z.datum BETWEEN $van AND $tot {waar} GROUP BY ALL
        ), laatste AS (
            SELECT domein, periode, arg_max(score, datum) AS score
            FROM per_dag GROUP BY pseudoniem, domein, periode
        )
        SELECT domein AS zrm_domein, periode, count(*) AS gemeten, {scores}
        FROM laatste GROUP BY ALL"""
    waarden = {**params, "van": perioden[0][1], "tot": perioden[-1][2]}
    uit = [{"jaar": jaar, **r} for r in rijen(con, sql, waarden)]
    uit.sort(key=lambda r: (_volgorde(r["zrm_domein"]), r["periode"]))
    return uit


__all__ = [
    "GEEN_LEVERING",
    "PER",
    "TELLINGEN",
    "zelfredzaamheid",
    "zrm_samenvatting",
    "zrm_verdeling",
]
