"""API views of the contract register and the monitors: the same JSON as the CLI's
``--json`` (``passend contract lijst``, ``passend contract controle``, ``passend monitor
bestedingsruimte``, ``passend monitor aanbieders``), computed by the same functions as the
pages (:mod:`passend.web.contractdata`, the registered report ``resultaten``), within the
user's scope: a gemeente or area outside it is a 403, a contract outside it a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passend.accounts import rollen as r
from passend.accounts.scope import gemeenten_in_scope
from passend.analysis.rapport import Verzoek
from passend.analysis.resultaten import aanbieder_overzicht
from passend.contracten import register as reg
from passend.web import analysedata, contractdata
from passend.web.api import serializers as s
from passend.web.paginas.basis import lees_filters
from passend.web.views import planning_basis as pb

JAAR = OpenApiParameter("jaar", int, description="Jaar; standaard het laatste in de gegevens.")
PEILDATUM = OpenApiParameter(
    "peildatum", str, description="Peildatum JJJJ-MM-DD; standaard de laatste in de gegevens."
)
GEBIED = OpenApiParameter(
    "gebied",
    str,
    description="Gemeentecode of naam van de jeugdregio binnen uw bereik (leeg: uw eerste "
    "gebied). Buiten uw bereik: 403.",
)
GEMEENTE = OpenApiParameter(
    "gemeente", str, description="CBS-gemeentecode binnen uw bereik (leeg: uw jeugdregio)."
)
ONGELDIG = OpenApiResponse(description="Een ongeldig jaar of een ongeldige peildatum.")


class OngeldigeWaarde(ValueError):
    """A query parameter that cannot be read."""


def _jaar(q: Any) -> int | None:
    tekst = q.get("jaar", "")
    if not tekst:
        return None
    if not tekst.isdigit() or not 2000 <= int(tekst) <= 2100:
        raise OngeldigeWaarde(f"'{tekst[:10]}' is geen jaar (2000-2100).")
    return int(tekst)


def _peildatum(q: Any) -> date | None:
    tekst = q.get("peildatum", "")
    if not tekst:
        return None
    try:
        dag = date.fromisoformat(tekst[:10])
    except ValueError:
        raise OngeldigeWaarde(f"'{tekst[:20]}' is geen datum (JJJJ-MM-DD).") from None
    if not 2000 <= dag.year <= 2100:
        raise OngeldigeWaarde(f"'{tekst[:20]}' ligt niet tussen 2000 en 2100.")
    return dag


def _fout(fout: Exception) -> Response:
    return Response({"detail": str(fout)}, status=400)


def _gemeenten(request: Request) -> frozenset[str] | None:
    return None if pb._alles(request.user) else gemeenten_in_scope(request.user)


def _gebied(request: Request) -> str:
    """The area of ``?gebied=`` within the user's scope (403 outside), else the first."""
    gevraagd = request.query_params.get("gebied")
    if gevraagd is None:
        opties = pb.gebieden(request.user)
        return opties[0][0] if opties else ""
    if not pb.in_scope(request.user, gevraagd):
        raise PermissionDenied("Dit gebied valt buiten uw bereik.")
    return gevraagd


class Contracten(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_lijst",
        parameters=[PEILDATUM],
        responses={200: s.ContractenSerializer, 400: ONGELDIG},
        tags=["contracten"],
        description="Het contractregister binnen uw bereik, met de signalen op de peildatum "
        "(zoals passend contract lijst --json).",
    )
    def get(self, request: Request) -> Response:
        try:
            peildatum = _peildatum(request.query_params) or date.today()
        except OngeldigeWaarde as fout:
            return _fout(fout)
        rijen = reg.overzicht(reg.contracten(_gemeenten(request)), peildatum)
        return Response({"peildatum": peildatum.isoformat(), "contracten": rijen})


