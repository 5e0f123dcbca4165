"""Benchmark of the analysis engine at national scale, on synthetic data.

Generates the relations of :mod:`passend.analysis.relaties` directly as Parquet (with DuckDB,
in chunks; no XML): the 342 gemeenten of ``laad_gemeenten()``, five years (2020-2024),
``--clients`` clients and ``--prestaties`` prestatie lines. Then, in a fresh process, takes
the user's path from the snapshot on: writes the analysis snapshot with the writer the end
of every import uses (``schrijf_analysebestand``: the relations and their prepared forms in
one DuckDB file), opens it read-only as ``DatabaseBron`` does, and runs the registered
reports ``transitie``, ``wmo-instroom`` and ``markt`` through ``rapport()``, measuring wall
time and peak memory (``ru_maxrss`` of that process). Each analysis is then set against a
hand-written DuckDB query of the same figures on the same snapshot, with the check that both
give equal results: the transition cohort (from the raw relations), the Wmo inflow 18-26 per
productcategorie and in total, and the market per segment (spend, clients, aanbieders, HHI,
cost per client, durations and growth; from the stored prestatie sums). Each side runs on a
fresh connection, alternating for ``--rondes`` rounds; the medians are compared. Prints one
JSON object.

    python benchmarks/analysis_bench.py --clients 2000000 --prestaties 30000000 --json
    python benchmarks/analysis_bench.py --klein --json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from passend.analysis import markt_segmenten, transitie, wmo_instroom
from passend.analysis.gebied import Gebied
from passend.analysis.rapport import Verzoek, rapport
from passend.analysis.relaties import RELATIES
from passend.analysis.segmentatie import Segmentatie
from passend.analysis.sql import macros
from passend.bronnen.momentopname import open_analysebestand
from passend.reference.loader import laad_gemeenten

JAREN = range(2020, 2025)
JAAR = 2024
AANBIEDERS = 4000
CHUNK = 5_000_000

# Jeugd categories with weights (per 1000) and tarief in cent per unit; Wmo likewise.
JEUGD = [
    ("45", 400, 9000),
    ("54", 150, 11000),
    ("41", 80, 10000),
    ("44", 80, 22000),
    ("43", 50, 35000),
    ("46", 30, 36000),
    ("48", 60, 140000),
    ("51", 40, 90000),
    ("52", 40, 80000),
    ("40", 20, 7500),
    ("47", 20, 95000),
    ("50", 20, 10000),
    ("55", 10, 50000),
]
WMO = [("02", 550, 7000), ("07", 200, 6000), ("15", 120, 18000), ("01", 80, 3500), ("03", 50, 6500)]


def _gewogen(lijst: list[tuple[str, int, int]], alias: str) -> str:
    """VALUES with cumulative weight ranges [van, tot) for a join on a hash modulo 1000."""
    rijen, van = [], 0
    for code, gewicht, tarief in lijst:
        rijen.append(f"('{code}', {van}, {van + gewicht}, {tarief})")
        van += gewicht
    assert van == 1000, alias
    return f"(VALUES {', '.join(rijen)}) {alias}(categorie, van, tot, tarief)"


def _schrijf(con: duckdb.DuckDBPyConnection, sql: str, pad: Path) -> None:
    con.execute(f"COPY ({sql}) TO '{pad}' (FORMAT parquet, ROW_GROUP_SIZE 500000)")


def genereer(map_: Path, clients: int, prestaties: int) -> dict[str, Any]:
    """Write the synthetic relations as Parquet into `map_`; returns row counts and time."""
    start = time.perf_counter()
    map_.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    macros(con)
    gemeenten = laad_gemeenten()
    con.register(
        "g_arrow",
        pa.table(
            {
                "gemeente": [g.code for g in gemeenten],
                "naam": [g.naam for g in gemeenten],
                "jeugdregio": [g.jeugdregio for g in gemeenten],
            }
        ),
    )
    # A size per gemeente (skewed like real municipalities), used as weight for clients.
    con.execute("""CREATE TABLE gem AS SELECT *, row_number() OVER (ORDER BY gemeente) - 1 AS i,
                   CAST(2000 + (hash(gemeente) % 60000)
                        * CASE WHEN hash(gemeente || 'x') % 5 = 0 THEN 7 ELSE 1 END AS BIGINT)
                       AS gewicht FROM g_arrow""")
    con.execute("""CREATE TABLE gem_cum AS SELECT *, sum(gewicht) OVER (ORDER BY i) - gewicht
                   AS van, sum(gewicht) OVER (ORDER BY i) AS tot FROM gem""")
    totaal = con.execute("SELECT sum(gewicht) FROM gem").fetchone()[0]
    _schrijf(con, "SELECT gemeente, naam, jeugdregio FROM gem", map_ / "gemeente.parquet")
    _schrijf(
        con,
        f"""SELECT g.gemeente, CAST(j AS INTEGER) AS jaar, CAST(a AS INTEGER) AS leeftijd,
                CAST(g.gewicht * (CASE WHEN a < 18 THEN 0.20 ELSE 0.17 END) / 1.0 AS INTEGER)
                    AS aantal
                FROM gem g, range({JAREN[0]}, {JAREN[-1] + 2}) r(j), range(0, 28) s(a)""",
        map_ / "bevolking.parquet",
    )
    _schrijf(
        con,
        f"""SELECT printf('%08d', 20000000 + i) AS aanbieder,
                'Aanbieder ' || i AS naam FROM range({AANBIEDERS}) t(i)""",
        map_ / "aanbieder.parquet",
    )
    _clients(con, clients, totaal)
    _schrijf(
        con,
        "SELECT client_id, pseudoniem, geboortedatum, gemeente FROM cl",
        map_ / "client.parquet",
    )
    _leveringen(con)
    _schrijf(
        con,
        "SELECT domein, gemeente, aanbieder, client_id, toewijzingnummer, categorie, "
        "productcode, begindatum, einddatum, "
        "CASE WHEN einddatum IS NULL THEN NULL ELSE '31' END AS reden_beeindiging FROM lev",
        map_ / "levering.parquet",
    )
    _schrijf(con, _TOEWIJZING, map_ / "toewijzing.parquet")
    (map_ / "prestatie").mkdir(exist_ok=True)
    leveringen = con.execute("SELECT count(*) FROM lev").fetchone()[0]
    for deel, van in enumerate(range(0, prestaties, CHUNK)):
        tot = min(prestaties, van + CHUNK)
        _schrijf(
            con,
            _prestatie_sql(van, tot, leveringen),
            map_ / "prestatie" / f"deel{deel:03d}.parquet",
        )
    aantallen = {
        n: con.execute(f"SELECT count(*) FROM read_parquet('{_pad(map_, n)}')").fetchone()[0]
        for n in _aanwezig(map_)
    }
    con.close()
    return {"rijen": aantallen, "seconden": round(time.perf_counter() - start, 1)}


def _clients(con: duckdb.DuckDBPyConnection, clients: int, totaal: int) -> None:
    # Birth dates 1994-2024 (ages 0-27 somewhere in 2020-2024), youths more frequent.
    con.execute(f"""
        CREATE TABLE cl AS
        SELECT n AS client_id, md5(n::VARCHAR) || md5((n * 7)::VARCHAR) AS pseudoniem,
               DATE '1994-01-01' + CAST(CASE WHEN hash(n, 1) % 10 < 7
                    THEN 2922 + hash(n, 2) % 8400 ELSE hash(n, 2) % 11300 END AS INTEGER)
                   AS geboortedatum,
               g.gemeente
        FROM range({clients}) t(n)
        JOIN gem_cum g ON hash(n, 3) % {totaal} >= g.van AND hash(n, 3) % {totaal} < g.tot
    """)


def _leveringen(con: duckdb.DuckDBPyConnection) -> None:
    """Jeugd trajectories, a second one for half the youths, and Wmo around 18 or later."""
    con.execute(f"""
        CREATE TABLE lev AS
        WITH basis AS (
            SELECT c.*, verjaardag(c.geboortedatum, 18) AS b18, k
            FROM cl c, range(3) r(k)
        ),
        ruw AS (
            SELECT client_id, gemeente AS woon, k, b18, geboortedatum,
                   CASE WHEN k = 2 OR b18 < DATE '2019-06-01' THEN 'wmo' ELSE 'jeugd' END
                       AS domein,
                   CASE WHEN k = 2 THEN b18 - 300 + CAST(hash(client_id, 20) % 900 AS INTEGER)
                        ELSE greatest(geboortedatum + 200, DATE '2019-01-01')
                             + CAST(hash(client_id, 21, k) % 2000 AS INTEGER) END AS begindatum,
                   CAST(20 + hash(client_id, 22, k) % 700 AS INTEGER) AS duur,
                   hash(client_id, 23, k) % 1000 AS h
            FROM basis
            WHERE k = 0 OR (k = 1 AND hash(client_id, 24) % 2 = 0)
               OR (k = 2 AND hash(client_id, 25) % 100 < 35)
        )
        SELECT row_number() OVER () AS lev_id, r.client_id, r.domein,
               CASE WHEN r.h % 10 = 0 THEN gm.gemeente ELSE r.woon END AS gemeente,
               printf('%08d', 20000000 + hash(r.client_id, r.k, 26) % {AANBIEDERS}) AS aanbieder,
               row_number() OVER () + 100000 AS toewijzingnummer,
               coalesce(j.categorie, w.categorie) AS categorie,
               CASE WHEN coalesce(j.categorie, w.categorie) IN ('45', '50') AND r.h % 17 = 0
                    THEN 'OJ001' ELSE coalesce(j.categorie, w.categorie) || 'A01' END
                   AS productcode,
               coalesce(j.tarief, w.tarief) AS tarief,
               r.begindatum,
               CASE WHEN r.h % 9 = 0 THEN NULL
                    WHEN r.domein = 'jeugd' AND r.h % 5 < 3
                        THEN least(r.begindatum + r.duur, r.b18 - 1 - CAST(r.h % 40 AS INTEGER))
                    ELSE r.begindatum + r.duur END AS einddatum
        FROM ruw r
        LEFT JOIN {_gewogen(JEUGD, "j")} ON r.domein = 'jeugd' AND r.h >= j.van AND r.h < j.tot
        LEFT JOIN {_gewogen(WMO, "w")} ON r.domein = 'wmo' AND r.h >= w.van AND r.h < w.tot
        JOIN gem gm ON gm.i = hash(r.client_id, 27) % 342
        WHERE r.begindatum <= DATE '2024-12-31' AND r.begindatum >= DATE '2019-01-01'
    """)
    # A stop can never lie before the start.
    con.execute("UPDATE lev SET einddatum = begindatum WHERE einddatum < begindatum")


_TOEWIJZING = """
    SELECT domein, gemeente, aanbieder, client_id, toewijzingnummer, categorie, productcode,
           ingang - CAST(hash(lev_id, 31) % 21 AS INTEGER) AS toewijzingsdatum,
           ingang AS ingangsdatum,
           einddatum,
           CAST(1 + hash(lev_id, 32) % 10 AS BIGINT) AS volume, '04' AS eenheid,
           '2' AS frequentie, NULL::BIGINT AS budget
    FROM (SELECT *, begindatum - CAST(hash(lev_id, 30) % 45 AS INTEGER) AS ingang FROM lev)
    UNION ALL  -- toewijzingen without a levering (never delivered)
    SELECT domein, gemeente, aanbieder, client_id, toewijzingnummer + 90000000, categorie,
           productcode, begindatum - 10, begindatum, NULL, NULL, NULL, NULL, NULL
    FROM lev WHERE lev_id % 20 = 0
