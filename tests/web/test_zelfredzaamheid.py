"""Outcomes per life domain on the web and in the API: the page of the registered report
'zelfredzaamheid' with its domain choice and chart, suppressed for the roles that see
public figures, and the same tables in the API.

Eight clients of Dordrecht (0505) with two financien scores in 2024 by aanbieder 12345678:
six improve (2 -> 4), two stay (3 -> 3). Youth A of the test messages (born 2006-12-31,
cohort 2024) is one of the improving six; the others are not in the care data.
"""

from __future__ import annotations

import pytest

from passend.imports.pipeline import importeer
from tests import berichten as b

pytestmark = pytest.mark.django_db


def _bsns(aantal: int) -> list[str]:
    """Valid BSNs (elfproef) of the test range, other than those of the messages."""
    uit = []
    for getal in range(999_991_000, 999_999_999):
        cijfers = [int(c) for c in str(getal)]
        som = sum(c * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - cijfers[8]
        if som % 11 == 0:
            uit.append(str(getal))
        if len(uit) == aantal:
            return uit
    raise AssertionError("te weinig BSN's")


@pytest.fixture
def met_zrm(geladen, tmp_path):
    regels = ["bsn;gemeente;aanbieder_agb;domein;datum;score"]
    for i, bsn in enumerate([b.BSN_A, *_bsns(7)]):
        eind = 4 if i < 6 else 3
        begin = 2 if i < 6 else 3
        regels.append(f"{bsn};0505;{b.AGB};financien;2024-02-01;{begin}")
        regels.append(f"{bsn};0505;{b.AGB};financien;2024-11-01;{eind}")
    map_ = tmp_path / "zrm"
    map_.mkdir()
    (map_ / "zrm.csv").write_text("\n".join(regels) + "\n", encoding="utf-8")
    samenvatting = importeer([map_])
    assert samenvatting.accepted == 16
    return samenvatting


def test_the_page_shows_the_change_per_domain_with_its_chart(als, met_zrm):
    tekst = als("analist").get("/analyse/zelfredzaamheid/?jaar=2024").content.decode()
    assert "Verandering per leefdomein" in tekst and "Financiën" in tekst
    assert "75,0%" in tekst  # verbeterd: 6 of 8
    assert "Zelfredzaamheid per leefdomein, per halfjaar" in tekst  # the chart
    assert b.BSN_A not in tekst


def test_the_domain_choice_filters_the_tables_per_aanbieder(als, met_zrm):
    analist = als("analist")
    gekozen = analist.get("/analyse/zelfredzaamheid/?jaar=2024&zrm_domein=financien")
    assert 'value="financien" selected' in gekozen.content.decode()
    anders = analist.get("/analyse/zelfredzaamheid/?jaar=2024&zrm_domein=justitie")
    tekst = anders.content.decode()
    assert anders.status_code == 200 and "Per aanbieder (Justitie)" in tekst
    # an unknown domain is ignored, not an error
    assert analist.get("/analyse/zelfredzaamheid/?zrm_domein=%3Cscript%3E").status_code == 200


def test_the_api_returns_the_report_tables_suppressed_for_the_contractmanager(als, met_zrm):
    api = als("analist").get("/api/zelfredzaamheid/?jaar=2024").json()
    financien = next(
        r for r in api["rapporttabellen"]["zrm_per_domein"] if r["zrm_domein"] == "financien"
    )
    assert (financien["gemeten"], financien["verbeterd"], financien["gelijk"]) == (8, 6, 2)
    assert financien["eerste_gemiddeld"] == pytest.approx((6 * 2 + 2 * 3) / 8, abs=0.01)
    (aanbieder,) = api["rapporttabellen"]["zrm_per_aanbieder"]
    assert aanbieder["aanbieder"] == b.AGB and aanbieder["gemeten"] == 8
    cohort = {r["cohortjaar"]: r["gemeten"] for r in api["rapporttabellen"]["zrm_per_cohort"]}
    assert cohort == {2024: 1, None: 7}

    publiek = als("contract").get("/api/zelfredzaamheid/?jaar=2024").json()
    rij = next(
        r for r in publiek["rapporttabellen"]["zrm_per_domein"] if r["zrm_domein"] == "financien"
    )
    # two stayed: hidden, and with them a cell that would give them away (8 - 6 - 0)
    assert rij["gelijk"] == "<5"
    assert "x" in (rij["gemeten"], rij["verbeterd"]) and rij["aandeel_verbeterd"] == "x"
    assert rij["verslechterd"] == 0
    assert als("raad").get("/api/zelfredzaamheid/?jaar=2024").status_code == 403


def test_the_provider_page_shows_what_it_measured(als, met_zrm):
    tekst = als("analist").get(f"/analyse/markt/aanbieder/{b.AGB}/?jaar=2024").content.decode()
    assert 'id="tabel-aanbieder-zelfredzaamheid"' in tekst
    deel = tekst.split('id="tabel-aanbieder-zelfredzaamheid"', 1)[1].split("</table>", 1)[0]
    assert "Financiën" in deel and "75,0%" in deel
