"""The one seam between the analyses and where the data lives.

The analyses take a DuckDB connection holding the relations of
:data:`passend.analysis.relaties.SCHEMA`. A :class:`Gegevensbron` hands out such a
connection and says which version of the data it holds (so results can be cached per data
version and never read stale). The adapters in :mod:`passend.bronnen` implement it for the
Django database and for a Parquet snapshot; :class:`ArrowBron` is the in-memory twin that
tests, notebooks and benchmarks use (httpx's MockTransport idea).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import duckdb

from passend.analysis.relaties import verbind

if TYPE_CHECKING:
    import pyarrow as pa


@runtime_checkable
class Gegevensbron(Protocol):
    def verbinding(self) -> duckdb.DuckDBPyConnection:
        """A new DuckDB connection over the data (one per thread: connections are not
        shared)."""
        ...

    def versie(self) -> str:
        """Changes whenever the data changes."""
        ...


@dataclass
class ArrowBron:
    """Relations held as Arrow tables in memory."""

    tabellen: Mapping[str, pa.Table]
    _versie: str = field(default="", init=False, repr=False)

    def verbinding(self) -> duckdb.DuckDBPyConnection:
        return verbind(self.tabellen)

    def versie(self) -> str:
        if not self._versie:
            digest = hashlib.sha256()
            for naam in sorted(self.tabellen):
                digest.update(
                    f"{naam}:{self.tabellen[naam].num_rows}:{id(self.tabellen[naam])}".encode()
                )
            self._versie = digest.hexdigest()[:16]
        return self._versie


__all__ = ["ArrowBron", "Gegevensbron"]