"""


def _prestatie_sql(van: int, tot: int, leveringen: int) -> str:
    """Lines k in [van, tot): each on a random levering, in a month it was running."""
    return f"""
        WITH k AS (SELECT k, hash(k, 40) AS h, 1 + hash(k, 41) % {leveringen} AS lev_id
                   FROM range({van}, {tot}) t(k)),
        gekozen AS (SELECT k.h, l.* FROM k JOIN lev l USING (lev_id)),
        maand AS (
            SELECT *, date_trunc('month', begindatum) + INTERVAL (CAST(h % greatest(1,
                date_diff('month', begindatum, least(coalesce(einddatum, DATE '2024-12-31'),
                DATE '2024-12-31')) + 1) AS INTEGER)) MONTH AS m
            FROM gekozen
        )
        SELECT domein, gemeente, aanbieder, client_id, toewijzingnummer, categorie, productcode,
               CAST(greatest(m, begindatum) AS DATE) AS periode_begin,
               CAST(least(m + INTERVAL 1 MONTH - INTERVAL 1 DAY,
                          coalesce(einddatum, DATE '9999-12-31')) AS DATE) AS periode_eind,
               CAST(1 + h % 20 AS BIGINT) AS volume,
               CASE WHEN categorie IN ('43', '44', '46', '15') THEN '14' ELSE '04' END AS eenheid,
               CAST((1 + h % 20) * tarief / 10 AS BIGINT) AS bedrag,
               CASE WHEN h % 33 = 0 THEN 'C' ELSE 'D' END AS debet_credit,
               CAST(tarief / 10 AS BIGINT) AS tarief,
               CAST(least(m + INTERVAL 1 MONTH - INTERVAL 1 DAY,
                          coalesce(einddatum, DATE '9999-12-31')) + INTERVAL 20 DAY AS DATE)
                   AS dagtekening,
               NULL::BIGINT AS toegekend
        FROM maand
    """


def _aanwezig(map_: Path) -> list[str]:
    """The relations generated (the optional registers are not)."""
    return [n for n in RELATIES if (map_ / n).is_dir() or (map_ / f"{n}.parquet").is_file()]


def _pad(map_: Path, naam: str) -> str:
    return (
        str(map_ / "prestatie" / "*.parquet")
        if naam == "prestatie"
        else str(map_ / f"{naam}.parquet")
    )


# -- the hand-written queries the analyses are set against ---------------------------------
HANDMATIG = """
WITH c AS (
    SELECT client_id,
           CASE WHEN month(geboortedatum) = 2 AND day(geboortedatum) = 29
                     AND NOT ((year(geboortedatum) + 18) % 4 = 0
                              AND ((year(geboortedatum) + 18) % 100 <> 0
                                   OR (year(geboortedatum) + 18) % 400 = 0))
                THEN make_date(year(geboortedatum) + 18, 3, 1)
                ELSE make_date(year(geboortedatum) + 18, month(geboortedatum), day(geboortedatum))
           END AS b
    FROM client WHERE geboortedatum IS NOT NULL
),
j AS (
    SELECT c.client_id, c.b, l.begindatum, coalesce(l.einddatum, DATE '9999-12-31') AS e,
           l.einddatum, l.categorie
    FROM c JOIN levering l ON l.client_id = c.client_id AND l.domein = 'jeugd'
    WHERE year(c.b) = $jaar
),
k AS (
    SELECT client_id, any_value(b) AS b,
           max(e) AS e_open,
           bool_or(begindatum <= b - 1 AND e >= b - 365) AS in_cohort,
           bool_or(begindatum <= b - 1 AND e >= b - 365
                   AND categorie IN ('43', '44', '35', '36', '37', '38')) AS verblijf
    FROM j GROUP BY client_id
),
w AS (
    SELECT k.client_id, min(l.begindatum) AS w
    FROM k JOIN levering l ON l.client_id = k.client_id AND l.domein = 'wmo'
    WHERE k.in_cohort AND k.e_open < k.b
      AND l.begindatum BETWEEN k.b - 365 AND k.e_open + 365
    GROUP BY k.client_id
),
warm AS (
    SELECT DISTINCT w.client_id FROM w JOIN k USING (client_id)
    JOIN levering l ON l.client_id = w.client_id AND l.domein = 'wmo' AND l.begindatum = w.w
    JOIN toewijzing t ON t.domein = 'wmo' AND t.gemeente = l.gemeente
        AND t.aanbieder = l.aanbieder AND t.toewijzingnummer = l.toewijzingnummer
    WHERE t.toewijzingsdatum <= k.e_open
)
SELECT count(*) AS cohort,
       count(*) FILTER (WHERE k.e_open >= k.b) AS verlengde_jeugdhulp,
       count(*) FILTER (WHERE k.e_open < k.b AND w.w IS NOT NULL) AS naar_wmo,
       count(*) FILTER (WHERE k.e_open < k.b AND w.w IS NOT NULL
                        AND w.w - k.e_open - 1 <= 0 AND warm.client_id IS NOT NULL)
           AS warme_overdracht,
       count(*) FILTER (WHERE k.e_open < k.b AND w.w IS NULL) AS zonder_vervolg,
       CAST(median(greatest(0, w.w - k.e_open - 1))
            FILTER (WHERE k.e_open < k.b AND w.w IS NOT NULL) AS DOUBLE)
           AS gat_dagen_mediaan,
       count(*) FILTER (WHERE k.verblijf) AS met_verblijf
