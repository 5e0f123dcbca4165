"""The analysis pages: which registered report each shows, with which tables, columns, key
figures and charts, for which roles.

A page never computes a figure: it asks the report registry
(:func:`passend.analysis.rapport.rapport`, cached by :mod:`passend.web.analysedata`) for the
report of its filters, public or not, and shows a choice of its tables and cells. The REST API
returns the same report tables, a published raad report stores the page built public.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts import rollen as r
from passend.accounts.rollen import Rol
from passend.analysis.kolommen import MATEN, codenaam
from passend.analysis.rapport import Tabellen, Verzoek
from passend.analysis.transitie import KERNCIJFERS
from passend.domain.zrm import ZRM_DOMEINEN
from passend.web import analysedata
from passend.web.paginas.basis import Filters, Inhoud, Kerngetal, Patroon, aandeel, lees_filters
from passend.web.weergave import als_rijen, taal, tabel, webgrafieken

Tabelbouwer = Callable[[Tabellen, Filters], list[Any]]
Kerngetallen = Callable[[Tabellen, Filters], list[Kerngetal]]


@dataclass(frozen=True)
class Pagina:
    naam: str
    rapport: str
    titel: Any  # a lazy translation
    rollen: frozenset[Rol]
    tabellen: Tabelbouwer
    kerngetallen: Kerngetallen = lambda _t, _f: []
    #: "jaar": the default is the newest complete calendar year; "cohort": the newest
    #: complete cohort (a year later, see passend.analysis.dekking).
    standaard_jaar: str = "jaar"
    keuzes: dict[str, Any] = field(default_factory=dict)
    #: The report is asked for all years (the page shows the chosen one, the chart a trend).
    alle_jaren: bool = False
    gevallen: bool = False
    context: Callable[[Tabellen, Filters], dict[str, Any]] | None = None

    def filters(self, user: Any, q: Any) -> Filters:
        """This page's filters from a query string (a case list is never suppressed: only
        client-level roles open it)."""
        return lees_filters(
            user,
            q,
            standaard_jaar=self.standaard_jaar,
            keuzes=self.keuzes,
            openbaar=False if self.gevallen else None,
        )

    def verzoek(self, f: Filters) -> Verzoek:
        jaar = None if self.alle_jaren else f.jaar
        return Verzoek(f.gebied, jaar, gevallen=self.gevallen)

    def tabellen_van(self, f: Filters) -> Tabellen:
        return analysedata.rapport(self.rapport, self.verzoek(f), openbaar=f.openbaar)

    def bouw(self, f: Filters) -> Inhoud:
        inhoud = Inhoud(self.naam, str(self.titel), f)
        if f.jaar is None:
            inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
            return inhoud
        if not self.alle_jaren or self.standaard_jaar == "cohort":
            inhoud.voorlopig = _voorlopig(f)
        t = self.tabellen_van(f)
        inhoud.kerngetallen = self.kerngetallen(t, f)
        inhoud.tabellen = self.tabellen(t, f)
        inhoud.grafieken = analysedata.onthoud(
            ("grafieken", self.rapport, self.verzoek(f), f.openbaar, taal()),
            lambda: webgrafieken(self.rapport, t, openbaar=f.openbaar),
        )
        inhoud.context = self.context(t, f) if self.context else {}
        return inhoud


def _voorlopig(f: Filters) -> str:
    """The page's warning when its year (or cohort) is not complete yet; '' when it is."""
    if f.volledig or f.jaar is None or f.dekking.tot is None:
        return ""
    tekst = {
        "jaar": f.jaar,
        "tot": f.dekking.tot.isoformat(),
        "nodig": f.dekking.nodig_tot(f.jaar, cohort=f.cohort).isoformat(),
    }
    if f.cohort:
        return (
            _(
                "De gegevens lopen tot en met %(tot)s. De uitkomst van cohort "
                "%(jaar)s is pas bekend als de gegevens tot en met %(nodig)s reiken."
            )
            % tekst
        )
    return (
        _(
            "De gegevens dekken %(jaar)s niet helemaal (ze lopen tot en met "
            "%(tot)s). Vergelijk dit jaar niet met volledige jaren."
        )
        % tekst
    )


