"""Permission matrix: every URL of the URL conf x every role x in/out-of-scope gemeente.

The URL list is generated from the URL conf, and every named route must appear in TOEGANG,
so a new page cannot escape this test. Every response body (pages, JSON, CSV exports) is
also checked: no BSN or name ever, no pseudonym for roles without client-level access, and
never a pseudonym of a client outside the user's scope.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests import berichten as b
from tests.web.gegevens import GEHEIMEN

pytestmark = pytest.mark.django_db

ROLLEN = ("beheerder", "analist", "beleid", "contract", "raad")
ALLE = frozenset(ROLLEN)
ANALYSE = frozenset({"beheerder", "analist", "beleid"})
MARKT = ANALYSE | {"contract"}
BEHEER = frozenset({"beheerder"})
#: The draft inkoopstrategie: editors, and the contractmanager reads along (not the raad).
PLANNING_BEWERKEN = ANALYSE
PLANNING = MARKT
CONTRACTEN_BEWERKEN = frozenset({"beheerder", "analist", "contract"})

#: url name -> (roles allowed, status for an allowed GET); everyone else gets 403.
TOEGANG: dict[str, tuple[frozenset[str], int]] = {
    "start": (ALLE, 200),
    "gezond": (ALLE, 200),
    "account": (ALLE, 200),
    "login": (ALLE, 302),  # already logged in: redirected onwards
    "logout": (ALLE, 405),  # POST only
    "wachtwoord": (ALLE, 200),
    "wachtwoord-gewijzigd": (ALLE, 200),
    "mfa-instellen": (ALLE, 200),
    "mfa-verifieren": (ALLE, 302),  # no TOTP set up: nothing to verify
    "mfa-uitschakelen": (ALLE, 200),
    "token-vernieuwen": (ALLE, 405),
    "token-intrekken": (ALLE, 405),
    "set_language": (ALLE, 302),
    "import": (BEHEER, 200),
    "import-taak": (BEHEER, 200),
    "import-taak-status": (BEHEER, 200),
    "batches": (BEHEER, 200),
    "batch": (BEHEER, 200),
    "quarantaine": (BEHEER, 200),
    "quarantaine-record": (BEHEER, 200),
    "kerncijfers": (MARKT, 200),
    "transitie": (ANALYSE, 200),
    "transitie-gevallen": (frozenset({"analist"}), 200),
    "wmo-instroom": (ANALYSE, 200),
    "markt": (MARKT, 200),
    "aanbieder": (MARKT, 200),
    "knelpunten": (MARKT, 200),
    "benchmark": (ANALYSE, 200),
    "toekomstplan": (MARKT, 200),
    "toekomstplan-jongeren": (frozenset({"analist"}), 200),
    "toekomstplannen": (frozenset({"analist"}), 200),
    "toekomstplan-nieuw": (frozenset({"analist"}), 200),
    "toekomstplan-plan": (frozenset({"analist"}), 200),
    "zelfredzaamheid": (MARKT, 200),
    "planning": (PLANNING, 200),
    "planning-segmentmodellen": (PLANNING, 200),
    "planning-segmentmodel": (PLANNING, 200),
    "planning-segmentmodel-activeren": (PLANNING_BEWERKEN, 405),
    "planning-ambities": (PLANNING, 200),
    "planning-ambities-voorbeeld": (PLANNING_BEWERKEN, 405),
    "planning-indicatoren": (PLANNING, 200),
    "planning-metingen": (PLANNING, 200),
    "planning-monitor": (PLANNING, 200),
    "planning-strategie": (PLANNING, 200),
    "planning-segment": (PLANNING, 200),
    "planning-afwijken": (PLANNING_BEWERKEN, 405),
    "planning-scenarios": (PLANNING, 200),
    "planning-scenario-nieuw": (PLANNING_BEWERKEN, 200),
    "planning-budget": (PLANNING, 200),
    "planning-scenarios-document": (PLANNING_BEWERKEN, 405),
    "planning-vergelijking": (PLANNING, 200),
    "planning-scenario": (PLANNING, 200),
    "planning-scenario-doorrekenen": (PLANNING_BEWERKEN, 405),
    "planning-document-pdf": (PLANNING, 200),
    "planning-document-excel": (PLANNING, 200),
    "planning-document-ocds": (PLANNING, 200),
    "contracten": (MARKT, 200),
    "contract-nieuw": (CONTRACTEN_BEWERKEN, 200),
    "contract-controle": (MARKT, 200),
    "contract-bestedingsruimte": (MARKT, 200),
    "contract-tarieven": (MARKT, 200),
    "contract-landschap": (MARKT, 200),
    "contract-selectie": (MARKT, 200),
    "contract-aanbesteding": (MARKT, 200),
    "contract-toelating": (MARKT, 200),
    "contract": (MARKT, 200),
    "rapporten": (ALLE, 200),
    "rapport-publiceren": (ANALYSE, 405),
    "rapport-raadsrapportage": (ANALYSE, 405),
    "rapport": (ALLE, 200),
    "gebruikers": (BEHEER, 200),
    "gebruiker-nieuw": (BEHEER, 200),
    "gebruiker": (BEHEER, 200),
    "gebruiker-mfa-resetten": (BEHEER, 405),
    "auditlog": (BEHEER, 200),
    "instellingen": (BEHEER, 200),
    "blokkade-opheffen": (BEHEER, 405),
    "api-schema": (ALLE, 200),
    "api-docs": (ALLE, 200),
    "api-gemeenten": (ALLE, 200),
    "api-kerncijfers": (MARKT, 200),
    "api-transitie": (ANALYSE, 200),
    "api-transitie-gevallen": (frozenset({"analist"}), 200),
    "api-wmo-instroom": (ANALYSE, 200),
    "api-markt": (MARKT, 200),
    "api-aanbieder": (MARKT, 200),
    "api-knelpunten": (MARKT, 200),
    "api-benchmark": (ANALYSE, 200),
    "api-toekomstplan": (MARKT, 200),
    "api-toekomstplan-jongeren": (frozenset({"analist"}), 200),
    "api-zelfredzaamheid": (MARKT, 200),
    "api-contracten": (MARKT, 200),
    "api-contract": (MARKT, 200),
    "api-contract-controle": (MARKT, 200),
    "api-landschap": (MARKT, 404),  # no run for the user's first area: not found
    "api-selectie": (MARKT, 200),
    "api-aanbesteding": (MARKT, 200),
    "api-monitor-bestedingsruimte": (MARKT, 200),
    "api-monitor-aanbieders": (MARKT, 200),
    "api-rapporten": (ALLE, 200),
    "api-rapport": (ALLE, 200),
    "api-batches": (BEHEER, 200),
    "api-quarantaine": (BEHEER, 200),
}
#: Pages that do not need a login.
OPENBAAR = {"login", "logout", "set_language", "gezond"}
#: Routes that take ?gemeente= and must refuse one outside the user's scope.
MET_GEMEENTE = {
    "kerncijfers",
    "transitie",
    "transitie-gevallen",
    "wmo-instroom",
    "markt",
    "aanbieder",
    "knelpunten",
    "benchmark",
    "toekomstplan",
    "toekomstplan-jongeren",
    "zelfredzaamheid",
    "api-kerncijfers",
    "api-transitie",
    "api-transitie-gevallen",
    "api-wmo-instroom",
    "api-markt",
    "api-aanbieder",
    "api-knelpunten",
    "api-benchmark",
    "api-toekomstplan",
    "api-toekomstplan-jongeren",
    "api-zelfredzaamheid",
    "api-monitor-aanbieders",
}
#: A gemeente outside each user's scope (Amsterdam; for the Dordrecht user also Alblasserdam).
BUITEN = {
    "beheerder": ["0363"],
    "analist": ["0363"],
    "beleid": ["0363", "0482"],
    "contract": ["0363"],
    "raad": ["0363"],
}
BINNEN = "0505"


def _routes(patronen: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    """(name, route with converters) of every URL pattern, admin excepted."""
    uit = []
    for p in patronen:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if route.startswith("admin/"):
                continue
            uit += _routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            uit.append((p.name or f"<naamloos:{route}>", route))
    return uit


def _voorbeelden() -> dict[str, str]:
    from passend.imports.models import ImportBatch, QuarantineRecord
    from passend.web.models import GepubliceerdRapport, ImportTaak

    taak = ImportTaak.objects.create(gebruiker="beheerder", status="klaar")
    planning = _planning_voorbeelden()
    rapport = GepubliceerdRapport.objects.create(
        titel="Test", soort="kerncijfers", gemeenten=["0505"], inhoud={}, gepubliceerd_door="x"
    )
    return {
        "taak_id": str(taak.pk),
        "batch_id": str(ImportBatch.objects.first().pk),
        "record_id": str(QuarantineRecord.objects.first().pk),
        "agb": b.AGB,
        "username": "analist",
        "rapport_id": str(rapport.pk),
        **planning,
    }


def _planning_voorbeelden() -> dict[str, str]:
    """Planning objects of Dordrecht (0505): inside every test user's scope."""
    from datetime import date

    from passend.analysis.segmentatie import Segmentatie
    from passend.planning import models as pm

    model = pm.Segmentmodel.objects.create(
        gebied="0505", naam="Test", definitie=Segmentatie.standaard().als_dict()
    )
    kader = pm.Ambitiekader.objects.create(gebied="0505", visie="Visie")
    ambitie = pm.Ambitie.objects.create(
        kader=kader, doelgroep="18-23", titel="Ambitie", principes=["doorgaande_lijnen"]
    )
    indicator = pm.Indicator.objects.create(
        ambitie=ambitie,
        code="plan",
        naam="Plan",
        bron="handmatig",
        richting="hoger",
        eenheid="aandeel",
        basisjaar=2024,
        basiswaarde=0.4,
        streefwaarde=0.9,
        streefdatum=date(2029, 12, 31),
    )
    scenario = pm.Scenario.objects.create(gebied="0505", naam="Scenario")
    _contract_voorbeeld()
    aanbesteding, toelating = _selectie_voorbeelden()
    plan = _toekomstplan_voorbeeld()
    return {
        "nummer": "DOR-2025/1",
        "model_id": str(model.pk),
        "ambitie_id": str(ambitie.pk),
        "indicator_id": str(indicator.pk),
        "scenario_id": str(scenario.pk),
        "segment": "4A",
        "plan_id": str(plan),
        "aanbesteding_id": str(aanbesteding),
        "toelating_id": str(toelating),
    }


