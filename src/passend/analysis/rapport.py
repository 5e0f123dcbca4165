"""One entry point per report, for the CLI (``passend analyse ...``) and the web views.

:func:`rapport` returns the named tables of a report: ``--json`` prints them, ``--excel``
writes one sheet per table (:func:`passend.analysis.uitvoer.schrijf_excel`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from passend.analysis.knelpunten import Drempels, drempels_als_dict, knelpunten
from passend.analysis.markt import (
    aanbieder_profielen,
    markt_aanbieders,
    markt_segmenten,
    markt_volumes,
)
from passend.analysis.openbaar import GEEN_GEVALLEN, openbaar_rapport
from passend.analysis.segmentatie import Segmentatie, niet_ingedeeld
from passend.analysis.transitie import (
    transitie,
    transitie_doorloop,
    transitie_gevallen,
    transitie_per,
    transitie_stroom,
    wmo_instroom,
)
from passend.analysis.vergelijking import benchmark
from passend.analysis.zorggebruik import zorggebruik

Tabellen = dict[str, Any]


def _vereist(jaar: int | None, naam: str) -> int:
    if jaar is None:
        raise ValueError(f"Het rapport {naam} heeft een jaar nodig (--jaar).")
    return jaar


def _transitie(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    jaar = _vereist(o["jaar"], "transitie")
    g, r, s = o["gemeente"], o["regio"], o["segmentatie"]
    kern = transitie(con, jaar, g, r, segmentatie=s)
    tabellen: Tabellen = {
        "transitie": kern,
        "per_gemeente": transitie_per(con, jaar, "gemeente", g, r, segmentatie=s),
        "per_segment": transitie_per(con, jaar, "segment", g, r, segmentatie=s),
        "per_zorgvorm": transitie_per(con, jaar, "zorgvorm", g, r, segmentatie=s),
        "stroom_zorgvorm": transitie_stroom(con, jaar, "zorgvorm", g, r, segmentatie=s),
        "stroom_segment": transitie_stroom(con, jaar, "segment", g, r, segmentatie=s),
        "doorloop_21_23": transitie_doorloop(con, jaar, g, r, segmentatie=s),
    }
    if o["gevallen"]:
        tabellen["gevallen"] = transitie_gevallen(con, jaar, g, r, segmentatie=s)
    return tabellen


def _zorggebruik(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    jaren = [o["jaar"]] if o["jaar"] is not None else None
    basis = {"periode": o["periode"], "jaren": jaren, "gemeente": o["gemeente"],
             "regio": o["regio"], "segmentatie": o["segmentatie"]}  # fmt: skip
    return {
        "per_gemeente": zorggebruik(con, **basis),
        "per_regio": zorggebruik(con, niveau="regio", **basis),
        "per_segment": zorggebruik(con, uitsplitsing="segment", **basis),
        "per_zorgvorm": zorggebruik(con, uitsplitsing="zorgvorm", **basis),
        "per_productcategorie": zorggebruik(con, uitsplitsing="productcategorie", **basis),
    }


def _wmo_instroom(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    args = (con, o["jaar"], o["gemeente"], o["regio"])
    return {
        "per_productcategorie": wmo_instroom(*args, segmentatie=o["segmentatie"]),
        "per_gemeente": wmo_instroom(*args, per="gemeente", segmentatie=o["segmentatie"]),
    }


def _markt(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    args = (con, o["jaar"], o["gemeente"], o["regio"])
    s = o["segmentatie"]
    return {
        "segmenten": markt_segmenten(*args, segmentatie=s),
        "aanbieders": markt_aanbieders(*args, segmentatie=s),
        "volumes": markt_volumes(*args, segmentatie=s),
        "profielen": aanbieder_profielen(*args, segmentatie=s),
        "niet_ingedeeld": niet_ingedeeld(con, s),
    }


def _knelpunten(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    jaar = _vereist(o["jaar"], "knelpunten")
    lijst = knelpunten(
        con, jaar, o["gemeente"], o["regio"], drempels=o["drempels"], segmentatie=o["segmentatie"]
    )
    return {"knelpunten": lijst, "drempels": drempels_als_dict(o["drempels"])}


def _benchmark(con: duckdb.DuckDBPyConnection, o: dict[str, Any]) -> Tabellen:
    jaar = _vereist(o["jaar"], "benchmark")
    return {
        "benchmark": benchmark(con, jaar, o["gemeente"], o["regio"], segmentatie=o["segmentatie"])
    }


RAPPORTEN: dict[str, Callable[[duckdb.DuckDBPyConnection, dict[str, Any]], Tabellen]] = {
    "transitie": _transitie,
    "zorggebruik": _zorggebruik,
    "wmo-instroom": _wmo_instroom,
    "markt": _markt,
    "knelpunten": _knelpunten,
    "benchmark": _benchmark,
}


def rapport(
    naam: str,
    con: duckdb.DuckDBPyConnection,
    *,
    jaar: int | None = None,
    gemeente: str | None = None,
    regio: str | None = None,
    periode: str = "jaar",
    openbaar: bool = False,
    gevallen: bool = False,
    drempels: Drempels | None = None,
    segmentatie: Segmentatie | None = None,
) -> Tabellen:
    """The tables of report `naam` (one of :data:`RAPPORTEN`).

    `jaar` is required for transitie, knelpunten and benchmark (optional elsewhere: all
    years). `openbaar` (raad and public) suppresses small counts in every table
    (:func:`passend.analysis.openbaar.openbaar_rapport`); `gevallen` adds the pseudonymous
    case list to the transition report (authorised client-level use only, never public).
    """
    if naam not in RAPPORTEN:
        raise ValueError(f"Onbekend rapport {naam!r}; kies uit {', '.join(RAPPORTEN)}.")
    if openbaar and gevallen:
        raise ValueError(GEEN_GEVALLEN)
    opties = {
        "jaar": jaar, "gemeente": gemeente, "regio": regio, "periode": periode,
        "openbaar": openbaar, "gevallen": gevallen, "drempels": drempels,
        "segmentatie": segmentatie or Segmentatie.standaard(),
    }  # fmt: skip
    tabellen = RAPPORTEN[naam](con, opties)
    if not openbaar:
        return tabellen
    return openbaar_rapport(naam, tabellen, regio_van=_regio_van(con))


def _regio_van(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Gemeente code to jeugdregio, to protect gemeente rows against their region's row."""
    return dict(con.execute("SELECT gemeente, coalesce(jeugdregio, '') FROM gemeente").fetchall())
