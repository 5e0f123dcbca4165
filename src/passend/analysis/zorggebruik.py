"""Care in view: clients with jeugdhulp or Wmo per gemeente, period and age band.

Definitions (also in ``docs/definities.md``):

* A client is **in care in a period** (calendar year, or CBS verslagperiode JH-1 = January-
  June / JH-2 = July-December) when at least one levering of the domein is active on at
  least one day of the period (begindatum <= period end and einddatum NULL or >= start).
* **Age** is the age on the client's first day in care in the period (the later of the
  period start and the earliest active begindatum, over all leveringen of that domein). The
  CBS protocol does not define an age for period counts; this choice keeps a youth whose
  jeugdhulp ends at 18 in the band of the age at which the care was received.
* **Age bands** 0-11, 12-15, 16-17, 18-22, 23-26. Clients aged 27 or older are outside the
  0-27 scope and left out; clients without a birth date count in band ``onbekend``.
* **Gemeente**: the gemeente of the levering. A client with care from two gemeenten in one
  period counts in both; per regio and in total a client counts once.
* **Uitsplitsing** (as CBS does per vorm van jeugdhulp): with ``segment``,
  ``productcategorie`` or ``zorgvorm`` a client counts once in every value they had in the
  period, so the values of a breakdown can add up to more than the total. Zorgvorm is
  ``met_verblijf`` / ``zonder_verblijf`` for jeugdhulp (categorie 43/44, 2015: 35-38) and
  None for Wmo.
* **Per 1,000**: aantal x 1,000 / inhabitants of the same gemeente(n) and age band on
  1 January of the period's year (``bevolking``). For a regio or the total, the population of
  the gemeenten in view: those with at least one levering in the data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.relaties import peildatum as data_peildatum
from passend.analysis.sql import bereid, rijen
from passend.reference.loader import laad_codelijsten

LEEFTIJDSGROEPEN: tuple[tuple[str, int, int], ...] = (
    ("0-11", 0, 11),
    ("12-15", 12, 15),
    ("16-17", 16, 17),
    ("18-22", 18, 22),
    ("23-26", 23, 26),
)
ONBEKEND = "onbekend"

_UITSPLITSING = {
    None: ("", ""),
    "segment": ("a.segment AS segment, any_value(a.segmentnaam) AS segmentnaam,", "segment"),
    "productcategorie": ("a.categorie AS productcategorie,", "productcategorie"),
    "zorgvorm": (
        "CASE WHEN a.domein = 'jeugd' THEN CASE WHEN a.met_verblijf THEN 'met_verblijf' "
        "ELSE 'zonder_verblijf' END END AS zorgvorm,",
        "zorgvorm",
    ),
}
_NIVEAU = {"gemeente": "{t}.gemeente", "regio": "coalesce(g.jeugdregio, '')", "totaal": "'totaal'"}


def leeftijdsgroep_sql(leeftijd: str) -> str:
    """A SQL CASE mapping an age expression to its band (NULL outside 0-26)."""
    takken = " ".join(
        f"WHEN {leeftijd} <= {hoog} THEN '{naam}'" for naam, _, hoog in LEEFTIJDSGROEPEN
    )
    return f"CASE {takken} END"


def perioden(van: int, tot: int, soort: str = "jaar") -> list[tuple[int, str, date, date]]:
    """(jaar, periode, begin, eind) for years van..tot; periode 'jaar' or 'JH-1'/'JH-2'."""
    if soort == "jaar":
        return [(j, "jaar", date(j, 1, 1), date(j, 12, 31)) for j in range(van, tot + 1)]
    if soort == "halfjaar":
        return [
            (j, naam, begin, eind)
            for j in range(van, tot + 1)
            for naam, begin, eind in (
                ("JH-1", date(j, 1, 1), date(j, 6, 30)),
                ("JH-2", date(j, 7, 1), date(j, 12, 31)),
            )
        ]
    raise ValueError("periode moet 'jaar' of 'halfjaar' zijn.")


def zorggebruik(
    con: duckdb.DuckDBPyConnection,
    gebied: Gebied,
    *,
    periode: str = "jaar",
    uitsplitsing: str | None = None,
    niveau: str = "gemeente",
    jaren: list[int] | None = None,
    peildatum: date | None = None,
) -> list[dict[str, Any]]:
    """Clients in care per period, domein, gemeente (or regio/totaal) and age band.

    Rows: jaar, periode, periode_begin, periode_eind, volledig (period ended on or before the
    peildatum), domein, gemeente+naam | regio | totaal, the uitsplitsing column(s) when
    asked, leeftijdsgroep, aantal, bevolking, per_1000.
    """
    if uitsplitsing not in _UITSPLITSING or niveau not in _NIVEAU:
        raise ValueError("Onbekende uitsplitsing of niveau.")
    bereid(con, gebied.segmentatie)
    peil = peildatum or data_peildatum(con)
    lijst = _perioden_voor(con, periode, jaren, peil)
    if not lijst:
        return []
    _registreer_perioden(con, lijst)
    kolom_sql, kolom = _UITSPLITSING[uitsplitsing]
    waar, params = gebied.sql("a.gemeente")
    waar_bevolking, _ = gebied.sql("b.gemeente")
    sql = _sql(niveau, kolom_sql, kolom, waar, waar_bevolking)
    uit = rijen(con, sql, params)
    for rij in uit:
        rij["volledig"] = peil is not None and rij["periode_eind"] <= peil
        bevolking = rij["bevolking"]
        rij["per_1000"] = rij["aantal"] * 1000 / bevolking if bevolking else None
    if uitsplitsing == "productcategorie":
        return [_met_categorienaam(rij) for rij in uit]
    return uit


def _met_categorienaam(rij: dict[str, Any]) -> dict[str, Any]:
    """The row with the category's name from the codelist of its domain beside its code."""
    lijst = laad_codelijsten().lijst("JZ020" if rij["domein"] == "jeugd" else "WMO020")
    uit: dict[str, Any] = {}
    for sleutel, waarde in rij.items():
        uit[sleutel] = waarde
        if sleutel == "productcategorie":
            uit["categorienaam"] = lijst.omschrijving(waarde) if waarde else ""
    return uit


