import pytest

from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db


def test_landing_page_lists_loaded_counts_per_gemeente(client, tmp_path):
    pad = tmp_path / "toewijzingen.csv"
    pad.write_text(
        "domein,gemeentecode,agb_code,bsn,toewijzingnummer,toewijzingsdatum,ingangsdatum,"
        "productcategorie,productcode,volume,eenheid,frequentie,einddatum\n"
        "jeugd,0505,12345678,111222333,1,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n"
        "jeugd,0505,12345678,123456782,2,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n"
        "jeugd,0482,12345678,123456782,3,2024-01-01,2024-01-02,45,45A01,2,04,2,2024-03-01\n",
        encoding="utf-8",
    )
    importeer([pad])
    html = client.get("/").content.decode()
    assert "Geladen gegevens per gemeente" in html
    rij_dordrecht = html.split("Dordrecht")[1].split("</tr>")[0]
    assert [cel.split("<")[0] for cel in rij_dordrecht.split('class="getal">')[1:]] == [
        "2",
        "2",
        "0",
        "0",
    ]
    assert "Alblasserdam" in html
    assert "111222333" not in html and "123456782" not in html


def test_landing_page_without_data_explains_how_to_import(client):
    assert "passend import" in client.get("/").content.decode()
