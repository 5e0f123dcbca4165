"""The registry of reports: the one path every output of an analysis takes.

A report (:class:`Rapportsoort`) has a name, a title, the function that computes its named
tables, and, kept beside it in the analysis package, the suppression rule of each table
(:data:`passend.analysis.openbaar.ONDERDRUKKINGSREGELS`), the label, unit and definition of
each column (:mod:`passend.analysis.kolommen`) and its charts
(:func:`passend.analysis.grafieken.grafieken`).

:func:`rapport` is the only way to run one. The CLI (``passend analyse``), the web pages,
the REST API, the published raad reports and the Excel workbooks all call it; with
``openbaar=True`` every table passes :func:`~passend.analysis.openbaar.openbaar_rapport`, so
public output is suppressed the same way wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from passend.analysis.dekking import dekking
from passend.analysis.gebied import Gebied
from passend.analysis.knelpunten import Drempels, drempels_als_dict, knelpunten
from passend.analysis.markt import (
    aanbieder_profielen,
    markt_aanbieders,
    markt_segmenten,
    markt_volumes,
)
from passend.analysis.openbaar import GEEN_GEVALLEN, ONDERDRUKKINGSREGELS, openbaar_rapport
from passend.analysis.relaties import peildatum as laatste_datum
from passend.analysis.resultaten import aanbieder_resultaten
from passend.analysis.segmentatie import niet_ingedeeld
from passend.analysis.toekomstplan import (
    toekomstplan_gevallen,
    toekomstplan_per_aanbieder,
    toekomstplan_per_domein,
    toekomstplan_per_gemeente,
    toekomstplan_per_uitkomst,
    toekomstplan_samenvatting,
)
from passend.analysis.transitie import (
    transitie,
    transitie_doorloop,
    transitie_gevallen,
    transitie_per,
    transitie_stroom,
    transitie_uitkomsten,
    wmo_instroom,
)
from passend.analysis.vergelijking import benchmark
from passend.analysis.zelfredzaamheid import PER as ZRM_PER
from passend.analysis.zelfredzaamheid import zelfredzaamheid, zrm_samenvatting, zrm_verdeling
from passend.analysis.zorggebruik import zorggebruik

Tabellen = dict[str, Any]


@dataclass(frozen=True)
class Verzoek:
    """What a report is asked for: the area (with its segment model), year and options.

    `jaar` None means all years where a report allows it; `gevallen` adds the pseudonymous
    case list to the transition (authorised client-level use only, never public).
    """

    gebied: Gebied
    jaar: int | None = None
    periode: str = "jaar"
    gevallen: bool = False
    drempels: Drempels | None = None
    #: The monitor's day in the year (None: the data's last date within it).
    peildatum: date | None = None
    #: Verzilveringsgraden entered per product (domein, categorie, productcode), which go
    #: before the estimate from last year.
    verzilvering: tuple[tuple[tuple[str, str, str | None], float], ...] = ()
    #: The gemeenten a caller may see, when narrower than the area (None: the whole area).
    gemeenten: frozenset[str] | None = None


@dataclass(frozen=True)
class Rapportsoort:
    naam: str
    titel: str
    titel_en: str
    bouw: Callable[[duckdb.DuckDBPyConnection, Verzoek], Tabellen]
    jaar_verplicht: bool = False
    #: The year is a cohort (complete a year after it), not a calendar year.
    cohort: bool = False
    #: The year may lie outside the data: a monitor of rooms set for a year whose first
    #: declarations have not come in yet still shows the rooms and what is committed.
    elk_jaar: bool = False
    #: Reads the contract register too, which the contracten adapter puts on the connection
    #: (``passend monitor``, the contract pages); ``passend analyse`` leaves it out.
    register: bool = False

    @property
    def tabellen(self) -> tuple[str, ...]:
        """The tables the report can return, in the order of its suppression rules."""
        return tuple(ONDERDRUKKINGSREGELS[self.naam])


def _jaar(v: Verzoek) -> int:
    assert v.jaar is not None  # checked by rapport() for reports that need one
    return v.jaar


def _transitie(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    jaar, g = _jaar(v), v.gebied
    samenvatting = transitie(con, jaar, g)
    tabellen: Tabellen = {
        "transitie": samenvatting,
        "uitkomsten": transitie_uitkomsten(samenvatting),
        "per_gemeente": transitie_per(con, jaar, "gemeente", g),
        "per_segment": transitie_per(con, jaar, "segment", g),
        "per_zorgvorm": transitie_per(con, jaar, "zorgvorm", g),
        "stroom_zorgvorm": transitie_stroom(con, jaar, "zorgvorm", g),
        "stroom_segment": transitie_stroom(con, jaar, "segment", g),
        "doorloop_21_23": transitie_doorloop(con, jaar, g),
    }
    if v.gevallen:
        tabellen["gevallen"] = transitie_gevallen(con, jaar, g)
    return tabellen


def _zorggebruik(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    jaren = [v.jaar] if v.jaar is not None else None
    basis: dict[str, Any] = {"periode": v.periode, "jaren": jaren}
    g = v.gebied
    return {
        "per_gemeente": zorggebruik(con, g, **basis),
        "per_regio": zorggebruik(con, g, niveau="regio", **basis),
        "per_segment": zorggebruik(con, g, uitsplitsing="segment", **basis),
        "per_zorgvorm": zorggebruik(con, g, uitsplitsing="zorgvorm", **basis),
        "per_productcategorie": zorggebruik(con, g, uitsplitsing="productcategorie", **basis),
    }


def _wmo_instroom(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    return {
        "per_productcategorie": wmo_instroom(con, v.jaar, v.gebied),
        "per_gemeente": wmo_instroom(con, v.jaar, v.gebied, per="gemeente"),
    }


def _markt(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    return {
        "segmenten": markt_segmenten(con, v.jaar, v.gebied),
        "aanbieders": markt_aanbieders(con, v.jaar, v.gebied),
        "volumes": markt_volumes(con, v.jaar, v.gebied),
        "profielen": aanbieder_profielen(con, v.jaar, v.gebied),
        "niet_ingedeeld": niet_ingedeeld(con, v.gebied),
    }


def _knelpunten(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    lijst = knelpunten(con, _jaar(v), v.gebied, drempels=v.drempels)
    return {"knelpunten": lijst, "drempels": drempels_als_dict(v.drempels)}


def _benchmark(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    return {"benchmark": benchmark(con, _jaar(v), v.gebied)}


def _resultaten(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    jaar = _jaar(v)
    return {
        f"resultaat_{per}": aanbieder_resultaten(con, jaar, v.gebied, per)
        for per in ("aanbieder", "segment", "gemeente", "product")
    }


def _toekomstplan(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    jaar, g = _jaar(v), v.gebied
    tabellen: Tabellen = {
        "plan_samenvatting": toekomstplan_samenvatting(con, jaar, g),
        "plan_per_gemeente": toekomstplan_per_gemeente(con, jaar, g),
        "plan_per_aanbieder": toekomstplan_per_aanbieder(con, jaar, g),
        "plan_per_uitkomst": toekomstplan_per_uitkomst(con, jaar, g),
        "plan_per_domein": toekomstplan_per_domein(con, jaar, g),
    }
    if v.gevallen:
        tabellen["plan_gevallen"] = toekomstplan_gevallen(con, jaar, g)
    return tabellen


def _zelfredzaamheid(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    jaar = _jaar(v)
    tabellen: Tabellen = {"zrm_samenvatting": zrm_samenvatting(con, jaar, v.gebied)}
    tabellen |= {f"zrm_per_{per}": zelfredzaamheid(con, jaar, v.gebied, per) for per in ZRM_PER}
    tabellen["zrm_verdeling"] = zrm_verdeling(con, jaar, v.gebied)
    return tabellen


def gemeenten_van_verzoek(con: duckdb.DuckDBPyConnection, v: Verzoek) -> list[str] | None:
    """The gemeenten a report covers: those the caller may see, else the area's (a
    jeugdregio: its gemeenten by the gemeente relation); None for all."""
    if v.gemeenten is not None:
        return sorted(v.gemeenten)
    if v.gebied.gemeente:
        return [v.gebied.gemeente]
    if v.gebied.regio:
        rijen = con.execute(
            "SELECT gemeente FROM gemeente WHERE jeugdregio = ? ORDER BY 1", [v.gebied.regio]
        ).fetchall()
        return [g for (g,) in rijen]
    return None


def _bestedingsruimte(con: duckdb.DuckDBPyConnection, v: Verzoek) -> Tabellen:
    # The monitor stands above the analyses (it reads the contract register too).
    from passend.contracting.register import vul_register
    from passend.monitoring.bestedingsruimte import bestedingsruimte, standaard_peildatum

    jaar = _jaar(v)
    vul_register(con)
    dag = v.peildatum or standaard_peildatum(jaar, laatste_datum(con))
    graden = dict(v.verzilvering)
    return bestedingsruimte(con, jaar, dag, gemeenten_van_verzoek(con, v), graden).als_tabellen()


RAPPORTSOORTEN: dict[str, Rapportsoort] = {
    r.naam: r
    for r in (
        Rapportsoort(
            "transitie", "Transitie 16–27", "Transition 16–27", _transitie, True, cohort=True
        ),
        Rapportsoort("zorggebruik", "Zorggebruik", "Care in view", _zorggebruik),
        Rapportsoort("wmo-instroom", "Wmo-instroom 18–26", "Wmo inflow 18–26", _wmo_instroom),
        Rapportsoort("markt", "Markt", "Market", _markt),
        Rapportsoort("knelpunten", "Knelpunten", "Bottlenecks", _knelpunten, True),
        Rapportsoort("benchmark", "Benchmark", "Benchmark", _benchmark, True),
        Rapportsoort(
            "resultaten", "Resultaten van aanbieders", "Provider results", _resultaten, True
        ),
        Rapportsoort(
            "toekomstplan",
            "Toekomstplan en 18-/18+",
            "Future plan and 18-/18+",
            _toekomstplan,
            True,
            cohort=True,
        ),
        Rapportsoort(
            "zelfredzaamheid",
            "Zelfredzaamheid per leefdomein",
            "Self-reliance by life domain",
            _zelfredzaamheid,
            True,
        ),
        Rapportsoort(
            "bestedingsruimte",
            "Bestedingsruimte",
            "Spending room",
            _bestedingsruimte,
            True,
            elk_jaar=True,
            register=True,
        ),
    )
}


def rapport(
    naam: str, con: duckdb.DuckDBPyConnection, verzoek: Verzoek, *, openbaar: bool = False
) -> Tabellen:
    """The tables of report `naam` (one of :data:`RAPPORTSOORTEN`), and ``dekking``: the period
    the data covers and whether the year asked for is complete (else its figures are
    voorlopig). A year with no day inside the data is refused (JaarBuitenGegevens).

    `openbaar` (raad and public) suppresses small counts in every table; the case list
    cannot be public.
    """
    soort = RAPPORTSOORTEN.get(naam)
    if soort is None:
        raise ValueError(f"Onbekend rapport {naam!r}; kies uit {', '.join(RAPPORTSOORTEN)}.")
    if soort.jaar_verplicht and verzoek.jaar is None:
        raise ValueError(f"Het rapport {naam} heeft een jaar nodig (--jaar).")
    if openbaar and verzoek.gevallen:
        raise ValueError(GEEN_GEVALLEN)
    periode = dekking(con)
    if verzoek.jaar is not None and not soort.elk_jaar:
        periode.controleer(verzoek.jaar)  # a year outside the data is refused
    tabellen = {
        **soort.bouw(con, verzoek),
        "dekking": periode.tabel(verzoek.jaar, cohort=soort.cohort),
    }
    if not openbaar:
        return tabellen
    return openbaar_rapport(naam, tabellen, regio_van=_regio_van(con))


def _regio_van(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Gemeente code to jeugdregio, to protect gemeente rows against their region's row."""
    return dict(con.execute("SELECT gemeente, coalesce(jeugdregio, '') FROM gemeente").fetchall())


__all__ = ["RAPPORTSOORTEN", "Rapportsoort", "Tabellen", "Verzoek", "rapport"]
