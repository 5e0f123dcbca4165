"""The 18-transition against hand computations on the messages of ``scenarios.transitie``.

Letters refer to the persons described in ``scenarios.transitie``. Every expected number is
derived in the comments, never computed by the code under test.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from passend.analysis import (
    Segmentatie,
    niet_ingedeeld,
    transitie,
    transitie_doorloop,
    transitie_gevallen,
    transitie_per,
    transitie_stroom,
    wmo_instroom,
)
from passend.analysis.gebied import Gebied
from passend.analysis.sql import bereid
from tests.analysis.berichtenset import DORDRECHT, GORINCHEM, GRONINGEN, GRONINGEN_REGIO, ZHZ

pytestmark = pytest.mark.django_db

SLEUTELS = [
    "jaar",
    "cohort",
    "verlengde_jeugdhulp",
    "naar_wmo",
    "warme_overdracht",
    "zonder_vervolg",
    "gat_dagen_mediaan",
    "met_verblijf",
    "zonder_verblijf",
    "wmo_instroom_18_26",
    "wmo_instroom_uit_jeugdhulp",
]


def test_cohort_2024_hand_computed(dataset):
    uit = transitie(dataset("transitie"), 2024, Gebied.standaard())
    assert list(uit) == SLEUTELS
    assert uit == {
        "jaar": 2024,
        # 18th birthday in 2024 and a Jeugd levering in [B-365, B-1]: A B C D E F G J K N.
        # Not: H (B in 2025), I and S (2022), L (care ends the day before the window), M
        # (toewijzing without levering), O P Q R (no jeugdhulp in the window).
        "cohort": 10,
        # A (levering to 2024-09-30 > B), G (open levering), N (new levering after 18).
        "verlengde_jeugdhulp": 3,
        # B (Wmo on B), C (Wmo 2024-06-10 <= E+365), D (Wmo before E), J (Wmo exactly E+365).
        "naar_wmo": 4,
        # B: gap 0 and toewijzingsdatum 2024-05-01 <= E 2024-05-14; D: gap max(0, <0) = 0 and
        # toewijzingsdatum 2024-07-15 <= E 2024-09-19. C and J have a gap.
        "warme_overdracht": 2,
        # E (only a Wmo toewijzing, no levering), F (Wmo 2025-01-01 > E+365 = 2024-12-31),
        # K (Wmo 2023-08-08 < B-365 = 2023-08-09).
        "zonder_vervolg": 3,
        # Gaps: B 0, D 0, C 2024-06-10 - 2024-04-30 - 1 = 40, J 2025-02-28 - 2024-02-29 - 1 =
        # 364; median of (0, 0, 40, 364) = (0 + 40) / 2.
        "gat_dagen_mediaan": 20.0,
        # B (44 in the window) and F (43 active on 2024-01-01 = B-365).
        "met_verblijf": 2,
        "zonder_verblijf": 8,
        # First Wmo levering in 2024 at 18-26: B (18 on 2024-05-15), N (18 on 2024-03-01),
        # O (23), R (21). Not C and D (17), P (27), Q (first Wmo in 2023).
        "wmo_instroom_18_26": 4,
        # B and N had jeugdhulp before their Wmo start; O none; R's jeugdhulp came after.
        "wmo_instroom_uit_jeugdhulp": 2,
    }


def test_other_cohorts_leap_day_and_new_year(dataset):
    con = dataset("transitie")
    # Cohort 2022: I (born 29-02-2004, B = 1 March 2022: care to 28 Feb is not verlengd;
    # Wmo on 1 March: gap 0, toewijzingsdatum 2022-02-01 <= E: warm) and S (verlengd, 44).
    # Wmo instroom 2022: I at 18, after jeugdhulp.
    assert transitie(con, 2022, Gebied.standaard()) == {
        "jaar": 2022,
        "cohort": 2,
        "verlengde_jeugdhulp": 1,
        "naar_wmo": 1,
        "warme_overdracht": 1,
        "zonder_vervolg": 0,
        "gat_dagen_mediaan": 0.0,
        "met_verblijf": 1,
        "zonder_verblijf": 1,
        "wmo_instroom_18_26": 1,
        "wmo_instroom_uit_jeugdhulp": 1,
    }
    # Cohort 2023 is empty (nobody born in 2005): median is None. Wmo instroom 2023: Q (22).
    assert transitie(con, 2023, Gebied.standaard()) == {
        "jaar": 2023,
        "cohort": 0,
        "verlengde_jeugdhulp": 0,
        "naar_wmo": 0,
        "warme_overdracht": 0,
        "zonder_vervolg": 0,
        "gat_dagen_mediaan": None,
        "met_verblijf": 0,
        "zonder_verblijf": 0,
        "wmo_instroom_18_26": 1,
        "wmo_instroom_uit_jeugdhulp": 0,
    }
    # Cohort 2025: H (born 1 January 2007; care ends 2024-12-31 = B-1, no Wmo). Wmo instroom
    # 2025: F (2025-01-01, 18) and J (2025-02-28, 18), both after jeugdhulp.
    assert transitie(con, 2025, Gebied.standaard()) == {
        "jaar": 2025,
        "cohort": 1,
        "verlengde_jeugdhulp": 0,
        "naar_wmo": 0,
        "warme_overdracht": 0,
        "zonder_vervolg": 1,
        "gat_dagen_mediaan": None,
        "met_verblijf": 0,
        "zonder_verblijf": 1,
        "wmo_instroom_18_26": 2,
        "wmo_instroom_uit_jeugdhulp": 2,
    }


def test_filters_by_gemeente_and_regio(dataset):
    con = dataset("transitie")
    # Gemeente of a member: the Jeugd levering that ran latest in the window. J: 46 in
    # Dordrecht (to 2023-05-10) and 41 in Gorinchem (to 2024-02-29): Gorinchem.
    # Gorinchem: C (gap 40) and J (gap 364): median (40 + 364) / 2 = 202. Wmo instroom:
    # R (Gorinchem, not from jeugdhulp).
    assert transitie(con, 2024, Gebied.standaard(GORINCHEM)) == {
        "jaar": 2024,
        "cohort": 2,
        "verlengde_jeugdhulp": 0,
        "naar_wmo": 2,
        "warme_overdracht": 0,
        "zonder_vervolg": 0,
        "gat_dagen_mediaan": 202.0,
        "met_verblijf": 0,
        "zonder_verblijf": 2,
        "wmo_instroom_18_26": 1,
        "wmo_instroom_uit_jeugdhulp": 0,
    }
    # Zuid-Holland Zuid = Dordrecht + Gorinchem: the cohort without E (Groningen). Instroom
    # B, N (Dordrecht) and R (Gorinchem); O is in Groningen.
    assert transitie(con, 2024, Gebied.standaard(regio=ZHZ)) == {
        "jaar": 2024,
        "cohort": 9,
        "verlengde_jeugdhulp": 3,
        "naar_wmo": 4,
        "warme_overdracht": 2,
        "zonder_vervolg": 2,
        "gat_dagen_mediaan": 20.0,
        "met_verblijf": 2,
        "zonder_verblijf": 7,
        "wmo_instroom_18_26": 3,
        "wmo_instroom_uit_jeugdhulp": 2,
    }
    assert transitie(con, 2024, Gebied.standaard(regio=GRONINGEN_REGIO)) == {
        "jaar": 2024,
        "cohort": 1,
        "verlengde_jeugdhulp": 0,
        "naar_wmo": 0,
        "warme_overdracht": 0,
        "zonder_vervolg": 1,
        "gat_dagen_mediaan": None,
        "met_verblijf": 0,
        "zonder_verblijf": 1,
        "wmo_instroom_18_26": 1,
        "wmo_instroom_uit_jeugdhulp": 0,
    }
    per = {r["gemeente"]: r for r in transitie_per(con, 2024, "gemeente", Gebied.standaard())}
    assert set(per) == {DORDRECHT, GORINCHEM, GRONINGEN}
    # Dordrecht: A B D F G K N; verlengd A G N; naar_wmo B D (both warm, gaps 0 0);
    # zonder F K; met verblijf B F.
    assert per[DORDRECHT] == {
        "jaar": 2024,
        "gemeente": DORDRECHT,
        "naam": "Dordrecht",
        "cohort": 7,
        "verlengde_jeugdhulp": 3,
        "naar_wmo": 2,
        "warme_overdracht": 2,
        "zonder_vervolg": 2,
        "gat_dagen_mediaan": 0.0,
        "met_verblijf": 2,
        "zonder_verblijf": 5,
    }
    assert (per[GRONINGEN]["cohort"], per[GRONINGEN]["zonder_vervolg"]) == (1, 1)
    assert [r["regio"] for r in transitie_per(con, 2024, "regio", Gebied.standaard())] == [
        GRONINGEN_REGIO,
        ZHZ,
    ]


def test_cases_per_outcome(dataset):
    gevallen = transitie_gevallen(dataset("transitie"), 2024, Gebied.standaard())
    assert all(len(g["pseudoniem"]) == 64 for g in gevallen)
    kolommen = (
        "gemeente",
        "laatste_jeugdhulp",
        "uitkomst",
        "gat_dagen",
        "warme_overdracht",
        "zorgvorm_17",
        "segment_17",
        "eerste_wmo_begindatum",
    )
    per_verjaardag = {g["verjaardag_18"]: tuple(g[k] for k in kolommen) for g in gevallen}
    z, m = "zonder_verblijf", "met_verblijf"
    assert per_verjaardag == {
        # A: E = 2024-09-30, 45 -> segment 4A.
        d(2024, 3, 10): (
            DORDRECHT,
            d(2024, 9, 30),
            "verlengde_jeugdhulp",
            None,
            False,
            z,
            "4A",
            None,
        ),
        d(2024, 5, 15): (DORDRECHT, d(2024, 5, 14), "naar_wmo", 0, True, m, "2", d(2024, 5, 15)),
        d(2024, 7, 1): (GORINCHEM, d(2024, 4, 30), "naar_wmo", 40, False, z, "4A", d(2024, 6, 10)),
        # D: 54 -> segment 4B; the Wmo start lies before E.
        d(2024, 9, 20): (DORDRECHT, d(2024, 9, 19), "naar_wmo", 0, True, z, "4B", d(2024, 8, 1)),
        d(2024, 10, 5): (GRONINGEN, d(2024, 6, 30), "zonder_vervolg", None, False, z, "4A", None),
        # F: 43 -> segment 1, met verblijf.
        d(2024, 12, 31): (DORDRECHT, d(2024, 1, 1), "zonder_vervolg", None, False, m, "1", None),
        # G: open levering, so E is None (still running).
        d(2024, 1, 1): (DORDRECHT, None, "verlengde_jeugdhulp", None, False, z, "4A", None),
        # J: in the window 46 (segment 5, rangorde 3) and 41 (segment 3, rangorde 4): 5.
        d(2024, 4, 20): (GORINCHEM, d(2024, 2, 29), "naar_wmo", 364, False, z, "5", d(2025, 2, 28)),
        d(2024, 8, 8): (DORDRECHT, d(2023, 12, 31), "zonder_vervolg", None, False, z, "4A", None),
        # N: E is the end of the levering after 18; the 44 started after the window.
        d(2024, 2, 2): (
            DORDRECHT,
            d(2024, 12, 31),
            "verlengde_jeugdhulp",
            None,
            False,
            z,
            "4A",
            None,
        ),
    }
    assert [g["uitkomst"] for g in gevallen] == sorted(g["uitkomst"] for g in gevallen)
    assert transitie_gevallen(dataset("transitie"), 2024, Gebied.standaard(GRONINGEN))[0][
        "regio"
    ] == (GRONINGEN_REGIO)


def test_per_segment_and_flow(dataset):
    con = dataset("transitie")
    per = {r["segment"]: r for r in transitie_per(con, 2024, "segment", Gebied.standaard())}
    # Segment at 17 (see test_cases_per_outcome): 4A = A C E G K N; 1 = F; 2 = B; 4B = D; 5 = J.
    assert {k: r["cohort"] for k, r in per.items()} == {"1": 1, "2": 1, "4A": 6, "4B": 1, "5": 1}
    # 4A: verlengd A G N; naar_wmo C (gap 40); zonder E K.
    assert per["4A"] == {
        "jaar": 2024,
        "segment": "4A",
        "naam": "Specialistisch/veel voorkomend, lokaal",
        "cohort": 6,
        "verlengde_jeugdhulp": 3,
        "naar_wmo": 1,
        "warme_overdracht": 0,
        "zonder_vervolg": 2,
        "gat_dagen_mediaan": 40.0,
        "met_verblijf": 0,
        "zonder_verblijf": 6,
    }
    zorgvorm = {
        r["zorgvorm"]: r["cohort"] for r in transitie_per(con, 2024, "zorgvorm", Gebied.standaard())
    }
    assert zorgvorm == {"met_verblijf": 2, "zonder_verblijf": 8}
    stroom = {
        (r["van"], r["naar"]): r["aantal"]
        for r in transitie_stroom(con, 2024, "zorgvorm", Gebied.standaard())
    }
    # Met verblijf: B -> naar_wmo, F -> zonder_vervolg. Zonder: verlengd A G N, naar_wmo C D J,
    # zonder_vervolg E K.
    assert stroom == {
        ("met_verblijf", "verlengde_jeugdhulp"): 0,
        ("met_verblijf", "naar_wmo"): 1,
        ("met_verblijf", "zonder_vervolg"): 1,
        ("zonder_verblijf", "verlengde_jeugdhulp"): 3,
        ("zonder_verblijf", "naar_wmo"): 3,
        ("zonder_verblijf", "zonder_vervolg"): 2,
    }
    per_segment = transitie_stroom(con, 2024, "segment", Gebied.standaard())
    # All 9 Jeugd segments x 3 outcomes, zeros included; in rangorde: 1, 2, 5, 3, 4B, 4A, ...
    assert len(per_segment) == 27
    assert [r["van"] for r in per_segment[::3]] == ["1", "2", "5", "3", "4B", "4A", "7", "LTA", "6"]
    assert {(r["van"], r["naar"]): r["aantal"] for r in per_segment if r["aantal"]} == {
        ("1", "zonder_vervolg"): 1,
        ("2", "naar_wmo"): 1,
        ("5", "naar_wmo"): 1,
        ("4B", "naar_wmo"): 1,
        ("4A", "verlengde_jeugdhulp"): 3,
        ("4A", "naar_wmo"): 1,
        ("4A", "zonder_vervolg"): 2,
    }


def test_continuation_to_21_and_23(dataset):
    con = dataset("transitie")
    rijen = {
        (r["leeftijd"], r["zorgvorm"]): r for r in transitie_doorloop(con, 2022, Gebied.standaard())
    }
    # The data's last date is S's stop, 2025-06-14. Day before the 21st birthday: I (born
    # 29-02-2004: 21 on 1 March 2025) 2025-02-28, S 2025-06-14; both passed -> assessed.
    # Only S has jeugdhulp on that day (I's ended 2022-02-28). S is met verblijf (44).
    alle = rijen[(21, "alle")]
    assert (alle["noemer"], alle["aantal"], alle["aandeel"], alle["beschikbaar"]) == (
        2,
        1,
        0.5,
        True,
    )
    assert alle["peildatum"] == d(2025, 6, 14)
    assert (rijen[(21, "met_verblijf")]["noemer"], rijen[(21, "met_verblijf")]["aandeel"]) == (
        1,
        1.0,
    )
    assert (
        rijen[(21, "zonder_verblijf")]["aantal"],
        rijen[(21, "zonder_verblijf")]["aandeel"],
    ) == (0, 0.0)
    # 23rd birthdays fall in 2027: not assessed, but the denominator is reported.
    assert (
        rijen[(23, "alle")]["noemer"],
        rijen[(23, "alle")]["aantal"],
        rijen[(23, "alle")]["beschikbaar"],
    ) == (2, None, False)
    # Cohort 2024's 21st birthdays (2027) have not passed either; an explicit peildatum after
    # them makes it assessable: A's care ended 2024-09-30, G's is still open -> 1 of 10.
    later = {
        (r["leeftijd"], r["zorgvorm"]): r
        for r in transitie_doorloop(con, 2024, Gebied.standaard(), peildatum=d(2027, 12, 31))
    }
    assert (later[(21, "alle")]["aantal"], later[(21, "alle")]["noemer"]) == (1, 10)
    assert not transitie_doorloop(con, 2024, Gebied.standaard())[0]["beschikbaar"]


def test_wmo_inflow_per_category_and_gemeente(dataset):
    con = dataset("transitie")
    per_categorie = {r["productcategorie"]: r for r in wmo_instroom(con, 2024, Gebied.standaard())}
    # 2024 instroom: B (02), N (02), R (02) and O (07); from jeugdhulp B and N.
    assert {k: (r["instroom"], r["uit_jeugdhulp"]) for k, r in per_categorie.items()} == {
        "02": (3, 2),
        "07": (1, 0),
        "totaal": (4, 2),
    }
    assert per_categorie["02"]["naam"] == "Begeleiding"
    assert per_categorie["totaal"]["aandeel_uit_jeugdhulp"] == 0.5  # 2 / 4
    per_gemeente = {
        r["gemeente"]: (r["instroom"], r["uit_jeugdhulp"])
        for r in wmo_instroom(con, 2024, Gebied.standaard(), per="gemeente")
    }
    assert per_gemeente == {DORDRECHT: (2, 2), GORINCHEM: (1, 0), GRONINGEN: (1, 0)}
    # All years: 2022 I; 2023 Q; 2024 as above; 2025 F and J.
    totalen = {
        r["jaar"]: r["instroom"]
        for r in wmo_instroom(con, None, Gebied.standaard())
        if r["productcategorie"] == "totaal"
    }
    assert totalen == {2022: 1, 2023: 1, 2024: 4, 2025: 2}


def test_wmo_inflow_of_an_area_follows_the_first_days_gemeente(dataset):
    """The national count needs no gemeente; an area's does (B and N in Dordrecht, R in
    Gorinchem, O in Groningen), and the same connection answers both."""
    con = dataset("transitie")
    assert transitie(con, 2024, Gebied.standaard())["wmo_instroom_18_26"] == 4
    for gebied, verwacht in (
        (Gebied.standaard(gemeente=DORDRECHT), {"02": (2, 2), "totaal": (2, 2)}),
        (Gebied.standaard(gemeente=GRONINGEN), {"07": (1, 0), "totaal": (1, 0)}),
        (Gebied.standaard(regio=ZHZ), {"02": (3, 2), "totaal": (3, 2)}),
    ):
        rijen = wmo_instroom(con, 2024, gebied)
        assert {r["productcategorie"]: (r["instroom"], r["uit_jeugdhulp"]) for r in rijen} == (
            verwacht
        )
        samenvatting = transitie(con, 2024, gebied)
        assert (
            samenvatting["wmo_instroom_18_26"],
            samenvatting["wmo_instroom_uit_jeugdhulp"],
        ) == verwacht["totaal"]


def test_own_segmentation_lists_unmapped_products(dataset):
    con = dataset("transitie")
    eigen = Segmentatie.standaard().als_dict()
    eigen["segmenten"] = [s for s in eigen["segmenten"] if s["code"] != "5"]
    zonder_crisis = Segmentatie.uit_dict(eigen)
    # Only J has categorie 46: one toewijzing and one levering, never dropped but listed.
    assert niet_ingedeeld(con, Gebied(zonder_crisis)) == [
        {
            "domein": "jeugd",
            "categorie": "46",
            "productcode": "46A01",
            "toewijzingen": 1,
            "leveringen": 1,
            "prestaties": 0,
        }
    ]
    assert niet_ingedeeld(con, Gebied.standaard()) == []
    # J's segment at 17 becomes 3 (41); 'Niet ingedeeld' ranks last.
    per = {
        r["segment"]: r["cohort"]
        for r in transitie_per(con, 2024, "segment", Gebied(zonder_crisis))
    }
    assert per == {"1": 1, "2": 1, "3": 1, "4A": 6, "4B": 1}
    # The default segmentation again on the same connection.
    assert {r["segment"] for r in transitie_per(con, 2024, "segment", Gebied.standaard())} == {
        "1",
        "2",
        "4A",
        "4B",
        "5",
    }


def test_wmo_inflow_counts_a_client_once_per_category_of_their_first_day(dataset):
    """A second levering of the same category on the first Wmo day (another aanbieder) adds
    nothing; one of another category counts the client there too, not in the total."""
    con = dataset("transitie")
    voor = {r["productcategorie"]: r["instroom"] for r in wmo_instroom(con, 2024, _NL)}
    con.execute("CREATE TABLE levering_kopie AS SELECT * FROM levering")
    eerste = """SELECT * FROM levering_kopie WHERE domein = 'wmo' AND categorie = '07'
                AND year(begindatum) = 2024"""
    con.execute(f"INSERT INTO levering_kopie SELECT * REPLACE ('X1' AS aanbieder) FROM ({eerste})")
    con.execute(
        f"INSERT INTO levering_kopie SELECT * REPLACE ('X2' AS aanbieder, '02' AS categorie) "
        f"FROM ({eerste})"
    )
    con.unregister("levering")
    con.execute("CREATE VIEW levering AS SELECT * FROM levering_kopie")
    bereid(con, _NL.segmentatie, opnieuw=True)
    na = {r["productcategorie"]: r["instroom"] for r in wmo_instroom(con, 2024, _NL)}
    assert voor == {"02": 3, "07": 1, "totaal": 4}
    assert na == {"02": 4, "07": 1, "totaal": 4}


_NL = Gebied.standaard()
