"""The column catalogue: what every column (and key) of every report means, as data.

One entry per column key that a report of :data:`passend.analysis.rapport.RAPPORTSOORTEN` can
return: a Dutch and an English label, a kind (which drives the number format in Excel and
the axis format in charts) and a short Dutch definition for the Definities sheet. A test runs
every report and fails on a column without an entry, so the catalogue cannot fall behind.

Keys that mean something else in one table (``zonder_vervolg`` is a count in the transition
tables but a fraction among the knelpunt thresholds) get a per-table override.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from passend.domain.toekomstplan import BIG5
from passend.domain.zrm import SCORES, ZRM_DOMEINEN

Soort = Literal[
    "aantal",
    "eurocent",
    "tarief",
    "euro",
    "aandeel",
    "dagen",
    "tekst",
    "datum",
    "jaar",
    "geheel",
    "index",
    "getal",
    "janee",
    "lijst",
]

#: Excel number format per kind (kinds not listed are written as they are).
EXCEL_FORMAAT: dict[str, str] = {
    "aantal": "#,##0",
    "eurocent": '"€" #,##0.00',  # written in euro: the value is divided by 100 first
    "tarief": '"€" #,##0.00',  # eurocent too, shown with its cents everywhere
    "euro": '"€" #,##0.00',
    "aandeel": "0.0%",  # shares are fractions 0-1 in the data
    "dagen": "#,##0",
    "datum": "dd-mm-yyyy",
    "jaar": "0",
    "geheel": "0",
    "index": "#,##0",
    "getal": "#,##0.00",
}

#: Dutch and English name of each kind, for the Definities sheet.
SOORT_NAAM: dict[str, tuple[str, str]] = {
    "aantal": ("aantal", "count"),
    "eurocent": ("euro", "euro"),
    "tarief": ("euro met centen", "euro with cents"),
    "euro": ("euro", "euro"),
    "aandeel": ("percentage", "percentage"),
    "dagen": ("dagen", "days"),
    "tekst": ("tekst", "text"),
    "datum": ("datum", "date"),
    "jaar": ("jaar", "year"),
    "geheel": ("getal", "number"),
    "index": ("index (0–10.000)", "index (0–10,000)"),
    "getal": ("getal", "number"),
    "janee": ("ja/nee", "yes/no"),
    "lijst": ("lijst", "list"),
}


@dataclass(frozen=True)
class Kolomdefinitie:
    """One column: labels, kind and the Dutch definition."""

    sleutel: str
    nl: str
    en: str
    soort: Soort
    definitie: str = ""

    def label(self, taal: str = "nl") -> str:
        return self.en if taal == "en" else self.nl


def _k(sleutel: str, nl: str, en: str, soort: Soort, definitie: str = "") -> Kolomdefinitie:
    return Kolomdefinitie(sleutel, nl, en, soort, definitie)


_COHORT = "jongeren die in het jaar 18 werden en in de 365 dagen daarvoor jeugdhulp ontvingen"

_ALGEMEEN = [
    _k(
        "jaar",
        "Jaar",
        "Year",
        "jaar",
        "Kalenderjaar; bij de transitie het jaar van de 18e verjaardag.",
    ),
    _k(
        "gemeente",
        "Gemeentecode",
        "Municipality code",
        "tekst",
        "CBS-gemeentecode van de zorg (de gemeente uit de berichten).",
    ),
    _k("naam", "Naam", "Name", "tekst", "Naam van de gemeente, het segment of de aanbieder."),
    _k("regio", "Jeugdregio", "Youth care region", "tekst", "Jeugdregio van de gemeente."),
    _k(
        "segment",
        "Segmentcode",
        "Segment code",
        "tekst",
        "Code van het segment in het segmentmodel.",
    ),
    _k("segmentnaam", "Segment", "Segment", "tekst", "Naam van het segment."),
    _k("domein", "Domein", "Domain", "tekst", "jeugd (Jeugdwet) of wmo (Wmo 2015)."),
    _k("aanbieder", "Aanbieder (AGB)", "Provider (AGB)", "tekst", "AGB-code van de aanbieder."),
    _k(
        "productcategorie",
        "Productcategorie",
        "Product category",
        "tekst",
        "Productcategorie van de levering (iJw/iWmo-codelijst).",
    ),
    _k(
        "categorienaam",
        "Omschrijving categorie",
        "Category description",
        "tekst",
        "Omschrijving van de productcategorie volgens de codelijst JZ020 of WMO020.",
    ),
    _k("gegeven", "Gegeven", "Item", "tekst", "Naam van het cijfer."),
    _k("waarde", "Waarde", "Value", "getal", "De waarde van het cijfer of de maat."),
]

_TRANSITIE = [
    _k("cohort", "Cohort", "Cohort", "aantal", f"Aantal {_COHORT}."),
    _k(
        "verlengde_jeugdhulp",
        "Verlengde jeugdhulp",
        "Extended youth care",
        "aantal",
        "Cohortleden met jeugdhulp op of na de 18e verjaardag.",
    ),
    _k(
        "naar_wmo",
        "Naar Wmo",
        "To Wmo",
        "aantal",
        "Cohortleden zonder verlengde jeugdhulp "
        "met een Wmo-levering die begint tussen V−365 en E+365.",
    ),
    _k(
        "warme_overdracht",
        "Warme overdracht",
        "Warm handover",
        "aantal",
        "Naar Wmo zonder gat, met een Wmo-toewijzing op of vóór de laatste dag jeugdhulp.",
    ),
    _k(
        "zonder_vervolg",
        "Zonder vervolg",
        "No follow-up",
        "aantal",
        "Cohortleden zonder verlengde jeugdhulp en zonder Wmo.",
    ),
    _k(
        "gat_dagen_mediaan",
        "Mediaan gat (dagen)",
        "Median gap (days)",
        "dagen",
        "Mediaan van het aantal dagen zonder steun tussen jeugdhulp en Wmo (naar Wmo).",
    ),
    _k(
        "met_verblijf",
        "Met verblijf",
        "With residential care",
        "aantal",
        "Cohortleden met verblijf (categorie 43/44) in het jaar vóór de 18e verjaardag.",
    ),
    _k(
        "zonder_verblijf",
        "Zonder verblijf",
        "Without residential care",
        "aantal",
        "Cohortleden zonder verblijf in het jaar vóór de 18e verjaardag.",
    ),
    _k(
        "wmo_instroom_18_26",
        "Wmo-instroom 18–26",
        "Wmo inflow 18–26",
        "aantal",
        "Cliënten van 18 t/m 26 jaar met hun eerste Wmo-levering in het jaar.",
    ),
    _k(
        "wmo_instroom_uit_jeugdhulp",
        "Wmo-instroom uit jeugdhulp",
        "Wmo inflow from youth care",
        "aantal",
        "Van de Wmo-instroom 18–26: wie eerder een Jeugd-levering had.",
    ),
    _k("van", "Van (code)", "From (code)", "tekst", "Zorgvorm of segment op 17 (code)."),
    _k("van_naam", "Op 17", "At 17", "tekst", "Zorgvorm of segment op 17."),
    _k(
        "naar",
        "Uitkomst (code)",
        "Outcome (code)",
        "tekst",
        "verlengde_jeugdhulp, naar_wmo of zonder_vervolg.",
    ),
    _k("aantal", "Aantal", "Count", "aantal", "Aantal cliënten of jongeren in de groep."),
    _k("leeftijd", "Leeftijd", "Age", "geheel", "Leeftijd in jaren."),
    _k("zorgvorm", "Zorgvorm", "Care form", "tekst", "Met of zonder verblijf (alleen Jeugd)."),
    _k("noemer", "Noemer", "Denominator", "aantal", "Het aantal waardoor is gedeeld."),
    _k("aandeel", "Aandeel", "Share", "aandeel", "Aantal gedeeld door de noemer."),
    _k(
        "beschikbaar",
        "Beschikbaar",
        "Available",
        "janee",
        "Of de gegevens ver genoeg reiken om het cijfer te berekenen.",
    ),
    _k("peildatum", "Peildatum", "Reference date", "datum", "Laatste datum in de gegevens."),
    _k(
        "gegevens_van",
        "Gegevens vanaf",
        "Data from",
        "datum",
        "Eerste vastgelegde einde van zorg of gedeclareerde periode (zie definities § 1.1).",
    ),
    _k("gegevens_tot", "Gegevens tot en met", "Data up to", "datum", "De peildatum."),
    _k(
        "nodig_tot",
        "Volledig vanaf peildatum",
        "Complete from reference date",
        "datum",
        "De datum tot waar de gegevens moeten reiken om het jaar of cohort volledig te maken.",
    ),
]

_GEVALLEN = [
    _k("pseudoniem", "Pseudoniem", "Pseudonym", "tekst", "Sleutel-gehashte cliënt (geen BSN)."),
    _k("verjaardag_18", "18 jaar op", "18th birthday", "datum", "Dag van de 18e verjaardag."),
    _k(
        "laatste_jeugdhulp",
        "Laatste dag jeugdhulp",
        "Last day of youth care",
        "datum",
        "Laatste einddatum van de Jeugd-leveringen (leeg: loopt nog).",
    ),
    _k(
        "uitkomst",
        "Uitkomst",
        "Outcome",
        "tekst",
        "verlengde_jeugdhulp, naar_wmo of zonder_vervolg.",
    ),
    _k(
        "gat_dagen",
        "Gat (dagen)",
        "Gap (days)",
        "dagen",
        "Dagen zonder steun tussen het einde van de jeugdhulp en de eerste Wmo-dag.",
    ),
    _k(
        "eerste_wmo_begindatum",
        "Eerste Wmo-dag",
        "First Wmo day",
        "datum",
        "Begindatum van de eerste Wmo-levering in het venster.",
    ),
    _k("zorgvorm_17", "Zorgvorm op 17", "Care form at 17", "tekst", "Met of zonder verblijf."),
    _k(
        "segment_17",
        "Segmentcode op 17",
        "Segment code at 17",
        "tekst",
        "Zwaarste segment in het jaar vóór de 18e verjaardag.",
    ),
    _k("segmentnaam_17", "Segment op 17", "Segment at 17", "tekst", "Naam van dat segment."),
]

_ZORGGEBRUIK = [
    _k("periode", "Periode", "Period", "tekst", "Kalenderjaar of CBS-halfjaar (JH-1, JH-2)."),
    _k("periode_begin", "Begin periode", "Period start", "datum", "Eerste dag van de periode."),
    _k("periode_eind", "Einde periode", "Period end", "datum", "Laatste dag van de periode."),
    _k(
        "leeftijdsgroep",
        "Leeftijdsgroep",
        "Age group",
        "tekst",
        "Leeftijd op de eerste dag in zorg in de periode (0–11, 12–15, 16–17, 18–22, 23–26).",
    ),
    _k(
        "bevolking",
        "Inwoners",
        "Population",
        "aantal",
        "Inwoners van dezelfde gemeente(n) en leeftijdsgroep op 1 januari.",
    ),
    _k("volledig", "Volledig", "Complete", "janee", "Of de periode vóór de peildatum eindigde."),
    _k(
        "per_1000",
        "Per 1.000 inwoners",
        "Per 1,000 inhabitants",
        "getal",
        "Aantal × 1.000 / inwoners.",
    ),
]

_WMO = [
    _k(
        "instroom",
        "Instroom",
        "Inflow",
        "aantal",
        "Cliënten van 18–26 met hun eerste Wmo-levering in het jaar.",
    ),
    _k(
        "uit_jeugdhulp",
        "Uit jeugdhulp",
        "From youth care",
        "aantal",
        "Van de instroom: wie eerder een Jeugd-levering begon.",
    ),
    _k(
        "aandeel_uit_jeugdhulp",
        "Aandeel uit jeugdhulp",
        "Share from youth care",
        "aandeel",
        "Uit jeugdhulp gedeeld door instroom.",
    ),
]

_MARKT = [
    _k(
        "aanbieders",
        "Aanbieders",
        "Providers",
        "aantal",
        "Aanbieders met positieve uitgaven in het segment.",
    ),
    _k(
        "clienten",
        "Cliënten",
        "Clients",
        "aantal",
        "Cliënten met per saldo positieve uitgaven in de groep.",
    ),
    _k(
        "bedrag_cent",
        "Uitgaven",
        "Spending",
        "eurocent",
        "Debet min credit van de prestaties, naar het jaar van de begindatum.",
    ),
    _k(
        "kosten_per_client_gemiddeld_cent",
        "Gem. kosten per cliënt",
        "Mean cost per client",
        "eurocent",
        "Gemiddelde uitgaven per cliënt.",
    ),
    _k(
        "kosten_per_client_mediaan_cent",
        "Mediaan kosten per cliënt",
        "Median cost per client",
        "eurocent",
        "Mediaan van de uitgaven per cliënt.",
    ),
    _k(
        "kosten_per_client_p90_cent",
        "P90 kosten per cliënt",
        "P90 cost per client",
        "eurocent",
        "90e percentiel van de uitgaven per cliënt.",
    ),
    _k(
        "hhi",
        "HHI",
        "HHI",
        "index",
        "Herfindahl-Hirschman-index: som van de kwadraten van de marktaandelen × 10.000.",
    ),
    _k(
        "top3_aandeel",
        "Top-3-aandeel",
        "Top-3 share",
        "aandeel",
        "De drie grootste marktaandelen samen.",
    ),
    _k(
        "grootste_aanbieder",
        "Grootste aanbieder",
        "Largest provider",
        "tekst",
        "Aanbieder met het grootste marktaandeel.",
    ),
    _k(
        "grootste_aandeel",
        "Grootste aandeel",
        "Largest share",
        "aandeel",
        "Marktaandeel van de grootste aanbieder.",
    ),
    _k(
        "duur_mediaan_dagen",
        "Mediane duur (dagen)",
        "Median duration (days)",
        "dagen",
        "Mediaan van einddatum − begindatum + 1 over beëindigde leveringen.",
    ),
    _k(
        "startwachttijd_mediaan_dagen",
        "Mediane startwachttijd (dagen)",
        "Median waiting time (days)",
        "dagen",
        "Mediaan van eerste levering min ingangsdatum van de toewijzing.",
    ),
    _k(
        "groei_bedrag",
        "Groei uitgaven",
        "Spending growth",
        "aandeel",
        "(Uitgaven − uitgaven vorig jaar) / uitgaven vorig jaar.",
    ),
    _k(
        "groei_clienten",
        "Groei cliënten",
        "Client growth",
        "aandeel",
        "(Cliënten − cliënten vorig jaar) / cliënten vorig jaar.",
    ),
    _k(
        "groei_kosten_per_client",
        "Groei kosten per cliënt",
        "Cost per client growth",
        "aandeel",
        "Groei van de gemiddelde kosten per cliënt ten opzichte van vorig jaar.",
    ),
    _k(
        "apart",
        "Apart gerapporteerd",
        "Reported separately",
        "janee",
        "Landelijk ingekocht of niet ingedeeld: telt niet mee in de knelpunten.",
    ),
    _k(
        "marktaandeel",
        "Marktaandeel",
        "Market share",
        "aandeel",
        "Uitgaven van de aanbieder / uitgaven van het segment.",
    ),
    _k("eenheid", "Eenheid", "Unit", "tekst", "Eenheid van het volume (iStandaarden-code)."),
    _k("volume", "Volume", "Volume", "aantal", "Gedeclareerd volume in die eenheid."),
    _k("segmenten", "Segmenten", "Segments", "lijst", "Segmenten waarin de aanbieder actief is."),
    _k("producten", "Producten", "Products", "lijst", "Producten (domein categorie/code)."),
    _k("gemeenten", "Gemeenten", "Municipalities", "lijst", "Gemeenten van de aanbieder."),
    _k("categorie", "Categorie", "Category", "tekst", "Productcategorie."),
    _k("productcode", "Productcode", "Product code", "tekst", "Productcode."),
    _k("toewijzingen", "Toewijzingen", "Assignments", "aantal", "Aantal toewijzingen."),
    _k("leveringen", "Leveringen", "Deliveries", "aantal", "Aantal leveringen."),
    _k("prestaties", "Prestaties", "Services billed", "aantal", "Aantal prestaties."),
]

_KNELPUNTEN = [
    _k("soort", "Signaal", "Signal", "tekst", "Soort knelpunt (zie de drempels)."),
    _k(
        "ernst",
        "Ernst",
        "Severity",
        "getal",
        "Relatieve overschrijding van de drempel × log10(10 + betrokken cliënten).",
    ),
    _k("drempel", "Drempel", "Threshold", "getal", "De signaalwaarde."),
    _k("cijfers", "Cijfers", "Figures", "tekst", "De cijfers die het signaal gaven."),
    _k("uitleg", "Uitleg", "Explanation", "tekst", "Het signaal in gewone taal."),
]

_BENCHMARK = [
    _k("maat", "Maat", "Measure", "tekst", "De vergeleken maat (zie de definities)."),
    _k("teller", "Teller", "Numerator", "getal", "Teller van de maat."),
    _k(
        "regio_waarde",
        "Regio",
        "Region",
        "getal",
        "Gepoold regiocijfer: som tellers / som inwoners.",
    ),
    _k(
        "overige_waarde",
        "Overige gemeenten",
        "Other municipalities",
        "getal",
        "Gepoold cijfer van de regio zonder de gemeente zelf.",
    ),
    _k(
        "afwijking",
        "Afwijking van regio",
        "Deviation from region",
        "aandeel",
        "(Waarde − regio) / regio.",
    ),
    _k("rang", "Rang", "Rank", "geheel", "1 is de hoogste waarde in de regio."),
    _k(
        "aantal_gemeenten",
        "Gemeenten in regio",
        "Municipalities in region",
        "aantal",
        "Vergeleken gemeenten.",
    ),
    _k("regio_min", "Regio minimum", "Region minimum", "getal", "Laagste gemeentewaarde."),
    _k("regio_max", "Regio maximum", "Region maximum", "getal", "Hoogste gemeentewaarde."),
    _k(
        "regio_mediaan",
        "Regio mediaan",
        "Region median",
        "getal",
        "Mediaan van de gemeentewaarden.",
    ),
]

_RESULTATEN = [
    _k(
        "afgesloten",
        "Afgesloten",
        "Closed",
        "aantal",
        "Leveringen met einddatum in het jaar en een reden uit de CBS-uitkomstenset (Jeugd "
        "31–35, Wmo 19, 21, 22, 23, 31).",
    ),
    _k("volgens_plan", "Volgens plan", "As planned", "aantal", "Reden Jeugd 31, Wmo 19."),
    _k(
        "uitval",
        "Uitval",
        "Drop-out",
        "aantal",
        "Voortijdig gestopt door cliënt of aanbieder: Jeugd 32 + 33, Wmo 21 + 22.",
    ),
    _k(
        "voortijdig_overeenstemming",
        "Voortijdig in overeenstemming",
        "Early by agreement",
        "aantal",
        "Reden Jeugd 34, Wmo 23.",
    ),
    _k("extern", "Externe oorzaak", "External cause", "aantal", "Reden Jeugd 35, Wmo 31."),
    _k(
        "administratief",
        "Administratief beëindigd",
        "Ended administratively",
        "aantal",
        "Reden 02, 20, 36–39: apart gemeld, niet in de noemer.",
    ),
    _k(
        "zonder_reden",
        "Zonder reden",
        "Without reason",
        "aantal",
        "Een stop zonder reden of met een andere code.",
    ),
    _k(
        "afgesloten_h2",
        "Afgesloten 2e halfjaar",
        "Closed in 2nd half",
        "aantal",
        "Afgesloten met einddatum van 1 juli tot en met 31 december.",
    ),
    _k(
        "herhaald_beroep",
        "Herhaald beroep",
        "Repeat use",
        "aantal",
        "Van de afgesloten in het 2e halfjaar: met een nieuwe levering in hetzelfde domein na "
        "de einddatum, tot en met 30 juni van het jaar erna; leeg zolang de gegevens daar "
        "niet komen.",
    ),
    _k(
        "tevredenheid_gemeten",
        "Met rapportcijfer",
        "With a mark",
        "aantal",
        "Afgesloten met een cliëntoordeel over het nut van de hulp (1-10); het antwoord van "
        "de jeugdige telt, dat van de ouder als de jeugdige er geen gaf.",
    ),
    _k(
        "tevredenheid_gemiddeld",
        "Tevredenheid (gemiddeld)",
        "Satisfaction (mean)",
        "getal",
        "Gemiddeld rapportcijfer (1-10) voor het nut van de hulp.",
    ),
    _k(
        "zonder_hulp_gemeten",
        "Met antwoord zonder hulp verder",
        "With a no-further-help answer",
        "aantal",
        "Afgesloten met een antwoord 01-04 op de vraag of de cliënt zonder hulp verder kan.",
    ),
    _k(
        "zonder_hulp_verder",
        "Zonder hulp verder",
        "No further help",
        "aantal",
        "Antwoord 03 (nu geen hulp nodig) of 04 (geen verdere hulp meer nodig).",
    ),
    _k(
        "aandeel_zonder_hulp_verder",
        "Aandeel zonder hulp verder",
        "Share no further help",
        "aandeel",
        "Zonder hulp verder / met antwoord zonder hulp verder.",
    ),
    _k(
        "aandeel_volgens_plan",
        "Aandeel volgens plan",
        "Share as planned",
        "aandeel",
        "Volgens plan / afgesloten.",
    ),
    _k("aandeel_uitval", "Aandeel uitval", "Drop-out share", "aandeel", "Uitval / afgesloten."),
    _k(
        "aandeel_herhaald_beroep",
        "Aandeel herhaald beroep",
        "Repeat-use share",
        "aandeel",
        "Herhaald beroep / afgesloten 2e halfjaar.",
    ),
    _k(
        "gedeclareerd_cent",
        "Gedeclareerd",
        "Claimed",
        "eurocent",
        "Prestaties met een productperiode die in het jaar begint, debet min credit.",
    ),
    _k(
        "kosten_per_client_cent",
        "Kosten per cliënt",
        "Cost per client",
        "eurocent",
        "Gedeclareerd / cliënten met prestaties in het jaar.",
    ),
]
_TOEKOMSTPLAN = [
    _k(
        "met_toekomstplan",
        "Met toekomstplan",
        "With future plan",
        "aantal",
        "Cohortjongeren met een toekomstplan, van welke datum ook.",
    ),
    _k(
        "met_toekomstplan_17_5",
        "Plan op 17½",
        "Plan by 17½",
        "aantal",
        "Cohortjongeren met een toekomstplan gedateerd op of vóór de dag dat zij 17½ werden.",
    ),
    _k(
        "overdracht_16_5",
        "Overdracht vanaf 16½",
        "Handover from 16½",
        "aantal",
        "Cohortjongeren bij wie de overdracht naar ondersteuning na 18 op of vóór 16½ "
        "begon (minstens 1,5 jaar vóór 18, Contractstandaard art. 1.7).",
    ),
    _k(
        "alle_levensdomeinen",
        "Alle zeven leefdomeinen",
        "All seven life domains",
        "aantal",
        "Van de plannen op 17½: samen alle zeven leefdomeinen genoemd (leren, werken, vrije "
        "tijd, netwerk, wonen, financiën, zorg).",
    ),
    _k(
        "alle_big5",
        "Alle Big 5-pijlers",
        "All Big 5 pillars",
        "aantal",
        "Van de plannen op 17½: alle vijf pijlers gedekt, direct of via een leefdomein.",
    ),
    _k(
        "aandeel_17_5",
        "Aandeel met plan op 17½",
        "Share with plan by 17½",
        "aandeel",
        "Plan op 17½ / cohort.",
    ),
    _k(
        "aandeel_overdracht_16_5",
        "Aandeel overdracht vanaf 16½",
        "Share handover from 16½",
        "aandeel",
        "Overdracht vanaf 16½ / cohort.",
    ),
    _k(
        "aandeel_alle_levensdomeinen",
        "Aandeel plannen met alle leefdomeinen",
        "Share of plans with all life domains",
        "aandeel",
        "Alle zeven leefdomeinen / plan op 17½.",
    ),
    _k(
        "tijdig_plan",
        "Plan op 17½",
        "Plan by 17½",
        "tekst",
        "ja: een toekomstplan op of vóór 17½; nee: geen of een later plan.",
    ),
    _k(
        "aandeel_zonder_vervolg",
        "Aandeel zonder vervolg",
        "Share without follow-up",
        "aandeel",
        "Zonder vervolg / cohort.",
    ),
    _k(
        "plannen",
        "Plannen",
        "Plans",
        "aantal",
        "Jongeren met een plan op 17½ dat dit leefdomein noemt (of deze pijler dekt).",
    ),
    _k("dag_17_5", "17½ op", "Turns 17½ on", "datum", "Zes kalendermaanden na de 17e verjaardag."),
    _k("dag_16_5", "16½ op", "Turns 16½ on", "datum", "Zes kalendermaanden na de 16e verjaardag."),
    _k("eerste_plan", "Eerste plan", "First plan", "datum", "Datum van het eerste toekomstplan."),
    _k(
        "eerste_overdracht",
        "Overdracht gestart",
        "Handover started",
        "datum",
        "Vroegste datum waarop de overdracht naar ondersteuning na 18 begon.",
    ),
    _k(
        "domeinen",
        "Domeinen",
        "Domains",
        "tekst",
        "Leefdomeinen en pijlers die de plannen op 17½ samen noemen.",
    ),
    _k(
        "aanbieders_17",
        "Jeugdhulpaanbieders op 17",
        "Youth care providers at 17",
        "tekst",
        "AGB-codes van de jeugdhulpaanbieders in het jaar vóór 18.",
    ),
]
_ZELFREDZAAMHEID = [
    _k(
        "zrm_domein",
        "Leefdomein (ZRM)",
        "Life domain (ZRM)",
        "tekst",
        "Een van de dertien domeinen van de zelfredzaamheidsmatrix.",
    ),
    _k(
        "pijler",
        "Big 5-pijler",
        "Big 5 pillar",
        "tekst",
        "De pijler van de Big 5 waar het domein over gaat (indeling van Passend).",
    ),
    _k(
        "gemeten",
        "Gemeten",
        "Measured",
        "aantal",
        "Trajecten (cliënt en domein; per aanbieder: met die aanbieder) met minstens twee "
        "metingen op verschillende data, de laatste in het jaar.",
    ),
    _k(
        "eerste_gemiddeld",
        "Eerste score (gemiddeld)",
        "First score (mean)",
        "getal",
        "Gemiddelde score (1-5) van de eerste meting.",
    ),
    _k(
        "laatste_gemiddeld",
        "Laatste score (gemiddeld)",
        "Last score (mean)",
        "getal",
        "Gemiddelde score (1-5) van de laatste meting in of vóór het jaar.",
    ),
    _k(
        "verschil_gemiddeld",
        "Verandering (gemiddeld)",
        "Change (mean)",
        "getal",
        "Gemiddelde van laatste min eerste score; positief is vooruitgang.",
    ),
    _k("verbeterd", "Verbeterd", "Improved", "aantal", "Laatste score hoger dan de eerste."),
    _k("gelijk", "Gelijk", "Unchanged", "aantal", "Laatste score gelijk aan de eerste."),
    _k("verslechterd", "Verslechterd", "Worsened", "aantal", "Laatste score lager dan de eerste."),
    _k(
        "zelfredzaam_eerste",
        "Zelfredzaam bij eerste meting",
        "Self-reliant at first score",
        "aantal",
        "Eerste score 4 of 5 (voldoende of volledig zelfredzaam).",
    ),
    _k(
        "zelfredzaam_laatste",
        "Zelfredzaam bij laatste meting",
        "Self-reliant at last score",
        "aantal",
        "Laatste score 4 of 5 (voldoende of volledig zelfredzaam).",
    ),
    _k(
        "aandeel_verbeterd",
        "Aandeel verbeterd",
        "Share improved",
        "aandeel",
        "Verbeterd / gemeten.",
    ),
    _k(
        "aandeel_zelfredzaam_eerste",
        "Aandeel zelfredzaam eerst",
        "Share self-reliant first",
        "aandeel",
        "Zelfredzaam bij eerste meting / gemeten.",
    ),
    _k(
        "aandeel_zelfredzaam_laatste",
        "Aandeel zelfredzaam laatst",
        "Share self-reliant last",
        "aandeel",
        "Zelfredzaam bij laatste meting / gemeten.",
    ),
    _k(
        "cohortjaar",
        "Cohort (jaar 18)",
        "Cohort (year 18)",
        "jaar",
        "Het jaar waarin de cliënt 18 wordt; leeg voor een cliënt die niet in de zorggegevens "
        "voorkomt.",
    ),
    *(
        _k(
            f"score_{s}",
            f"Score {s}",
            f"Score {s}",
            "aantal",
            f"Cliënten met als laatste score in het halfjaar {s} ({nl.lower()}).",
        )
        for s, (nl, _en) in SCORES.items()
    ),
]
#: The bestedingsruimte monitor (docs/definities.md § 13).
_BEDRAG_TOEGEKEND = (
    "Prestaties van het contract met een productperiode die begint in [1 januari, peildatum], "
    "debet min credit: het toegekende bedrag waar een declaratieantwoord (JW325/WMO325) is "
    "geladen, anders het ingediende."
)
_MONITOR = [
    _k("contractnummer", "Contract", "Contract", "tekst", "Nummer van het contract."),
    _k(
        "uitvoeringsvariant",
        "Uitvoeringsvariant",
        "Funding variant",
        "tekst",
        "inspanningsgericht, outputgericht of taakgericht.",
    ),
    _k(
        "ingediend_cent",
        "Ingediend",
        "Claimed",
        "eurocent",
        "Het ingediende bedrag van dezelfde prestaties, debet min credit.",
    ),
    _k(
        "beantwoord_cent",
        "Beantwoord",
        "Answered",
        "eurocent",
        "Het ingediende bedrag van de prestaties waarop een declaratieantwoord is geladen.",
    ),
    _k(
        "afgewezen_cent",
        "Afgewezen in antwoord",
        "Rejected in answer",
        "eurocent",
        "Ingediend min toegekend over de prestaties met een declaratieantwoord.",
    ),
    _k(
        "bedrag_bron",
        "Bedrag volgens",
        "Amount as",
        "tekst",
        "toegekend (elke prestatie beantwoord), deels toegekend of ingediend (geen antwoord).",
    ),
    _k(
        "signaal_70",
        "Signaal 70%",
        "70% signal",
        "janee",
        "Of de benutting op de peildatum 70% of meer is.",
    ),
    _k(
        "signaal_datum",
        "Signaal 70% sinds",
        "70% signal since",
        "datum",
        "De eerste dag vanaf welke het cumulatief gedeclareerde tot de peildatum op of boven "
        "70% bleef.",
    ),
    _k(
        "gesprek_uiterlijk",
        "Gesprek uiterlijk",
        "Talks by",
        "datum",
        "Signaal sinds + 14 dagen (Contractstandaarden art. 1.5).",
    ),
    _k(
        "besluit_uiterlijk",
        "Besluit uiterlijk",
        "Decision by",
        "datum",
        "Gesprek uiterlijk + 14 dagen.",
    ),
    _k(
        "verplichtingen_cent",
        "Verplichtingen",
        "Obligations",
        "eurocent",
        "Wat de lopende toewijzingen na de peildatum nog mogen declareren, maal de "
        "verzilveringsgraad.",
    ),
    _k(
        "toewijzingen_zonder_tarief",
        "Toewijzingen zonder tarief",
        "Assignments without a tariff",
        "aantal",
        "Lopende toewijzingen zonder contracttarief of gedeclareerd tarief: niet in de prognose.",
    ),
    _k(
        "clientenstop_sinds",
        "Cliëntenstop sinds",
        "Client stop since",
        "datum",
        "Begin van de cliëntenstop die op de peildatum loopt.",
    ),
    _k(
        "clientenstop_tot",
        "Cliëntenstop tot en met",
        "Client stop until",
        "datum",
        "Einde van die stop; leeg: tot nader order.",
    ),
    _k(
        "instroom_tijdens_stop",
        "Nieuw tijdens stop",
        "New during a stop",
        "aantal",
        "Toewijzingen (geen crisis) met een ingangsdatum in het jaar binnen een stop.",
    ),
    _k(
        "crisis_tijdens_stop",
        "Crisis tijdens stop",
        "Crisis during a stop",
        "aantal",
        "Crisistoewijzingen (categorie 46) met een ingangsdatum in het jaar binnen een stop.",
    ),
    _k(
        "mediane_vertraging_dagen",
        "Mediane declaratievertraging (dagen)",
        "Median claim delay (days)",
        "dagen",
        "Mediaan van dagtekening − einde productperiode over de debetregels van dit en vorig jaar.",
    ),
    _k(
        "graad",
        "Verzilveringsgraad",
        "Realisation rate",
        "aandeel",
        "Gedeclareerd / maximaal volume.",
    ),
    _k(
        "bron",
        "Bron",
        "Source",
        "tekst",
        "ingevoerd, vorig jaar (geschat) of geen gegevens: 1.",
    ),
    _k(
        "gedeclareerd_volume",
        "Gedeclareerd volume",
        "Claimed volume",
        "geheel",
        "Gedeclareerd volume van vorig jaar, debet min credit.",
    ),
    _k(
        "maximaal_volume",
        "Maximaal volume",
        "Largest volume",
        "geheel",
        "Het grootste volume dat de toewijzingen van vorig jaar mochten declareren.",
    ),
    _k("maand", "Maand", "Month", "tekst", "Maand van het begin van de productperiode."),
    _k(
        "verwachte_volledigheid",
        "Verwachte volledigheid",
        "Expected completeness",
        "aandeel",
        "Het deel van de declaraties van de maand dat naar verwachting al binnen is.",
    ),
]
#: The tariff sheet (docs/contractering.md, Tariefblad).
_TARIEFBLAD = [
    _k("omschrijving", "Omschrijving", "Description", "tekst", "Omschrijving van het product."),
    _k("cao", "Cao", "Collective agreement", "tekst", "De cao waar het salaris uit komt."),
    _k("trede", "Schaal en trede", "Scale and step", "tekst", "Schaal en trede in die cao."),
    _k(
        "loonkosten_per_uur_cent",
        "Loonkosten per uur",
        "Wage cost per hour",
        "tarief",
        "Maandsalaris × 12 × (1 + opslagen) / uren per fte, of ingevoerd.",
    ),
    _k(
        "productiviteit",
        "Productiviteit",
        "Productivity",
        "aandeel",
        "Het deel van de betaalde uren dat cliëntgebonden is.",
    ),
    _k("overhead", "Overhead", "Overhead", "aandeel", "Opslag voor overhead."),
    _k(
        "tarief_cent",
        "Tarief",
        "Tariff",
        "tarief",
        "Het tarief per eenheid uit de kostprijsopbouw (per uur desgewenst deelbaar door 60 cent).",
    ),
    _k(
        "gedeclareerd_regels",
        "Gedeclareerde regels",
        "Claimed lines",
        "aantal",
        "Debetregels van het product met een ProductTarief, productperiode in het jaar.",
    ),
    _k(
        "gedeclareerd_mediaan_cent",
        "Mediaan gedeclareerd",
        "Median claimed",
        "tarief",
        "Mediaan van die ProductTarieven.",
    ),
    _k("gedeclareerd_p25_cent", "25e percentiel", "25th percentile", "tarief", "Spreiding."),
    _k("gedeclareerd_p75_cent", "75e percentiel", "75th percentile", "tarief", "Spreiding."),
    _k("gedeclareerd_min_cent", "Laagste", "Lowest", "tarief", "Laagste gedeclareerde tarief."),
    _k("gedeclareerd_max_cent", "Hoogste", "Highest", "tarief", "Hoogste gedeclareerde tarief."),
    _k(
        "verschil_mediaan_cent",
        "Verschil met mediaan",
        "Difference to median",
        "tarief",
        "Tarief min de mediaan van de gedeclareerde tarieven.",
    ),
    _k(
        "verschil_mediaan",
        "Verschil met mediaan (%)",
        "Difference to median (%)",
        "aandeel",
        "Tarief / mediaan − 1.",
    ),
]
#: The raadsrapportage's own tables: the bestedingsruimte per segment and the monitor.
_RAAD = [
    _k("contracten", "Contracten", "Contracts", "aantal", "Contracten met een bestedingsruimte."),
    _k(
        "met_signaal",
        "Met 70%-signaal",
        "With 70% signal",
        "aantal",
        "Contracten waarvan de benutting op de peildatum 70% of meer is.",
    ),
    _k(
        "bestedingsruimte_cent",
        "Bestedingsruimte",
        "Spending room",
        "eurocent",
        "De bestedingsruimte (bij taakgericht het budget) van het jaar.",
    ),
    _k(
        "benutting",
        "Benutting",
        "Use",
        "aandeel",
        "Gedeclareerd / bestedingsruimte op de peildatum.",
    ),
    _k(
        "prognose_lineair_cent",
        "Prognose lineair",
        "Forecast (linear)",
        "eurocent",
        "Gedeclareerd, doorgetrokken naar het hele jaar.",
    ),
    _k(
        "prognose_verplichtingen_cent",
        "Prognose verplichtingen",
        "Forecast (obligations)",
        "eurocent",
        "Gedeclareerd plus wat de lopende toewijzingen nog mogen declareren, maal de "
        "verzilveringsgraad.",
    ),
    _k(
        "benutting_prognose",
        "Benutting prognose",
        "Forecast use",
        "aandeel",
        "Prognose verplichtingen / bestedingsruimte.",
    ),
    _k("doelgroep", "Doelgroep", "Target group", "tekst", "16-18, 18-23 of 23-27."),
    _k("ambitie", "Ambitie", "Ambition", "tekst", "De ambitie waar de indicator bij hoort."),
    _k("doel", "Doel", "Target", "getal", "Het doel van het jaar op het pad naar de streefwaarde."),
    _k(
        "werkelijk",
        "Werkelijk",
        "Actual",
        "getal",
        "De berekende of ingevoerde waarde; x: onderdrukt omdat de telling eronder klein is.",
    ),
    _k(
        "status",
        "Status",
        "Status",
        "tekst",
        "op koers, achter, gehaald, niet gehaald, voorlopig, geen gegevens of onderdrukt.",
    ),
]
_PLAN_DOMEIN = {
    k.sleutel: k
    for k in (
        _k("soort", "Soort", "Kind", "tekst", "levensdomein of big5 (pijler)."),
        _k(
            "domein",
            "Domein",
            "Domain",
            "tekst",
            "Een van de zeven leefdomeinen of de vijf Big 5-pijlers.",
        ),
        _k(
            "noemer",
            "Plannen op 17½",
            "Plans by 17½",
            "aantal",
            "Cohortjongeren met een plan op 17½: de noemer.",
        ),
        _k("aandeel", "Aandeel", "Share", "aandeel", "Plannen / plannen op 17½."),
    )
}
_RESULTAAT_EIGEN = {
    k.sleutel: k
    for k in (
        _k(
            "clienten",
            "Cliënten met prestaties",
            "Clients with claims",
            "aantal",
            "Cliënten met een prestatie die in het jaar begint.",
        ),
        _k(
            "duur_mediaan_dagen",
            "Mediane duur afgesloten (dagen)",
            "Median duration closed (days)",
            "dagen",
            "Mediaan van einddatum − begindatum + 1 over de afgesloten leveringen.",
        ),
    )
}

KOLOMMEN: dict[str, Kolomdefinitie] = {
    k.sleutel: k
    for k in (
        *_ALGEMEEN,
        *_TRANSITIE,
        *_GEVALLEN,
        *_ZORGGEBRUIK,
        *_WMO,
        *_MARKT,
        *_KNELPUNTEN,
        *_BENCHMARK,
        *_RESULTATEN,
        *_TOEKOMSTPLAN,
        *_ZELFREDZAAMHEID,
        *_MONITOR,
        *_TARIEFBLAD,
        *_RAAD,
    )
}

#: Per table: keys whose meaning differs there.
#: The care landscape (docs/contractering.md, Het zorglandschap uit de gegevens).
_LANDSCHAP_AANBIEDERS = [
    _k(
        "gecontracteerd",
        "Gecontracteerd",
        "Contracted",
        "janee",
        "Of de optimalisatie deze aanbieder kiest.",
    ),
    _k(
        "clienten",
        "Cliënten toegewezen",
        "Clients assigned",
        "getal",
        "Verwachte cliënten die de optimalisatie aan de aanbieder toewijst, over de gemeenten.",
    ),
    _k(
        "capaciteit",
        "Capaciteit",
        "Capacity",
        "getal",
        "Het grootste aantal cliënten in één jaar van de laatste drie, maal 1 + groeiruimte; "
        "of met de hand ingevuld.",
    ),
    _k(
        "kosten_per_client",
        "Kosten per cliënt",
        "Cost per client",
        "euro",
        "Nettobedrag in het segment gedeeld door de cliënten, in het laatste jaar met cliënten.",
    ),
    _k(
        "ligging",
        "Ligging",
        "Location",
        "tekst",
        "Geregistreerd (geïmporteerd), of het zwaartepunt van de gemeenten van haar cliënten.",
    ),
]
_LANDSCHAP_GEMEENTEN = [
    _k(
        "clienten_basisjaar",
        "Cliënten basisjaar",
        "Clients base year",
        "aantal",
        "Cliënten van de gemeente in het segment in het basisjaar (netto bedrag boven nul).",
    ),
    _k(
        "vraag",
        "Verwachte vraag",
        "Expected demand",
        "getal",
        "Cliënten in het basisjaar maal de prognosefactor van het segment.",
    ),
    _k(
        "aanbieders",
        "Aanbieders",
        "Providers",
        "aantal",
        "Gecontracteerde aanbieders die cliënten van de gemeente krijgen.",
    ),
]
_LANDSCHAP_EISEN = [
    _k("omschrijving", "Eis", "Constraint", "tekst", "De eis die is versoepeld."),
    _k(
        "aantal",
        "Aanbieders zonder de eis",
        "Providers without it",
        "aantal",
        "Het aantal aanbieders als deze eis wordt versoepeld.",
    ),
    _k(
        "kosten",
        "Kosten zonder de eis",
        "Cost without it",
        "euro",
        "De kosten als deze eis wordt versoepeld.",
    ),
    _k(
        "kostenverschil",
        "Verschil in kosten",
        "Cost difference",
        "euro",
        "Kosten zonder de eis min de kosten met de eis.",
    ),
]
_LANDSCHAP_AFWEGING = [
    _k("aantal", "Aantal aanbieders", "Number of providers", "aantal", "Aanbieders gekozen."),
    _k(
        "kosten",
        "Laagste kosten",
        "Lowest cost",
        "euro",
        "De laagste kosten bij hoogstens dit aantal aanbieders.",
    ),
]

PER_TABEL: dict[str, dict[str, Kolomdefinitie]] = {
    "landschap_aanbieders": {k.sleutel: k for k in _LANDSCHAP_AANBIEDERS},
    "landschap_gemeenten": {k.sleutel: k for k in _LANDSCHAP_GEMEENTEN},
    "landschap_eisen": {k.sleutel: k for k in _LANDSCHAP_EISEN},
    "landschap_afweging": {k.sleutel: k for k in _LANDSCHAP_AFWEGING},
    "plan_per_domein": _PLAN_DOMEIN,
    "bestedingsruimte": {
        "gedeclareerd_cent": _k(
            "gedeclareerd_cent", "Gedeclareerd", "Claimed", "eurocent", _BEDRAG_TOEGEKEND
        ),
        "aanbieder": _k(
            "aanbieder",
            "Hoofdaannemer",
            "Main contractor",
            "tekst",
            "AGB-code van de hoofdaannemer van het contract.",
        ),
        "naam": _k(
            "naam",
            "Naam hoofdaannemer",
            "Main contractor's name",
            "tekst",
            "Naam van de hoofdaannemer (anders zijn AGB-code).",
        ),
    },
    "ruimte_samenvatting": {
        "gedeclareerd_cent": _k(
            "gedeclareerd_cent", "Gedeclareerd", "Claimed", "eurocent", _BEDRAG_TOEGEKEND
        ),
        "peildatum": _k(
            "peildatum", "Peildatum", "Reference date", "datum", "De dag waarop is gemeten."
        ),
        "contracten": _k(
            "contracten",
            "Contracten",
            "Contracts",
            "aantal",
            "Contracten met een bestedingsruimte in het jaar, binnen het gebied.",
        ),
    },
    "vertraging": {
        "gedeclareerd_cent": _k(
            "gedeclareerd_cent",
            "Gedeclareerd",
            "Claimed",
            "eurocent",
            "Ingediend bedrag van de productperiodes die in de maand beginnen, debet min credit.",
        ),
    },
    **{
        f"resultaat_{per}": _RESULTAAT_EIGEN
        for per in ("aanbieder", "segment", "gemeente", "product")
    },
    "dekking": {
        "volledig": _k(
            "volledig",
            "Volledig",
            "Complete",
            "janee",
            "Of de gegevens het hele jaar (of het cohort met zijn jaar ervoor en erna) dekken; "
            "zo niet, dan zijn de cijfers voorlopig.",
        ),
    },
    "uitkomsten": {
        k.sleutel: k
        for k in (
            _k(
                "uitkomst",
                "Uitkomst",
                "Outcome",
                "tekst",
                "verlengde_jeugdhulp, naar_wmo, zonder_vervolg, of cohort (het totaal).",
            ),
            _k(
                "aantal",
                "Jongeren",
                "Youths",
                "aantal",
                "Jongeren van het cohort met deze uitkomst (bij cohort: het hele cohort).",
            ),
            _k("aandeel", "Aandeel", "Share", "aandeel", "Aantal gedeeld door het cohort."),
        )
    },
    "gevallen": {
        "warme_overdracht": _k(
            "warme_overdracht",
            "Warme overdracht",
            "Warm handover",
            "janee",
            "Naar Wmo zonder gat, met tijdige Wmo-toewijzing.",
        ),
    },
    "drempels": {
        k.sleutel: k
        for k in (
            _k("hhi", "HHI", "HHI", "index", "Signaal CONCENTRATIE boven deze HHI."),
            _k(
                "min_aanbieders",
                "Minimum aantal aanbieders",
                "Minimum number of providers",
                "aantal",
                "Signaal WEINIG_AANBIEDERS onder dit aantal.",
            ),
            _k(
                "aandeel_aanbieder",
                "Aandeel dominante aanbieder",
                "Dominant provider share",
                "aandeel",
                "Signaal DOMINANTE_AANBIEDER boven dit marktaandeel.",
            ),
            _k(
                "kostenstijging",
                "Kostenstijging",
                "Cost increase",
                "aandeel",
                "Signaal KOSTENSTIJGING boven deze groei van de kosten per cliënt.",
            ),
            _k(
                "startwachttijd",
                "Startwachttijd (dagen)",
                "Waiting time (days)",
                "dagen",
                "Signaal STARTWACHTTIJD boven deze mediane wachttijd.",
            ),
            _k(
                "zonder_vervolg",
                "Aandeel zonder vervolg",
                "Share without follow-up",
                "aandeel",
                "Signaal ZONDER_VERVOLG boven dit aandeel van het cohort.",
            ),
            _k(
                "gat_dagen",
                "Gat naar Wmo (dagen)",
                "Gap to Wmo (days)",
                "dagen",
                "Signaal GAT_NAAR_WMO boven dit mediane gat.",
            ),
        )
    },
}

#: Sheet titles (Dutch, English) per table key; at most 31 characters (an Excel limit).
TABELLEN: dict[str, tuple[str, str]] = {
    "dekking": ("Dekking van de gegevens", "Data coverage"),
    "transitie": ("Overzicht transitie", "Transition summary"),
    "uitkomsten": ("Uitkomsten", "Outcomes"),
    "per_gemeente": ("Per gemeente", "By municipality"),
    "per_regio": ("Per regio", "By region"),
    "per_segment": ("Per segment", "By segment"),
    "per_zorgvorm": ("Per zorgvorm", "By care form"),
    "per_productcategorie": ("Per productcategorie", "By product category"),
    "stroom_zorgvorm": ("Stroom zorgvorm naar uitkomst", "Flow care form to outcome"),
    "stroom_segment": ("Stroom segment naar uitkomst", "Flow segment to outcome"),
    "doorloop_21_23": ("Doorloop tot 21 en 23", "Continuation to 21 and 23"),
    "gevallen": ("Casuslijst", "Case list"),
    "segmenten": ("Segmenten", "Segments"),
    "aanbieders": ("Aanbieders", "Providers"),
    "volumes": ("Volumes", "Volumes"),
    "profielen": ("Aanbiederprofielen", "Provider profiles"),
    "niet_ingedeeld": ("Niet ingedeeld", "Not classified"),
    "knelpunten": ("Knelpunten", "Bottlenecks"),
    "drempels": ("Drempels", "Thresholds"),
    "benchmark": ("Benchmark", "Benchmark"),
    "resultaat_aanbieder": ("Resultaten per aanbieder", "Results by provider"),
    "resultaat_segment": ("Resultaten per segment", "Results by segment"),
    "resultaat_gemeente": ("Resultaten per gemeente", "Results by municipality"),
    "resultaat_product": ("Resultaten per product", "Results by product"),
    "plan_samenvatting": ("Toekomstplan cohort", "Future plan cohort"),
    "plan_per_gemeente": ("Toekomstplan per gemeente", "Future plan by municipality"),
    "plan_per_aanbieder": ("Toekomstplan per aanbieder", "Future plan by provider"),
    "plan_per_uitkomst": ("Uitkomst met en zonder plan", "Outcome with and without plan"),
    "plan_per_domein": ("Toekomstplan per domein", "Future plan by domain"),
    "plan_gevallen": ("Jongeren en hun plan", "Youths and their plan"),
    "zrm_samenvatting": ("Zelfredzaamheid samen", "Self-reliance overall"),
    "zrm_per_domein": ("Zelfredzaamheid per domein", "Self-reliance by domain"),
    "zrm_per_aanbieder": ("Zelfredzaamheid per aanbieder", "Self-reliance by provider"),
    "zrm_per_segment": ("Zelfredzaamheid per segment", "Self-reliance by segment"),
    "zrm_per_cohort": ("Zelfredzaamheid per cohort", "Self-reliance by cohort"),
    "zrm_verdeling": ("Scores per halfjaar", "Scores by half-year"),
    "bestedingsruimte_segment": ("Bestedingsruimte per segment", "Spending room by segment"),
    "ruimte_samenvatting": ("Bestedingsruimte samen", "Spending room overall"),
    "bestedingsruimte": ("Bestedingsruimte per contract", "Spending room by contract"),
    "verzilvering": ("Verzilveringsgraad", "Realisation rate"),
    "vertraging": ("Declaratievertraging", "Claim delay"),
    "tariefblad": ("Tariefblad", "Tariff sheet"),
    "landschap_aanbieders": ("Zorglandschap: aanbieders", "Care landscape: providers"),
    "landschap_gemeenten": ("Zorglandschap: gemeenten", "Care landscape: municipalities"),
    "landschap_eisen": ("Wat elke eis kost", "What each constraint costs"),
    "landschap_afweging": ("Aantal aanbieders tegen kosten", "Providers against cost"),
    "commitmentmonitor": ("Commitmentmonitor", "Commitment monitor"),
}

DEFINITIES_BLAD = ("Definities", "Definitions")


def kolom(sleutel: str, tabel: str | None = None) -> Kolomdefinitie:
    """The catalogue entry of `sleutel` (in `tabel`); an unknown key gets a plain text entry."""
    eigen = PER_TABEL.get(tabel or "", {}).get(sleutel)
    return eigen or KOLOMMEN.get(sleutel) or Kolomdefinitie(sleutel, sleutel, sleutel, "tekst")


def bekend(sleutel: str, tabel: str | None = None) -> bool:
    """Whether `sleutel` has a catalogue entry (for the completeness test)."""
    return sleutel in KOLOMMEN or sleutel in PER_TABEL.get(tabel or "", {})


def bladnaam(tabel: str, taal: str = "nl") -> str:
    """A readable sheet title for `tabel` (the key itself, cleaned, when it is unknown)."""
    nl, en = TABELLEN.get(tabel, (tabel.replace("_", " ").capitalize(),) * 2)
    return en if taal == "en" else nl


#: Display names of the codes in the tables (Dutch, English).
UITKOMSTEN: dict[str, tuple[str, str]] = {
    "verlengde_jeugdhulp": ("Verlengde jeugdhulp", "Extended youth care"),
    "naar_wmo": ("Naar Wmo", "To Wmo"),
    "zonder_vervolg": ("Zonder vervolg", "No follow-up"),
}
#: The rows of an outcome table: the outcomes and the cohort as their total.
UITKOMSTRIJEN: dict[str, tuple[str, str]] = {
    **UITKOMSTEN,
    "cohort": ("Cohort (totaal)", "Cohort (total)"),
}
ZORGVORMEN: dict[str, tuple[str, str]] = {
    "met_verblijf": ("Met verblijf", "With residential care"),
    "zonder_verblijf": ("Zonder verblijf", "Without residential care"),
}
DOMEINEN: dict[str, tuple[str, str]] = {"jeugd": ("Jeugdhulp", "Youth care"), "wmo": ("Wmo", "Wmo")}
SIGNALEN: dict[str, tuple[str, str]] = {
    "CONCENTRATIE": ("Geconcentreerde markt", "Concentrated market"),
    "WEINIG_AANBIEDERS": ("Weinig aanbieders", "Few providers"),
    "DOMINANTE_AANBIEDER": ("Dominante aanbieder", "Dominant provider"),
    "KOSTENSTIJGING": ("Kostenstijging", "Cost increase"),
    "STARTWACHTTIJD": ("Lange startwachttijd", "Long waiting time"),
    "ZONDER_VERVOLG": ("Veel jongeren zonder vervolg", "Many youths without follow-up"),
    "GAT_NAAR_WMO": ("Gat tussen jeugdhulp en Wmo", "Gap between youth care and Wmo"),
}


def codenaam(lijst: dict[str, tuple[str, str]], code: object, taal: str = "nl") -> str:
    """The display name of `code` in `lijst` (the code itself when it is not listed)."""
    if code is None:
        return ""
    namen = lijst.get(str(code))
    return (namen[1] if taal == "en" else namen[0]) if namen else str(code)


MATEN: dict[str, tuple[str, str]] = {
    "jeugdhulp_per_1000": (
        "Jeugdhulp per 1.000 jeugdigen (0–17)",
        "Youth care per 1,000 youths (0–17)",
    ),
    "jeugdhulp_verblijf_per_1000": (
        "Jeugdhulp met verblijf per 1.000 jeugdigen (0–17)",
        "Residential youth care per 1,000 youths (0–17)",
    ),
    "jeugdkosten_per_jeugdige": (
        "Jeugdhulpkosten per jeugdige 0–17 (€)",
        "Youth care cost per youth 0–17 (€)",
    ),
    "wmo_18_26_per_1000": (
        "Wmo 18–26 per 1.000 inwoners 18–26",
        "Wmo 18–26 per 1,000 inhabitants 18–26",
    ),
    "wmo_instroom_per_1000": (
        "Wmo-instroom 18–26 per 1.000 inwoners 18–26",
        "Wmo inflow 18–26 per 1,000 inhabitants 18–26",
    ),
    "cohort_per_1000": (
        "18-jarigen met jeugdhulp per 1.000 inwoners 18–26",
        "18-year-olds in youth care per 1,000 inhabitants 18–26",
    ),
    "verlengd_per_1000": (
        "Verlengde jeugdhulp per 1.000 inwoners 18–26",
        "Extended youth care per 1,000 inhabitants 18–26",
    ),
    "naar_wmo_per_1000": (
        "Van jeugdhulp naar Wmo per 1.000 inwoners 18–26",
        "From youth care to Wmo per 1,000 inhabitants 18–26",
    ),
    "zonder_vervolg_per_1000": (
        "Zonder vervolg per 1.000 inwoners 18–26",
        "No follow-up per 1,000 inhabitants 18–26",
    ),
}

#: Columns holding a code, shown by its name (web tables, the raad PDF).
#: The status of a commitment-monitor row (passend.strategy.ambities), named in both languages.
MONITORSTATUS: dict[str, tuple[str, str]] = {
    "op koers": ("op koers", "on track"),
    "achter": ("achter", "behind"),
    "gehaald": ("gehaald", "achieved"),
    "niet gehaald": ("niet gehaald", "not achieved"),
    "voorlopig": ("voorlopig", "provisional"),
    "geen gegevens": ("geen gegevens", "no data"),
    "onderdrukt": ("onderdrukt", "suppressed"),
}

#: Which amount the bestedingsruimte counts as declared (docs/definities.md § 13).
BEDRAGBRONNEN: dict[str, tuple[str, str]] = {
    "toegekend": ("toegekend (declaratieantwoord)", "granted (declaration answer)"),
    "deels toegekend": ("deels toegekend, rest ingediend", "partly granted, the rest as claimed"),
    "ingediend": ("ingediend (geen antwoord)", "claimed (no answer)"),
}
#: Where a verzilveringsgraad comes from.
GRAADBRONNEN: dict[str, tuple[str, str]] = {
    "ingevoerd": ("ingevoerd", "entered"),
    "vorig jaar": ("vorig jaar", "last year"),
    "geen gegevens: 1": ("geen gegevens: 1", "no data: 1"),
}

CODEKOLOMMEN: dict[str, dict[str, tuple[str, str]]] = {
    "status": MONITORSTATUS,
    "bedrag_bron": BEDRAGBRONNEN,
    "bron": GRAADBRONNEN,
    "uitkomst": UITKOMSTRIJEN,
    "zorgvorm": ZORGVORMEN,
    "zorgvorm_17": ZORGVORMEN,
    "domein": DOMEINEN,
    "soort": SIGNALEN,
    "maat": MATEN,
    "zrm_domein": ZRM_DOMEINEN,
    "pijler": BIG5,
}


def codecel(sleutel: str, waarde: Any, taal: str = "nl") -> Any:
    """A cell of a code column as its name; any other cell (and a suppressed one) as it is."""
    if sleutel in CODEKOLOMMEN and isinstance(waarde, str) and waarde not in ("<5", "x"):
        return codenaam(CODEKOLOMMEN[sleutel], waarde, taal)
    return waarde
