"""Market analysis per segment and per aanbieder, from prestaties and leveringen.

Definitions (also in ``docs/definities.md``); all amounts are eurocent:

* **Spend** (``bedrag_cent``): debet minus credit of the prestaties, attributed to the year of
  the ProductPeriode begindatum and to the gemeente of the declaratie.
* **Clients**: clients whose net spend in the group (year, segment[, aanbieder]) is positive;
  a prestatie fully credited does not count as a client.
* **Cost per client**: over those clients, the mean, the median and the 90th percentile
  (linear interpolation) of their net spend in the group.
* **Market share** of an aanbieder: its spend / the segment's spend over aanbieders with
  positive spend; **HHI** = sum of shares squared x 10,000; **top-3 share** = the three
  largest shares added; ``aanbieders`` counts aanbieders with positive spend.
* **Duration**: median of einddatum - begindatum + 1 days over leveringen that ended, by the
  year of the einddatum.
* **Start delay** (``startwachttijd``): per toewijzing the first levering's begindatum minus
  the toewijzing's ingangsdatum (0 when the care started before the ingangsdatum), median by
  the year of that begindatum; a signal of shortage.
* **Growth**: (value - value of the previous year) / value of the previous year; None
  without a previous year or when that was 0.
"""

from __future__ import annotations

from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.segmentatie import Segmentatie
from passend.analysis.sql import bereid, bereid_voor, heeft_tabel, rijen

# The heavy intermediates, temp tables built once per connection, segmentation and area, and
# only those a function reads: spend and share per aanbieder, spend per segment, cost
# quantiles per aanbieder, and the duration / start-delay medians. Each covers the asked year
# ($tot), and the year before it ($van) where its growth is shown; quantiles and medians,
# which have no growth, the asked year alone. Without a year, every year.
_DAGEN = """
WITH eerste AS (
    SELECT domein, gemeente, aanbieder, toewijzingnummer, min(begindatum) AS begin,
           arg_min(segment, begindatum) AS segment
    FROM _lev WHERE toewijzingnummer IS NOT NULL {waar} GROUP BY ALL),
dagen AS (
    SELECT year(einddatum) AS jaar, segment, aanbieder, 'duur' AS soort,
           einddatum - begindatum + 1 AS dagen
    FROM _lev WHERE einddatum IS NOT NULL {waar}{jaar_eind}
    UNION ALL
    SELECT year(e.begin), e.segment, e.aanbieder, 'wacht', greatest(0, e.begin - t.ingangsdatum)
    FROM eerste e JOIN _toew t USING (domein, gemeente, aanbieder, toewijzingnummer)
    WHERE true {jaar_begin})
"""

_MEDIANEN = """
    CAST(median(dagen) FILTER (WHERE soort = 'duur') AS DOUBLE) AS duur_mediaan_dagen,
    CAST(median(dagen) FILTER (WHERE soort = 'wacht') AS DOUBLE) AS startwachttijd_mediaan_dagen
"""

_GELD = """
    count(*) FILTER (WHERE bedrag > 0) AS clienten,
    avg(bedrag) FILTER (WHERE bedrag > 0) AS kosten_per_client_gemiddeld_cent
"""

_KWANTIELEN = """
    quantile_cont(bedrag, 0.5) FILTER (WHERE bedrag > 0 {alleen_jaar})
        AS kosten_per_client_mediaan_cent,
    quantile_cont(bedrag, 0.9) FILTER (WHERE bedrag > 0 {alleen_jaar})
        AS kosten_per_client_p90_cent
"""


def _per_client(niveau: str) -> str:
    """Net spend per client within (jaar, segment[, aanbieder]): what the figures add up.
    Summed from the prestatie sums at each use, which is cheaper than storing it once."""
    return f"""(SELECT jaar, segment, {niveau} client_id, sum(netto) AS bedrag
        FROM _pres WHERE true {{waar}}{{jaren}} GROUP BY ALL)"""


#: Name -> SQL of each intermediate.
_DELEN = {
    "geld_a": f"""
        WITH geld AS (
            SELECT jaar, segment, aanbieder, sum(bedrag) AS bedrag_cent, {_GELD}
            FROM {_per_client("aanbieder,")} GROUP BY ALL)
        SELECT *,
            CASE WHEN bedrag_cent > 0 THEN bedrag_cent / sum(CASE WHEN bedrag_cent > 0
                THEN bedrag_cent END) OVER (PARTITION BY jaar, segment) END AS marktaandeel,
            row_number() OVER (PARTITION BY jaar, segment ORDER BY bedrag_cent DESC, aanbieder)
                AS rang
        FROM geld""",
    "kosten_a": f"""
        SELECT jaar, segment, aanbieder, {_KWANTIELEN}
        FROM {_per_client("aanbieder,")} WHERE true {{alleen_jaar}} GROUP BY ALL""",
    "geld_s": f"""
        SELECT jaar, segment, sum(bedrag) AS bedrag_cent, {_GELD}, {_KWANTIELEN}
        FROM {_per_client("")} GROUP BY ALL""",
    "mediaan_s": f"{_DAGEN} SELECT jaar, segment, {_MEDIANEN} FROM dagen GROUP BY ALL",
    "mediaan_a": f"{_DAGEN} SELECT jaar, segment, aanbieder, {_MEDIANEN} FROM dagen GROUP BY ALL",
}
#: The intermediates of the segment and the aanbieder figures, each with whether it covers
#: the year before the asked one too (growth).
_VOOR_SEGMENTEN = (("geld_a", False), ("geld_s", True), ("mediaan_s", False))
_VOOR_AANBIEDERS = (("geld_a", True), ("kosten_a", False), ("mediaan_a", False))

