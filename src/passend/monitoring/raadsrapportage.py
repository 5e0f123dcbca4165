"""The periodic council report (raadsrapportage): one public document of a year for an area.

It holds, in this order: the transition of the cohort, the toekomstplan and the 18-/18+
rule, how trajectories of aanbieders ended, the use of the bestedingsruimte per segment, and
the commitment monitor. Every count comes from a registered report asked for with
``openbaar=True`` (:func:`passend.analysis.rapport.rapport`), so the council sees exactly the
suppression of every other public output; the bestedingsruimte is euros per segment (no
persons); a computed monitor value is shown only when the public cell it rests on is (see
:data:`MONITORBRON`). Definitions: docs/definities.md § 16.

:func:`bouw` assembles the document from the tables; the adapters fetch them (the web page
and ``passend rapport raad``), store it frozen and render it: :func:`als_html` and
:mod:`passend.monitoring.raadspdf` for the PDF, :func:`passend.analysis.uitvoer.als_xlsx`
over :meth:`Raadsrapportage.bladen` for Excel. The document is Dutch first and carries its
section headings and texts in English too (``titel_en``, ``tekst_en``, :data:`TABELTITELS_EN`);
the renderers take a language, so the same frozen figures read in either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from passend.analysis.openbaar import is_onderdrukt
from passend.analysis.privacy import SECUNDAIR
from passend.analysis.transitie import KERNCIJFERS
from passend.domain import opmaak

Rij = dict[str, Any]

#: Per computed indicator of the commitment monitor: the public cells its value rests on
#: (report, one-row table, numerator and denominator columns). Any hidden there: hidden in
#: the monitor, since a share gives its count back when its denominator is known.
MONITORBRON: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "zonder_vervolg_aandeel": ("transitie", "transitie", ("zonder_vervolg", "cohort")),
    "naar_wmo_aandeel": ("transitie", "transitie", ("naar_wmo", "cohort")),
    "verlengde_jeugdhulp_aandeel": ("transitie", "transitie", ("verlengde_jeugdhulp", "cohort")),
    "warme_overdracht_aandeel": ("transitie", "transitie", ("warme_overdracht", "naar_wmo")),
    "gat_dagen_mediaan": ("transitie", "transitie", ("gat_dagen_mediaan",)),
    "toekomstplan_17_5_aandeel": ("toekomstplan", "plan_samenvatting", ("aandeel_17_5",)),
}


#: The English title of each table title the document uses (the document is Dutch first).
TABELTITELS_EN = {
    "Uitkomst van het cohort": "Outcome of the cohort",
    "Per gemeente": "By municipality",
    "Cohort": "Cohort",
    "Plan op 17½ en overdracht op 16½": "Plan at 17½ and handover at 16½",
    "Uitkomst na 18, met en zonder plan": "Outcome after 18, with and without a plan",
    "Per segment": "By segment",
    "Ambities en indicatoren": "Ambitions and indicators",
}


def tabeltitel(titel: str, taal: str = "nl") -> str:
    """A table title in `taal` ('nl' or 'en')."""
    return TABELTITELS_EN.get(titel, titel) if taal == "en" else titel


@dataclass(frozen=True)
class Sectie:
    """One section: a heading, a short text and tables (report table name, columns, rows),
    the heading and text in Dutch and in English."""

    titel: str
    tekst: str
    tabellen: tuple[tuple[str, str, tuple[str, ...], tuple[Rij, ...]], ...] = ()
    titel_en: str = ""
    tekst_en: str = ""

    def kop(self, taal: str = "nl") -> str:
        return self.titel_en or self.titel if taal == "en" else self.titel

    def uitleg(self, taal: str = "nl") -> str:
        return self.tekst_en or self.tekst if taal == "en" else self.tekst


@dataclass(frozen=True)
class Raadsrapportage:
    titel: str
    gebied: str
    jaar: int
    cohort: int
    peildatum: str
    secties: tuple[Sectie, ...] = field(default_factory=tuple)
    titel_en: str = ""

    def titel_in(self, taal: str = "nl") -> str:
        return self.titel_en or self.titel if taal == "en" else self.titel

    def bladen(self) -> dict[str, list[Rij]]:
        """Every table by its report table name, for the Excel workbook."""
        return {naam: list(rijen) for s in self.secties for naam, _t, _k, rijen in s.tabellen}

    def als_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def uit_json(cls, d: Mapping[str, Any]) -> Raadsrapportage:
        secties = tuple(
            Sectie(
                s["titel"],
                s["tekst"],
                tuple(
                    (naam, titel, tuple(kolommen), tuple(rijen))
                    for naam, titel, kolommen, rijen in s["tabellen"]
                ),
                s.get("titel_en", ""),  # documents published before English was added
                s.get("tekst_en", ""),
            )
            for s in d["secties"]
        )
        return cls(
            d["titel"],
            d["gebied"],
            d["jaar"],
            d["cohort"],
            d["peildatum"],
            secties,
            d.get("titel_en", ""),
        )


#: The catalogue kind of a monitor row's target and actual, by the indicator's unit.
_MONITORSOORT = {"aandeel": "aandeel", "dagen": "dagen", "euro": "euro", "aantal": "aantal"}


def monitorsoort(eenheid: object) -> str:
    """How the target and the actual of a monitor row are written (they differ per row)."""
    return _MONITORSOORT.get(str(eenheid), "getal")


def per_segment(contracten: Sequence[Mapping[str, Any]]) -> list[Rij]:
    """The bestedingsruimte monitor summed per domain and segment: contracts, those with the
    70% signal, room, declared, use, and both year-end prognoses with their use."""
    groepen: dict[tuple[str, str], Rij] = {}
    for c in contracten:
        g = groepen.setdefault(
            (c["domein"], c["segment"]),
            {
                "domein": c["domein"],
                "segment": c["segment"],
                "contracten": 0,
                "met_signaal": 0,
                "bestedingsruimte_cent": 0,
                "gedeclareerd_cent": 0,
                "prognose_lineair_cent": 0,
                "prognose_verplichtingen_cent": 0,
            },
        )
        g["contracten"] += 1
        g["met_signaal"] += bool(c["signaal_70"])
        for k in (
            "bestedingsruimte_cent",
            "gedeclareerd_cent",
            "prognose_lineair_cent",
            "prognose_verplichtingen_cent",
        ):
            g[k] += int(c[k] or 0)
    uit = []
    for g in sorted(groepen.values(), key=lambda g: (g["domein"], g["segment"])):
        ruimte = g["bestedingsruimte_cent"]
        g["benutting"] = g["gedeclareerd_cent"] / ruimte if ruimte else None
        g["benutting_prognose"] = g["prognose_verplichtingen_cent"] / ruimte if ruimte else None
        uit.append(g)
    return uit


def _verborgen(publiek: Mapping[str, Mapping[str, Any]], bron: str) -> bool:
    """Whether a public cell the value of `bron` rests on is hidden (or missing)."""
    if bron not in MONITORBRON:
        return True  # nothing public to rest on
    rapport, tabel, kolommen = MONITORBRON[bron]
    inhoud = publiek.get(rapport, {}).get(tabel)
    rijen = [inhoud] if isinstance(inhoud, dict) else list(inhoud or [])
    if not rijen:
        return True
    return any(is_onderdrukt(rijen[0].get(k)) for k in kolommen)


def openbare_monitor(
    rijen: Sequence[Mapping[str, Any]],
    jaar: int,
    publiek: Mapping[str, Mapping[str, Any]],
    bronnen: Mapping[str, str],
) -> list[Rij]:
    """The commitment monitor rows of `jaar`, public: a computed value whose public cell is
    hidden becomes "x" (status "onderdrukt"); one with no public cell to rest on (a market
    figure, the continuation to 21/23) is left out of the value; a hand-entered value is
    published as entered (an aggregate the analyst typed). `bronnen` maps an indicator code
    to its source (``handmatig`` or a computed one)."""
    uit = []
    for r in rijen:
        if r["jaar"] != jaar:
            continue
        rij = {k: r[k] for k in ("doelgroep", "ambitie", "naam", "eenheid", "doel", "werkelijk")}
        rij["status"] = r["status"]
        bron = bronnen.get(r["indicator"], "handmatig")
        if bron != "handmatig" and rij["werkelijk"] is not None and _verborgen(publiek, bron):
            rij["werkelijk"], rij["status"] = SECUNDAIR, "onderdrukt"
        uit.append(rij)
    return uit


def bouw(
    *,
    titel: str,
    gebied: str,
    jaar: int,
    cohort: int,
    peildatum: str,
    publiek: Mapping[str, Mapping[str, Any]],
    segmenten: Sequence[Rij],
    monitor: Sequence[Rij],
    titel_en: str = "",
) -> Raadsrapportage:
    """The document from the public report tables (`publiek`: report name -> tables, asked
    with ``openbaar=True``), the bestedingsruimte per segment and the public monitor rows."""
    t, p, r = publiek["transitie"], publiek["toekomstplan"], publiek["resultaten"]
    samenvatting = t["transitie"]
    secties = (
        Sectie(
            "Transitie: 18 worden met jeugdhulp",
            f"Jongeren die in {cohort} 18 werden en in het jaar ervoor jeugdhulp kregen: wie "
            "kreeg verlengde jeugdhulp, wie ging naar de Wmo, wie bleef zonder vervolg.",
            (
                (
                    "uitkomsten",
                    "Uitkomst van het cohort",
                    ("uitkomst", "aantal", "aandeel"),
                    _r(t["uitkomsten"]),
                ),
                ("per_gemeente", "Per gemeente", ("naam", *KERNCIJFERS), _r(t["per_gemeente"])),
                ("transitie", "Cohort", KERNCIJFERS, _r([samenvatting])),
            ),
            "Transition: turning 18 with youth care",
            f"Young people who turned 18 in {cohort} and received youth care in the year "
            "before: who had youth care extended, who moved to the Wmo, who had no follow-up.",
        ),
        Sectie(
            "Toekomstplan en de 18-/18+-regel",
            "Elke jongere heeft op 17½ een toekomstplan; de overdracht naar ondersteuning na 18 "
            "begint uiterlijk op 16½.",
            (
                (
                    "plan_samenvatting",
                    "Plan op 17½ en overdracht op 16½",
                    (
                        "cohort",
                        "met_toekomstplan_17_5",
                        "aandeel_17_5",
                        "overdracht_16_5",
                        "aandeel_overdracht_16_5",
                    ),
                    _r(p["plan_samenvatting"]),
                ),
                (
                    "plan_per_uitkomst",
                    "Uitkomst na 18, met en zonder plan",
                    (
                        "tijdig_plan",
                        "cohort",
                        "verlengde_jeugdhulp",
                        "naar_wmo",
                        "zonder_vervolg",
                        "aandeel_zonder_vervolg",
                    ),
                    _r(p["plan_per_uitkomst"]),
                ),
                (
                    "plan_per_gemeente",
                    "Per gemeente",
                    ("naam", "cohort", "met_toekomstplan_17_5", "aandeel_17_5"),
                    _r(p["plan_per_gemeente"]),
                ),
            ),
            "Future plan and the 18-/18+ rule",
            "Every young person has a future plan at 17½; the handover to support after 18 "
            "starts at 16½ at the latest.",
        ),
        Sectie(
            "Resultaten van aanbieders",
            f"Hoe trajecten in {jaar} eindigden, naar de CBS-reden van beëindiging, per segment.",
            (
                (
                    "resultaat_segment",
                    "Per segment",
                    (
                        "domein",
                        "segmentnaam",
                        "afgesloten",
                        "volgens_plan",
                        "uitval",
                        "aandeel_uitval",
                        "herhaald_beroep",
                        "duur_mediaan_dagen",
                    ),
                    _r(r["resultaat_segment"]),
                ),
            ),
            "Provider results",
            f"How trajectories ended in {jaar}, by the CBS reason for ending, per segment.",
        ),
        Sectie(
            "Bestedingsruimte per segment",
            f"Gedeclareerd (toegekend waar de gemeente de declaratie al beantwoordde) "
            f"tegenover de bestedingsruimte van de contracten op {opmaak.datum(peildatum)}, met "
            "de prognose voor het jaareinde op de lopende toewijzingen.",
            (
                (
                    "bestedingsruimte_segment",
                    "Per segment",
                    (
                        "domein",
                        "segment",
                        "contracten",
                        "met_signaal",
                        "bestedingsruimte_cent",
                        "gedeclareerd_cent",
                        "benutting",
                        "prognose_verplichtingen_cent",
                        "benutting_prognose",
                    ),
                    _r(segmenten),
                ),
            ),
            "Spending room per segment",
            "Claimed (granted where the municipality already answered the claim) against the "
            f"spending room of the contracts on {peildatum}, with the year-end forecast from "
            "the running assignments.",
        ),
        Sectie(
            "Commitmentmonitor",
            f"Doel tegenover werkelijk per indicator in {jaar}.",
            (
                (
                    "commitmentmonitor",
                    "Ambities en indicatoren",
                    ("doelgroep", "naam", "doel", "werkelijk", "status"),
                    _r(monitor),
                ),
            ),
            "Commitment monitor",
            f"Target against actual per indicator in {jaar}.",
        ),
    )
    return Raadsrapportage(titel, gebied, jaar, cohort, peildatum, secties, titel_en)


def _r(rijen: Sequence[Mapping[str, Any]]) -> tuple[Rij, ...]:
    return tuple(dict(r) for r in rijen)
