"""The analyses' data from the Django database (SQLite or PostgreSQL): an adapter.

Each relation of :data:`passend.analysis.relaties.SCHEMA` is read with one plain SQL query
through Django's ``connection.cursor()`` (so it works on every backend Django supports), in
chunks, into an Arrow table with the documented types; :func:`django_verbinding` registers
them in a new in-memory DuckDB connection. :class:`DatabaseBron` is the
:class:`passend.analysis.bron.Gegevensbron` over it.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pyarrow as pa
from django.db import connection
from django.db.models import Count, Max

from passend.analysis.relaties import SCHEMA, verbind
from passend.care.models import Aanbieder, Client, Declaratie, Levering, Prestatie, Toewijzing
from passend.imports.models import ImportBatch, VerwerktBericht
from passend.reference.models import Bevolking, Gemeente, Jeugdregio

__all__ = ["DatabaseBron", "data_versie", "django_tabellen", "django_verbinding"]

CHUNK = 50_000


def _tabel(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _queries() -> dict[str, str]:
    """One SELECT per relation, columns in SCHEMA order; '' (blank codes) becomes NULL."""
    c, t, lv = _tabel(Client), _tabel(Toewijzing), _tabel(Levering)
    p, d, a = _tabel(Prestatie), _tabel(Declaratie), _tabel(Aanbieder)
    g, r, b = _tabel(Gemeente), _tabel(Jeugdregio), _tabel(Bevolking)
    return {
        "client": f"SELECT id, pseudoniem, geboortedatum, gemeente_id FROM {c}",
        "toewijzing": f"""
            SELECT x.domein, x.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   NULLIF(x.categorie, ''), NULLIF(x.productcode, ''), x.toewijzingsdatum,
                   x.ingangsdatum, x.einddatum
            FROM {t} x JOIN {a} a ON a.id = x.aanbieder_id""",
        "levering": f"""
            SELECT x.domein, x.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   NULLIF(x.categorie, ''), NULLIF(x.productcode, ''), x.begindatum,
                   x.einddatum
            FROM {lv} x JOIN {a} a ON a.id = x.aanbieder_id""",
        "prestatie": f"""
            SELECT d.domein, d.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   x.categorie, NULLIF(x.productcode, ''), x.periode_begin, x.periode_eind,
                   x.volume, x.eenheid, x.bedrag, x.debet_credit
            FROM {p} x JOIN {d} d ON d.id = x.declaratie_id JOIN {a} a ON a.id = d.aanbieder_id""",
        "aanbieder": f"SELECT agb_code, naam FROM {a}",
        "gemeente": f"""
            SELECT g.code, g.naam, r.naam FROM {g} g JOIN {r} r ON r.id = g.jeugdregio_id""",
        "bevolking": f"SELECT gemeente_id, jaar, leeftijd, aantal FROM {b}",
    }


def _kolom(waarden: list[object], type_: pa.DataType) -> pa.Array:
    try:
        return pa.array(waarden, type=type_)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        # A backend that hands dates back as ISO text (SQLite without converters).
        return pa.array(waarden, type=pa.string()).cast(type_)


def _batches(sql: str, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rijen := cursor.fetchmany(CHUNK):
            kolommen = list(zip(*rijen, strict=True))
            yield pa.RecordBatch.from_arrays(
                [_kolom(list(k), f.type) for k, f in zip(kolommen, schema, strict=True)],
                schema=schema,
            )


def django_tabellen() -> dict[str, pa.Table]:
    """Every relation of the schema as an Arrow table, read from the Django database."""
    uit = {}
    for naam, sql in _queries().items():
        schema = SCHEMA[naam]
        uit[naam] = pa.Table.from_batches(list(_batches(sql, schema)), schema=schema)
    return uit


def django_verbinding() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection over the current Django database: what the CLI and
    the web views pass to the analyses."""
    return verbind(django_tabellen())


def data_versie() -> str:
    """Changes whenever an import adds or finishes something (a cheap query on the ledger)."""
    b = ImportBatch.objects.aggregate(n=Count("id"), m=Max("id"), v=Max("voltooid_op"))
    v = VerwerktBericht.objects.aggregate(m=Max("id"))
    database = str(connection.settings_dict.get("NAME", ""))
    return f"{database}|{b['n']}|{b['m']}|{b['v']}|{v['m']}"


class DatabaseBron:
    """The Django database as a :class:`passend.analysis.bron.Gegevensbron`."""

    def verbinding(self) -> duckdb.DuckDBPyConnection:
        return django_verbinding()

    def versie(self) -> str:
        return data_versie()
