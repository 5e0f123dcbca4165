"""Click groups ``passend strategie …`` and ``passend scenario …`` (registered by passend.cli).

Every command reads the care data through an analysis connection: the Django database by
default, or a Parquet snapshot with ``--snapshot DIR``. ``--json`` prints machine-readable
output; otherwise a short Dutch table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from passend.opstart import start_django

_GEBIED = [
    click.option("--snapshot", type=click.Path(exists=True, file_okay=False, path_type=Path),
                 help="Map met een Parquet-momentopname in plaats van de database."),
    click.option("--regio", help="Jeugdregio (naam)."),
    click.option("--gemeente", help="Gemeente (CBS-code)."),
    click.option("--model", "model",
                 help="Segmentmodel: standaard-7, voorbeeld-5 of een JSON-bestand (standaard: "
                 "het actieve model van het gebied in de database, anders standaard-7)."),
    click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON."),
]  # fmt: skip


def _opties(functie: Callable[..., Any]) -> Callable[..., Any]:
    for optie in reversed(_GEBIED):
        functie = optie(functie)
    return functie


def _verbinding(snapshot: Path | None) -> Any:
    if snapshot is not None:
        from passend.analysis.relaties import lees_snapshot

        return lees_snapshot(snapshot, in_geheugen=True)
    start_django()  # before the models are imported by passend.analysis.bron
    from passend.analysis.bron import django_verbinding

    return django_verbinding()


def _model(sleutel: str | None, snapshot: Path | None = None, gemeente: str | None = None,
           regio: str | None = None) -> Any:
    from passend.analysis.segmentatie import Segmentatie
    from passend.strategy.segmentmodellen import model

    if sleutel is None:
        if snapshot is not None:
            return Segmentatie.standaard()
        start_django()
        from passend.planning.opslag import segmentmodel_voor_gebied

        return segmentmodel_voor_gebied(gemeente, regio)
    pad = Path(sleutel)
    if pad.suffix == ".json" and pad.is_file():
        return Segmentatie.uit_json(pad.read_text(encoding="utf-8"))
    try:
        return model(sleutel)
    except ValueError as fout:
        raise click.BadParameter(str(fout), param_hint="--model") from fout


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _tabel(titel: str, koppen: list[str], rijen: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    tabel = Table(title=titel)
    for kop in koppen:
        tabel.add_column(kop)
    for rij in rijen:
        tabel.add_row(*[str(c) for c in rij])
    Console().print(tabel)


# -- strategie --------------------------------------------------------------------------------
@click.group("strategie")
def strategie() -> None:
    """Segmentmodellen, ambities en inkoopstrategie (stap 3 en 4)."""


@strategie.command("segmentmodellen")
@click.option("--json", "als_json", is_flag=True)
def segmentmodellen(als_json: bool) -> None:
    """Toon de meegeleverde segmentmodellen met hun indeling."""
    from passend.strategy.segmentmodellen import modellen, ongedekte_categorieen

    data = {k: {**m.als_dict(), "ongedekte_categorieen": ongedekte_categorieen(m)}
            for k, m in modellen().items()}  # fmt: skip
    if als_json:
        _json(data)
        return
    for sleutel, m in data.items():
        _tabel(f"{sleutel}: {m['naam']}", ["Segment", "Naam", "Domein", "Categorieën"],
               [[s["code"], s["naam"], s["domein"], ", ".join(s["categorieen"])]
                for s in m["segmenten"] if s["domein"] == "jeugd"])  # fmt: skip


@strategie.command("niet-ingedeeld")
@_opties
def niet_ingedeeld(snapshot: Path | None, regio: str | None, gemeente: str | None,
                   model: str | None, als_json: bool) -> None:  # fmt: skip
    """Producten in de gegevens die het segmentmodel niet indeelt."""
    from passend.strategy.segmentmodellen import niet_ingedeeld as rapport

    rijen = rapport(_verbinding(snapshot), _model(model, snapshot, gemeente, regio))
    if als_json:
        _json(rijen)
        return
    _tabel("Niet ingedeelde producten", ["Domein", "Categorie", "Productcode", "Toewijzingen",
                                         "Leveringen", "Prestaties"],
           [[r["domein"], r["categorie"], r["productcode"], r["toewijzingen"], r["leveringen"],
             r["prestaties"]] for r in rijen])  # fmt: skip


@strategie.command("voorstel")
@_opties
@click.option("--jaar", type=int, help="Jaar van de marktcijfers (standaard het laatste).")
def voorstel_cmd(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
                 als_json: bool, jaar: int | None) -> None:  # fmt: skip
    """Voorstel per segment uit de eigen marktcijfers, met redenen en kernwaarden."""
    from passend.strategy.invoer import segmentkenmerken
    from passend.strategy.keuzes import kernwaarden_afweging, label
    from passend.strategy.richtlijnen import adviseer, voorstel

    con = _verbinding(snapshot)
    kenmerken = segmentkenmerken(con, jaar, segmentatie=_model(model, snapshot, gemeente, regio),
                                 gemeente=gemeente, regio=regio)  # fmt: skip
    if als_json:
        _json([{"kenmerken": k.als_dict(),
                "advies": {d: a.als_dict() for d, a in adviseer(k).items()},
                "kernwaarden": kernwaarden_afweging(voorstel(k))["totaal"]}
               for k in kenmerken])  # fmt: skip
        return
    _tabel("Voorstel per segment", ["Segment", "Procedure", "Bekostiging", "Schaal",
                                    "Aanbieders", "Looptijd", "Domein"],
           [[f"{v.segment} {v.segmentnaam}", label(v.procedure), label(v.bekostiging),
             label(v.schaal), label(v.aanbieders), label(v.looptijd), label(v.verantwoordelijk)]
            for v in map(voorstel, kenmerken)])  # fmt: skip


@strategie.command("regels")
@click.option("--json", "als_json", is_flag=True)
def regels(als_json: bool) -> None:
    """De regeltabel van het adviesmodel."""
    from passend.strategy.richtlijnen import regeltabel

    rijen = regeltabel()
    if als_json:
        _json(rijen)
        return
    _tabel("Regels", ["Code", "Keuze", "Optie", "Als", "Gewicht"],
           [[r["code"], r["dimensie"], r["label"], r["als"], r["gewicht"]] for r in rijen])


@strategie.command("monitor")
@_opties
@click.option("--kader", "kader_pad", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ambitiekader als JSON (standaard het voorbeeldkader).")
def monitor_cmd(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
                als_json: bool, kader_pad: Path | None) -> None:  # fmt: skip
    """Commitmentmonitor: doel tegenover werkelijk per indicator en jaar."""
    from passend.strategy.ambities import kader_uit_dict, met_basiswaarden, monitor, voorbeeldkader
    from passend.strategy.invoer import basisjaar_van

    con, seg = _verbinding(snapshot), _model(model, snapshot, gemeente, regio)
    jaar = basisjaar_van(con)
    if kader_pad:
        kader = kader_uit_dict(json.loads(kader_pad.read_text(encoding="utf-8")))
    else:
        kader = met_basiswaarden(voorbeeldkader(jaar - 2), con, segmentatie=seg,
                                 gemeente=gemeente, regio=regio)  # fmt: skip
    rijen = monitor(kader, range(jaar - 2, jaar + 1), con, segmentatie=seg, gemeente=gemeente,
                    regio=regio)  # fmt: skip
    if als_json:
        _json(rijen)
        return
    _tabel("Commitmentmonitor", ["Indicator", "Jaar", "Doel", "Werkelijk", "Status"],
           [[r["naam"], r["jaar"], _kort(r["doel"]), _kort(r["werkelijk"]), r["status"]]
            for r in rijen])  # fmt: skip


def _kort(x: float | None) -> str:
    return "-" if x is None else f"{x:.3g}"


@strategie.command("document")
@_opties
@click.option("--pdf", "pdf_pad", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--excel", "excel_pad", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ocds", "ocds_pad", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--runs", type=int, default=2000, show_default=True)
@click.option("--synthetisch", is_flag=True, help="Markeer het document als demo (nepcijfers).")
def document(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
             als_json: bool, pdf_pad: Path | None, excel_pad: Path | None,
             ocds_pad: Path | None, runs: int, synthetisch: bool) -> None:  # fmt: skip
    """Maak de inkoopstrategie (PDF, Excel en/of OCDS-JSON).

    Uit de database: met de bewaarde planning van de regio of gemeente (actief segmentmodel,
    ambities, keuzes met afwijkingen, bewaarde scenario's; anders het voorstel en de
    demoscenario's). Met --snapshot: het voorstel en de demoscenario's.
    """
    from passend.strategy.document import stel_op

    con = _verbinding(snapshot)
    onderdelen = _documentonderdelen(snapshot, gemeente or regio or "", model)
    s = stel_op(con, regio=regio, gemeente=gemeente, runs=runs, synthetisch=synthetisch,
                **onderdelen)  # fmt: skip
    gemaakt = {}
    if pdf_pad:
        from passend.strategy.pdf import schrijf_pdf

        gemaakt["pdf"] = str(schrijf_pdf(s, pdf_pad))
    if excel_pad:
        from passend.strategy.excel import schrijf_excel

        gemaakt["excel"] = str(schrijf_excel(s, excel_pad))
    if ocds_pad:
        from passend.strategy.ocds import ocds_pakket

        ocds_pad.write_text(json.dumps(ocds_pakket(s), ensure_ascii=False, indent=2), "utf-8")
        gemaakt["ocds"] = str(ocds_pad)
    if als_json:
        _json(gemaakt)
    else:
        for soort, pad in gemaakt.items():
            click.echo(f"{soort}: {pad}")


def _documentonderdelen(snapshot: Path | None, gebied: str, model: str | None) -> dict[str, Any]:
    from passend.strategy.demo import demo_scenario_set

    if snapshot is None:
        from passend.planning.opslag import documentonderdelen

        onderdelen = documentonderdelen(gebied)
        if model is not None:  # an explicit model replaces the stored one
            onderdelen.update(segmentatie=_model(model), strategieen=None)
        return onderdelen
    seg = _model(model, snapshot)
    codes = {s.code for s in seg.segmenten}
    return {"segmentatie": seg,
            "scenarios": demo_scenario_set("1" if "1" in codes else seg.segmenten[0].code)}


# -- scenario ---------------------------------------------------------------------------------
@click.group("scenario")
def scenario() -> None:
    """Vraagprognose, bekostigingsmodellen en beleidshefbomen (Monte Carlo)."""


def _paren(waarden: tuple[str, ...], soort: type = float) -> dict[str, Any]:
    uit = {}
    for w in waarden:
        sleutel, _, waarde = w.partition("=")
        if not waarde:
            raise click.BadParameter(f"Verwacht SEGMENT=WAARDE, kreeg {w!r}.")
        uit[sleutel] = soort(waarde)
    return uit


def _verschuivingen(waarden: tuple[str, ...]) -> tuple[tuple[str, str, float], ...]:
    uit = []
    for w in waarden:
        delen = w.split(":")
        if len(delen) != 3:
            raise click.BadParameter(f"Verwacht VAN:NAAR:AANDEEL, kreeg {w!r}.")
        uit.append((delen[0], delen[1], float(delen[2])))
    return tuple(uit)


def _uitvoer(resultaten: list[Any], als_json: bool) -> None:
    from passend.strategy.scenario import vergelijk

    rijen = vergelijk(resultaten)
    if als_json:
        _json({"vergelijking": rijen, "scenarios": [r.als_dict() for r in resultaten]})
        return
    mln = "{:,.2f}".format
    _tabel("Scenario's (zorgkosten over de hele periode, € mln)",
           ["Scenario", "P50", "P5", "P95", "Jeugd", "Wmo", "Verschil", "Verwacht tekort"],
           [[r["scenario"], mln(r["totaal_p50"] / 1e6), mln(r["totaal_p5"] / 1e6),
             mln(r["totaal_p95"] / 1e6), mln(r["jeugd_p50"] / 1e6), mln(r["wmo_p50"] / 1e6),
             mln(r["verschil_p50"] / 1e6), mln(r["tekort"] / 1e6)] for r in rijen])


@scenario.command("run")
@_opties
@click.option("--naam", default="Scenario", show_default=True)
@click.option("--doorlopend-tot", type=click.IntRange(19, 27), help="Doorlopende zorg tot …")
@click.option("--doorlopend-aandeel", type=click.FloatRange(0, 1), default=0.0)
@click.option("--ontschot", is_flag=True, help="Eén budget voor Jeugd en Wmo.")
@click.option("--demedicalisering", multiple=True, metavar="SEGMENT=FRACTIE")
@click.option("--verschuiving", multiple=True, metavar="VAN:NAAR:AANDEEL")
@click.option("--indexatie", type=float, default=0.0, help="Tariefindexatie per jaar (0,02 = 2%).")
@click.option("--bekostiging", multiple=True, metavar="SEGMENT=MODEL")
@click.option("--plafond-aanbieder", multiple=True, metavar="SEGMENT=FACTOR")
@click.option("--runs", type=int, default=2000, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option("--omschrijving", default="", help="Toelichting bij een bewaard scenario.")
@click.option("--bewaar", is_flag=True,
              help="Bewaar het scenario met uitkomst onder --naam voor de regio of gemeente.")
def run(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
        als_json: bool, naam: str, doorlopend_tot: int | None, doorlopend_aandeel: float,
        ontschot: bool, demedicalisering: tuple[str, ...], verschuiving: tuple[str, ...],
        indexatie: float, bekostiging: tuple[str, ...], plafond_aanbieder: tuple[str, ...],
        runs: int, seed: int, omschrijving: str, bewaar: bool) -> None:  # fmt: skip
    """Reken één scenario door en vergelijk het met de basis (en bewaar het met --bewaar)."""
    from passend.strategy.invoer import bouw_invoer
    from passend.strategy.scenario import Hefbomen, Scenario, simuleer

    try:
        hefbomen = Hefbomen(
            doorlopend_tot=doorlopend_tot, doorlopend_aandeel=doorlopend_aandeel,
            ontschot=ontschot, demedicalisering=_paren(demedicalisering),
            verschuiving=_verschuivingen(verschuiving), indexatie=indexatie,
            bekostiging=_paren(bekostiging, str),
            plafond_per_aanbieder=_paren(plafond_aanbieder),
        )  # fmt: skip
    except ValueError as fout:
        raise click.UsageError(str(fout)) from fout
    seg = _model(model, snapshot, gemeente, regio)
    invoer = bouw_invoer(_verbinding(snapshot), segmentatie=seg, gemeente=gemeente,
                         regio=regio)  # fmt: skip
    basis = simuleer(invoer, runs=runs, seed=seed)
    eigen_scenario = Scenario(naam, omschrijving, hefbomen)
    eigen = simuleer(invoer, eigen_scenario, runs=runs, seed=seed)
    if bewaar:
        _bewaar(eigen_scenario, eigen, basis, gemeente or regio or "")
    _uitvoer([basis, eigen], als_json)


def _bewaar(scenario_: Any, resultaat: Any, basis: Any, gebied: str) -> None:
    start_django()
    from passend.planning.opslag import bewaar_scenario

    bewaar_scenario(scenario_, gebied, resultaat=resultaat, basis=basis)


@scenario.command("opgeslagen")
@click.option("--regio", help="Jeugdregio (naam).")
@click.option("--gemeente", help="Gemeente (CBS-code).")
@click.option("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
def opgeslagen(regio: str | None, gemeente: str | None, als_json: bool) -> None:
    """De bewaarde scenario's van een regio of gemeente naast elkaar (medianen)."""
    start_django()
    from django.utils.timezone import localtime

    from passend.planning.opslag import scenarios_van, vergelijk_opgeslagen

    rijen = vergelijk_opgeslagen(scenarios_van(gemeente or regio or ""))
    if als_json:
        _json(rijen)
        return
    mln = "{:,.2f}".format
    _tabel("Bewaarde scenario's (zorgkosten over de hele periode, € mln, P50)",
           ["Scenario", "Totaal", "Jeugd", "Wmo", "Berekend op"],
           [[r["scenario"], mln(r["totaal_p50"] / 1e6), mln(r["jeugd_p50"] / 1e6),
             mln(r["wmo_p50"] / 1e6), f"{localtime(r['berekend_op']):%d-%m-%Y %H:%M}"]
            for r in rijen])


@scenario.command("demo")
@_opties
@click.option("--runs", type=int, default=2000, show_default=True)
def demo(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
         als_json: bool, runs: int) -> None:  # fmt: skip
    """De demoscenario's: basis, doorlopend tot 23, taakgericht segment 1, ontschot budget."""
    from passend.strategy.demo import demo_scenarios

    seg = _model(model, snapshot, gemeente, regio)
    _uitvoer(demo_scenarios(_verbinding(snapshot), runs=runs, segmentatie=seg,
                            regio=regio), als_json)  # fmt: skip


@scenario.command("invoer")
@_opties
def invoer_cmd(snapshot: Path | None, regio: str | None, gemeente: str | None, model: str | None,
               als_json: bool) -> None:  # fmt: skip
    """De geschatte invoer per segment: cliënten, instroom, doorstroom, kosten."""
    from passend.strategy.invoer import bouw_invoer

    seg = _model(model, snapshot, gemeente, regio)
    inv = bouw_invoer(_verbinding(snapshot), segmentatie=seg, gemeente=gemeente,
                      regio=regio)  # fmt: skip
    rijen = [{
        "segment": s.code, "naam": s.naam, "domein": s.domein,
        "clienten_basisjaar": float(inv.start[0, i].sum()),
        "instroom_waargenomen": float(inv.instroom[0, i].sum()),
        "doorstroom": float(inv.vervolg[0, i].sum() / inv.risico[0, i].sum())
        if inv.risico[0, i].sum() else None,
        "kosten_per_client": float(inv.kosten_per_client[0, i]),
        "naar_wmo": float(inv.naar_wmo[0, i]), "cohort": float(inv.cohort[0, i]),
    } for i, s in enumerate(inv.segmenten)]  # fmt: skip
    if als_json:
        _json({"basisjaar": inv.basisjaar, "jaren": list(inv.jaren), "bron": inv.bron,
               "segmenten": rijen})  # fmt: skip
        return
    _tabel(f"Invoer (basisjaar {inv.basisjaar})", ["Segment", "Cliënten", "Doorstroom",
                                                   "Kosten/cliënt"],
           [[f"{r['segment']} {r['naam']}", f"{r['clienten_basisjaar']:.0f}",
             "-" if r["doorstroom"] is None else f"{r['doorstroom']:.2f}",
             f"{r['kosten_per_client']:,.0f}"] for r in rijen])  # fmt: skip
