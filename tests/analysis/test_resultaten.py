"""Provider results by hand (docs/definities.md § 14), without a database.

Year 2024; aanbieder A (Jeugd and Wmo) and B (Jeugd) in Dordrecht (0505). Leveringen with
a stop in 2024 (begin, end, reason):

    c1  A jeugd  2024-01-01 .. 2024-03-31  31 volgens plan        91 days
    c2  A jeugd  2024-02-01 .. 2024-06-30  32 uitval (client)    151 days
    c3  A jeugd  2024-03-01 .. 2024-06-30  33 uitval (aanbieder) 122 days, first half
    c4  A jeugd  2024-05-01 .. 2024-07-01  34 overeenstemming     62 days, 2nd half:
                                              c4 starts again at B on 2024-08-01: herhaald
    c5  A jeugd  2024-01-01 .. 2024-12-31  35 extern             366 days, 2nd half:
                                              c5 starts again on 2025-06-30 (the last day
                                              that counts): herhaald
    c6  A jeugd  2024-04-01 .. 2024-09-30  31 volgens plan       183 days, 2nd half:
                                              c6 starts again on 2025-07-01: not herhaald
    c7  A jeugd  2024-01-01 .. 2024-02-29  38 administratief (overstap)
    c8  A jeugd  2024-01-01 .. 2024-01-31  no reason
    c9  A wmo    2024-01-01 .. 2024-10-31  19 volgens plan (Wmo), 2nd half; c9 has a Jeugd
                                              levering later: another domain, not herhaald
    c4  B jeugd  2024-08-01 .. open        (the restart; no stop)
    c10 A jeugd  2023-01-01 .. 2023-12-31  31: another year

A jeugd afgesloten: c1-c6 = 6; volgens plan 2 (c1, c6), uitval 2 (c2, c3), overeenstemming 1,
extern 1; administratief 1, zonder reden 1; afgesloten_h2 3 (c4, c5, c6), herhaald 2.
Median duration of 91, 151, 122, 62, 366, 183 = (122 + 151) / 2 = 136.5.
Declarations 2024 of A jeugd: c1 € 100, c2 € 300 and credit € 50, c3 € 250: € 600 over 3
clients = € 200 per client. A wmo: 1 afgesloten, volgens plan, herhaald 0 of 1.
"""

from __future__ import annotations

from datetime import date as d

import pyarrow as pa
import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.relaties import SCHEMA, verbind
from passend.analysis.resultaten import aanbieder_resultaten

A, B = "11111111", "22222222"


def _tabel(naam, rijen):
    schema = SCHEMA[naam]
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rijen], schema=schema)


def _lev(client, agb, begin, eind, reden=None, domein="jeugd", categorie="45"):
    return {
        "domein": domein,
        "gemeente": "0505",
        "aanbieder": agb,
        "client_id": client,
        "toewijzingnummer": client,
        "categorie": categorie if domein == "jeugd" else "02",
        "productcode": None,
        "begindatum": begin,
        "einddatum": eind,
        "reden_beeindiging": reden,
    }


def _p(client, bedrag, dc="D", begin=d(2024, 1, 1), domein="jeugd"):
    return {
        "domein": domein,
        "gemeente": "0505",
        "aanbieder": A,
        "client_id": client,
        "toewijzingnummer": client,
        "categorie": "45",
        "productcode": "45A01",
        "periode_begin": begin,
        "periode_eind": begin,
        "volume": 1,
        "eenheid": "04",
        "bedrag": bedrag,
        "debet_credit": dc,
    }


LEVERINGEN = [
    _lev(1, A, d(2024, 1, 1), d(2024, 3, 31), "31"),
    _lev(2, A, d(2024, 2, 1), d(2024, 6, 30), "32"),
    _lev(3, A, d(2024, 3, 1), d(2024, 6, 30), "33"),
    _lev(4, A, d(2024, 5, 1), d(2024, 7, 1), "34"),
    _lev(5, A, d(2024, 1, 1), d(2024, 12, 31), "35"),
    _lev(6, A, d(2024, 4, 1), d(2024, 9, 30), "31"),
    _lev(7, A, d(2024, 1, 1), d(2024, 2, 29), "38"),
    _lev(8, A, d(2024, 1, 1), d(2024, 1, 31), None),
    _lev(9, A, d(2024, 1, 1), d(2024, 10, 31), "19", domein="wmo"),
    _lev(9, B, d(2024, 11, 15), None),  # Jeugd after the Wmo stop: another domain
    _lev(4, B, d(2024, 8, 1), None),
    _lev(5, B, d(2025, 6, 30), None),
    _lev(6, B, d(2025, 7, 1), None),
    _lev(10, A, d(2023, 1, 1), d(2023, 12, 31), "31"),
]
PRESTATIES = [
    _p(1, 10_000),
    _p(2, 30_000),
    _p(2, 5_000, "C"),
    _p(3, 25_000),
    _p(1, 99_999, begin=d(2023, 12, 1)),  # another year
]


def _con(tot=d(2025, 7, 31), leveringen=tuple(LEVERINGEN)):
    relaties = {naam: _tabel(naam, []) for naam in SCHEMA}
    relaties["levering"] = _tabel("levering", list(leveringen))
    relaties["prestatie"] = _tabel("prestatie", PRESTATIES)
    relaties["toewijzing"] = _tabel(
        "toewijzing",
        [
            {
                "domein": "jeugd",
                "gemeente": "0505",
                "aanbieder": A,
                "client_id": 1,
                "toewijzingnummer": 99,
                "toewijzingsdatum": tot,
                "ingangsdatum": tot,
            }
        ],
    )
    relaties["gemeente"] = _tabel(
        "gemeente", [{"gemeente": "0505", "naam": "Dordrecht", "jeugdregio": "Zuid-Holland Zuid"}]
    )
    relaties["aanbieder"] = _tabel("aanbieder", [{"aanbieder": A, "naam": "Aanbieder A"}])
    return verbind(relaties)


