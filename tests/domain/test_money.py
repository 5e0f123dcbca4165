from passend.domain.money import (
    als_bedrag_met_dc,
    euro_tekst,
    met_teken,
    som_met_teken,
    verwacht_bedrag,
)


def test_signed_amounts():
    assert met_teken(1500, "D") == 1500
    assert met_teken(1500, "C") == -1500
    assert som_met_teken([(10000, "D"), (2500, "C"), (1, "D")]) == 7501
    assert als_bedrag_met_dc(-250) == (250, "C")
    assert als_bedrag_met_dc(0) == (0, "D")


def test_expected_amount_is_volume_times_tarief():
    assert verwacht_bedrag(6, 9550, "04") == 57300
    assert verwacht_bedrag(250, None, "83") == 25000  # euro's: one euro per unit
    assert verwacht_bedrag(3, None, "04") is None  # nothing to check without a tarief


def test_dutch_formatting():
    assert euro_tekst(123456) == "€ 1.234,56"
    assert euro_tekst(-5) == "-€ 0,05"
