"""``passend contract …``: the contract register and its checks against the messages."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from passend.cli.gedeeld import gemeenten_van, json_optie, toon_json, toon_tabel
from passend.cli.hoofd import main
from passend.domain import opmaak
from passend.opstart import start_django

_GEMEENTE = click.option("--gemeente", metavar="CODE", help="CBS-gemeentecode, bijv. 0505.")
_REGIO = click.option("--regio", metavar="NAAM", help="Naam van de jeugdregio.")
_PEILDATUM = click.option(
    "--peildatum",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Datum waarop de looptijd wordt beoordeeld (JJJJ-MM-DD); standaard vandaag.",
)


@main.group("contract")
def contract() -> None:
    """Het contractregister: contracten, tarieven, bestedingsruimte en de controle op de
    berichten (importeer het register met 'passend import', zie docs/import.md)."""


def _dag(peildatum: Any) -> date:
    return peildatum.date() if peildatum is not None else date.today()


@contract.command("lijst")
@_GEMEENTE
@_REGIO
@_PEILDATUM
@json_optie
def lijst(gemeente: str | None, regio: str | None, peildatum: Any, als_json: bool) -> None:
    """De contracten in het register, met waarschuwingen (looptijd, aflopend)."""
    gemeenten = gemeenten_van(gemeente, regio)
    start_django()
    from passend.contracten.register import contracten, overzicht

    rijen = overzicht(contracten(gemeenten), _dag(peildatum))
    if als_json:
        toon_json({"peildatum": _dag(peildatum).isoformat(), "contracten": rijen})
        return
    toon_tabel(
        f"Contractregister ({len(rijen)} contracten)",
        [
            "Contract",
            "Hoofdaannemer",
            "Gebied",
            "Domein",
            "Segment",
            "Variant",
            "Looptijd",
            "Let op",
        ],
        [
            [
                r["contractnummer"],
                f"{r['naam'] or r['hoofdaannemer']}"
                + (f" (+{len(r['onderaannemers'])})" if r["onderaannemers"] else ""),
                r["gebied"],
                r["domein"],
                r["segment"],
                r["uitvoeringsvariant"],
                f"{opmaak.datum(r['ingangsdatum'])} – "
                + (opmaak.datum(r["einddatum"]) if r["einddatum"] else "…"),
                " ".join(r["waarschuwingen"]),
            ]
            for r in rijen
        ],
    )


@contract.command("controle")
@click.option("--jaar", type=int, help="Jaar van de berichten; standaard het laatste jaar.")
@_GEMEENTE
@_REGIO
@_PEILDATUM
@json_optie
def controle(
    jaar: int | None, gemeente: str | None, regio: str | None, peildatum: Any, als_json: bool
) -> None:
    """Berichten zonder contract, buiten het contract of met een ander tarief, per aanbieder;
    en contracten die binnen zes maanden aflopen."""
    gemeenten = gemeenten_van(gemeente, regio)
    start_django()
    from passend.analysis.relaties import peildatum as data_peildatum
    from passend.bronnen.database import DatabaseBron
    from passend.contracten.register import controle as voer_uit

    con = DatabaseBron().verbinding()
    laatste = data_peildatum(con)
    if jaar is None:
        jaar = laatste.year if laatste else date.today().year
    uitkomst = voer_uit(con, jaar, _dag(peildatum), gemeenten)
    if als_json:
        toon_json(uitkomst.als_json())
        return
    _toon(uitkomst)


def _toon(uitkomst: Any) -> None:
    euro = opmaak.euro_cent
    toon_tabel(
        f"Berichten {uitkomst.jaar} tegen het contractregister",
        [
            "Aanbieder",
            "Toewijzingen zonder contract",
            "Declaratieregels zonder contract",
            "Bedrag zonder contract",
            "Toewijzingen buiten contract",
            "Declaratieregels buiten contract",
            "Ander tarief",
            "Tariefverschil",
        ],
        [
            [
                f"{r['naam'] or r['aanbieder']} ({r['aanbieder']})",
                r["toewijzing_geen_contract"],
                r["declaratie_geen_contract"],
                euro(r["declaratie_geen_contract_cent"]),
                r["toewijzing_product_buiten_contract"],
                r["declaratie_product_buiten_contract"],
                r["declaratie_tarief_afwijkend"],
                euro(r["tariefverschil_cent"]),
            ]
            for r in uitkomst.per_aanbieder
        ],
    )
    toon_tabel(
        f"Contracten die binnen zes maanden na {opmaak.datum(uitkomst.peildatum)} aflopen",
        ["Contract", "Aanbieder", "Domein", "Segment", "Einddatum"],
        [
            [
                r["contractnummer"],
                r["aanbieder"],
                r["domein"],
                r["segment"],
                opmaak.datum(r["einddatum"]),
            ]
            for r in uitkomst.aflopend
        ],
    )
