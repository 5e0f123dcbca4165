"""Minimal Dutch landing page: what is loaded, per gemeente."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from passend.imports.models import ImportBatch
from passend.imports.overview import geladen_per_gemeente


def landing(request: HttpRequest) -> HttpResponse:
    context = geladen_per_gemeente()
    context["demo"] = ImportBatch.objects.filter(gebruiker="demo").exists()
    return render(request, "passend/landing.html", context)
