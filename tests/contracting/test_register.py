"""The contract register set against the messages, by hand, without a database.

A small region: two gemeenten of one jeugdregio (0505 Dordrecht, 0482 Alblasserdam) and one
elsewhere (0363). Three contracts:

- R1 (regio ZHZ, jeugd, 2025-01-01..2026-12-31): hoofdaannemer A with onderaannemer B;
  lines 45 (category line, eenheid 04, € 80.00) and 45A01 (code line, € 85.20, 2025 only);
- G1 (gemeente 0505, jeugd, 2025): aanbieder C, taakgericht, no lines at all;
- W1 (gemeente 0505, wmo, 2025): aanbieder A, line 07/07A01 eenheid 04 € 50.00.

Each message below is annotated with the status the definition in
``passend.contracting.register`` gives it; the test sums those by hand.
"""

from __future__ import annotations

from datetime import date as d

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passend.analysis.relaties import SCHEMA, verbind
from passend.contracting.register import (
    Bestedingsruimte,
    Contract,
    Contracttarief,
    Contractvariant,
    contractwaarschuwingen,
    controleer_berichten,
    loopt_af,
    looptijd_maanden,
    register_tabellen,
)

A, B, C, X = "11111111", "22222222", "33333333", "99999999"
ZHZ = "Zuid-Holland Zuid"


def _tabel(naam: str, rijen: list[dict]) -> pa.Table:
    schema = SCHEMA[naam]
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rijen], schema=schema)


def _prestatie(
    agb, gemeente, cat, code, begin, tarief, volume, dc="D", domein="jeugd", eenheid="04"
):
    return {
        "domein": domein,
        "gemeente": gemeente,
        "aanbieder": agb,
        "client_id": 1,
        "toewijzingnummer": 1,
        "categorie": cat,
        "productcode": code,
        "periode_begin": begin,
        "periode_eind": begin,
        "volume": volume,
        "eenheid": eenheid,
        "bedrag": tarief * volume,
        "debet_credit": dc,
        "tarief": tarief,
    }


def _toewijzing(agb, gemeente, cat, code, ingang, domein="jeugd"):
    return {
        "domein": domein,
        "gemeente": gemeente,
        "aanbieder": agb,
        "client_id": 1,
        "toewijzingnummer": 1,
        "categorie": cat,
        "productcode": code,
        "toewijzingsdatum": ingang,
        "ingangsdatum": ingang,
        "einddatum": None,
    }


CONTRACTEN = [
    Contract(
        "R1",
        A,
        "jeugd",
        "4A",
        Contractvariant.INSPANNINGSGERICHT,
        d(2025, 1, 1),
        d(2026, 12, 31),
        regio=ZHZ,
        onderaannemers=(B,),
    ),
    Contract(
        "G1",
        C,
        "jeugd",
        "1",
        Contractvariant.TAAKGERICHT,
        d(2025, 1, 1),
        d(2025, 12, 31),
        gemeente="0505",
    ),
    Contract(
        "W1",
        A,
        "wmo",
        "W",
        Contractvariant.INSPANNINGSGERICHT,
        d(2025, 1, 1),
        d(2025, 12, 31),
        gemeente="0505",
    ),
]
TARIEVEN = [
    Contracttarief("R1", "45", None, "04", 8000, d(2025, 1, 1)),
    Contracttarief("R1", "45", "45A01", "04", 8520, d(2025, 1, 1), d(2025, 12, 31)),
    Contracttarief("W1", "07", "07A01", "04", 5000, d(2025, 1, 1)),
]

