"""Roles and what each may do: the single source for views, the API and the tests.

A role is a capability set; the scope (which gemeenten) is separate, see
:mod:`passend.accounts.scope`.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Rol(StrEnum):
    BEHEERDER = "beheerder"
    REGIO_ANALIST = "regio-analist"
    BELEIDSMEDEWERKER = "gemeente-beleidsmedewerker"
    CONTRACTMANAGER = "contractmanager"
    ALLEEN_LEZEN = "alleen-lezen"


ROL_NAMEN = {
    Rol.BEHEERDER: _("Beheerder"),
    Rol.REGIO_ANALIST: _("Regio-analist"),
    Rol.BELEIDSMEDEWERKER: _("Gemeentelijk beleidsmedewerker"),
    Rol.CONTRACTMANAGER: _("Contractmanager"),
    Rol.ALLEEN_LEZEN: _("Alleen lezen (raad)"),
}

ROL_KEUZES = [(rol.value, naam) for rol, naam in ROL_NAMEN.items()]
ALLE_ROLLEN = frozenset(Rol)

#: Users, settings, upload, quarantine, import batches, audit log.
BEHEER = frozenset({Rol.BEHEERDER})
#: Pseudonymous client-level rows (never names or BSN: those are not stored).
CLIENTNIVEAU = frozenset({Rol.REGIO_ANALIST})
#: Aggregated analyses of care use and the transition.
ANALYSE = frozenset({Rol.BEHEERDER, Rol.REGIO_ANALIST, Rol.BELEIDSMEDEWERKER})
#: Market, providers and knelpunten: the analysts plus the contractmanager.
MARKT = ANALYSE | {Rol.CONTRACTMANAGER}
#: Publish a (suppressed) report for the raad.
PUBLICEREN = frozenset({Rol.BEHEERDER, Rol.REGIO_ANALIST, Rol.BELEIDSMEDEWERKER})
#: Published reports: everyone.
RAPPORTEN = ALLE_ROLLEN
#: Edit the draft inkoopstrategie: segment models, ambitions, strategy choices, scenarios.
PLANNING_BEWERKEN = frozenset({Rol.BEHEERDER, Rol.REGIO_ANALIST, Rol.BELEIDSMEDEWERKER})
#: View that draft: the editors plus the contractmanager. Alleen-lezen (the raad) sees none
#: of it: the strategy is a draft until it is published.
PLANNING = PLANNING_BEWERKEN | {Rol.CONTRACTMANAGER}
#: Who may read the contract register and its checks, and who may change it.
CONTRACTEN = MARKT
CONTRACTEN_BEWERKEN = frozenset({Rol.BEHEERDER, Rol.REGIO_ANALIST, Rol.CONTRACTMANAGER})


def rol_naam(rol: str) -> str:
    """The translated display name of a role value ('' for an unknown value)."""
    try:
        return str(ROL_NAMEN[Rol(rol)])
    except ValueError:
        return ""
