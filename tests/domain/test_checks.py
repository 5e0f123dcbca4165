"""Semantic checks as pure functions (the import tests cover the same rules end to end)."""

from dataclasses import replace
from datetime import date

from passend.domain.checks import Context, controleer, controleer_totaal
from passend.domain.records import (
    ClientGegevens,
    DeclaratieKop,
    Domein,
    Kop,
    LeveringRecord,
    PrestatieRecord,
)
from passend.reference.loader import laad_codelijsten

CTX = Context(laad_codelijsten(), {"0505"})
KOP = Kop("JW323", Domein.JEUGD, "0505", "12345678", "X", date(2024, 3, 1))
DECL = DeclaratieKop(KOP, "D1", date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 1), 0, "D")
CLIENT = ClientGegevens("111222333")
PRESTATIE = PrestatieRecord(
    DECL,
    CLIENT,
    "R1",
    None,
    1,
    "45",
    "45A01",
    date(2024, 2, 1),
    date(2024, 2, 29),
    4,
    "04",
    9000,
    36000,
    "D",
)


def _regels(record):
    return [b.regel for b in controleer(record, CTX)]


def test_a_correct_prestatie_passes():
    assert _regels(PRESTATIE) == []


def test_arithmetic_and_period():
    assert _regels(replace(PRESTATIE, bedrag=36001)) == ["REKENKUNDE"]
    januari = replace(PRESTATIE, periode_begin=date(2024, 1, 1), periode_eind=date(2024, 1, 31))
    assert _regels(januari) == ["PERIODE-BUITEN-DECLARATIE"]
    # A correction pair keeps the period of the prestatie it corrects.
    assert _regels(replace(januari, vorige_referentie="R0", debet_credit="C")) == []
    assert _regels(replace(januari, vorige_referentie="R0")) == []


def test_levering_rules():
    stop = LeveringRecord(
        replace(KOP, berichttype="JW307"),
        CLIENT,
        "stop",
        1,
        "45",
        "45A01",
        None,
        date(2022, 1, 1),
        date(2022, 3, 1),
        "38",
    )
    # Reden beëindiging 38 is only in force from 1 April 2022 (per the einddatum).
    assert _regels(stop) == ["CODELIJST"]
    assert _regels(replace(stop, einddatum=date(2022, 4, 1))) == []
    assert _regels(replace(stop, einddatum=date(2021, 12, 31), reden_beeindiging="31")) == [
        "DATUMVOLGORDE"
    ]
    assert _regels(
        replace(stop, client=ClientGegevens("111222334"), einddatum=None, reden_beeindiging=None)
    ) == ["ELFPROEF"]
    assert _regels(
        replace(stop, kop=replace(KOP, gemeente="9999"), einddatum=None, reden_beeindiging=None)
    ) == ["GEMEENTE-ONBEKEND"]


def test_totals():
    assert controleer_totaal(1000, 1000) == []
    assert [b.regel for b in controleer_totaal(1000, 999)] == ["TOTAAL"]