PRESTATIES = [
    # ok: the code line (85.20) wins over the category line
    _prestatie(A, "0505", "45", "45A01", d(2025, 3, 1), 8520, 10),
    # tarief_afwijkend: 90.00 against 85.20 -> (9000 - 8520) * 5 = 2400; onderaannemer B
    _prestatie(B, "0482", "45", "45A01", d(2025, 4, 1), 9000, 5),
    # its credit: counted in the amount (negative), not as a line, no tariff difference
    _prestatie(B, "0482", "45", "45A01", d(2025, 4, 1), 9000, 5, dc="C"),
    # ok: 45A02 has no code line, the category line (80.00) applies
    _prestatie(A, "0505", "45", "45A02", d(2025, 5, 1), 8000, 3),
    # tarief_afwijkend: 45A02 at 85.20 against the category's 80.00 -> 520 * 2 = 1040
    _prestatie(A, "0505", "45", "45A02", d(2025, 5, 1), 8520, 2),
    # eenheid_afwijkend: the contract has no eenheid 01 line for 45
    _prestatie(A, "0505", "45", "45A02", d(2025, 6, 1), 120, 30, eenheid="01"),
    # product_buiten_contract: categorie 40 is not in R1; bedrag 7000 * 4 = 28000
    _prestatie(A, "0505", "40", "40A01", d(2025, 6, 1), 7000, 4),
    # geen_contract: 0363 is outside ZHZ; bedrag 6000 * 2 = 12000
    _prestatie(A, "0363", "45", "45A01", d(2025, 6, 1), 6000, 2),
    # geen_contract: aanbieder X has none; bedrag 5000
    _prestatie(X, "0505", "45", "45A01", d(2025, 7, 1), 5000, 1),
    # ok: C's taakgericht contract has no lines and covers everything of jeugd in 0505
    _prestatie(C, "0505", "43", "43A01", d(2025, 7, 1), 99999, 1),
    # geen_contract: C's contract is for 0505 only
    _prestatie(C, "0482", "43", "43A01", d(2025, 7, 1), 20000, 1),
    # ok: Wmo product on W1
    _prestatie(A, "0505", "07", "07A01", d(2025, 8, 1), 5000, 4, domein="wmo"),
    # geen_contract: Wmo in 0482 (W1 is for 0505)
    _prestatie(A, "0482", "07", "07A01", d(2025, 8, 1), 5000, 1, domein="wmo"),
    # not checked: 2024 is outside the year asked for
    _prestatie(X, "0505", "45", "45A01", d(2024, 12, 1), 5000, 1),
    # ok: no tarief (eenheid 83, euros) is never a tariff finding
    {**_prestatie(A, "0505", "45", "45A01", d(2025, 9, 1), 0, 300), "tarief": None, "bedrag": 300},
    # tarief_afwijkend in 2026: the 45A01 line ended on 2025-12-31 (checked below, 2026)
    _prestatie(A, "0505", "45", "45A01", d(2026, 1, 5), 8520, 1),
]
TOEWIJZINGEN = [
    _toewijzing(A, "0505", "45", None, d(2025, 2, 1)),  # ok: aspecifiek, category 45 is there
    _toewijzing(A, "0505", "40", None, d(2025, 2, 1)),  # product_buiten_contract
    _toewijzing(A, "0505", None, None, d(2025, 2, 1)),  # ok: generiek, any line
    _toewijzing(X, "0505", "45", "45A01", d(2025, 2, 1)),  # geen_contract
    _toewijzing(A, "0505", "45", "45A01", d(2024, 12, 31)),  # not in 2025
]


def _con() -> duckdb.DuckDBPyConnection:
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
    for naam, tabel in register_tabellen(CONTRACTEN, TARIEVEN, []).items():
        con.register(naam, tabel)
    return con


def test_each_message_gets_the_status_its_definition_gives():
    uitkomst = controleer_berichten(_con(), 2025, d(2025, 12, 1))
    per = {r["aanbieder"]: r for r in uitkomst.per_aanbieder}
    assert set(per) == {A, B, C, X}  # aanbieders with a finding only
    a, b, c, x = per[A], per[B], per[C], per[X]
    assert a["naam"] == "Aanbieder A"
    # A: one tariff, one eenheid, one product outside, two without contract (0363, Wmo 0482)
    assert a["declaratie_tarief_afwijkend"] == 1
    assert a["tariefverschil_cent"] == 1040
    assert a["declaratie_eenheid_afwijkend"] == 1
    assert a["declaratie_eenheid_afwijkend_cent"] == 3600
    assert (
        a["declaratie_product_buiten_contract"],
        a["declaratie_product_buiten_contract_cent"],
    ) == (1, 28000)
    assert (a["declaratie_geen_contract"], a["declaratie_geen_contract_cent"]) == (2, 12000 + 5000)
    assert a["toewijzing_product_buiten_contract"] == 1
    assert a["toewijzing_geen_contract"] == 0
    # B (onderaannemer of R1): one deviating debet line; the credit nets the amount to 0
    assert b["declaratie_tarief_afwijkend"] == 1
    assert b["declaratie_tarief_afwijkend_cent"] == 0
    assert b["tariefverschil_cent"] == 2400
    # C: outside its gemeente only
    assert (c["declaratie_geen_contract"], c["declaratie_geen_contract_cent"]) == (1, 20000)
    assert c["declaratie_tarief_afwijkend"] == 0
    # X: no contract anywhere; the 2024 line is not counted
    assert (x["declaratie_geen_contract"], x["declaratie_geen_contract_cent"]) == (1, 5000)
    assert x["toewijzing_geen_contract"] == 1


