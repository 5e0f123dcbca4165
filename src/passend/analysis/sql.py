"""SQL plumbing shared by the analyses (public: the strategy inputs and benchmarks use it too):
date macros, prepared relations, filters, row fetch.

:func:`bereid` derives a few temporary relations from the documented ones (see
:mod:`passend.analysis.relaties`), once per connection and segmentation:

``_toew``
    toewijzing, one row per (domein, gemeente, aanbieder, toewijzingnummer): when a source
    holds several versions the latest toewijzingsdatum wins, so joins never multiply rows.
``_lev``
    levering with its categorie/productcode completed from the toewijzing when the levering
    itself has none, plus ``tot`` (einddatum, or 9999-12-31 while open), the segment and
    ``met_verblijf`` (a Jeugd levering of a verblijf categorie, CBS hulpvorm 11-14).
``_pres``
    prestatie with segment, ``jaar`` (year of the ProductPeriode begindatum) and signed
    ``netto``/``netto_volume`` (debet positive, credit negative). Complete only after
    ``bereid(..., prestaties=True)``, which segments the products of the prestaties too (a
    pass over every line that the transition analyses do not need).
``_productsegment``
    every product in the data with its segment.

The market analysis adds ``_markt_per_client`` (see :mod:`passend.analysis.markt`); it is
dropped whenever the prepared relations are rebuilt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from passend.analysis.relaties import controleer
from passend.domain.codelists import CATEGORIEEN_MET_VERBLIJF

if TYPE_CHECKING:
    from passend.analysis.segmentatie import Segmentatie

OPEN_EINDE = "DATE '9999-12-31'"

#: verjaardag(g, n): the n-th birthday (29 February -> 1 March in a non-leap year, as in
#: passend.domain.age); leeftijd_op(g, p): completed years on p.
MACROS = (
    "CREATE OR REPLACE TEMP MACRO schrikkeljaar(j) AS "
    "((j % 4 = 0 AND j % 100 <> 0) OR j % 400 = 0)",
    "CREATE OR REPLACE TEMP MACRO verjaardag(g, n) AS CASE "
    "WHEN month(g) = 2 AND day(g) = 29 AND NOT schrikkeljaar(year(g) + n) "
    "THEN make_date(year(g) + n, 3, 1) "
    "ELSE make_date(year(g) + n, month(g), day(g)) END",
    "CREATE OR REPLACE TEMP MACRO leeftijd_op(g, p) AS CASE WHEN p < g THEN 0 "
    "ELSE year(p) - year(g) - CASE WHEN verjaardag(g, year(p) - year(g)) > p THEN 1 ELSE 0 END "
    "END",
)

_VERBLIJF = ", ".join(f"'{c}'" for c in sorted(CATEGORIEEN_MET_VERBLIJF))

_TOEW = """
CREATE OR REPLACE TEMP TABLE _toew_uniek AS
SELECT * FROM _toew
QUALIFY row_number() OVER (PARTITION BY domein, gemeente, aanbieder, toewijzingnummer
                           ORDER BY toewijzingsdatum DESC, ingangsdatum DESC) = 1
"""

_TOEW_KOPIE = """
CREATE OR REPLACE TEMP TABLE _toew AS
SELECT domein, gemeente, aanbieder, toewijzingnummer, client_id,
       nullif(categorie, '') AS categorie, nullif(productcode, '') AS productcode,
       toewijzingsdatum, ingangsdatum, einddatum
FROM toewijzing
"""

_LEV_BASIS = f"""
CREATE OR REPLACE TEMP TABLE _lev_basis AS
SELECT l.client_id, l.domein, l.gemeente, l.aanbieder, l.toewijzingnummer,
       coalesce(nullif(l.categorie, ''), t.categorie, '') AS categorie,
       CASE WHEN nullif(l.categorie, '') IS NULL THEN coalesce(t.productcode, '')
            ELSE coalesce(l.productcode, '') END AS productcode,
       l.begindatum, l.einddatum, coalesce(l.einddatum, {OPEN_EINDE}) AS tot,
       l.reden_beeindiging
FROM levering l
LEFT JOIN _toew t ON t.domein = l.domein AND t.gemeente = l.gemeente
    AND t.aanbieder = l.aanbieder AND t.toewijzingnummer = l.toewijzingnummer
"""

_PRODUCTEN = """
SELECT DISTINCT domein, categorie, productcode FROM (
    SELECT domein, coalesce(categorie, '') AS categorie, coalesce(productcode, '') AS productcode
    FROM _toew
    UNION ALL SELECT domein, categorie, productcode FROM _lev_basis)
"""

_PRESTATIEPRODUCTEN = """
SELECT DISTINCT domein, coalesce(categorie, ''), coalesce(productcode, '') FROM prestatie
EXCEPT SELECT domein, categorie, productcode FROM _productsegment
"""

_LEV = f"""
CREATE OR REPLACE TEMP TABLE _lev AS
SELECT l.*, p.segment, p.segmentnaam, p.rangorde, p.apart,
       (l.domein = 'jeugd' AND l.categorie IN ({_VERBLIJF})) AS met_verblijf
FROM _lev_basis l JOIN _productsegment p USING (domein, categorie, productcode)
"""

_PRES = """
CREATE OR REPLACE TEMP VIEW _pres AS
SELECT r.domein, r.gemeente, r.aanbieder, r.client_id, r.toewijzingnummer,
       coalesce(r.categorie, '') AS categorie, coalesce(r.productcode, '') AS productcode,
       p.segment, p.segmentnaam, p.apart, r.eenheid,
       year(r.periode_begin) AS jaar,
       CASE WHEN r.debet_credit = 'C' THEN -r.bedrag ELSE r.bedrag END AS netto,
       CASE WHEN r.debet_credit = 'C' THEN -r.volume ELSE r.volume END AS netto_volume
