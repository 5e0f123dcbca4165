"""Feed for the analyses from the Django database (SQLite or PostgreSQL).

This is the only module of :mod:`passend.analysis` that imports Django. Each relation of
:data:`passend.analysis.relaties.SCHEMA` is read with one plain SQL query through Django's
``connection.cursor()`` (so it works on every backend Django supports), in chunks, into an
Arrow table with the documented types; :func:`django_verbinding` registers them in a new
in-memory DuckDB connection.

Refresh after an import: call :func:`schrijf_snapshot` (for example at the end of ``passend
import``); readers then open :func:`passend.analysis.relaties.lees_snapshot` without
touching the database. The snapshot is written to a temporary directory next to the target
and swapped in with a rename, so a reader never sees half a snapshot.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import duckdb
import pyarrow as pa
from django.db import connection

from passend.analysis.relaties import SCHEMA, lees_snapshot, verbind
from passend.care.models import Aanbieder, Client, Declaratie, Levering, Prestatie, Toewijzing
from passend.reference.models import Bevolking, Gemeente, Jeugdregio

__all__ = ["django_tabellen", "django_verbinding", "lees_snapshot", "schrijf_snapshot"]

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


def schrijf_snapshot(map_: Path | str, tabellen: Mapping[str, pa.Table] | None = None) -> Path:
    """Write the relations (default: from the Django database) as Parquet into `map_`.

    Uses DuckDB's built-in Parquet writer. Returns `map_`.
    """
    map_ = Path(map_)
    map_.parent.mkdir(parents=True, exist_ok=True)
    tabellen = tabellen if tabellen is not None else django_tabellen()
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{map_.name}-", dir=map_.parent))
    con = duckdb.connect()
    try:
        for naam in SCHEMA:
            con.register("_bron", tabellen[naam])
            doel = str(tijdelijk / f"{naam}.parquet").replace("'", "''")
            con.execute(f"COPY _bron TO '{doel}' (FORMAT parquet)")
            con.unregister("_bron")
    finally:
        con.close()
    oud = map_.with_name(f".{map_.name}-oud")
    shutil.rmtree(oud, ignore_errors=True)  # left behind by an interrupted earlier swap
    if map_.exists():
        map_.rename(oud)
    tijdelijk.rename(map_)
    shutil.rmtree(oud, ignore_errors=True)
    return map_
