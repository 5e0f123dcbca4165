"""Login, logout, password change, lockout, TOTP, API tokens, demo users and the CLI."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.web.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db


def _login(client, username, wachtwoord):
    return client.post("/account/inloggen/", {"username": username, "password": wachtwoord})


def test_login_and_logout_with_the_form(client, gebruikers):
    antwoord = _login(client, "analist", WACHTWOORD)
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
    assert client.get("/analyse/kerncijfers/").status_code == 200
    assert client.post("/account/uitloggen/").status_code == 302
    assert client.get("/analyse/kerncijfers/").status_code == 302


def test_wrong_password_is_refused_and_audited(client, gebruikers):
    from passend.accounts.models import AuditRegel

    antwoord = _login(client, "analist", "fout")
    assert antwoord.status_code == 200 and "_auth_user_id" not in client.session
    assert AuditRegel.objects.filter(gebruiker="analist", actie="inloggen-mislukt").exists()


def test_lockout_after_repeated_failures(client, gebruikers, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "analist", "fout")
    geblokkeerd = _login(client, "analist", WACHTWOORD)
    assert geblokkeerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    assert "_auth_user_id" not in client.session


def test_beheerder_can_lift_a_lockout(client, gebruikers, settings, als):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "analist", "fout")
    beheerder = als("beheerder")
    assert "analist" in beheerder.get("/beheer/instellingen/").content.decode()
    beheerder.post("/beheer/instellingen/blokkade-opheffen/", {"username": "analist"})
    assert _login(client, "analist", WACHTWOORD).status_code == 302


def test_password_change(client, gebruikers):
    _login(client, "beleid", WACHTWOORD)
    nieuw = "een-ander-lang-wachtwoord-42"
    antwoord = client.post(
        "/account/wachtwoord/",
        {"old_password": WACHTWOORD, "new_password1": nieuw, "new_password2": nieuw},
    )
    assert antwoord.status_code == 302
    assert get_user_model().objects.get(username="beleid").check_password(nieuw)


def test_short_password_is_refused(client, gebruikers):
    _login(client, "beleid", WACHTWOORD)
    antwoord = client.post(
        "/account/wachtwoord/",
        {"old_password": WACHTWOORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert antwoord.status_code == 200
    assert get_user_model().objects.get(username="beleid").check_password(WACHTWOORD)


def _totp_code(apparaat) -> str:
    from django_otp.oath import totp

    return f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits):06d}"


def test_totp_setup_and_second_login_step(client, gebruikers, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no back-off after the deliberate wrong code

    _login(client, "analist", WACHTWOORD)
    pagina = client.get("/account/tweestaps/").content.decode()
    assert "<svg" in pagina  # the QR code, rendered on the server
    apparaat = TOTPDevice.objects.get(user__username="analist")
    assert client.post("/account/tweestaps/", {"token": "000000"}).status_code == 200
    client.post("/account/tweestaps/", {"token": _totp_code(apparaat)})
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    client.post("/account/uitloggen/")
    assert _login(client, "analist", WACHTWOORD).status_code == 302
    # Logged in with the password only: every page leads to the code step.
    antwoord = client.get("/analyse/kerncijfers/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/account/tweestaps/code/"
    assert client.get("/api/kerncijfers/").status_code in (401, 403)
    apparaat.refresh_from_db()
    apparaat.last_t = -1  # allow the same time step again in this test
    apparaat.save()
    client.post("/account/tweestaps/code/", {"token": _totp_code(apparaat)})
    assert client.get("/analyse/kerncijfers/").status_code == 200


def test_api_token_is_created_shown_once_and_works(client, gebruikers):
    _login(client, "contract", WACHTWOORD)
    client.post("/account/api-sleutel/nieuw/")
    from rest_framework.authtoken.models import Token

    sleutel = Token.objects.get(user__username="contract").key
    assert sleutel in client.get("/account/").content.decode()
    assert sleutel not in client.get("/account/").content.decode()
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert api.get("/api/markt/").status_code == 200
    assert api.get("/api/transitie/").status_code == 403
    assert Client(HTTP_AUTHORIZATION="Token fout").get("/api/markt/").status_code == 401


def test_demo_users_are_idempotent_and_scoped():
    from passend.accounts.demo import maak_demo_gebruikers
    from passend.accounts.scope import gemeenten_in_scope, rol_van

    eerste = maak_demo_gebruikers()
    tweede = maak_demo_gebruikers()
    assert eerste == tweede
    assert {d.role for d in eerste} == {
        "beheerder",
        "regio-analist",
        "gemeente-beleidsmedewerker",
        "contractmanager",
        "alleen-lezen",
    }
    users = {u.username: u for u in get_user_model().objects.all()}
    for demo in eerste:
        assert users[demo.username].check_password(demo.password)
        assert rol_van(users[demo.username]).value == demo.role
    assert gemeenten_in_scope(users["beleid-dordrecht"]) == {"0505"}
    assert len(gemeenten_in_scope(users["analist"])) == 10


def test_demo_users_never_overwrite_a_real_account(gebruikers):
    from passend.accounts.beheer import zet_gebruiker
    from passend.accounts.demo import maak_demo_gebruikers

    zet_gebruiker("raad", "alleen-lezen", regio="Zuid-Holland Zuid")
    with pytest.raises(ValueError, match="geen demogebruiker"):
        maak_demo_gebruikers()


def test_beheerder_creates_a_user_in_the_browser(als):
    beheerder = als("beheerder")
    from passend.reference.models import Gemeente

    antwoord = beheerder.post(
        "/beheer/gebruikers/nieuw/",
        {
            "username": "nieuw",
            "rol": "gemeente-beleidsmedewerker",
            "gemeenten": [Gemeente.objects.get(code="0642").pk],
            "actief": "on",
            "wachtwoord": "nog-een-lang-wachtwoord",
        },
    )
    assert antwoord.status_code == 302
    from passend.accounts.scope import gemeenten_in_scope

    assert gemeenten_in_scope(get_user_model().objects.get(username="nieuw")) == {"0642"}
    assert "gebruiker nieuw" in beheerder.get("/beheer/audit/").content.decode()


def test_cli_gebruiker_aanmaken_prompts_twice_and_lijst(monkeypatch):
    from click.testing import CliRunner

    from passend.cli import gebruiker as cli

    antwoorden = iter(["geheim-en-lang-genoeg-1", "geheim-en-lang-genoeg-1"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(antwoorden))
    runner = CliRunner()
    uit = runner.invoke(
        cli.gebruiker,
        ["aanmaken", "--rol", "regio-analist", "--regio", "Zuid-Holland Zuid", "piet"],
    )
    assert uit.exit_code == 0, uit.output
    assert get_user_model().objects.get(username="piet").check_password("geheim-en-lang-genoeg-1")
    lijst = runner.invoke(cli.gebruiker, ["lijst"])
    assert "piet\tregio-analist\tZuid-Holland Zuid" in lijst.output


def test_cli_refuses_different_passwords_and_unknown_gemeente(monkeypatch):
    from click.testing import CliRunner

    from passend.cli import gebruiker as cli

    antwoorden = iter(["geheim-en-lang-genoeg-1", "anders-en-lang-genoeg-2"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(antwoorden))
    runner = CliRunner()
    uit = runner.invoke(
        cli.gebruiker, ["aanmaken", "--rol", "alleen-lezen", "--gemeente", "0505", "jan"]
    )
    assert uit.exit_code != 0 and "niet gelijk" in uit.output
    uit = runner.invoke(
        cli.gebruiker, ["aanmaken", "--rol", "alleen-lezen", "--gemeente", "9999", "--demo", "jan"]
    )
    assert uit.exit_code != 0 and "9999" in uit.output
    assert not get_user_model().objects.filter(username="jan").exists()


def test_cli_demo_never_turns_a_real_user_into_a_demo_user(gebruikers):
    """--demo sets a password anyone with the data dir can derive: never for a real user."""
    from click.testing import CliRunner

    from passend.cli import gebruiker as cli

    uit = CliRunner().invoke(
        cli.gebruiker,
        ["aanmaken", "--rol", "alleen-lezen", "--gemeente", "0505", "--demo", "analist"],
    )
    assert uit.exit_code == 2 and "geen demogebruiker" in uit.output
    assert get_user_model().objects.get(username="analist").check_password(WACHTWOORD)
