"""The tariff sheet by hand (docs/contractering.md): the worked example per hour, per minute
and per dagdeel; the declared tariffs beside it (median and spread); reading a sheet; and
setting the sheet's tariffs into the register as uniform tariffs."""

from __future__ import annotations

from datetime import date as d
from decimal import Decimal

import pyarrow as pa
import pytest

from passend.analysis.relaties import SCHEMA, verbind
from passend.contracting.tarief import Kostprijsopbouw
from passend.contracting.tariefblad import (
    Bladregel,
    gedeclareerde_tarieven,
    lees_blad,
    tariefblad,
)

VOORBEELD = Kostprijsopbouw(
    productiviteit=Decimal("0.80"), overhead=Decimal("0.20"), loonkosten_per_uur=Decimal("24.68")
)


def test_the_worked_example_per_hour_minute_and_dagdeel():
    uur = Bladregel("45", "45A01", "04", VOORBEELD)
    assert (uur.tarief_cent(False), uur.tarief_cent(True)) == (3702, 3720)
    minuut = Bladregel("45", "45A01", "01", VOORBEELD)
    assert (minuut.tarief_cent(False), minuut.tarief_cent(True)) == (62, 62)  # 37.02/60, 3720/60
    dagdeel = Bladregel("45", "45A03", "16", VOORBEELD, uren_per_eenheid=Decimal(4))
    assert (dagdeel.tarief_cent(False), dagdeel.tarief_cent(True)) == (14808, 14880)
    with pytest.raises(ValueError, match="uren_per_eenheid"):
        Bladregel("45", "45A03", "16", VOORBEELD)


def _p(tarief, dc="D", begin=d(2024, 3, 1), gemeente="0505", code="45A01", eenheid="04"):
    return {
        "domein": "jeugd",
        "gemeente": gemeente,
        "aanbieder": "11111111",
        "client_id": 1,
        "toewijzingnummer": 1,
        "categorie": "45",
        "productcode": code,
        "periode_begin": begin,
        "periode_eind": begin,
        "volume": 1,
        "eenheid": eenheid,
        "bedrag": tarief,
        "debet_credit": dc,
        "tarief": tarief,
    }


def _con():
    rijen = [
        _p(3600),
        _p(3700),
        _p(3800),
        _p(4000),
        _p(9999, dc="C"),  # a credit restates a debet: left out
        _p(1000, begin=d(2023, 12, 1)),  # another year
        _p(5000, gemeente="0363"),  # outside the area
        _p(62, eenheid="01"),  # the same product per minute: its own row
    ]
    relaties = {naam: pa.Table.from_pylist([], schema=SCHEMA[naam]) for naam in SCHEMA}
    relaties["prestatie"] = pa.Table.from_pylist(
        [{k: r.get(k) for k in SCHEMA["prestatie"].names} for r in rijen],
        schema=SCHEMA["prestatie"],
    )
    return verbind(relaties)


def test_the_declared_tariffs_beside_the_sheet_by_hand():
    gedeclareerd = gedeclareerde_tarieven(_con(), 2024, ["0505"])
    uur = gedeclareerd[("45", "45A01", "04")]
    assert uur == {
        "regels": 4,
        "mediaan_cent": 3750.0,
        "p25_cent": 3675.0,
        "p75_cent": 3850.0,
        "min_cent": 3600,
        "max_cent": 4000,
    }
    assert gedeclareerd[("45", "45A01", "01")]["regels"] == 1
    (rij,) = tariefblad([Bladregel("45", "45A01", "04", VOORBEELD)], gedeclareerd)
    assert rij["tarief_cent"] == 3720 and rij["gedeclareerd_mediaan_cent"] == 3750.0
    assert rij["verschil_mediaan_cent"] == -30 and rij["verschil_mediaan"] == -0.008
    (zonder,) = tariefblad([Bladregel("54", "54A01", "04", VOORBEELD)], gedeclareerd)
    assert zonder["gedeclareerd_regels"] == 0 and zonder["verschil_mediaan"] is None


