from datetime import date

import pytest

from passend.domain.codelists import Codelijst, Codelijsten, OnbekendeCodelijst


def _lijst(versie: str, vanaf: date, codes: list[str]) -> Codelijst:
    return Codelijst(
        "JZ020",
        "Productcategorie",
        versie,
        vanaf,
        {c: {"code": c, "omschrijving": f"cat {c}"} for c in codes},
    )


def test_version_in_force_on_a_date():
    lijsten = Codelijsten(
        [
            _lijst("3.3", date(2027, 1, 1), ["45", "56"]),
            _lijst("3.2", date(2015, 1, 1), ["45", "55"]),
        ]
    )
    assert lijsten.lijst("JZ020", date(2026, 6, 1)).versie == "3.2"
    assert lijsten.lijst("JZ020", date(2027, 1, 1)).versie == "3.3"
    assert lijsten.lijst("JZ020").versie == "3.3"
    assert lijsten.bevat("JZ020", "55", date(2026, 1, 1))
    assert not lijsten.bevat("JZ020", "55", date(2027, 2, 1))
    assert lijsten.bevat("JZ020", "56", date(2027, 2, 1))


def test_unknown_list_or_date_before_first_version():
    lijsten = Codelijsten([_lijst("3.2", date(2015, 1, 1), ["45"])])
    with pytest.raises(OnbekendeCodelijst):
        lijsten.lijst("XX999")
    with pytest.raises(OnbekendeCodelijst):
        lijsten.lijst("JZ020", date(2014, 12, 31))
    assert not lijsten.bevat("XX999", "45")


def test_a_code_with_its_own_ingangsdatum():
    from passend.reference.loader import laad_codelijsten

    lijsten = laad_codelijsten()
    # JZ588 code 38 (overstap naar andere aanbieder) is in force from 1 April 2022.
    assert not lijsten.bevat("JZ588", "38", date(2022, 3, 31))
    assert lijsten.bevat("JZ588", "38", date(2022, 4, 1))
    assert lijsten.bevat("JZ588", "31", date(2016, 1, 1))
