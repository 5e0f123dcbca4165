"""One path per report: the web page, the API, ``passend analyse``, the Excel workbook and a
published raad report show the same registered report, with the same suppression.

Each analysis page is asked as the regio-analist (client-level access: not suppressed) and
as the beheerder (an aggregate role: suppressed), and everything is compared with what the
CLI prints for the same area, year and publicity. Each report runs on the handmade dataset
that fills it (tests/analysis/scenarios.py).
"""

from __future__ import annotations

import io
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from passend.analysis.kolommen import bladnaam, kolom
from passend.cli import main
from passend.web.paginas.register import PAGINAS

ZHZ = "Zuid-Holland Zuid"

pytestmark = pytest.mark.django_db

JAAR = 2024
#: Page -> the handmade dataset whose tables it fills.
RAPPORTPAGINAS = {
    "kerncijfers": "zorggebruik",
    "transitie": "transitie",
    "wmo-instroom": "transitie",
    "markt": "markt",
    "knelpunten": "markt",
    "benchmark": "zorggebruik",
}
ONDERDRUKT = ("<5", "x")


def _cli(*args: str) -> str:
    uitslag = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert uitslag.exit_code == 0, uitslag.output
    return uitslag.output


def _cli_args(pagina: str, publiek: bool) -> list[str]:
    p = PAGINAS[pagina]
    args = ["analyse", p.rapport, "--regio", ZHZ]
    if not p.alle_jaren:
        args += ["--jaar", str(JAAR)]
    return args + (["--publiek"] if publiek else [])


def _getal(waarde: Any) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _rijen(inhoud: Any) -> list[dict[str, Any]]:
    if isinstance(inhoud, dict):
        return [{"gegeven": k, "waarde": v} for k, v in inhoud.items()]
    return list(inhoud)


def _excel_klopt(pad: Path, tabellen: dict[str, Any]) -> int:
    """Every count, amount and suppressed cell of every table is in its sheet; returns how
    many cells were compared."""
    boek = openpyxl.load_workbook(pad)
    vergeleken = 0
    for tabel, inhoud in tabellen.items():
        rijen = _rijen(inhoud)
        blad = boek[bladnaam(tabel)]
        kop = [c.value for c in blad[1]]
        for i, rij in enumerate(rijen, start=2):
            for sleutel, waarde in rij.items():
                if isinstance(inhoud, dict) and sleutel == "gegeven":
                    continue
                k = kolom(rij["gegeven"] if isinstance(inhoud, dict) else sleutel, tabel)
                cel = blad.cell(
                    i,
                    kop.index(
                        k.label("nl")
                        if not isinstance(inhoud, dict)
                        else kolom("waarde", tabel).label("nl")
                    )
                    + 1,
                )
                if waarde in ONDERDRUKT:
                    assert cel.value == waarde, (tabel, sleutel)
                elif _getal(waarde):
                    verwacht = waarde / 100 if k.soort == "eurocent" else waarde
                    assert cel.value == pytest.approx(verwacht), (tabel, sleutel, i)
                else:
                    continue
                vergeleken += 1
    return vergeleken


def _getallen(rij: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in rij.items() if _getal(v) or v in ONDERDRUKT))


def _web_in_rapport(webtabellen: list[dict[str, Any]], tabellen: dict[str, Any]) -> None:
    """Every figure of every web table is a figure of its report table, row for row."""
    for web in webtabellen:
        naam = web["id"].replace("-", "_")
        assert naam in tabellen, web["id"]
        sleutels = [k["sleutel"] if isinstance(k, dict) else k[0] for k in web["kolommen"]]
        rapport = Counter(
            _getallen({k: r.get(k) for k in sleutels}) for r in _rijen_van(tabellen[naam])
        )
        for rij in web["rijen"]:
            getoond = _getallen(rij)
            assert rapport[getoond] > 0, (web["id"], rij)
            rapport[getoond] -= 1


def _rijen_van(inhoud: Any) -> list[dict[str, Any]]:
    return [inhoud] if isinstance(inhoud, dict) else list(inhoud)


def _laad(scenario: str, map_: Path) -> None:
    from tests.analysis.berichtenset import Berichtenset
    from tests.analysis.scenarios import SCENARIOS

    berichten = Berichtenset(map_)
    SCENARIOS[scenario](berichten)
    berichten.importeer()


@pytest.mark.parametrize("pagina", RAPPORTPAGINAS)
@pytest.mark.parametrize(("gebruiker", "publiek"), [("analist", False), ("beheerder", True)])
def test_page_api_cli_and_excel_show_the_same_report(pagina, gebruiker, publiek, als, tmp_path):
    _laad(RAPPORTPAGINAS[pagina], tmp_path / "berichten")
    client = als(gebruiker)
    api = client.get(f"/api/{pagina}/?jaar={JAAR}").json()
    assert api["onderdrukt"] is publiek and api["regio"] == ZHZ
    tabellen = api["rapporttabellen"]
    assert tabellen, pagina
    # The CLI prints exactly the report the API returns.
    cli = json.loads(_cli(*_cli_args(pagina, publiek), "--json"))
    assert cli == tabellen
    # The workbook holds the same figures.
    pad = tmp_path / "rapport.xlsx"
    _cli(*_cli_args(pagina, publiek), "--excel", str(pad))
    assert _excel_klopt(pad, tabellen) > 0
    # The page shows a choice of the same rows and figures, and its tables are those of the API.
    _web_in_rapport(api["tabellen"], tabellen)
    html = client.get(f"/analyse/{pagina}/?jaar={JAAR}").content.decode()
    for web in api["tabellen"]:
        assert f'id="tabel-{web["id"]}"' in html
    # A table's download holds the rows of its report table, every column.
    for web in api["tabellen"]:
        antwoord = client.get(f"/analyse/{pagina}/?jaar={JAAR}&export={web['id']}&formaat=xlsx")
        blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).active
        assert blad.max_row - 1 == len(web["rijen"]), web["id"]


