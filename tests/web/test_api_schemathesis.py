"""Property-based API tests: schemathesis generates requests from the OpenAPI schema at
/api/schema/ and calls the WSGI app in-process. No request may cause a server error; every
response must match the documented schema.

Run as beheerder (all import endpoints) and as regio-analist (the client-level endpoint),
each with a token, on the imported test messages.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance


def _schema() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _app() -> Any:
    from passend.web.wsgi import application

    return application


SCHEMA = schemathesis.openapi.from_dict(_schema())
SCHEMA.app = _app()


@pytest.fixture
def zonder_verbinding_sluiten():
    """Like Django's test client: the WSGI app must not close the test's database connection
    at the end of each request (on PostgreSQL that would end the test transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, gebruikers, geladen, zonder_verbinding_sluiten) -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    from passend.web.models import GepubliceerdRapport

    GepubliceerdRapport.objects.create(
        titel="R", soort="kerncijfers", gemeenten=["0505"], inhoud={}, gepubliceerd_door="x"
    )
    return {
        naam: Token.objects.create(user=gebruikers[naam]).key for naam in ("beheerder", "analist")
    }


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_errors(case, tokens):
    for naam in ("beheerder", "analist"):
        antwoord = case.call(headers={"Authorization": f"Token {tokens[naam]}"})
        assert antwoord.status_code < 500, (naam, case.path, case.query, antwoord.text[:500])
        if antwoord.status_code == 200:
            case.validate_response(
                antwoord, checks=[not_a_server_error, response_schema_conformance]
            )


def test_schema_is_openapi_3_and_lists_every_api_route():
    schema = _schema()
    assert schema["openapi"].startswith("3.")
    paden = set(schema["paths"])
    assert {
        "/api/kerncijfers/",
        "/api/transitie/",
        "/api/wmo-instroom/",
        "/api/markt/",
        "/api/knelpunten/",
        "/api/benchmark/",
        "/api/transitie/gevallen/",
        "/api/rapporten/",
        "/api/import/quarantaine/",
    } <= paden
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.django_db
def test_schema_and_docs_are_served_with_local_assets(als):
    client = als("raad")
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs and "https://" not in docs
    assert "<style" not in docs and "<script>" not in docs