class Contract(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_contract",
        parameters=[PEILDATUM],
        responses={200: s.ContractDetailSerializer, 404: OpenApiResponse(description="Niet.")},
        tags=["contracten"],
        description="Eén contract binnen uw bereik met zijn tariefregels en bestedingsruimte.",
    )
    def get(self, request: Request, nummer: str) -> Response:
        try:
            peildatum = _peildatum(request.query_params) or date.today()
        except OngeldigeWaarde as fout:
            return _fout(fout)
        qs = reg.contracten(_gemeenten(request)).filter(contractnummer=nummer)
        rijen = reg.overzicht(qs, peildatum)
        if not rijen:
            raise Http404("Niet gevonden.")
        tarieven = [
            {
                "productcategorie": t.categorie,
                "productcode": t.productcode,
                "eenheid": t.eenheid,
                "tarief_cent": t.tarief,
                "geldig_vanaf": t.geldig_vanaf.isoformat(),
                "geldig_tot": t.geldig_tot.isoformat() if t.geldig_tot else None,
            }
            for t in qs.get().tarieven.all()
        ]
        return Response({**rijen[0], "tarieven": tarieven})


class Contractcontrole(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="contracten_controle",
        parameters=[JAAR, PEILDATUM],
        responses={200: s.ContractcontroleSerializer, 400: ONGELDIG},
        tags=["contracten"],
        description="De berichten van een jaar tegen het register: zonder contract, buiten "
        "het contract, een ander tarief, en contracten die binnen 6 maanden aflopen.",
    )
    def get(self, request: Request) -> Response:
        try:
            jaar = _jaar(request.query_params)
            peildatum = _peildatum(request.query_params) or date.today()
        except OngeldigeWaarde as fout:
            return _fout(fout)
        uitkomst, _laatste = contractdata.controle(jaar, peildatum, _gemeenten(request))
        return Response(uitkomst.als_json())


class Bestedingsruimte(APIView):
    rollen = r.CONTRACTEN

    @extend_schema(
        operation_id="monitor_bestedingsruimte",
        parameters=[JAAR, PEILDATUM, GEBIED],
        responses={200: s.BestedingsruimteSerializer, 400: ONGELDIG},
        tags=["monitor"],
        description="Per contract de bestedingsruimte, het gedeclareerde, de benutting, het "
        "70%-signaal en de prognoses (zoals passend monitor bestedingsruimte --json).",
    )
    def get(self, request: Request) -> Response:
        try:
            jaar = _jaar(request.query_params)
            peil = _peildatum(request.query_params)
        except OngeldigeWaarde as fout:
            return _fout(fout)
        gebied = _gebied(request)
        gemeenten = contractdata.gemeenten_van_gebied(gebied, _gemeenten(request))
        uitkomst, _laatste, fout = contractdata.bestedingsruimte(jaar, peil, gemeenten, gebied)
        if uitkomst is None:
            return Response({"detail": fout}, status=400)
        return Response(uitkomst.als_json())


class Aanbiederresultaten(APIView):
    rollen = r.MARKT

    @extend_schema(
        operation_id="monitor_aanbieders",
        parameters=[JAAR, GEMEENTE],
        responses={200: s.AanbiederresultatenSerializer, 400: ONGELDIG},
        tags=["monitor"],
        description="Per aanbieder hoe trajecten eindigen, herhaald beroep, duur en kosten per "
        "cliënt (het rapport 'resultaten'; zoals passend monitor aanbieders --json). Voor de "
        "contractmanager onderdrukt zoals openbare uitvoer.",
    )
    def get(self, request: Request) -> Response:
        f = lees_filters(request.user, request.query_params)
        if f.fout:
            return Response({"detail": f.fout}, status=400)
        if f.jaar is None:
            return Response({"jaar": None, "onderdrukt": f.openbaar, "aanbieders": []})
        tabellen = analysedata.rapport("resultaten", Verzoek(f.gebied, f.jaar), openbaar=f.openbaar)
        rijen = aanbieder_overzicht(tabellen["resultaat_aanbieder"])
        return Response({"jaar": f.jaar, "onderdrukt": f.openbaar, "aanbieders": rijen})
