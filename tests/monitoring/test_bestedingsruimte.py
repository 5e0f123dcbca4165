"""Bestedingsruimte on a peildatum, by hand (docs/definities.md § 13).

Year 2024 (a leap year), peildatum 29 February 2024 (the leap day: 60 days into 366).
Aanbieder A in Dordrecht (0505, Zuid-Holland Zuid) has two contracts:

- C1, regional, jeugd, a code line 45A01 eenheid 04 at € 80.00, room € 1,000.00 in 2024;
- C2, Dordrecht only, jeugd, taakgericht without tariff lines, room € 500.00 in 2024.

Declarations (ProductPeriode, signed cents; the 45A01 lines go to C1 by its tariff line,
43A01 to C2, which covers every product):

    45A01 Jan   5 x 8000  D  +40,000   toewijzing 3   dagtekening 10 Feb  (delay 10)
    45A01 Jan   5 x 8000  C  -40,000   toewijzing 3   (its credit)
    45A01 Jan   4 x 8000  D  +32,000   toewijzing 3   dagtekening 20 Feb  (delay 20)
    45A01 Feb   5 x 8000  D  +40,000   toewijzing 3   dagtekening  5 Mar  (delay 5)
    45A01 1-3 Mar  1 x 8000  D         toewijzing 3   after D: not counted (delay 1)
    43A01 Jan   1 x 20000 D  +20,000   toewijzing 4   dagtekening 15 Feb  (delay 15)
    45A01 Jan (Amsterdam) 2 x 6000 D   no contract      dagtekening 12 Feb  (delay 12)
    45A01 Jul 2023  45 x 8000 D        toewijzing 9 (2023)  dagtekening 10 Aug 2023 (delay 10)

C1: 32,000 on 1 Jan, 72,000 from 1 Feb: 72% of 100,000, the signal on 1 Feb 2024, talks by
15 Feb, a decision by 29 Feb. Lineair: 72,000 x 366 / 60 = 439,200.
C2: 20,000 (40%), lineair 20,000 x 366 / 60 = 122,000.

Toewijzingen running after D (window 1 March - 31 December 2024):

    nr 1  45A01  3 per week, ends Wed 13 Mar: weeks of 26 Feb, 4 Mar, 11 Mar -> 9
          (its earlier version, to 31 Dec, was changed on 10 Jan: not used)
    nr 2  45A01  10 per maand, open end: March-December, 10 months -> 100
    nr 3  45A01  20 in total (TBGT), 9 declared so far -> 11
    nr 4  43A01  budget € 300.00 without Omvang, 200.00 declared -> 10,000 cents
    nr 5  45A01  ended 20 Feb: nothing;  nr 6: decided after D: nothing

Verzilveringsgraad of 45A01 from 2023: nr 9 (10 per maand, July-December: 60) declared 45:
0.75. C1: (9 + 100 + 11) x 8000 x 0.75 = 720,000, prognosis 792,000. C2: 10,000 (a budget
is not scaled), prognosis 30,000.

Delays of the debet lines of 2023-2024: 10, 20, 5, 1, 15, 12, 10 -> median 10. The latest
dagtekening is 5 March: January (ends 31 Jan, 34 days before) is complete (7 of 7), February
(ends 29 Feb, 5 days) 2 of 7.
"""

from __future__ import annotations

from datetime import date as d

import pyarrow as pa
import pytest

from passend.analysis.relaties import SCHEMA, verbind
from passend.contracting.register import (
    REGISTER_SCHEMA,
    Bestedingsruimte,
    Contract,
    Contracttarief,
    Contractvariant,
    register_tabellen,
)
from passend.monitoring.bestedingsruimte import (
    PeildatumBuitenJaar,
    bestedingsruimte,
    lineaire_prognose,
    signaal,
)

A = "11111111"
ZHZ = "Zuid-Holland Zuid"
D = d(2024, 2, 29)


def _tabel(naam, rijen):
    schema = SCHEMA[naam]
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rijen], schema=schema)


def _p(code, begin, eind, volume, tarief, dc, nummer, dagtekening, gemeente="0505", cat=None):
    return {
        "domein": "jeugd",
        "gemeente": gemeente,
        "aanbieder": A,
        "client_id": 1,
        "toewijzingnummer": nummer,
        "categorie": cat or code[:2],
        "productcode": code,
        "periode_begin": begin,
        "periode_eind": eind,
        "volume": volume,
        "eenheid": "04",
        "bedrag": volume * tarief,
        "debet_credit": dc,
        "tarief": tarief,
        "dagtekening": dagtekening,
    }