def _van_jaar(f: Filters) -> Callable[[Mapping[str, Any]], bool]:
    return lambda rij: rij.get("jaar") == f.jaar


# -- transitie --------------------------------------------------------------------------------
_UIT = KERNCIJFERS


def _transitie_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    j = {"jaar": f.jaar}
    return [
        tabel(
            "transitie",
            "uitkomsten",
            t["uitkomsten"],
            ("uitkomst", "aantal", "aandeel"),
            titel=_("Uitkomst van het cohort %(jaar)s") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "transitie",
            "per_zorgvorm",
            t["per_zorgvorm"],
            ("zorgvorm", *_UIT),
            titel=_("Cohort %(jaar)s per zorgvorm op 17") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "transitie",
            "per_segment",
            t["per_segment"],
            ("naam", *_UIT),
            titel=_("Cohort %(jaar)s per segment op 17") % j,
        ),
        tabel(
            "transitie",
            "per_gemeente",
            t["per_gemeente"],
            ("naam", *_UIT),
            titel=_("Cohort %(jaar)s per gemeente") % j,
        ),
        tabel(
            "transitie",
            "doorloop_21_23",
            t["doorloop_21_23"],
            ("leeftijd", "zorgvorm", "noemer", "aantal", "aandeel"),
            titel=_("Nog jeugdhulp op de dag vóór 21 en 23 jaar (cohort %(jaar)s)") % j,
            bijschrift=_("Alleen zodra de gegevens tot de dag vóór die verjaardag reiken."),
            filter_=lambda rij: bool(rij.get("beschikbaar")),
        ),
    ]


def _transitie_kern(t: Tabellen, f: Filters) -> list[Kerngetal]:
    k = t["transitie"]
    return [
        Kerngetal(_("18 geworden met jeugdhulp"), k["cohort"]),
        Kerngetal(_("Zonder vervolg"), aandeel(k["zonder_vervolg"], k["cohort"]), "procent"),
        Kerngetal(_("Warme overdracht naar Wmo"), k["warme_overdracht"]),
        Kerngetal(_("Mediaan dagen zonder steun (naar Wmo)"), k["gat_dagen_mediaan"], "dagen"),
        Kerngetal(_("Wmo-instroom 18–26"), k["wmo_instroom_18_26"]),
    ]


def _gevallen_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    return [
        tabel(
            "transitie",
            "gevallen",
            t["gevallen"],
            (
                "pseudoniem",
                "gemeente",
                "verjaardag_18",
                "laatste_jeugdhulp",
                "uitkomst",
                "gat_dagen",
                "eerste_wmo_begindatum",
                "warme_overdracht",
                "zorgvorm_17",
                "segmentnaam_17",
            ),
            titel=_("Jongeren van cohort %(jaar)s (pseudoniem)") % {"jaar": f.jaar},
            bijschrift=f.gebied_naam,
        )
    ]


# -- kerncijfers (care in view) ---------------------------------------------------------------
def _zorg_tabel(t: Tabellen, f: Filters) -> list[Any]:
    naam = "per_gemeente" if f.gemeente else "per_regio"
    velden = ("domein", "leeftijdsgroep", "aantal", "bevolking", "per_1000")
    eerste = ("naam",) if f.gemeente else ("regio",)
    return [
        tabel(
            "zorggebruik",
            naam,
            t[naam],
            (*eerste, *velden),
            titel=_("Cliënten in zorg in %(jaar)s per leeftijdsgroep") % {"jaar": f.jaar},
            bijschrift=f.gebied_naam,
            filter_=lambda rij: (
                rij.get("jaar") == f.jaar and (not f.gemeente or rij.get("gemeente") == f.gemeente)
            ),
        )
    ]