FROM prestatie r
JOIN _productsegment p ON p.domein = r.domein AND p.categorie = coalesce(r.categorie, '')
    AND p.productcode = coalesce(r.productcode, '')
"""

PRODUCTSEGMENT_SCHEMA = pa.schema(
    [
        ("domein", pa.string()),
        ("categorie", pa.string()),
        ("productcode", pa.string()),
        ("segment", pa.string()),
        ("segmentnaam", pa.string()),
        ("rangorde", pa.int32()),
        ("apart", pa.bool_()),
    ]
)


def macros(con: duckdb.DuckDBPyConnection) -> None:
    for sql in MACROS:
        con.execute(sql)


def bereid(
    con: duckdb.DuckDBPyConnection,
    segmentatie: Segmentatie,
    *,
    opnieuw: bool = False,
    prestaties: bool = False,
) -> None:
    """Create the prepared relations unless they exist for this segmentation already.

    Pass `opnieuw` after changing the underlying relations on the same connection. Analyses
    that read ``_pres`` pass `prestaties`: only then are the products of the prestaties
    segmented, which costs a pass over every prestatie line.
    """
    vingerafdruk = segmentatie.vingerafdruk
    if opnieuw or bereid_voor(con) != vingerafdruk:
        _bereid_zorg(con, segmentatie)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _passend_bereid AS SELECT ? AS vingerafdruk",
            [vingerafdruk],
        )
    if prestaties and not _heeft_tabel(con, "_passend_prestaties"):
        _voeg_producten_toe(con, con.execute(_PRESTATIEPRODUCTEN).fetchall(), segmentatie)
        con.execute("CREATE TEMP TABLE _passend_prestaties AS SELECT true AS klaar")


def _bereid_zorg(con: duckdb.DuckDBPyConnection, segmentatie: Segmentatie) -> None:
    controleer(con)
    macros(con)
    # Results cached on the old tables are no longer valid.
    con.execute("DROP TABLE IF EXISTS _markt_sleutel")
    con.execute("DROP TABLE IF EXISTS _passend_prestaties")
    _maak_toew(con)
    con.execute(_LEV_BASIS)
    con.register("_productsegment_leeg", PRODUCTSEGMENT_SCHEMA.empty_table())
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _productsegment AS SELECT * FROM _productsegment_leeg"
    )
    con.unregister("_productsegment_leeg")
    _voeg_producten_toe(con, con.execute(_PRODUCTEN).fetchall(), segmentatie)
    con.execute(_LEV)
    con.execute("DROP TABLE _lev_basis")
    con.execute(_PRES)


def _voeg_producten_toe(
    con: duckdb.DuckDBPyConnection, producten: list[tuple[str, str, str]], seg: Segmentatie
) -> None:
    con.register("_productsegment_arrow", _productsegment_tabel(producten, seg))
    con.execute("INSERT INTO _productsegment SELECT * FROM _productsegment_arrow")
    con.unregister("_productsegment_arrow")


def _heeft_tabel(con: duckdb.DuckDBPyConnection, naam: str) -> bool:
    try:
        con.execute(f"SELECT 1 FROM {naam} LIMIT 1")
    except duckdb.CatalogException:
        return False
    return True


def _maak_toew(con: duckdb.DuckDBPyConnection) -> None:
    """_toew; the de-duplicating sort is skipped when the natural key is already unique."""
    con.execute(_TOEW_KOPIE)
    dubbel = con.execute(
        "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT domein, gemeente, aanbieder, "
        "toewijzingnummer FROM _toew)) FROM _toew"
    ).fetchone()
    if dubbel and dubbel[0]:
        con.execute(_TOEW)
        con.execute("DROP TABLE _toew")
        con.execute("ALTER TABLE _toew_uniek RENAME TO _toew")


def bereid_voor(con: duckdb.DuckDBPyConnection) -> str | None:
    """The segmentation fingerprint the prepared relations were built for (None: not yet)."""
    try:
        rij = con.execute("SELECT vingerafdruk FROM _passend_bereid").fetchone()
    except duckdb.CatalogException:
        return None
    return rij[0] if rij else None


def _productsegment_tabel(
    producten: list[tuple[str, str, str]], segmentatie: Segmentatie
) -> pa.Table:
    rijen = []
    for domein, categorie, code in producten:
        s = segmentatie.segment(segmentatie.segment_van(domein, categorie, code))
        rijen.append((domein, categorie, code, s.code, s.naam, s.rangorde, s.apart))
    kolommen = list(zip(*rijen, strict=True)) if rijen else [()] * len(PRODUCTSEGMENT_SCHEMA)
    return pa.Table.from_arrays(
        [pa.array(k, type=t) for k, t in zip(kolommen, PRODUCTSEGMENT_SCHEMA.types, strict=True)],
        schema=PRODUCTSEGMENT_SCHEMA,
    )


def rijen(
    con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run `sql` and return the rows as dicts (column name -> Python value).

    Only the parameters `sql` refers to (``$naam``) are passed: DuckDB rejects extra ones, and
    shared CTEs do not always use every filter.
    """
    gebruikt = set(re.findall(r"\$(\w+)", sql))
    cursor = con.execute(sql, {k: v for k, v in (params or {}).items() if k in gebruikt})
    namen = [kolom[0] for kolom in cursor.description]
    return [dict(zip(namen, rij, strict=True)) for rij in cursor.fetchall()]
