"""API views: the analysis pages as JSON, published reports, gemeenten, import bookkeeping.

Same builders, scope checks (403 outside scope) and suppression as the HTML pages.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passend.accounts import rollen as r
from passend.accounts.scope import gemeenten_in_scope
from passend.analysis.uitvoer import json_gereed
from passend.domain.zrm import ZRM_DOMEINEN
from passend.imports.models import ImportBatch, QuarantineRecord
from passend.imports.quarantine import VELDEN
from passend.reference.models import Gemeente
from passend.web import analysedata
from passend.web.api import schema as _schema  # noqa: F401  (registers the auth scheme)
from passend.web.api import serializers as s
from passend.web.importtaken import toon_bestand
from passend.web.models import GepubliceerdRapport
from passend.web.paginas.basis import Filters, Inhoud, lees_filters
from passend.web.paginas.register import (
    GEVALLEN,
    PAGINAS,
    PLAN_GEVALLEN,
    Pagina,
    aanbieder_inhoud,
)
from passend.web.tabellen import tabel_als_dict

GEMEENTE = OpenApiParameter(
    "gemeente",
    str,
    description="CBS-gemeentecode binnen uw bereik "
    "(leeg: uw hele jeugdregio). Buiten uw bereik: 403.",
)
JAAR = OpenApiParameter("jaar", int, description="Jaar (of cohortjaar); standaard het laatste.")
MAAT = OpenApiParameter("maat", str, description="Alleen benchmark: de maat.")
ZRM_DOMEIN = OpenApiParameter(
    "zrm_domein",
    str,
    enum=list(ZRM_DOMEINEN),
    description="Alleen zelfredzaamheid: de tabellen per aanbieder, segment en cohort van "
    "één leefdomein (leeg: alle).",
)


def _rapporttabellen(pagina: Pagina | None, f: Filters) -> Any:
    """The report's tables as JSON values, converted once per data version and request."""
    if pagina is None or f.jaar is None:
        return {}
    return analysedata.onthoud(
        ("rapporttabellen", pagina.rapport, pagina.verzoek(f), f.openbaar),
        lambda: json_gereed(pagina.tabellen_van(f)),
    )


def _als_json(inhoud: Inhoud, pagina: Pagina | None) -> dict[str, Any]:
    f = inhoud.filters
    return {
        "pagina": inhoud.soort,
        "titel": str(inhoud.titel),
        "gebied": f.gebied_naam,
        "gemeente": f.gemeente,
        "regio": f.regio,
        "jaar": f.jaar,
        "onderdrukt": f.openbaar,
        "volledig": f.volledig,
        "voorlopig": inhoud.voorlopig,
        "rapport": pagina.rapport if pagina else "",
        "segmentmodel": f.gebied.segmentatie.naam,
        "rapporttabellen": _rapporttabellen(pagina, f),
        "kerngetallen": [
            {"label": str(k.label), "waarde": k.waarde, "soort": k.soort}
            for k in inhoud.kerngetallen
        ],
        "tabellen": [
            {
                **t,
                "kolommen": [
                    {"sleutel": k, "titel": ti, "soort": so} for k, ti, so in t["kolommen"]
                ],
            }
            for t in (tabel_als_dict(tab) for tab in inhoud.tabellen)
        ],
    }


def _analyse(request: Request, naam: str) -> Response:
    pagina = PAGINAS[naam]
    f = pagina.filters(request.user, request.query_params)
    if f.fout:  # a year outside the data
        return Response({"detail": f.fout}, status=400)
    return Response(_als_json(pagina.bouw(f), pagina))


def _analyse_view(naam: str, parameters: list[OpenApiParameter]) -> type[APIView]:
    """An APIView for analysis page `naam`, with its own documented GET."""

    @extend_schema(
        operation_id=f"analyse_{naam.replace('-', '_')}",
        parameters=parameters,
        responses={
            200: s.AnalyseSerializer,
            400: OpenApiResponse(description="Het jaar valt buiten de gegevens."),
        },
        tags=["analyses"],
        description=f"De analyse '{naam}' zoals op de webpagina, binnen uw bereik.",
    )
    def get(self: APIView, request: Request) -> Response:
        return _analyse(request, naam)

    return type(
        f"Analyse_{naam.replace('-', '_')}",
        (APIView,),
        {"get": get, "rollen": PAGINAS[naam].rollen},
    )


Kerncijfers = _analyse_view("kerncijfers", [GEMEENTE, JAAR])
Transitie = _analyse_view("transitie", [GEMEENTE, JAAR])
WmoInstroom = _analyse_view("wmo-instroom", [GEMEENTE, JAAR])
Markt = _analyse_view("markt", [GEMEENTE, JAAR])
Knelpunten = _analyse_view("knelpunten", [GEMEENTE, JAAR])
Benchmark = _analyse_view("benchmark", [GEMEENTE, JAAR, MAAT])
Toekomstplan = _analyse_view("toekomstplan", [GEMEENTE, JAAR])
Zelfredzaamheid = _analyse_view("zelfredzaamheid", [GEMEENTE, JAAR, ZRM_DOMEIN])


class Aanbieder(APIView):
    rollen = r.MARKT

    @extend_schema(
        operation_id="analyse_aanbieder",
        parameters=[GEMEENTE, JAAR],
        responses={
            200: s.AnalyseSerializer,
            400: OpenApiResponse(description="Het jaar valt buiten de gegevens."),
        },
        tags=["analyses"],
        description="Profiel van één aanbieder (AGB-code) in uw gebied.",
    )
    def get(self, request: Request, agb: str) -> Response:
        f = lees_filters(request.user, request.query_params)
        return Response(_als_json(aanbieder_inhoud(f, agb), None))