def test_a_sheet_is_read_with_its_errors_named_by_line():
    regels, deelbaar = lees_blad(
        {
            "deelbaar_door_60": False,
            "producten": [
                {
                    "productcategorie": "45",
                    "productcode": "45A01",
                    "eenheid": "04",
                    "maandsalaris": "3.500,00".replace(".", "").replace(",", "."),
                    "opslagen": {"sociale lasten": 0.25, "pensioen": "0,12"},
                    "uren_per_fte": 1836,
                    "productiviteit": "0,8",
                    "overhead": 0.2,
                }
            ],
        }
    )
    assert deelbaar is False and regels[0].opbouw.maandsalaris == Decimal("3500.00")
    # 3500 x 12 x 1.37 / 1836 = 31.34 per hour; / 0.8 x 1.2 = 47.01
    assert regels[0].tarief_cent(False) == 4701
    for fout, tekst in (
        (
            {
                "producten": [
                    {"productcategorie": "45", "productiviteit": 1.5, "loonkosten_per_uur": 30}
                ]
            },
            "Product 1: De productiviteit",
        ),
        (
            {
                "producten": [
                    {"productcategorie": "4X", "productiviteit": 0.8, "loonkosten_per_uur": 30}
                ]
            },
            "geen productcategorie",
        ),
        ({"producten": [{"productcategorie": "45", "productiviteit": "veel"}]}, "geen getal"),
        ({"producten": "geen lijst"}, "lijst 'producten'"),
    ):
        with pytest.raises(ValueError, match=tekst):
            lees_blad(fout)


@pytest.mark.django_db
def test_uniform_tariffs_are_set_into_the_running_contracts_that_have_the_product():
    from passend.care.models import Aanbieder
    from passend.contracten.models import Contract, Contracttarief
    from passend.contracten.schrijven import zet_uniforme_tarieven
    from passend.reference.models import Jeugdregio

    aanbieder = Aanbieder.objects.create(agb_code="11111111")
    regio = Jeugdregio.objects.get(naam="Zuid-Holland Zuid")

    def contract(nummer, eind, gemeente=None, met_product=True):
        c = Contract.objects.create(
            contractnummer=nummer,
            hoofdaannemer=aanbieder,
            gemeente_id=gemeente,
            jeugdregio=None if gemeente else regio,
            domein="jeugd",
            segment="4A",
            uitvoeringsvariant="inspanningsgericht",
            ingangsdatum=d(2025, 1, 1),
            einddatum=eind,
        )
        if met_product:
            Contracttarief.objects.create(
                contract=c,
                categorie="45",
                productcode="45A01",
                eenheid="04",
                tarief=3500,
                geldig_vanaf=d(2025, 1, 1),
            )
        return c

    loopt = contract("ZHZ-1", d(2028, 12, 31))
    zonder = contract("ZHZ-2", d(2028, 12, 31), met_product=False)
    afgelopen = contract("ZHZ-3", d(2025, 12, 31))
    buiten = contract("AMS-1", d(2028, 12, 31), gemeente="0363")
    gezet = zet_uniforme_tarieven(
        [("45", "45A01", "04", 3720)], d(2026, 1, 1), ["0505", "0482"], "test"
    )
    assert gezet == [
        {
            "contractnummer": "ZHZ-1",
            "productcategorie": "45",
            "productcode": "45A01",
            "eenheid": "04",
            "tarief_cent": 3720,
            "geldig_vanaf": "2026-01-01",
        }
    ]
    assert list(
        loopt.tarieven.order_by("geldig_vanaf").values_list("tarief", "geldig_vanaf", "geldig_tot")
    ) == [
        (3500, d(2025, 1, 1), d(2025, 12, 31)),
        (3720, d(2026, 1, 1), None),
    ]
    assert not zonder.tarieven.exists()
    assert afgelopen.tarieven.get().tarief == 3500 and buiten.tarieven.get().tarief == 3500
    # setting it again changes nothing
    assert zet_uniforme_tarieven([("45", "45A01", "04", 3720)], d(2026, 1, 1), ["0505", "0482"])
    assert loopt.tarieven.count() == 2


