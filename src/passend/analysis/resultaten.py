"""Provider results: how the trajectories of an aanbieder end (the NJi/VNG outcome set,
following CBS Beleidsinformatie Jeugd § 3.7 and § 4), per aanbieder, segment, gemeente or
product. Definitions in docs/definities.md § 14; tested by hand in tests/analysis.

Over the leveringen with a stop whose einddatum lies in year J (in the area):

``afgesloten``
    a reason of the CBS outcome set: Jeugd RedenBeeindiging 31–35, Wmo 19, 21, 22, 23 and
    31 (the WMO588 codes that mean the same). Split into ``volgens_plan`` (Jeugd 31, Wmo 19),
    ``uitval`` (Jeugd 32 + 33, Wmo 21 + 22: stopped early by the client or the aanbieder),
    ``voortijdig_overeenstemming`` (Jeugd 34, Wmo 23) and ``extern`` (Jeugd 35, Wmo 31: an
    external cause such as a move).
``administratief``
    02 (overlijden), 20 (tijdelijk beëindigd) and 36–39 (by the gemeente, a change request,
    a move to another aanbieder or domain): reported, not in the denominator.
``zonder_reden``
    a stop with no reason or another code.
``herhaald_beroep``
    of the afgesloten with einddatum in [1 July J, 31 December J] (``afgesloten_h2``),
    those whose client has a levering of the same domain, anywhere, beginning after that
    einddatum and on or before 30 June J+1 (the CBS outcome "geen nieuwe start"). Empty
    while the data do not reach 30 June J+1.
``duur_mediaan_dagen``
    median of einddatum − begindatum + 1 over the afgesloten.
``kosten_per_client_cent``
    the signed sum of the prestaties with a ProductPeriode beginning in J, divided by the
    clients with such prestaties (``clienten``), in the same group.
``tevredenheid_gemeten`` / ``tevredenheid_gemiddeld``
    of the afgesloten, those with a cliëntoordeel (the template ``clientoordeel``, keyed
    by client, aanbieder and einddatum) giving a report mark 1-10, and the mean mark. The
    youth's answer counts; the parent's only where the youth gave none.
``zonder_hulp_gemeten`` / ``zonder_hulp_verder``
    of the afgesloten, those with an answer 01-04 to "zonder hulp verder", and those
    answering 03 or 04 (no further help needed now); same informant rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.relaties import peildatum
from passend.analysis.sql import bereid, rijen
from passend.domain.clientoordeel import ZONDER_HULP_VERDER

#: Per domain: reason code -> kind of ending.
SOORTEN: dict[str, dict[str, str]] = {
    "jeugd": {
        "31": "volgens_plan",
        "32": "uitval",
        "33": "uitval",
        "34": "voortijdig_overeenstemming",
        "35": "extern",
    },
    "wmo": {
        "19": "volgens_plan",
        "21": "uitval",
        "22": "uitval",
        "23": "voortijdig_overeenstemming",
        "31": "extern",
    },
}
ADMINISTRATIEF = ("02", "20", "36", "37", "38", "39")
AFGESLOTEN = ("volgens_plan", "uitval", "voortijdig_overeenstemming", "extern")
PER = {
    "aanbieder": ("domein", "aanbieder"),
    "segment": ("domein", "segment", "segmentnaam"),
    "gemeente": ("domein", "gemeente"),
    "product": ("domein", "categorie", "productcode"),
}


def _soort_sql() -> str:
    takken = [
        f"WHEN l.domein = '{domein}' AND l.reden_beeindiging = '{code}' THEN '{soort}'"
        for domein, codes in SOORTEN.items()
        for code, soort in codes.items()
    ]
    administratief = ", ".join(f"'{c}'" for c in ADMINISTRATIEF)
    return (
        "CASE "
        + " ".join(takken)
        + f" WHEN l.reden_beeindiging IN ({administratief}) THEN 'administratief'"
        + " ELSE 'zonder_reden' END"
    )


#: Per closed traject (client, aanbieder, einddatum) the answers that count: the youth's,
#: else the parent's.
_OORDELEN = """
    SELECT c.client_id, o.aanbieder, o.einddatum,
           arg_min(o.tevredenheid, o.informant <> 'jeugdige')
               FILTER (WHERE o.tevredenheid IS NOT NULL) AS tevredenheid,
           arg_min(o.zonder_hulp, o.informant <> 'jeugdige')
               FILTER (WHERE o.zonder_hulp IS NOT NULL) AS zonder_hulp
    FROM oordeel o JOIN client c ON c.pseudoniem = o.pseudoniem
    GROUP BY ALL"""


def aanbieder_resultaten(
    con: duckdb.DuckDBPyConnection, jaar: int, gebied: Gebied, per: str = "aanbieder"
) -> list[dict[str, Any]]:
    """One row per group of `per` (aanbieder, segment, gemeente or product, each within a
    domain) with the counts, shares, duration and cost of the module docstring."""
    groep = PER[per]
    bereid(con, gebied.segmentatie, prestaties=True)
    waar, params = gebied.sql("l.gemeente")
    waar_p, _ = gebied.sql("p.gemeente")
    kolommen = ", ".join(groep)
    h2, volgend = date(jaar, 7, 1), date(jaar + 1, 6, 30)
    einde = peildatum(con)
    volledig = einde is not None and einde >= volgend
    afgesloten = ", ".join(f"'{s}'" for s in AFGESLOTEN)
    tellingen = ",\n".join(
        f"count(*) FILTER (WHERE soort = '{s}') AS {s}"
        for s in (*AFGESLOTEN, "administratief", "zonder_reden")
    )
    verder = ", ".join(f"'{c}'" for c in ZONDER_HULP_VERDER)
    sql = f"""
        WITH stops AS (
            SELECT l.*, {_soort_sql()} AS soort FROM _lev l
            WHERE l.einddatum BETWEEN $van AND $tot {waar}
        ), oordelen AS ({_OORDELEN}
        ), eindes AS (
            SELECT s.*, o.tevredenheid, o.zonder_hulp,
                   s.soort IN ({afgesloten}) AS afgesloten,
                   s.soort IN ({afgesloten}) AND s.einddatum >= $h2 AS in_h2,
                   EXISTS (SELECT 1 FROM _lev n
                           WHERE n.client_id = s.client_id AND n.domein = s.domein
                             AND n.begindatum > s.einddatum
                             AND n.begindatum <= $volgend) AS opnieuw
            FROM stops s LEFT JOIN oordelen o ON o.client_id = s.client_id
                AND o.aanbieder = s.aanbieder AND o.einddatum = s.einddatum
        ), einden AS (
            SELECT {kolommen},
                   count(*) FILTER (WHERE afgesloten) AS afgesloten,
                   {tellingen},
                   count(*) FILTER (WHERE in_h2) AS afgesloten_h2,
                   count(*) FILTER (WHERE in_h2 AND opnieuw) AS herhaald_beroep,
                   median(einddatum - begindatum + 1) FILTER (WHERE afgesloten)
                       AS duur_mediaan_dagen,
                   count(tevredenheid) FILTER (WHERE afgesloten) AS tevredenheid_gemeten,
                   avg(tevredenheid) FILTER (WHERE afgesloten) AS tevredenheid_gemiddeld,
                   count(zonder_hulp) FILTER (WHERE afgesloten) AS zonder_hulp_gemeten,
                   count(*) FILTER (WHERE afgesloten AND zonder_hulp IN ({verder}))
                       AS zonder_hulp_verder
            FROM eindes GROUP BY ALL
        ), kosten AS (
            SELECT {kolommen}, sum(p.netto) AS gedeclareerd_cent,
                   count(DISTINCT p.client_id) AS clienten
            FROM _pres p WHERE p.jaar = $jaar {waar_p} GROUP BY ALL
        )
        SELECT * FROM einden FULL JOIN kosten USING ({kolommen})
        ORDER BY {kolommen}"""
    uit = rijen(
        con,
        sql,
        {
            **params,
            "van": date(jaar, 1, 1),
            "tot": date(jaar, 12, 31),
            "h2": h2,
            "volgend": volgend,
            "jaar": jaar,
        },
    )
    namen = _namen(con, per)
    return [_afgeleid(r, jaar, volledig, namen) for r in uit]


def _namen(con: duckdb.DuckDBPyConnection, per: str) -> dict[str, str]:
    if per == "aanbieder":
        return dict(con.execute("SELECT aanbieder, naam FROM aanbieder").fetchall())
    if per == "gemeente":
        return dict(con.execute("SELECT gemeente, naam FROM gemeente").fetchall())
    return {}


def _deel(teller: Any, noemer: Any) -> float | None:
    return round(teller / noemer, 4) if noemer else None


def _afgeleid(
    rij: dict[str, Any], jaar: int, volledig: bool, namen: dict[str, str]
) -> dict[str, Any]:
    sleutel = rij.get("aanbieder") or rij.get("gemeente")
    uit: dict[str, Any] = {"jaar": jaar, **rij}
    if sleutel is not None and namen:
        uit["naam"] = namen.get(sleutel) or ""
    for k in (
        *AFGESLOTEN,
        "afgesloten",
        "administratief",
        "zonder_reden",
        "afgesloten_h2",
        "herhaald_beroep",
        "clienten",
        "tevredenheid_gemeten",
        "zonder_hulp_gemeten",
        "zonder_hulp_verder",
    ):
        uit[k] = int(uit.get(k) or 0)
    if uit.get("tevredenheid_gemiddeld") is not None:
        uit["tevredenheid_gemiddeld"] = round(float(uit["tevredenheid_gemiddeld"]), 2)
    uit["aandeel_zonder_hulp_verder"] = _deel(uit["zonder_hulp_verder"], uit["zonder_hulp_gemeten"])
    if not volledig:
        uit["herhaald_beroep"] = None
    uit["aandeel_volgens_plan"] = _deel(uit["volgens_plan"], uit["afgesloten"])
    uit["aandeel_uitval"] = _deel(uit["uitval"], uit["afgesloten"])
    uit["aandeel_herhaald_beroep"] = (
        _deel(uit["herhaald_beroep"], uit["afgesloten_h2"]) if volledig else None
    )
    if uit.get("duur_mediaan_dagen") is not None:
        uit["duur_mediaan_dagen"] = float(uit["duur_mediaan_dagen"])
    gedeclareerd = int(uit.pop("gedeclareerd_cent", None) or 0)
    uit["gedeclareerd_cent"] = gedeclareerd
    uit["kosten_per_client_cent"] = (
        round(gedeclareerd / uit["clienten"]) if uit["clienten"] else None
    )
    return uit


#: The fields of the provider overview (``passend monitor aanbieders --json`` and the API
#: ``/api/monitor/aanbieders/``); the report table has more.
AANBIEDERVELDEN = (
    "aanbieder",
    "naam",
    "domein",
    "afgesloten",
    "volgens_plan",
    "uitval",
    "voortijdig_overeenstemming",
    "extern",
    "administratief",
    "afgesloten_h2",
    "herhaald_beroep",
    "duur_mediaan_dagen",
    "kosten_per_client_cent",
    "tevredenheid_gemeten",
    "tevredenheid_gemiddeld",
    "zonder_hulp_gemeten",
    "zonder_hulp_verder",
)


def aanbieder_overzicht(per_aanbieder: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of table ``resultaat_aanbieder`` (suppressed or not) with the overview's
    fields, sorted by aanbieder and domain."""
    rijen = sorted(per_aanbieder, key=lambda r: (r["aanbieder"], r["domein"]))
    return [{k: r.get(k) for k in AANBIEDERVELDEN} for r in rijen]


__all__ = [
    "AANBIEDERVELDEN",
    "ADMINISTRATIEF",
    "AFGESLOTEN",
    "PER",
    "SOORTEN",
    "aanbieder_overzicht",
    "aanbieder_resultaten",
]
