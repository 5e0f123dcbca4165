"""End to end in headless Chromium: ZRM scores and clients' judgements arrive with the
messages (the import templates); the regio-analist opens the outcomes per life domain from
the toekomstplan page, sees the chart and the tables, narrows them to one domain, and finds
the judgements on the aanbieder's page. Every table fits a 1366 px screen; no BSN anywhere."""

from __future__ import annotations

import zipfile

import pytest

from tests import berichten as b
from tests.e2e.test_browser import _BREDER_DAN_HUN_VAK, Pagina, _laad_als_beheerder
from tests.web.gegevens import maak_zip
from tests.web.test_zelfredzaamheid import _bsns

pytestmark = [pytest.mark.cli_db, pytest.mark.slow]


def _zrm() -> str:
    """Eight clients measured twice on financien in 2024 by aanbieder 12345678, six improve;
    youth A also twice on huisvesting by the toegang."""
    regels = ["bsn;gemeente;aanbieder_agb;domein;datum;score"]
    for i, bsn in enumerate([b.BSN_A, *_bsns(7)]):
        regels.append(f"{bsn};0505;{b.AGB};Financiën;2024-02-01;{2 if i < 6 else 3}")
        regels.append(f"{bsn};0505;{b.AGB};financien;2024-11-01;{4 if i < 6 else 3}")
    regels.append(f"{b.BSN_A};0505;;huisvesting;2024-03-01;2")
    regels.append(f"{b.BSN_A};0505;;huisvesting;2024-09-01;3")
    return "\n".join(regels) + "\n"


def test_analist_follows_self_reliance_per_life_domain(server, browser, tmp_path):
    pad = maak_zip(tmp_path)
    with zipfile.ZipFile(pad, "a") as archief:
        archief.writestr("zrm/zrm.csv", _zrm())
    _laad_als_beheerder(browser, server, pad)

    p = Pagina(browser, server)
    p.inloggen("analist")
    p.page.click("nav.hoofdmenu >> text=Toekomstplan")
    p.page.click("text=Uitkomsten per leefdomein (zelfredzaamheidsmatrix)")
    p.page.select_option("#f-jaar", "2024")
    with p.page.expect_navigation():
        p.page.click("form.filters button[type=submit]")
    p.page.wait_for_selector("figure.grafiek-blok svg", timeout=30_000)  # the chart is drawn
    assert "Financiën" in p.page.inner_text("figure.grafiek-blok")
    per_domein = p.page.inner_text("#tabel-zrm-per-domein")
    assert "Financiën" in per_domein and "Huisvesting" in per_domein and "75,0%" in per_domein
    assert "Verbeterd" in p.page.inner_text("ul.kerngetallen")
    p.foto("zelfredzaamheid-01-pagina")

    p.page.select_option("#f-zrm-domein", "huisvesting")
    with p.page.expect_navigation():
        p.page.click("form.filters button[type=submit]")
    segmenten = p.page.inner_text("#tabel-zrm-per-segment")
    assert "Huisvesting" in segmenten and "Financiën" not in segmenten
    assert "Financiën" in p.page.inner_text("#tabel-zrm-per-domein")  # the overview stays whole
    p.page.set_viewport_size({"width": 1366, "height": 768})
    assert p.page.evaluate(_BREDER_DAN_HUN_VAK) == []
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 1366

    p.open(f"/analyse/markt/aanbieder/{b.AGB}/?jaar=2024")
    assert "Financiën" in p.page.inner_text("#tabel-aanbieder-zelfredzaamheid")
    assert p.page.evaluate(_BREDER_DAN_HUN_VAK) == []
    p.geen_geheimen()
    assert not p.fouten, p.fouten