class TransitieGevallen(APIView):
    rollen = r.CLIENTNIVEAU

    @extend_schema(
        operation_id="transitie_gevallen",
        parameters=[GEMEENTE, JAAR],
        responses=s.AnalyseSerializer,
        tags=["cliëntniveau"],
        description="Jongeren van een cohort op pseudoniem: alleen regio-analist.",
    )
    def get(self, request: Request) -> Response:
        f = GEVALLEN.filters(request.user, request.query_params)
        return Response(_als_json(GEVALLEN.bouw(f), GEVALLEN))


class ToekomstplanJongeren(APIView):
    rollen = r.CLIENTNIVEAU

    @extend_schema(
        operation_id="toekomstplan_jongeren",
        parameters=[
            GEMEENTE,
            JAAR,
            OpenApiParameter("aanbieder", str, description="Alleen de jongeren van deze AGB."),
        ],
        responses=s.AnalyseSerializer,
        tags=["cliëntniveau"],
        description="Jongeren van een cohort met hun toekomstplan, op pseudoniem: alleen "
        "regio-analist.",
    )
    def get(self, request: Request) -> Response:
        f = PLAN_GEVALLEN.filters(request.user, request.query_params)
        return Response(_als_json(PLAN_GEVALLEN.bouw(f), PLAN_GEVALLEN))


class Gemeenten(APIView):
    rollen = r.ALLE_ROLLEN

    @extend_schema(
        operation_id="gemeenten",
        responses=s.GemeenteSerializer(many=True),
        tags=["referentie"],
        description="De gemeenten binnen uw bereik.",
    )
    def get(self, request: Request) -> Response:
        rijen = Gemeente.objects.filter(code__in=gemeenten_in_scope(request.user))
        return Response(
            [
                {"code": g.code, "naam": g.naam, "jeugdregio": g.jeugdregio.naam}
                for g in rijen.select_related("jeugdregio")
            ]
        )


def _zichtbare_rapporten(user: Any) -> list[GepubliceerdRapport]:
    return GepubliceerdRapport.zichtbaar_voor(gemeenten_in_scope(user))


def _rapport(rap: GepubliceerdRapport, volledig: bool) -> dict[str, Any]:
    uit = {
        "id": rap.pk,
        "titel": rap.titel,
        "soort": rap.soort,
        "gepubliceerd_op": rap.gepubliceerd_op,
        "gepubliceerd_door": rap.gepubliceerd_door,
    }
    if volledig:
        uit.update(gemeenten=rap.gemeenten, inhoud=rap.inhoud)
    return uit


class Rapporten(APIView):
    rollen = r.RAPPORTEN

    @extend_schema(
        operation_id="rapporten",
        responses=s.RapportKortSerializer(many=True),
        tags=["rapporten"],
        description="Gepubliceerde rapporten over uw gebied.",
    )
    def get(self, request: Request) -> Response:
        return Response(
            s.RapportKortSerializer(
                [_rapport(rap, False) for rap in _zichtbare_rapporten(request.user)], many=True
            ).data
        )


class Rapport(APIView):
    rollen = r.RAPPORTEN

    @extend_schema(
        operation_id="rapport",
        responses=s.RapportSerializer,
        tags=["rapporten"],
        description="Eén gepubliceerd rapport (onderdrukte aantallen).",
    )
    def get(self, request: Request, rapport_id: int) -> Response:
        rap = next((x for x in _zichtbare_rapporten(request.user) if x.pk == rapport_id), None)
        if rap is None:
            raise Http404
        return Response(s.RapportSerializer(_rapport(rap, True)).data)


class Batches(APIView):
    rollen = r.BEHEER

    @extend_schema(
        operation_id="importbatches",
        responses=s.BatchSerializer(many=True),
        tags=["import"],
        description="De laatste 500 importbatches.",
    )
    def get(self, request: Request) -> Response:
        rijen = ImportBatch.objects.order_by("-gestart_op")[:500]
        return Response(s.BatchSerializer(rijen, many=True).data)


class QuarantaineFilter(serializers.Serializer):
    alles = serializers.BooleanField(required=False, help_text="Ook opgeloste records.")
    batch = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=10**9)


class Quarantaine(APIView):
    rollen = r.BEHEER

    @extend_schema(
        operation_id="quarantaine",
        responses={200: s.QuarantaineSerializer(many=True)},
        tags=["import"],
        parameters=[QuarantaineFilter],
        description="Quarantainerecords (standaard alleen open), gepagineerd.",
    )
    def get(self, request: Request) -> Response:
        q = QuarantaineFilter(data=request.query_params)
        q.is_valid(raise_exception=True)
        f = q.validated_data
        records = QuarantineRecord.objects.order_by("id")
        if not f.get("alles"):
            records = records.filter(status=QuarantineRecord.Status.OPEN)
        if f.get("batch") is not None:
            records = records.filter(batch_id=f["batch"])
        begin, limiet = f.get("offset", 0), f.get("limit", 100)
        rijen = [
            {**rij, "bestand": toon_bestand(rij["bestand"])}
            for rij in records.values(*VELDEN)[begin : begin + limiet]
        ]
        return Response(s.QuarantaineSerializer(rijen, many=True).data)
