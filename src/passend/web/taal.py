"""Dutch unless the user chose English: the language cookie decides, never the browser's
Accept-Language (a Dutch government application is Dutch by default)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class TaalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.talen = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        taal = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if taal not in self.talen:
            taal = settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", taal)
        return response