FROM k LEFT JOIN w USING (client_id) LEFT JOIN warm USING (client_id)
WHERE k.in_cohort
"""


#: Clients whose first Wmo levering (in relation {lev}) begins in $jaar at age 18-26, and
#: whether a Jeugd levering began before it.
_HAND_INSTROOM = """
WITH eerste AS (
    SELECT client_id, min(begindatum) AS w FROM {lev} WHERE domein = 'wmo' GROUP BY client_id
),
i AS (
    SELECT e.client_id, e.w FROM eerste e JOIN client c USING (client_id)
    WHERE c.geboortedatum IS NOT NULL AND year(e.w) = $jaar
      AND year(e.w) - year(c.geboortedatum)
          - CASE WHEN (month(e.w), day(e.w)) < (month(c.geboortedatum), day(c.geboortedatum))
                 THEN 1 ELSE 0 END BETWEEN 18 AND 26
),
u AS (
    SELECT i.*, EXISTS (SELECT 1 FROM {lev} j WHERE j.client_id = i.client_id
                        AND j.domein = 'jeugd' AND j.begindatum < i.w) AS uit
    FROM i
)
"""

HANDMATIG_WMO = (
    _HAND_INSTROOM.format(lev="levering")
    + """
SELECT count(*) AS instroom, count(*) FILTER (WHERE uit) AS uit_jeugdhulp FROM u
"""
)

#: The Wmo inflow 18-26 per productcategorie of the first day's leveringen (categorie as
#: completed from the toewijzing, so from the prepared leveringen) and in total: every figure
#: wmo_instroom gives for a year.
HANDMATIG_WMO_CATEGORIE = (
    _HAND_INSTROOM
    + """
