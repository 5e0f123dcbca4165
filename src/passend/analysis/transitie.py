"""The 18-transition: what happens to youths in jeugdhulp when they turn 18 (and Wmo inflow).

Definitions (also in ``docs/definities.md``):

* **Jeugdhulp received**: a Jeugd levering from its begindatum to its einddatum inclusive,
  open-ended while it has no stop (einddatum NULL). A toewijzing without a levering is not
  care received. The same holds for Wmo.
* **Cohort(Y)**: clients whose 18th birthday B falls in calendar year Y (29 February ->
  1 March) and who received jeugdhulp on at least one day in [B-365, B-1].
* **E**: the latest einddatum over all the client's Jeugd leveringen; NULL (still running)
  when one of them is open.
* **Outcome**, a partition of the cohort, in this order: ``verlengde_jeugdhulp`` (jeugdhulp on
  or after B), ``naar_wmo`` (a Wmo levering begins in [B-365, E+365]), ``zonder_vervolg``.
* **gat_dagen** (naar_wmo only) = max(0, W - E - 1) with W the first such Wmo begindatum.
* **warme_overdracht**: naar_wmo, gat_dagen = 0 and a Wmo levering beginning on W whose
  toewijzing (same domein, gemeente, aanbieder, toewijzingnummer) has toewijzingsdatum <= E.
  A levering without a matching toewijzing cannot show a warm handover.
* **met_verblijf**: a Jeugd levering of categorie 43/44 (2015: 35-38) active in [B-365, B-1].
* **Gemeente of a cohort member**: the gemeente of the Jeugd levering in [B-365, B-1] that ran
  latest in that window (latest last active day, then latest begindatum, then highest
  gemeentecode); regio = its jeugdregio.
* **Segment at 17**: among the segments of the Jeugd leveringen in [B-365, B-1], the one with
  the lowest ``rangorde`` of the segmentation (heaviest care first), so every youth counts
  in exactly one segment.
* **Wmo instroom 18-26 (Y)**: clients whose first Wmo levering in the data begins in Y at age
  18-26 on that day; ``uit_jeugdhulp`` when a Jeugd levering began before that day. Gemeente:
  of that first Wmo levering (lowest code when several begin that day).

Clients without a birth date cannot be placed in a cohort and are left out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from passend.analysis.gebied import Gebied
from passend.analysis.relaties import peildatum as data_peildatum
from passend.analysis.segmentatie import NIET_INGEDEELD, Segmentatie
from passend.analysis.sql import CACHE_PREFIX, bereid, heeft_tabel, rijen
from passend.reference.loader import laad_codelijsten

UITKOMSTEN = ("verlengde_jeugdhulp", "naar_wmo", "zonder_vervolg")
#: The cohort figures a summary table shows, in this order (web page and raad report).
KERNCIJFERS = (
    "cohort",
    "verlengde_jeugdhulp",
    "naar_wmo",
    "warme_overdracht",
    "zonder_vervolg",
    "gat_dagen_mediaan",
)
ZORGVORMEN = ("met_verblijf", "zonder_verblijf")

_GEVALLEN = """
basis AS (
    SELECT client_id, geboortedatum, verjaardag(geboortedatum, 18) AS b18
    FROM client
    WHERE year(geboortedatum) = $jaar - 18
),
jeugd AS (
    SELECT b.client_id, b.b18, l.gemeente, l.segment, l.rangorde,
           l.met_verblijf, l.begindatum, l.einddatum, l.tot,
           l.begindatum <= b.b18 - 1 AND l.tot >= b.b18 - 365 AS in_venster,
           verjaardag(b.geboortedatum, 21) - 1 AS d21, verjaardag(b.geboortedatum, 23) - 1 AS d23
    FROM basis b JOIN _lev l ON l.client_id = b.client_id AND l.domein = 'jeugd'
        -- A levering that ended before the window decides nothing: a member's E comes from
        -- one running in the window or later, so it is left out before the grouping.
        AND l.tot >= b.b18 - 365
),
kern AS (
    SELECT client_id, any_value(b18) AS b18, any_value(d21) AS d21, any_value(d23) AS d23,
           bool_or(met_verblijf) FILTER (in_venster) AS met_verblijf,
           arg_min(segment, rangorde) FILTER (in_venster) AS segment_17,
           arg_max(gemeente, (least(tot, b18 - 1), begindatum, gemeente))
               FILTER (in_venster) AS gemeente,
           CASE WHEN bool_or(einddatum IS NULL) THEN NULL ELSE max(einddatum) END AS e,
           bool_or(tot >= b18) AS verlengd,
           bool_or(begindatum <= d21 AND tot >= d21) AS op_21,
           bool_or(begindatum <= d23 AND tot >= d23) AS op_23
    FROM jeugd GROUP BY client_id HAVING bool_or(in_venster)
),
wmo_lev AS (
    SELECT k.client_id, k.e, l.begindatum, l.gemeente, l.aanbieder, l.toewijzingnummer
    FROM kern k JOIN _lev l ON l.client_id = k.client_id AND l.domein = 'wmo'
    WHERE NOT k.verlengd AND l.begindatum BETWEEN k.b18 - 365 AND k.e + 365
),
wmo AS (SELECT client_id, min(begindatum) AS w FROM wmo_lev GROUP BY client_id),
-- The leveringen beginning on W all lie in the window, so wmo_lev holds them already.
warm AS (
    SELECT DISTINCT l.client_id
    FROM wmo s JOIN wmo_lev l ON l.client_id = s.client_id AND l.begindatum = s.w
    JOIN _toew t ON t.domein = 'wmo' AND t.gemeente = l.gemeente
        AND t.aanbieder = l.aanbieder AND t.toewijzingnummer = l.toewijzingnummer
    WHERE t.toewijzingsdatum <= l.e
),
gevallen AS (
    SELECT k.client_id, k.gemeente, g.jeugdregio AS regio,
           k.b18 AS verjaardag_18, k.e AS laatste_jeugdhulp,
           CASE WHEN k.verlengd THEN 'verlengde_jeugdhulp'
                WHEN s.w IS NOT NULL THEN 'naar_wmo' ELSE 'zonder_vervolg' END AS uitkomst,
           CASE WHEN s.w IS NOT NULL THEN greatest(0, s.w - k.e - 1) END AS gat_dagen,
           s.w AS eerste_wmo_begindatum,
           (s.w IS NOT NULL AND s.w - k.e - 1 <= 0 AND a.client_id IS NOT NULL)
               AS warme_overdracht,
           CASE WHEN k.met_verblijf THEN 'met_verblijf' ELSE 'zonder_verblijf' END
               AS zorgvorm_17,
           k.segment_17, n.segmentnaam AS segmentnaam_17,
           k.d21 AS dag_voor_21, k.op_21, k.d23 AS dag_voor_23, k.op_23
    FROM kern k
    LEFT JOIN wmo s USING (client_id) LEFT JOIN warm a USING (client_id)
    LEFT JOIN gemeente g ON g.gemeente = k.gemeente
    LEFT JOIN (SELECT DISTINCT segment, segmentnaam FROM _productsegment) n
        ON n.segment = k.segment_17
)
"""

#: The cohort CTEs ending in ``gevallen`` (one row per cohort member), for analyses that
#: follow the cohort further (the toekomstplan monitor); parameters $jaar and the area's.
COHORT_SQL = _GEVALLEN

_TELLINGEN = """
    count(*) AS cohort,
    count(*) FILTER (WHERE uitkomst = 'verlengde_jeugdhulp') AS verlengde_jeugdhulp,
    count(*) FILTER (WHERE uitkomst = 'naar_wmo') AS naar_wmo,
    count(*) FILTER (WHERE warme_overdracht) AS warme_overdracht,
    count(*) FILTER (WHERE uitkomst = 'zonder_vervolg') AS zonder_vervolg,
    CAST(median(gat_dagen) AS DOUBLE) AS gat_dagen_mediaan,
    count(*) FILTER (WHERE zorgvorm_17 = 'met_verblijf') AS met_verblijf,
    count(*) FILTER (WHERE zorgvorm_17 = 'zonder_verblijf') AS zonder_verblijf
