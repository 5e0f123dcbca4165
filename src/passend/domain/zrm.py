"""The vocabulary of self-reliance measurements: the thirteen domains of the
Zelfredzaamheid-Matrix (ZRM, 2017 edition), its five-point scale, and the Big 5 pillar each
domain informs (definitions in docs/definities.md § 17).

The ZRM scores a person per domain from 1 (acute problematiek) to 5 (volledig zelfredzaam).
Regions and providers use it, or an instrument scored the same way, to follow the outcome of
support per life domain. The Big 5 mapping is Passend's own (no official mapping exists): it
places each domain under the pillar of independence it is about, so that the outcomes can be
read next to the toekomstplan's pillars (:mod:`passend.domain.toekomstplan`).
"""

from __future__ import annotations

from passend.domain.opmaak import lees_heel_getal, tekstsleutel

ZRM_DOMEINEN: dict[str, tuple[str, str]] = {
    "financien": ("Financiën", "Finances"),
    "werk_opleiding": ("Werk en opleiding", "Work and education"),
    "tijdsbesteding": ("Tijdsbesteding", "Time use"),
    "huisvesting": ("Huisvesting", "Housing"),
    "huiselijke_relaties": ("Huiselijke relaties", "Domestic relations"),
    "geestelijke_gezondheid": ("Geestelijke gezondheid", "Mental health"),
    "lichamelijke_gezondheid": ("Lichamelijke gezondheid", "Physical health"),
    "middelengebruik": ("Middelengebruik", "Substance use"),
    "basale_adl": ("Basale ADL", "Basic ADL"),
    "instrumentele_adl": ("Instrumentele ADL", "Instrumental ADL"),
    "sociaal_netwerk": ("Sociaal netwerk", "Social network"),
    "maatschappelijke_participatie": ("Maatschappelijke participatie", "Social participation"),
    "justitie": ("Justitie", "Justice"),
}
SCORES: dict[int, tuple[str, str]] = {
    1: ("Acute problematiek", "Acute problems"),
    2: ("Niet zelfredzaam", "Not self-reliant"),
    3: ("Beperkt zelfredzaam", "Barely self-reliant"),
    4: ("Voldoende zelfredzaam", "Adequately self-reliant"),
    5: ("Volledig zelfredzaam", "Completely self-reliant"),
}
#: A score at or above this is self-reliant (voldoende or volledig).
ZELFREDZAAM_VANAF = 4
#: The Big 5 pillar (passend.domain.toekomstplan.BIG5) each ZRM domain is about.
ZRM_PIJLER: dict[str, str] = {
    "financien": "inkomen",
    "werk_opleiding": "school_werk",
    "tijdsbesteding": "school_werk",
    "huisvesting": "wonen",
    "huiselijke_relaties": "support",
    "geestelijke_gezondheid": "welzijn",
    "lichamelijke_gezondheid": "welzijn",
    "middelengebruik": "welzijn",
    "basale_adl": "welzijn",
    "instrumentele_adl": "wonen",
    "sociaal_netwerk": "support",
    "maatschappelijke_participatie": "support",
    "justitie": "welzijn",
}
#: Spellings found in exports of ZRM tools, mapped to the codes.
_SYNONIEMEN = {
    "financieen": "financien",
    "financiën": "financien",
    "werk_en_opleiding": "werk_opleiding",
    "werk_&_opleiding": "werk_opleiding",
    "werk/opleiding": "werk_opleiding",
    "dagbesteding": "tijdsbesteding",
    "wonen": "huisvesting",
    "gezondheid_geestelijk": "geestelijke_gezondheid",
    "psychische_gezondheid": "geestelijke_gezondheid",
    "gezondheid_lichamelijk": "lichamelijke_gezondheid",
    "fysieke_gezondheid": "lichamelijke_gezondheid",
    "verslaving": "middelengebruik",
    "adl": "basale_adl",
    "iadl": "instrumentele_adl",
    "netwerk": "sociaal_netwerk",
    "participatie": "maatschappelijke_participatie",
}


class OnbekendZrmDomein(ValueError):
    """A domain that is not one of the thirteen ZRM domains."""


def lees_zrm_domein(tekst: str) -> str:
    """The ZRM domain code of `tekst` (code, Dutch name or a known spelling)."""
    sleutel = tekstsleutel(tekst)
    if sleutel in ZRM_DOMEINEN:
        return sleutel
    namen = {tekstsleutel(nl): code for code, (nl, _en) in ZRM_DOMEINEN.items()}
    code = namen.get(sleutel) or _SYNONIEMEN.get(sleutel)
    if code is None:
        raise OnbekendZrmDomein(
            f"'{tekst.strip()[:30]}' is geen domein van de zelfredzaamheidsmatrix (kies uit "
            + ", ".join(ZRM_DOMEINEN)
            + ")."
        )
    return code


def lees_score(tekst: str) -> int:
    """A ZRM score 1-5 ('3', '3.0' and '3,0' alike); ValueError with the allowed range."""
    try:
        score = lees_heel_getal(tekst, min(SCORES), max(SCORES))
    except ValueError:
        score = None
    if score is None:
        raise ValueError(
            f"'{tekst.strip()[:10]}' is geen score van de zelfredzaamheidsmatrix "
            "(een heel getal van 1 tot en met 5)."
        )
    return score
