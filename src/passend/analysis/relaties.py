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

import duckdb
import pyarrow as pa

#: The Arrow schema of every relation: the single source for the adapter, the snapshot and
#: the benchmark generator.
SCHEMA: dict[str, pa.Schema] = {
    "client": pa.schema(
        [
            ("client_id", pa.int64()),
            ("pseudoniem", pa.string()),
            ("geboortedatum", pa.date32()),
            ("gemeente", pa.string()),
        ]
    ),
    "toewijzing": pa.schema(
        [
            ("domein", pa.string()),
            ("gemeente", pa.string()),
            ("aanbieder", pa.string()),
            ("client_id", pa.int64()),
            ("toewijzingnummer", pa.int64()),
            ("categorie", pa.string()),
            ("productcode", pa.string()),
            ("toewijzingsdatum", pa.date32()),
            ("ingangsdatum", pa.date32()),
            ("einddatum", pa.date32()),
            ("volume", pa.int64()),
            ("eenheid", pa.string()),
            ("frequentie", pa.string()),
            ("budget", pa.int64()),
        ]
    ),
    "levering": pa.schema(
        [
            ("domein", pa.string()),
            ("gemeente", pa.string()),
            ("aanbieder", pa.string()),
            ("client_id", pa.int64()),
            ("toewijzingnummer", pa.int64()),
            ("categorie", pa.string()),
            ("productcode", pa.string()),
            ("begindatum", pa.date32()),
            ("einddatum", pa.date32()),
            ("reden_beeindiging", pa.string()),
        ]
    ),
    "prestatie": pa.schema(
        [
            ("domein", pa.string()),
            ("gemeente", pa.string()),
            ("aanbieder", pa.string()),
            ("client_id", pa.int64()),
            ("toewijzingnummer", pa.int64()),
            ("categorie", pa.string()),
            ("productcode", pa.string()),
            ("periode_begin", pa.date32()),
            ("periode_eind", pa.date32()),
            ("volume", pa.int64()),
            ("eenheid", pa.string()),
            ("bedrag", pa.int64()),
            ("debet_credit", pa.string()),
            ("tarief", pa.int64()),
            ("dagtekening", pa.date32()),
            ("toegekend", pa.int64()),
        ]
    ),
    "aanbieder": pa.schema([("aanbieder", pa.string()), ("naam", pa.string())]),
    "gemeente": pa.schema(
        [("gemeente", pa.string()), ("naam", pa.string()), ("jeugdregio", pa.string())]
    ),
    "bevolking": pa.schema(
        [
            ("gemeente", pa.string()),
            ("jaar", pa.int32()),
            ("leeftijd", pa.int32()),
            ("aantal", pa.int32()),
        ]
    ),
    "toekomstplan": pa.schema(
        [
            ("pseudoniem", pa.string()),
            ("gemeente", pa.string()),
            ("datum_plan", pa.date32()),
            ("regiehouder", pa.string()),
            ("datum_overdracht_gestart", pa.date32()),
            ("domeinen", pa.string()),
        ]
    ),
    "zrm": pa.schema(
        [
            ("pseudoniem", pa.string()),
            ("gemeente", pa.string()),
            ("aanbieder", pa.string()),
            ("domein", pa.string()),
            ("datum", pa.date32()),
            ("score", pa.int32()),
        ]
    ),
    "oordeel": pa.schema(
        [
            ("pseudoniem", pa.string()),
            ("aanbieder", pa.string()),
            ("einddatum", pa.date32()),
            ("informant", pa.string()),
            ("tevredenheid", pa.int32()),
            ("zonder_hulp", pa.string()),
        ]
    ),
}

RELATIES = tuple(SCHEMA)
#: Relations a connection may lack: they are created empty (registers that not every region
#: keeps, so tables of one's own need not carry them).
OPTIONEEL = ("toekomstplan", "zrm", "oordeel")


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
    for naam, schema in SCHEMA.items():
        try:
            kolommen = {rij[0] for rij in con.execute(f"DESCRIBE {naam}").fetchall()}
        except duckdb.CatalogException:
            ontbrekend.append(f"relatie '{naam}'")
            continue
        ontbrekend += [f"{naam}.{k}" for k in schema.names if k not in kolommen]
    if ontbrekend:
        raise OntbrekendeRelatie(
            "De analyseverbinding mist: " + ", ".join(ontbrekend) + ". Zie het relatieschema "
            "in passend.analysis.relaties."
        )


def vul_optioneel(con: duckdb.DuckDBPyConnection) -> None:
    """Create each missing relation of :data:`OPTIONEEL` as an empty table of its schema."""
    for naam in OPTIONEEL:
        try:
            con.execute(f"DESCRIBE {naam}")
        except duckdb.CatalogException:
            con.register(naam, SCHEMA[naam].empty_table())


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
