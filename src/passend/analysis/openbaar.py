"""Public output (raad, website): every table of every report with small counts suppressed.

:func:`openbaar_rapport` applies :func:`passend.analysis.privacy.onderdruk` to the tables of
a report from :func:`passend.analysis.rapport.rapport`. :data:`ONDERDRUKKINGSREGELS` says per
report and per table which columns count persons, how they add up and which figures derive
from them:

- ``Deel``: parts of a row that add up to a total column of that row (the outcomes add up
  to the cohort). With ``rest`` the parts do not cover the total and the remainder (total
  minus parts, which a reader can work out) is a hidden part of its own.
- ``groep``: the rows of one group add up to a column total (published elsewhere, or
  assumed to be): suppression then also protects the column totals. Without ``groep``
  the rows are not parts of one whole (a client can be in several segments) and every
  count is suppressed on its own (1-4 becomes "<5").
- ``Koppeling``: the column totals of a group are cells of another table (the transition
  summary, the total row of the Wmo inflow, the gemeente row of care in view). A cell
  hidden there is kept hidden here, and a total hidden here is hidden there too, so that
  two tables never give away what one of them hides.
- ``afgeleid``: figures computed from a count (shares, rates, medians, cost per client)
  become "x" when the count is hidden; ``blok_afgeleid`` hides columns of the whole group.

The rules are in ``docs/definities.md`` (Onderdrukking) and ``docs/privacy.md``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from passend.analysis.privacy import PRIMAIR, SECUNDAIR, onderdruk

ONDERDRUKT = (PRIMAIR, SECUNDAIR)
Rij = dict[str, Any]
Status = dict[tuple[int, str], str]


def is_onderdrukt(waarde: Any) -> bool:
    return isinstance(waarde, str) and waarde in ONDERDRUKT


def _als_aantal(waarde: Any) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return 0
    return max(0, int(waarde))


def _klein(waarde: Any) -> bool:
    return _als_aantal(waarde) != 0 and _als_aantal(waarde) < 5 and not is_onderdrukt(waarde)


def _strengst(huidig: Any, nieuw: Any) -> Any:
    """A value hidden in any table it appears in stays hidden."""
    return huidig if is_onderdrukt(huidig) else nieuw


def _verberg_afgeleid(rij: Rij, afgeleid: Mapping[str, Sequence[str]] | None) -> None:
    for bron, doelen in (afgeleid or {}).items():
        if is_onderdrukt(rij.get(bron)):
            for doel in doelen:
                if doel in rij and rij[doel] is not None:
                    rij[doel] = SECUNDAIR


# -- the helpers of the web pages --------------------------------------------------------------
def onderdruk_tabel(
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[str],
    *,
    label: str | None = None,
    totaal: bool = True,
    totaal_kolom: str | None = None,
    afgeleid: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Suppress the count `kolommen` of a table (with a published total row when `totaal`,
    and a published row-total column `totaal_kolom`, computed as the sum of `kolommen`).

    `afgeleid` maps a count column to the columns computed from it, which become "x" when
    that count is suppressed.
    """
    if not rijen:
        return []
    schoon = [{**rij, **{k: _als_aantal(rij.get(k)) for k in kolommen}} for rij in rijen]
    uit = onderdruk(
        schoon,
        list(kolommen),
        totaal_kolom=totaal_kolom,
        totaal_rij="Totaal" if totaal else None,
        label_kolom=label,
    )
    for rij in uit:
        for bron, doelen in (afgeleid or {}).items():
            if is_onderdrukt(rij.get(bron)):
                for doel in doelen:
                    rij[doel] = SECUNDAIR
    return uit


