"""The analyses' data as a Parquet snapshot on disk: an adapter.

:func:`schrijf_snapshot` writes the relations into a directory (to a temporary directory
next to it, swapped in with a rename, so a reader never sees half a snapshot);
:func:`lees_snapshot` opens one; :class:`SnapshotBron` is the
:class:`passend.analysis.bron.Gegevensbron` over a directory. Only DuckDB's built-in Parquet
reader and writer are used (its add-ons cannot be downloaded here).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pyarrow as pa

from passend.analysis.relaties import OPTIONEEL, RELATIES, SCHEMA, OntbrekendeRelatie, controleer


def lees_snapshot(map_: Path | str, *, in_geheugen: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection over the Parquet snapshot in `map_`.

    By default the relations are views over the files (little memory; every query reads
    Parquet). With `in_geheugen` they are loaded into DuckDB tables once, which is faster
    when many analyses run on the same connection.
    """
    map_ = Path(map_)
    con = duckdb.connect()
    soort = "TABLE" if in_geheugen else "VIEW"
    for naam in RELATIES:
        pad = map_ / f"{naam}.parquet"
        if not pad.is_file() and naam in OPTIONEEL:
            continue  # created empty by controleer()
        if not pad.is_file():
            raise OntbrekendeRelatie(f"De momentopname in {map_} mist het bestand {pad.name}.")
        letterlijk = str(pad).replace("'", "''")
        con.execute(f"CREATE {soort} {naam} AS SELECT * FROM read_parquet('{letterlijk}')")
    controleer(con)
    return con


def schrijf_snapshot(map_: Path | str, tabellen: Mapping[str, pa.Table]) -> Path:
    """Write the relations as Parquet into `map_`. Returns `map_`."""
    map_ = Path(map_)
    map_.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{map_.name}-", dir=map_.parent))
    con = duckdb.connect()
    try:
        for naam in SCHEMA:
            if naam not in tabellen and naam in OPTIONEEL:
                continue
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


class SnapshotBron:
    """A Parquet snapshot directory as a :class:`passend.analysis.bron.Gegevensbron`."""

    def __init__(self, map_: Path | str, *, in_geheugen: bool = True) -> None:
        self.map = Path(map_)
        self.in_geheugen = in_geheugen

    def verbinding(self) -> duckdb.DuckDBPyConnection:
        return lees_snapshot(self.map, in_geheugen=self.in_geheugen)

    def versie(self) -> str:
        digest = hashlib.sha256(str(self.map.resolve()).encode())
        for naam in RELATIES:
            pad = self.map / f"{naam}.parquet"
            if pad.is_file():
                stat = pad.stat()
                digest.update(f"{naam}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return digest.hexdigest()[:16]


__all__ = ["SnapshotBron", "lees_snapshot", "schrijf_snapshot"]
