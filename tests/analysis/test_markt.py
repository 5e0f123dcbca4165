"""Market figures against hand computations on ``scenarios.markt`` (amounts in eurocent)."""

from __future__ import annotations

import pytest

from passend.analysis import (
    Segmentatie,
    aanbieder_profielen,
    markt_aanbieders,
    markt_segmenten,
    markt_volumes,
)
from passend.analysis.gebied import Gebied
from tests.analysis.berichtenset import (
    AANBIEDER_A,
    AANBIEDER_B,
    AANBIEDER_C,
    AANBIEDER_D,
    DORDRECHT,
    GORINCHEM,
    ZHZ,
)

pytestmark = pytest.mark.django_db
A, B, C, D = AANBIEDER_A, AANBIEDER_B, AANBIEDER_C, AANBIEDER_D


def test_segment_4a_in_2024(dataset):
    seg = {
        (r["jaar"], r["segment"]): r
        for r in markt_segmenten(dataset("markt"), None, Gebied.standaard())
    }
    assert set(seg) == {(2023, "4A"), (2024, "4A"), (2024, "2"), (2024, "7")}
    s = seg[(2024, "4A")]
    # Net spend per aanbieder: A = M1 100000 + M2 (50000 - 10000 credit) + M3 40000 = 180000;
    # B = M3 200000; C = M4 20000; D = 30000 - 30000 credit = 0 (no market activity).
    assert s["bedrag_cent"] == 400000
    assert s["aanbieders"] == 3  # A, B, C with positive spend
    # Shares 0.45, 0.5, 0.05: HHI = (0.2025 + 0.25 + 0.0025) x 10000; top 3 = all of it.
    assert s["hhi"] == pytest.approx(4550.0)
    assert s["top3_aandeel"] == pytest.approx(1.0)
    assert (s["grootste_aanbieder"], s["grootste_aandeel"]) == (B, pytest.approx(0.5))
    # Clients with positive net spend in the segment: M1 100000, M2 40000, M3 40000 + 200000 =
    # 240000, M4 20000 (M5 fully credited: not a client).
    assert s["clienten"] == 4
    assert s["kosten_per_client_gemiddeld_cent"] == pytest.approx(100000.0)  # 400000 / 4
    assert s["kosten_per_client_mediaan_cent"] == pytest.approx(70000.0)  # (40000 + 100000) / 2
    # p90 with linear interpolation on 20000, 40000, 100000, 240000: position 0.9 x 3 = 2.7
    # -> 100000 + 0.7 x (240000 - 100000) = 198000.
    assert s["kosten_per_client_p90_cent"] == pytest.approx(198000.0)
    # Ended leveringen with einddatum in 2024 (days incl.): M6 2023-12-28..2024-01-03 = 7,
    # M5 10, M3-A 2024-01-21..31 = 11, M2 2024-01-01..02-29 = 60, M1 2023-01-11..2024-03-31
    # = 355 + 91 = 446 -> median 11.
    assert s["duur_mediaan_dagen"] == 11.0
    # Start delays of leveringen begun in 2024: M2 0, M3-A 20, M4 50, M5 0 -> (0 + 20) / 2.
    assert s["startwachttijd_mediaan_dagen"] == 10.0
    # 2023: 200000 over 3 clients (M1 80000, M6 20000, M3 100000): mean 66666.67.
    # Growth: spend 400000 / 200000 - 1 = 1.0; clients 4 / 3 - 1; mean 100000 / 66666.67 - 1.
    assert s["groei_bedrag"] == pytest.approx(1.0)
    assert s["groei_clienten"] == pytest.approx(1 / 3)
    assert s["groei_kosten_per_client"] == pytest.approx(0.5)
    assert (s["segmentnaam"], s["domein"], s["apart"]) == (
        "Specialistisch/veel voorkomend, lokaal",
        "jeugd",
        False,
    )


