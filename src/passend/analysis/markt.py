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
from passend.analysis.sql import bereid, bereid_voor, rijen, waarde

# The heavy intermediates, built once per connection, segmentation and area as temp tables
# (each is read several times below): net spend per client, spend and share per aanbieder,
# and the duration / start-delay medians.
_CACHE = (
    (
        "_cache_markt_per_client",
        """
        SELECT jaar, segment, aanbieder, client_id,
               sum(netto) AS bedrag, sum(netto_volume) AS volume
        FROM _pres WHERE true {waar}{jaren} GROUP BY ALL""",
    ),
    (
        "_cache_markt_dagen",
        """
        WITH eerste AS (
            SELECT domein, gemeente, aanbieder, toewijzingnummer, min(begindatum) AS begin,
                   arg_min(segment, begindatum) AS segment
            FROM _lev WHERE toewijzingnummer IS NOT NULL {waar} GROUP BY ALL)
        SELECT year(einddatum) AS jaar, segment, aanbieder, 'duur' AS soort,
               einddatum - begindatum + 1 AS dagen
        FROM _lev WHERE einddatum IS NOT NULL {waar}{jaren_eind}
        UNION ALL
        SELECT year(e.begin), e.segment, e.aanbieder, 'wacht',
               greatest(0, e.begin - t.ingangsdatum)
        FROM eerste e JOIN _toew t USING (domein, gemeente, aanbieder, toewijzingnummer)
        WHERE true {jaren_begin}""",
    ),
    (
        "_cache_markt_mediaan_a",
        """
        SELECT jaar, segment, aanbieder, {medianen} FROM _cache_markt_dagen GROUP BY ALL""",
    ),
    (
        "_cache_markt_mediaan_s",
        """
        SELECT jaar, segment, {medianen} FROM _cache_markt_dagen GROUP BY ALL""",
    ),
    (
        "_cache_markt_aandeel",
        """
        WITH geld AS (
            SELECT jaar, segment, aanbieder, sum(bedrag) AS bedrag_cent, {kosten}
            FROM _cache_markt_per_client GROUP BY ALL)
        SELECT *,
            CASE WHEN bedrag_cent > 0 THEN bedrag_cent / sum(CASE WHEN bedrag_cent > 0
                THEN bedrag_cent END) OVER (PARTITION BY jaar, segment) END AS marktaandeel,
            row_number() OVER (PARTITION BY jaar, segment ORDER BY bedrag_cent DESC, aanbieder)
                AS rang
        FROM geld""",
    ),
    (
        "_cache_markt_geld_s",
        """
        WITH per_segment_client AS (
            SELECT jaar, segment, client_id, sum(bedrag) AS bedrag
            FROM _cache_markt_per_client GROUP BY ALL)
        SELECT jaar, segment, sum(bedrag) AS bedrag_cent, {kosten}
        FROM per_segment_client GROUP BY ALL""",
    ),
)

_MEDIANEN = """
    CAST(median(dagen) FILTER (WHERE soort = 'duur') AS DOUBLE) AS duur_mediaan_dagen,
    CAST(median(dagen) FILTER (WHERE soort = 'wacht') AS DOUBLE) AS startwachttijd_mediaan_dagen
"""

_KOSTEN = """
    count(*) FILTER (WHERE bedrag > 0) AS clienten,
    avg(bedrag) FILTER (WHERE bedrag > 0) AS kosten_per_client_gemiddeld_cent,
    quantile_cont(bedrag, 0.5) FILTER (WHERE bedrag > 0) AS kosten_per_client_mediaan_cent,
    quantile_cont(bedrag, 0.9) FILTER (WHERE bedrag > 0) AS kosten_per_client_p90_cent
"""

