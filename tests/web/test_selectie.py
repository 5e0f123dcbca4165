"""The provider selection pages (docs/contractering.md, Selectie): the method and the weights
are fixed when a tender is created, the beoordelingscommissie enters its scores, the page
ranks them as the hand-scored example does, and the gunningsadvies is a PDF with that
ranking. A method that only weighs price is refused; readers cannot score."""

from __future__ import annotations

import subprocess

import pytest

from passend.contracten.models import Aanbesteding

pytestmark = pytest.mark.django_db

METHODE = {
    "gebied": "Zuid-Holland Zuid",
    "titel": "Segment 4A: ambulante jeugdhulp",
    "methode": "gewogen_factor",
    "schaal": "10",
    "prijsgewicht": "40",
    "pmax": "100",
    "pmin": "60",
    "code-1": "K1",
    "naam-1": "Plan van aanpak",
    "waarde-1": "35",
    "code-2": "K2",
    "naam-2": "Samenwerking in de wijk",
    "waarde-2": "25",
}
#: The hand-scored tender of docs/contractering.md: A 0.63, B 0.66, C 0.65.
SCORES = {
    "rijen": "4",
    **{f"aanbieder-{i}": a for i, a in enumerate("ABC")},
    **{f"prijs-{i}": p for i, p in enumerate(("80", "70", "95"))},
    **{f"score-{i}-K1": s for i, s in enumerate(("8", "6", "10"))},
    **{f"score-{i}-K2": s for i, s in enumerate(("6", "6", "10"))},
}


def _rangorde(pagina: str) -> list[str]:
    deel = pagina[
        pagina.index('id="rangorde"') : pagina.index("</table>", pagina.index('id="rangorde"'))
    ]
    return [r.split("</th>")[0].split(">")[-1] for r in deel.split('<th scope="row">')[1:]]


def test_the_commissie_scores_a_tender_and_gets_the_ranking_and_the_advice(als, gebruikers):
    client = als("contract")
    pagina = client.post("/contracten/selectie/", METHODE, follow=True).content.decode()
    assert "Methode en gewichten zijn vastgelegd" in pagina
    a = Aanbesteding.objects.get()
    assert a.methode["prijsgewicht"] == "0.4" and a.methode["pmax"] == "100"
    assert [c["gewicht"] for c in a.methode["criteria"]] == ["0.35", "0.25"]
    assert "vastgesteld_op" in a.methode
    url = f"/contracten/selectie/{a.pk}/"
    pagina = client.post(url, SCORES, follow=True).content.decode()
    assert "De scores zijn opgeslagen" in pagina
    assert _rangorde(pagina) == ["B", "C", "A"]
    assert "0,660" in pagina and "0,650" in pagina and "0,630" in pagina
    a.refresh_from_db()
    assert all(b["beoordeeld_op"] >= a.methode["vastgesteld_op"] for b in a.inschrijvingen)
    # a bid above Pmax is invalid and ranks last without a rank
    pagina = client.post(
        url,
        {**SCORES, "aanbieder-3": "D", "prijs-3": "105", "score-3-K1": "10", "score-3-K2": "10"},
        follow=True,
    ).content.decode()
    assert (
        _rangorde(pagina) == ["B", "C", "A", "D"] and "boven de vooraf vastgestelde Pmax" in pagina
    )
    antwoord = client.get(url + "?document=pdf")
    assert antwoord["Content-Type"] == "application/pdf" and antwoord.content[:5] == b"%PDF-"
    tekst = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=antwoord.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Segment 4A: ambulante jeugdhulp" in tekst and "Plan van aanpak" in tekst
    assert tekst.index(" B ") < tekst.index(" C ") < tekst.index(" A ")
    # the API gives the same ranking
    api = client.get(f"/api/contracten/selectie/{a.pk}/").json()
    assert [u["aanbieder"] for u in api["rangorde"]] == ["B", "C", "A", "D"]
    assert api["rangorde"][0]["totaal"] == pytest.approx(0.66)
    lijst = client.get("/api/contracten/selectie/?gebied=Zuid-Holland+Zuid").json()
    assert [x["titel"] for x in lijst["aanbestedingen"]] == ["Segment 4A: ambulante jeugdhulp"]
    assert als("beleid").get(f"/api/contracten/selectie/{a.pk}/").status_code == 404
    # the list of the area's tenders links to it
    lijst = client.get("/contracten/selectie/?gebied=Zuid-Holland+Zuid").content.decode()
    assert f'href="{url}"' in lijst and "Gewogen factor" in lijst


