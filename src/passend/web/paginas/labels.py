"""Display names of the codes the analyses return."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UITKOMSTEN = {
    "verlengde_jeugdhulp": _("Verlengde jeugdhulp"),
    "naar_wmo": _("Naar Wmo"),
    "zonder_vervolg": _("Zonder vervolg"),
}
ZORGVORMEN = {"met_verblijf": _("Met verblijf"), "zonder_verblijf": _("Zonder verblijf")}
DOMEINEN = {"jeugd": _("Jeugdhulp"), "wmo": _("Wmo")}
MATEN = {
    "jeugdhulp_per_1000": _("Jeugdhulp per 1.000 jeugdigen (0–17)"),
    "jeugdhulp_verblijf_per_1000": _("Jeugdhulp met verblijf per 1.000 jeugdigen (0–17)"),
    "jeugdkosten_per_jeugdige": _("Jeugdhulpkosten per jeugdige 0–17 (€)"),
    "wmo_18_26_per_1000": _("Wmo 18–26 per 1.000 inwoners 18–26"),
    "wmo_instroom_per_1000": _("Wmo-instroom 18–26 per 1.000 inwoners 18–26"),
    "cohort_per_1000": _("18-jarigen met jeugdhulp per 1.000 inwoners 18–26"),
    "verlengd_per_1000": _("Verlengde jeugdhulp per 1.000 inwoners 18–26"),
    "naar_wmo_per_1000": _("Van jeugdhulp naar Wmo per 1.000 inwoners 18–26"),
    "zonder_vervolg_per_1000": _("Zonder vervolg per 1.000 inwoners 18–26"),
}
KNELPUNTEN = {
    "CONCENTRATIE": _("Geconcentreerde markt"),
    "WEINIG_AANBIEDERS": _("Weinig aanbieders"),
    "DOMINANTE_AANBIEDER": _("Dominante aanbieder"),
    "KOSTENSTIJGING": _("Kostenstijging"),
    "STARTWACHTTIJD": _("Lange startwachttijd"),
    "ZONDER_VERVOLG": _("Veel jongeren zonder vervolg"),
    "GAT_NAAR_WMO": _("Gat tussen jeugdhulp en Wmo"),
}


def naam(lijst: dict[str, object], code: object) -> str:
    return str(lijst.get(str(code), code)) if code is not None else ""