_TABELLEN = """
sleutels AS (
    SELECT jaar, segment, aanbieder FROM _cache_markt_aandeel
    UNION SELECT jaar, segment, aanbieder FROM _cache_markt_mediaan_a
),
aanbieders AS (
    SELECT s.jaar, s.segment, s.aanbieder, coalesce(n.naam, '') AS naam,
           coalesce(a.clienten, 0) AS clienten, coalesce(a.bedrag_cent, 0) AS bedrag_cent,
           a.marktaandeel, a.kosten_per_client_gemiddeld_cent,
           a.kosten_per_client_mediaan_cent, a.kosten_per_client_p90_cent,
           m.duur_mediaan_dagen, m.startwachttijd_mediaan_dagen
    FROM sleutels s LEFT JOIN _cache_markt_aandeel a USING (jaar, segment, aanbieder)
    LEFT JOIN _cache_markt_mediaan_a m USING (jaar, segment, aanbieder)
    LEFT JOIN aanbieder n ON n.aanbieder = s.aanbieder
),
concentratie AS (
    SELECT jaar, segment, count(*) FILTER (WHERE bedrag_cent > 0) AS aanbieders,
           sum(marktaandeel * marktaandeel) * 10000 AS hhi,
           sum(marktaandeel) FILTER (WHERE rang <= 3) AS top3_aandeel,
           arg_max(aanbieder, bedrag_cent) FILTER (WHERE bedrag_cent > 0) AS grootste_aanbieder,
           max(marktaandeel) AS grootste_aandeel
    FROM _cache_markt_aandeel GROUP BY ALL
),
segmenten AS (
    SELECT s.jaar, s.segment, coalesce(c.aanbieders, 0) AS aanbieders,
           coalesce(g.clienten, 0) AS clienten, coalesce(g.bedrag_cent, 0) AS bedrag_cent,
           g.kosten_per_client_gemiddeld_cent, g.kosten_per_client_mediaan_cent,
           g.kosten_per_client_p90_cent, c.hhi, c.top3_aandeel, c.grootste_aanbieder,
           c.grootste_aandeel, m.duur_mediaan_dagen, m.startwachttijd_mediaan_dagen
    FROM (SELECT DISTINCT jaar, segment FROM sleutels) s
    LEFT JOIN _cache_markt_geld_s g USING (jaar, segment)
    LEFT JOIN concentratie c USING (jaar, segment)
    LEFT JOIN _cache_markt_mediaan_s m USING (jaar, segment)
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


def _markt_cache(con: duckdb.DuckDBPyConnection, gebied: Gebied, jaar: int | None) -> None:
    """Build the market intermediates for this area unless they exist already: for every
    year, or for `jaar` and the year before it (its growth) only.

    They are named ``_cache_*`` (:data:`passend.analysis.sql.CACHE_PREFIX`), so
    :func:`passend.analysis.sql.bereid` drops them, the marker included, when it rebuilds: a
    new segmentation or refreshed relations never meet stale intermediates.
    """
    basis = f"{bereid_voor(con)}|{gebied.gemeente}|{gebied.regio}"
    jaren = "alle" if jaar is None else f"{jaar - 1}-{jaar}"
    try:
        bekend = waarde(con, "SELECT sleutel FROM _cache_markt_sleutel")
    except duckdb.CatalogException:
        bekend = None
    if bekend in (f"{basis}|{jaren}", f"{basis}|alle"):
        return
    waar, params = gebied.sql("gemeente")
    gebruikt = {k: v for k, v in params.items() if f"${k}" in waar}
    filters = {"jaren": "", "jaren_eind": "", "jaren_begin": ""}
    if jaar is not None:
        gebruikt |= {"van": jaar - 1, "tot": jaar}
        filters = {
            "jaren": " AND jaar BETWEEN $van AND $tot",
            "jaren_eind": " AND year(einddatum) BETWEEN $van AND $tot",
            "jaren_begin": " AND year(e.begin) BETWEEN $van AND $tot",
        }
    for naam, sql in _CACHE:
        tekst = sql.format(waar=waar, medianen=_MEDIANEN, kosten=_KOSTEN, **filters)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {naam} AS {tekst}",
            {k: v for k, v in gebruikt.items() if f"${k}" in tekst},
        )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cache_markt_sleutel AS SELECT ? AS sleutel",
        [f"{basis}|{jaren}"],
    )


def _query(
    con: duckdb.DuckDBPyConnection,
    select: str,
    gebied: Gebied,
    params: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    bereid(con, gebied.segmentatie, prestaties=True)
    _markt_cache(con, gebied, (params or {}).get("jaar"))
    return rijen(con, f"WITH {_TABELLEN} {select}", params)


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
