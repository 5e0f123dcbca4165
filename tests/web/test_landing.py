"""The start page: what is loaded per gemeente within the user's scope."""

import pytest

from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

CSV = (
    "domein,gemeentecode,agb_code,bsn,toewijzingnummer,toewijzingsdatum,ingangsdatum,"
    "productcategorie,productcode,volume,eenheid,frequentie,einddatum\n"
    "jeugd,0505,12345678,111222333,1,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n"
    "jeugd,0505,12345678,123456782,2,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n"
    "jeugd,0482,12345678,123456782,3,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n"
)


def _cellen(html: str, gemeente: str) -> list[str]:
    rij = html.split(gemeente)[1].split("</tr>")[0]
    return [cel.split("<")[0] for cel in rij.split('class="getal">')[1:]]


def test_landing_page_lists_loaded_counts_per_gemeente(als, tmp_path):
    pad = tmp_path / "toewijzingen.csv"
    pad.write_text(CSV, encoding="utf-8")
    importeer([pad])
    html = als("analist").get("/").content.decode()
    assert "Geladen gegevens per gemeente" in html
    assert _cellen(html, "Dordrecht") == ["2", "2", "0", "0"]
    assert "Alblasserdam" in html
    assert "111222333" not in html and "123456782" not in html


def test_aggregate_roles_see_small_client_counts_suppressed(als, tmp_path):
    pad = tmp_path / "toewijzingen.csv"
    pad.write_text(CSV, encoding="utf-8")
    importeer([pad])
    html = als("beheerder").get("/").content.decode()
    assert _cellen(html, "Dordrecht")[0] == "&lt;5"
    # The Dordrecht-only user does not see Alblasserdam at all.
    assert "Alblasserdam" not in als("beleid").get("/").content.decode()


def test_landing_page_without_data_explains_how_to_import(als):
    assert "passend import" in als("beheerder").get("/").content.decode()


def test_landing_page_needs_login(client):
    antwoord = client.get("/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/inloggen/")


def test_raad_goes_to_published_reports(als):
    antwoord = als("raad").get("/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/rapporten/"
