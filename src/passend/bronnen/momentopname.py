"""Finding the analysis snapshot of the current data version without Django.

``passend analyse`` on the embedded SQLite database opens the snapshot through this module:
the data version is the same one query :func:`passend.bronnen.database.data_versie` runs
(built here, from the same table names), read with the standard library's ``sqlite3``
read-only, and the area's segment model is read from the same table
:func:`passend.planning.gebieden.gebied_voor` reads. Setting up Django costs 0.4 s, more than
the analysis itself. Whenever anything is missing or unexpected (PostgreSQL, no database yet,
no snapshot of this version, an error) the caller takes the Django path instead, which
migrates, writes the snapshot and so on: this path only ever reads a snapshot whose version
the database confirms at that moment, so it is never stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb

from passend.analysis.gebied import Gebied, gebiedsnaam
from passend.analysis.relaties import KOLOMMEN, controleer
from passend.analysis.segmentatie import Segmentatie
from passend.analysis.sql import (
    MACROS_SLEUTEL,
    VOORBEREIDING_VERSIE,
    bewaar_voorbereiding,
    opgeslagen,
)
from passend.reference.loader import laad_gemeenten

#: The snapshot's database file inside its directory.
BESTAND = "analyse.duckdb"
#: The database file of the embedded default (passend.web.settings).
SQLITE_BESTAND = "passend.sqlite3"

#: The tables whose highest id follows the data (their Django models' db_table; a test
#: keeps both in step): import batches, the ledger, the care and population tables.
VERSIE_TABELLEN = (
    "imports_importbatch",
    "imports_verwerktbericht",
    "care_client",
    "care_toewijzing",
    "care_levering",
    "care_prestatie",
    "reference_bevolking",
)
#: Registers users edit (toekomstplan, ZRM, cliëntoordeel): their count and latest change.
REGISTER_TABELLEN = ("care_toekomstplan", "care_zrmmeting", "care_clientoordeel")
BATCH_TABEL = "imports_importbatch"
SEGMENTMODEL_TABEL = "planning_segmentmodel"


def versie_sql(citeer: Callable[[str], str]) -> str:
    """The one query of the data version; `citeer` quotes a table name for the backend."""
    delen = ", ".join(f"(SELECT max(id) FROM {citeer(t)})" for t in VERSIE_TABELLEN)
    registers = ", ".join(
        f"(SELECT count(*) FROM {citeer(t)}), (SELECT max(gewijzigd_op) FROM {citeer(t)})"
        for t in REGISTER_TABELLEN
    )
    b = citeer(BATCH_TABEL)
    batches = f"(SELECT count(*) FROM {b}), (SELECT max(voltooid_op) FROM {b})"
    return f"SELECT {batches}, {delen}, {registers}"


def versie_tekst(database: str, rij: tuple[object, ...]) -> str:
    return "|".join([database, *(str(x) for x in rij)])


def snapshot_sleutel(versie: str) -> str:
    """The directory name of a data version's snapshot: the version, the relation schema and
    the preparation's shape (a new Passend never reads an older snapshot's layout)."""
    schema = repr(sorted(KOLOMMEN.items()))
    vorm = f"duckdb-{VOORBEREIDING_VERSIE}-{MACROS_SLEUTEL}"
    return hashlib.sha256(f"{versie}\n{schema}\n{vorm}".encode()).hexdigest()[:20]


def _citeer(naam: str) -> str:
    return f'"{naam}"'


def huidig(
    data_dir: Path, gemeente: str | None, regio: str | None
) -> tuple[Gebied, BestandBron] | None:
    """The area (with the segment model that applies) and the snapshot of the current data
    version, or None when Django must decide (see the module docstring)."""
    gevonden = _huidig_bestand(data_dir)
    if gevonden is None:
        return None
    pad, db = gevonden
    van = {g.code: g for g in laad_gemeenten()}
    eigen = van.get(gemeente) if gemeente else None
    naam = gebiedsnaam(gemeente, regio, eigen.naam if eigen else None)
    try:
        gebied = gebied_zonder_django(
            db, gemeente, regio, naam, eigen.jeugdregio if eigen else None
        )
    finally:
        db.close()
    return None if gebied is None else (gebied, BestandBron(pad))


def _huidig_bestand(data_dir: Path) -> tuple[Path, sqlite3.Connection] | None:
    """The current snapshot file and an open read-only SQLite connection, or None."""
    if os.environ.get("DATABASE_URL"):
        return None
    database = data_dir / SQLITE_BESTAND
    if not database.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        rij = db.execute(versie_sql(_citeer)).fetchone()
    except sqlite3.Error:
        return None
    pad = data_dir / "snapshot" / snapshot_sleutel(versie_tekst(str(database), rij)) / BESTAND
    if not pad.is_file():
        db.close()
        return None
    return pad, db


def gebied_zonder_django(
    db: sqlite3.Connection,
    gemeente: str | None,
    regio: str | None,
    naam: str,
    regio_van_gemeente: str | None = None,
) -> Gebied | None:
    """The area with the segment model that applies (as planning.gebieden.gebied_voor
    decides: the gemeente's own active model, else its jeugdregio's, else the default);
    None when the table cannot be read."""
    sleutels = [s for s in (gemeente, regio or regio_van_gemeente) if s]
    try:
        for sleutel in sleutels:
            rij = db.execute(
                f"SELECT definitie FROM {_citeer(SEGMENTMODEL_TABEL)} WHERE gebied = ? "
                "AND actief ORDER BY gebied, naam LIMIT 1",
                [sleutel],
            ).fetchone()
            if rij is not None:
                return Gebied(Segmentatie.uit_dict(json.loads(rij[0])), gemeente, regio, naam)
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None
    return Gebied(Segmentatie.standaard(), gemeente, regio, naam)


def schrijf_analysebestand(
    pad: Path, tabellen: Mapping[str, object], segmentaties: Sequence[Segmentatie]
) -> None:
    """The relations and their prepared forms as one DuckDB database file at `pad`. A
    relation is anything DuckDB scans: an Arrow table, or a dataset streamed from disk."""
    con = duckdb.connect(str(pad))
    try:
        for naam, tabel in tabellen.items():
            con.register("_bron", tabel)
            con.execute(f"CREATE TABLE {naam} AS SELECT * FROM _bron")
            con.unregister("_bron")
        bewaar_voorbereiding(con, list(segmentaties))
        con.execute("CHECKPOINT")
    finally:
        con.close()


def open_analysebestand(pad: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection over an analysis file (many processes may share one)."""
    con = duckdb.connect(str(pad), read_only=True)
    if not opgeslagen(con):  # this version's snapshots were checked when written
        controleer(con)
    return con


class BestandBron:
    """A snapshot file as a :class:`passend.analysis.bron.Gegevensbron` (its name holds the
    data version it was written for)."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad

    def verbinding(self) -> duckdb.DuckDBPyConnection:
        return open_analysebestand(self.pad)

    def versie(self) -> str:
        return self.pad.parent.name


__all__ = [
    "BESTAND",
    "BestandBron",
    "gebied_zonder_django",
    "huidig",
    "open_analysebestand",
    "schrijf_analysebestand",
    "snapshot_sleutel",
    "versie_sql",
    "versie_tekst",
]