def test_deviating_tariffs_are_listed_per_product_with_the_contract_tariff():
    uitkomst = controleer_berichten(_con(), 2025, d(2025, 12, 1))
    rijen = {(r["aanbieder"], r["productcode"]): r for r in uitkomst.tarieven}
    assert set(rijen) == {(A, "45A02"), (B, "45A01")}
    assert rijen[(B, "45A01")]["gedeclareerd_tarief_cent"] == 9000
    assert rijen[(B, "45A01")]["contracttarief_cent"] == 8520
    assert rijen[(B, "45A01")]["verschil_cent"] == 2400
    assert rijen[(A, "45A02")]["contracttarief_cent"] == 8000
    assert rijen[(A, "45A02")]["volume"] == 2


def test_a_code_line_that_ended_gives_way_to_the_category_line():
    # 2026: 45A01's own line ended on 2025-12-31, so the category line (80.00) applies and
    # 85.20 deviates by 520.
    uitkomst = controleer_berichten(_con(), 2026, d(2026, 1, 31))
    assert uitkomst.tarieven[0]["contracttarief_cent"] == 8000
    assert uitkomst.per_aanbieder[0]["tariefverschil_cent"] == 520


def test_the_checks_keep_to_the_gemeenten_asked_for():
    uitkomst = controleer_berichten(_con(), 2025, d(2025, 12, 1), gemeenten=["0505"])
    per = {r["aanbieder"]: r for r in uitkomst.per_aanbieder}
    assert B not in per and C not in per  # their findings are in 0482
    assert per[A]["declaratie_geen_contract"] == 0  # 0363 and 0482 left out


def test_contracts_expiring_within_six_months():
    # 30 June + 6 months is 30 December: a contract ending on 31 December is not yet in
    assert controleer_berichten(_con(), 2025, d(2025, 6, 30)).aflopend == []
    uitkomst = controleer_berichten(_con(), 2025, d(2025, 7, 1))
    assert [r["contractnummer"] for r in uitkomst.aflopend] == ["G1", "W1"]
    assert uitkomst.aflopend[0]["einddatum"] == d(2025, 12, 31)
    assert controleer_berichten(_con(), 2025, d(2025, 7, 1), ["0482"]).aflopend == []
    later = controleer_berichten(_con(), 2025, d(2026, 7, 1))
    assert [r["contractnummer"] for r in later.aflopend] == ["R1"]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=d(2020, 1, 1), max_value=d(2030, 12, 31)),
    st.dates(min_value=d(2020, 1, 1), max_value=d(2031, 12, 31)),
)
def test_loopt_af_agrees_with_duckdbs_date_arithmetic(peildatum, einddatum):
    sql = duckdb.execute(
        "SELECT ?::DATE >= ?::DATE AND ?::DATE <= ?::DATE + INTERVAL 6 MONTH",
        [einddatum, peildatum, einddatum, peildatum],
    ).fetchone()[0]
    assert loopt_af(einddatum, peildatum) == sql


@pytest.mark.parametrize(
    ("ingang", "eind", "maanden"),
    [
        (d(2025, 1, 1), d(2028, 12, 31), 48),
        (d(2025, 1, 1), d(2029, 1, 1), 49),
        (d(2025, 1, 1), d(2025, 1, 31), 1),
        (d(2025, 3, 15), d(2025, 4, 13), 1),
        (d(2025, 3, 15), d(2025, 4, 14), 1),  # exactly one month, 31 days
        (d(2025, 3, 15), d(2025, 4, 15), 2),
        (d(2024, 2, 29), d(2028, 2, 28), 48),
    ],
)
def test_looptijd_in_begun_months(ingang, eind, maanden):
    assert looptijd_maanden(ingang, eind) == maanden


def test_a_raamovereenkomst_beyond_48_months_gets_a_warning():
    assert contractwaarschuwingen(d(2025, 1, 1), d(2028, 12, 31)) == []
    assert "49 maanden" in contractwaarschuwingen(d(2025, 1, 1), d(2029, 1, 1))[0]
    assert "geen einddatum" in contractwaarschuwingen(d(2025, 1, 1), None)[0]


def test_register_tables_carry_every_party_and_line():
    tabellen = register_tabellen(CONTRACTEN, TARIEVEN, [Bestedingsruimte("R1", 2025, 10**8)])
    partijen = tabellen["contractpartij"].to_pylist()
    assert {(p["contractnummer"], p["aanbieder"], p["rol"]) for p in partijen} == {
        ("R1", A, "hoofdaannemer"),
        ("R1", B, "onderaannemer"),
        ("G1", C, "hoofdaannemer"),
        ("W1", A, "hoofdaannemer"),
    }
    assert tabellen["contracttarief"].num_rows == 3
    assert tabellen["bestedingsruimte"].to_pylist() == [
        {"contractnummer": "R1", "jaar": 2025, "bedrag": 10**8}
    ]
