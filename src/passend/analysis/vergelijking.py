"""Benchmark: each gemeente against its jeugdregio, per 1,000 inhabitants of the age group.

Measures for year Y (also in ``docs/definities.md``). Population: inhabitants on 1 January
of Y (``bevolking``); 0-17 for jeugd measures, 18-26 for Wmo and transition measures.

==============================  =========================================================
``jeugdhulp_per_1000``          clients aged 0-17 with jeugdhulp in Y (age and gemeente as
                                in :mod:`passend.analysis.zorggebruik`), per 1,000 aged 0-17
``jeugdhulp_verblijf_per_1000`` of those, clients with jeugdhulp met verblijf in Y
``jeugdkosten_per_jeugdige``    net jeugd spend attributed to Y (euro), per inhabitant 0-17
``wmo_18_26_per_1000``          clients aged 18-26 with Wmo in Y, per 1,000 aged 18-26
``wmo_instroom_per_1000``       Wmo instroom 18-26 in Y (gemeente of the first Wmo levering)
``cohort_per_1000``             cohort(Y) of the transition, by the member's gemeente
``verlengd_per_1000``           of which verlengde_jeugdhulp
``naar_wmo_per_1000``           of which naar_wmo
``zonder_vervolg_per_1000``     of which zonder_vervolg
==============================  =========================================================

Comparison: the gemeenten of the same jeugdregio that are in view (at least one levering in
the data) and have population figures. ``regio_waarde`` is the pooled rate of the region
(sum of numerators / sum of populations, not a mean of rates); ``overige_waarde`` the same
without the gemeente itself; ``afwijking`` = (waarde - regio_waarde) / regio_waarde; ``rang``
1 is the highest value in the region; ``regio_min``/``regio_mediaan``/``regio_max`` over the
gemeenten' own values.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.sql import bereid, rijen
from passend.analysis.transitie import transitie_per, wmo_instroom
from passend.analysis.zorggebruik import zorggebruik

JEUGD, JONG = ("0-11", "12-15", "16-17"), ("18-22", "23-26")

#: measure -> (population group, scale)
MATEN: dict[str, tuple[str, int]] = {
    "jeugdhulp_per_1000": ("0-17", 1000),
    "jeugdhulp_verblijf_per_1000": ("0-17", 1000),
    "jeugdkosten_per_jeugdige": ("0-17", 1),
    "wmo_18_26_per_1000": ("18-26", 1000),
    "wmo_instroom_per_1000": ("18-26", 1000),
    "cohort_per_1000": ("18-26", 1000),
    "verlengd_per_1000": ("18-26", 1000),
    "naar_wmo_per_1000": ("18-26", 1000),
    "zonder_vervolg_per_1000": ("18-26", 1000),
}

Tellers = dict[str, dict[str, float]]  # measure -> gemeente -> numerator


def _zorg_tellers(con: duckdb.DuckDBPyConnection, jaar: int, alles: Gebied) -> Tellers:
    tel: Tellers = defaultdict(lambda: defaultdict(float))
    for r in zorggebruik(con, alles, jaren=[jaar]):
        if r["domein"] == "jeugd" and r["leeftijdsgroep"] in JEUGD:
            tel["jeugdhulp_per_1000"][r["gemeente"]] += r["aantal"]
        if r["domein"] == "wmo" and r["leeftijdsgroep"] in JONG:
            tel["wmo_18_26_per_1000"][r["gemeente"]] += r["aantal"]
    for r in zorggebruik(con, alles, jaren=[jaar], uitsplitsing="zorgvorm"):
        if r["zorgvorm"] == "met_verblijf" and r["leeftijdsgroep"] in JEUGD:
            tel["jeugdhulp_verblijf_per_1000"][r["gemeente"]] += r["aantal"]
    return tel


def _overige_tellers(
    con: duckdb.DuckDBPyConnection, jaar: int, alles: Gebied, tel: Tellers
) -> None:
    kosten = rijen(
        con,
        "SELECT gemeente, sum(netto) AS netto FROM _pres "
        "WHERE domein = 'jeugd' AND jaar = $jaar GROUP BY gemeente",
        {"jaar": jaar},
    )
    for r in kosten:
        tel["jeugdkosten_per_jeugdige"][r["gemeente"]] += r["netto"] / 100
    for r in wmo_instroom(con, jaar, alles, per="gemeente"):
        tel["wmo_instroom_per_1000"][r["gemeente"]] += r["instroom"]
    velden = {
        "cohort_per_1000": "cohort",
        "verlengd_per_1000": "verlengde_jeugdhulp",
        "naar_wmo_per_1000": "naar_wmo",
        "zonder_vervolg_per_1000": "zonder_vervolg",
    }
    for r in transitie_per(con, jaar, "gemeente", alles):
        for maat, veld in velden.items():
            tel[maat][r["gemeente"]] += r[veld]


def _bevolking(con: duckdb.DuckDBPyConnection, jaar: int) -> dict[tuple[str, str], int]:
    uit = rijen(
        con,
        """SELECT gemeente,
                  sum(aantal) FILTER (WHERE leeftijd BETWEEN 0 AND 17) AS jeugd,
                  sum(aantal) FILTER (WHERE leeftijd BETWEEN 18 AND 26) AS jong
           FROM bevolking WHERE jaar = $jaar GROUP BY gemeente""",
        {"jaar": jaar},
    )
    noemers = {}
    for r in uit:
        noemers[(r["gemeente"], "0-17")] = r["jeugd"] or 0
        noemers[(r["gemeente"], "18-26")] = r["jong"] or 0
    return noemers


def _gemeenten(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Gemeenten in view (at least one levering) with naam and jeugdregio."""
    return {
        r["gemeente"]: r
        for r in rijen(
            con,
            """SELECT g.gemeente, g.naam, g.jeugdregio FROM gemeente g
               WHERE g.gemeente IN (SELECT DISTINCT gemeente FROM _lev)""",
        )
    }