"""

#: One row per client whose first Wmo levering begins at age 18-26: that day (w), its year,
#: the age and whether a Jeugd levering began before it; {jaar} restricts to first days in
#: $jaar. The gemeente (the lowest of that day's leveringen) is joined only where asked.
_INSTROMERS = """
WITH eerste AS (
    SELECT client_id, min(begindatum) AS w FROM _lev WHERE domein = 'wmo' GROUP BY client_id
    {jaar}
),
instroom AS (
    SELECT e.client_id, e.w, year(e.w) AS jaar, leeftijd_op(c.geboortedatum, e.w) AS leeftijd
    FROM eerste e JOIN client c USING (client_id)
    WHERE c.geboortedatum IS NOT NULL
      AND leeftijd_op(c.geboortedatum, e.w) BETWEEN 18 AND 26
)
SELECT i.*, EXISTS (
    SELECT 1 FROM _lev j
    WHERE j.client_id = i.client_id AND j.domein = 'jeugd' AND j.begindatum < i.w
) AS uit_jeugdhulp
FROM instroom i
"""

#: The Wmo leveringen of an instromer's first day, over the cached instromers {tabel}.
_EERSTE_LEV = """
eerste_lev AS (
    SELECT i.client_id, l.gemeente, l.categorie
    FROM {tabel} i
    JOIN _lev l ON l.client_id = i.client_id AND l.domein = 'wmo' AND l.begindatum = i.w
)
"""


def transitie(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
) -> dict[str, Any]:
    """The transition figures of cohort `jaar` (unsuppressed counts).

    Keys: jaar, cohort, verlengde_jeugdhulp, naar_wmo, warme_overdracht, zonder_vervolg,
    gat_dagen_mediaan (float, None without naar_wmo), met_verblijf, zonder_verblijf,
    wmo_instroom_18_26, wmo_instroom_uit_jeugdhulp. `gebied` restricts to members attributed
    to its gemeente or jeugdregio, as defined in the module doc.
    """
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("gemeente")
    tellingen = rijen(
        con,
        f"""WITH {_cohort(con, jaar)}, {_instroom(con, jaar, gemeente=bool(waar))}
        SELECT * FROM (SELECT {_TELLINGEN} FROM gevallen WHERE true {waar}),
        (SELECT count(*) AS wmo_instroom_18_26,
                count(*) FILTER (WHERE uit_jeugdhulp) AS wmo_instroom_uit_jeugdhulp
         FROM instromers WHERE jaar = $jaar {waar})""",
        {"jaar": jaar, **params},
    )[0]
    return {"jaar": jaar, **tellingen}


def transitie_uitkomsten(samenvatting: dict[str, Any]) -> list[dict[str, Any]]:
    """The outcomes of the cohort (:func:`transitie`) as rows, and the cohort as the last:
    ``uitkomst`` (an outcome code, or ``cohort``), ``aantal`` and ``aandeel`` (of the cohort;
    None for an empty cohort)."""
    cohort = samenvatting["cohort"]
    return [
        {
            "jaar": samenvatting["jaar"],
            "uitkomst": u,
            "aantal": samenvatting[u],
            "aandeel": samenvatting[u] / cohort if cohort else None,
        }
        for u in (*UITKOMSTEN, "cohort")
    ]


def transitie_gevallen(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Pseudonymous cases of cohort `jaar`, for authorised client-level use only.

    One row per cohort member: pseudoniem, gemeente, regio, verjaardag_18,
    laatste_jeugdhulp (E; None while still running), uitkomst, gat_dagen,
    eerste_wmo_begindatum, warme_overdracht, zorgvorm_17, segment_17, segmentnaam_17.
    Ordered by uitkomst, gemeente and pseudoniem.
    """
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("g.gemeente")
    return rijen(
        con,
        f"""WITH {_cohort(con, jaar)}
        SELECT c.pseudoniem, g.gemeente, regio, verjaardag_18, laatste_jeugdhulp, uitkomst,
               gat_dagen, eerste_wmo_begindatum, warme_overdracht, zorgvorm_17, segment_17,
               segmentnaam_17
        FROM gevallen g JOIN client c USING (client_id) WHERE true {waar}
        ORDER BY uitkomst, g.gemeente, c.pseudoniem""",
        {"jaar": jaar, **params},
    )