def _selectie_voorbeelden() -> tuple[int, int]:
    """A tender and an Open House round of Dordrecht (0505)."""
    from passend.contracten.aanbestedingen import nieuwe_aanbesteding, nieuwe_toelating

    methode = {
        "methode": "gunnen_op_waarde",
        "criteria": [{"code": "K1", "naam": "Kwaliteit", "waarde_euro": "10"}],
    }
    aanbesteding = nieuwe_aanbesteding("0505", "Aanbesteding", methode, "x")
    eis = {"code": "G1", "soort": "geschiktheid", "omschrijving": "KvK"}
    return aanbesteding.pk, nieuwe_toelating("0505", "Toelating", [eis], "x").pk


def _toekomstplan_voorbeeld() -> int:
    """A plan of the Dordrecht test client (0505)."""
    from datetime import date

    from passend.care.models import Client, Toekomstplan

    client = Client.objects.get(gemeente_id="0505")
    plan = Toekomstplan.objects.create(
        pseudoniem=client.pseudoniem, gemeente_id="0505", datum_plan=date(2024, 1, 1)
    )
    return plan.pk


def _contract_voorbeeld() -> None:
    from datetime import date

    from passend.care.models import Aanbieder
    from passend.contracten.models import Contract, Contractpartij

    aanbieder = Aanbieder.objects.get_or_create(agb_code=b.AGB)[0]
    contract = Contract.objects.create(
        contractnummer="DOR-2025/1",
        hoofdaannemer=aanbieder,
        gemeente_id="0505",
        domein="jeugd",
        segment="4A",
        uitvoeringsvariant="inspanningsgericht",
        ingangsdatum=date(2025, 1, 1),
    )
    Contractpartij.objects.create(contract=contract, aanbieder=aanbieder, rol="hoofdaannemer")


