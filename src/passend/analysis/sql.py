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
    the prestaties summed per jaar (year of the ProductPeriode begindatum), domein, gemeente,
    aanbieder, client, product and eenheid, with segment, signed ``netto``/``netto_volume``
    (debet positive, credit negative) and ``regels`` (the line count). Only after
    ``bereid(..., prestaties=True)`` (a pass over every line that the transition analyses do
    not need).
``_productsegment``
    every product in the data with its segment.

:func:`bewaar_voorbereiding` stores these in a snapshot's database, so a connection over it
prepares nothing. Results the analyses derive from them within a connection (cohorts, the
Wmo inflow, the market intermediates) are temporary tables named ``_cache_*``
(:data:`CACHE_PREFIX`), all dropped whenever the prepared relations are rebuilt.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import duckdb

from passend.analysis.relaties import als_arrow, controleer, vul_optioneel
from passend.domain.codelists import CATEGORIEEN_MET_VERBLIJF

if TYPE_CHECKING:
    import pyarrow as pa

    from passend.analysis.segmentatie import Segmentatie

OPEN_EINDE = "DATE '9999-12-31'"

#: The analyses' SQL macros (created by :func:`macros`): verjaardag(g, n), the n-th birthday
#: (29 February -> 1 March in a non-leap year, as in passend.domain.age); leeftijd_op(g, p),
#: completed years on p.
MACROS = (
    "schrikkeljaar(j) AS ((j % 4 = 0 AND j % 100 <> 0) OR j % 400 = 0)",
    "verjaardag(g, n) AS CASE "
    "WHEN month(g) = 2 AND day(g) = 29 AND NOT schrikkeljaar(year(g) + n) "
    "THEN make_date(year(g) + n, 3, 1) "
    "ELSE make_date(year(g) + n, month(g), day(g)) END",
    "leeftijd_op(g, p) AS CASE WHEN p < g THEN 0 "
    "ELSE year(p) - year(g) - CASE WHEN verjaardag(g, year(p) - year(g)) > p THEN 1 ELSE 0 END "
    "END",
)

_VERBLIJF = ", ".join(f"'{c}'" for c in sorted(CATEGORIEEN_MET_VERBLIJF))

#: The latest version of each toewijzing in relation {bron}.
_TOEW_LAATSTE = """
SELECT * FROM {bron}
QUALIFY row_number() OVER (PARTITION BY domein, gemeente, aanbieder, toewijzingnummer
                           ORDER BY toewijzingsdatum DESC, ingangsdatum DESC) = 1
"""

_TOEW_KOPIE = """
SELECT domein, gemeente, aanbieder, toewijzingnummer, client_id,
       nullif(categorie, '') AS categorie, nullif(productcode, '') AS productcode,
       toewijzingsdatum, ingangsdatum, einddatum
FROM toewijzing
"""

_LEV_BASIS = f"""
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

#: The prestaties summed per (jaar, domein, gemeente, aanbieder, client, product, eenheid):
#: every analysis of spend and volume adds within such a group, so it reads these (about a
#: sixth of the lines nationally) instead of every line; ``regels`` keeps the line count.
_PRES_BASIS = """
SELECT domein, gemeente, aanbieder, client_id, coalesce(categorie, '') AS categorie,
       coalesce(productcode, '') AS productcode, eenheid,
       CAST(year(periode_begin) AS INTEGER) AS jaar,
       sum(CASE WHEN debet_credit = 'C' THEN -bedrag ELSE bedrag END) AS netto,
       sum(CASE WHEN debet_credit = 'C' THEN -volume ELSE volume END) AS netto_volume,
       count(*) AS regels
FROM prestatie
GROUP BY ALL
"""

_PRODUCTEN = """
SELECT DISTINCT domein, categorie, productcode FROM (
    SELECT domein, coalesce(categorie, '') AS categorie, coalesce(productcode, '') AS productcode
    FROM _toew
    UNION ALL SELECT domein, categorie, productcode FROM _lev_basis)
"""

_PRESTATIEPRODUCTEN = """
SELECT DISTINCT domein, categorie, productcode FROM _pres_basis
EXCEPT SELECT domein, categorie, productcode FROM _productsegment
"""

_LEV = f"""
SELECT l.*, p.segment, p.segmentnaam, p.rangorde, p.apart,
       (l.domein = 'jeugd' AND l.categorie IN ({_VERBLIJF})) AS met_verblijf
FROM _lev_basis l JOIN _productsegment p USING (domein, categorie, productcode)
"""

_PRES = """
CREATE OR REPLACE TEMP VIEW _pres AS
SELECT r.domein, r.gemeente, r.aanbieder, r.client_id, r.categorie, r.productcode,
       p.segment, p.segmentnaam, p.apart, r.eenheid, r.jaar, r.netto, r.netto_volume, r.regels