def test_segment_4a_in_2023_and_other_segments(dataset):
    seg = {
        (r["jaar"], r["segment"]): r
        for r in markt_segmenten(dataset("markt"), None, Gebied.standaard())
    }
    s = seg[(2023, "4A")]
    # The M6 prestatie runs 2023-12-28..2024-01-03: it counts in 2023 (begin of the period).
    # A = M1 80000 + M6 20000, B = M3 100000: shares 0.5 / 0.5 -> HHI 5000.
    assert (s["bedrag_cent"], s["aanbieders"], s["clienten"]) == (200000, 2, 3)
    assert s["hhi"] == pytest.approx(5000.0)
    assert s["kosten_per_client_mediaan_cent"] == pytest.approx(80000.0)  # 20k, 80k, 100k
    assert s["kosten_per_client_p90_cent"] == pytest.approx(96000.0)  # 80k + 0.8 x 20k
    # Begun in 2023: M1 10 days after ingang, M3-B 60, M6 27 -> median 27. Nothing ended.
    assert (s["startwachttijd_mediaan_dagen"], s["duur_mediaan_dagen"]) == (27.0, None)
    assert s["groei_bedrag"] is None  # no 2022
    # Segment 2 (44): A alone, M2 31 etmalen x 20000. Segment 7 via product code OJ001 in
    # categorie 45 (not 4A): B alone, M4 10 x 8000, levering 2024-01-01..06-30 = 182 days.
    assert (seg[(2024, "2")]["bedrag_cent"], seg[(2024, "2")]["hhi"]) == (620000, 10000.0)
    zeven = seg[(2024, "7")]
    assert (zeven["bedrag_cent"], zeven["clienten"], zeven["duur_mediaan_dagen"]) == (
        80000,
        1,
        182.0,
    )
    assert zeven["segmentnaam"] == "Onderwijs-jeugdhulp"
    assert [r["segment"] for r in markt_segmenten(dataset("markt"), 2024, Gebied.standaard())] == [
        "2",
        "4A",
        "7",
    ]


def test_aanbieders_in_segment_4a(dataset):
    rijen = markt_aanbieders(dataset("markt"), 2024, Gebied.standaard(), segment="4A")
    # Sorted by spend: B 200000, A 180000, C 20000, D 0.
    assert [r["aanbieder"] for r in rijen] == [B, A, C, D]
    per = {r["aanbieder"]: r for r in rijen}
    a = per[A]
    assert (a["naam"], a["clienten"], a["bedrag_cent"]) == ("Zorg A", 3, 180000)
    assert a["marktaandeel"] == pytest.approx(0.45)  # 180000 / 400000
    # A's clients: M1 100000, M2 40000, M3 40000: mean 60000, median 40000,
    # p90 = 40000 + 0.8 x (100000 - 40000) = 88000 (position 0.9 x 2 = 1.8).
    assert a["kosten_per_client_gemiddeld_cent"] == pytest.approx(60000.0)
    assert a["kosten_per_client_mediaan_cent"] == pytest.approx(40000.0)
    assert a["kosten_per_client_p90_cent"] == pytest.approx(88000.0)
    # A's leveringen ended in 2024: M6 7, M3 11, M2 60, M1 446 -> (11 + 60) / 2 = 35.5;
    # begun in 2024: M2 0, M3 20 -> 10.
    assert (a["duur_mediaan_dagen"], a["startwachttijd_mediaan_dagen"]) == (35.5, 10.0)
    # 2023: A 100000 over M1 and M6 (mean 50000) -> growth 0.8, clients 3/2 - 1, mean 0.2.
    assert (a["groei_bedrag"], a["groei_clienten"]) == (pytest.approx(0.8), pytest.approx(0.5))
    assert a["groei_kosten_per_client"] == pytest.approx(0.2)
    # D: fully credited: 0 spend, no clients, no share; its levering (10 days, start 0) shows.
    d = per[D]
    assert (d["bedrag_cent"], d["clienten"], d["marktaandeel"], d["naam"]) == (0, 0, None, "")
    assert (d["duur_mediaan_dagen"], d["startwachttijd_mediaan_dagen"]) == (10.0, 0.0)
    assert per[C]["startwachttijd_mediaan_dagen"] == 50.0  # M4 2024-01-01 -> 2024-02-20