def _url(route: str, voorbeelden: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: voorbeelden[m.group(1)], route)


def _pseudoniemen() -> dict[str, str]:
    """gemeente code -> the pseudonym of that test client."""
    from passend.care.models import Client

    return {c.gemeente_id: c.pseudoniem for c in Client.objects.all()}


def _controleer_inhoud(tekst: str, rol: str, pseudoniemen: dict[str, str], waar: str) -> None:
    for geheim in GEHEIMEN:
        assert geheim not in tekst, f"{waar}: BSN of naam {geheim} in de uitvoer"
    for gemeente, pseudoniem in pseudoniemen.items():
        zichtbaar = pseudoniem[:12] in tekst
        mag = rol == "analist" and gemeente != "0363"
        assert mag or not zichtbaar, f"{waar}: pseudoniem van een cliënt uit {gemeente}"


def test_every_route_is_in_the_matrix():
    namen = {naam for naam, _ in _routes(get_resolver().url_patterns)}
    assert namen == set(TOEGANG), (
        f"Nieuwe of verdwenen routes: {sorted(namen ^ set(TOEGANG))}. Zet ze in TOEGANG."
    )


def test_anonymous_users_are_sent_to_login_or_refused(client, geladen, gebruikers):
    voorbeelden = _voorbeelden()
    for naam, route in _routes(get_resolver().url_patterns):
        antwoord = client.get(_url(route, voorbeelden))
        if naam in OPENBAAR:
            assert antwoord.status_code in (200, 302, 405), naam
        elif naam.startswith("api-") and naam != "api-docs":  # the docs page: to the login
            assert antwoord.status_code in (401, 403), naam
        else:
            assert antwoord.status_code == 302, naam
            assert antwoord["Location"].startswith("/account/inloggen/"), naam