_PER = {
    "gemeente": ("g.gemeente", "coalesce(gm.naam, '')"),
    "regio": ("regio", "regio"),
    "segment": ("segment_17", "segmentnaam_17"),
    "zorgvorm": ("zorgvorm_17", "zorgvorm_17"),
}


def transitie_per(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    per: str,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Cohort figures of `jaar` per gemeente, regio, segment (at 17) or zorgvorm (at 17).

    Rows: jaar, `per` (the key), naam, and the cohort keys of :func:`transitie` (without the
    Wmo-instroom keys; see :func:`wmo_instroom` for those per gemeente).
    """
    if per not in _PER:
        raise ValueError(f"per moet een van {', '.join(_PER)} zijn, niet {per!r}.")
    kolom, naam = _PER[per]
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("g.gemeente")
    return rijen(
        con,
        f"""WITH {_cohort(con, jaar)}
        SELECT $jaar AS jaar, {kolom} AS {per}, {naam} AS naam, {_TELLINGEN}
        FROM gevallen g LEFT JOIN gemeente gm ON gm.gemeente = g.gemeente
        WHERE true {waar}
        GROUP BY ALL ORDER BY 2""",
        {"jaar": jaar, **params},
    )


def transitie_stroom(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    van: str,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    """Flow table of cohort `jaar`: from zorgvorm (or segment) at 17 to outcome.

    Rows {jaar, van, van_naam, naar, aantal} for every combination, zeros included, so the
    table is complete (for suppression and Sankey diagrams).
    """
    if van not in ("zorgvorm", "segment"):
        raise ValueError("van moet 'zorgvorm' of 'segment' zijn.")
    seg = gebied.segmentatie
    sleutel = "zorgvorm_17" if van == "zorgvorm" else "segment_17"
    bereid(con, seg)
    waar, params = gebied.sql("gemeente")
    tellingen = {
        (r["van"], r["naar"]): r["aantal"]
        for r in rijen(
            con,
            f"""WITH {_cohort(con, jaar)}
            SELECT {sleutel} AS van, uitkomst AS naar, count(*) AS aantal
            FROM gevallen WHERE true {waar} GROUP BY ALL""",
            {"jaar": jaar, **params},
        )
    }
    bronnen = _stroom_bronnen(van, seg, {v for v, _ in tellingen})
    return [
        {
            "jaar": jaar,
            "van": code,
            "van_naam": naam,
            "naar": uitkomst,
            "aantal": tellingen.get((code, uitkomst), 0),
        }
        for code, naam in bronnen
        for uitkomst in UITKOMSTEN
    ]


def _stroom_bronnen(
    van: str, segmentatie: Segmentatie, aanwezig: set[str]
) -> list[tuple[str, str]]:
    if van == "zorgvorm":
        return [("met_verblijf", "Met verblijf"), ("zonder_verblijf", "Zonder verblijf")]
    jeugd = sorted(
        (s for s in segmentatie.segmenten if s.domein == "jeugd"), key=lambda s: s.rangorde
    )
    bronnen = [(s.code, s.naam) for s in jeugd]
    if NIET_INGEDEELD.code in aanwezig:
        bronnen.append((NIET_INGEDEELD.code, NIET_INGEDEELD.naam))
    return bronnen


def transitie_doorloop(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
    *,
    peildatum: date | None = None,
) -> list[dict[str, Any]]:
    """Share of cohort `jaar` with jeugdhulp on the day before the 21st and 23rd birthday.

    Jeugdwet art. 1.1: verlengde jeugdhulp can run to 23 (pleegzorg by default to 21). Only
    assessed when `peildatum` (default: the data's last date) is on or after that day for
    every cohort member; otherwise ``beschikbaar`` is False and aantal/aandeel are None.
    Rows per leeftijd (21, 23) and zorgvorm at 17 (alle, met_verblijf, zonder_verblijf) with
    noemer (the denominator: cohort members in that group), aantal and aandeel.
    """
    peil = peildatum or data_peildatum(con)
    gevallen = _doorloop_gevallen(con, jaar, gebied)
    uit: list[dict[str, Any]] = []
    for leeftijd in (21, 23):
        dagen = [g[f"dag_voor_{leeftijd}"] for g in gevallen]
        beschikbaar = bool(dagen) and peil is not None and peil >= max(dagen)
        for zorgvorm in ("alle", *ZORGVORMEN):
            groep = [g for g in gevallen if zorgvorm in ("alle", g["zorgvorm_17"])]
            aantal = sum(1 for g in groep if g[f"op_{leeftijd}"]) if beschikbaar else None
            uit.append(
                {
                    "jaar": jaar,
                    "leeftijd": leeftijd,
                    "zorgvorm": zorgvorm,
                    "noemer": len(groep),
                    "aantal": aantal,
                    "aandeel": aantal / len(groep) if aantal is not None and groep else None,
                    "beschikbaar": beschikbaar,
                    "peildatum": peil,
                }
            )
    return uit


def _doorloop_gevallen(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gebied: Gebied,
) -> list[dict[str, Any]]:
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("gemeente")
    return rijen(
        con,
        f"""WITH {_cohort(con, jaar)}
        SELECT zorgvorm_17, dag_voor_21, op_21, dag_voor_23, op_23
        FROM gevallen WHERE true {waar}""",
        {"jaar": jaar, **params},
    )


def wmo_instroom(
    con: duckdb.DuckDBPyConnection,
    jaar: int | None,
    gebied: Gebied,
    *,
    per: str = "productcategorie",
) -> list[dict[str, Any]]:
    """Wmo inflow at age 18-26 per year and Wmo productcategorie (or per gemeente).

    A client counts in every productcategorie of the Wmo leveringen that began on their first
    Wmo day, so categories can add up to more than the total; the row with productcategorie
    'totaal' counts each client once. With ``per='gemeente'`` the rows are per gemeente of
    the first Wmo levering instead (a partition). Columns: jaar, the key, naam, instroom,
    uit_jeugdhulp, aandeel_uit_jeugdhulp.
    """
    if per not in ("productcategorie", "gemeente"):
        raise ValueError("per moet 'productcategorie' of 'gemeente' zijn.")
    bereid(con, gebied.segmentatie)
    waar, params = gebied.sql("i.gemeente")
    jaarfilter = "" if jaar is None else " AND i.jaar = $jaar"
    params = {"jaar": jaar, **params}
    if per == "gemeente":
        sql = f"""WITH {_instroom(con, jaar, gemeente=True)}
            SELECT i.jaar, i.gemeente, coalesce(g.naam, '') AS naam, {_INSTROOM_TELLING}
            FROM instromers i LEFT JOIN gemeente g ON g.gemeente = i.gemeente
            WHERE true {waar}{jaarfilter} GROUP BY ALL ORDER BY 1, 2"""
        return _met_aandeel(rijen(con, sql, params))
    # Counted over distinct (client, categorie) pairs rather than with distinct counts; the
    # total comes from the instromers alone, as each has a levering on their first day.
    sql = f"""WITH {_instroom(con, jaar, gemeente=bool(waar))}
        SELECT jaar, categorie AS productcategorie, '' AS naam, count(*) AS instroom,
               count(*) FILTER (WHERE uit_jeugdhulp) AS uit_jeugdhulp
        FROM (SELECT DISTINCT i.jaar, i.client_id, i.uit_jeugdhulp, e.categorie
              FROM instromers i JOIN eerste_lev e USING (client_id)
              WHERE true {waar}{jaarfilter})
        GROUP BY ALL
        UNION ALL
        SELECT i.jaar, 'totaal', 'Totaal', count(*), count(*) FILTER (WHERE i.uit_jeugdhulp)
        FROM instromers i WHERE true {waar}{jaarfilter} GROUP BY ALL"""
    uit = rijen(con, sql, params)
    wmo020 = laad_codelijsten().lijst("WMO020")
    for rij in uit:
        rij["naam"] = rij["naam"] or wmo020.omschrijving(rij["productcategorie"])
    uit.sort(key=lambda r: (r["jaar"], r["productcategorie"] == "totaal", r["productcategorie"]))
    return _met_aandeel(uit)


def _cohort(con: duckdb.DuckDBPyConnection, jaar: int) -> str:
    """A CTE ``gevallen`` over cohort `jaar` (every area), computed once per connection and
    prepared relations: a report reads the cohort seven times."""
    naam = f"{CACHE_PREFIX}cohort_{int(jaar)}"
    if not heeft_tabel(con, naam):
        con.execute(
            f"CREATE TEMP TABLE {naam} AS WITH {_GEVALLEN} SELECT * FROM gevallen", {"jaar": jaar}
        )
    return f"gevallen AS (FROM {naam})"


def _instroom(con: duckdb.DuckDBPyConnection, jaar: int | None, *, gemeente: bool) -> str:
    """CTEs ``eerste_lev`` (the leveringen of an instromer's first Wmo day) and
    ``instromers`` of year `jaar` (None: every year) and every area, computed once per
    connection and year; with `gemeente` the instromers carry theirs (an area filter or a
    table per gemeente needs it, a national count does not)."""
    naam = f"{CACHE_PREFIX}instromers_{'alle' if jaar is None else int(jaar)}"
    if not heeft_tabel(con, naam):
        filter_ = "" if jaar is None else "HAVING year(min(begindatum)) = $jaar"
        con.execute(
            f"CREATE TEMP TABLE {naam} AS {_INSTROMERS.format(jaar=filter_)}",
            {} if jaar is None else {"jaar": jaar},
        )
    instromers = (
        f"SELECT i.*, e.gemeente FROM {naam} i JOIN (SELECT client_id, min(gemeente) AS "
        "gemeente FROM eerste_lev GROUP BY client_id) e USING (client_id)"
        if gemeente
        else f"FROM {naam}"
    )
    return f"{_EERSTE_LEV.format(tabel=naam)}, instromers AS ({instromers})"


_INSTROOM_TELLING = """count(DISTINCT i.client_id) AS instroom,
    count(DISTINCT i.client_id) FILTER (WHERE i.uit_jeugdhulp) AS uit_jeugdhulp"""


def _met_aandeel(uit: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for rij in uit:
        rij["aandeel_uit_jeugdhulp"] = rij["uit_jeugdhulp"] / rij["instroom"]
    return uit