def benchmark(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Every measure of :data:`MATEN` per gemeente in view, compared with its jeugdregio.

    Rows: jaar, gemeente, naam, regio, maat, teller, noemer, waarde, regio_waarde,
    overige_waarde, afwijking, rang, aantal_gemeenten, regio_min, regio_mediaan, regio_max.
    `gebied` only selects the rows returned; the comparison is always with the whole
    jeugdregio.
    """
    alles = Gebied(gebied.segmentatie)  # every gemeente is counted, with the area's model
    bereid(con, gebied.segmentatie, prestaties=True)
    tellers = _zorg_tellers(con, jaar, alles)
    _overige_tellers(con, jaar, alles, tellers)
    noemers = _bevolking(con, jaar)
    gemeenten = {code: g for code, g in _gemeenten(con).items() if noemers.get((code, "0-17"))}
    per_regio: dict[str, list[str]] = defaultdict(list)
    for code, g in gemeenten.items():
        per_regio[g["jeugdregio"]].append(code)
    uit = []
    for maat, (groep, schaal) in MATEN.items():
        for leden in per_regio.values():
            uit += _vergelijk(jaar, maat, groep, schaal, leden, gemeenten, tellers, noemers)
    return [
        r
        for r in sorted(
            uit, key=lambda r: (r["regio"], r["gemeente"], list(MATEN).index(r["maat"]))
        )
        if (gebied.gemeente is None or r["gemeente"] == gebied.gemeente)
        and (gebied.regio is None or r["regio"] == gebied.regio)
    ]


def _vergelijk(
    jaar: int,
    maat: str,
    groep: str,
    schaal: int,
    leden: list[str],
    gemeenten: dict[str, dict[str, str]],
    tellers: Tellers,
    noemers: dict[tuple[str, str], int],
) -> list[dict[str, Any]]:
    teller = {code: tellers.get(maat, {}).get(code, 0) for code in leden}
    noemer = {code: noemers.get((code, groep), 0) for code in leden}
    waarde = {c: teller[c] * schaal / noemer[c] if noemer[c] else None for c in leden}
    bekend = [w for w in waarde.values() if w is not None]
    totaal_t, totaal_n = sum(teller.values()), sum(noemer.values())
    regio_waarde = totaal_t * schaal / totaal_n if totaal_n else None
    uit = []
    for code in leden:
        overig_n = totaal_n - noemer[code]
        overig = (totaal_t - teller[code]) * schaal / overig_n if overig_n else None
        w = waarde[code]
        uit.append(
            {
                "jaar": jaar,
                "gemeente": code,
                "naam": gemeenten[code]["naam"],
                "regio": gemeenten[code]["jeugdregio"],
                "maat": maat,
                "teller": teller[code],
                "noemer": noemer[code],
                "waarde": w,
                "regio_waarde": regio_waarde,
                "overige_waarde": overig,
                "afwijking": (w - regio_waarde) / regio_waarde
                if w is not None and regio_waarde
                else None,
                "rang": 1 + sum(1 for x in bekend if w is not None and x > w)
                if w is not None
                else None,
                "aantal_gemeenten": len(bekend),
                "regio_min": min(bekend, default=None),
                "regio_max": max(bekend, default=None),
                "regio_mediaan": statistics.median(bekend) if bekend else None,
            }
        )
    return uit