def _perioden_voor(
    con: duckdb.DuckDBPyConnection, soort: str, jaren: list[int] | None, peil: date | None
) -> list[tuple[int, str, date, date]]:
    if jaren:
        return [p for j in sorted(set(jaren)) for p in perioden(j, j, soort)]
    eerste = con.execute("SELECT year(min(begindatum)) FROM _lev").fetchone()
    if not eerste or eerste[0] is None or peil is None:
        return []
    return perioden(eerste[0], peil.year, soort)


def _registreer_perioden(
    con: duckdb.DuckDBPyConnection, lijst: list[tuple[int, str, date, date]]
) -> None:
    waarden = ", ".join(
        f"({j}, '{p}', DATE '{b.isoformat()}', DATE '{e.isoformat()}')" for j, p, b, e in lijst
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _perioden AS SELECT * FROM "
        f"(VALUES {waarden}) t(jaar, periode, begin, eind)"
    )


def _sql(niveau: str, kolom_sql: str, kolom: str, waar: str, waar_bevolking: str) -> str:
    gebied_act = _NIVEAU[niveau].format(t="a")
    gebied_bev = _NIVEAU[niveau].format(t="b")
    naam = "any_value(coalesce(g.naam, '')) AS naam," if niveau == "gemeente" else ""
    groep_extra = f", {kolom}" if kolom else ""
    kolom_uit = f"t.{kolom}," if kolom else ""
    naam_uit = "t.naam," if niveau == "gemeente" else ""
    segnaam_uit = "t.segmentnaam," if kolom == "segment" else ""
    return f"""
    WITH actief AS (
        SELECT p.jaar, p.periode, p.begin, p.eind, l.*, greatest(l.begindatum, p.begin) AS dag
        FROM _lev l JOIN _perioden p ON l.begindatum <= p.eind AND l.tot >= p.begin
    ),
    leeftijd AS (
        SELECT a.jaar, a.periode, a.client_id, a.domein,
               CASE WHEN c.geboortedatum IS NULL THEN '{ONBEKEND}'
                    ELSE {leeftijdsgroep_sql("leeftijd_op(c.geboortedatum, min(a.dag))")}
               END AS leeftijdsgroep
        FROM actief a LEFT JOIN client c USING (client_id)
        GROUP BY a.jaar, a.periode, a.client_id, a.domein, c.geboortedatum
    ),
    telling AS (
        SELECT a.jaar, a.periode, any_value(a.begin) AS periode_begin,
               any_value(a.eind) AS periode_eind, a.domein, {gebied_act} AS {niveau}, {naam}
               {kolom_sql} l.leeftijdsgroep, count(DISTINCT a.client_id) AS aantal
        FROM actief a JOIN leeftijd l USING (jaar, periode, client_id, domein)
        LEFT JOIN gemeente g ON g.gemeente = a.gemeente
        WHERE l.leeftijdsgroep IS NOT NULL {waar}
        GROUP BY a.jaar, a.periode, a.domein, {gebied_act}{groep_extra}, l.leeftijdsgroep
    ),
    inwoners AS (
        SELECT b.jaar, {gebied_bev} AS {niveau},
               {leeftijdsgroep_sql("b.leeftijd")} AS leeftijdsgroep, sum(b.aantal) AS bevolking
        FROM bevolking b LEFT JOIN gemeente g ON g.gemeente = b.gemeente
        WHERE b.gemeente IN (SELECT DISTINCT gemeente FROM _lev) {waar_bevolking}
        GROUP BY ALL
    )
    SELECT t.jaar, t.periode, t.periode_begin, t.periode_eind, t.domein, t.{niveau}, {naam_uit}
           {kolom_uit} {segnaam_uit} t.leeftijdsgroep, t.aantal, i.bevolking
    FROM telling t LEFT JOIN inwoners i
        ON i.jaar = t.jaar AND i.{niveau} = t.{niveau} AND i.leeftijdsgroep = t.leeftijdsgroep
    ORDER BY t.jaar, t.periode, t.domein, t.{niveau}{", t." + kolom if kolom else ""},
             t.leeftijdsgroep
    """
