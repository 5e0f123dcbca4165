"""The contract register's figures for the web pages and the REST API alike: the check of
the messages against the register and the bestedingsruimte monitor, each computed on the
shared analysis connection of the current data (:mod:`passend.web.analysedata`), for the
gemeenten a user may see. The page and the API call these, so they cannot drift apart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from passend.analysis.rapport import Tabellen
from passend.contracten import register as reg
from passend.monitoring.bestedingsruimte import Bestedingsruimteoverzicht
from passend.planning.gebieden import gemeenten_van_sleutel
from passend.web.analysedata import met_verbinding


def gemeenten_van_gebied(gebied: str, in_scope: frozenset[str] | None) -> frozenset[str] | None:
    """The gemeenten of an area key: a gemeente code, a jeugdregio name, or '' for every
    gemeente the user may see (`in_scope`; None: all). The caller checks the key's scope."""
    if not gebied:
        return in_scope
    return frozenset(gemeenten_van_sleutel(gebied) or ())


def _laatste_jaar(con: Any) -> tuple[int, date | None]:
    from passend.analysis.relaties import peildatum as data_peildatum

    einde = data_peildatum(con)
    return (einde.year if einde else date.today().year), einde


def _controle(
    con: Any, jaar: int | None, peildatum: date, gemeenten: frozenset[str] | None
) -> tuple[Any, int]:
    laatste, _einde = _laatste_jaar(con)
    return reg.controle(con, jaar or laatste, peildatum, gemeenten), laatste


def controle(
    jaar: int | None, peildatum: date, gemeenten: frozenset[str] | None
) -> tuple[Any, int]:
    """The check of year `jaar` (default: the data's last year) against the register, and
    the data's last year."""
    return met_verbinding(_controle, jaar, peildatum, gemeenten)


def _ruimte(
    con: Any,
    jaar: int | None,
    peil: date | None,
    gemeenten: frozenset[str] | None,
    gebied: str,
) -> tuple[Tabellen | None, int, str]:
    from passend.monitoring.bestedingsruimte import PeildatumBuitenJaar, standaard_peildatum

    laatste, einde = _laatste_jaar(con)
    jaar = jaar or (peil.year if peil else laatste)
    peil = peil or standaard_peildatum(jaar, einde)
    try:
        graden = reg.verzilvering_van(gebied, jaar)
        return reg.bestedingsruimte_tabellen(con, jaar, peil, gemeenten, graden), laatste, ""
    except PeildatumBuitenJaar as fout:
        return None, laatste, str(fout)


def bestedingsruimte_tabellen(
    jaar: int | None, peil: date | None, gemeenten: frozenset[str] | None, gebied: str
) -> tuple[Tabellen | None, int, str]:
    """The report ``bestedingsruimte`` of year `jaar` on `peil` (defaults: the data's last
    year and date) with the verzilveringsgraden entered for `gebied`; (tables, last year of
    the data, '') or (None, last year, the reason) when the peildatum lies outside the
    year."""
    return met_verbinding(_ruimte, jaar, peil, gemeenten, gebied)


def bestedingsruimte(
    jaar: int | None, peil: date | None, gemeenten: frozenset[str] | None, gebied: str
) -> tuple[Bestedingsruimteoverzicht | None, int, str]:
    """:func:`bestedingsruimte_tabellen` as one overview (the API's JSON)."""
    tabellen, laatste, fout = bestedingsruimte_tabellen(jaar, peil, gemeenten, gebied)
    if tabellen is None:
        return None, laatste, fout
    return Bestedingsruimteoverzicht.uit_tabellen(tabellen), laatste, fout


__all__ = ["bestedingsruimte", "bestedingsruimte_tabellen", "controle", "gemeenten_van_gebied"]
