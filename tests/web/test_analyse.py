"""Analysis pages: definitions, charts, exports, suppression, publishing for the raad."""

from __future__ import annotations

import io
import json
import re

import pytest

pytestmark = pytest.mark.django_db

PAGINAS = ("kerncijfers", "transitie", "wmo-instroom", "markt", "knelpunten", "benchmark")


@pytest.mark.parametrize("pagina", PAGINAS)
def test_each_page_states_its_definitions_and_exports_its_tables(pagina, als, geladen):
    client = als("beheerder")
    html = client.get(f"/analyse/{pagina}/?jaar=2024").content.decode()
    assert 'id="kop-definities"' in html and "<dl>" in html.split('id="kop-definities"')[1]
    tabellen = re.findall(r'id="tabel-([\w-]+)"', html)
    assert tabellen
    for tabel in tabellen:
        assert f"export={tabel}&amp;formaat=xlsx" in html
        xlsx = client.get(f"/analyse/{pagina}/?jaar=2024&export={tabel}&formaat=xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert "attachment" in xlsx["Content-Disposition"]
    for spec in re.findall(
        r'<script id="spec-[\w-]+" type="application/json">(.*?)</script>', html, re.S
    ):
        assert '"values"' in json.dumps(json.loads(spec))  # the data is inline (no URL)


def test_xlsx_export_holds_the_table(als, geladen):
    import openpyxl

    antwoord = als("analist").get("/analyse/transitie/?jaar=2024&export=uitkomsten&formaat=xlsx")
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    # The download holds the report table (every column, codes as in the CLI's workbook).
    assert rijen[0] == ("Jaar", "Uitkomst", "Jongeren", "Aandeel")
    assert (2024, "naar_wmo", 1, 0.5) in rijen and (2024, "cohort", 2, 1) in rijen
    html = als("analist").get("/analyse/transitie/?jaar=2024").content.decode()
    assert "Naar Wmo" in html and "Cohort (totaal)" in html  # the page shows the names


def test_csv_export_is_utf8_with_header_and_guards_formulas(als, geladen):
    from passend.web.tabellen import Kolom, Tabel, als_csv

    csv = als("analist").get("/analyse/transitie/?jaar=2024&export=uitkomsten&formaat=csv")
    tekst = csv.content.decode("utf-8-sig")
    assert csv.content.startswith("\ufeff".encode())  # the BOM: Excel reads UTF-8
    assert tekst.splitlines()[0] == "Jaar;Uitkomst;Jongeren;Aandeel"
    gevaarlijk = als_csv(Tabel("t", "t", [Kolom("a", "A")], [{"a": "=HYPERLINK(1)"}]))
    assert b"'=HYPERLINK" in gevaarlijk


def test_csv_is_for_dutch_excel_with_an_international_form():
    from passend.web.tabellen import Kolom, Tabel, als_csv

    tabel = Tabel(
        "t",
        "t",
        [
            Kolom("n", "Naam"),
            Kolom("a", "Aantal", "geheel"),
            Kolom("p", "Aandeel", "procent"),
            Kolom("b", "Bedrag", "bedrag"),
            Kolom("g", "Saldo", "getal"),
        ],
        [{"n": "Dordrecht", "a": 1234, "p": 30 / 110, "b": 123456, "g": -2.125}],
    )
    nl = als_csv(tabel).decode("utf-8-sig").splitlines()
    assert nl == ["Naam;Aantal;Aandeel;Bedrag (€);Saldo", "Dordrecht;1234;0,2727;1234,56;-2,13"]
    en = als_csv(tabel, "internationaal").decode("utf-8-sig").splitlines()
    assert en[1] == "Dordrecht,1234,0.2727,1234.56,-2.13"  # no 16-digit float, no "'-2.13"


def test_the_report_csv_download_rounds_and_uses_decimal_commas(als, geladen):
    antwoord = als("analist").get(
        "/analyse/transitie/?jaar=2024&export=uitkomsten&formaat=csv-internationaal"
    )
    assert antwoord["Content-Disposition"].endswith('.csv"')
    kop, *rijen = antwoord.content.decode("utf-8-sig").splitlines()
    assert kop == "Jaar,Uitkomst,Jongeren,Aandeel"
    nl = als("analist").get("/analyse/transitie/?jaar=2024&export=uitkomsten&formaat=csv")
    for rij_en, rij_nl in zip(rijen, nl.content.decode("utf-8-sig").splitlines()[1:], strict=True):
        aandeel = rij_en.split(",")[-1]
        assert len(aandeel.split(".")[-1]) <= 4  # rounded, not 0.3333333333333333
        assert rij_nl.split(";")[-1] == aandeel.replace(".", ",")


def test_unknown_export_is_404(als, geladen):
    assert als("analist").get("/analyse/transitie/?export=bestaat-niet").status_code == 404


def test_aggregate_roles_see_suppressed_counts_the_analyst_does_not(als, geladen):
    beleid = als("beheerder").get("/analyse/transitie/?jaar=2024").content.decode()
    analist = als("analist").get("/analyse/transitie/?jaar=2024").content.decode()
    assert "&lt;5" in beleid and "Kleine aantallen" in beleid
    assert "Kleine aantallen" not in analist


def test_dordrecht_user_sees_only_dordrecht(als, geladen):
    html = als("beleid").get("/analyse/transitie/?jaar=2024").content.decode()
    assert "Dordrecht (0505)" in html
    assert "Alblasserdam" not in html and "Hele jeugdregio" not in html


def test_publish_a_report_and_the_raad_reads_it_suppressed(als, geladen):
    from passend.web.models import GepubliceerdRapport

    analist = als("analist")
    antwoord = analist.post(
        "/rapporten/publiceren/",
        {"soort": "transitie", "query": "jaar=2024", "titel": "Transitie 2024 voor de raad"},
    )
    assert antwoord.status_code == 302
    rapport = GepubliceerdRapport.objects.get()
    assert rapport.gemeenten and "0363" not in rapport.gemeenten
    raad = als("raad")
    assert "Transitie 2024 voor de raad" in raad.get("/rapporten/").content.decode()
    html = raad.get(f"/rapporten/{rapport.pk}/").content.decode()
    assert "&lt;5" in html and 'id="kop-definities"' in html
    assert raad.get(f"/rapporten/{rapport.pk}/?export=uitkomsten&formaat=csv").status_code == 200
    assert raad.get(f"/api/rapporten/{rapport.pk}/").json()["titel"] == rapport.titel


def test_contractmanager_cannot_publish_what_he_cannot_see(als, geladen):
    antwoord = als("contract").post("/rapporten/publiceren/", {"soort": "transitie"})
    assert antwoord.status_code == 403


def test_raad_outside_the_report_area_does_not_see_it(als, geladen, client):
    from passend.accounts.beheer import zet_gebruiker
    from passend.web.models import GepubliceerdRapport

    rapport = GepubliceerdRapport.objects.create(
        titel="Dordrecht", soort="kerncijfers", gemeenten=["0505"], inhoud={}, gepubliceerd_door="x"
    )
    client.force_login(zet_gebruiker("raad-ams", "alleen-lezen", gemeenten=["0363"]).gebruiker)
    assert "Dordrecht" not in client.get("/rapporten/").content.decode()
    assert client.get(f"/rapporten/{rapport.pk}/").status_code == 404


def test_views_and_exports_are_audited(als, geladen):
    from passend.accounts.models import AuditRegel

    client = als("analist")
    client.get("/analyse/transitie/gevallen/?jaar=2024")
    client.get("/analyse/transitie/gevallen/?jaar=2024&export=gevallen&formaat=csv")
    acties = list(AuditRegel.objects.filter(gebruiker="analist").values_list("actie", "object"))
    assert ("bekeken", "/analyse/transitie/gevallen/?jaar=2024") in acties
    assert (
        "export",
        "/analyse/transitie/gevallen/?jaar=2024&export=gevallen&formaat=csv",
    ) in acties
    assert "analist" in als("beheerder").get("/beheer/audit/?gebruiker=analist").content.decode()


def test_api_matches_the_page_and_the_scope(als, geladen):
    client = als("beleid")
    data = client.get("/api/transitie/?jaar=2024").json()
    assert data["gemeente"] == "0505" and data["onderdrukt"] is True
    assert {t["id"] for t in data["tabellen"]} >= {"uitkomsten", "per-gemeente"}
    assert client.get("/api/transitie/?gemeente=0482").status_code == 403
    assert client.get("/api/gemeenten/").json() == [
        {"code": "0505", "naam": "Dordrecht", "jeugdregio": "Zuid-Holland Zuid"}
    ]


def test_a_year_outside_the_data_is_refused_with_a_clear_message(als, geladen):
    from passend.web import analysedata

    d = analysedata.dekking()
    assert d.jaren() == [2025, 2024]  # the test messages run from 2024 into 2025
    analist = als("analist")
    antwoord = analist.get("/analyse/transitie/?jaar=2030")
    assert antwoord.status_code == 400
    pagina = antwoord.content.decode()
    assert 'id="jaar-fout"' in pagina and "Het jaar 2030 valt buiten de gegevens" in pagina
    assert '<option value="2019"' not in pagina  # only years inside the data are offered
    api = analist.get("/api/transitie/?jaar=2030")
    assert api.status_code == 400 and "2030 valt buiten de gegevens" in api.json()["detail"]
    assert analist.get("/analyse/markt/?jaar=abc").status_code == 400


def test_an_incomplete_year_is_marked_voorlopig_and_never_the_default(als, geladen):
    from passend.web import analysedata

    d = analysedata.dekking()
    analist = als("analist")
    # Cohort 2024 needs data up to 2025-12-31; these data stop earlier: voorlopig.
    assert not d.cohort_volledig(2024)
    pagina = analist.get("/analyse/transitie/?jaar=2024").content.decode()
    assert 'id="voorlopig"' in pagina and "2025-12-31" in pagina
    assert "2024 (voorlopig)" in pagina
    api = analist.get("/api/transitie/?jaar=2024").json()
    assert api["volledig"] is False and "2025-12-31" in api["voorlopig"]
    dekking = api["rapporttabellen"]["dekking"]
    assert dekking["volledig"] is False and dekking["nodig_tot"] == "2025-12-31"


def test_the_default_year_is_the_newest_complete_one(als, geladen, monkeypatch):
    from datetime import date

    from passend.analysis.dekking import Dekking
    from passend.web import analysedata

    # As for data of 2021-2025: cohort 2024 and calendar year 2025 are the newest complete.
    monkeypatch.setattr(
        analysedata, "dekking", lambda: Dekking(date(2021, 1, 1), date(2025, 12, 31))
    )
    analist = als("analist")
    assert analist.get("/api/transitie/").json()["jaar"] == 2024
    assert analist.get("/api/markt/").json()["jaar"] == 2025
    assert analist.get("/api/kerncijfers/").json()["jaar"] == 2024  # its key figures: a cohort
    pagina = analist.get("/analyse/transitie/").content.decode()
    assert "2025 (voorlopig)" in pagina and "2024 (voorlopig)" not in pagina


def _specs(html: str) -> list[str]:
    return re.findall(
        r'<script id="spec-[\w-]+" type="application/json">(.*?)</script>', html, re.S
    )


def test_a_pages_charts_are_built_once_per_data_version_and_view(als, geladen, monkeypatch):
    from passend.web import analysedata
    from passend.web.paginas import register

    gebouwd = []
    echt = register.webgrafieken

    def tel(rapport, tabellen, **opties):
        gebouwd.append((rapport, opties["openbaar"]))
        return echt(rapport, tabellen, **opties)

    monkeypatch.setattr(register, "webgrafieken", tel)
    pagina = "/analyse/transitie/?jaar=2024"
    eerste = _specs(als("analist").get(pagina).content.decode())
    assert eerste and gebouwd == [("transitie", False)]
    assert _specs(als("analist").get(pagina).content.decode()) == eerste  # from the cache
    assert gebouwd == [("transitie", False)]
    publiek = _specs(als("beheerder").get(pagina).content.decode())  # suppressed: its own
    assert gebouwd == [("transitie", False), ("transitie", True)] and publiek != eerste
    # New data: built again.
    monkeypatch.setattr(analysedata.BRON, "versie", lambda: "een nieuwe gegevensversie")
    assert _specs(als("analist").get(pagina).content.decode()) == eerste
    assert gebouwd[-1] == ("transitie", False) and len(gebouwd) == 3
