"""The analyses' data from the Django database (SQLite or PostgreSQL): an adapter.

Each relation of :data:`passend.analysis.relaties.SCHEMA` is read with one plain SQL query
through Django's ``connection.cursor()`` (so it works on every backend Django supports), in
chunks, into an Arrow table with the documented types; :func:`django_verbinding` registers
them in a new in-memory DuckDB connection. :class:`DatabaseBron` is the
:class:`passend.analysis.bron.Gegevensbron` over it.

Copying every table through the Django cursor is slow (125-190k rows/s), so the end of every
import (and ``passend snapshot``) writes the analysis snapshot under the data dir: one DuckDB
file holding the relations and their prepared forms (:func:`passend.analysis.sql.
bewaar_voorbereiding`: the de-duplicated toewijzingen, the completed leveringen, the
prestaties summed per client and product, and ``_lev`` for the segment models in use), in a
directory named after the data version (:func:`data_versie`), the relation schema and the
preparation's version. :class:`DatabaseBron` opens the snapshot of the *current* version
read-only (no copy, no load: a process starts answering at once, and many processes share
one file), and otherwise copies the tables and writes that snapshot for the next process. A
snapshot of another version is never read: an import changes the version, so the next
connection looks for another directory. Directories are written whole and swapped in with a
rename, never changed after; superseded ones are removed after :data:`BEWAARTIJD` seconds
(a process may still be reading one; an open file outlives its removal).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa
from django.conf import settings
from django.db import connection

from passend.analysis.relaties import SCHEMA, OntbrekendeRelatie, verbind
from passend.analysis.segmentatie import Segmentatie
from passend.bronnen.arrowlezer import lees_relaties
from passend.bronnen.momentopname import (
    BESTAND,
    open_analysebestand,
    schrijf_analysebestand,
    snapshot_sleutel,
    versie_sql,
    versie_tekst,
)
from passend.care.models import (
    Aanbieder,
    AfgewezenPrestatie,
    Client,
    Clientoordeel,
    Declaratie,
    Declaratieantwoord,
    Levering,
    Prestatie,
    Toekomstplan,
    Toewijzing,
    ZrmMeting,
)
from passend.opruimen import zeldzamer_opruimen
from passend.reference.models import Bevolking, Gemeente, Jeugdregio

__all__ = [
    "DatabaseBron",
    "data_versie",
    "django_tabellen",
    "django_verbinding",
    "klaarzetten",
    "open_analysebestand",
    "schrijf_analysebestand",
    "schrijf_database_snapshot",
    "snapshot_map",
]

CHUNK = 50_000
#: Which segment models to prepare ``_lev`` for when a snapshot is written.
Segmentaties = Callable[[], Sequence[Segmentatie]]
log = logging.getLogger(__name__)
#: Seconds a superseded snapshot directory is kept for a process that may still be reading it.
BEWAARTIJD = 600


def _tabel(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def relatie_queries() -> dict[str, str]:
    """One SELECT per relation, columns in SCHEMA order; '' (blank codes) becomes NULL."""
    dt = _datum
    c, t, lv = _tabel(Client), _tabel(Toewijzing), _tabel(Levering)
    p, d, a = _tabel(Prestatie), _tabel(Declaratie), _tabel(Aanbieder)
    g, r, b = _tabel(Gemeente), _tabel(Jeugdregio), _tabel(Bevolking)
    tp, zrm, oo = _tabel(Toekomstplan), _tabel(ZrmMeting), _tabel(Clientoordeel)
    ant, af = _tabel(Declaratieantwoord), _tabel(AfgewezenPrestatie)
    return {
        "client": f"SELECT id, pseudoniem, {dt('geboortedatum')}, gemeente_id FROM {c}",
        "toewijzing": f"""
            SELECT x.domein, x.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   NULLIF(x.categorie, ''), NULLIF(x.productcode, ''), {dt("x.toewijzingsdatum")},
                   {dt("x.ingangsdatum")}, {dt("x.einddatum")}, x.volume, NULLIF(x.eenheid, ''),
                   NULLIF(x.frequentie, ''), x.budget
            FROM {t} x JOIN {a} a ON a.id = x.aanbieder_id""",
        "levering": f"""
            SELECT x.domein, x.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   NULLIF(x.categorie, ''), NULLIF(x.productcode, ''), {dt("x.begindatum")},
                   {dt("x.einddatum")}, NULLIF(x.reden_beeindiging, '')
            FROM {lv} x JOIN {a} a ON a.id = x.aanbieder_id""",
        "prestatie": f"""
            SELECT d.domein, d.gemeente_id, a.agb_code, x.client_id, x.toewijzingnummer,
                   x.categorie, NULLIF(x.productcode, ''), {dt("x.periode_begin")},
                   {dt("x.periode_eind")}, x.volume, x.eenheid, x.bedrag, x.debet_credit,
                   x.tarief, {dt("d.dagtekening")},
                   CASE WHEN ant.id IS NULL THEN NULL
                        WHEN af.id IS NOT NULL OR ant.geheel_afgewezen THEN 0
                        ELSE x.bedrag END
            FROM {p} x JOIN {d} d ON d.id = x.declaratie_id JOIN {a} a ON a.id = d.aanbieder_id
            LEFT JOIN {ant} ant ON ant.domein = d.domein AND ant.gemeente_id = d.gemeente_id
                 AND ant.aanbieder_id = d.aanbieder_id
                 AND ant.declaratienummer = d.declaratienummer
            LEFT JOIN {af} af ON af.antwoord_id = ant.id AND af.referentie = x.referentie""",
        "aanbieder": f"SELECT agb_code, naam FROM {a}",
        "gemeente": f"""
            SELECT g.code, g.naam, r.naam FROM {g} g JOIN {r} r ON r.id = g.jeugdregio_id""",
        "bevolking": f"SELECT gemeente_id, jaar, leeftijd, aantal FROM {b}",
        "toekomstplan": f"""
            SELECT pseudoniem, gemeente_id, {dt("datum_plan")},
                   COALESCE(NULLIF(regiehouder_agb, ''), NULLIF(regiehouder_rol, '')),
                   {dt("datum_overdracht_gestart")}, domeinen
            FROM {tp}""",
        "zrm": f"""
            SELECT pseudoniem, gemeente_id, NULLIF(aanbieder_agb, ''), domein, {dt("datum")}, score
            FROM {zrm}""",
        "oordeel": f"""
            SELECT pseudoniem, aanbieder_agb, {dt("einddatum")}, informant, tevredenheid,
                   NULLIF(zonder_hulp, '')
            FROM {oo}""",
    }


def _datum(kolom: str) -> str:
    """A date column as the query reads it. SQLite: as its ISO text, which Arrow parses a
    chunk at a time (`_kolom`), instead of through the driver's converter per value: that
    was 3 of the 11 s of reading a region of a million prestaties."""
    return f"({kolom} || '')" if connection.vendor == "sqlite" else kolom


def _kolom(waarden: list[object], type_: pa.DataType) -> pa.Array:
    try:
        return pa.array(waarden, type=type_)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        # Dates as ISO text (SQLite: see `_datum`).
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
    """Every relation of the schema as an Arrow table, read from the Django database: by
    ADBC where it can (`arrowlezer`: columns built in C), else through Django's cursor."""
    queries = relatie_queries()
    if not connection.in_atomic_block:  # else ADBC would miss what is not committed yet
        gelezen = lees_relaties(connection.vendor, connection.settings_dict, queries, SCHEMA)
        if gelezen is not None:
            return gelezen
    return cursor_tabellen(queries)