def _kern_kerngetallen(t: Tabellen, f: Filters) -> list[Kerngetal]:
    transitie = analysedata.rapport("transitie", Verzoek(f.gebied, f.jaar), openbaar=f.openbaar)
    markt = analysedata.rapport("markt", Verzoek(f.gebied, f.jaar), openbaar=f.openbaar)
    k = transitie["transitie"]
    uitgaven = sum(
        r["bedrag_cent"] for r in markt["segmenten"] if isinstance(r.get("bedrag_cent"), int)
    )
    return [
        Kerngetal(_("18 geworden met jeugdhulp"), k["cohort"]),
        Kerngetal(
            _("Daarvan zonder vervolg"), aandeel(k["zonder_vervolg"], k["cohort"]), "procent"
        ),
        Kerngetal(_("Wmo-instroom 18–26"), k["wmo_instroom_18_26"]),
        Kerngetal(_("Gedeclareerd (netto)"), uitgaven, "bedrag"),
    ]


# -- wmo-instroom -----------------------------------------------------------------------------
_INSTROOM = ("instroom", "uit_jeugdhulp", "aandeel_uit_jeugdhulp")


def _wmo_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    j = {"jaar": f.jaar}
    return [
        tabel(
            "wmo-instroom",
            "per_productcategorie",
            t["per_productcategorie"],
            ("productcategorie", "naam", *_INSTROOM),
            titel=_("Wmo-instroom 18–26 in %(jaar)s per productcategorie") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "wmo-instroom",
            "per_gemeente",
            t["per_gemeente"],
            ("naam", *_INSTROOM),
            titel=_("Wmo-instroom 18–26 in %(jaar)s per gemeente") % j,
        ),
    ]


def _wmo_kern(t: Tabellen, f: Filters) -> list[Kerngetal]:
    totaal = next((r for r in t["per_productcategorie"] if r["productcategorie"] == "totaal"), {})
    return [
        Kerngetal(_("Nieuwe Wmo-cliënten 18–26"), totaal.get("instroom")),
        Kerngetal(_("Daarvan uit de jeugdhulp"), totaal.get("uit_jeugdhulp")),
        Kerngetal(_("Aandeel uit de jeugdhulp"), totaal.get("aandeel_uit_jeugdhulp"), "procent"),
    ]


# -- markt ------------------------------------------------------------------------------------
_SEGMENT = (
    "segmentnaam",
    "aanbieders",
    "clienten",
    "bedrag_cent",
    "groei_bedrag",
    "kosten_per_client_mediaan_cent",
    "hhi",
    "top3_aandeel",
    "grootste_aandeel",
)
_AANBIEDER = (
    "segmentnaam",
    "aanbieder",
    "naam",
    "clienten",
    "bedrag_cent",
    "marktaandeel",
    "kosten_per_client_mediaan_cent",
)


def _gekozen_segment(f: Filters) -> str:
    segment = f.extra.get("segment", "")
    return "" if segment == "alle" else segment


def _markt_context(t: Tabellen, f: Filters) -> dict[str, Any]:
    segmenten = dict.fromkeys((r["segment"], r["segmentnaam"]) for r in t["segmenten"])
    return {"segmenten": list(segmenten), "segment": _gekozen_segment(f) or "alle"}


def _markt_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    segment = _gekozen_segment(f)
    j = {"jaar": f.jaar}
    return [
        tabel(
            "markt",
            "segmenten",
            t["segmenten"],
            _SEGMENT,
            titel=_("Markt per segment, %(jaar)s") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "markt",
            "aanbieders",
            t["aanbieders"],
            _AANBIEDER,
            titel=_("Aanbieders, %(jaar)s") % j,
            filter_=lambda rij: not segment or rij.get("segment") == segment,
            koppelingen={"aanbieder": "/analyse/markt/aanbieder/"},
        ),
        tabel(
            "markt",
            "niet_ingedeeld",
            t["niet_ingedeeld"],
            ("domein", "categorie", "productcode", "toewijzingen", "leveringen", "prestaties"),
            titel=_("Producten die het segmentmodel niet indeelt"),
        ),
    ]