def test_price_only_and_missing_scores_are_refused_with_a_reason(als, gebruikers):
    client = als("contract")
    alleen_prijs = {**METHODE, "prijsgewicht": "100", "waarde-1": "0", "waarde-2": "0"}
    pagina = client.post("/contracten/selectie/", alleen_prijs, follow=True).content.decode()
    assert "Niet vastgelegd" in pagina and "100% prijs" in pagina
    zonder_criteria = {
        k: v for k, v in METHODE.items() if not k.startswith(("code", "naam", "waarde"))
    }
    pagina = client.post("/contracten/selectie/", zonder_criteria, follow=True).content.decode()
    assert "Zonder kwaliteitscriteria mag niet worden gegund" in pagina
    assert not Aanbesteding.objects.exists()
    client.post("/contracten/selectie/", METHODE)
    a = Aanbesteding.objects.get()
    url = f"/contracten/selectie/{a.pk}/"
    pagina = client.post(url, {**SCORES, "score-1-K2": ""}, follow=True).content.decode()
    assert "Niet opgeslagen: B: vul de score op K2 in." in pagina
    pagina = client.post(url, {**SCORES, "score-1-K2": "11"}, follow=True).content.decode()
    assert "ligt niet tussen 0 en 10" in pagina
    a.refresh_from_db()
    assert a.inschrijvingen == []  # nothing half stored


def test_gunnen_op_waarde_ranks_by_fictitious_price(als, gebruikers):
    client = als("contract")
    waarde = {**METHODE, "methode": "gunnen_op_waarde", "waarde-1": "20", "waarde-2": "10"}
    client.post("/contracten/selectie/", waarde)
    a = Aanbesteding.objects.get()
    # A: 80 - 20*0.8 - 10*0.6 = 58; B: 70 - 12 - 6 = 52; C: 95 - 20 - 10 = 65
    pagina = client.post(f"/contracten/selectie/{a.pk}/", SCORES, follow=True).content.decode()
    assert _rangorde(pagina) == ["B", "A", "C"] and "€ 52,00" in pagina


def test_readers_cannot_create_or_score_and_other_regions_are_hidden(als, gebruikers):
    als("contract").post("/contracten/selectie/", METHODE)
    a = Aanbesteding.objects.get()
    lezer = als("beleid")  # gemeente 0505: reads contracts, may not edit them
    assert lezer.post("/contracten/selectie/", {**METHODE, "gebied": "0505"}).status_code == 404
    assert lezer.get(f"/contracten/selectie/{a.pk}/").status_code == 404  # the region's
    Aanbesteding.objects.filter(pk=a.pk).update(gebied="0505")
    pagina = lezer.get(f"/contracten/selectie/{a.pk}/").content.decode()
    assert "Rangorde" in pagina and "scores-formulier" not in pagina
    assert lezer.post(f"/contracten/selectie/{a.pk}/", SCORES).status_code == 404
    assert als("raad").get("/contracten/selectie/").status_code == 403


def test_open_house_admission_with_evidence(als, gebruikers):
    from passend.contracten.models import Toelating

    client = als("contract")
    eisen = {
        "gebied": "Zuid-Holland Zuid",
        "actie": "toelating",
        "titel": "Open House 4A",
        "eis-code-1": "G1",
        "eis-soort-1": "geschiktheid",
        "eis-omschrijving-1": "Inschrijving Kamer van Koophandel",
        "eis-code-2": "K1",
        "eis-soort-2": "kwaliteit",
        "eis-omschrijving-2": "Kwaliteitskader Jeugd",
    }
    pagina = client.post("/contracten/selectie/", eisen, follow=True).content.decode()
    assert "De eisen zijn vastgelegd" in pagina
    t = Toelating.objects.get()
    url = f"/contracten/selectie/open-house/{t.pk}/"
    oordelen = {
        "rijen": "3",
        "aanbieder-0": "Aanbieder A",
        "voldaan-0-G1": "ja",
        "toelichting-0-G1": "KvK 123",
        "voldaan-0-K1": "ja",
        "toelichting-0-K1": "HKZ-certificaat",
        "aanbieder-1": "Aanbieder B",
        "voldaan-1-G1": "ja",
        "toelichting-1-K1": "geen certificaat",
    }
    pagina = client.post(url, oordelen, follow=True).content.decode()
    assert "De oordelen zijn opgeslagen" in pagina
    uitslag = pagina[pagina.index('id="toelatingsuitslag"') :]
    a = uitslag[uitslag.index("Aanbieder A") : uitslag.index("</tr>", uitslag.index("Aanbieder A"))]
    b = uitslag[uitslag.index("Aanbieder B") : uitslag.index("</tr>", uitslag.index("Aanbieder B"))]
    assert "<td>ja</td>" in a and "<td>nee</td>" in b and "K1: geen certificaat" in b
    t.refresh_from_db()
    assert t.beoordelingen["Aanbieder A"]["K1"] == {
        "voldaan": True,
        "toelichting": "HKZ-certificaat",
    }
    # the form keeps the verdicts
    assert 'id="f-voldaan-0-K1" value="ja" checked' in pagina
    # no eis, or a code twice: refused with the reason
    pagina = client.post(
        "/contracten/selectie/", {**eisen, "eis-code-2": "G1"}, follow=True
    ).content.decode()
    assert "Elke eis heeft een eigen code" in pagina
    assert Toelating.objects.count() == 1
    lezer = als("beleid")
    assert lezer.get(url).status_code == 404  # the region's, outside gemeente 0505
    assert lezer.post(url, oordelen).status_code == 404