_SEGMENTEN = """
concentratie AS (
    SELECT jaar, segment, count(*) FILTER (WHERE bedrag_cent > 0) AS aanbieders,
           sum(marktaandeel * marktaandeel) * 10000 AS hhi,
           sum(marktaandeel) FILTER (WHERE rang <= 3) AS top3_aandeel,
           arg_max(aanbieder, bedrag_cent) FILTER (WHERE bedrag_cent > 0) AS grootste_aanbieder,
           max(marktaandeel) AS grootste_aandeel
    FROM _cache_markt_geld_a GROUP BY ALL
),
sleutels AS (
    SELECT jaar, segment FROM _cache_markt_geld_s
    UNION SELECT jaar, segment FROM _cache_markt_mediaan_s
),
segmenten AS (
    SELECT s.jaar, s.segment, coalesce(c.aanbieders, 0) AS aanbieders,
           coalesce(g.clienten, 0) AS clienten, coalesce(g.bedrag_cent, 0) AS bedrag_cent,
           g.kosten_per_client_gemiddeld_cent, g.kosten_per_client_mediaan_cent,
           g.kosten_per_client_p90_cent, c.hhi, c.top3_aandeel, c.grootste_aanbieder,
           c.grootste_aandeel, m.duur_mediaan_dagen, m.startwachttijd_mediaan_dagen
    FROM sleutels s
    LEFT JOIN _cache_markt_geld_s g USING (jaar, segment)
    LEFT JOIN concentratie c USING (jaar, segment)
    LEFT JOIN _cache_markt_mediaan_s m USING (jaar, segment)
)
"""

_AANBIEDERS = """
sleutels AS (
    SELECT jaar, segment, aanbieder FROM _cache_markt_geld_a
    UNION SELECT jaar, segment, aanbieder FROM _cache_markt_mediaan_a
),
aanbieders AS (
    SELECT s.jaar, s.segment, s.aanbieder, coalesce(n.naam, '') AS naam,
           coalesce(a.clienten, 0) AS clienten, coalesce(a.bedrag_cent, 0) AS bedrag_cent,
           a.marktaandeel, a.kosten_per_client_gemiddeld_cent,
           k.kosten_per_client_mediaan_cent, k.kosten_per_client_p90_cent,
           m.duur_mediaan_dagen, m.startwachttijd_mediaan_dagen
    FROM sleutels s LEFT JOIN _cache_markt_geld_a a USING (jaar, segment, aanbieder)
    LEFT JOIN _cache_markt_kosten_a k USING (jaar, segment, aanbieder)
    LEFT JOIN _cache_markt_mediaan_a m USING (jaar, segment, aanbieder)
    LEFT JOIN aanbieder n ON n.aanbieder = s.aanbieder
)
"""


_GROEI = {
    "groei_bedrag": "bedrag_cent",
    "groei_clienten": "clienten",
    "groei_kosten_per_client": "kosten_per_client_gemiddeld_cent",
}


def _met_groei(tabel: str, sleutel: str) -> str:
    """SELECT from `tabel` with growth against the same `sleutel` exactly one year earlier
    (NULL without that year, or when its value was 0 or NULL)."""
    venster = f"OVER (PARTITION BY {sleutel} ORDER BY jaar)"
    velden = ", ".join(
        f"CASE WHEN lag(jaar) {venster} = jaar - 1 AND lag({bron}) {venster} <> 0 "
        f"THEN CAST(({bron} - lag({bron}) {venster}) AS DOUBLE) / lag({bron}) {venster} "
        f"END AS {naam}"
        for naam, bron in _GROEI.items()
    )
    return f"SELECT *, {velden} FROM {tabel}"