def _markt_kern(t: Tabellen, f: Filters) -> list[Kerngetal]:
    uitgaven = sum(
        r["bedrag_cent"] for r in t["segmenten"] if isinstance(r.get("bedrag_cent"), int)
    )
    aanbieders = {r["aanbieder"] for r in t["aanbieders"] if r.get("bedrag_cent")}
    return [
        Kerngetal(_("Gedeclareerd (netto)"), uitgaven, "bedrag"),
        Kerngetal(_("Aanbieders met declaraties"), len(aanbieders)),
        Kerngetal(_("Segmenten"), len({r["segment"] for r in t["segmenten"]})),
    ]


def aanbieder_inhoud(f: Filters, agb: str) -> Inhoud:
    """One aanbieder's rows of the market report: its segments and its profile."""
    t = PAGINAS["markt"].tabellen_van(f)
    profiel = [r for r in als_rijen(t["profielen"]) if r.get("aanbieder") == agb]
    if not profiel:
        raise Http404(_("Deze aanbieder komt niet voor in de gegevens van dit gebied."))
    inhoud = Inhoud("aanbieder", _("Aanbieder %(agb)s") % {"agb": agb}, f)
    inhoud.context = {"profiel": profiel[0]}
    inhoud.tabellen = [
        tabel(
            "markt",
            "aanbieders",
            t["aanbieders"],
            _AANBIEDER,
            id_="aanbieder-segmenten",
            titel=_("Per segment, %(jaar)s") % {"jaar": f.jaar},
            filter_=lambda rij: rij.get("aanbieder") == agb,
        ),
        tabel(
            "markt",
            "profielen",
            profiel,
            tuple(k for k in profiel[0] if k != "aanbieder"),
            id_="aanbieder-profiel",
            titel=_("Profiel"),
        ),
        _resultaten_van(f, agb),
        _zelfredzaamheid_van(f, agb),
    ]
    return inhoud


#: The provider-results columns the aanbieder page shows, so that the table fits a 1366 px
#: screen (the download has every column of the report table).
_RESULTAATKOLOMMEN = (
    "domein",
    "afgesloten",
    "aandeel_volgens_plan",
    "aandeel_uitval",
    "aandeel_herhaald_beroep",
    "duur_mediaan_dagen",
    "kosten_per_client_cent",
    "tevredenheid_gemiddeld",
    "aandeel_zonder_hulp_verder",
)


def _resultaten_van(f: Filters, agb: str) -> Any:
    """How this aanbieder's trajectories ended in the year: its rows of the report
    'resultaten' (the same suppression as every report)."""
    t = analysedata.rapport("resultaten", Verzoek(f.gebied, f.jaar), openbaar=f.openbaar)
    return tabel(
        "resultaten",
        "resultaat_aanbieder",
        t["resultaat_aanbieder"],
        _RESULTAATKOLOMMEN,
        id_="aanbieder-resultaten",
        titel=_("Resultaten: hoe trajecten eindigden, %(jaar)s") % {"jaar": f.jaar},
        bijschrift=_(
            "Leveringen met een einddatum in het jaar, naar CBS-reden van beëindiging; "
            "herhaald beroep: een nieuwe start binnen een half jaar; tevredenheid en zonder "
            "hulp verder uit het cliëntoordeel (definities § 14)."
        ),
        filter_=lambda rij: rij.get("aanbieder") == agb,
    )


def _zelfredzaamheid_van(f: Filters, agb: str) -> Any:
    """The change in self-reliance this aanbieder measured: its rows of the report
    'zelfredzaamheid' (empty while no ZRM scores are loaded)."""
    t = analysedata.rapport("zelfredzaamheid", Verzoek(f.gebied, f.jaar), openbaar=f.openbaar)
    return tabel(
        "zelfredzaamheid",
        "zrm_per_aanbieder",
        t["zrm_per_aanbieder"],
        ("zrm_domein", "gemeten", "eerste_gemiddeld", "laatste_gemiddeld", "aandeel_verbeterd"),
        id_="aanbieder-zelfredzaamheid",
        titel=_("Zelfredzaamheid: eerste en laatste meting, %(jaar)s") % {"jaar": f.jaar},
        bijschrift=_("ZRM-metingen van de aanbieder zelf, per leefdomein (definities § 17)."),
        filter_=lambda rij: rij.get("aanbieder") == agb,
    )


