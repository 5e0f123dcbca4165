"""The toekomstplan and the 18-/18+ rule by hand (docs/definities.md § 15), without a database.

Cohort 2024 in Dordrecht (0505); aanbieders A and B. 17½ is six calendar months after the
17th birthday, clamped to the month's last day; 2024 is a leap year.

    y1  born 2006-03-15  17½ 2023-09-15  16½ 2022-09-15  A 2023-01-01..2024-01-31
        plans 2023-05-01 (leren, werken, vrije tijd, netwerk) and 2023-09-15 (wonen,
        financiën, zorg): together all seven; a third plan 2024-01-10 (after 17½) is not
        counted for the domains. Handover 2022-09-15, exactly 16½: counts. zonder vervolg.
    y2  born 2006-08-31  17½ 2024-02-29  A 2023-06-01..2024-09-30, B 2023-09-01..2024-03-31
        plan 2024-03-01: one day late. verlengde jeugdhulp.
    y3  born 2006-08-30  17½ 2024-02-29 (30 Feb does not exist)  B 2023-09-01..2024-06-30
        plan 2024-02-29, exactly 17½, in Big 5 terms (all five pillars). Wmo from
        2024-09-01: naar Wmo.
    y4  born 2006-12-01  17½ 2024-06-01  A 2024-01-01..2024-11-30  no plan. zonder vervolg.
    y5  born 2006-05-10  17½ 2023-11-10  16½ 2022-11-10  B 2023-06-01..2024-05-09
        plan 2023-01-01 registered by Gorinchem (0512): counts; leren, werken. Handover
        2022-11-11: one day late. Wmo from 2024-05-10: naar Wmo.
    y6  born 2005-06-01: cohort 2023, its plan is not in cohort 2024.

Cohort 5; with a plan 4 (y1, y2, y3, y5); by 17½ 3 (y1, y3, y5); handover by 16½ 1 (y1);
all seven life domains 1 (y1); all Big 5 pillars 2 (y1 through its life domains, y3).
Per aanbieder at 17: A has y1, y2, y4 (1 timely), B has y2, y3, y5 (2 timely).
"""

from __future__ import annotations

from datetime import date as d

import pyarrow as pa
import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.rapport import Verzoek, rapport
from passend.analysis.relaties import SCHEMA, verbind
from passend.analysis.toekomstplan import (
    toekomstplan_aandeel,
    toekomstplan_gevallen,
    toekomstplan_per_aanbieder,
    toekomstplan_per_domein,
    toekomstplan_per_uitkomst,
    toekomstplan_samenvatting,
)
from passend.domain.age import halfjaar_na_verjaardag

A, B = "11111111", "22222222"
GEBIED = Gebied.standaard("0505", None)


def _tabel(naam, rijen):
    schema = SCHEMA[naam]
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rijen], schema=schema)


def _lev(client, agb, begin, eind, domein="jeugd"):
    return {
        "domein": domein,
        "gemeente": "0505",
        "aanbieder": agb,
        "client_id": client,
        "toewijzingnummer": client * 10 + len(agb),
        "categorie": "45" if domein == "jeugd" else "02",
        "begindatum": begin,
        "einddatum": eind,
    }


def _plan(client, datum, domeinen, overdracht=None, gemeente="0505"):
    return {
        "pseudoniem": f"p{client}",
        "gemeente": gemeente,
        "datum_plan": datum,
        "regiehouder": A,
        "datum_overdracht_gestart": overdracht,
        "domeinen": domeinen,
    }


GEBOREN = {
    1: d(2006, 3, 15),
    2: d(2006, 8, 31),
    3: d(2006, 8, 30),
    4: d(2006, 12, 1),
    5: d(2006, 5, 10),
    6: d(2005, 6, 1),
}
LEVERINGEN = [
    _lev(1, A, d(2023, 1, 1), d(2024, 1, 31)),
    _lev(2, A, d(2023, 6, 1), d(2024, 9, 30)),
    _lev(2, B, d(2023, 9, 1), d(2024, 3, 31)),
    _lev(3, B, d(2023, 9, 1), d(2024, 6, 30)),
    _lev(3, A, d(2024, 9, 1), None, domein="wmo"),
    _lev(4, A, d(2024, 1, 1), d(2024, 11, 30)),
    _lev(5, B, d(2023, 6, 1), d(2024, 5, 9)),
    _lev(5, B, d(2024, 5, 10), None, domein="wmo"),
    _lev(6, A, d(2022, 6, 1), d(2023, 5, 31)),
]
PLANNEN = [
    _plan(1, d(2023, 5, 1), "leren,werken,vrije_tijd,netwerk", overdracht=d(2022, 9, 15)),
    _plan(1, d(2023, 9, 15), "wonen,financien,zorg"),
    _plan(1, d(2024, 1, 10), "leren"),
    _plan(2, d(2024, 3, 1), "leren,werken,vrije_tijd,netwerk,wonen,financien,zorg"),
    _plan(3, d(2024, 2, 29), "support,wonen,school_werk,inkomen,welzijn"),
    _plan(5, d(2023, 1, 1), "leren,werken", overdracht=d(2022, 11, 11), gemeente="0512"),
    _plan(6, d(2022, 11, 1), "leren,werken,vrije_tijd,netwerk,wonen,financien,zorg"),
]


