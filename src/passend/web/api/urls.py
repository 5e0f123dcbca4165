from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from passend.accounts.rollen import ALLE_ROLLEN
from passend.web.api import contractering, monitoring, views
from passend.web.toegang import toegang


def _pagina_voor_mensen(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The API documentation is a page a person opens (the footer links to it): as a web page
    (not an API view) the access middleware sends a visitor without a session to the login
    form, instead of DRF answering a bare 401 in JSON."""

    @toegang(ALLE_ROLLEN)
    def pagina(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, *args, **kwargs)

    return pagina


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        _pagina_voor_mensen(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="passend/api/swagger_ui.html"
            )
        ),
        name="api-docs",
    ),
    path("gemeenten/", views.Gemeenten.as_view(), name="api-gemeenten"),
    path("kerncijfers/", views.Kerncijfers.as_view(), name="api-kerncijfers"),
    path("transitie/", views.Transitie.as_view(), name="api-transitie"),
    path("transitie/gevallen/", views.TransitieGevallen.as_view(), name="api-transitie-gevallen"),
    path("wmo-instroom/", views.WmoInstroom.as_view(), name="api-wmo-instroom"),
    path("markt/", views.Markt.as_view(), name="api-markt"),
    path("markt/aanbieders/<str:agb>/", views.Aanbieder.as_view(), name="api-aanbieder"),
    path("knelpunten/", views.Knelpunten.as_view(), name="api-knelpunten"),
    path("benchmark/", views.Benchmark.as_view(), name="api-benchmark"),
    path("toekomstplan/", views.Toekomstplan.as_view(), name="api-toekomstplan"),
    path("zelfredzaamheid/", views.Zelfredzaamheid.as_view(), name="api-zelfredzaamheid"),
    path(
        "toekomstplan/jongeren/",
        views.ToekomstplanJongeren.as_view(),
        name="api-toekomstplan-jongeren",
    ),
    path("contracten/", monitoring.Contracten.as_view(), name="api-contracten"),
    path(
        "contracten/controle/",
        monitoring.Contractcontrole.as_view(),
        name="api-contract-controle",
    ),
    path(
        "contracten/contract/<path:nummer>/",
        monitoring.Contract.as_view(),
        name="api-contract",
    ),
    path("contracten/landschap/", contractering.Landschap.as_view(), name="api-landschap"),
    path("contracten/selectie/", contractering.Selectie.as_view(), name="api-selectie"),
    path(
        "contracten/selectie/<int:aanbesteding_id>/",
        contractering.AanbestedingDetail.as_view(),
        name="api-aanbesteding",
    ),
    path(
        "monitor/bestedingsruimte/",
        monitoring.Bestedingsruimte.as_view(),
        name="api-monitor-bestedingsruimte",
    ),
    path(
        "monitor/aanbieders/",
        monitoring.Aanbiederresultaten.as_view(),
        name="api-monitor-aanbieders",
    ),
    path("rapporten/", views.Rapporten.as_view(), name="api-rapporten"),
    path("rapporten/<id:rapport_id>/", views.Rapport.as_view(), name="api-rapport"),
    path("import/batches/", views.Batches.as_view(), name="api-batches"),
    path("import/quarantaine/", views.Quarantaine.as_view(), name="api-quarantaine"),
]
