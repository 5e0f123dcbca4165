"""The relations every analysis reads, and how to put them into an in-memory DuckDB.

The analyses in :mod:`passend.analysis` run on *any* DuckDB connection that holds the
relations below (tables, views or registered Arrow tables) with these column names; extra
columns are ignored. The adapters in :mod:`passend.bronnen` build them from the Django
database or a Parquet snapshot; a notebook user or a benchmark can feed Arrow tables directly
(:func:`verbind`, :class:`passend.analysis.bron.ArrowBron`).

Relation schema (DuckDB types; ``NULL`` only where noted)::

    client      client_id BIGINT        internal id, the join key of every care relation
                pseudoniem VARCHAR      keyed pseudonym of the BSN (never the BSN itself)
                geboortedatum DATE NULL as delivered; NULL when unknown
                gemeente VARCHAR NULL   gemeente of the first message seen (not used for
                                        attribution: analyses use the gemeente of the care)
    toewijzing  domein VARCHAR          'jeugd' | 'wmo'
                gemeente VARCHAR        CBS gemeentecode (4 digits) of the message
                aanbieder VARCHAR       AGB code (8 digits)
                client_id BIGINT
                toewijzingnummer BIGINT unique per (domein, gemeente, aanbieder)
                categorie VARCHAR NULL  JZ020 / WMO020 productcategorie (NULL: generiek)
                productcode VARCHAR NULL (NULL: aspecifiek or generiek)
                toewijzingsdatum DATE   the day the gemeente decided
                ingangsdatum DATE       first day the care may be delivered
                einddatum DATE NULL
                volume BIGINT NULL      the Omvang: volume, eenheid (WJ756), frequentie
                eenheid VARCHAR NULL    (WMO757: 1 dag, 2 week, 4 maand, 6 totaal binnen de
                frequentie VARCHAR NULL geldigheidsduur); NULL without an Omvang
                budget BIGINT NULL      eurocent (aspecifiek or generiek with a budget)
    levering    domein, gemeente, aanbieder, client_id as above
                toewijzingnummer BIGINT NULL
                categorie VARCHAR NULL  NULL: taken from the toewijzing (same four keys)
                productcode VARCHAR NULL
                begindatum DATE         start zorg (305)
                einddatum DATE NULL     stop zorg (307); NULL: no stop yet, still running
                reden_beeindiging VARCHAR NULL  JZ588 / WMO588 code of the stop
    prestatie   domein, gemeente, aanbieder  of the declaratie (323)
                client_id BIGINT, toewijzingnummer BIGINT
                categorie VARCHAR, productcode VARCHAR NULL
                periode_begin DATE, periode_eind DATE   the ProductPeriode
                volume BIGINT, eenheid VARCHAR          WJ756 eenheid
                bedrag BIGINT           IngediendBedrag in eurocent, unsigned
                debet_credit VARCHAR    'D' | 'C' (credit counts negative)
                tarief BIGINT NULL      ProductTarief in eurocent per eenheid (NULL: none)
                dagtekening DATE NULL   of the declaratie the line came in
                toegekend BIGINT NULL   eurocent, unsigned: what the gemeente's answer
                                        (JW325/WMO325) granted: `bedrag`, or 0 when it
                                        rejected the line; NULL: no answer loaded
    aanbieder   aanbieder VARCHAR (AGB), naam VARCHAR
    gemeente    gemeente VARCHAR (CBS code), naam VARCHAR, jeugdregio VARCHAR
    bevolking   gemeente VARCHAR, jaar INTEGER, leeftijd INTEGER, aantal INTEGER
                inhabitants of that age on 1 January of `jaar`
    toekomstplan  (optional: empty when absent)
                pseudoniem VARCHAR      of the youth's BSN, joins client.pseudoniem
                gemeente VARCHAR        the gemeente that registered the plan
                datum_plan DATE         one row per plan (a revision is another row)
                regiehouder VARCHAR NULL  AGB code or role code of the regiehouder
                datum_overdracht_gestart DATE NULL  handover to adult support began
                domeinen VARCHAR        codes of passend.domain.toekomstplan, comma-separated
    zrm         (optional: empty when absent)
                pseudoniem VARCHAR      of the client's BSN, joins client.pseudoniem
                gemeente VARCHAR        the gemeente that registered the score
                aanbieder VARCHAR NULL  AGB code of the aanbieder that measured (NULL: toegang)
                domein VARCHAR          a code of passend.domain.zrm.ZRM_DOMEINEN
                datum DATE              date of the measurement
                score INTEGER           1 (acute problematiek) ... 5 (volledig zelfredzaam)
    oordeel     (optional: empty when absent)
                pseudoniem VARCHAR      of the client's BSN, joins client.pseudoniem
                aanbieder VARCHAR       AGB code of the aanbieder of the traject
                einddatum DATE          the traject's einddatum (joins levering.einddatum)
                informant VARCHAR       'jeugdige' or 'ouder'
                tevredenheid INTEGER NULL  report mark 1-10
                zonder_hulp VARCHAR NULL   01-04 (passend.domain.clientoordeel)

A snapshot is one Parquet file per relation (``<naam>.parquet``) in one directory, written
by :func:`passend.analysis.bron.schrijf_snapshot` with DuckDB's built-in Parquet writer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa

#: The columns of every relation with their Arrow type: the single source for the adapter,
#: the snapshot and the benchmark generator. Plain names, so that finding the current
#: snapshot needs no pyarrow; :data:`SCHEMA` holds them as Arrow schemas.
#: The leading columns of toewijzing, levering and prestatie: who, for whom, which product.
_ZORGREGEL = (
    ("domein", "string"),
    ("gemeente", "string"),
    ("aanbieder", "string"),
    ("client_id", "int64"),
    ("toewijzingnummer", "int64"),
    ("categorie", "string"),
    ("productcode", "string"),
)
KOLOMMEN: dict[str, tuple[tuple[str, str], ...]] = {
    "client": (
        ("client_id", "int64"),
        ("pseudoniem", "string"),
        ("geboortedatum", "date32"),
        ("gemeente", "string"),
    ),
    "toewijzing": (
        *_ZORGREGEL,
        ("toewijzingsdatum", "date32"),
        ("ingangsdatum", "date32"),
        ("einddatum", "date32"),
        ("volume", "int64"),
        ("eenheid", "string"),
        ("frequentie", "string"),
        ("budget", "int64"),
    ),
    "levering": (
        *_ZORGREGEL,
        ("begindatum", "date32"),
        ("einddatum", "date32"),
        ("reden_beeindiging", "string"),
    ),
    "prestatie": (
        *_ZORGREGEL,
        ("periode_begin", "date32"),
        ("periode_eind", "date32"),
        ("volume", "int64"),
        ("eenheid", "string"),
        ("bedrag", "int64"),
        ("debet_credit", "string"),
        ("tarief", "int64"),
        ("dagtekening", "date32"),
        ("toegekend", "int64"),
    ),
    "aanbieder": (("aanbieder", "string"), ("naam", "string")),
    "gemeente": (("gemeente", "string"), ("naam", "string"), ("jeugdregio", "string")),
    "bevolking": (
        ("gemeente", "string"),
        ("jaar", "int32"),
        ("leeftijd", "int32"),
        ("aantal", "int32"),
    ),
    "toekomstplan": (
        ("pseudoniem", "string"),
        ("gemeente", "string"),
        ("datum_plan", "date32"),
        ("regiehouder", "string"),
        ("datum_overdracht_gestart", "date32"),
        ("domeinen", "string"),
    ),
    "zrm": (
        ("pseudoniem", "string"),
        ("gemeente", "string"),
        ("aanbieder", "string"),
        ("domein", "string"),
        ("datum", "date32"),
        ("score", "int32"),
    ),
    "oordeel": (
        ("pseudoniem", "string"),
        ("aanbieder", "string"),
        ("einddatum", "date32"),
        ("informant", "string"),
        ("tevredenheid", "int32"),
        ("zonder_hulp", "string"),
    ),
}

RELATIES = tuple(KOLOMMEN)
#: Relations a connection may lack: they are created empty (registers that not every region
#: keeps, so tables of one's own need not carry them).
OPTIONEEL = ("toekomstplan", "zrm", "oordeel")


def als_arrow(velden: tuple[tuple[str, str], ...]) -> pa.Schema:
    """Columns as (name, pyarrow type name) pairs as an Arrow schema (pyarrow is imported
    here, when first needed)."""
    import pyarrow as pa

    return pa.schema([(kolom, getattr(pa, soort)()) for kolom, soort in velden])


@cache
def arrow_schema() -> dict[str, pa.Schema]:
    """:data:`KOLOMMEN` as Arrow schemas."""
    return {naam: als_arrow(velden) for naam, velden in KOLOMMEN.items()}


def __getattr__(naam: str) -> Any:
    if naam == "SCHEMA":  # the Arrow schemas, built on first use
        return arrow_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


class OntbrekendeRelatie(ValueError):
    """The connection lacks a relation or column the analyses need."""


def verbind(tabellen: Mapping[str, pa.Table]) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection with each Arrow table registered under its name."""
    con = duckdb.connect()
    for naam, tabel in tabellen.items():
        con.register(naam, tabel)
    controleer(con)
    return con


