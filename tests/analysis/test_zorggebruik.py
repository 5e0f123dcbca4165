"""Care in view against hand computations on ``scenarios.zorggebruik``.

Population 2024: Dordrecht 100 per age, Gorinchem 60 per age. Band sizes: 0-11 = 12 ages,
12-15 = 4, 16-17 = 2, 18-22 = 5, 23-26 = 4; so Dordrecht 1200/400/200/500/400 and Gorinchem
720/240/120/300/240.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from passend.analysis import zorggebruik
from passend.analysis.gebied import Gebied
from tests.analysis.berichtenset import DORDRECHT, GORINCHEM, ZHZ

pytestmark = pytest.mark.django_db


def _tabel(rijen, *sleutels):
    return {tuple(r[k] for k in sleutels): (r["aantal"], r["bevolking"]) for r in rijen}


def test_year_per_gemeente_and_age_band(dataset):
    rijen = zorggebruik(dataset("zorggebruik"), Gebied.standaard(), jaren=[2024])
    assert _tabel(rijen, "domein", "gemeente", "leeftijdsgroep") == {
        # Z1: first day in care in 2024 is 1 January, age 11 (12 only on 1 March).
        ("jeugd", DORDRECHT, "0-11"): (1, 1200),
        # Z2: from 2024-02-01, age 15.
        ("jeugd", DORDRECHT, "12-15"): (1, 400),
        # Z3: one day of jeugdhulp, on the 18th birthday.
        ("jeugd", DORDRECHT, "18-22"): (1, 500),
        # Z2 also had care in Gorinchem: counted there too, with the same age.
        ("jeugd", GORINCHEM, "12-15"): (1, 240),
        # Z9: 17 on 1 January 2024.
        ("jeugd", GORINCHEM, "16-17"): (1, 120),
        # Z4: 26 on 1 January 2024 (27 only on 30 June). Z5 is 27: outside 0-26.
        ("wmo", DORDRECHT, "23-26"): (1, 400),
        # Z6: 24. Z7 has only a toewijzing; Z8's care ended in 2023.
        ("wmo", GORINCHEM, "23-26"): (1, 240),
    }
    per_1000 = {(r["gemeente"], r["domein"], r["leeftijdsgroep"]): r["per_1000"] for r in rijen}
    assert per_1000[(DORDRECHT, "jeugd", "0-11")] == pytest.approx(1000 / 1200)
    assert per_1000[(GORINCHEM, "jeugd", "16-17")] == pytest.approx(1000 / 120)
    assert {r["naam"] for r in rijen} == {"Dordrecht", "Gorinchem"}
    # The data's last date is 2024-12-31 (Z3's and Z6's stops): 2024 is complete.
    assert all(r["volledig"] and r["periode"] == "jaar" for r in rijen)
    assert zorggebruik(dataset("zorggebruik"), Gebied.standaard(GORINCHEM), jaren=[2024]) == [
        r for r in rijen if r["gemeente"] == GORINCHEM
    ]


def test_half_years(dataset):
    rijen = zorggebruik(
        dataset("zorggebruik"), Gebied.standaard(), periode="halfjaar", jaren=[2024]
    )
    assert {(r["periode"], r["periode_begin"], r["periode_eind"]) for r in rijen} == {
        ("JH-1", d(2024, 1, 1), d(2024, 6, 30)),
        ("JH-2", d(2024, 7, 1), d(2024, 12, 31)),
    }
    assert _tabel(rijen, "periode", "domein", "gemeente", "leeftijdsgroep") == {
        # JH-1: Z1 (11), Z2 (15), Z4 Wmo (26); Gorinchem: Z9 (17). Z2's Gorinchem care and
        # Z6 only start in the second half.
        ("JH-1", "jeugd", DORDRECHT, "0-11"): (1, 1200),
        ("JH-1", "jeugd", DORDRECHT, "12-15"): (1, 400),
        ("JH-1", "wmo", DORDRECHT, "23-26"): (1, 400),
        ("JH-1", "jeugd", GORINCHEM, "16-17"): (1, 120),
        # JH-2: Z1 is 12 on 1 July -> 12-15 with Z2 (15 on 1 July); Z3 (18); Z4 ended 30 June.
        ("JH-2", "jeugd", DORDRECHT, "12-15"): (2, 400),
        ("JH-2", "jeugd", DORDRECHT, "18-22"): (1, 500),
        # Z2's age in JH-2 is taken on its first day in care in JH-2 (1 July, in Dordrecht).
        ("JH-2", "jeugd", GORINCHEM, "12-15"): (1, 240),
        ("JH-2", "jeugd", GORINCHEM, "16-17"): (1, 120),
        ("JH-2", "wmo", GORINCHEM, "23-26"): (1, 240),
    }


def test_regio_and_breakdowns(dataset):
    con = dataset("zorggebruik")
    regio = zorggebruik(con, Gebied.standaard(), jaren=[2024], niveau="regio")
    # Z2 had care in both gemeenten but counts once in the regio. Regio population: the two
    # gemeenten in view (both have leveringen).
    assert _tabel(regio, "domein", "regio", "leeftijdsgroep") == {
        ("jeugd", ZHZ, "0-11"): (1, 1920),
        ("jeugd", ZHZ, "12-15"): (1, 640),
        ("jeugd", ZHZ, "16-17"): (1, 320),
        ("jeugd", ZHZ, "18-22"): (1, 800),
        ("wmo", ZHZ, "23-26"): (2, 640),
    }
    wmo = next(r for r in regio if r["domein"] == "wmo")
    assert wmo["per_1000"] == pytest.approx(2 * 1000 / 640)
    vorm = zorggebruik(con, Gebied.standaard(), jaren=[2024], uitsplitsing="zorgvorm")
    # Z2's 44 (met verblijf) was in Dordrecht; in Gorinchem Z2 had 45 (zonder). Wmo: None.
    assert _tabel(vorm, "domein", "gemeente", "zorgvorm", "leeftijdsgroep") == {
        ("jeugd", DORDRECHT, "zonder_verblijf", "0-11"): (1, 1200),
        ("jeugd", DORDRECHT, "met_verblijf", "12-15"): (1, 400),
        ("jeugd", DORDRECHT, "zonder_verblijf", "18-22"): (1, 500),
        ("jeugd", GORINCHEM, "zonder_verblijf", "12-15"): (1, 240),
        ("jeugd", GORINCHEM, "zonder_verblijf", "16-17"): (1, 120),
        ("wmo", DORDRECHT, None, "23-26"): (1, 400),
        ("wmo", GORINCHEM, None, "23-26"): (1, 240),
    }
    categorie = zorggebruik(
        con, Gebied.standaard(GORINCHEM), jaren=[2024], uitsplitsing="productcategorie"
    )
    # Z6 had Wmo 07 and 02: counted once in each category.
    assert _tabel(categorie, "domein", "productcategorie", "leeftijdsgroep") == {
        ("jeugd", "45", "12-15"): (1, 240),
        ("jeugd", "45", "16-17"): (1, 120),
        ("wmo", "02", "23-26"): (1, 240),
        ("wmo", "07", "23-26"): (1, 240),
    }
    # Each category's name from its own domain's codelist stands beside the code.
    namen = {(r["domein"], r["productcategorie"]): r["categorienaam"] for r in categorie}
    assert namen == {
        ("jeugd", "45"): "Jeugdhulp ambulant",
        ("wmo", "02"): "Begeleiding",
        ("wmo", "07"): "Dagbesteding",
    }
    assert (
        list(categorie[0]).index("categorienaam")
        == list(categorie[0]).index("productcategorie") + 1
    )
    segment = zorggebruik(
        con, Gebied.standaard(), jaren=[2024], uitsplitsing="segment", niveau="totaal"
    )
    assert _tabel(segment, "domein", "segment", "leeftijdsgroep") == {
        ("jeugd", "4A", "0-11"): (1, 1920),
        ("jeugd", "2", "12-15"): (1, 640),
        ("jeugd", "4A", "12-15"): (1, 640),
        ("jeugd", "4A", "16-17"): (1, 320),
        ("jeugd", "4A", "18-22"): (1, 800),
        ("wmo", "W02", "23-26"): (2, 640),
        ("wmo", "W07", "23-26"): (1, 640),
    }


def test_all_years_from_the_data(dataset):
    rijen = zorggebruik(dataset("zorggebruik"), Gebied.standaard())
    # From the first begindatum (2023-01-01, Z8) to the data's last date (2024-12-31).
    assert sorted({r["jaar"] for r in rijen}) == [2023, 2024]
    # 2023: Z8 (12 on 1 January 2023) and Z1 (11 on 1 June 2023); no population for 2023.
    assert _tabel([r for r in rijen if r["jaar"] == 2023], "gemeente", "leeftijdsgroep") == {
        (DORDRECHT, "0-11"): (1, None),
        (DORDRECHT, "12-15"): (1, None),
    }
    assert all(r["per_1000"] is None for r in rijen if r["jaar"] == 2023)