SELECT coalesce(l.categorie, 'totaal') AS productcategorie,
       count(DISTINCT u.client_id) AS instroom,
       count(DISTINCT u.client_id) FILTER (WHERE u.uit) AS uit_jeugdhulp
FROM u JOIN {lev} l ON l.client_id = u.client_id AND l.domein = 'wmo' AND l.begindatum = u.w
GROUP BY ROLLUP (l.categorie)
"""
)

#: The market per segment from the stored prestatie sums, leveringen and product segments:
#: every figure markt_segmenten gives for a year, the growth against the year before included.
HANDMATIG_MARKT = """
WITH p AS (
    SELECT s.segment, r.aanbieder, r.client_id, sum(r.netto) AS bedrag
    FROM _pres_basis r JOIN {productsegment} s USING (domein, categorie, productcode)
    WHERE r.jaar = $jaar GROUP BY ALL
),
vorig AS (
    SELECT segment, sum(b) AS bedrag_cent, count(*) FILTER (WHERE b > 0) AS clienten,
           avg(b) FILTER (WHERE b > 0) AS gemiddeld
    FROM (SELECT s.segment, r.client_id, sum(r.netto) AS b
          FROM _pres_basis r JOIN {productsegment} s USING (domein, categorie, productcode)
          WHERE r.jaar = $jaar - 1 GROUP BY ALL)
    GROUP BY ALL
),
per_a AS (SELECT segment, aanbieder, sum(bedrag) AS b FROM p GROUP BY ALL),
per_c AS (SELECT segment, client_id, sum(bedrag) AS b FROM p GROUP BY ALL),
a AS (
    SELECT segment, count(*) FILTER (WHERE b > 0) AS aanbieders,
           sum(b) FILTER (WHERE b > 0) AS positief
    FROM per_a GROUP BY ALL
),
h AS (
    SELECT segment, sum(aandeel ^ 2) * 10000 AS hhi,
           sum(aandeel) FILTER (WHERE rang <= 3) AS top3_aandeel,
           max(aandeel) AS grootste_aandeel
    FROM (SELECT per_a.segment, b / a.positief AS aandeel,
                 row_number() OVER (PARTITION BY per_a.segment ORDER BY b DESC, aanbieder)
                     AS rang
          FROM per_a JOIN a USING (segment) WHERE b > 0)
    GROUP BY ALL
),
c AS (
    SELECT segment, sum(b) AS bedrag_cent, count(*) FILTER (WHERE b > 0) AS clienten,
           avg(b) FILTER (WHERE b > 0) AS kosten_per_client_gemiddeld_cent,
           quantile_cont(b, 0.5) FILTER (WHERE b > 0) AS kosten_per_client_mediaan_cent,
           quantile_cont(b, 0.9) FILTER (WHERE b > 0) AS kosten_per_client_p90_cent
    FROM per_c GROUP BY ALL
),
eerste AS (
    SELECT domein, gemeente, aanbieder, toewijzingnummer, min(begindatum) AS begin,
           arg_min(segment, begindatum) AS segment
    FROM {lev} WHERE toewijzingnummer IS NOT NULL GROUP BY ALL
),
dagen AS (
    SELECT segment, 'duur' AS soort, einddatum - begindatum + 1 AS d
    FROM {lev} WHERE einddatum IS NOT NULL AND year(einddatum) = $jaar
    UNION ALL
    SELECT e.segment, 'wacht', greatest(0, e.begin - t.ingangsdatum)
    FROM eerste e JOIN _toew t USING (domein, gemeente, aanbieder, toewijzingnummer)
    WHERE year(e.begin) = $jaar
),
m AS (
    SELECT segment,
           CAST(median(d) FILTER (WHERE soort = 'duur') AS DOUBLE) AS duur_mediaan_dagen,
           CAST(median(d) FILTER (WHERE soort = 'wacht') AS DOUBLE)
               AS startwachttijd_mediaan_dagen
    FROM dagen GROUP BY ALL
)
SELECT segment, a.aanbieders, c.clienten, c.bedrag_cent, h.hhi, h.top3_aandeel,
       h.grootste_aandeel, c.kosten_per_client_gemiddeld_cent, c.kosten_per_client_mediaan_cent,
       c.kosten_per_client_p90_cent, m.duur_mediaan_dagen, m.startwachttijd_mediaan_dagen,
       CASE WHEN v.bedrag_cent <> 0
            THEN CAST(c.bedrag_cent - v.bedrag_cent AS DOUBLE) / v.bedrag_cent END
           AS groei_bedrag,
       CASE WHEN v.clienten <> 0
            THEN CAST(c.clienten - v.clienten AS DOUBLE) / v.clienten END AS groei_clienten,
       CASE WHEN v.gemiddeld <> 0
            THEN (c.kosten_per_client_gemiddeld_cent - v.gemiddeld) / v.gemiddeld END
           AS groei_kosten_per_client
