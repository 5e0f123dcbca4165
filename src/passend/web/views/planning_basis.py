"""Shared pieces of the planning pages: which area (planning key) a user plans for, and the
scope check on stored planning objects.

A planning object's ``gebied`` is a jeugdregio name or a gemeente's CBS code. A user may see
the objects of their jeugdregio and of every gemeente in their scope; anything else is a 404
(so an out-of-scope object's existence is not revealed). The analysis area behind a key,
with the segment model that applies to it, comes from
:func:`passend.planning.gebieden.gebied_uit_sleutel` (one resolver for every page and the CLI).
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
from passend.analysis.gebied import Gebied
from passend.planning import models as pm
from passend.planning.gebieden import gebied_uit_sleutel
from passend.reference.models import Gemeente, Jeugdregio


def _alles(user: Any) -> bool:
    """A superuser without a profile (the installation's own admin) sees every area."""
    return bool(getattr(user, "is_superuser", False)) and not hasattr(user, "profiel")


def gebieden(user: Any) -> list[tuple[str, str]]:
    """(planning key, label) of every area the user may plan for, the jeugdregio first."""
    opties: list[tuple[str, str]] = []
    if _alles(user):
        opties.append(("", _("Alle gemeenten")))
        opties += [(n, n) for n in Jeugdregio.objects.values_list("naam", flat=True)]
        return opties
    regio = regio_in_scope(user)
    if regio:
        opties.append((regio, _("Jeugdregio %(regio)s") % {"regio": regio}))
    codes = gemeenten_in_scope(user)
    for code, naam in (
        Gemeente.objects.filter(code__in=codes).order_by("naam").values_list("code", "naam")
    ):
        opties.append((code, f"{naam} ({code})"))
    return opties


def in_scope(user: Any, gebied: str) -> bool:
    if _alles(user):
        return True
    return gebied == (regio_in_scope(user) or None) or gebied in gemeenten_in_scope(user)


def eis_scope(user: Any, gebied: str) -> None:
    """404 for a planning object outside the user's scope."""
    if not in_scope(user, gebied):
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


def gebied_naam(gebied: str) -> str:
    if not gebied:
        return _("Alle gemeenten")
    naam = Gemeente.objects.filter(code=gebied).values_list("naam", flat=True).first()
    return f"{naam} ({gebied})" if naam else gebied


def analysegebied(gebied: str) -> Gebied:
    """The area behind a planning key, with the segment model that applies to it."""
    return gebied_uit_sleutel(gebied)


def actief_object(gebied: str) -> pm.Segmentmodel | None:
    """The area's own stored active model (what the segment-model pages edit)."""
    return pm.Segmentmodel.objects.filter(gebied=gebied, actief=True).first()


def url(naam: str, gebied: str, *args: object) -> str:
    """The URL of a planning page for the area `gebied`."""
    return f"{reverse(naam, args=args)}?{urlencode({'gebied': gebied})}"


def mag_bewerken(request: HttpRequest) -> bool:
    return rol_van(request.user) in PLANNING_BEWERKEN


def log(request: HttpRequest, object_: str, **details: Any) -> None:
    """An edit of the draft strategy in the audit log (codes and names only, no client data)."""
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"planning: {object_}", **details)


def context(request: HttpRequest, gebied: str, **extra: Any) -> dict[str, Any]:
    """What every planning template needs: the area and its choices, and the edit right."""
    return {
        "gebied": gebied,
        "gebied_naam": gebied_naam(gebied),
        "gebieden": gebieden(request.user),
        "mag_bewerken": mag_bewerken(request),
        **extra,
    }