FROM _pres_basis r
JOIN _productsegment p USING (domein, categorie, productcode)
"""


#: The product list with each product's segment.
_PRODUCTSEGMENT = (
    ("domein", "string"),
    ("categorie", "string"),
    ("productcode", "string"),
    ("segment", "string"),
    ("segmentnaam", "string"),
    ("rangorde", "int32"),
    ("apart", "bool_"),
)


@cache
def _productsegment_schema() -> pa.Schema:
    return als_arrow(_PRODUCTSEGMENT)  # only when a segment model is not stored


#: Marks a connection whose database holds the prepared relations (a stored analysis
#: snapshot, :func:`bewaar_voorbereiding`); its value is :data:`VOORBEREIDING_VERSIE`.
_VOORBEREID = "_passend_voorbereid"
#: Changes whenever the stored prepared relations change shape (an older snapshot is rebuilt).
#: 3: the optional relations are stored too, so a marked snapshot holds every relation.
#: 4: the macros are stored too.
VOORBEREIDING_VERSIE = 4
#: Identifies the macros a snapshot stores (4: it stores them, so a connection over it
#: creates none); a snapshot with other macros is not this version's.
MACROS_SLEUTEL = hashlib.sha256(";".join(MACROS).encode()).hexdigest()[:12]
#: Temporary tables named so hold results derived from the prepared relations (cohorts,
#: market intermediates); they are dropped whenever those are rebuilt.
CACHE_PREFIX = "_cache_"


def macros(con: duckdb.DuckDBPyConnection, *, opslaan: bool = False) -> None:
    """Create the macros for this connection, or with `opslaan` in its database (a snapshot
    stores them, so that connections over it create none)."""
    soort = "MACRO main." if opslaan else "TEMP MACRO "
    con.execute(";\n".join(f"CREATE OR REPLACE {soort}{m}" for m in MACROS))


def bereid(
    con: duckdb.DuckDBPyConnection,
    segmentatie: Segmentatie,
    *,
    opnieuw: bool = False,
    prestaties: bool = False,
) -> None:
    """Create the prepared relations unless they exist for this segmentation already.

    Pass `opnieuw` after changing the underlying relations on the same connection. Analyses
    that read ``_pres`` pass `prestaties`: only then are the prestaties summed (a pass over
    every line that the transition analyses do not need). On a stored snapshot
    (:func:`bewaar_voorbereiding`) everything segmentation-free is read as stored, and a
    segmentation stored with it costs nothing at all.
    """
    vingerafdruk = segmentatie.vingerafdruk
    vorige = _bereid_toestand(con)
    if opnieuw or vorige != vingerafdruk:
        uit_opslag = not opnieuw and opgeslagen(con)
        # The marker goes first: a later call then knows there may be something to drop,
        # even when this one fails halfway. Without one the connection is fresh.
        _markeer(con, None, uit_opslag)
        schoon = vorige is _GEEN and not opnieuw
        _bereid_zorg(con, segmentatie, opgeslagen=uit_opslag, opnieuw=opnieuw, schoon=schoon)
        _markeer(con, vingerafdruk, uit_opslag)
    if prestaties and not waarde(con, "SELECT getvariable('passend_prestaties')"):
        if not _bereid_uit_opslag(con):
            if not heeft_tabel(con, "temp._pres_basis"):
                con.execute(f"CREATE TEMP TABLE _pres_basis AS {_PRES_BASIS}")
            nieuw = con.execute(_PRESTATIEPRODUCTEN).fetchall()
            _voeg_producten_toe(con, nieuw, segmentatie)
        con.execute(_PRES)
        con.execute("SET VARIABLE passend_prestaties = true")


def _markeer(con: duckdb.DuckDBPyConnection, vingerafdruk: str | None, opgeslagen: bool) -> None:
    """The connection's markers are variables (per connection, like temporary tables, but
    reading an unset one gives NULL instead of raising, which costs a catalog search)."""
    # One round trip for both (a fingerprint is hexadecimal, so it is safe as a literal).
    if vingerafdruk and not re.fullmatch("[0-9a-f]+", vingerafdruk):
        raise ValueError(f"Geen vingerafdruk: {vingerafdruk!r}")
    con.execute(
        f"SET VARIABLE passend_bereid = '{vingerafdruk or ''}'; "
        f"SET VARIABLE passend_opgeslagen = {'true' if opgeslagen else 'false'}"
    )


def _bereid_zorg(
    con: duckdb.DuckDBPyConnection,
    segmentatie: Segmentatie,
    *,
    opgeslagen: bool,
    opnieuw: bool,
    schoon: bool,
) -> None:
    if not opgeslagen:  # a stored snapshot was checked whole when it was written
        controleer(con)
        macros(con)
    if not schoon:
        _vergeet_afgeleiden(con)
        tijdelijk = ["_lev", "_productsegment"]
        if opnieuw:
            tijdelijk += ["_toew", "_lev_basis", "_pres_basis"]
        for naam in tijdelijk:
            _verwijder_tijdelijk(con, naam)
    vingerafdruk = segmentatie.vingerafdruk
    if opgeslagen and heeft_tabel(con, f"main._lev_{vingerafdruk}"):
        con.execute(
            ";".join(
                f"CREATE TEMP VIEW {naam} AS SELECT * FROM main.{naam}_{vingerafdruk}"
                for naam in ("_lev", "_productsegment")
            )
        )
        return
    if not opgeslagen and not heeft_tabel(con, "temp._lev_basis"):  # segmentation-free
        _maak_toew(con, "temp")
        con.execute(f"CREATE OR REPLACE TEMP TABLE _lev_basis AS {_LEV_BASIS}")
    _maak_productsegment(con, segmentatie, opgeslagen=opgeslagen)
    con.execute(f"CREATE TEMP TABLE _lev AS {_LEV}")


def _verwijder_tijdelijk(con: duckdb.DuckDBPyConnection, naam: str) -> None:
    """Drop the temporary table or view `naam` (it is one or the other, or absent)."""
    soort = waarde(
        con,
        f"SELECT 'TABLE' FROM duckdb_tables() WHERE {_TIJDELIJK} AND table_name = $n "
        f"UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE {_TIJDELIJK} AND view_name = $n",
        {"n": naam},
    )
    if soort:
        con.execute(f"DROP {soort} temp.{naam}")


def _bereid_uit_opslag(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the current prepared relations come from a stored snapshot."""
    return bool(waarde(con, "SELECT getvariable('passend_opgeslagen')"))