def _t(nummer, code, ingang, eind, volume=None, frequentie=None, budget=None, besloten=None):
    return {
        "domein": "jeugd",
        "gemeente": "0505",
        "aanbieder": A,
        "client_id": 1,
        "toewijzingnummer": nummer,
        "categorie": code[:2],
        "productcode": code,
        "toewijzingsdatum": besloten or ingang,
        "ingangsdatum": ingang,
        "einddatum": eind,
        "volume": volume,
        "eenheid": "04" if volume is not None else None,
        "frequentie": frequentie,
        "budget": budget,
    }


PRESTATIES = [
    _p("45A01", d(2024, 1, 1), d(2024, 1, 31), 5, 8000, "D", 3, d(2024, 2, 10)),
    _p("45A01", d(2024, 1, 1), d(2024, 1, 31), 5, 8000, "C", 3, d(2024, 2, 20)),
    _p("45A01", d(2024, 1, 1), d(2024, 1, 31), 4, 8000, "D", 3, d(2024, 2, 20)),
    _p("45A01", d(2024, 2, 1), d(2024, 2, 29), 5, 8000, "D", 3, d(2024, 3, 5)),
    _p("45A01", d(2024, 3, 1), d(2024, 3, 3), 1, 8000, "D", 3, d(2024, 3, 4)),
    _p("43A01", d(2024, 1, 1), d(2024, 1, 31), 1, 20000, "D", 4, d(2024, 2, 15)),
    _p("45A01", d(2024, 1, 1), d(2024, 1, 31), 2, 6000, "D", 7, d(2024, 2, 12), gemeente="0363"),
    _p("45A01", d(2023, 7, 1), d(2023, 7, 31), 45, 8000, "D", 9, d(2023, 8, 10)),
]
TOEWIJZINGEN = [
    _t(1, "45A01", d(2024, 1, 1), d(2024, 12, 31), 3, "2", besloten=d(2023, 12, 1)),
    _t(1, "45A01", d(2024, 1, 1), d(2024, 3, 13), 3, "2", besloten=d(2024, 1, 10)),
    _t(2, "45A01", d(2024, 2, 15), None, 10, "4"),
    _t(3, "45A01", d(2024, 1, 1), d(2024, 6, 30), 20, "6"),
    _t(4, "43A01", d(2024, 1, 1), d(2024, 12, 31), budget=30000),
    _t(5, "45A01", d(2024, 1, 1), d(2024, 2, 20), 3, "2"),
    _t(6, "45A01", d(2024, 4, 1), d(2024, 12, 31), 3, "2", besloten=d(2024, 3, 5)),
    _t(9, "45A01", d(2023, 7, 1), d(2023, 12, 31), 10, "4"),
]


def _con():
    relaties = {naam: _tabel(naam, []) for naam in SCHEMA}
    relaties["prestatie"] = _tabel("prestatie", PRESTATIES)
    relaties["toewijzing"] = _tabel("toewijzing", TOEWIJZINGEN)
    relaties["gemeente"] = _tabel(
        "gemeente",
        [
            {"gemeente": "0505", "naam": "Dordrecht", "jeugdregio": ZHZ},
            {"gemeente": "0482", "naam": "Alblasserdam", "jeugdregio": ZHZ},
            {"gemeente": "0363", "naam": "Amsterdam", "jeugdregio": "Amsterdam-Amstelland"},
        ],
    )
    relaties["aanbieder"] = _tabel("aanbieder", [{"aanbieder": A, "naam": "Aanbieder A"}])
    con = verbind(relaties)
    contracten = [
        Contract(
            "C1",
            A,
            "jeugd",
            "4A",
            Contractvariant.INSPANNINGSGERICHT,
            d(2024, 1, 1),
            d(2025, 12, 31),
            regio=ZHZ,
        ),
        Contract(
            "C2",
            A,
            "jeugd",
            "1",
            Contractvariant.TAAKGERICHT,
            d(2024, 1, 1),
            d(2024, 12, 31),
            gemeente="0505",
        ),
    ]
    tarieven = [Contracttarief("C1", "45", "45A01", "04", 8000, d(2024, 1, 1))]
    ruimtes = [Bestedingsruimte("C1", 2024, 100_000), Bestedingsruimte("C2", 2024, 50_000)]
    for naam, tabel in register_tabellen(contracten, tarieven, ruimtes).items():
        con.register(naam, tabel)
    return con


