"""Benchmark of the analysis engine at national scale, on synthetic data.

Generates the relations of :mod:`passend.analysis.relaties` directly as Parquet (with DuckDB,
in chunks; no XML): the 342 gemeenten of ``laad_gemeenten()``, five years (2020-2024),
``--clients`` clients and ``--prestaties`` prestatie lines. Then, in a fresh process, runs
the full transition and market analysis on a connection over those files and measures wall
time and peak memory (``ru_maxrss`` of that process), and computes the same cohort with one
hand-written DuckDB query as the ceiling. Prints one JSON object.

    python benchmarks/analysis_bench.py --clients 2000000 --prestaties 30000000 --json
    python benchmarks/analysis_bench.py --klein --json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from passend.analysis import (
    markt_aanbieders,
    markt_segmenten,
    transitie,
    transitie_doorloop,
    transitie_per,
    transitie_stroom,
    wmo_instroom,
)
from passend.analysis.gebied import Gebied
from passend.analysis.relaties import RELATIES
from passend.analysis.segmentatie import Segmentatie
from passend.analysis.sql import bereid, macros
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
        for n in RELATIES
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


def _pad(map_: Path, naam: str) -> str:
    return (
        str(map_ / "prestatie" / "*.parquet")
        if naam == "prestatie"
        else str(map_ / f"{naam}.parquet")
    )


def verbinding(map_: Path) -> duckdb.DuckDBPyConnection:
    """Views over the generated files (the analyses accept any connection)."""
    con = duckdb.connect()
    for naam in RELATIES:
        con.execute(f"CREATE VIEW {naam} AS SELECT * FROM read_parquet('{_pad(map_, naam)}')")
    return con


# -- the ceiling: one hand-written query for the cohort ---------------------------------------
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


def _stap(tijden: dict[str, float], naam: str, functie: Any) -> Any:
    start = time.perf_counter()
    uitkomst = functie()
    tijden[naam] = round(time.perf_counter() - start, 2)
    return uitkomst


def meet(map_: Path, threads: int | None) -> dict[str, Any]:
    """The full transition + market run and the hand-written ceiling, in this process."""
    tijden: dict[str, float] = {}
    con = verbinding(map_)
    if threads:
        con.execute(f"SET threads = {threads}")
    seg = Segmentatie.standaard()
    begin = time.perf_counter()
    _stap(tijden, "bereid", lambda: bereid(con, seg))
    kern = _stap(tijden, "transitie", lambda: transitie(con, JAAR, Gebied.standaard()))
    _stap(
        tijden,
        "transitie_per_gemeente",
        lambda: transitie_per(con, JAAR, "gemeente", Gebied.standaard()),
    )
    _stap(
        tijden,
        "transitie_stroom",
        lambda: transitie_stroom(con, JAAR, "segment", Gebied.standaard()),
    )
    _stap(
        tijden, "transitie_doorloop", lambda: transitie_doorloop(con, JAAR - 3, Gebied.standaard())
    )
    _stap(tijden, "wmo_instroom", lambda: wmo_instroom(con, JAAR, Gebied.standaard()))
    segmenten = _stap(
        tijden, "markt_segmenten", lambda: markt_segmenten(con, None, Gebied.standaard())
    )
    aanbieders = _stap(
        tijden, "markt_aanbieders", lambda: markt_aanbieders(con, JAAR, Gebied.standaard())
    )
    totaal = time.perf_counter() - begin
    con.close()
    # The ceiling: the same cohort by one query on a fresh connection, and the engine's
    # transitie() alone on a fresh connection (preparation included), for a fair ratio.
    hand_con = verbinding(map_)
    start = time.perf_counter()
    hand = hand_con.execute(HANDMATIG, {"jaar": JAAR}).fetchone()
    hand_tijd = time.perf_counter() - start
    namen = [d[0] for d in hand_con.description]
    hand_con.close()
    los_con = verbinding(map_)
    start = time.perf_counter()
    los = transitie(los_con, JAAR, Gebied.standaard())
    los_tijd = time.perf_counter() - start
    los_con.close()
    handmatig = dict(zip(namen, hand, strict=True))
    gelijk = all(handmatig[k] == kern[k] for k in handmatig)
    return {
        "jaar": JAAR,
        "volledige_run_seconden": round(totaal, 2),
        "stappen_seconden": tijden,
        "piekgeheugen_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "transitie": kern,
        "segmenten": len(segmenten),
        "aanbiederrijen": len(aanbieders),
        "plafond": {
            "handgeschreven_sql_seconden": round(hand_tijd, 2),
            "transitie_los_seconden": round(los_tijd, 2),
            "verhouding": round(los_tijd / hand_tijd, 2) if hand_tijd else None,
            # transitie() after the shared preparation (bereid), as in the full run above.
            "verhouding_na_voorbereiding": round(tijden["transitie"] / hand_tijd, 2)
            if hand_tijd
            else None,
            "zelfde_uitkomst": gelijk,
            "handgeschreven": handmatig,
        },
        "zelfde_cohort_als_transitie": los == kern,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=2_000_000)
    p.add_argument("--prestaties", type=int, default=30_000_000)
    p.add_argument("--klein", action="store_true", help="20.000 cliënten, 300.000 prestaties")
    p.add_argument("--json", action="store_true", help="alleen het JSON-resultaat")
    p.add_argument("--map", type=Path, help="werkmap (standaard tijdelijk, daarna verwijderd)")
    p.add_argument("--threads", type=int, help="DuckDB-threads (standaard: alle kernen)")
    p.add_argument(
        "--bestaand",
        action="store_true",
        help="gegevens in --map hergebruiken (niet opnieuw genereren)",
    )
    p.add_argument("--meet", type=Path, help=argparse.SUPPRESS)  # internal: measuring child
    args = p.parse_args(argv)
    if args.meet:
        print(json.dumps(meet(args.meet, args.threads), default=str))
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
        kind = [sys.executable, __file__, "--meet", str(map_)]
        if args.threads:
            kind += ["--threads", str(args.threads)]
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
        **meting,
    }
    print(json.dumps(resultaat, indent=None if args.json else 2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
