"""The DuckDB connection the analysis pages and the API read, from the data source
(:class:`passend.bronnen.database.DatabaseBron`, a :class:`passend.analysis.bron.Gegevensbron`),
and the results of analyses and reports.

Everything is keyed by a cheap fingerprint of the import ledger: any finished import (or a
new batch) changes it, and the next request computes afresh. Results are kept in this
process (an LRU) and in the "analyse" cache shared by all gunicorn workers (files in the
data dir), so each analysis runs once per data version, not once per worker. DuckDB
connections are not shared between threads: a lock serialises the analysis calls.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import duckdb
from django.conf import settings
from django.core.cache import caches

from passend.analysis.bron import Gegevensbron
from passend.analysis.dekking import Dekking
from passend.analysis.dekking import dekking as meet_dekking
from passend.analysis.rapport import Tabellen, Verzoek
from passend.analysis.rapport import rapport as _rapport
from passend.bronnen.database import DatabaseBron
from passend.planning.gebieden import actieve_segmentaties

_SLOT = threading.RLock()
_MAX_RESULTATEN = 512
_staat: dict[str, Any] = {"versie": None, "con": None}
_resultaten: OrderedDict[Hashable, Any] = OrderedDict()
_GEEN = object()
#: Where the data comes from (the database; a snapshot or Arrow tables can stand in).
BRON: Gegevensbron = DatabaseBron(actieve_segmentaties)


def data_versie() -> tuple[Any, ...]:
    """Changes whenever an import adds or finishes something; read from the database at most
    every PASSEND_DATAVERSIE_SECONDEN per process (a finished import shows up that much
    later)."""
    nu = time.monotonic()
    if _staat.get("gelezen_op", -1e9) + settings.PASSEND_DATAVERSIE_SECONDEN <= nu:
        _staat["db_versie"] = (BRON.versie(),)
        _staat["gelezen_op"] = nu
    return _staat["db_versie"]


def _verbinding(versie: tuple[Any, ...]) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection over the current data (call with _SLOT held)."""
    if _staat["versie"] != versie or _staat["con"] is None:
        if _staat["con"] is not None:
            _staat["con"].close()
        _staat["con"] = BRON.verbinding()
        _staat["versie"] = versie
    return _staat["con"]


def _hashbaar(waarde: Any) -> Hashable:
    if isinstance(waarde, (list, tuple)):
        return tuple(_hashbaar(w) for w in waarde)
    if isinstance(waarde, dict):
        return tuple(sorted((k, _hashbaar(v)) for k, v in waarde.items()))
    return waarde


def _gedeelde_sleutel(sleutel: Hashable) -> str:
    database = str(settings.DATABASES["default"].get("NAME", ""))
    return "passend-analyse-" + hashlib.sha256(repr((database, sleutel)).encode()).hexdigest()


def _lokaal(sleutel: Hashable, versie: tuple[Any, ...]) -> tuple[bool, Any]:
    with _SLOT:
        if _staat.get("resultaten_versie") != versie:
            _resultaten.clear()
            _staat["resultaten_versie"] = versie
        if sleutel in _resultaten:
            _resultaten.move_to_end(sleutel)
            return True, _resultaten[sleutel]
    return False, None


def _bewaar_lokaal(sleutel: Hashable, resultaat: Any) -> None:
    with _SLOT:
        _resultaten[sleutel] = resultaat
        if len(_resultaten) > _MAX_RESULTATEN:
            _resultaten.popitem(last=False)


def _onthouden(sleutel: Hashable, versie: tuple[Any, ...], maak: Callable[[], Any]) -> Any:
    """From this process, else from the cache shared by all workers, else `maak()`."""
    gevonden, resultaat = _lokaal(sleutel, versie)
    if gevonden:
        return resultaat
    gedeeld = caches["analyse"]
    naam = _gedeelde_sleutel(sleutel)
    resultaat = gedeeld.get(naam, _GEEN)
    if resultaat is _GEEN:
        resultaat = maak()
        gedeeld.set(naam, resultaat)
    _bewaar_lokaal(sleutel, resultaat)
    return resultaat


def bereken(functie: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`functie(con, *args, **kwargs)` on the current data, cached per data version."""
    versie = data_versie()
    sleutel = (
        versie,
        functie.__module__,
        functie.__qualname__,
        _hashbaar(args),
        _hashbaar(sorted(kwargs.items())),
    )

    def maak() -> Any:
        with _SLOT:
            return functie(_verbinding(versie), *args, **kwargs)

    return _onthouden(sleutel, versie, maak)


def rapport(naam: str, verzoek: Verzoek, *, openbaar: bool) -> Tabellen:
    """Report `naam` (the registry's one path, :func:`passend.analysis.rapport.rapport`) on
    the current data, cached per data version; public output is suppressed there."""
    return bereken(_rapport_op, naam, verzoek, openbaar)


def _rapport_op(
    con: duckdb.DuckDBPyConnection, naam: str, verzoek: Verzoek, openbaar: bool
) -> Tabellen:
    return _rapport(naam, con, verzoek, openbaar=openbaar)


def met_verbinding(functie: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`functie(con, *args, **kwargs)` on the current data, not cached: for arguments that
    cannot be part of a cache key (e.g. strategy choices holding dicts)."""
    versie = data_versie()
    with _SLOT:
        return functie(_verbinding(versie), *args, **kwargs)


def onthoud(sleutel: Hashable, maak: Callable[[], Any]) -> Any:
    """`maak()` cached per data version under `sleutel` (e.g. a page's chart specs: Altair
    builds and validates them in 0.1-0.7 s, the same for every visitor of that page)."""
    versie = data_versie()
    return _onthouden((versie, "onthoud", _hashbaar(sleutel)), versie, maak)


def per_versie(functie: Callable[[], Any]) -> Any:
    """`functie()` (no DuckDB; e.g. counts from the Django database), cached per data version."""
    return onthoud((functie.__module__, functie.__qualname__), functie)


def dekking() -> Dekking:
    """The period the current data covers (passend.analysis.dekking)."""
    return bereken(meet_dekking)


def vergeet() -> None:
    """Drop the cached connection and results, shared ones too (tests; after a restore)."""
    with _SLOT:
        if _staat["con"] is not None:
            _staat["con"].close()
        _staat.update(versie=None, con=None, gelezen_op=-1e9, resultaten_versie=None)
        _resultaten.clear()
    caches["analyse"].clear()