def cursor_tabellen(queries: Mapping[str, str]) -> dict[str, pa.Table]:
    """Each relation's query read through Django's cursor into an Arrow table."""
    uit = {}
    for naam, sql in queries.items():
        schema = SCHEMA[naam]
        uit[naam] = pa.Table.from_batches(list(_batches(sql, schema)), schema=schema)
    return uit


def django_verbinding() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection over the current Django database: what the CLI and
    the web views pass to the analyses."""
    return verbind(django_tabellen())


def data_versie() -> str:
    """Changes whenever the analysed data change: an import adds or finishes something (the
    batches and the ledger), or rows reach a care or population table some other way (their
    highest ids, read from the primary-key index), or a register row (toekomstplan, ZRM
    score, cliëntoordeel) is added, changed or removed (their count and latest change). One
    round trip."""
    with connection.cursor() as cursor:
        cursor.execute(versie_sql(connection.ops.quote_name))
        rij = cursor.fetchone()
    return versie_tekst(str(connection.settings_dict.get("NAME", "")), rij)


def snapshot_map(versie: str | None = None) -> Path:
    """The snapshot directory of data version `versie` (default: the current one)."""
    versie = data_versie() if versie is None else versie
    return Path(settings.DATA_DIR) / "snapshot" / snapshot_sleutel(versie)


def schrijf_database_snapshot(
    tabellen: Mapping[str, pa.Table] | None = None,
    versie: str | None = None,
    segmentaties: Segmentaties | None = None,
) -> Path:
    """Write the snapshot of the current data version unless it exists (end of an import,
    ``passend snapshot``). `tabellen` are the relations when already read, with the `versie`
    read *before* them: data read after a version check may be newer than that version,
    never older, so a snapshot is never stale. `segmentaties` names the segment models to
    prepare besides the default one."""
    if tabellen is None or versie is None:
        versie = data_versie()
        tabellen = None
    map_ = snapshot_map(versie)
    if not map_.is_dir():
        gekozen = [Segmentatie.standaard(), *(segmentaties() if segmentaties else [])]
        with zeldzamer_opruimen():  # every row is fetched as a tuple: see `passend.opruimen`
            _schrijf_nieuw(map_, tabellen if tabellen is not None else django_tabellen(), gekozen)
    _ruim_op(map_)
    return map_


def klaarzetten(segmentaties: Segmentaties | None = None) -> bool:
    """Write the snapshot after an import; a failure (disk full, read-only data dir) does not
    fail the import: the next analysis reads the database. Returns whether it was written."""
    try:
        schrijf_database_snapshot(segmentaties=segmentaties)
    except (OSError, duckdb.Error):
        log.warning("De analysegegevens zijn niet klaargezet; analyses lezen de database.")
        return False
    return True


def _schrijf_nieuw(
    map_: Path, tabellen: Mapping[str, pa.Table], segmentaties: Sequence[Segmentatie]
) -> None:
    """Write into a private directory, then rename it into place; when another process got
    there first, its (identical) snapshot stays."""
    map_.parent.mkdir(parents=True, exist_ok=True)
    werk = Path(tempfile.mkdtemp(prefix=".schrijf-", dir=map_.parent))
    try:
        klaar = werk / "s"
        klaar.mkdir()
        schrijf_analysebestand(klaar / BESTAND, tabellen, segmentaties)
        with contextlib.suppress(OSError):  # the target exists: written meanwhile
            klaar.rename(map_)
    finally:
        shutil.rmtree(werk, ignore_errors=True)


def _ruim_op(huidig: Path) -> None:
    grens = time.time() - BEWAARTIJD
    for map_ in huidig.parent.iterdir():
        if map_ != huidig and map_.stat().st_mtime < grens:
            shutil.rmtree(map_, ignore_errors=True)


def _uit_snapshot(map_: Path) -> duckdb.DuckDBPyConnection | None:
    if not (map_ / BESTAND).is_file():
        return None
    try:
        return open_analysebestand(map_ / BESTAND)
    except (OntbrekendeRelatie, duckdb.Error, OSError):
        return None  # removed or damaged meanwhile: read the database instead


class DatabaseBron:
    """The Django database as a :class:`passend.analysis.bron.Gegevensbron`, read through the
    snapshot of the current data version (module docstring). `segmentaties` names the
    segment models in use, prepared when this source writes a snapshot."""

    def __init__(self, segmentaties: Segmentaties | None = None) -> None:
        self.segmentaties = segmentaties

    def verbinding(self) -> duckdb.DuckDBPyConnection:
        versie = data_versie()
        con = _uit_snapshot(snapshot_map(versie))
        if con is not None:
            return con
        tabellen = django_tabellen()
        with contextlib.suppress(OSError, duckdb.Error):  # a read-only data dir still works
            schrijf_database_snapshot(tabellen, versie, self.segmentaties)
        return verbind(tabellen)

    def versie(self) -> str:
        return data_versie()