def onderdruk_per_kolom(
    rijen: Sequence[Mapping[str, Any]],
    kolommen: Sequence[str],
    *,
    afgeleid: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Suppress each count column on its own, without totals (for lists whose rows are not
    parts of one whole, such as segments of a market)."""
    uit = [dict(rij) for rij in rijen]
    for rij in uit:
        for k in kolommen:
            waarde = rij.get(k)
            if isinstance(waarde, int) and not isinstance(waarde, bool) and 0 < waarde < 5:
                rij[k] = PRIMAIR
        for bron, doelen in (afgeleid or {}).items():
            if is_onderdrukt(rij.get(bron)):
                for doel in doelen:
                    rij[doel] = SECUNDAIR
    return uit


# -- the rules ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deel:
    """Counts of a row that add up to the row's `totaal` (with `rest`: to at most it)."""

    delen: tuple[str, ...]
    totaal: str
    rest: bool = False

    @property
    def kolommen(self) -> tuple[str, ...]:
        return (*self.delen, f"_rest_{self.totaal}") if self.rest else self.delen


@dataclass(frozen=True)
class Koppeling:
    """The column totals of a group are the cells of one row of table `tabel`.

    `sleutels` maps a group column to the column of `tabel` that must hold the same value;
    `alleen` limits `tabel` to rows with that value; `kolommen` renames a count column.
    """

    tabel: str
    sleutels: Mapping[str, str]
    alleen: tuple[str, Any] | None = None
    kolommen: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Spiegel:
    """A long table whose counts are cells of another table: row ``van`` (matched on `sleutel`
    there; None: that table is one row) and column ``naar`` (the value of `naar` here)."""

    tabel: str
    sleutel: str | None
    naar: str = "naar"


@dataclass(frozen=True)
class Onderdrukkingsregel:
    """How one table is made fit for publication (see the module docstring)."""

    aantallen: tuple[str, ...] = ()
    delen: tuple[Deel, ...] = ()
    groep: tuple[str, ...] | None = None
    totaalrij: tuple[str, Any] | None = None
    koppeling: Koppeling | None = None
    afgeleid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    blok_afgeleid: tuple[str, ...] = ()
    groei: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    overslaan: tuple[str, Any] | None = None
    spiegel: Spiegel | None = None
    eigen: Callable[[Any], Any] | None = None
    doorgeven: bool = False


# -- one group of rows -------------------------------------------------------------------------
def _deeltabel(rijen: Sequence[Rij], deel: Deel) -> list[dict[str, int]]:
    uit = []
    for rij in rijen:
        waarden = {k: _als_aantal(rij.get(k)) for k in deel.delen}
        if deel.rest:
            waarden[deel.kolommen[-1]] = max(
                0, _als_aantal(rij.get(deel.totaal)) - sum(waarden.values())
            )
        uit.append(waarden)
    return uit


def _pas_toe(status: Status, uit: list[dict[str, Any]], namen: Sequence[str]) -> bool:
    nieuw = False
    for i, rij in enumerate(uit):
        for k in namen:
            if is_onderdrukt(rij.get(k)) and (i, k) not in status:
                status[(i, k)] = rij[k]
                nieuw = True
    return nieuw


def _ronde(rijen: Sequence[Rij], regel: Onderdrukkingsregel, status: Status) -> bool:
    """One pass over the partitions and loose counts; True when a cell got hidden."""
    totaal_rij = "Totaal" if regel.groep is not None else None
    nieuw = False
    for deel in regel.delen:
        namen = [*deel.kolommen, deel.totaal]
        vast = [c for c in status if c[1] in namen]
        uit = onderdruk(
            _deeltabel(rijen, deel),
            deel.kolommen,
            totaal_kolom=deel.totaal,
            totaal_rij=totaal_rij,
            vast=vast,
        )
        nieuw |= _pas_toe(status, uit, namen)
    in_delen = {k for d in regel.delen for k in (*d.delen, d.totaal)}
    for k in (k for k in regel.aantallen if k not in in_delen):
        tabel = [{k: _als_aantal(r.get(k))} for r in rijen]
        vast = [c for c in status if c[1] == k]
        uit = onderdruk(tabel, [k], totaal_kolom=None, totaal_rij=totaal_rij, vast=vast)
        nieuw |= _pas_toe(status, uit, [k])
    return nieuw


def _onderdruk_groep(rijen: list[Rij], regel: Onderdrukkingsregel, status: Status) -> None:
    """Hide cells of `rijen` (in place) until every partition and column is safe.

    `status` may hold cells hidden beforehand, (len(rijen), column) for a column total;
    on return it holds every hidden cell.
    """
    while _ronde(rijen, regel, status):
        pass
    for (i, k), symbool in status.items():
        if i < len(rijen) and not k.startswith("_"):
            rijen[i][k] = symbool


# -- one table ---------------------------------------------------------------------------------
def _als_lijst(inhoud: Any) -> list[Rij]:
    return [inhoud] if isinstance(inhoud, dict) else list(inhoud)


def _bronrij(tabellen: Mapping[str, Any], k: Koppeling, rij: Rij) -> Rij | None:
    for kandidaat in _als_lijst(tabellen.get(k.tabel) or []):
        if k.alleen and kandidaat.get(k.alleen[0]) != k.alleen[1]:
            continue
        if all(kandidaat.get(hun) == rij.get(mijn) for mijn, hun in k.sleutels.items()):
            return kandidaat
    return None


def _groepen(rijen: list[Rij], regel: Onderdrukkingsregel) -> list[tuple[list[Rij], Rij | None]]:
    """The groups of rows that add up (one row each without `groep`), with the row that
    holds the group's column totals (`totaalrij`) when the table has one."""
    if regel.groep is None:
        return [([r], None) for r in rijen]
    per: dict[tuple[Any, ...], list[Rij]] = {}
    for r in rijen:
        per.setdefault(tuple(r.get(k) for k in regel.groep), []).append(r)
    uit = []
    for lijst in per.values():
        totaal = None
        if regel.totaalrij:
            k, w = regel.totaalrij
            totaal = next((r for r in lijst if r.get(k) == w), None)
            delen = [r for r in lijst if r is not totaal]
            lijst, totaal = (delen, totaal) if delen else (lijst, None)
        uit.append((lijst, totaal))
    return uit


def _telbaar(regel: Onderdrukkingsregel) -> list[str]:
    in_delen = [k for d in regel.delen for k in (*d.delen, d.totaal)]
    return list(dict.fromkeys([*regel.aantallen, *in_delen]))


def _tabel(rijen: list[Rij], regel: Onderdrukkingsregel, tabellen: Mapping[str, Any]) -> None:
    """Suppress the counts of `rijen` in place, group by group."""
    if regel.overslaan:
        k, w = regel.overslaan
        rijen = [r for r in rijen if r.get(k) != w]
    kolommen = _telbaar(regel)
    for groep, totaalrij in _groepen(rijen, regel):
        if not groep:
            continue
        bron = _bronrij(tabellen, regel.koppeling, groep[0]) if regel.koppeling else None
        koppel = {
            k: (regel.koppeling.kolommen.get(k, k) if regel.koppeling else k) for k in kolommen
        }
        n = len(groep)
        status: Status = {
            (n, k): bron[hun]
            for k, hun in koppel.items()
            if bron is not None and is_onderdrukt(bron.get(hun))
        }
        _onderdruk_groep(groep, regel, status)
        verborgen = {k: s for (i, k), s in status.items() if i == n and not k.startswith("_")}
        if totaalrij is not None:
            totaalrij.update(verborgen)
            totaalrij.update({k: PRIMAIR for k in kolommen if _klein(totaalrij.get(k))})
        if bron is not None:
            for k, s in verborgen.items():
                if koppel[k] in bron:
                    bron[koppel[k]] = _strengst(bron[koppel[k]], s)
        if regel.blok_afgeleid and any(is_onderdrukt(r.get(k)) for r in groep for k in kolommen):
            for r in [*groep, *([totaalrij] if totaalrij else [])]:
                r.update({k: SECUNDAIR for k in regel.blok_afgeleid if r.get(k) is not None})


def _spiegel(rijen: list[Rij], regel: Onderdrukkingsregel, tabellen: Mapping[str, Any]) -> None:
    """A long table (van, naar, aantal) whose cells are cells of another table."""
    s = regel.spiegel
    assert s is not None
    bron = {
        (r.get("jaar"), r.get(s.sleutel) if s.sleutel else None): r
        for r in _als_lijst(tabellen.get(s.tabel) or [])
    }
    for rij in rijen:
        ander = bron.get((rij.get("jaar"), rij.get("van") if s.sleutel else None))
        waarde = ander.get(rij[s.naar]) if ander else None
        if is_onderdrukt(waarde):
            rij["aantal"] = waarde
        elif _klein(rij.get("aantal")):
            rij["aantal"] = PRIMAIR


def _groei(rijen: list[Rij], groei: Mapping[str, Sequence[str]]) -> None:
    """Growth on last year gives last year's count away (count / (1 + growth)): the growth
    columns (the count's own growth first) are hidden when this year's count is hidden or
    last year's was 1-4."""
    for rij in rijen:
        for bron, doelen in groei.items():
            nu, stijging = rij.get(bron), rij.get(doelen[0])
            vorig = None
            if isinstance(nu, int) and isinstance(stijging, int | float) and stijging > -1:
                vorig = round(nu / (1 + stijging))
            if is_onderdrukt(nu) or (vorig is not None and 0 < vorig < 5):
                rij.update({d: SECUNDAIR for d in doelen if rij.get(d) is not None})


# -- knelpunten --------------------------------------------------------------------------------
#: Figures of a signal that count persons.
PERSONEN = (
    "clienten",
    "cohort",
    "naar_wmo",
    "zonder_vervolg",
    "verlengde_jeugdhulp",
    "warme_overdracht",
)
#: Figures of a signal that say nothing about persons (kept when a count is hidden).
NIET_PERSOONLIJK = (
    "aanbieders",
    "bedrag_cent",
    "hhi",
    "top3_aandeel",
    "grootste_aandeel",
    "marktaandeel",
)
KLEIN_SIGNAAL = (
    "Signaal op basis van minder dan 5 jongeren of cliënten; de cijfers zijn "
    "alleen zichtbaar voor geautoriseerde analisten."
)


def _getal(waarde: Any) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _knelpunten(lijst: list[Rij]) -> None:
    """A signal that rests on 1-4 persons keeps its kind, segment and provider; its counts,
    the figures derived from them, its value, severity and explanation are hidden (the
    severity and the value give the counts back)."""
    for rij in lijst:
        cijfers = rij.get("cijfers") or {}
        if not any(_klein(cijfers.get(k)) for k in PERSONEN):
            continue
        rij["cijfers"] = {
            k: (PRIMAIR if _klein(w) else SECUNDAIR)
            if _getal(w) and k not in NIET_PERSOONLIJK
            else w
            for k, w in cijfers.items()
        }
        rij.update(waarde=SECUNDAIR, ernst=SECUNDAIR, uitleg=KLEIN_SIGNAAL)


# -- the rules per report ----------------------------------------------------------------------
UIT = ("verlengde_jeugdhulp", "naar_wmo", "zonder_vervolg")
ZORGVORM = ("met_verblijf", "zonder_verblijf")
_COHORT = (
    Deel(UIT, "cohort"),
    Deel(ZORGVORM, "cohort"),
    Deel(("warme_overdracht",), "naar_wmo", rest=True),
)
_PER = Onderdrukkingsregel(
    delen=_COHORT,
    groep=("jaar",),
    koppeling=Koppeling("transitie", {"jaar": "jaar"}),
    afgeleid={"naar_wmo": ("gat_dagen_mediaan",)},
)
_ZORG = ("jaar", "periode", "domein", "leeftijdsgroep")
_PER_GEMEENTE = Koppeling("per_gemeente", {k: k for k in (*_ZORG, "gemeente")})
_UITSPLITSING = Onderdrukkingsregel(
    aantallen=("aantal",),
    groep=(*_ZORG, "gemeente"),
    koppeling=_PER_GEMEENTE,
    afgeleid={"aantal": ("per_1000",)},
)
_WMO_DELEN = (Deel(("uit_jeugdhulp",), "instroom", rest=True),)
_WMO_AFGELEID = {
    "instroom": ("aandeel_uit_jeugdhulp",),
    "uit_jeugdhulp": ("aandeel_uit_jeugdhulp",),
}
_PER_CLIENT = (
    "kosten_per_client_gemiddeld_cent",
    "kosten_per_client_mediaan_cent",
    "kosten_per_client_p90_cent",
    "duur_mediaan_dagen",
    "startwachttijd_mediaan_dagen",
    "groei_clienten",
    "groei_kosten_per_client",
)
_MARKT = Onderdrukkingsregel(
    aantallen=("clienten",),
    afgeleid={"clienten": _PER_CLIENT},
    groei={"clienten": ("groei_clienten", "groei_kosten_per_client")},
)
#: Provider results: the four kinds of ending add up to afgesloten; herhaald beroep is part of
#: the afgesloten of the second half year. Rows are not parts of a published whole.
_RESULTATEN = Onderdrukkingsregel(
    aantallen=("administratief", "zonder_reden", "clienten"),
    delen=(
        Deel(("volgens_plan", "uitval", "voortijdig_overeenstemming", "extern"), "afgesloten"),
        Deel(("herhaald_beroep",), "afgesloten_h2", rest=True),
        Deel(("tevredenheid_gemeten",), "afgesloten", rest=True),
        Deel(("zonder_hulp_gemeten",), "afgesloten", rest=True),
        Deel(("zonder_hulp_verder",), "zonder_hulp_gemeten", rest=True),
    ),
    afgeleid={
        "tevredenheid_gemeten": ("tevredenheid_gemiddeld",),
        "zonder_hulp_gemeten": ("aandeel_zonder_hulp_verder",),
        "zonder_hulp_verder": ("aandeel_zonder_hulp_verder",),
        "afgesloten": ("aandeel_volgens_plan", "aandeel_uitval", "duur_mediaan_dagen"),
        "volgens_plan": ("aandeel_volgens_plan",),
        "uitval": ("aandeel_uitval",),
        "afgesloten_h2": ("aandeel_herhaald_beroep",),
        "herhaald_beroep": ("aandeel_herhaald_beroep",),
        "clienten": ("kosten_per_client_cent", "gedeclareerd_cent"),
    },
)
#: The toekomstplan rules: each is met by part of the cohort (the rest can be worked out);
#: the plans covering all domains are part of the timely plans.
_PLAN_DELEN = (
    Deel(("met_toekomstplan",), "cohort", rest=True),
    Deel(("met_toekomstplan_17_5",), "cohort", rest=True),
    Deel(("overdracht_16_5",), "cohort", rest=True),
    Deel(("alle_levensdomeinen",), "met_toekomstplan_17_5", rest=True),
    Deel(("alle_big5",), "met_toekomstplan_17_5", rest=True),
)
_PLAN_AFGELEID = {
    "cohort": ("aandeel_17_5", "aandeel_overdracht_16_5"),
    "met_toekomstplan_17_5": ("aandeel_17_5", "aandeel_alle_levensdomeinen"),
    "overdracht_16_5": ("aandeel_overdracht_16_5",),
    "alle_levensdomeinen": ("aandeel_alle_levensdomeinen",),
}
#: Outcomes per life domain: the change splits the trajecten; self-reliant at the first and at
#: the last score are each part of them. A client has trajecten in several domains, aanbieders
#: and segments (rows are not parts of one whole), but exactly one domain and one cohort.
_ZRM_DELEN = (
    Deel(("verbeterd", "gelijk", "verslechterd"), "gemeten"),
    Deel(("zelfredzaam_eerste",), "gemeten", rest=True),
    Deel(("zelfredzaam_laatste",), "gemeten", rest=True),
)
_ZRM_AFGELEID = {
    "gemeten": (
        "eerste_gemiddeld",
        "laatste_gemiddeld",
        "verschil_gemiddeld",
        "aandeel_verbeterd",
        "aandeel_zelfredzaam_eerste",
        "aandeel_zelfredzaam_laatste",
    ),
    "verbeterd": ("aandeel_verbeterd",),
    "zelfredzaam_eerste": ("aandeel_zelfredzaam_eerste",),
    "zelfredzaam_laatste": ("aandeel_zelfredzaam_laatste",),
}
_ZRM = Onderdrukkingsregel(delen=_ZRM_DELEN, afgeleid=_ZRM_AFGELEID)
GEEN_GEVALLEN = (
    "De casuslijst (--gevallen) is cliëntniveau en alleen voor geautoriseerd "
    "gebruik; die kan niet samen met openbare uitvoer (--publiek)."
)


def _weiger_gevallen(_lijst: Any) -> None:
    raise ValueError(GEEN_GEVALLEN)


#: Per report, per table (in the order they are treated: a linked table comes first).
ONDERDRUKKINGSREGELS: dict[str, dict[str, Onderdrukkingsregel]] = {
    "transitie": {
        # The summary: one row, outcomes and zorgvorm add up to the cohort, the warm
        # handovers are part of naar_wmo, the inflow from youth care part of the inflow.
        "transitie": Onderdrukkingsregel(
            delen=(
                *_COHORT,
                Deel(("wmo_instroom_uit_jeugdhulp",), "wmo_instroom_18_26", rest=True),
            ),
            afgeleid={"naar_wmo": ("gat_dagen_mediaan",)},
        ),
        # The summary's outcome cells and its cohort as rows, with their shares.
        "uitkomsten": Onderdrukkingsregel(
            aantallen=("aantal",),
            spiegel=Spiegel("transitie", None, "uitkomst"),
            afgeleid={"aantal": ("aandeel",)},
        ),
        # Rows add up to the summary (its cells are their column totals).
        "per_gemeente": _PER,
        "per_segment": _PER,
        "per_zorgvorm": _PER,
        # The same cells as per_zorgvorm and per_segment: hidden the same way.
        "stroom_zorgvorm": Onderdrukkingsregel(
            aantallen=("aantal",), spiegel=Spiegel("per_zorgvorm", "zorgvorm")
        ),
        "stroom_segment": Onderdrukkingsregel(
            aantallen=("aantal",), spiegel=Spiegel("per_segment", "segment")
        ),
        # Per age: met + zonder verblijf add up to "alle" (the cohort); still in care is
        # part of the cohort.
        "doorloop_21_23": Onderdrukkingsregel(
            delen=(Deel(("aantal",), "noemer", rest=True),),
            groep=("jaar", "leeftijd"),
            totaalrij=("zorgvorm", "alle"),
            koppeling=Koppeling("transitie", {"jaar": "jaar"}, kolommen={"noemer": "cohort"}),
            afgeleid={"aantal": ("aandeel",), "noemer": ("aandeel",)},
        ),
        "gevallen": Onderdrukkingsregel(eigen=_weiger_gevallen),
    },
    "zorggebruik": {
        # Regions add up (a client counts once per region) per period, domain and age.
        "per_regio": Onderdrukkingsregel(
            aantallen=("aantal",), groep=_ZORG, afgeleid={"aantal": ("per_1000",)}
        ),
        # Gemeenten add up to their region's cell (per_regio).
        "per_gemeente": Onderdrukkingsregel(
            aantallen=("aantal",),
            groep=(*_ZORG, "_regio"),
            afgeleid={"aantal": ("per_1000",)},
            koppeling=Koppeling("per_regio", {**{k: k for k in _ZORG}, "_regio": "regio"}),
        ),
        # Segments, care forms and categories of a gemeente add up to its cell.
        "per_segment": _UITSPLITSING,
        "per_zorgvorm": _UITSPLITSING,
        "per_productcategorie": _UITSPLITSING,
    },
    "wmo-instroom": {
        # A client counts in every category he started with: categories do not add up.
        "per_productcategorie": Onderdrukkingsregel(delen=_WMO_DELEN, afgeleid=_WMO_AFGELEID),
        # Gemeenten add up to the total row of per_productcategorie.
        "per_gemeente": Onderdrukkingsregel(
            delen=_WMO_DELEN,
            groep=("jaar",),
            afgeleid=_WMO_AFGELEID,
            koppeling=Koppeling(
                "per_productcategorie", {"jaar": "jaar"}, alleen=("productcategorie", "totaal")
            ),
        ),
    },
    "markt": {
        # A client can be in several segments and with several providers: no totals.
        "segmenten": _MARKT,
        "aanbieders": _MARKT,
        # Declared units (days, hours) and euros, no persons.
        "volumes": Onderdrukkingsregel(doorgeven=True),
        "profielen": Onderdrukkingsregel(aantallen=("clienten",)),
        # Counts of records of unclassified products; a rare product is a few clients.
        "niet_ingedeeld": Onderdrukkingsregel(
            aantallen=("toewijzingen", "leveringen", "prestaties")
        ),
    },
    "knelpunten": {
        "knelpunten": Onderdrukkingsregel(eigen=_knelpunten),
        "drempels": Onderdrukkingsregel(doorgeven=True),  # thresholds, no data
    },
    "benchmark": {
        # Per measure the gemeenten add up to the region (regio_waarde × inhabitants); the
        # cost measure counts euros, not persons.
        "benchmark": Onderdrukkingsregel(
            aantallen=("teller",),
            groep=("jaar", "regio", "maat"),
            overslaan=("maat", "jeugdkosten_per_jeugdige"),
            afgeleid={"teller": ("waarde", "afwijking", "rang", "overige_waarde")},
            blok_afgeleid=("regio_min", "regio_max", "regio_mediaan"),
        ),
    },
    "toekomstplan": {
        "plan_samenvatting": Onderdrukkingsregel(delen=_PLAN_DELEN, afgeleid=_PLAN_AFGELEID),
        # Gemeenten partition the cohort: they add up to the summary.
        "plan_per_gemeente": Onderdrukkingsregel(
            delen=_PLAN_DELEN,
            groep=("jaar",),
            koppeling=Koppeling("plan_samenvatting", {"jaar": "jaar"}),
            afgeleid=_PLAN_AFGELEID,
        ),
        # A youth with two aanbieders counts for both: rows are not parts of one whole.
        "plan_per_aanbieder": Onderdrukkingsregel(delen=_PLAN_DELEN, afgeleid=_PLAN_AFGELEID),
        # With and without a timely plan add up to the cohort, whose outcomes the transition
        # report publishes: the column totals are taken as published.
        "plan_per_uitkomst": Onderdrukkingsregel(
            delen=(
                Deel(UIT, "cohort"),
                Deel(("warme_overdracht",), "naar_wmo", rest=True),
            ),
            groep=("jaar",),
            afgeleid={
                "cohort": ("aandeel_zonder_vervolg",),
                "zonder_vervolg": ("aandeel_zonder_vervolg",),
            },
        ),
        # Plans naming a domain, of the timely plans (the same denominator in every row).
        "plan_per_domein": Onderdrukkingsregel(
            delen=(Deel(("plannen",), "noemer", rest=True),), afgeleid={"plannen": ("aandeel",)}
        ),
        "plan_gevallen": Onderdrukkingsregel(eigen=_weiger_gevallen),
    },
    "zelfredzaamheid": {
        "zrm_samenvatting": _ZRM,
        # Every traject has one domain: the domains add up to the summary.
        "zrm_per_domein": Onderdrukkingsregel(
            delen=_ZRM_DELEN,
            groep=("jaar",),
            koppeling=Koppeling("zrm_samenvatting", {"jaar": "jaar"}),
            afgeleid=_ZRM_AFGELEID,
        ),
        "zrm_per_aanbieder": _ZRM,
        "zrm_per_segment": _ZRM,
        "zrm_per_cohort": Onderdrukkingsregel(
            delen=_ZRM_DELEN,
            groep=("zrm_domein",),
            koppeling=Koppeling("zrm_per_domein", {"zrm_domein": "zrm_domein"}),
            afgeleid=_ZRM_AFGELEID,
        ),
        "zrm_verdeling": Onderdrukkingsregel(
            delen=(Deel(tuple(f"score_{s}" for s in range(1, 6)), "gemeten"),)
        ),
    },
    # Money per contract, not persons (docs/definities.md § 13, § 16); the toewijzingen
    # counted per contract (without a tariff, new or crisis during a stop) are clients, each
    # suppressed on its own.
    "bestedingsruimte": {
        "ruimte_samenvatting": Onderdrukkingsregel(doorgeven=True),
        "bestedingsruimte": Onderdrukkingsregel(
            aantallen=("toewijzingen_zonder_tarief", "instroom_tijdens_stop", "crisis_tijdens_stop")
        ),
        "verzilvering": Onderdrukkingsregel(doorgeven=True),
        "vertraging": Onderdrukkingsregel(doorgeven=True),
    },
    "resultaten": {
        "resultaat_aanbieder": _RESULTATEN,
        "resultaat_segment": _RESULTATEN,
        "resultaat_gemeente": _RESULTATEN,
        "resultaat_product": _RESULTATEN,
    },
}


#: Every report also holds ``dekking``: the data's period and whether the year is complete
#: (dates, no persons).
for _regels in ONDERDRUKKINGSREGELS.values():
    _regels["dekking"] = Onderdrukkingsregel(doorgeven=True)


def _pas_regel_toe(uit: dict[str, Any], tabel: str, regel: Onderdrukkingsregel) -> None:
    if regel.doorgeven:
        return
    if regel.eigen is not None:
        regel.eigen(uit[tabel])
    elif regel.spiegel is not None:
        _spiegel(_als_lijst(uit[tabel]), regel, uit)
    else:
        _tabel(_als_lijst(uit[tabel]), regel, uit)


def _afgeleid(inhoud: Any, regel: Onderdrukkingsregel) -> None:
    rijen = _als_lijst(inhoud) if isinstance(inhoud, dict | list) else []
    for rij in rijen:
        _verberg_afgeleid(rij, regel.afgeleid)
    _groei(rijen, regel.groei)


def openbaar_rapport(
    naam: str, tabellen: Mapping[str, Any], *, regio_van: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A copy of the tables of report `naam` fit for raad and public (see
    :data:`ONDERDRUKKINGSREGELS`).

    `regio_van` (gemeente code to jeugdregio) lets the gemeente rows of care in view be
    protected against their region's cell. A table without a rule is refused, so a new
    table cannot reach public output unsuppressed.
    """
    regels = ONDERDRUKKINGSREGELS.get(naam)
    if regels is None:
        raise ValueError(f"Onbekend rapport {naam!r}.")
    zonder = sorted(set(tabellen) - set(regels))
    if zonder:
        raise ValueError(f"Geen onderdrukkingsregel voor {naam}: {', '.join(zonder)}.")
    uit = copy.deepcopy(dict(tabellen))
    hulp = [t for t, r in regels.items() if t in uit and "_regio" in (r.groep or ())]
    for t in hulp:
        for rij in uit[t]:
            rij["_regio"] = (regio_van or {}).get(rij.get("gemeente"))
    for tabel, regel in regels.items():
        if tabel in uit:
            _pas_regel_toe(uit, tabel, regel)
    for tabel, regel in regels.items():
        if tabel in uit:
            _afgeleid(uit[tabel], regel)
    for t in hulp:
        for rij in uit[t]:
            rij.pop("_regio", None)
    return uit
