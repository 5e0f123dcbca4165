"""The reële-prijs calculator and the Contractstandaard indexation, against hand computations."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from click.testing import CliRunner

from passend.contracting.tarief import (
    Indexcijfers,
    Kostprijsopbouw,
    bereken,
    deelbaar_door_60,
    index_voor,
    indexeer,
)


def test_the_published_worked_example():
    # 24,68 / 0,80 = 30,85 per client-bound hour; x 1,20 overhead = 37,02.
    t = bereken(Kostprijsopbouw(loonkosten_per_uur=24.68, productiviteit=0.80, overhead=0.20))
    assert t.per_clientgebonden_uur == Decimal("30.85")
    assert t.tarief_cent == 3702
    # 3702 / 60 = 61,7 -> 62 x 60 = 3720: 62 cents a minute.
    assert t.tarief_cent_deelbaar_60 == 3720


def test_from_a_cao_salary_with_surcharges_costs_and_a_group():
    opbouw = Kostprijsopbouw(
        maandsalaris=3500,
        opslagen={"ikb": "0.0833", "sociale lasten": "0.22", "pensioen": "0.12"},
        uren_per_fte=1836,
        productiviteit="0.75",
        overige_clientgebonden_per_uur="2.50",
        overhead="0.15",
        risico="0.03",
        groepsgrootte=4,
        cao="CAO Sociaal Werk",
        schaal_trede="schaal 8, trede 5",
    )
    # By hand, in fractions: 3500 x 12 x 1,4233 / 1836 = 59.778,6 / 1836 per paid hour.
    loon = Fraction(3500 * 12) * Fraction("1.4233") / 1836
    per_uur = (loon / Fraction("0.75") + Fraction("2.50")) * Fraction("1.15") * Fraction("1.03") / 4
    assert float(loon) == pytest.approx(32.55915, abs=1e-5)
    assert float(per_uur) == pytest.approx(13.59575, abs=1e-5)
    t = bereken(opbouw)
    assert t.loonkosten_per_uur == pytest.approx(Decimal(loon.numerator) / loon.denominator)
    assert t.tarief_cent == 1360
    assert t.tarief_cent_deelbaar_60 == 1380  # 1360 / 60 = 22,67 -> 23 x 60


@pytest.mark.parametrize(
    ("cent", "deelbaar"),
    [(3702, 3720), (3690, 3720), (3689, 3660), (3660, 3660), (29, 0), (30, 60)],
)
def test_rounding_to_a_whole_number_of_cents_per_minute(cent, deelbaar):
    assert deelbaar_door_60(cent) == deelbaar


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"loonkosten_per_uur": 20, "productiviteit": 0}, "productiviteit"),
        ({"loonkosten_per_uur": 20, "productiviteit": "1.2"}, "productiviteit"),
        ({"loonkosten_per_uur": 20, "productiviteit": 1, "groepsgrootte": 0}, "groepsgrootte"),
        ({"productiviteit": 1, "maandsalaris": 3000}, "uren per fte"),
        ({"loonkosten_per_uur": 20, "productiviteit": 1, "overhead": "-0.1"}, "negatief"),
    ],
)
def test_impossible_inputs_are_refused_in_dutch(velden, melding):
    with pytest.raises(ValueError, match=melding):
        Kostprijsopbouw(**velden)


def _ova() -> Indexcijfers:
    return Indexcijfers(
        prognose={2025: "0.035", 2026: "0.030", 2027: "0.028"},
        definitief={2025: "0.041"},
    )


def _pcc() -> Indexcijfers:
    return Indexcijfers(
        prognose={2025: "0.025", 2026: "0.020", 2027: "0.018"},
        definitief={2025: "0.015"},
    )


def test_indexation_adds_last_years_correction_and_weights_wages_and_material():
    # OVA 2026: 0,030 + (0,041 - 0,035) = 0,036; PCC 2026: 0,020 + (0,015 - 0,025) = 0,010.
    assert _ova().toe_te_passen(2026) == Decimal("0.036")
    assert _pcc().toe_te_passen(2026) == Decimal("0.010")
    # Jeugd 90/10: 0,9 x 0,036 + 0,1 x 0,010 = 0,0334.
    assert index_voor(2026, _ova(), _pcc()) == Decimal("0.0334")
    # 2027 has no definitive 2026 figure yet: the forecast alone, 0,9 x 0,028 + 0,1 x 0,018.
    assert index_voor(2027, _ova(), _pcc()) == Decimal("0.027")
    rijen = indexeer(3702, 2025, 2027, _ova(), _pcc())
    # 3702 x 1,0334 = 3825,65 -> 3826; 3826 x 1,027 = 3929,30 -> 3929.
    assert [r["tarief_cent"] for r in rijen] == [3702, 3826, 3929]
    with pytest.raises(ValueError, match="geen prognose"):
        index_voor(2030, _ova(), _pcc())


def test_the_cli_prints_the_tariff_and_its_minute_rounding():
    from passend.cli import main

    uit = CliRunner().invoke(
        main,
        [
            "tarief",
            "bereken",
            "--loonkosten-uur",
            "24.68",
            "--productiviteit",
            "0.80",
            "--overhead",
            "0.20",
            "--json",
        ],
    )
    assert uit.exit_code == 0, uit.output
    gegevens = json.loads(uit.output)
    assert (gegevens["tarief_cent"], gegevens["tarief_cent_deelbaar_60"]) == (3702, 3720)
    nl = CliRunner().invoke(
        main, ["tarief", "bereken", "--loonkosten-uur", "24,68", "--productiviteit", "0,80"]
    )
    assert "€ 30,85" in nl.output
    fout = CliRunner().invoke(main, ["tarief", "bereken", "--productiviteit", "0,8"])
    assert fout.exit_code == 2 and "loonkosten per uur" in fout.output
    index = CliRunner().invoke(
        main,
        [
            "tarief",
            "indexeer",
            "--tarief-cent",
            "3702",
            "--van",
            "2025",
            "--tot",
            "2026",
            "--ova-prognose",
            "2025=0,035",
            "--ova-prognose",
            "2026=0,030",
            "--ova-definitief",
            "2025=0,041",
            "--pcc-prognose",
            "2025=0,025",
            "--pcc-prognose",
            "2026=0,020",
            "--pcc-definitief",
            "2025=0,015",
            "--json",
        ],
    )
    assert index.exit_code == 0, index.output
    assert [r["tarief_cent"] for r in json.loads(index.output)] == [3702, 3826]