# -- knelpunten, benchmark --------------------------------------------------------------------
def _knelpunt_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    return [
        tabel(
            "knelpunten",
            "knelpunten",
            t["knelpunten"],
            ("soort", "segmentnaam", "aanbieder", "uitleg", "ernst"),
            titel=_("Knelpunten %(jaar)s, ernstigste eerst") % {"jaar": f.jaar},
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "knelpunten", "drempels", t["drempels"], tuple(t["drempels"]), titel=_("Signaalwaarden")
        ),
    ]


def _benchmark_context(_t: Tabellen, f: Filters) -> dict[str, Any]:
    t = taal()
    return {
        "maten": [(code, codenaam(MATEN, code, t)) for code in MATEN],
        "maat": f.extra.get("maat") or next(iter(MATEN)),
    }


def _benchmark_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    maat = f.extra.get("maat") or next(iter(MATEN))
    return [
        tabel(
            "benchmark",
            "benchmark",
            t["benchmark"],
            (
                "naam",
                "regio",
                "maat",
                "teller",
                "noemer",
                "waarde",
                "regio_waarde",
                "afwijking",
                "rang",
            ),
            titel=_("Benchmark %(jaar)s") % {"jaar": f.jaar},
            bijschrift=f.gebied_naam,
            filter_=lambda rij: rij.get("maat") == maat,
        )
    ]


# -- toekomstplan ----------------------------------------------------------------------------
_PLAN = (
    "cohort",
    "met_toekomstplan_17_5",
    "aandeel_17_5",
    "overdracht_16_5",
    "aandeel_overdracht_16_5",
)


def _plan_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    j = {"jaar": f.jaar}
    return [
        tabel(
            "toekomstplan",
            "plan_samenvatting",
            t["plan_samenvatting"],
            (
                "cohort",
                "met_toekomstplan",
                *_PLAN[1:],
                "alle_levensdomeinen",
                "aandeel_alle_levensdomeinen",
            ),
            titel=_("Toekomstplan en overdracht, cohort %(jaar)s") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "toekomstplan",
            "plan_per_uitkomst",
            t["plan_per_uitkomst"],
            (
                "tijdig_plan",
                "cohort",
                "verlengde_jeugdhulp",
                "naar_wmo",
                "warme_overdracht",
                "zonder_vervolg",
                "aandeel_zonder_vervolg",
            ),
            titel=_("Uitkomst na 18, met en zonder plan op 17½ (cohort %(jaar)s)") % j,
        ),
        tabel(
            "toekomstplan",
            "plan_per_aanbieder",
            t["plan_per_aanbieder"],
            ("naam", "aanbieder", *_PLAN),
            titel=_("Per jeugdhulpaanbieder op 17 (cohort %(jaar)s)") % j,
            bijschrift=_("Een jongere met twee aanbieders telt bij beide."),
            koppelingen={"aanbieder": "/analyse/markt/aanbieder/"},
        ),
        tabel(
            "toekomstplan",
            "plan_per_gemeente",
            t["plan_per_gemeente"],
            ("naam", *_PLAN),
            titel=_("Per gemeente (cohort %(jaar)s)") % j,
        ),
        tabel(
            "toekomstplan",
            "plan_per_domein",
            t["plan_per_domein"],
            ("soort", "naam", "plannen", "noemer", "aandeel"),
            titel=_("Leefdomeinen en Big 5 in de plannen op 17½ (cohort %(jaar)s)") % j,
        ),
    ]


def _plan_kern(t: Tabellen, f: Filters) -> list[Kerngetal]:
    k = t["plan_samenvatting"][0] if t["plan_samenvatting"] else {}
    ja, nee = (t["plan_per_uitkomst"] + [{}, {}])[:2]
    return [
        Kerngetal(_("18 geworden met jeugdhulp"), k.get("cohort")),
        Kerngetal(_("Toekomstplan op 17½"), k.get("aandeel_17_5"), "procent"),
        Kerngetal(_("Overdracht gestart op 16½"), k.get("aandeel_overdracht_16_5"), "procent"),
        Kerngetal(_("Zonder vervolg, met plan"), ja.get("aandeel_zonder_vervolg"), "procent"),
        Kerngetal(_("Zonder vervolg, zonder plan"), nee.get("aandeel_zonder_vervolg"), "procent"),
    ]