def controleer(con: duckdb.DuckDBPyConnection) -> None:
    """Raise :class:`OntbrekendeRelatie` when a relation or column is missing; an optional
    relation that is missing is created empty."""
    vul_optioneel(con)
    ontbrekend = []
    for naam, velden in KOLOMMEN.items():
        try:
            kolommen = {rij[0] for rij in con.execute(f"DESCRIBE {naam}").fetchall()}
        except duckdb.CatalogException:
            ontbrekend.append(f"relatie '{naam}'")
            continue
        ontbrekend += [f"{naam}.{k}" for k, _ in velden if k not in kolommen]
    if ontbrekend:
        raise OntbrekendeRelatie(
            "De analyseverbinding mist: " + ", ".join(ontbrekend) + ". Zie het relatieschema "
            "in passend.analysis.relaties."
        )


def vul_optioneel(con: duckdb.DuckDBPyConnection, *, opslaan: bool = False) -> None:
    """Create each missing relation of :data:`OPTIONEEL` as an empty table of its schema:
    registered on this connection, or with `opslaan` a table in its database."""
    for naam in OPTIONEEL:
        try:
            con.execute(f"DESCRIBE {naam}")
        except duckdb.CatalogException:
            leeg = arrow_schema()[naam].empty_table()
            if not opslaan:
                con.register(naam, leeg)
                continue
            con.register("_leeg", leeg)
            con.execute(f"CREATE TABLE main.{naam} AS FROM _leeg")
            con.unregister("_leeg")


def peildatum(con: duckdb.DuckDBPyConnection) -> date | None:
    """The data's last date: the latest date on which something was recorded.

    The latest of levering begin/einddatum, toewijzingsdatum and ProductPeriode einddatum.
    Planned dates (toewijzing ingangs-/einddatum) are left out: they may lie in the future.
    """
    rij = con.execute(
        """
        SELECT greatest(
            (SELECT max(greatest(begindatum, coalesce(einddatum, begindatum))) FROM levering),
            (SELECT max(toewijzingsdatum) FROM toewijzing),
            (SELECT max(periode_eind) FROM prestatie))
        """
    ).fetchall()
    return rij[0][0] if rij else None