def test_each_kind_of_ending_and_the_repeat_by_hand():
    rijen = aanbieder_resultaten(_con(), 2024, Gebied.standaard("0505", None))
    a = next(r for r in rijen if (r["aanbieder"], r["domein"]) == (A, "jeugd"))
    assert a["naam"] == "Aanbieder A"
    assert (a["afgesloten"], a["volgens_plan"], a["uitval"]) == (6, 2, 2)
    assert (a["voortijdig_overeenstemming"], a["extern"]) == (1, 1)
    assert (a["administratief"], a["zonder_reden"]) == (1, 1)
    assert (a["afgesloten_h2"], a["herhaald_beroep"]) == (3, 2)
    assert a["aandeel_volgens_plan"] == pytest.approx(0.3333)
    assert a["aandeel_herhaald_beroep"] == pytest.approx(0.6667)
    assert a["duur_mediaan_dagen"] == 136.5
    assert (a["clienten"], a["gedeclareerd_cent"], a["kosten_per_client_cent"]) == (
        3,
        60_000,
        20_000,
    )
    w = next(r for r in rijen if (r["aanbieder"], r["domein"]) == (A, "wmo"))
    assert (w["afgesloten"], w["volgens_plan"], w["afgesloten_h2"], w["herhaald_beroep"]) == (
        1,
        1,
        1,
        0,
    )
    assert w["clienten"] == 0 and w["kosten_per_client_cent"] is None
    # B only restarted care: no stop in 2024, no declarations
    assert all(r["aanbieder"] != B for r in rijen)


def test_repeat_use_stays_empty_until_the_data_reach_30_june_next_year():
    # data up to 29 June 2025 (the restarts of c5 and c6 are not in yet)
    eerder = [r for r in LEVERINGEN if r["begindatum"] <= d(2025, 6, 29)]
    con = _con(tot=d(2025, 6, 29), leveringen=eerder)
    rijen = aanbieder_resultaten(con, 2024, Gebied.standaard("0505", None))
    a = next(r for r in rijen if (r["aanbieder"], r["domein"]) == (A, "jeugd"))
    assert a["afgesloten_h2"] == 3
    assert a["herhaald_beroep"] is None and a["aandeel_herhaald_beroep"] is None


def test_per_product_and_gemeente_group_the_same_endings():
    gebied = Gebied.standaard("0505", None)
    per_product = aanbieder_resultaten(_con(), 2024, gebied, per="product")
    jeugd = next(r for r in per_product if r["domein"] == "jeugd")
    assert (jeugd["categorie"], jeugd["afgesloten"]) == ("45", 6)
    per_gemeente = aanbieder_resultaten(_con(), 2024, gebied, per="gemeente")
    assert {(r["domein"], r["naam"], r["afgesloten"]) for r in per_gemeente} == {
        ("jeugd", "Dordrecht", 6),
        ("wmo", "Dordrecht", 1),
    }


def _oordeel(client, agb, eind, informant="jeugdige", tevredenheid=None, zonder_hulp=None):
    return {
        "pseudoniem": f"p{client}",
        "aanbieder": agb,
        "einddatum": eind,
        "informant": informant,
        "tevredenheid": tevredenheid,
        "zonder_hulp": zonder_hulp,
    }


def test_the_clients_judgement_by_hand():
    """c1: the youth's 8 and 04 count, not the parent's 5; c2: only the parent answered (6,
    01); c3: only 03; c4's answer names another einddatum and c5's another aanbieder: not
    linked; c7 ended administratively: not in the afgesloten. So 2 marks (mean 7.0), 3
    answers of which 2 are zonder hulp verder (03, 04)."""
    con = _con()
    con.register(
        "client",
        _tabel(
            "client",
            [
                {"client_id": c, "pseudoniem": f"p{c}", "geboortedatum": d(2006, 1, 1)}
                for c in range(1, 11)
            ],
        ),
    )
    con.register(
        "oordeel",
        _tabel(
            "oordeel",
            [
                _oordeel(1, A, d(2024, 3, 31), tevredenheid=8, zonder_hulp="04"),
                _oordeel(1, A, d(2024, 3, 31), "ouder", tevredenheid=5, zonder_hulp="01"),
                _oordeel(2, A, d(2024, 6, 30), "ouder", tevredenheid=6, zonder_hulp="01"),
                _oordeel(3, A, d(2024, 6, 30), zonder_hulp="03"),
                _oordeel(4, A, d(2024, 6, 30), tevredenheid=1, zonder_hulp="01"),
                _oordeel(5, B, d(2024, 12, 31), tevredenheid=2),
                _oordeel(7, A, d(2024, 2, 29), tevredenheid=9),
            ],
        ),
    )
    rijen = aanbieder_resultaten(con, 2024, Gebied.standaard("0505", None))
    a = next(r for r in rijen if (r["aanbieder"], r["domein"]) == (A, "jeugd"))
    assert (a["tevredenheid_gemeten"], a["tevredenheid_gemiddeld"]) == (2, 7.0)
    assert (a["zonder_hulp_gemeten"], a["zonder_hulp_verder"]) == (3, 2)
    assert a["aandeel_zonder_hulp_verder"] == pytest.approx(0.6667)
    w = next(r for r in rijen if (r["aanbieder"], r["domein"]) == (A, "wmo"))
    assert (w["tevredenheid_gemeten"], w["tevredenheid_gemiddeld"]) == (0, None)
    assert w["aandeel_zonder_hulp_verder"] is None
