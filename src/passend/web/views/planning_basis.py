"""Shared pieces of the planning pages: which area (regio key) a user plans for, the scope
check on stored planning objects, and the analysis area behind a regio key.

A planning object's ``regio`` is a jeugdregio name or a gemeente's CBS code. A user may see
the objects of their jeugdregio and of every gemeente in their scope; anything else is a 404
(so an out-of-scope object's existence is not revealed).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from passend.accounts import audit
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import PLANNING_BEWERKEN
from passend.accounts.scope import gemeenten_in_scope, regio_in_scope, rol_van
from passend.analysis.segmentatie import Segmentatie
from passend.planning import models as pm
from passend.planning.opslag import laad_segmentmodel
from passend.reference.models import Gemeente, Jeugdregio


def _alles(user: Any) -> bool:
    """A superuser without a profile (the installation's own admin) sees every area."""
    return bool(getattr(user, "is_superuser", False)) and not hasattr(user, "profiel")


def gebieden(user: Any) -> list[tuple[str, str]]:
    """(regio key, label) of every area the user may plan for, the jeugdregio first."""
    opties: list[tuple[str, str]] = []
    if _alles(user):
        opties.append(("", _("Alle gemeenten")))
        opties += [(n, n) for n in Jeugdregio.objects.values_list("naam", flat=True)]
        return opties
    regio = regio_in_scope(user)
    if regio:
        opties.append((regio, _("Jeugdregio %(regio)s") % {"regio": regio}))
    codes = gemeenten_in_scope(user)
    for code, naam in Gemeente.objects.filter(code__in=codes).order_by("naam").values_list(
        "code", "naam"
    ):
        opties.append((code, f"{naam} ({code})"))
    return opties


def in_scope(user: Any, regio: str) -> bool:
    if _alles(user):
        return True
    return regio == (regio_in_scope(user) or None) or regio in gemeenten_in_scope(user)


def eis_scope(user: Any, regio: str) -> None:
    """404 for a planning object outside the user's scope."""
    if not in_scope(user, regio):
        raise Http404(_("Niet gevonden."))


def kies_gebied(request: HttpRequest) -> str:
    """The area of ``?gebied=`` (or of a POST), else the user's first; 404 outside scope."""
    opties = gebieden(request.user)
    gevraagd = request.POST.get("gebied") if request.method == "POST" else None
    gevraagd = gevraagd if gevraagd is not None else request.GET.get("gebied")
    if gevraagd is None:
        if not opties:
            raise Http404(_("U heeft geen gebied om voor te plannen."))
        return opties[0][0]
    eis_scope(request.user, gevraagd)
    return gevraagd


def gebied_naam(regio: str) -> str:
    if not regio:
        return _("Alle gemeenten")
    naam = Gemeente.objects.filter(code=regio).values_list("naam", flat=True).first()
    return f"{naam} ({regio})" if naam else regio


def analysegebied(regio: str) -> dict[str, str | None]:
    """The analysis filter of a regio key: a gemeente code, a jeugdregio name or all data."""
    if regio and Gemeente.objects.filter(code=regio).exists():
        return {"gemeente": regio, "regio": None}
    return {"gemeente": None, "regio": regio or None}


def actief_object(regio: str) -> pm.Segmentmodel | None:
    return pm.Segmentmodel.objects.filter(regio=regio, actief=True).first()


def actieve_segmentatie(regio: str) -> Segmentatie:
    obj = actief_object(regio)
    return laad_segmentmodel(obj) if obj else Segmentatie.standaard()


def url(naam: str, regio: str, *args: object) -> str:
    """The URL of a planning page for the area `regio`."""
    return f"{reverse(naam, args=args)}?{urlencode({'gebied': regio})}"


def mag_bewerken(request: HttpRequest) -> bool:
    return rol_van(request.user) in PLANNING_BEWERKEN


def log(request: HttpRequest, object_: str, **details: Any) -> None:
    """An edit of the draft strategy in the audit log (codes and names only, no client data)."""
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"planning: {object_}", **details)


def context(request: HttpRequest, regio: str, **extra: Any) -> dict[str, Any]:
    """What every planning template needs: the area and its choices, and the edit right."""
    return {"gebied": regio, "gebied_naam": gebied_naam(regio),
            "gebieden": gebieden(request.user), "mag_bewerken": mag_bewerken(request),
            **extra}  # fmt: skip
