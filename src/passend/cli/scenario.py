"""``passend scenario …``: demand forecast, funding models and policy levers (Monte Carlo)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from passend.cli.gedeeld import (
    Gebiedskeuze,
    Getal,
    gebied_opties,
    gemeenten_van,
    json_optie,
    toon,
    toon_json,
    toon_tabel,
)
from passend.cli.hoofd import main
from passend.domain import opmaak
from passend.strategy.budget import Budget


@main.group("scenario")
def scenario() -> None:
    """Vraagprognose, bekostigingsmodellen en beleidshefbomen (Monte Carlo)."""


#: Parses a number typed with a decimal comma or point (the levers' values).
_GETAL = Getal()


def _paren(waarden: tuple[str, ...], soort: type = float) -> dict[str, Any]:
    uit = {}
    for w in waarden:
        sleutel, _, waarde = w.partition("=")
        if not waarde:
            raise click.BadParameter(f"Verwacht SEGMENT=WAARDE, kreeg {w!r}.")
        uit[sleutel] = _GETAL.convert(waarde, None, None) if soort is float else soort(waarde)
    return uit


def _verschuivingen(waarden: tuple[str, ...]) -> tuple[tuple[str, str, float], ...]:
    uit = []
    for w in waarden:
        delen = w.split(":")
        if len(delen) != 3:
            raise click.BadParameter(f"Verwacht VAN:NAAR:PCT, kreeg {w!r}.")
        uit.append((delen[0], delen[1], _GETAL.convert(delen[2], None, None) / 100))
    return tuple(uit)


def _mln(euro: float) -> str:
    """Millions of euros, two decimals, Dutch separators (the column title says € mln)."""
    return opmaak.getal(euro / 1e6, 2)


def _toon_budgettoets(naam: str, toets: list[dict[str, Any]]) -> None:
    toon_tabel(
        f"{naam} tegenover het budget (€ mln)",
        [
            "Jaar",
            "Domein",
            "Budget",
            "Betaling P50",
            "P5–P95",
            "Kans op overschrijding",
            "Verwachte overschrijding",
        ],
        [
            [
                r["jaar"],
                r["domein"],
                _mln(r["budget"]),
                _mln(r["betaling_p50"]),
                f"{_mln(r['betaling_p5'])} – {_mln(r['betaling_p95'])}",
                opmaak.procent(r["kans_overschrijding"], 0),
                _mln(r["verwachte_overschrijding"]),
            ]
            for r in toets
        ],
    )


def _uitvoer(resultaten: list[Any], als_json: bool, budget: Budget | None = None) -> None:
    from passend.strategy.budget import budgettoets
    from passend.strategy.scenario import vergelijk

    rijen = vergelijk(resultaten, budget=budget)
    toetsen = {
        r.naam: budgettoets(r.jaren, r.per_run, budget) for r in resultaten if budget is not None
    }
    if als_json:
        uit: dict[str, Any] = {
            "vergelijking": rijen,
            "scenarios": [r.als_dict() for r in resultaten],
        }
        if budget is not None:
            uit["budgettoets"] = toetsen
        toon_json(uit)
        return
    for naam, toets in toetsen.items():
        _toon_budgettoets(naam, toets)
    met_budget = bool(rijen and rijen[0]["risico"].get("budget"))
    toon_tabel(
        "Scenario's (zorgkosten over de hele periode, € mln)",
        ["Scenario", "P50", "P5", "P95", "Jeugd", "Wmo", "Verschil", "Aanbieders P5"]
        + (["Kans op tekort", "Verwacht tekort"] if met_budget else []),
        [
            [
                r["scenario"],
                _mln(r["totaal_p50"]),
                _mln(r["totaal_p5"]),
                _mln(r["totaal_p95"]),
                _mln(r["jeugd_p50"]),
                _mln(r["wmo_p50"]),
                _mln(r["verschil_p50"]),
                _mln(r["risico"]["resultaat_aanbieder_p5"]),
            ]
            + (
                [
                    opmaak.procent(r["risico"]["kans_tekort"], 0),
                    _mln(r["risico"]["verwacht_tekort"]),
                ]
                if met_budget
                else []
            )
            for r in rijen
        ],
    )
    if not met_budget:
        click.echo(
            "Geen budget opgegeven: met --budget JAAR:DOMEIN=EURO (of een budget dat in de "
            "web-app is ingevoerd) toont Passend de kans op een tekort."
        )


@scenario.command("run")
@gebied_opties
@json_optie
@click.option("--naam", default="Scenario", show_default=True, help="Naam van het scenario.")
@click.option(
    "--doorlopend-tot",
    type=click.IntRange(19, 27),
    help="Doorlopende zorg (verlengde jeugdhulp) tot deze leeftijd.",
)
@click.option(
    "--doorlopend-pct",
    type=Getal(0, 100),
    default=0.0,
    help="Percentage van de jongeren dat doorlopende zorg krijgt (30 = 30%).",
)
@click.option("--ontschot", is_flag=True, help="Eén budget voor Jeugd en Wmo.")
@click.option(
    "--demedicalisering",
    multiple=True,
    metavar="SEGMENT=PCT",
    help="Minder instroom in een segment, in procenten (4A=10); herhaalbaar.",
)
@click.option(
    "--verschuiving",
    multiple=True,
    metavar="VAN:NAAR:PCT",
    help="Verschuif een percentage van de cliënten van segment VAN naar NAAR; herhaalbaar.",
)
@click.option(
    "--indexatie-pct",
    type=Getal(-10, 20),
    default=0.0,
    help="Tariefindexatie per jaar in procenten (2 = 2%).",
)
@click.option(
    "--bekostiging",
    multiple=True,
    metavar="SEGMENT=MODEL",
    help="Bekostigingsmodel van een segment (inspanningsgericht, outputgericht, taakgericht, "
    "populatiegericht); herhaalbaar.",
)
@click.option(
    "--plafond-aanbieder",
    multiple=True,
    metavar="SEGMENT=FACTOR",
    help="Plafond per aanbieder in een segment, als factor van zijn verwachte omzet (1,1); "
    "herhaalbaar.",
)
@click.option(
    "--tariefblad",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="De tariefhefboom: reken met de tarieven van dit tariefblad (JSON, zoals passend "
    "tarief blad): per segment wat de declaraties van het laatste jaar met die tarieven "
    "hadden gekost, als factor op de kosten per cliënt.",
)
@click.option(
    "--runs",
    type=int,
    default=2000,
    show_default=True,
    help="Aantal Monte-Carlo-trekkingen (de web-app rekent er ook 2000).",
)
@click.option(
    "--seed",
    type=int,
    default=2026,
    show_default=True,
    help="Startgetal: dezelfde seed, dezelfde uitkomst.",
)
@click.option(
    "--budget",
    "budgetten",
    multiple=True,
    metavar="JAAR:DOMEIN=EURO",
    help="Het budget van een jaar en domein (jeugd of wmo), bijvoorbeeld 2026:jeugd=98000000; "
    "herhaalbaar. Geeft per scenario de kans op en de omvang van een overschrijding.",
)
@click.option("--omschrijving", default="", help="Toelichting bij een bewaard scenario.")
@click.option(
    "--bewaar",
    is_flag=True,
    help="Bewaar het scenario met uitkomst onder --naam voor de regio of gemeente.",
)
def run(
    keuze: Gebiedskeuze,
    als_json: bool,
    naam: str,
    doorlopend_tot: int | None,
    doorlopend_pct: float,
    ontschot: bool,
    demedicalisering: tuple[str, ...],
    verschuiving: tuple[str, ...],
    indexatie_pct: float,
    bekostiging: tuple[str, ...],
    plafond_aanbieder: tuple[str, ...],
    tariefblad: Path | None,
    runs: int,
    seed: int,
    budgetten: tuple[str, ...],
    omschrijving: str,
    bewaar: bool,
) -> None:
    """Reken één scenario door en vergelijk het met de basis (en bewaar het met --bewaar)."""
    from passend.strategy.invoer import bouw_invoer
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer

    try:
        hefbomen = Hefbomen(
            doorlopend_tot=doorlopend_tot,
            doorlopend_aandeel=doorlopend_pct / 100,
            ontschot=ontschot,
            demedicalisering={k: v / 100 for k, v in _paren(demedicalisering).items()},
            verschuiving=_verschuivingen(verschuiving),
            indexatie=indexatie_pct / 100,
            bekostiging=_paren(bekostiging, str),
            plafond_per_aanbieder=_paren(plafond_aanbieder),
        )
        budget = _budget(budgetten)
    except ValueError as fout:
        raise click.UsageError(str(fout)) from fout
    if bewaar:
        keuze.uit_database("--bewaar bewaart in de database")
    gebied, bron = keuze.los_op()
    if budget is None and keuze.snapshot is None:
        from passend.planning.opslag import laad_budget

        budget = laad_budget(gebied.sleutel)
    con = bron.verbinding()
    invoer = bouw_invoer(con, gebied)
    if tariefblad is not None:
        factoren = _tarieffactoren(con, gebied, keuze, tariefblad)
        try:
            hefbomen = replace(hefbomen, tarieffactor=factoren)
        except ValueError as fout:  # a sheet ten times the declared tariffs
            raise click.UsageError(str(fout)) from fout
        if not als_json:  # with --json they are in the scenario's hefbomen
            for segment, factor in sorted(factoren.items()):
                click.echo(f"Tariefhefboom segment {segment}: × {opmaak.getal(factor, 3)}")
    eigen_scenario = Scenario(naam, omschrijving, hefbomen)
    if bewaar:
        from passend.bronnen.database import data_versie
        from passend.planning.opslag import reken_en_bewaar

        _, basis, eigen = reken_en_bewaar(
            invoer, eigen_scenario, gebied.sleutel, runs=runs, seed=seed, data_versie=data_versie()
        )
    else:
        basis = simuleer(invoer, runs=runs, seed=seed)
        eigen = simuleer(invoer, eigen_scenario, runs=runs, seed=seed)
    _uitvoer([basis, eigen], als_json, budget)


def _tarieffactoren(con: Any, gebied: Any, keuze: Gebiedskeuze, pad: Path) -> dict[str, float]:
    """Per segment the factor of the sheet's tariffs on the last year's declarations."""
    import json

    from passend.contracting.tariefblad import lees_blad, tariefhefboom

    try:
        regels, deelbaar = lees_blad(json.loads(pad.read_text(encoding="utf-8")))
    except (OSError, UnicodeError, ValueError) as fout:
        raise click.BadParameter(str(fout), param_hint="--tariefblad") from None
    gemeenten = gemeenten_van(keuze.gemeente, keuze.regio)
    factoren = tariefhefboom(
        con, regels, gemeenten, gebied.segmentatie.segment_van, deelbaar_60=deelbaar
    )
    if not factoren:
        raise click.UsageError(
            "Geen product van het tariefblad is gedeclareerd: de tariefhefboom verandert niets."
        )
    return factoren


def _budget(waarden: tuple[str, ...]) -> Budget | None:
    """``--budget JAAR:DOMEIN=EURO`` (repeatable) as a Budget; None without any."""
    from passend.strategy.budget import Budget

    bedragen: dict[tuple[int, str], float] = {}
    for w in waarden:
        sleutel, _, bedrag = w.partition("=")
        jaar, _, domein = sleutel.partition(":")
        if not (jaar.isdigit() and domein and bedrag):
            raise click.BadParameter(f"Verwacht JAAR:DOMEIN=EURO, kreeg {w!r}.")
        bedragen[(int(jaar), domein.strip().lower())] = _GETAL.convert(
            bedrag.replace(".", ""), None, None
        )
    return Budget(bedragen) if bedragen else None


@scenario.command("opgeslagen")
@gebied_opties
@json_optie
def opgeslagen(
    keuze: Gebiedskeuze,
    als_json: bool,
) -> None:
    """De bewaarde scenario's van een regio of gemeente naast elkaar (medianen)."""
    gebied = keuze.uit_database("De scenario's zijn in de database bewaard")  # starts Django
    from django.utils.timezone import localtime

    from passend.planning.opslag import scenarios_van, vergelijk_opgeslagen

    rijen = vergelijk_opgeslagen(scenarios_van(gebied.sleutel))
    toon(
        rijen,
        als_json,
        "Bewaarde scenario's (zorgkosten over de hele periode, € mln, P50)",
        ["Scenario", "Totaal", "Jeugd", "Wmo", "Berekend op"],
        lambda: [
            [
                r["scenario"],
                _mln(r["totaal_p50"]),
                _mln(r["jeugd_p50"]),
                _mln(r["wmo_p50"]),
                f"{localtime(r['berekend_op']):%d-%m-%Y %H:%M %Z}",
            ]
            for r in rijen
        ],
    )