def _maak_productsegment(
    con: duckdb.DuckDBPyConnection, segmentatie: Segmentatie, *, opgeslagen: bool
) -> None:
    con.register("_productsegment_leeg", _productsegment_schema().empty_table())
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _productsegment AS SELECT * FROM _productsegment_leeg"
    )
    con.unregister("_productsegment_leeg")
    # A stored snapshot lists every product (prestaties too), so no pass over the lines.
    producten = "SELECT * FROM main._producten" if opgeslagen else _PRODUCTEN
    _voeg_producten_toe(con, con.execute(producten).fetchall(), segmentatie)


def _vergeet_afgeleiden(con: duckdb.DuckDBPyConnection) -> None:
    """Drop results cached on the old prepared relations."""
    con.execute("RESET VARIABLE passend_prestaties")
    _verwijder_tijdelijk(con, "_pres")
    namen = con.execute(
        f"SELECT table_name FROM duckdb_tables() WHERE {_TIJDELIJK} AND starts_with(table_name, ?)",
        [CACHE_PREFIX],
    ).fetchall()
    for (naam,) in namen:
        con.execute(f"DROP TABLE temp.{naam}")


def opgeslagen(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `con`'s database is an analysis snapshot of this version: every relation
    checked and stored, with the prepared relations (:func:`bewaar_voorbereiding`)."""
    try:
        # Read whole: DuckDB refuses other work on a connection while a result is open.
        rijen = con.execute(f"SELECT * FROM main.{_VOORBEREID}").fetchall()
    except duckdb.CatalogException:
        return False
    return rijen == [(VOORBEREIDING_VERSIE, MACROS_SLEUTEL)]


def bewaar_voorbereiding(con: duckdb.DuckDBPyConnection, segmentaties: list[Segmentatie]) -> None:
    """Store the prepared relations as tables of `con`'s database, next to the relations
    (the analysis snapshot): the segmentation-free ones, every product with its segment and
    ``_lev`` for each of `segmentaties`. A connection over that database later skips
    :func:`bereid`'s work (for another segmentation only ``_lev`` is joined anew)."""
    vul_optioneel(con, opslaan=True)
    controleer(con)
    macros(con)
    _maak_toew(con, "main")
    con.execute(f"CREATE OR REPLACE TABLE main._lev_basis AS {_LEV_BASIS}")
    # Ordered by year, so a year's filter skips the other years' row groups (zone maps).
    con.execute(f"CREATE OR REPLACE TABLE main._pres_basis AS {_PRES_BASIS} ORDER BY jaar")
    con.execute(
        f"CREATE OR REPLACE TABLE main._producten AS {_PRODUCTEN} "
        "UNION SELECT DISTINCT domein, categorie, productcode FROM main._pres_basis"
    )
    for segmentatie in {s.vingerafdruk: s for s in segmentaties}.values():
        con.execute("RESET VARIABLE passend_bereid")
        _maak_productsegment(con, segmentatie, opgeslagen=True)
        v = segmentatie.vingerafdruk
        con.execute(f"CREATE OR REPLACE TABLE main._productsegment_{v} AS FROM _productsegment")
        con.execute(f"CREATE OR REPLACE TABLE main._lev_{v} AS {_LEV}")
        con.execute("DROP TABLE temp._productsegment")
    macros(con, opslaan=True)
    con.execute(
        f"CREATE OR REPLACE TABLE main.{_VOORBEREID} AS SELECT ? AS versie, ? AS macros",
        [VOORBEREIDING_VERSIE, MACROS_SLEUTEL],
    )


def _voeg_producten_toe(
    con: duckdb.DuckDBPyConnection, producten: list[tuple[str, str, str]], seg: Segmentatie
) -> None:
    con.register("_productsegment_arrow", _productsegment_tabel(producten, seg))
    con.execute("INSERT INTO temp._productsegment SELECT * FROM _productsegment_arrow")
    con.unregister("_productsegment_arrow")


#: The catalog functions list the system database's entries too unless told which database
#: to read: naming it keeps a connection's first lookup at 0.7 ms instead of 5 ms.
_TIJDELIJK = "database_name = 'temp'"
_DATABASES = {
    "": "database_name IN ('temp', current_database())",
    "temp": _TIJDELIJK,
    "main": "database_name = current_database() AND schema_name = 'main'",
}


def heeft_tabel(con: duckdb.DuckDBPyConnection, naam: str) -> bool:
    """Whether the connection has a table `naam`, optionally qualified by ``temp.`` or
    ``main.`` (the connection's own database)."""
    schema, _, tabel = naam.rpartition(".")
    return bool(
        waarde(
            con,
            f"SELECT count(*) FROM duckdb_tables() WHERE {_DATABASES[schema]} AND table_name = $t",
            {"t": tabel},
        )
    )


def _toew_dubbel(con: duckdb.DuckDBPyConnection, naam: str) -> bool:
    return bool(
        waarde(
            con,
            f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT domein, gemeente, "
            f"aanbieder, toewijzingnummer FROM {naam})) FROM {naam}",
        )
    )


def _maak_toew(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """_toew in `schema` ('temp' for a connection, 'main' for a stored snapshot); the
    de-duplicating sort is skipped when the natural key is already unique."""
    soort = "TEMP TABLE" if schema == "temp" else "TABLE"
    doel = f"{schema}._toew"
    con.execute(f"CREATE OR REPLACE {soort} {doel} AS {_TOEW_KOPIE}")
    if _toew_dubbel(con, doel):
        con.execute(f"CREATE OR REPLACE {soort} {doel} AS {_TOEW_LAATSTE.format(bron=doel)}")


#: :func:`_bereid_toestand` of a connection that was never prepared.
_GEEN = "<geen>"


def _bereid_toestand(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the prepared relations were built for; None while (or after failing
    while) building them; :data:`_GEEN` when they never were."""
    uit = waarde(con, "SELECT getvariable('passend_bereid')")
    return _GEEN if uit is None else (str(uit) or None)


def bereid_voor(con: duckdb.DuckDBPyConnection) -> str | None:
    """The segmentation fingerprint the prepared relations were built for (None: not yet)."""
    uit = _bereid_toestand(con)
    return None if uit is _GEEN else uit


def _productsegment_tabel(
    producten: list[tuple[str, str, str]], segmentatie: Segmentatie
) -> pa.Table:
    rijen = []
    for domein, categorie, code in producten:
        s = segmentatie.segment(segmentatie.segment_van(domein, categorie, code))
        rijen.append((domein, categorie, code, s.code, s.naam, s.rangorde, s.apart))
    import pyarrow as pa

    schema = _productsegment_schema()
    kolommen = list(zip(*rijen, strict=True)) if rijen else [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(k, type=t) for k, t in zip(kolommen, schema.types, strict=True)],
        schema=schema,
    )


def waarde(
    con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any] | None = None
) -> Any:
    """The first column of the first row (None without rows). The result is read whole:
    DuckDB refuses other work on a connection while a result is still open."""
    uit = con.execute(sql, params or {}).fetchall()
    return uit[0][0] if uit else None


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