@pytest.mark.parametrize("rol", ROLLEN)
def test_permission_matrix(rol, als, geladen):
    client = als(rol)
    voorbeelden = _voorbeelden()
    pseudoniemen = _pseudoniemen()
    for naam, route in _routes(get_resolver().url_patterns):
        url = _url(route, voorbeelden)
        toegestaan, status = TOEGANG[naam]
        verwacht = status if rol in toegestaan else 403
        if naam == "start" and rol == "raad":
            verwacht = 302
        antwoord = client.get(url)
        assert antwoord.status_code == verwacht, f"{rol} {url}: {antwoord.status_code}"
        _controleer_inhoud(antwoord.content.decode(errors="replace"), rol, pseudoniemen, url)
        if naam in MET_GEMEENTE and rol in toegestaan:
            _scope(client, url, rol, pseudoniemen)


def _scope(client: Any, url: str, rol: str, pseudoniemen: dict[str, str]) -> None:
    binnen = client.get(f"{url}?gemeente={BINNEN}")
    assert binnen.status_code == 200, f"{rol} {url} binnen bereik: {binnen.status_code}"
    _controleer_inhoud(binnen.content.decode(), rol, pseudoniemen, url)
    for buiten in BUITEN[rol]:
        assert client.get(f"{url}?gemeente={buiten}").status_code == 403, f"{rol} {url} {buiten}"


@pytest.mark.parametrize("rol", ["beheerder", "analist", "beleid", "contract"])
def test_exports_respect_scope_and_suppression(rol, als, geladen):
    """Every table of every analysis page, as CSV, for every role that may open it."""
    from passend.web.paginas.register import PAGINAS

    client = als(rol)
    pseudoniemen = _pseudoniemen()
    paginas = [f"/analyse/{naam}/" for naam in PAGINAS]
    paginas.append("/analyse/transitie/gevallen/")
    for url in paginas:
        pagina_antwoord = client.get(url + "?jaar=2024")
        if pagina_antwoord.status_code == 403:
            continue
        for tabel_id in re.findall(r'id="tabel-([\w-]+)"', pagina_antwoord.content.decode()):
            csv = client.get(f"{url}?jaar=2024&export={tabel_id}&formaat=csv")
            assert csv.status_code == 200, (rol, url, tabel_id)
            _controleer_inhoud(csv.content.decode("utf-8-sig"), rol, pseudoniemen, url + tabel_id)


def test_other_region_analyst_sees_nothing_of_zuid_holland_zuid(db, geladen, client):
    from passend.accounts.beheer import zet_gebruiker

    profiel = zet_gebruiker("ams", "regio-analist", regio="Amsterdam-Amstelland")
    client.force_login(profiel.gebruiker)
    pseudoniemen = _pseudoniemen()
    html = client.get("/analyse/transitie/gevallen/?jaar=2024").content.decode()
    assert pseudoniemen["0363"][:12] in html
    assert pseudoniemen["0505"][:12] not in html and pseudoniemen["0482"][:12] not in html
    assert client.get("/analyse/transitie/?gemeente=0505").status_code == 403


def test_the_footer_api_link_sends_a_visitor_to_the_login_not_to_raw_json(client, db):
    login = client.get("/account/inloggen/").content.decode()
    assert 'href="/api/docs/"' in login
    antwoord = client.get("/api/docs/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/account/inloggen/?next=/api/docs/"
    assert client.get("/api/transitie/").status_code in (401, 403)  # the API itself stays JSON