@scenario.command("demo")
@gebied_opties
@json_optie
@click.option(
    "--runs", type=int, default=2000, show_default=True, help="Aantal Monte-Carlo-trekkingen."
)
def demo(
    keuze: Gebiedskeuze,
    als_json: bool,
    runs: int,
) -> None:
    """De demoscenario's: basis, doorlopend tot 23, taakgericht segment 1, ontschot budget."""
    from passend.strategy.demo import demo_scenarios

    gebied, bron = keuze.los_op()
    _uitvoer(demo_scenarios(bron.verbinding(), gebied, runs=runs), als_json)


@scenario.command("invoer")
@gebied_opties
@json_optie
def invoer_cmd(
    keuze: Gebiedskeuze,
    als_json: bool,
) -> None:
    """De geschatte invoer per segment: cliënten, instroom, doorstroom, kosten."""
    from passend.strategy.invoer import bouw_invoer

    gebied, bron = keuze.los_op()
    inv = bouw_invoer(bron.verbinding(), gebied)
    rijen = [
        {
            "segment": s.code,
            "naam": s.naam,
            "domein": s.domein,
            "clienten_basisjaar": float(inv.start[0, i].sum()),
            "instroom_waargenomen": float(inv.instroom[0, i].sum()),
            "doorstroom": float(inv.vervolg[0, i].sum() / inv.risico[0, i].sum())
            if inv.risico[0, i].sum()
            else None,
            "kosten_per_client": float(inv.kosten_per_client[0, i]),
            "naar_wmo": float(inv.naar_wmo[0, i]),
            "cohort": float(inv.cohort[0, i]),
        }
        for i, s in enumerate(inv.segmenten)
    ]
    if als_json:
        toon_json(
            {
                "basisjaar": inv.basisjaar,
                "jaren": list(inv.jaren),
                "bron": inv.bron,
                "segmenten": rijen,
            }
        )
        return
    toon_tabel(
        f"Invoer (basisjaar {inv.basisjaar})",
        ["Segment", "Cliënten", "Doorstroom", "Kosten/cliënt"],
        [
            [
                f"{r['segment']} {r['naam']}",
                opmaak.getal(r["clienten_basisjaar"]),
                "–" if r["doorstroom"] is None else opmaak.getal(r["doorstroom"], 2),
                opmaak.euro(r["kosten_per_client"]),
            ]
            for r in rijen
        ],
    )