def _con(plannen=tuple(PLANNEN)):
    relaties = {naam: _tabel(naam, []) for naam in SCHEMA if naam != "toekomstplan"}
    relaties["client"] = _tabel(
        "client",
        [{"client_id": c, "pseudoniem": f"p{c}", "geboortedatum": g} for c, g in GEBOREN.items()],
    )
    relaties["levering"] = _tabel("levering", LEVERINGEN)
    relaties["gemeente"] = _tabel(
        "gemeente",
        [
            {"gemeente": "0505", "naam": "Dordrecht", "jeugdregio": "Zuid-Holland Zuid"},
            {"gemeente": "0512", "naam": "Gorinchem", "jeugdregio": "Zuid-Holland Zuid"},
        ],
    )
    relaties["aanbieder"] = _tabel("aanbieder", [{"aanbieder": A, "naam": "Aanbieder A"}])
    if plannen is not None:
        relaties["toekomstplan"] = _tabel("toekomstplan", list(plannen))
    return verbind(relaties)


def test_the_half_birthdays_by_hand():
    assert halfjaar_na_verjaardag(d(2006, 3, 15), 17) == d(2023, 9, 15)
    assert halfjaar_na_verjaardag(d(2006, 8, 31), 17) == d(2024, 2, 29)  # leap year
    assert halfjaar_na_verjaardag(d(2006, 8, 30), 17) == d(2024, 2, 29)
    assert halfjaar_na_verjaardag(d(2007, 8, 31), 17) == d(2025, 2, 28)
    # Born 29 February: the 16th birthday in 2020 exists, the 17th is 1 March 2021.
    assert halfjaar_na_verjaardag(d(2004, 2, 29), 16) == d(2020, 8, 29)
    assert halfjaar_na_verjaardag(d(2004, 2, 29), 17) == d(2021, 9, 1)


def test_the_cohort_summary_by_hand():
    (rij,) = toekomstplan_samenvatting(_con(), 2024, GEBIED)
    assert rij == {
        "jaar": 2024,
        "cohort": 5,
        "met_toekomstplan": 4,
        "met_toekomstplan_17_5": 3,
        "overdracht_16_5": 1,
        "alle_levensdomeinen": 1,
        "alle_big5": 2,
        "aandeel_17_5": pytest.approx(3 / 5),
        "aandeel_overdracht_16_5": pytest.approx(1 / 5),
        "aandeel_alle_levensdomeinen": pytest.approx(1 / 3),
    }


def test_each_youth_exactly_at_and_one_day_after_the_boundaries():
    per = {r["pseudoniem"]: r for r in toekomstplan_gevallen(_con(), 2024, GEBIED)}
    assert set(per) == {"p1", "p2", "p3", "p4", "p5"}  # p6 is cohort 2023
    assert per["p3"]["dag_17_5"] == d(2024, 2, 29) and per["p3"]["met_toekomstplan_17_5"]
    assert per["p2"]["eerste_plan"] == d(2024, 3, 1) and not per["p2"]["met_toekomstplan_17_5"]
    assert per["p1"]["overdracht_16_5"] and not per["p5"]["overdracht_16_5"]
    assert per["p5"]["met_toekomstplan_17_5"]  # a plan of another gemeente counts
    assert per["p1"]["domeinen"] == ", ".join(
        sorted(["leren", "werken", "vrije_tijd", "netwerk", "wonen", "financien", "zorg"])
    )
    assert per["p2"]["aanbieders_17"] == f"{A}, {B}"
    eerste = toekomstplan_gevallen(_con(), 2024, GEBIED)[0]
    assert not eerste["met_toekomstplan_17_5"]  # those without a timely plan come first