def _plan_gevallen_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    aanbieder = f.extra.get("aanbieder", "")
    return [
        tabel(
            "toekomstplan",
            "plan_gevallen",
            t["plan_gevallen"],
            (
                "pseudoniem",
                "gemeente",
                "verjaardag_18",
                "dag_17_5",
                "eerste_plan",
                "met_toekomstplan_17_5",
                "eerste_overdracht",
                "overdracht_16_5",
                "uitkomst",
                "aanbieders_17",
            ),
            titel=_("Jongeren van cohort %(jaar)s en hun toekomstplan (pseudoniem)")
            % {"jaar": f.jaar},
            bijschrift=(
                _("Jeugdhulpaanbieder op 17: %(agb)s") % {"agb": aanbieder}
                if aanbieder
                else f.gebied_naam
            ),
            filter_=lambda rij: not aanbieder or aanbieder in (rij.get("aanbieders_17") or ""),
        )
    ]


# -- zelfredzaamheid (ZRM) ---------------------------------------------------------------------
_ZRM = (
    "gemeten",
    "eerste_gemiddeld",
    "laatste_gemiddeld",
    "verschil_gemiddeld",
    "verbeterd",
    "gelijk",
    "verslechterd",
    "aandeel_verbeterd",
    "aandeel_zelfredzaam_eerste",
    "aandeel_zelfredzaam_laatste",
)


def _zrm_context(_t: Tabellen, f: Filters) -> dict[str, Any]:
    t = taal()
    return {
        "domeinen": [(code, codenaam(ZRM_DOMEINEN, code, t)) for code in ZRM_DOMEINEN],
        "domein": f.extra.get("zrm_domein", ""),
    }


def _zrm_tabellen(t: Tabellen, f: Filters) -> list[Any]:
    j = {"jaar": f.jaar}
    domein = f.extra.get("zrm_domein", "")
    gekozen = codenaam(ZRM_DOMEINEN, domein, taal()) if domein else _("alle domeinen")

    def van_domein(rij: Mapping[str, Any]) -> bool:
        return not domein or rij.get("zrm_domein") == domein

    return [
        tabel(
            "zelfredzaamheid",
            "zrm_per_domein",
            t["zrm_per_domein"],
            ("zrm_domein", "pijler", *_ZRM),
            titel=_("Verandering per leefdomein, laatste meting in %(jaar)s") % j,
            bijschrift=f.gebied_naam,
        ),
        tabel(
            "zelfredzaamheid",
            "zrm_per_aanbieder",
            t["zrm_per_aanbieder"],
            ("naam", "aanbieder", "zrm_domein", *_ZRM),
            titel=_("Per aanbieder (%(domein)s)") % {"domein": gekozen},
            bijschrift=_("Alleen de metingen van de aanbieder zelf."),
            koppelingen={"aanbieder": "/analyse/markt/aanbieder/"},
            filter_=van_domein,
        ),
        tabel(
            "zelfredzaamheid",
            "zrm_per_segment",
            t["zrm_per_segment"],
            ("segmentnaam", "zrm_domein", *_ZRM),
            titel=_("Per segment van de zorg bij de eerste meting (%(domein)s)")
            % {"domein": gekozen},
            bijschrift=_("Een cliënt met zorg in twee segmenten telt bij beide."),
            filter_=van_domein,
        ),
        tabel(
            "zelfredzaamheid",
            "zrm_per_cohort",
            t["zrm_per_cohort"],
            ("cohortjaar", "zrm_domein", *_ZRM),
            titel=_("Per cohort: het jaar waarin de cliënt 18 wordt (%(domein)s)")
            % {"domein": gekozen},
            filter_=van_domein,
        ),
        tabel(
            "zelfredzaamheid",
            "zrm_verdeling",
            t["zrm_verdeling"],
            ("zrm_domein", "periode", "gemeten", *(f"score_{s}" for s in range(1, 6))),
            titel=_("Scores per halfjaar (%(domein)s)") % {"domein": gekozen},
            filter_=van_domein,
        ),
    ]


