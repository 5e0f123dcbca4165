"""The main navigation, filtered by role."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from passend.accounts import rollen as r
from passend.accounts.rollen import Rol


@dataclass(frozen=True)
class Item:
    url_naam: str
    label: object
    rollen: frozenset[Rol]


MENU = (
    Item("start", _("Overzicht"), r.ANALYSE | r.MARKT),
    Item("kerncijfers", _("Kerncijfers"), r.ANALYSE | {Rol.CONTRACTMANAGER}),
    Item("transitie", _("Transitie 16–27"), r.ANALYSE),
    Item("wmo-instroom", _("Wmo-instroom"), r.ANALYSE),
    Item("markt", _("Markt"), r.MARKT),
    Item("knelpunten", _("Knelpunten"), r.MARKT),
    Item("benchmark", _("Benchmark"), r.ANALYSE),
    Item("toekomstplan", _("Toekomstplan"), r.MARKT),
    Item("planning", _("Strategie"), r.PLANNING),
    Item("contracten", _("Contracten"), r.CONTRACTEN),
    Item("rapporten", _("Rapporten"), r.RAPPORTEN),
    Item("import", _("Import"), r.BEHEER),
    Item("gebruikers", _("Beheer"), r.BEHEER),
)


def menu_voor(rol: Rol | None) -> list[Item]:
    return [item for item in MENU if rol is not None and rol in item.rollen]