def test_per_aanbieder_at_17_a_youth_counts_for_each():
    rijen = {r["aanbieder"]: r for r in toekomstplan_per_aanbieder(_con(), 2024, GEBIED)}
    assert (rijen[A]["cohort"], rijen[A]["met_toekomstplan_17_5"]) == (3, 1)
    assert (rijen[B]["cohort"], rijen[B]["met_toekomstplan_17_5"]) == (3, 2)
    assert rijen[A]["naam"] == "Aanbieder A" and rijen[B]["aandeel_17_5"] == pytest.approx(2 / 3)


def test_the_transition_outcome_with_and_without_a_timely_plan():
    ja, nee = toekomstplan_per_uitkomst(_con(), 2024, GEBIED)
    assert ja["tijdig_plan"] == "ja" and nee["tijdig_plan"] == "nee"
    assert (ja["cohort"], ja["zonder_vervolg"], ja["naar_wmo"], ja["verlengde_jeugdhulp"]) == (
        3,
        1,
        2,
        0,
    )
    assert (nee["cohort"], nee["zonder_vervolg"], nee["verlengde_jeugdhulp"]) == (2, 1, 1)
    assert ja["aandeel_zonder_vervolg"] == pytest.approx(1 / 3)


def test_domains_of_the_timely_plans():
    rijen = {(r["soort"], r["domein"]): r for r in toekomstplan_per_domein(_con(), 2024, GEBIED)}
    assert {r["noemer"] for r in rijen.values()} == {3}
    assert rijen[("levensdomein", "leren")]["plannen"] == 2  # y1, y5
    assert rijen[("levensdomein", "zorg")]["plannen"] == 1  # y1 only
    assert rijen[("levensdomein", "wonen")]["plannen"] == 2  # y1, and y3's pillar 'wonen'
    assert rijen[("big5", "school_werk")]["plannen"] == 3  # through leren for y1 and y5
    assert rijen[("big5", "welzijn")]["plannen"] == 2
    assert rijen[("big5", "inkomen")]["aandeel"] == pytest.approx(2 / 3)


def test_the_ambitions_indicator_and_no_register_means_no_figure():
    assert toekomstplan_aandeel(_con(), 2024, GEBIED) == pytest.approx(3 / 5)
    assert toekomstplan_aandeel(_con(plannen=None), 2024, GEBIED) is None
    (leeg,) = toekomstplan_samenvatting(_con(plannen=None), 2024, GEBIED)
    assert (leeg["cohort"], leeg["met_toekomstplan_17_5"]) == (5, 0)


def test_the_report_public_hides_small_counts_and_refuses_the_case_list():
    con = _con()
    prive = rapport("toekomstplan", con, Verzoek(GEBIED, 2024, gevallen=True))
    assert len(prive["plan_gevallen"]) == 5
    with pytest.raises(ValueError):
        rapport("toekomstplan", con, Verzoek(GEBIED, 2024, gevallen=True), openbaar=True)
    uit = rapport("toekomstplan", con, Verzoek(GEBIED, 2024), openbaar=True)
    (rij,) = uit["plan_samenvatting"]
    assert rij["cohort"] == 5  # five is shown
    assert rij["met_toekomstplan_17_5"] == "<5" and rij["aandeel_17_5"] == "x"
    assert all(r["plannen"] in ("<5", "x", 0) for r in uit["plan_per_domein"])


def test_the_outcome_chart_draws_each_group_and_leaves_out_a_hidden_one():
    from passend.analysis.grafieken import grafieken
    from passend.analysis.weergave import als_png, als_svg

    con = _con()
    grafiek = grafieken("toekomstplan", rapport("toekomstplan", con, Verzoek(GEBIED, 2024)))
    png, svg = als_png(grafiek["toekomstplan"]), als_svg(grafiek["toekomstplan"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Plan op 17½" in svg and "Geen plan op 17½" in svg and "Zonder vervolg" in svg
    from tests.analysis.test_grafieken import _data

    waarden = _data(grafiek["toekomstplan"], "groep")
    ja = {w["uitkomst"]: w["aantal"] for w in waarden if w["groep"] == "Plan op 17½"}
    assert ja == {"Verlengde jeugdhulp": 0, "Naar Wmo": 2, "Zonder vervolg": 1}
    # public: every count of both groups is 1-4 here, so nothing is drawn
    openbaar = rapport("toekomstplan", con, Verzoek(GEBIED, 2024), openbaar=True)
    assert grafieken("toekomstplan", openbaar, openbaar=True) == {}