def test_the_two_contracts_on_the_leap_day():
    uit = bestedingsruimte(_con(), 2024, D)
    c1, c2 = uit.contracten
    assert (c1["contractnummer"], c2["contractnummer"]) == ("C1", "C2")
    assert c1["naam"] == "Aanbieder A"
    assert (c1["gedeclareerd_cent"], c1["benutting"], c1["signaal_70"]) == (72_000, 0.72, True)
    assert (c1["signaal_datum"], c1["gesprek_uiterlijk"], c1["besluit_uiterlijk"]) == (
        d(2024, 2, 1),
        d(2024, 2, 15),
        d(2024, 2, 29),
    )
    assert c1["prognose_lineair_cent"] == 439_200
    assert c1["verplichtingen_cent"] == 720_000
    assert c1["prognose_verplichtingen_cent"] == 792_000
    assert (c2["gedeclareerd_cent"], c2["benutting"], c2["signaal_70"]) == (20_000, 0.4, False)
    assert c2["signaal_datum"] is None
    assert (c2["prognose_lineair_cent"], c2["prognose_verplichtingen_cent"]) == (122_000, 30_000)


def test_the_verzilveringsgraad_comes_from_last_year_and_can_be_overridden():
    uit = bestedingsruimte(_con(), 2024, D)
    graad = {(r["categorie"], r["productcode"]): r for r in uit.verzilvering}
    assert graad[("45", "45A01")]["graad"] == 0.75
    assert (
        graad[("45", "45A01")]["gedeclareerd_volume"],
        graad[("45", "45A01")]["maximaal_volume"],
    ) == (45, 60)
    eigen = bestedingsruimte(_con(), 2024, D, verzilvering={("jeugd", "45", "45A01"): 0.5})
    assert eigen.contracten[0]["verplichtingen_cent"] == 120 * 8000 // 2
    assert {r["bron"] for r in eigen.verzilvering} == {"ingevoerd"}


def test_declaration_delay_and_the_completeness_of_each_month():
    uit = bestedingsruimte(_con(), 2024, D)
    assert uit.mediane_vertraging_dagen == 10
    assert uit.vertraging == [
        {
            "maand": "2024-01",
            "gedeclareerd_cent": 32_000 + 20_000 + 12_000,
            "verwachte_volledigheid": 1.0,
        },
        {
            "maand": "2024-02",
            "gedeclareerd_cent": 40_000,
            "verwachte_volledigheid": round(2 / 7, 4),
        },
    ]


def test_a_regional_contract_needs_the_whole_region_in_scope():
    uit = bestedingsruimte(_con(), 2024, D, gemeenten=["0505"])
    assert [r["contractnummer"] for r in uit.contracten] == ["C2"]
    beide = bestedingsruimte(_con(), 2024, D, gemeenten=["0505", "0482"])
    assert [r["contractnummer"] for r in beide.contracten] == ["C1", "C2"]


def test_the_peildatum_must_lie_in_the_year():
    with pytest.raises(PeildatumBuitenJaar, match="ligt niet in 2023"):
        bestedingsruimte(_con(), 2023, D)


def test_lineair_and_signal_by_hand():
    assert lineaire_prognose(72_000, 2024, d(2024, 2, 29)) == 439_200
    assert lineaire_prognose(1, 2023, d(2023, 12, 31)) == 1
    assert lineaire_prognose(100, 2023, d(2023, 1, 3)) == 12_167  # 100 x 365 / 3 = 12,166.67
    assert signaal([(d(2024, 3, 1), 69_999), (d(2024, 3, 2), 1)], 100_000)[0] == d(2024, 3, 2)
    assert signaal([(d(2024, 3, 1), 69_999)], 100_000) == (None, None, None)
    assert signaal([(d(2024, 3, 1), 10)], 0) == (None, None, None)
    # a credit that brings it back under 70% resets the signal: it holds again from 3 March
    dip = [(d(2024, 3, 1), 80_000), (d(2024, 3, 2), -20_000), (d(2024, 3, 3), 15_000)]
    assert signaal(dip, 100_000) == (d(2024, 3, 3), d(2024, 3, 17), d(2024, 3, 31))
    assert signaal(dip[:2], 100_000) == (None, None, None)