def test_volumes_profiles_and_area_filter(dataset):
    con = dataset("markt")
    volumes = {
        (r["segment"], r["aanbieder"], r["eenheid"]): r["volume"]
        for r in markt_volumes(con, 2024, Gebied.standaard())
    }
    # Net hours: A 10 + (5 - 1) + 4 = 18; D 3 - 3 = 0; A etmalen 31 (eenheid 14) kept apart.
    assert volumes == {
        ("2", A, "14"): 31,
        ("4A", A, "04"): 18,
        ("4A", B, "04"): 20,
        ("4A", C, "04"): 2,
        ("4A", D, "04"): 0,
        ("7", B, "04"): 10,
    }
    profielen = {r["aanbieder"]: r for r in aanbieder_profielen(con, None, Gebied.standaard())}
    # B: categorie 45 products 45A01 (4A) and OJ001 (7); clients with a levering M3, M4.
    assert profielen[B]["segmenten"] == ["4A", "7"]
    assert profielen[B]["producten"] == ["jeugd 45/45A01", "jeugd 45/OJ001"]
    assert (profielen[B]["gemeenten"], profielen[B]["clienten"]) == ([DORDRECHT], 2)
    # B's spend over all years: 100000 (2023) + 200000 + 80000.
    assert profielen[B]["bedrag_cent"] == 380000
    # A in 2023 only: leveringen running in 2023 (M1, M6) and their prestaties.
    a2023 = aanbieder_profielen(con, 2023, Gebied.standaard())[0]
    assert (a2023["aanbieder"], a2023["segmenten"], a2023["clienten"], a2023["bedrag_cent"]) == (
        A,
        ["4A"],
        2,
        100000,
    )
    # Everything happened in Dordrecht (Zuid-Holland Zuid).
    assert markt_segmenten(con, 2024, Gebied.standaard(GORINCHEM)) == []
    assert len(markt_segmenten(con, 2024, Gebied.standaard(regio=ZHZ))) == 3
    # Without the OJ rule, OJ001 (categorie 45) falls in 4A: 400000 + 80000 in 2024. The
    # cached per-client spend follows the segmentation on the same connection.
    data = Segmentatie.standaard().als_dict()
    data["productregels"] = []
    zonder_oj = {
        r["segment"]: r["bedrag_cent"]
        for r in markt_segmenten(con, 2024, Gebied(Segmentatie.uit_dict(data)))
    }
    assert zonder_oj == {"2": 620000, "4A": 480000}  # no product is left in segment 7
    assert {
        r["segment"]: r["bedrag_cent"] for r in markt_segmenten(con, 2024, Gebied.standaard())
    } == {"2": 620000, "4A": 400000, "7": 80000}


def test_intermediates_reused_across_calls_give_what_a_fresh_connection_gives(dataset):
    """The market intermediates cover a year, the year before it or every year, and one
    area: whatever order the calls come in, a reused connection answers as a fresh one."""
    gedeeld = dataset("markt")
    dordrecht = Gebied.standaard(gemeente=DORDRECHT)
    vragen = [
        (markt_segmenten, 2024, Gebied.standaard()),
        (markt_aanbieders, 2024, Gebied.standaard()),  # needs 2023 too (growth)
        (markt_segmenten, 2024, Gebied.standaard()),
        (markt_segmenten, None, Gebied.standaard()),
        (markt_aanbieders, 2023, Gebied.standaard()),
        (markt_segmenten, 2024, dordrecht),
        (markt_aanbieders, 2024, Gebied.standaard()),
        (markt_aanbieders, None, dordrecht),
    ]
    for functie, jaar, gebied in vragen:
        assert functie(gedeeld, jaar, gebied) == functie(dataset("markt"), jaar, gebied), (
            functie.__name__,
            jaar,
            gebied.gemeente,
        )
    groei = markt_aanbieders(gedeeld, 2024, Gebied.standaard())
    assert any(r["groei_bedrag"] is not None for r in groei)  # 2023 was read for it
