"""Accounts hardening (issue 9): a beheerder grants only scopes inside their own, TOTP is
required for beheerder and regio-analist, and one IP address cannot try many usernames."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.beheer import OngeldigeScope, zet_gebruiker
from passend.accounts.rollen import Rol
from tests.web.conftest import WACHTWOORD, ZHZ

pytestmark = pytest.mark.django_db

ANDERE_REGIO = "Holland-Rijnland"
LEIDEN = "0546"  # jeugdregio Holland Rijnland


@pytest.fixture
def regiobeheerder(gebruikers: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(gebruikers["beheerder"])  # beheerder of Zuid-Holland Zuid
    return client


def _nieuw(client: Client, **velden: Any):
    gegevens = {
        "username": "nieuw",
        "rol": Rol.REGIO_ANALIST.value,
        "actief": "on",
        "wachtwoord": "een-ander-lang-wachtwoord-9",
        **velden,
    }
    return client.post("/beheer/gebruikers/nieuw/", gegevens)


def _regio_pk(naam: str) -> int:
    from passend.reference.models import Jeugdregio

    return Jeugdregio.objects.get(naam=naam).pk


# -- scope of what a beheerder may grant ----------------------------------------------------
def test_a_regional_beheerder_cannot_grant_another_region(regiobeheerder):
    antwoord = _nieuw(regiobeheerder, jeugdregio=_regio_pk(ANDERE_REGIO))
    assert antwoord.status_code == 200  # the form again, with an error
    assert not get_user_model().objects.filter(username="nieuw").exists()


def test_a_regional_beheerder_cannot_grant_a_gemeente_outside_the_region(regiobeheerder):
    from passend.reference.models import Gemeente

    antwoord = _nieuw(regiobeheerder, gemeenten=[Gemeente.objects.get(code=LEIDEN).pk])
    assert antwoord.status_code == 200
    assert not get_user_model().objects.filter(username="nieuw").exists()
    html = antwoord.content.decode()
    assert "Leiden" not in html.split('name="gemeenten"')[1].split("</select>")[0]


def test_a_regional_beheerder_can_grant_inside_the_region(regiobeheerder):
    antwoord = _nieuw(regiobeheerder, jeugdregio=_regio_pk(ZHZ))
    assert antwoord.status_code == 302
    assert get_user_model().objects.get(username="nieuw").profiel.jeugdregio.naam == ZHZ


def test_the_service_refuses_too(gebruikers):
    with pytest.raises(OngeldigeScope, match="buiten uw bereik"):
        zet_gebruiker("x", Rol.REGIO_ANALIST, regio=ANDERE_REGIO, door=gebruikers["beheerder"])
    with pytest.raises(OngeldigeScope):
        zet_gebruiker("x", Rol.BELEIDSMEDEWERKER, gemeenten=[LEIDEN], door=gebruikers["beleid"])
    # The CLI operator (door=None) has the server itself and may grant anything.
    zet_gebruiker(
        "x", Rol.REGIO_ANALIST, regio=ANDERE_REGIO, wachtwoord=WACHTWOORD, valideer_wachtwoord=False
    )


def test_users_outside_the_scope_are_neither_listed_nor_editable(regiobeheerder, gebruikers):
    zet_gebruiker(
        "leiden",
        Rol.REGIO_ANALIST,
        regio=ANDERE_REGIO,
        wachtwoord=WACHTWOORD,
        valideer_wachtwoord=False,
    )
    assert "leiden" not in regiobeheerder.get("/beheer/gebruikers/").content.decode()
    assert regiobeheerder.get("/beheer/gebruikers/leiden/").status_code == 404
    assert regiobeheerder.post("/beheer/gebruikers/leiden/tweestaps-resetten/").status_code == 404


# -- TOTP required for beheerder and regio-analist ------------------------------------------
@pytest.fixture
def totp_verplicht(settings: Any) -> None:
    settings.PASSEND_TOTP_VERPLICHT_ROLLEN = frozenset({"beheerder", "regio-analist"})


@pytest.mark.parametrize("naam", ["beheerder", "analist"])
def test_required_roles_must_set_up_totp_first(totp_verplicht, als, naam):
    client = als(naam)
    antwoord = client.get("/analyse/kerncijfers/")
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("/account/tweestaps/")
    pagina = client.get("/account/tweestaps/")
    assert pagina.status_code == 200 and "verplicht" in pagina.content.decode()
    assert client.get("/api/gemeenten/").status_code in (401, 403)


def test_other_roles_and_demo_users_are_not_forced(totp_verplicht, als, gebruikers):
    assert als("contract").get("/analyse/kerncijfers/").status_code == 200
    profiel = gebruikers["analist"].profiel
    profiel.demo = True
    profiel.save()
    assert als("analist").get("/analyse/kerncijfers/").status_code == 200


def test_after_setting_up_totp_the_pages_open(totp_verplicht, als, gebruikers):
    client = als("analist")
    client.get("/account/tweestaps/")  # creates the unconfirmed device
    apparaat = TOTPDevice.objects.get(user=gebruikers["analist"], confirmed=False)
    code = f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits):06d}"
    assert client.post("/account/tweestaps/", {"token": code}).status_code == 302
    assert client.get("/analyse/kerncijfers/").status_code == 200


def test_an_api_token_is_refused_until_totp_is_set_up(totp_verplicht, gebruikers):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=gebruikers["analist"])
    antwoord = Client().get("/api/gemeenten/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert antwoord.status_code in (401, 403)
    assert "tweestapsverificatie" in antwoord.content.decode()


# -- one IP address, many usernames -----------------------------------------------------------
def test_one_ip_trying_many_usernames_is_stopped(gebruikers, settings):
    settings.PASSEND_IP_POGINGEN = 6
    client = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(6):
        antwoord = client.post("/account/inloggen/", {"username": f"gok{i}", "password": "x" * 12})
        assert antwoord.status_code == 200  # the form again: wrong password
    antwoord = client.post("/account/inloggen/", {"username": "analist", "password": WACHTWOORD})
    assert antwoord.status_code == 429 and "geblokkeerd" in antwoord.content.decode()
    # Another address is not affected.
    ander = Client(REMOTE_ADDR="198.51.100.1")
    assert (
        ander.post(
            "/account/inloggen/", {"username": "analist", "password": WACHTWOORD}
        ).status_code
        == 302
    )