@pytest.mark.cli_db
def test_the_cli_sets_the_sheet_beside_the_declared_tariffs_and_into_the_register(
    cli_omgeving, tmp_path
):
    """The test messages declare 45A01 once in 2024 (Alblasserdam: 12 hours at € 90.00); the
    register's ZHZ-4A (2024) has 45A01 at € 85.20; the other contracts lack the product."""
    import json

    from tests.web.conftest import REGISTER, RUIMTE, TARIEF
    from tests.web.gegevens import maak_zip

    register = tmp_path / "register"
    register.mkdir()
    for naam, inhoud in (("contract.csv", REGISTER), ("tarief.csv", TARIEF), ("r.csv", RUIMTE)):
        (register / naam).write_text(inhoud, encoding="utf-8")
    cli_omgeving.passend("import", str(maak_zip(tmp_path / "berichten")), str(register))
    blad = tmp_path / "blad.json"
    blad.write_text(
        json.dumps(
            {
                "producten": [
                    {
                        "productcategorie": "45",
                        "productcode": "45A01",
                        "eenheid": "04",
                        "loonkosten_per_uur": 24.68,
                        "productiviteit": 0.8,
                        "overhead": 0.2,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    regio = ("--regio", "Zuid-Holland Zuid", "--jaar", "2024", "--json")
    uit = json.loads(cli_omgeving.passend("tarief", "blad", str(blad), *regio).stdout)
    (rij,) = uit["producten"]
    assert (rij["tarief_cent"], rij["gedeclareerd_regels"]) == (3720, 1)
    assert rij["gedeclareerd_mediaan_cent"] == 9000 and rij["verschil_mediaan_cent"] == -5280
    assert "in_register" not in uit
    gezet = json.loads(
        cli_omgeving.passend(
            "tarief", "blad", str(blad), *regio, "--in-register", "2024-07-01"
        ).stdout
    )["in_register"]
    assert [(r["contractnummer"], r["tarief_cent"]) for r in gezet] == [("ZHZ-4A", 3720)]
    lijst = json.loads(
        cli_omgeving.passend("contract", "lijst", "--peildatum", "2024-08-01", "--json").stdout
    )["contracten"]
    assert {r["contractnummer"]: r["tariefregels"] for r in lijst} == {
        "ZHZ-4A": 2,
        "DOR-W": 0,  # a Wmo contract without 45A01: the sheet adds no products
        "AMS-1": 0,
    }
    fout = cli_omgeving.passend(
        "tarief", "blad", str(tmp_path / "blad.json"), "--regio", "X", check=False
    )
    assert fout.returncode == 2
    (tmp_path / "kapot.json").write_text('{"producten": [{"productcategorie": "45"}]}', "utf-8")
    kapot = cli_omgeving.passend("tarief", "blad", str(tmp_path / "kapot.json"), check=False)
    assert kapot.returncode == 2 and "Product 1" in kapot.stderr


def test_the_demo_sheet_by_hand():
    """The demo's sheet (src/passend/demo/data/tariefblad.json). 45A01: 4,400 x 12 x 1.4233 /
    1,836 = 40.93 per hour; / 0.65 + 2.00 = 64.97; x 1.25 x 1.02 = 82.84 -> 8284 cents, 8280
    per minute-divisible. 54A01: 5,300 ... = 105.22 -> 10500. 02A01: 3,300 ... = 51.94 ->
    5220."""
    import json
    from importlib.resources import files

    data = json.loads(files("passend.demo").joinpath("data/tariefblad.json").read_text("utf-8"))
    regels, deelbaar = lees_blad(data)
    assert deelbaar is True
    assert [(r.productcode, r.tarief_cent(False), r.tarief_cent(True)) for r in regels] == [
        ("45A01", 8284, 8280),
        ("54A01", 10522, 10500),
        ("02A01", 5194, 5220),
    ]


def test_the_tariff_lever_per_segment_by_hand():
    """2024 in Dordrecht, segment 4A: 45A01 per hour, 10 hours at € 90.00 (90,000) with a
    credit of 2 hours (−18,000), and 45A02, not on the sheet, € 200.00 (20,000). Declared
    92,000; at the sheet's € 37.20 the 45A01 hours cost 8 × 3,720 = 29,760, so 49,760:
    factor 49,760 / 92,000 = 0.5409. Segment W (Wmo 02A01, not on the sheet) keeps its
    1,500: factor 1. Other years and gemeenten are left out."""
    from passend.contracting.tariefblad import tarieffactoren

    def p(code, volume, tarief, dc="D", begin=d(2024, 3, 1), gemeente="0505", domein="jeugd"):
        return {
            **_p(tarief, dc=dc, begin=begin, gemeente=gemeente, code=code),
            "domein": domein,
            "categorie": code[:2],
            "volume": volume,
            "bedrag": volume * tarief,
        }

    rijen = [
        p("45A01", 10, 9000),
        p("45A01", 2, 9000, dc="C"),
        p("45A02", 1, 20000),
        p("02A01", 3, 500, domein="wmo"),
        p("45A01", 5, 9000, begin=d(2023, 3, 1)),
        p("45A01", 5, 9000, gemeente="0363"),
    ]
    relaties = {naam: pa.Table.from_pylist([], schema=SCHEMA[naam]) for naam in SCHEMA}
    relaties["prestatie"] = pa.Table.from_pylist(
        [{k: r.get(k) for k in SCHEMA["prestatie"].names} for r in rijen],
        schema=SCHEMA["prestatie"],
    )

    def segment_van(domein, categorie, code):
        return "4A" if domein == "jeugd" else "W"

    uit = tarieffactoren(
        verbind(relaties),
        [Bladregel("45", "45A01", "04", VOORBEELD)],
        2024,
        ["0505"],
        segment_van,
    )
    assert uit["4A"] == {
        "huidig_cent": 92_000,
        "nieuw_cent": 49_760,
        "op_blad_cent": 72_000,
        "factor": 0.5409,
    }
    assert uit["W"] == {"huidig_cent": 1_500, "nieuw_cent": 1_500, "op_blad_cent": 0, "factor": 1.0}
