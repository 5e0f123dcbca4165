"""The raadsrapportage as an application service: fetch the public report tables, the
bestedingsruimte per segment and the commitment monitor of an area, and assemble the
document (:func:`passend.monitoring.raadsrapportage.bouw`). The web page and
``passend rapport raad`` both call :func:`maak_raadsrapportage`; the caller brings the
analysis connection (it owns the data source).
"""

from __future__ import annotations

from datetime import date

import duckdb

from passend.analysis.dekking import Dekking, dekking
from passend.analysis.gebied import Gebied
from passend.analysis.rapport import Verzoek, rapport
from passend.analysis.relaties import peildatum as data_peildatum
from passend.contracten.register import bestedingsruimte_tabellen
from passend.monitoring.bestedingsruimte import standaard_peildatum
from passend.monitoring.raadsrapportage import (
    Raadsrapportage,
    bouw,
    openbare_monitor,
    per_segment,
)
from passend.planning import gebieden
from passend.planning.opslag import laad_kader
from passend.strategy.ambities import monitor

#: The reports whose public tables the document holds, and whether their year is the cohort.
RAPPORTEN = {"transitie": True, "toekomstplan": True, "resultaten": False}


def gebiedssleutel(gebied: Gebied) -> str:
    """The planning key of an area (a gemeente code or a jeugdregio name)."""
    return gebied.gemeente or gebied.regio or ""


def gemeenten_van(gebied: Gebied) -> list[str] | None:
    """The gemeenten of an area (None: all)."""
    return gebieden.gemeenten_van(gebied.gemeente, gebied.regio)


def standaardcohort(periode: Dekking, jaar: int) -> int:
    """The cohort of a report on `jaar`: the newest complete cohort before it (its outcome
    after 18 is known); else the newest before it inside the data; else `jaar` itself."""
    jaren = periode.jaren()
    for kandidaten in (
        [j for j in jaren if j < jaar and periode.cohort_volledig(j)],
        [j for j in jaren if j < jaar],
    ):
        if kandidaten:
            return max(kandidaten)
    return jaar


def maak_raadsrapportage(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    jaar: int,
    *,
    cohort: int | None = None,
    peildatum: date | None = None,
    titel: str = "",
) -> Raadsrapportage:
    """The raadsrapportage of `jaar` (the cohort defaults to :func:`standaardcohort`, the
    peildatum to the data's end within the year)."""
    cohort = standaardcohort(dekking(con), jaar) if cohort is None else cohort
    dag = peildatum or standaard_peildatum(jaar, data_peildatum(con))
    publiek = {
        naam: rapport(naam, con, Verzoek(gebied, cohort if is_cohort else jaar), openbaar=True)
        for naam, is_cohort in RAPPORTEN.items()
    }
    gemeenten = gemeenten_van(gebied)
    # the public report, as every table of the document
    ruimte = bestedingsruimte_tabellen(con, jaar, dag, gemeenten, openbaar=True)
    kader = laad_kader(gebiedssleutel(gebied))
    rijen, bronnen = [], {}
    if kader is not None:
        rijen = monitor(kader, [jaar], con, gebied)
        bronnen = {i.code: i.bron for _a, i in kader.indicatoren()}
    # A monitor value of `jaar` rests on the cohort of `jaar` (not the document's cohort):
    # its public cells decide whether it may be shown.
    onder_monitor = {
        naam: rapport(naam, con, Verzoek(gebied, jaar), openbaar=True)
        for naam, is_cohort in RAPPORTEN.items()
        if is_cohort
    }
    return bouw(
        titel=titel or f"Raadsrapportage jeugdhulp en Wmo 16–27, {jaar}",
        titel_en=titel or f"Council report youth care and Wmo 16–27, {jaar}",
        gebied=gebied.omschrijving,
        jaar=jaar,
        cohort=cohort,
        peildatum=dag.isoformat(),
        publiek=publiek,
        segmenten=per_segment(ruimte["bestedingsruimte"]),
        monitor=openbare_monitor(rijen, jaar, onder_monitor, bronnen),
    )
