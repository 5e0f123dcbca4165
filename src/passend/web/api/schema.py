"""OpenAPI description of the session authentication (the token scheme is built in)."""

from drf_spectacular.authentication import SessionScheme


class SessieScheme(SessionScheme):
    target_class = "passend.web.api.toegang.SessieAuthenticatie"
    name = "sessie"