def test_the_default_peildatum_is_the_end_of_the_data_within_the_year():
    from passend.monitoring.bestedingsruimte import standaard_peildatum

    assert standaard_peildatum(2024, d(2024, 2, 29)) == d(2024, 2, 29)
    assert standaard_peildatum(2024, d(2025, 6, 30)) == d(2024, 12, 31)
    assert standaard_peildatum(2026, d(2025, 12, 31)) == d(2026, 1, 1)
    assert standaard_peildatum(2024, None) == d(2024, 12, 31)


def test_clientenstops_by_hand():
    """C1 stopped on 5-6 January and again from 10 February (open); C2 from 1 to 20 February.
    New toewijzingen in 2024 up to D, by ingangsdatum: nr 2 (45A01, 15 Feb) falls in C1's
    open stop; crisis nr 10 (46A01, 5 Feb) goes to C2 (which covers every product) inside
    its stop: allowed; nr 11 (43A01, 25 Feb) comes after C2's stop; nr 1, 3 and 5 began on
    1 January, before any stop. On D only C1's stop runs."""
    con = _con()
    extra = [
        _t(10, "46A01", d(2024, 2, 5), d(2024, 3, 5), 1, "2"),
        _t(11, "43A01", d(2024, 2, 25), d(2024, 12, 31), budget=1000),
    ]
    con.register("toewijzing", _tabel("toewijzing", TOEWIJZINGEN + extra))
    stops = [
        {"contractnummer": "C1", "van": d(2024, 1, 5), "tot": d(2024, 1, 6)},
        {"contractnummer": "C1", "van": d(2024, 2, 10), "tot": None},
        {"contractnummer": "C2", "van": d(2024, 2, 1), "tot": d(2024, 2, 20)},
    ]
    con.register(
        "clientenstop", pa.Table.from_pylist(stops, schema=REGISTER_SCHEMA["clientenstop"])
    )
    c1, c2 = bestedingsruimte(con, 2024, D).contracten
    assert (c1["clientenstop_sinds"], c1["clientenstop_tot"]) == (d(2024, 2, 10), None)
    assert (c1["instroom_tijdens_stop"], c1["crisis_tijdens_stop"]) == (1, 0)
    assert c2["clientenstop_sinds"] is None
    assert (c2["instroom_tijdens_stop"], c2["crisis_tijdens_stop"]) == (0, 1)
    # without stops: nothing
    zonder = bestedingsruimte(_con(), 2024, D).contracten[0]
    assert zonder["clientenstop_sinds"] is None and zonder["instroom_tijdens_stop"] == 0


def _met_antwoord(toegekend):
    """The prestaties with a declaratieantwoord on some lines (index -> granted cents)."""
    return [{**p, "toegekend": toegekend.get(i)} for i, p in enumerate(PRESTATIES)]


def test_a_loaded_answer_counts_the_granted_amount_and_says_so():
    """The January 4 x 8000 line granted (32,000), the February line rejected (0); the
    January debet/credit pair has no answer. C1 then holds 32,000 on 1 January and nothing
    more: 32%, no signal; submitted stays 72,000, of which 72,000 answered (the unanswered
    pair nets to 0) and 40,000 rejected; lineair 32,000 x 366 / 60 = 195,200. C2's line has
    no answer: it counts as submitted."""
    con = _con()
    con.unregister("prestatie")
    con.register("prestatie", _tabel("prestatie", _met_antwoord({2: 32_000, 3: 0})))
    c1, c2 = bestedingsruimte(con, 2024, D).contracten
    assert (c1["gedeclareerd_cent"], c1["ingediend_cent"]) == (32_000, 72_000)
    assert (c1["beantwoord_cent"], c1["afgewezen_cent"]) == (72_000, 40_000)
    assert (c1["benutting"], c1["signaal_70"], c1["bedrag_bron"]) == (
        0.32,
        False,
        "deels toegekend",
    )
    assert c1["prognose_lineair_cent"] == 195_200
    assert (c2["gedeclareerd_cent"], c2["bedrag_bron"], c2["afgewezen_cent"]) == (
        20_000,
        "ingediend",
        0,
    )


def test_every_line_answered_is_toegekend():
    con = _con()
    con.unregister("prestatie")
    antwoord = {i: p["bedrag"] for i, p in enumerate(PRESTATIES)}
    con.register("prestatie", _tabel("prestatie", _met_antwoord(antwoord)))
    c1, c2 = bestedingsruimte(con, 2024, D).contracten
    assert (c1["gedeclareerd_cent"], c1["bedrag_bron"], c1["afgewezen_cent"]) == (
        72_000,
        "toegekend",
        0,
    )
    assert c2["bedrag_bron"] == "toegekend"


