"""The vocabulary of the toekomstplan register: life domains, Big 5 pillars and regiehouder
roles, as data (definitions in docs/definities.md § 15).

A toekomstplan names the domains it covers in either vocabulary: the seven life domains of
the regional approach (leren, werken, vrije tijd, netwerk, wonen, financiën, zorg) or the
five pillars of independence, the Big 5 (support, wonen, school en werk, inkomen, welzijn).
Each life domain belongs to one pillar (:data:`PIJLER_VAN`); the other way round is not
claimed: a plan on *welzijn* does not say it covers both *vrije tijd* and *zorg*.

A regiehouder is an aanbieder (AGB code) or a role from :data:`ROLLEN`, never a person's
name: the register holds no free text that could identify someone.
"""

from __future__ import annotations

import re

from passend.domain.opmaak import tekstsleutel

LEVENSDOMEINEN: dict[str, tuple[str, str]] = {
    "leren": ("Leren", "Learning"),
    "werken": ("Werken", "Work"),
    "vrije_tijd": ("Vrije tijd", "Leisure"),
    "netwerk": ("Netwerk", "Network"),
    "wonen": ("Wonen", "Housing"),
    "financien": ("Financiën", "Finances"),
    "zorg": ("Zorg", "Care"),
}
BIG5: dict[str, tuple[str, str]] = {
    "support": ("Support (netwerk)", "Support (network)"),
    "wonen": ("Wonen", "Housing"),
    "school_werk": ("School en werk", "School and work"),
    "inkomen": ("Inkomen", "Income"),
    "welzijn": ("Welzijn", "Well-being"),
}
#: The Big 5 pillar each life domain belongs to.
PIJLER_VAN: dict[str, str] = {
    "leren": "school_werk",
    "werken": "school_werk",
    "vrije_tijd": "welzijn",
    "netwerk": "support",
    "wonen": "wonen",
    "financien": "inkomen",
    "zorg": "welzijn",
}
DOMEINEN: tuple[str, ...] = tuple(dict.fromkeys([*LEVENSDOMEINEN, *BIG5]))
ROLLEN: dict[str, tuple[str, str]] = {
    "wijkteam": ("Wijkteam", "Neighbourhood team"),
    "jeugdconsulent": ("Jeugdconsulent", "Youth consultant"),
    "wmo_consulent": ("Wmo-consulent", "Wmo consultant"),
    "jongerenwerk": ("Jongerenwerk", "Youth work"),
    "school": ("School", "School"),
    "jeugdbescherming": ("Jeugdbescherming", "Child protection"),
    "aanbieder": ("Jeugdhulpaanbieder", "Youth care provider"),
    "overig": ("Overig", "Other"),
}
#: Spellings users type, mapped to the codes.
_SYNONIEMEN = {
    "vrijetijd": "vrije_tijd",
    "financiën": "financien",
    "financieen": "financien",
    "geld": "financien",
    "school/werk": "school_werk",
    "school_en_werk": "school_werk",
    "schoolenwerk": "school_werk",
    "school": "school_werk",
    "sociaal_netwerk": "netwerk",
    "steun": "support",
}


class OnbekendDomein(ValueError):
    """A domain outside both vocabularies."""


def lees_domeinen(tekst: str) -> tuple[str, ...]:
    """The domain codes in `tekst` (separated by commas, semicolons or '|'), in the order of
    :data:`DOMEINEN`, each once. Raises :class:`OnbekendDomein` naming the first unknown."""
    gevonden = set()
    for deel in re.split(r"[,;|]", tekst):
        if not deel.strip():
            continue
        sleutel = tekstsleutel(deel)
        code = _SYNONIEMEN.get(sleutel, _SYNONIEMEN.get(sleutel.replace("_", ""), sleutel))
        if code not in DOMEINEN:
            raise OnbekendDomein(
                f"'{deel.strip()[:30]}' is geen leefdomein of Big 5-pijler (kies uit "
                + ", ".join(DOMEINEN)
                + ")."
            )
        gevonden.add(code)
    return tuple(d for d in DOMEINEN if d in gevonden)


def pijlers(domeinen: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The Big 5 pillars a plan covers: named directly, or through one of its life domains."""
    gedekt = {PIJLER_VAN.get(d, d) for d in domeinen} & set(BIG5)
    return tuple(p for p in BIG5 if p in gedekt)


def lees_rol(tekst: str) -> str:
    """The role code of `tekst` ('' for empty); ValueError for a role not in :data:`ROLLEN`."""
    if not tekst.strip():
        return ""
    code = tekstsleutel(tekst).replace("-", "_")
    if code not in ROLLEN:
        namen = {tekstsleutel(nl): c for c, (nl, _en) in ROLLEN.items()}
        code = namen.get(tekstsleutel(tekst), "")
    if not code:
        raise ValueError(
            f"'{tekst.strip()[:30]}' is geen rol van een regiehouder (kies uit "
            + ", ".join(ROLLEN)
            + ")."
        )
    return code
