"""Declarations in a CSV (issue 15): a declaration is the group of rows with the same domein,
gemeente, aanbieder and declaratienummer; its total is checked against its own rows."""

from __future__ import annotations

import pytest

from passend.care.models import Declaratie, Prestatie
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

BSN = "111222333"
KOP = (
    "domein;gemeentecode;agb_code;declaratienummer;bsn;referentie;vorige_referentie;"
    "toewijzingnummer;productcategorie;productcode;periode_begin;periode_eind;volume;eenheid;"
    "tarief_eurocent;bedrag_eurocent;debet_credit"
)


def _rij(decl: str, ref: str, maand: int, bedrag: int, dc: str = "D", vorige: str = "") -> str:
    jaar, m = (2024, 12) if maand == 0 else (2025, maand)
    eind = 31 if m in (1, 3, 12) else 28
    volume = bedrag // 7500
    return (
        f"Jeugd;0505;12345678;{decl};{BSN};{ref};{vorige};9001;45;45A01;"
        f"{jaar}-{m:02d}-01;{jaar}-{m:02d}-{eind};{volume};04;7500;{bedrag};{dc}"
    )


def _importeer(tmp_path, *rijen: str, kop: str = KOP, extra: list[str] | None = None):
    regels = [kop + (";totaal_eurocent" if extra else "")]
    for i, rij in enumerate(rijen):
        regels.append(rij + (f";{extra[i]}" if extra else ""))
    pad = tmp_path / "declaratieregels.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return importeer([pad])


def _declaraties(s) -> dict[str, int]:
    """The summary's declaration counts (one message type per file in these tests)."""
    (telling,) = s.by_type.values()
    return telling.declaraties


def test_two_declarations_in_one_file_raise_no_total_error(tmp_path):
    # The example of the issue: two rows with different declaratienummers.
    s = _importeer(tmp_path, _rij("DA2412", "A0", 0, 75000), _rij("DA2501", "A1", 1, 75000))
    assert (s.accepted, s.quarantined) == (2, 0)
    assert _declaraties(s) == {"totaal": 2, "geaccepteerd": 2}
    assert not QuarantineRecord.objects.exists()
    assert Prestatie.objects.count() == 2
    totalen = dict(Declaratie.objects.values_list("declaratienummer", "totaal_bedrag"))
    assert totalen == {"DA2412": 75000, "DA2501": 75000}


def test_thirteen_rows_over_nine_declarations(tmp_path):
    rijen = [_rij(f"D{i // 2 if i < 8 else i - 4}", f"R{i}", 1 + i % 2, 7500) for i in range(13)]
    assert len({r.split(";")[3] for r in rijen}) == 9
    s = _importeer(tmp_path, *rijen)
    assert (s.accepted, s.quarantined) == (13, 0)
    assert _declaraties(s) == {"totaal": 9, "geaccepteerd": 9}
    assert Prestatie.objects.count() == 13


def test_a_declaration_over_several_rows_totals_its_own_rows(tmp_path):
    s = _importeer(
        tmp_path,
        _rij("D1", "R1", 1, 75000),
        _rij("D1", "R2", 2, 15000),
        _rij("D2", "R3", 1, 30000),
        extra=["90000", "90000", "30000"],
    )
    assert (s.accepted, s.quarantined) == (3, 0)
    assert _declaraties(s) == {"totaal": 2, "geaccepteerd": 2}
    # Each declaration is stored once, with the total of its own rows.
    totalen = dict(Declaratie.objects.values_list("declaratienummer", "totaal_bedrag"))
    assert totalen == {"D1": 90000, "D2": 30000}
    assert Prestatie.objects.filter(declaratie__declaratienummer="D1").count() == 2


def test_a_wrong_declared_total_quarantines_the_whole_declaration(tmp_path):
    s = _importeer(
        tmp_path,
        _rij("D1", "R1", 1, 75000),
        _rij("D1", "R2", 2, 15000),
        _rij("D2", "R3", 1, 30000),
        extra=["80000", "80000", "30000"],
    )
    assert (s.accepted, s.quarantined) == (1, 2)  # adds up to the three rows that came in
    assert _declaraties(s) == {"totaal": 2, "geaccepteerd": 1, "quarantaine": 1}
    fouten = QuarantineRecord.objects.all()
    assert {f.regel for f in fouten} == {"TOTAAL"}
    assert all("80000" in f.reden and "90000" in f.reden for f in fouten)
    assert list(Prestatie.objects.values_list("declaratie__declaratienummer", flat=True)) == ["D2"]


def test_a_credit_and_its_correction_in_separate_declarations(tmp_path):
    s = _importeer(
        tmp_path,
        _rij("D1", "R1", 1, 75000),
        _rij("D2", "R2", 1, 75000, "C", vorige="R1"),
        _rij("D2", "R3", 1, 67500),
    )
    assert (s.accepted, s.quarantined) == (3, 0)
    assert _declaraties(s) == {"totaal": 2, "geaccepteerd": 2}
    assert sorted(Prestatie.objects.values_list("bedrag", "debet_credit")) == [
        (67500, "D"),
        (75000, "C"),
        (75000, "D"),
    ]


def test_a_credit_without_its_debet_is_quarantined(tmp_path):
    s = _importeer(
        tmp_path,
        _rij("D1", "R1", 1, 75000),
        _rij("D2", "R2", 1, 75000, "C", vorige="BESTAAT-NIET"),
    )
    assert (s.accepted, s.quarantined) == (1, 1)
    assert _declaraties(s) == {"totaal": 2, "geaccepteerd": 1, "quarantaine": 1}
    fout = QuarantineRecord.objects.get()
    assert fout.regel == "CREDIT-ZONDER-DEBET" and "BESTAAT-NIET" in fout.reden


def test_a_credit_may_reference_a_debet_loaded_in_an_earlier_import(tmp_path):
    eerst = tmp_path / "eerst"
    eerst.mkdir()
    assert _importeer(eerst, _rij("D1", "R1", 1, 75000)).accepted == 1
    later = tmp_path / "later"
    later.mkdir()
    s = _importeer(later, _rij("D2", "R2", 1, 75000, "C", vorige="R1"))
    assert (s.accepted, s.quarantined) == (1, 0)