def _markt_cache(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    jaar: int | None,
    delen: tuple[tuple[str, bool], ...],
) -> None:
    """Build those of the market intermediates `delen` that this area lacks for the years
    asked (see :data:`_DELEN`).

    They are named ``_cache_*`` (:data:`passend.analysis.sql.CACHE_PREFIX`), so
    :func:`passend.analysis.sql.bereid` drops them, the register included, when it rebuilds:
    a new segmentation or refreshed relations never meet stale intermediates.
    """
    basis = f"{bereid_voor(con)}|{gebied.gemeente}|{gebied.regio}"
    waar, params = gebied.sql("gemeente")
    gebruikt = {k: v for k, v in params.items() if f"${k}" in waar}
    filters = dict.fromkeys(("jaren", "jaar_eind", "jaar_begin", "alleen_jaar"), "")
    if jaar is not None:
        filters = {
            "jaren": " AND jaar BETWEEN $van AND $tot",
            "jaar_eind": " AND year(einddatum) = $tot",
            "jaar_begin": " AND year(e.begin) = $tot",
            "alleen_jaar": " AND jaar = $tot",
        }
    gebouwd = _gebouwd(con)
    nieuw = False
    for deel, met_groei in delen:
        van = None if jaar is None else jaar - 1 if met_groei else jaar
        if _dekt(gebouwd.get(deel), basis, van, jaar):
            continue
        tekst = _DELEN[deel].format(waar=waar, **filters)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _cache_markt_{deel} AS {tekst}",
            {k: v for k, v in (gebruikt | {"van": van, "tot": jaar}).items() if f"${k}" in tekst},
        )
        gebouwd[deel], nieuw = (basis, van, jaar), True
    if nieuw:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _cache_markt_gebouwd AS SELECT "
            "unnest(?::VARCHAR[]) AS deel, unnest(?::VARCHAR[]) AS basis, "
            "unnest(?::INTEGER[]) AS van, unnest(?::INTEGER[]) AS tot",
            [list(gebouwd), *(list(k) for k in zip(*gebouwd.values(), strict=True))],
        )


def _dekt(
    gebouwd: tuple[str, int | None, int | None] | None, basis: str, van: int | None, tot: int | None
) -> bool:
    """Whether an intermediate built for (basis, its van, its tot) covers van..tot: the same
    area, every year, or the same asked year and at least as far back."""
    if gebouwd is None or gebouwd[0] != basis:
        return False
    _, eigen_van, eigen_tot = gebouwd
    if eigen_tot is None:
        return True
    return tot == eigen_tot and van is not None and eigen_van is not None and eigen_van <= van


def _gebouwd(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int | None, int | None]]:
    """The intermediates built on this connection, each with the area and years it holds."""
    if not heeft_tabel(con, "temp._cache_markt_gebouwd"):
        return {}
    rijen_ = con.execute("SELECT deel, basis, van, tot FROM _cache_markt_gebouwd").fetchall()
    return {deel: (basis, van, tot) for deel, basis, van, tot in rijen_}


