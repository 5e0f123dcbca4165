"""``passend strategie …``: segment models, proposals, the commitment monitor and the
inkoopstrategie document (steps 3 and 4).

Every command reads the care data through the shared area options: the Django database by
default, or a Parquet snapshot with ``--snapshot MAP``. ``--json`` prints machine-readable
output; otherwise a short Dutch table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from passend.cli.gedeeld import (
    Gebiedskeuze,
    gebied_opties,
    gemeenten_van,
    json_optie,
    toon,
    toon_json,
    toon_tabel,
)
from passend.cli.hoofd import main


@main.group("strategie")
def strategie() -> None:
    """Segmentmodellen, ambities en inkoopstrategie (stap 3 en 4)."""


@strategie.command("segmentmodellen")
@json_optie
def segmentmodellen(als_json: bool) -> None:
    """Toon de meegeleverde segmentmodellen met hun indeling."""
    from passend.strategy.segmentmodellen import modellen, ongedekte_categorieen

    data = {
        k: {**m.als_dict(), "ongedekte_categorieen": ongedekte_categorieen(m)}
        for k, m in modellen().items()
    }
    if als_json:
        toon_json(data)
        return
    for sleutel, m in data.items():
        toon_tabel(
            f"{sleutel}: {m['naam']}",
            ["Segment", "Naam", "Domein", "Categorieën"],
            [
                [s["code"], s["naam"], s["domein"], ", ".join(s["categorieen"])]
                for s in m["segmenten"]
                if s["domein"] == "jeugd"
            ],
        )


@strategie.command("niet-ingedeeld")
@gebied_opties
@json_optie
def niet_ingedeeld(
    keuze: Gebiedskeuze,
    als_json: bool,
) -> None:
    """Producten in de gegevens die het segmentmodel niet indeelt."""
    from passend.analysis.segmentatie import niet_ingedeeld as rapport

    gebied, bron = keuze.los_op()
    rijen = rapport(bron.verbinding(), gebied)
    toon(
        rijen,
        als_json,
        "Niet ingedeelde producten",
        ["Domein", "Categorie", "Productcode", "Toewijzingen", "Leveringen", "Prestaties"],
        lambda: [
            [
                r["domein"],
                r["categorie"],
                r["productcode"],
                r["toewijzingen"],
                r["leveringen"],
                r["prestaties"],
            ]
            for r in rijen
        ],
    )


@strategie.command("voorstel")
@gebied_opties
@json_optie
@click.option("--jaar", type=int, help="Jaar van de marktcijfers (standaard het laatste).")
def voorstel_cmd(
    keuze: Gebiedskeuze,
    als_json: bool,
    jaar: int | None,
) -> None:
    """Voorstel per segment uit de eigen marktcijfers, met redenen en kernwaarden."""
    from passend.strategy.invoer import segmentkenmerken
    from passend.strategy.keuzes import kernwaarden_afweging, label
    from passend.strategy.richtlijnen import adviseer, voorstel

    gebied, bron = keuze.los_op()
    kenmerken = segmentkenmerken(bron.verbinding(), gebied, jaar)
    if als_json:
        toon_json(
            [
                {
                    "kenmerken": k.als_dict(),
                    "advies": {d: a.als_dict() for d, a in adviseer(k).items()},
                    "kernwaarden": kernwaarden_afweging(voorstel(k))["totaal"],
                }
                for k in kenmerken
            ]
        )
        return
    toon_tabel(
        "Voorstel per segment",
        ["Segment", "Procedure", "Bekostiging", "Schaal", "Aanbieders", "Looptijd", "Domein"],
        [
            [
                f"{v.segment} {v.segmentnaam}",
                label(v.procedure),
                label(v.bekostiging),
                label(v.schaal),
                label(v.aanbieders),
                label(v.looptijd),
                label(v.verantwoordelijk),
            ]
            for v in map(voorstel, kenmerken)
        ],
    )


@strategie.command("regels")
@json_optie
def regels(als_json: bool) -> None:
    """De regeltabel van het adviesmodel."""
    from passend.strategy.richtlijnen import regeltabel

    rijen = regeltabel()
    toon(
        rijen,
        als_json,
        "Regels",
        ["Code", "Keuze", "Optie", "Als", "Gewicht"],
        [[r["code"], r["dimensie"], r["label"], r["als"], r["gewicht"]] for r in rijen],
    )


@strategie.command("monitor")
@gebied_opties
@json_optie
@click.option(
    "--kader",
    "kader_pad",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Ambitiekader als JSON (standaard het voorbeeldkader).",
)
def monitor_cmd(
    keuze: Gebiedskeuze,
    als_json: bool,
    kader_pad: Path | None,
) -> None:
    """Commitmentmonitor: doel tegenover werkelijk per indicator en jaar."""
    from passend.strategy.ambities import kader_uit_dict, met_basiswaarden, monitor, voorbeeldkader
    from passend.strategy.invoer import basisjaar_van

    gebied, bron = keuze.los_op()
    con = bron.verbinding()
    jaar = basisjaar_van(con)
    if kader_pad:
        kader = kader_uit_dict(json.loads(kader_pad.read_text(encoding="utf-8")))
    else:
        kader = met_basiswaarden(voorbeeldkader(jaar - 2), con, gebied)
    rijen = monitor(kader, range(jaar - 2, jaar + 1), con, gebied)
    if als_json:
        toon_json(rijen)
        return
    toon_tabel(
        "Commitmentmonitor",
        ["Indicator", "Jaar", "Doel", "Werkelijk", "Status"],
        lambda: [
            [r["naam"], r["jaar"], _kort(r["doel"]), _kort(r["werkelijk"]), r["status"]]
            for r in rijen
        ],
    )


def _kort(x: float | None) -> str:
    return "-" if x is None else f"{x:.3g}"


def _uitvoerbestand(optie: str, wat: str) -> Callable[[Any], Any]:
    """``--pdf/--excel/--ocds BESTAND``: where to write one form of the document."""
    return click.option(
        optie,
        f"{optie.lstrip('-')}_pad",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Schrijf {wat} naar dit bestand.",
    )


def _gunningen(keuze: Gebiedskeuze) -> Any:
    """The area's contract register for the OCDS award and contract stage (from the
    database; a snapshot has no register)."""
    if keuze.snapshot is not None:
        return None
    from passend.contracten.register import gunningen

    return gunningen(gemeenten_van(keuze.gemeente, keuze.regio))


@strategie.command("document")
@gebied_opties
@json_optie
@_uitvoerbestand("--pdf", "het document als PDF")
@_uitvoerbestand("--excel", "de werkmap (Excel)")
@_uitvoerbestand("--ocds", "de aanbesteding als OCDS-JSON")
@click.option(
    "--runs",
    type=int,
    default=2000,
    show_default=True,
    help="Aantal Monte-Carlo-trekkingen voor de voorbeeldscenario's (alleen met --snapshot; "
    "uit de database komen de bewaarde, doorgerekende scenario's).",
)
@click.option("--synthetisch", is_flag=True, help="Markeer het document als demo (nepcijfers).")
def document(
    keuze: Gebiedskeuze,
    als_json: bool,
    pdf_pad: Path | None,
    excel_pad: Path | None,
    ocds_pad: Path | None,
    runs: int,
    synthetisch: bool,
) -> None:
    """Maak de inkoopstrategie (PDF, Excel en/of OCDS-JSON).

    Uit de database: met de bewaarde planning van de regio of gemeente (actief segmentmodel,
    ambities, keuzes met afwijkingen, de voor het document gekozen scenario's zoals ze zijn
    doorgerekend, en het ingevoerde budget), dus met dezelfde cijfers als de web-app. Met
    --snapshot: het voorstel en de demoscenario's, doorgerekend met --runs.
    """
    gebied, bron = keuze.los_op()
    s = _document(bron.verbinding(), gebied, keuze, runs, synthetisch)
    gemaakt = {}
    if pdf_pad:
        from passend.strategy.pdf import als_pdf

        pdf_pad.write_bytes(als_pdf(s))
        gemaakt["pdf"] = str(pdf_pad)
    if excel_pad:
        from passend.strategy.excel import als_xlsx

        excel_pad.write_bytes(als_xlsx(s))
        gemaakt["excel"] = str(excel_pad)
    if ocds_pad:
        from passend.strategy.ocds import ocds_pakket

        pakket = ocds_pakket(s, gunningen=_gunningen(keuze))
        ocds_pad.write_text(json.dumps(pakket, ensure_ascii=False, indent=2), "utf-8")
        gemaakt["ocds"] = str(ocds_pad)
    if als_json:
        toon_json(gemaakt)
    else:
        for soort, pad in gemaakt.items():
            click.echo(f"{soort}: {pad}")


def _document(con: Any, gebied: Any, keuze: Gebiedskeuze, runs: int, synthetisch: bool) -> Any:
    """From the database: the stored planning of the area (the service the web download
    uses); from a snapshot: the proposals and the demo scenarios."""
    if keuze.snapshot is None:
        from passend.planning.opslag import bouw_document

        seg = gebied.segmentatie if keuze.model else None
        return bouw_document(con, gebied.sleutel, synthetisch=synthetisch, segmentatie=seg)
    from passend.strategy.demo import demo_scenario_set
    from passend.strategy.document import stel_op

    codes = {s.code for s in gebied.segmentatie.segmenten}
    scenarios = demo_scenario_set("1" if "1" in codes else gebied.segmentatie.segmenten[0].code)
    return stel_op(con, gebied, scenarios=scenarios, runs=runs, synthetisch=synthetisch)
