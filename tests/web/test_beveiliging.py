"""CSRF, session and header security; pages never show a BSN or a name."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.conftest import WACHTWOORD
from tests.web.gegevens import GEHEIMEN

pytestmark = pytest.mark.django_db


def test_login_without_csrf_token_is_refused(gebruikers):
    client = Client(enforce_csrf_checks=True)
    antwoord = client.post("/account/inloggen/", {"username": "analist", "password": WACHTWOORD})
    assert antwoord.status_code == 403
    assert "_auth_user_id" not in client.session


def test_state_changing_posts_need_the_csrf_token(gebruikers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gebruikers["beheerder"])
    for url, data in [
        ("/account/api-sleutel/nieuw/", {}),
        ("/beheer/gebruikers/nieuw/", {"username": "x"}),
        ("/rapporten/publiceren/", {"soort": "kerncijfers"}),
        ("/import/", {}),
        ("/account/uitloggen/", {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    from rest_framework.authtoken.models import Token

    assert not Token.objects.exists()


def test_login_with_csrf_token_from_the_form_works(gebruikers):
    client = Client(enforce_csrf_checks=True)
    pagina = client.get("/account/inloggen/").content.decode()
    token = pagina.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    antwoord = client.post(
        "/account/inloggen/",
        {"username": "analist", "password": WACHTWOORD, "csrfmiddlewaretoken": token},
    )
    assert antwoord.status_code == 302


def test_session_is_renewed_at_login_and_cookies_are_strict(client, gebruikers):
    client.get("/account/inloggen/")
    client.cookies["sessionid"] = "door-een-aanvaller-gekozen"
    client.post("/account/inloggen/", {"username": "analist", "password": WACHTWOORD})
    sessie = client.cookies["sessionid"]
    assert sessie.value != "door-een-aanvaller-gekozen"
    assert sessie["httponly"] and sessie["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


def test_logout_ends_the_session(client, gebruikers):
    client.post("/account/inloggen/", {"username": "analist", "password": WACHTWOORD})
    oud = client.cookies["sessionid"].value
    client.post("/account/uitloggen/")
    hergebruik = Client()
    hergebruik.cookies["sessionid"] = oud
    assert hergebruik.get("/analyse/kerncijfers/").status_code == 302


def test_security_headers_on_every_page(als):
    antwoord = als("analist").get("/analyse/transitie/")
    csp = antwoord["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"
    assert "no-store" in antwoord["Cache-Control"]


def test_pages_have_no_inline_script_or_style(als, geladen):
    client = als("analist")
    for url in (
        "/",
        "/analyse/kerncijfers/",
        "/analyse/transitie/",
        "/analyse/markt/",
        "/analyse/benchmark/",
        "/account/",
    ):
        html = client.get(url).content.decode()
        for stuk in html.split("<script")[1:]:
            kop = stuk.split(">")[0]
            assert "src=" in kop or 'type="application/json"' in kop, (url, kop)
        assert " style=" not in html and "<style" not in html, url
        for adres in ('src="http', "src='http", 'href="http', "url(http"):
            assert adres not in html, f"{url} loads something from the internet"
        assert "https://" not in html, url


def test_no_bsn_or_name_in_any_page(als, geladen):
    from django.urls import get_resolver

    from tests.web.test_toegangsmatrix import _routes, _url, _voorbeelden

    voorbeelden = _voorbeelden()
    for rol in ("beheerder", "analist"):
        client = als(rol)
        for _naam, route in _routes(get_resolver().url_patterns):
            tekst = client.get(_url(route, voorbeelden)).content.decode(errors="replace")
            for geheim in GEHEIMEN:
                assert geheim not in tekst, (rol, route, geheim)
        for record in (
            client.get("/api/import/quarantaine/?alles=1").json() if rol == "beheerder" else []
        ):
            html = client.get(f"/import/quarantaine/{record['id']}/").content.decode()
            assert not any(geheim in html for geheim in GEHEIMEN)


def test_https_settings_when_behind_tls(monkeypatch):
    """With PASSEND_HTTPS=1 the settings demand secure cookies and HSTS."""
    import importlib
    import os

    monkeypatch.setitem(os.environ, "PASSEND_HTTPS", "1")
    import passend.web.settings as instellingen

    herladen = importlib.reload(instellingen)
    try:
        assert herladen.SESSION_COOKIE_SECURE and herladen.CSRF_COOKIE_SECURE
        assert herladen.SESSION_COOKIE_NAME.startswith("__Host-")
        assert herladen.SECURE_HSTS_SECONDS >= 31536000 and herladen.SECURE_SSL_REDIRECT
    finally:
        monkeypatch.delitem(os.environ, "PASSEND_HTTPS")
        importlib.reload(instellingen)
