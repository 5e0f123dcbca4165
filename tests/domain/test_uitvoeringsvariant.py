import pytest

from passend.domain.uitvoeringsvariant import (
    TypeToewijzing,
    Uitvoeringsvariant,
    Vulling,
    einddatum_verplicht,
    leid_variant_af,
    type_toewijzing,
)

I, O, G = (
    Uitvoeringsvariant.INSPANNINGSGERICHT,
    Uitvoeringsvariant.OUTPUTGERICHT,
    Uitvoeringsvariant.GENERIEK,
)


@pytest.mark.parametrize(
    ("vulling", "variant", "soort", "verplicht"),
    [
        (Vulling("45", "45A01", None, 3, "04", "2"), I, TypeToewijzing.SPECIFIEK, True),
        (Vulling("45", "45A01", None, 120, "01", "4"), I, TypeToewijzing.SPECIFIEK, False),
        (Vulling("43", "43A01", None, 30, "14", "4"), I, TypeToewijzing.SPECIFIEK, False),
        (Vulling("41", "41A01", None, 4, "16", "2"), I, TypeToewijzing.SPECIFIEK, True),
        (Vulling("45", "45B01", None, 2, "84", "6"), I, TypeToewijzing.SPECIFIEK, False),
        (Vulling("45", "45T01", None, 1, "82", "6"), O, TypeToewijzing.SPECIFIEK, False),
        (Vulling("45", "45T02", None, 2500, "83", "4"), O, TypeToewijzing.SPECIFIEK, False),
        (
            Vulling("45", None, 500000, None, None, None),
            I,
            TypeToewijzing.ASPECIFIEK_MET_BUDGET,
            True,
        ),
        (
            Vulling("45", None, None, None, None, None),
            I,
            TypeToewijzing.ASPECIFIEK_ZONDER_BUDGET,
            False,
        ),
        (
            Vulling("55", None, 800000, None, None, None),
            O,
            TypeToewijzing.ASPECIFIEK_MET_BUDGET,
            False,
        ),
        (
            Vulling("55", None, None, None, None, None),
            O,
            TypeToewijzing.ASPECIFIEK_ZONDER_BUDGET,
            False,
        ),
        (Vulling(None, None, 1000000, None, None, None), G, TypeToewijzing.GENERIEK, False),
    ],
)
def test_variant_table(vulling, variant, soort, verplicht):
    assert leid_variant_af(vulling) is variant
    assert type_toewijzing(vulling) is soort
    assert einddatum_verplicht(vulling) is verplicht


def test_taakgericht_comes_from_the_contract():
    vulling = Vulling("43", "43A01", None, 30, "14", "4")
    assert leid_variant_af(vulling, taakgericht_contract=True) is Uitvoeringsvariant.TAAKGERICHT
