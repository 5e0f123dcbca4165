"""Security headers Django 5.2 does not set itself: Content-Security-Policy and
Permissions-Policy. Every page runs without inline script or style."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class BeveiligingsHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.PASSEND_CSP)
        response.headers.setdefault("Permissions-Policy", settings.PASSEND_PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with (aggregated) care data must not linger in shared caches.
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response