def _query(
    con: duckdb.DuckDBPyConnection,
    ctes: tuple[str, tuple[tuple[str, bool], ...]],
    select: str,
    gebied: Gebied,
    params: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """`select` after the CTEs of `ctes` (their SQL and the intermediates they read)."""
    bereid(con, gebied.segmentatie, prestaties=True)
    sql, delen = ctes
    _markt_cache(con, gebied, (params or {}).get("jaar"), delen)
    return rijen(con, f"WITH {sql} {select}", params)


def _segmentvelden(rij: dict[str, Any], segmentatie: Segmentatie) -> None:
    segment = segmentatie.segment(rij["segment"])
    rij["segmentnaam"], rij["domein"], rij["apart"] = segment.naam, segment.domein, segment.apart


def markt_segmenten(
    con: duckdb.DuckDBPyConnection,
    jaar: int | None,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """One row per (jaar, segment): aanbieders, clienten, bedrag_cent, cost per client
    (gemiddeld, mediaan, p90), hhi, top3_aandeel, grootste_aanbieder, grootste_aandeel,
    duur_mediaan_dagen, startwachttijd_mediaan_dagen, groei_bedrag, groei_clienten,
    groei_kosten_per_client, plus segmentnaam, domein and apart (reported separately)."""
    seg = gebied.segmentatie
    waar = "" if jaar is None else "WHERE jaar = $jaar"
    uit = _query(
        con,
        (_SEGMENTEN, _VOOR_SEGMENTEN),
        f"SELECT * FROM ({_met_groei('segmenten', 'segment')}) {waar} ORDER BY jaar, segment",
        gebied,
        {"jaar": jaar},
    )
    for rij in uit:
        _segmentvelden(rij, seg)
    return uit


def markt_aanbieders(
    con: duckdb.DuckDBPyConnection,
    jaar: int | None,
    gebied: Gebied,
    *,
    segment: str | None = None,
) -> list[dict[str, Any]]:
    """One row per (jaar, segment, aanbieder): naam, clienten, bedrag_cent, marktaandeel,
    cost per client (gemiddeld, mediaan, p90), duur_mediaan_dagen,
    startwachttijd_mediaan_dagen, and the growth fields of :func:`markt_segmenten`."""
    seg = gebied.segmentatie
    # Filtering after the growth window, so the previous year still counts.
    filters = ["jaar = $jaar"] if jaar is not None else []
    filters += ["segment = $segment"] if segment is not None else []
    waar = f"WHERE {' AND '.join(filters)}" if filters else ""
    uit = _query(
        con,
        (_AANBIEDERS, _VOOR_AANBIEDERS),
        f"SELECT * FROM ({_met_groei('aanbieders', 'segment, aanbieder')}) {waar} "
        "ORDER BY jaar, segment, bedrag_cent DESC, aanbieder",
        gebied,
        {"jaar": jaar, "segment": segment},
    )
    for rij in uit:
        _segmentvelden(rij, seg)
    return uit


def markt_volumes(
    con: duckdb.DuckDBPyConnection,
    jaar: int | None,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Net volume (debet minus credit) per (jaar, segment, aanbieder, eenheid).

    Volumes are only added within one eenheid (WJ756): hours, days and euros do not mix.
    """
    bereid(con, gebied.segmentatie, prestaties=True)
    waar, params = gebied.sql("gemeente")
    jaarfilter = "" if jaar is None else " AND jaar = $jaar"
    return rijen(
        con,
        f"""SELECT jaar, segment, any_value(segmentnaam) AS segmentnaam, aanbieder, eenheid,
                   sum(netto_volume) AS volume, sum(netto) AS bedrag_cent
            FROM _pres WHERE true {waar}{jaarfilter}
            GROUP BY jaar, segment, aanbieder, eenheid
            ORDER BY jaar, segment, aanbieder, eenheid""",
        {"jaar": jaar, **params},
    )


def aanbieder_profielen(
    con: duckdb.DuckDBPyConnection,
    jaar: int | None,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Per aanbieder: the segments, products and gemeenten it works in, clients and spend.

    Activity is any toewijzing, levering or prestatie (in `jaar` when given: a toewijzing or
    levering running in that year, a prestatie attributed to it). ``clienten`` counts the
    clients with a levering, ``bedrag_cent`` is the net spend.
    """
    bereid(con, gebied.segmentatie, prestaties=True)
    waar, params = gebied.sql("gemeente")
    loopt = "" if jaar is None else " AND year(ingangsdatum) <= $jaar AND year(t_eind) >= $jaar"
    actief = "" if jaar is None else " AND year(begindatum) <= $jaar AND year(tot) >= $jaar"
    in_jaar = "" if jaar is None else " AND jaar = $jaar"
    # Each source is reduced to its distinct products (and the leveringen to their clients,
    # the prestaties to their sums) before they meet: the lists are built from thousands of
    # rows instead of millions.
    sql = f"""
    WITH act AS (
        SELECT DISTINCT aanbieder, domein, gemeente, coalesce(categorie, '') AS categorie,
               coalesce(productcode, '') AS productcode
        FROM (SELECT *, coalesce(einddatum, DATE '9999-12-31') AS t_eind FROM _toew)
        WHERE true {waar}{loopt}
        UNION SELECT DISTINCT aanbieder, domein, gemeente, categorie, productcode
        FROM _lev WHERE true {waar}{actief}
        UNION SELECT DISTINCT aanbieder, domein, gemeente, categorie, productcode
        FROM _pres WHERE true {waar}{in_jaar}
    ),
    clienten AS (
        SELECT aanbieder, count(DISTINCT client_id) AS clienten
        FROM _lev WHERE true {waar}{actief} GROUP BY aanbieder
    ),
    geld AS (
        SELECT aanbieder, sum(netto) AS bedrag_cent
        FROM _pres WHERE true {waar}{in_jaar} GROUP BY aanbieder
    )
    SELECT a.aanbieder, coalesce(any_value(n.naam), '') AS naam,
           list_sort(list_distinct(list(p.segment))) AS segmenten,
           list_sort(list_distinct(list(a.domein || ' ' || a.categorie || '/' || a.productcode)))
               AS producten,
           list_sort(list_distinct(list(a.gemeente))) AS gemeenten,
           coalesce(any_value(c.clienten), 0) AS clienten,
           coalesce(any_value(g.bedrag_cent), 0) AS bedrag_cent
    FROM act a JOIN _productsegment p USING (domein, categorie, productcode)
    LEFT JOIN aanbieder n ON n.aanbieder = a.aanbieder
    LEFT JOIN clienten c ON c.aanbieder = a.aanbieder
    LEFT JOIN geld g ON g.aanbieder = a.aanbieder
    GROUP BY a.aanbieder ORDER BY a.aanbieder
    """
    return rijen(con, sql, {"jaar": jaar, **params})
