"""API views of contracting: the stored care-landscape run of a segment and the tenders and
Open House rounds of an area, with their ranking and admission, read-only and within the
user's scope (an area outside it is a 403, a tender outside it a 404). The figures come
from the same functions as the pages (:mod:`passend.contracten.aanbestedingen`, the stored
run of :func:`passend.planning.landschap.bereken_en_bewaar`).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passend.accounts import rollen as r
from passend.contracten.aanbestedingen import toelatingsuitslag, uitslag
from passend.contracten.models import Aanbesteding, Toelating
from passend.planning.landschap import run_van
from passend.web.api.monitoring import GEBIED, _gebied
from passend.web.views import planning_basis as pb

SEGMENT = OpenApiParameter("segment", str, required=True, description="Segmentcode, bijv. 4A.")
JSON = OpenApiResponse(response=OpenApiTypes.OBJECT, description="Zie docs/contractering.md.")
NIET = OpenApiResponse(description="Niet gevonden.")


class Landschap(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_landschap",
        parameters=[GEBIED, SEGMENT],
        responses={200: JSON, 404: NIET},
        tags=["contracten"],
        description="Het laatst berekende zorglandschap van een segment in het gebied: invoer, "
        "eisen, uitkomst en afwegingscurve (zoals passend landschap bereken --json).",
    )
    def get(self, request: Request) -> Response:
        gebied = _gebied(request)
        run = run_van(gebied, request.query_params.get("segment", "")[:20])
        if run is None:
            raise Http404("Niet gevonden.")
        return Response(
            {
                **run.resultaat,
                "berekend_door": run.gewijzigd_door,
                "berekend_op": run.gewijzigd_op.isoformat(),
            }
        )


def _aanbesteding(a: Aanbesteding) -> dict[str, Any]:
    _methode, _biedingen, uitslagen = uitslag(a)
    return {
        "id": a.pk,
        "titel": a.titel,
        "methode": a.methode,
        "inschrijvingen": a.inschrijvingen,
        "rangorde": [u.als_dict() for u in uitslagen],
    }


def _toelating(t: Toelating) -> dict[str, Any]:
    return {
        "id": t.pk,
        "titel": t.titel,
        "eisen": t.eisen,
        "beoordelingen": t.beoordelingen,
        "uitslag": toelatingsuitslag(t),
    }


class Selectie(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_selectie",
        parameters=[GEBIED],
        responses={200: JSON},
        tags=["contracten"],
        description="De aanbestedingen (methode, scores, rangorde) en Open House-toelatingen "
        "(eisen, oordelen, uitslag) van het gebied.",
    )
    def get(self, request: Request) -> Response:
        gebied = _gebied(request)
        return Response(
            {
                "gebied": gebied,
                "aanbestedingen": [
                    _aanbesteding(a) for a in Aanbesteding.objects.filter(gebied=gebied)
                ],
                "toelatingen": [_toelating(t) for t in Toelating.objects.filter(gebied=gebied)],
            }
        )


class AanbestedingDetail(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_aanbesteding",
        responses={200: JSON, 404: NIET},
        tags=["contracten"],
        description="Eén aanbesteding binnen uw bereik met haar rangorde.",
    )
    def get(self, request: Request, aanbesteding_id: int) -> Response:
        a = Aanbesteding.objects.filter(pk=aanbesteding_id).first()
        if a is None or not pb.in_scope(request.user, a.gebied):
            raise Http404("Niet gevonden.")
        return Response(_aanbesteding(a))
