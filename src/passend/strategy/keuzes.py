"""The strategy choices per segment (Step 4 of the roadmap) and their effect on the four core
values.

The options and their Dutch labels live here; the rules that *propose* an option live in
:mod:`passend.strategy.richtlijnen`. The four core values (kernwaarden) come from the regional
inkoopkader: gelijkheid, efficiency, vrijheid and zekerheid. They can conflict: an option that
helps one often costs another, so every option carries its effect on all four, side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class Verantwoordelijk(StrEnum):
    JEUGD = "jeugd"
    WMO = "wmo"
    GEZAMENLIJK = "gezamenlijk"


class Procedure(StrEnum):
    OPEN_HOUSE = "open_house"
    SAS_EMVI = "sas_emvi"
    SAS_ZONDER_EMVI = "sas_zonder_emvi"
    DIALOOG = "dialoog"
    SUBSIDIE = "subsidie"


class Bekostiging(StrEnum):
    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    TAAKGERICHT = "taakgericht"
    POPULATIEGEBONDEN = "populatiegebonden"


class Schaal(StrEnum):
    LOKAAL = "lokaal"
    REGIONAAL = "regionaal"


class Aanbiedersbeleid(StrEnum):
    CONSORTIUM = "consortium"
    BEPERKT = "beperkt"
    RUIM = "ruim"


LABELS: dict[str, str] = {
    "jeugd": "Jeugd (Jeugdwet)",
    "wmo": "Wmo",
    "gezamenlijk": "Jeugd en Wmo gezamenlijk",
    "open_house": "Toelatingsprocedure (Open House)",
    "sas_emvi": "SAS-procedure met EMVI-gunning",
    "sas_zonder_emvi": "SAS-procedure zonder EMVI (selectie op geschiktheid)",
    "dialoog": "Dialoog / innovatiepartnerschap",
    "subsidie": "Subsidie",
    "inspanningsgericht": "Inspanningsgericht (P×Q)",
    "outputgericht": "Outputgericht (trajectprijs)",
    "taakgericht": "Taakgericht (lumpsum met plafond)",
    "populatiegebonden": "Populatiegebonden (norm per inwoner)",
    "lokaal": "Lokaal (per gemeente)",
    "regionaal": "Regionaal",
    "consortium": "Eén consortium met hoofdaannemer",
    "beperkt": "Beperkt aantal aanbieders (3-6)",
    "ruim": "Ruim aanbod (huidig aantal of meer)",
    "3": "3 jaar",
    "5": "5 jaar",
    "7": "7 jaar (5 + 2 optiejaren)",
    "ja": "Ja",
    "nee": "Nee",
}

#: The dimensions of a segment strategy, with their options (values as strings) and label.
DIMENSIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "verantwoordelijk": ("Verantwoordelijk domein", tuple(Verantwoordelijk)),
    "procedure": ("Inkoopprocedure", tuple(Procedure)),
    "bekostiging": ("Bekostiging", tuple(Bekostiging)),
    "schaal": ("Schaal", tuple(Schaal)),
    "aanbieders": ("Aantal aanbieders", tuple(Aanbiedersbeleid)),
    "looptijd": ("Looptijd contract", ("3", "5", "7")),
    "consortium": ("Integrale verantwoordelijkheid (consortium)", ("ja", "nee")),
}

KERNWAARDEN: dict[str, str] = {
    "gelijkheid": "Wie krijgt wat, op welke wijze: gelijke gevallen gelijk behandelen.",
    "efficiency": "Alles wat we doen heeft toegevoegde waarde voor jeugdigen en gezinnen.",
    "vrijheid": "Keuzevrijheid voor jeugdigen en gezinnen en ruimte voor aanbieders.",
    "zekerheid": "Basisbehoeften geborgd, en de gemeente komt financieel uit.",
}


@dataclass(frozen=True)
class Effect:
    score: int  # -2 (hurts the value a lot) .. +2 (helps it a lot)
    uitleg: str


def _e(
    gelijkheid: tuple[int, str],
    efficiency: tuple[int, str],
    vrijheid: tuple[int, str],
    zekerheid: tuple[int, str],
) -> dict[str, Effect]:
    return {
        "gelijkheid": Effect(*gelijkheid),
        "efficiency": Effect(*efficiency),
        "vrijheid": Effect(*vrijheid),
        "zekerheid": Effect(*zekerheid),
    }


#: Effect of every option on the four core values: (dimensie, optie) -> kernwaarde -> Effect.
KERNWAARDE_EFFECTEN: dict[tuple[str, str], dict[str, Effect]] = {
    ("verantwoordelijk", "jeugd"): _e(
        (0, "Eén wettelijk kader tot 18 jaar."),
        (0, "Vertrouwde inkoop, maar een knip bij 18."),
        (0, "Geen verschil in keuze."),
        (-1, "Na 18 moet de ondersteuning opnieuw worden geregeld."),
    ),
    ("verantwoordelijk", "wmo"): _e(
        (0, "Eén wettelijk kader voor volwassenen."),
        (0, "Past bij de Wmo-inkoop."),
        (0, "Geen verschil in keuze."),
        (0, "Geen overgang binnen het segment."),
    ),
    ("verantwoordelijk", "gezamenlijk"): _e(
        (1, "Jongeren van 16-27 krijgen dezelfde route, ongeacht de wet."),
        (1, "Eén inkoop en één contract voor de hele lijn 16-23."),
        (0, "Geen verschil in keuze."),
        (2, "Doorlopende zorg: geen gat bij 18, dezelfde hulpverlener."),
    ),
    ("procedure", "open_house"): _e(
        (1, "Elke aanbieder die aan de eisen voldoet, kan meedoen."),
        (-1, "Veel contracten en veel contractbeheer."),
        (2, "Maximale keuze voor gezinnen en ruimte voor nieuwe aanbieders."),
        (-1, "Weinig sturing op capaciteit en continuïteit."),
    ),
    ("procedure", "sas_emvi"): _e(
        (0, "Gelijke kansen in de selectie, daarna een beperkte kring."),
        (1, "Minder aanbieders, selectie op beste prijs-kwaliteit."),
        (-1, "Minder keuze tussen aanbieders."),
        (1, "Geselecteerde kwaliteit en afspraken over capaciteit."),
    ),
    ("procedure", "sas_zonder_emvi"): _e(
        (1, "Iedere geschikte aanbieder gelijk behandeld."),
        (1, "Eenvoudiger procedure dan met EMVI."),
        (-1, "Keuze beperkt tot geschikte aanbieders."),
        (0, "Geschiktheid getoetst, weinig afspraken over continuïteit."),
    ),
    ("procedure", "dialoog"): _e(
        (-1, "Weinig partijen aan tafel."),
        (0, "Hoge proceskosten, wel ruimte voor vernieuwing."),
        (-1, "Weinig keuze tussen aanbieders."),
        (2, "Strategisch partnerschap; contracten bij te stellen aan ontwikkelingen."),
    ),
    ("procedure", "subsidie"): _e(
        (0, "Toegang via de voorziening, niet via een beschikking."),
        (1, "Weinig administratie per cliënt."),
        (0, "Keuze binnen het gesubsidieerde aanbod."),
        (1, "Voorziening blijft in stand, los van volume."),
    ),
    ("bekostiging", "inspanningsgericht"): _e(
        (0, "Uniform tarief per eenheid."),
        (-1, "Prikkel tot meer productie."),
        (1, "Zorg volgt de cliënt naar elke gecontracteerde aanbieder."),
        (-1, "De gemeente draagt het volumerisico."),
    ),
    ("bekostiging", "outputgericht"): _e(
        (-1, "Risico dat aanbieders lichte trajecten verkiezen."),
        (1, "Prikkel tot resultaat en kortere trajecten."),
        (0, "Keuze blijft, per traject."),
        (0, "Gemeente draagt het aantal trajecten, aanbieder de duur."),
    ),
    ("bekostiging", "taakgericht"): _e(
        (0, "Gelijke toegang zolang het budget toereikend is."),
        (2, "Geen productieprikkel, minder declaratielast."),
        (-1, "Aanbieder bepaalt de inzet binnen het budget."),
        (2, "Het budget is vooraf bekend; het plafond begrenst de uitgaven."),
    ),
    ("bekostiging", "populatiegebonden"): _e(
        (1, "Budget naar rato van het aantal inwoners."),
        (1, "Prikkel tot preventie en normaliseren."),
        (-2, "Vaste aanbieder per gebied."),
        (1, "Budget voorspelbaar; aanbieder draagt het vraagrisico."),
    ),
    ("schaal", "lokaal"): _e(
        (-1, "Verschillen tussen gemeenten mogelijk."),
        (0, "Korte lijnen met wijkteams; minder schaalvoordeel."),
        (1, "Maatwerk en couleur locale."),
        (0, "Nabij, maar kwetsbaar bij kleine aantallen."),
    ),
    ("schaal", "regionaal"): _e(
        (1, "Zelfde aanbod in de hele regio."),
        (1, "Schaalvoordeel en één contractbeheer."),
        (-1, "Minder lokaal maatwerk."),
        (1, "Dekkend aanbod, ook voor kleine aantallen."),
    ),
    ("aanbieders", "consortium"): _e(
        (0, "Eén toegang tot het hele aanbod."),
        (1, "Eén aanspreekpunt, geen doorschuiven tussen aanbieders."),
        (-2, "Keuze alleen binnen het consortium."),
        (1, "Consortium is integraal verantwoordelijk."),
    ),
    ("aanbieders", "beperkt"): _e(
        (0, "Selectie op kwaliteit."),
        (1, "Minder contractbeheer en meer volume per aanbieder."),
        (-1, "Minder keuze."),
        (1, "Stabiele partners met voldoende volume."),
    ),
    ("aanbieders", "ruim"): _e(
        (1, "Veel aanbieders kunnen meedoen."),
        (-1, "Versnipperd aanbod en veel contractbeheer."),
        (1, "Veel keuze."),
        (0, "Capaciteit verdeeld over veel partijen."),
    ),
    ("looptijd", "3"): _e(
        (0, "Regelmatig nieuwe kansen voor aanbieders."),
        (0, "Vaker een inkooptraject."),
        (1, "Markt blijft open."),
        (-1, "Weinig zekerheid om te investeren."),
    ),
    ("looptijd", "5"): _e(
        (0, "Middellange binding."),
        (1, "Minder inkooptrajecten."),
        (0, "Tussentijds bij te stellen."),
        (1, "Overspant de overgang 16-23 voor een groot deel."),
    ),
    ("looptijd", "7"): _e(
        (-1, "Nieuwe aanbieders lang buitengesloten."),
        (1, "Ruimte om samen te investeren."),
        (-1, "Markt lang gesloten."),
        (2, "Continuïteit voor jongeren en aanbieders."),
    ),
    ("consortium", "ja"): _e(
        (0, "Eén route voor iedere jeugdige."),
        (1, "Samenwerking en schakelen binnen één verband."),
        (-1, "Keuze binnen het verband."),
        (1, "Direct op de goede plek; het verband is verantwoordelijk."),
    ),
    ("consortium", "nee"): _e(
        (0, "Geen verschil."),
        (0, "Afstemming tussen losse aanbieders nodig."),
        (1, "Aanbieders werken zelfstandig."),
        (0, "Verantwoordelijkheid per aanbieder."),
    ),
}


def label(optie: str) -> str:
    return LABELS.get(optie, optie)


@dataclass(frozen=True)
class Overschrijving:
    """A user's choice that differs from the proposal, with the reason: kept for accountability."""

    dimensie: str
    voorgesteld: str
    gekozen: str
    rationale: str
    door: str = ""
    op: str = ""  # ISO timestamp

    def als_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Segmentstrategie:
    """The strategy chosen for one segment."""

    segment: str
    segmentnaam: str
    verantwoordelijk: str = Verantwoordelijk.JEUGD
    procedure: str = Procedure.SAS_EMVI
    bekostiging: str = Bekostiging.INSPANNINGSGERICHT
    schaal: str = Schaal.REGIONAAL
    aanbieders: str = Aanbiedersbeleid.BEPERKT
    aantal_aanbieders: int | None = None
    looptijd: str = "3"
    consortium: str = "nee"
    plafond_eur: float | None = None
    redenen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overschrijvingen: tuple[Overschrijving, ...] = ()

    def keuze(self, dimensie: str) -> str:
        if dimensie not in DIMENSIES:
            raise ValueError(f"Onbekende dimensie {dimensie!r}.")
        return str(getattr(self, dimensie))

    def overschrijf(
        self, dimensie: str, optie: str, rationale: str, door: str = "", op: str | None = None
    ) -> Segmentstrategie:
        """A copy with `dimensie` set to `optie`, the deviation recorded with its rationale."""
        _, opties = DIMENSIES.get(dimensie, ("", ()))
        if optie not in opties:
            raise ValueError(f"{optie!r} is geen optie voor {dimensie}; kies uit {opties}.")
        if not rationale.strip():
            raise ValueError("Geef een onderbouwing bij een afwijking van het voorstel.")
        vorige = [o for o in self.overschrijvingen if o.dimensie == dimensie]
        voorgesteld = vorige[0].voorgesteld if vorige else self.keuze(dimensie)
        record = Overschrijving(
            dimensie,
            voorgesteld,
            optie,
            rationale.strip(),
            door,
            op or datetime.now().isoformat(timespec="seconds"),
        )
        keuze: dict[str, Any] = {dimensie: optie}
        return replace(self, **keuze, overschrijvingen=(*self.overschrijvingen, record))

    def effecten(self) -> dict[str, dict[str, Effect]]:
        """Per dimension the effect of the chosen option on each core value."""
        return {d: KERNWAARDE_EFFECTEN[(d, self.keuze(d))] for d in DIMENSIES}

    def als_dict(self) -> dict[str, Any]:
        uit = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "overschrijvingen"}
        uit["redenen"] = {k: list(v) for k, v in self.redenen.items()}
        uit["overschrijvingen"] = [o.als_dict() for o in self.overschrijvingen]
        return {k: (str(v) if isinstance(v, StrEnum) else v) for k, v in uit.items()}

    @classmethod
    def uit_dict(cls, data: dict[str, Any]) -> Segmentstrategie:
        velden = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        velden["redenen"] = {k: tuple(v) for k, v in data.get("redenen", {}).items()}
        velden["overschrijvingen"] = tuple(
            Overschrijving(**o) for o in data.get("overschrijvingen", ())
        )
        return cls(**velden)


def kernwaarden_afweging(strategie: Segmentstrategie) -> dict[str, Any]:
    """The core-values trade-off of a strategy: per value the sum of the scores, the
    explanations per dimension, and the conflicts (an option helping one value and hurting
    another), so the raad sees what the choice costs as well as what it brings."""
    effecten = strategie.effecten()
    totaal = {k: sum(e[k].score for e in effecten.values()) for k in KERNWAARDEN}
    conflicten = []
    for dimensie, per_waarde in effecten.items():
        plus = [k for k, e in per_waarde.items() if e.score > 0]
        min_ = [k for k, e in per_waarde.items() if e.score < 0]
        if plus and min_:
            conflicten.append(
                f"{DIMENSIES[dimensie][0]} ({label(strategie.keuze(dimensie))}): "
                f"goed voor {', '.join(plus)}, ten koste van {', '.join(min_)}."
            )
    return {"totaal": totaal, "per_dimensie": effecten, "conflicten": conflicten}