FROM c JOIN a USING (segment) LEFT JOIN h USING (segment) LEFT JOIN m USING (segment)
LEFT JOIN vorig v USING (segment)
ORDER BY segment
"""


def _gelijk(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return bool(a == b)


def _tijd(functie: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    uitkomst = functie()
    return uitkomst, time.perf_counter() - start


def schrijf(map_: Path, bestand: Path) -> float:
    """The analysis snapshot from the generated relations, as the end of an import writes it."""
    import pyarrow.dataset as ds

    from passend.bronnen.momentopname import schrijf_analysebestand

    tabellen = {
        n: ds.dataset(_pad(map_, n).replace("*.parquet", ""), format="parquet")
        for n in _aanwezig(map_)
    }
    bestand.unlink(missing_ok=True)
    _, duur = _tijd(lambda: schrijf_analysebestand(bestand, tabellen, [Segmentatie.standaard()]))
    return duur


def _hand(bestand: Path, sqls: list[str]) -> tuple[list[list[dict[str, Any]]], float]:
    """The hand-written queries, one after the other on a fresh connection."""
    con = open_analysebestand(bestand)
    start, uit = time.perf_counter(), []
    for sql in sqls:
        rijen = con.execute(sql, {"jaar": JAAR}).fetchall()
        namen = [d[0] for d in con.description]
        uit.append([dict(zip(namen, r, strict=True)) for r in rijen])
    duur = time.perf_counter() - start
    con.close()
    return uit, duur


def _los(bestand: Path, functie: Any) -> tuple[Any, float]:
    """An analysis alone on a fresh connection (preparation included)."""
    con = open_analysebestand(bestand)
    uit = _tijd(lambda: functie(con))
    con.close()
    return uit


def _gelijk_transitie(kern: dict[str, Any], hand: list[list[dict[str, Any]]]) -> bool:
    cohort, wmo = hand[0][0], hand[1][0]
    return all(_gelijk(v, kern[k]) for k, v in cohort.items()) and (
        (wmo["instroom"], wmo["uit_jeugdhulp"])
        == (kern["wmo_instroom_18_26"], kern["wmo_instroom_uit_jeugdhulp"])
    )


def _gelijk_per(sleutel: str, eigen: list[dict[str, Any]], hand: list[dict[str, Any]]) -> bool:
    per = {r[sleutel]: r for r in eigen}
    return (
        bool(hand)
        and len(hand) == len(eigen)
        and all(
            r[sleutel] in per and _gelijk(v, per[r[sleutel]][k]) for r in hand for k, v in r.items()
        )
    )


def vergelijkingen(g: Gebied) -> dict[str, tuple[Any, list[str], Any]]:
    """Per analysis: the call, its hand-written queries, and the check that both agree."""
    fp = Segmentatie.standaard().vingerafdruk
    return {
        # transitie() gives the cohort and the year's Wmo inflow: set against both queries.
        "transitie": (
            lambda c: transitie(c, JAAR, g),
            [HANDMATIG, HANDMATIG_WMO],
            _gelijk_transitie,
        ),
        "wmo_instroom": (
            lambda c: wmo_instroom(c, JAAR, g),
            [HANDMATIG_WMO_CATEGORIE.format(lev=f"_lev_{fp}")],
            lambda eigen, hand: _gelijk_per("productcategorie", eigen, hand[0]),
        ),
        "markt_segmenten": (
            lambda c: markt_segmenten(c, JAAR, g),
            [HANDMATIG_MARKT.format(productsegment=f"_productsegment_{fp}", lev=f"_lev_{fp}")],
            lambda eigen, hand: _gelijk_per("segment", eigen, hand[0]),
        ),
    }


def vergelijk(bestand: Path, rondes: int) -> dict[str, Any]:
    """Each analysis against its hand-written SQL, each on a fresh connection, alternating for
    `rondes` rounds (the machine's noise hits both alike); the medians and their ratio."""
    uit: dict[str, Any] = {}
    for naam, (analyse, sqls, gelijk) in vergelijkingen(Gebied.standaard()).items():
        eigen_tijden, hand_tijden, zelfde = [], [], True
        for _ in range(rondes):
            eigen, t_eigen = _los(bestand, analyse)
            hand, t_hand = _hand(bestand, sqls)
            eigen_tijden.append(t_eigen)
            hand_tijden.append(t_hand)
            zelfde = zelfde and gelijk(eigen, hand)
        uit[naam] = _verhouding(
            statistics.median(eigen_tijden), statistics.median(hand_tijden), zelfde
        )
    return uit


def meet(bestand: Path, rondes: int = 5) -> dict[str, Any]:
    """The national run through the report registry, then each analysis against its SQL."""
    g = Gebied.standaard()
    tijden: dict[str, float] = {}
    con, tijden["openen"] = _tijd(lambda: open_analysebestand(bestand))
    for naam in ("transitie", "wmo-instroom", "markt"):
        _, tijden[naam] = _tijd(lambda n=naam: rapport(n, con, Verzoek(g, JAAR), openbaar=False))
    con.close()
    totaal = sum(tijden.values())
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kern, _ = _los(bestand, lambda c: transitie(c, JAAR, g))
    return {
        "jaar": JAAR,
        "transitie_wmo_markt_seconden": round(totaal, 2),
        "stappen_seconden": {k: round(v, 2) for k, v in tijden.items()},
        "piekgeheugen_mb": round(piek),
        "transitie": kern,
        "rondes": rondes,
        "tegen_handgeschreven_sql": vergelijk(bestand, rondes),
    }


def _verhouding(eigen: float, hand: float, gelijk: bool) -> dict[str, Any]:
    return {
        "analyse_seconden": round(eigen, 3),
        "handgeschreven_sql_seconden": round(hand, 3),
        "verhouding": round(eigen / hand, 2) if hand else None,
        "zelfde_uitkomst": gelijk,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=2_000_000)
    p.add_argument("--prestaties", type=int, default=30_000_000)
    p.add_argument("--klein", action="store_true", help="20.000 cliënten, 300.000 prestaties")
    p.add_argument("--json", action="store_true", help="alleen het JSON-resultaat")
    p.add_argument("--map", type=Path, help="werkmap (standaard tijdelijk, daarna verwijderd)")
    p.add_argument(
        "--bestaand",
        action="store_true",
        help="gegevens in --map hergebruiken (niet opnieuw genereren)",
    )
    p.add_argument(
        "--rondes", type=int, default=5, help="afwisselende rondes per vergelijking (mediaan)"
    )
    p.add_argument("--meet", type=Path, help=argparse.SUPPRESS)  # internal: measuring child
    args = p.parse_args(argv)
    if args.meet:
        print(json.dumps(meet(args.meet, args.rondes), default=str))
        return 0
    if args.klein:
        args.clients, args.prestaties = 20_000, 300_000
    if args.bestaand and args.map is None:
        p.error("--bestaand vraagt om --map")
    map_ = args.map or Path(tempfile.mkdtemp(prefix="passend-bench-"))
    try:
        gegevens = (
            {"hergebruikt": str(map_)}
            if args.bestaand
            else genereer(map_, args.clients, args.prestaties)
        )
        bestand = map_ / "analyse.duckdb"
        schrijven = schrijf(map_, bestand)
        kind = [sys.executable, __file__, "--meet", str(bestand), "--rondes", str(args.rondes)]
        uit = subprocess.run(kind, capture_output=True, text=True, env=os.environ)
        if uit.returncode:
            sys.stderr.write(uit.stderr)
            return uit.returncode
        meting = json.loads(uit.stdout.strip().splitlines()[-1])
        grootte = sum(f.stat().st_size for f in map_.rglob("*.parquet"))
    finally:
        if args.map is None:
            shutil.rmtree(map_, ignore_errors=True)
    resultaat = {
        "clients": args.clients,
        "prestaties": args.prestaties,
        "gemeenten": len(laad_gemeenten()),
        "jaren": [JAREN[0], JAREN[-1]],
        "generatie": gegevens,
        "parquet_mb": round(grootte / 2**20),
        "cpu": os.cpu_count(),
        "belasting_1min": round(os.getloadavg()[0], 2),
        "snapshot_schrijven_seconden": round(schrijven, 1),
        **meting,
    }
    print(json.dumps(resultaat, indent=None if args.json else 2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
