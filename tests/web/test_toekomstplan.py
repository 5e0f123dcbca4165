"""The toekomstplan register and its figures on the web: the editor with the import's rules
(BSN checked and pseudonymised, never shown), scope, the cohort page and the per-youth list.

The test data (tests/web/gegevens.py): youth A in Dordrecht born 2006-12-31 (17½ on
2024-06-30, jeugdhulp by aanbieder 12345678 in 2024), youth C in Alblasserdam born 2006-03-01;
both in cohort 2024 of Zuid-Holland Zuid.
"""

from __future__ import annotations

import pytest

from passend.accounts.models import AuditRegel
from passend.care.models import Client, Toekomstplan
from tests import berichten as b

pytestmark = pytest.mark.django_db

ZEVEN = ["leren", "werken", "vrije_tijd", "netwerk", "wonen", "financien", "zorg"]


def _plan(**wijzig):
    return {
        "bsn": b.BSN_A,
        "gemeente": "0505",
        "datum_plan": "2024-06-30",
        "regiehouder_rol": "wijkteam",
        "datum_overdracht_gestart": "2024-07-01",
        "domeinen": ZEVEN,
        **wijzig,
    }


def test_a_plan_entered_by_bsn_is_stored_under_the_pseudonym_only(als, geladen):
    analist = als("analist")
    antwoord = analist.post("/toekomstplannen/nieuw/", _plan())
    assert antwoord.status_code == 302
    plan = Toekomstplan.objects.get()
    assert plan.pseudoniem == Client.objects.get(gemeente_id="0505").pseudoniem
    assert plan.domeinlijst == ZEVEN and plan.gewijzigd_door == "analist"
    assert AuditRegel.objects.filter(object=f"toekomstplan {plan.pk}", actie="beheer").exists()
    pagina = analist.get(antwoord["Location"]).content.decode()
    assert b.BSN_A not in pagina and plan.pseudoniem[:12] in pagina
    lijst = analist.get("/toekomstplannen/").content.decode()
    assert plan.pseudoniem[:12] in lijst and b.BSN_A not in lijst
    # searching by BSN is a POST, so that the BSN never reaches a URL (or the audit log)
    gezocht = analist.post("/toekomstplannen/", {"bsn": b.BSN_A}).content.decode()
    assert plan.pseudoniem[:12] in gezocht and b.BSN_A not in gezocht
    anders = analist.post("/toekomstplannen/", {"bsn": b.BSN_C}).content.decode()
    assert plan.pseudoniem[:12] not in anders
    assert not AuditRegel.objects.filter(object__contains=b.BSN_A).exists()


def test_the_editor_refuses_what_the_import_quarantines(als, geladen):
    analist = als("analist")
    fout = analist.post("/toekomstplannen/nieuw/", _plan(bsn=b.FOUT_BSN))
    tekst = fout.content.decode()
    assert fout.status_code == 400 and "elfproef" in tekst and b.FOUT_BSN not in tekst
    buiten = analist.post("/toekomstplannen/nieuw/", _plan(gemeente="0363"))
    assert buiten.status_code == 400  # Amsterdam is not a choice for a ZHZ analyst
    agb = analist.post("/toekomstplannen/nieuw/", _plan(regiehouder_agb="Jansen"))
    assert agb.status_code == 400 and "8 cijfers" in agb.content.decode()
    assert not Toekomstplan.objects.exists()


def test_correcting_and_removing_a_plan(als, geladen):
    analist = als("analist")
    analist.post("/toekomstplannen/nieuw/", _plan())
    plan = Toekomstplan.objects.get()
    url = f"/toekomstplannen/plan/{plan.pk}/"
    # the key (BSN, gemeente, date) is fixed: only the other fields change
    antwoord = analist.post(url, {"regiehouder_agb": b.AGB, "domeinen": ["wonen", "inkomen"]})
    assert antwoord.status_code == 302
    plan.refresh_from_db()
    assert (plan.regiehouder_agb, plan.domeinen, str(plan.datum_plan)) == (
        b.AGB,
        "wonen,inkomen",
        "2024-06-30",
    )
    assert analist.post(url, {"verwijderen": "1"}).status_code == 302
    assert not Toekomstplan.objects.exists()


def test_a_plan_outside_the_scope_is_not_found(als, geladen):
    client = Client.objects.get(gemeente_id="0363")
    plan = Toekomstplan.objects.create(
        pseudoniem=client.pseudoniem, gemeente_id="0363", datum_plan="2024-01-01"
    )
    assert als("analist").get(f"/toekomstplannen/plan/{plan.pk}/").status_code == 404
    assert client.pseudoniem[:12] not in als("analist").get("/toekomstplannen/").content.decode()


def test_the_cohort_page_counts_the_plan_and_suppresses_for_the_public(als, geladen):
    als("analist").post("/toekomstplannen/nieuw/", _plan())  # exactly 17½: in time
    tekst = als("analist").get("/analyse/toekomstplan/?jaar=2024").content.decode()
    assert "Toekomstplan op 17½" in tekst and "50,0%" in tekst  # A of A and C
    # the contractmanager sees the page suppressed (two youths)
    contract = als("contract").get("/analyse/toekomstplan/?jaar=2024")
    assert contract.status_code == 200 and "&lt;5" in contract.content.decode()
    assert "50,0%" not in contract.content.decode()


def test_the_per_youth_list_of_one_aanbieder_puts_the_missing_plans_first(als, geladen):
    analist = als("analist")
    analist.post("/toekomstplannen/nieuw/", _plan(datum_plan="2024-07-01"))  # a day late
    a = Client.objects.get(gemeente_id="0505").pseudoniem[:12]
    tekst = analist.get(f"/analyse/toekomstplan/jongeren/?jaar=2024&aanbieder={b.AGB}")
    assert tekst.status_code == 200 and a in tekst.content.decode()
    assert als("contract").get("/analyse/toekomstplan/jongeren/?jaar=2024").status_code == 403
    api = analist.get("/api/toekomstplan/jongeren/?jaar=2024").json()
    rijen = api["rapporttabellen"]["plan_gevallen"]
    assert [r["met_toekomstplan_17_5"] for r in rijen] == [False, False]
    assert api["rapporttabellen"]["plan_samenvatting"][0]["met_toekomstplan"] == 1