def _stopcon():
    con = _con()
    extra = [_t(10, "46A01", d(2024, 2, 5), d(2024, 3, 5), 1, "2")]
    con.register("toewijzing", _tabel("toewijzing", TOEWIJZINGEN + extra))
    stops = [
        {"contractnummer": "C1", "van": d(2024, 2, 10), "tot": None},
        {"contractnummer": "C2", "van": d(2024, 2, 1), "tot": d(2024, 2, 20)},
    ]
    con.register(
        "clientenstop", pa.Table.from_pylist(stops, schema=REGISTER_SCHEMA["clientenstop"])
    )
    return con


def test_the_registered_report_is_the_monitor_with_its_summary():
    """The report `bestedingsruimte` holds the monitor's rows as they are, and one summary
    row: 2 contracts, 1 with the signal, room 150,000, declared 72,000 + 20,000 = 92,000,
    use 92,000 / 150,000 = 0.6133, the median delay of 10 days."""
    from passend.analysis.gebied import Gebied
    from passend.analysis.rapport import Verzoek, rapport

    con = _con()
    tabellen = rapport("bestedingsruimte", con, Verzoek(Gebied.standaard(), 2024, peildatum=D))
    assert tabellen["bestedingsruimte"] == bestedingsruimte(con, 2024, D).contracten
    s = tabellen["ruimte_samenvatting"]
    assert (s["jaar"], s["peildatum"], s["contracten"], s["met_signaal"]) == (2024, D, 2, 1)
    assert (s["bestedingsruimte_cent"], s["gedeclareerd_cent"]) == (150_000, 92_000)
    assert (s["benutting"], s["mediane_vertraging_dagen"]) == (0.6133, 10.0)
    # Dordrecht alone: the regional C1 is not wholly inside it, so only C2
    dordrecht = rapport(
        "bestedingsruimte", con, Verzoek(Gebied.standaard(gemeente="0505"), 2024, peildatum=D)
    )
    assert [r["contractnummer"] for r in dordrecht["bestedingsruimte"]] == ["C2"]


def test_the_public_report_hides_small_counts_of_assignments_not_money():
    """C1: one new toewijzing in its stop, C2: one crisis one. Public: both '<5'; the
    amounts, the use and the signal stay."""
    from passend.analysis.gebied import Gebied
    from passend.analysis.rapport import Verzoek, rapport

    verzoek = Verzoek(Gebied.standaard(regio=ZHZ), 2024, peildatum=D)
    c1, c2 = rapport("bestedingsruimte", _stopcon(), verzoek, openbaar=True)["bestedingsruimte"]
    assert (c1["instroom_tijdens_stop"], c2["crisis_tijdens_stop"]) == ("<5", "<5")
    assert (c1["gedeclareerd_cent"], c1["benutting"], c1["signaal_70"]) == (72_000, 0.72, True)


def test_a_year_without_data_still_shows_the_rooms():
    """2025 has no declarations yet: C1's room for 2025 shows with nothing declared (the
    analyses would refuse a year outside the data)."""
    from passend.analysis.gebied import Gebied
    from passend.analysis.rapport import Verzoek, rapport

    con = _con()
    con.register(
        "bestedingsruimte",
        register_tabellen([], [], [Bestedingsruimte("C1", 2025, 90_000)])["bestedingsruimte"],
    )
    tabellen = rapport(
        "bestedingsruimte", con, Verzoek(Gebied.standaard(), 2025, peildatum=d(2025, 1, 31))
    )
    (c1,) = tabellen["bestedingsruimte"]
    assert (c1["contractnummer"], c1["bestedingsruimte_cent"], c1["gedeclareerd_cent"]) == (
        "C1",
        90_000,
        0,
    )


def test_the_chart_draws_each_contract_against_the_70_percent_line():
    from passend.analysis.grafieken import grafieken
    from passend.analysis.weergave import als_svg

    tabellen = bestedingsruimte(_con(), 2024, D).als_tabellen()
    svg = als_svg(grafieken("bestedingsruimte", tabellen)["benutting"])
    assert "Benutting van de bestedingsruimte per contract" in svg
    assert "C1 — Aanbieder A" in svg and "C2 — Aanbieder A" in svg
    assert "72,0%" in svg and "40,0%" in svg  # the bars' values, the Dutch way
    assert "signaal 70%" in svg and "onder 70%" in svg  # C1 in the signal's colour