def test_small_counts_differ_between_the_two_so_the_comparison_has_teeth(als, tmp_path):
    _laad("transitie", tmp_path)
    rauw = als("analist").get(f"/api/transitie/?jaar={JAAR}").json()["rapporttabellen"]
    publiek = als("beheerder").get(f"/api/transitie/?jaar={JAAR}").json()["rapporttabellen"]
    assert rauw != publiek
    assert any(v in ONDERDRUKT for r in publiek["per_gemeente"] for v in r.values())


def _als_lijsten(tabel: dict[str, Any]) -> dict[str, Any]:
    """A stored table in the API's shape (its columns as dicts)."""
    kolommen = [{"sleutel": k, "titel": t, "soort": s} for k, t, s in tabel["kolommen"]]
    return {**tabel, "kolommen": kolommen}


@pytest.mark.parametrize("pagina", RAPPORTPAGINAS)
def test_a_published_raad_report_holds_the_public_page(pagina, als, tmp_path):
    from passend.web.models import GepubliceerdRapport

    _laad(RAPPORTPAGINAS[pagina], tmp_path)
    antwoord = als("analist").post(
        "/rapporten/publiceren/",
        {"soort": pagina, "query": f"jaar={JAAR}", "titel": f"{pagina} voor de raad"},
    )
    assert antwoord.status_code == 302
    opgeslagen = GepubliceerdRapport.objects.get(soort=pagina)
    publiek = als("beheerder").get(f"/api/{pagina}/?jaar={JAAR}").json()
    assert [_als_lijsten(t) for t in opgeslagen.inhoud["tabellen"]] == publiek["tabellen"]
    assert als("raad").get(f"/rapporten/{opgeslagen.pk}/").status_code == 200
    _web_in_rapport(opgeslagen.inhoud["tabellen"], publiek["rapporttabellen"])


def _gelezen(tekst: str) -> Decimal | None:
    """A shown Dutch number read back (1.234,5 -> 1234.5; 27,3% -> 0.273), None for text."""
    kaal = tekst.replace("€", "").replace("%", "").replace(".", "").replace(",", ".").strip()
    try:
        getal = Decimal(kaal)
    except InvalidOperation:
        return None
    return getal / 100 if tekst.endswith("%") else getal


def _decimalen(tekst: str) -> int:
    kaal = tekst.rstrip("%")
    return len(kaal.split(",")[1]) if "," in kaal else 0


@pytest.mark.parametrize("pagina", RAPPORTPAGINAS)
def test_every_shown_number_is_its_json_value_rounded_half_up(pagina, als, tmp_path):
    """Each numeric cell of each page table, read back from the HTML, is the API's value
    rounded half up to the decimals shown (27,27…% shows as 27,3%, never truncated)."""
    from lxml import html as lxml_html

    _laad(RAPPORTPAGINAS[pagina], tmp_path / "berichten")
    client = als("analist")
    api = client.get(f"/api/{pagina}/?jaar={JAAR}").json()
    boom = lxml_html.fromstring(client.get(f"/analyse/{pagina}/?jaar={JAAR}").content)
    vergeleken = 0
    for web in api["tabellen"]:
        kolommen = [k["sleutel"] if isinstance(k, dict) else k[0] for k in web["kolommen"]]
        soorten = [k["soort"] if isinstance(k, dict) else k[2] for k in web["kolommen"]]
        (tabel,) = boom.xpath(f"//div[@id='tabel-{web['id']}']//table")
        getoond = [
            [c.text_content().strip() for c in tr.xpath("./th|./td")]
            for tr in tabel.xpath("./tbody/tr")
        ]
        if not web["rijen"]:
            assert getoond == [["Geen gegevens voor deze selectie."]], web["id"]
            continue
        assert len(getoond) == len(web["rijen"]), web["id"]
        for rij, cellen in zip(web["rijen"], getoond, strict=True):
            for sleutel, soort, tekst in zip(kolommen, soorten, cellen, strict=True):
                waarde = rij.get(sleutel)
                if soort in ("tekst", "datum", "jaartal") or not _getal(waarde):
                    continue
                exact = Decimal(repr(float(waarde))) / (100 if soort == "bedrag" else 1)
                stap = Decimal(1).scaleb(-_decimalen(tekst) - (2 if tekst.endswith("%") else 0))
                verwacht = exact.quantize(stap, rounding=ROUND_HALF_UP)
                assert _gelezen(tekst) == verwacht, (web["id"], sleutel, waarde, tekst)
                vergeleken += 1
    assert vergeleken > 0