def _zrm_kern(t: Tabellen, f: Filters) -> list[Kerngetal]:
    k = t["zrm_samenvatting"][0] if t["zrm_samenvatting"] else {}
    return [
        Kerngetal(_("Trajecten met twee metingen"), k.get("gemeten")),
        Kerngetal(_("Verbeterd"), k.get("aandeel_verbeterd"), "procent"),
        Kerngetal(
            _("Zelfredzaam bij eerste meting"), k.get("aandeel_zelfredzaam_eerste"), "procent"
        ),
        Kerngetal(
            _("Zelfredzaam bij laatste meting"), k.get("aandeel_zelfredzaam_laatste"), "procent"
        ),
    ]


_ANALYSE_CONTRACT = r.ANALYSE | {Rol.CONTRACTMANAGER}
PAGINAS: dict[str, Pagina] = {
    p.naam: p
    for p in (
        Pagina(
            "kerncijfers",
            "zorggebruik",
            gettext_lazy("Kerncijfers"),
            _ANALYSE_CONTRACT,
            _zorg_tabel,
            _kern_kerngetallen,
            "cohort",  # its key figures are those of the cohort
            alle_jaren=True,
        ),
        Pagina(
            "transitie",
            "transitie",
            gettext_lazy("Transitie 16–27"),
            r.ANALYSE,
            _transitie_tabellen,
            _transitie_kern,
            "cohort",
        ),
        Pagina(
            "wmo-instroom",
            "wmo-instroom",
            gettext_lazy("Wmo-instroom 18–26"),
            r.ANALYSE,
            _wmo_tabellen,
            _wmo_kern,
        ),
        Pagina(
            "markt",
            "markt",
            gettext_lazy("Markt"),
            r.MARKT,
            _markt_tabellen,
            _markt_kern,
            keuzes={"segment": Patroon(r"\w{1,10}")},
            context=_markt_context,
        ),
        Pagina("knelpunten", "knelpunten", gettext_lazy("Knelpunten"), r.MARKT, _knelpunt_tabellen),
        Pagina(
            "benchmark",
            "benchmark",
            gettext_lazy("Benchmark"),
            r.ANALYSE,
            _benchmark_tabellen,
            keuzes={"maat": MATEN},
            context=_benchmark_context,
        ),
        Pagina(
            "toekomstplan",
            "toekomstplan",
            gettext_lazy("Toekomstplan en 18-/18+"),
            r.MARKT,
            _plan_tabellen,
            _plan_kern,
            "cohort",
        ),
        Pagina(
            "zelfredzaamheid",
            "zelfredzaamheid",
            gettext_lazy("Zelfredzaamheid per leefdomein"),
            r.MARKT,
            _zrm_tabellen,
            _zrm_kern,
            keuzes={"zrm_domein": ZRM_DOMEINEN},
            context=_zrm_context,
        ),
    )
}
GEVALLEN = Pagina(
    "transitie-gevallen",
    "transitie",
    gettext_lazy("Transitie 16–27: per jongere"),
    r.CLIENTNIVEAU,
    _gevallen_tabellen,
    standaard_jaar="cohort",
    gevallen=True,
)

PLAN_GEVALLEN = Pagina(
    "toekomstplan-jongeren",
    "toekomstplan",
    gettext_lazy("Toekomstplan: per jongere"),
    r.CLIENTNIVEAU,
    _plan_gevallen_tabellen,
    standaard_jaar="cohort",
    keuzes={"aanbieder": Patroon(r"\d{8}")},
    gevallen=True,
)

__all__ = ["GEVALLEN", "PAGINAS", "PLAN_GEVALLEN", "Pagina", "aanbieder_inhoud"]
