"""The contract register templates: read like the other templates, quarantined with a reason a
person understands, idempotent, and independent of the order of the files."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from passend.contracten.models import Bestedingsruimte, Contract, Contractpartij, Contracttarief
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

CONTRACT = """contractnummer;agb;hoofdaannemer_agb;gemeente;regio;domein;segment;uitvoeringsvariant;procedure;ingangsdatum;einddatum;contactpersoon
ZHZ-1;12345678;;;Zuid-Holland Zuid;Jeugd;1;Taakgericht;sas-emvi;2025-01-01;2028-12-31;Jan Jansen
ZHZ-1;87654321;12345678;;Zuid-Holland Zuid;Jeugd;1;taakgericht;sas-emvi;2025-01-01;2028-12-31;Piet
2025/004;11112222;;GM0505;;jeugd;4A;inspanningsgericht;open-house;01-01-2025;31-12-2030;
ZHZ-3;11112222;;0505;Zuid-Holland Zuid;jeugd;4A;inspanningsgericht;;2025-01-01;2026-12-31;
ZHZ-4;1234567X;;0505;;jeugd;4A;inspanningsgericht;;2025-01-01;2026-12-31;
ZHZ-5;11112222;;;Nergensland;jeugd;4A;prestatiegericht;;2025-01-01;2024-12-31;
"""
TARIEF = """contractnummer;productcategorie;productcode;eenheid;tarief_euro;geldig_vanaf;geldig_tot
2025/004;45;45A01;4;85,20;2025-01-01;2025-12-31
2025/004;45;;04;€ 80;2025-01-01;
ZHZ-9;45;;04;35,00;2025-01-01;
2025/004;45;45A02;04;35,001;2025-01-01;
2025/004;45;45A03;04;35,00;2031-01-01;
"""
RUIMTE = """contractnummer;jaar;bedrag_euro
ZHZ-1;2025;€ 1.250.000
2025/004;2026;1250000,50
ZHZ-1;2031;100
"""


def _schrijf(map_, naam, inhoud):
    map_.mkdir(exist_ok=True)
    pad = map_ / naam
    pad.write_text(inhoud, encoding="utf-8")
    return pad


def _redenen():
    return {
        (q.element_pad, q.regel): q.reden for q in QuarantineRecord.objects.order_by("element_pad")
    }


def test_contract_tariff_and_room_tables_with_each_kind_of_error(tmp_path):
    map_ = tmp_path / "register"
    # named so that the tariff and room files sort before the contract file: the contract
    # table is read first all the same
    _schrijf(map_, "a_tarief.csv", TARIEF)
    _schrijf(map_, "b_ruimte.csv", RUIMTE)
    _schrijf(map_, "c_contract.csv", CONTRACT)
    s = importeer([map_])
    assert (s.accepted, s.quarantined) == (3 + 2 + 2, 3 + 3 + 1)
    assert any("contactpersoon" in n for n in s.niet_verwerkt)  # names are never read

    consortium = Contract.objects.get(contractnummer="ZHZ-1")
    assert consortium.hoofdaannemer.agb_code == "12345678"
    assert consortium.jeugdregio.naam == "Zuid-Holland Zuid" and consortium.gemeente is None
    assert consortium.uitvoeringsvariant == "taakgericht" and consortium.domein == "jeugd"
    assert set(
        Contractpartij.objects.filter(contract=consortium).values_list("aanbieder__agb_code", "rol")
    ) == {
        ("12345678", "hoofdaannemer"),
        ("87654321", "onderaannemer"),
    }
    lokaal = Contract.objects.get(contractnummer="2025/004")
    assert lokaal.gemeente_id == "0505" and lokaal.einddatum == date(2030, 12, 31)
    tarieven = {
        (t.productcode, t.eenheid): t for t in Contracttarief.objects.filter(contract=lokaal)
    }
    assert set(tarieven) == {("45A01", "04"), ("", "04")}
    assert tarieven[("45A01", "04")].tarief == 8520
    assert tarieven[("", "04")].tarief == 8000 and tarieven[("", "04")].geldig_tot is None
    assert Bestedingsruimte.objects.get(contract=consortium, jaar=2025).bedrag == 125_000_000
    assert Bestedingsruimte.objects.get(contract=lokaal, jaar=2026).bedrag == 125_000_050

    redenen = _redenen()
    assert "precies één van gemeente of regio" in redenen[("rij 5/gemeente", "CONTRACT")]
    assert "geen AGB-code" in redenen[("rij 6/agb", "CSV-WAARDE")]
    # one row, every rule it breaks in one reason
    reden = redenen[("rij 7/regio", "CONTRACT")]
    assert "geen jeugdregio" in reden
    assert "'prestatiegericht' is geen uitvoeringsvariant" in reden
    assert "vóór de ingangsdatum" in reden
    assert "ZHZ-9 staat niet in het register" in redenen[("rij 4", "CONTRACT-ONBEKEND")]
    assert "hele centen" in redenen[("rij 5/tarief_euro", "CSV-WAARDE")]
    assert "na de einddatum" in redenen[("rij 6", "CONTRACT")]
    assert "loopt niet in 2031" in redenen[("rij 4", "CONTRACT")]


def test_reimport_changes_nothing_and_a_corrected_file_overwrites(tmp_path):
    map_ = tmp_path / "register"
    _schrijf(map_, "contract.csv", CONTRACT)
    _schrijf(map_, "tarief.csv", TARIEF)
    importeer([map_])
    voor = (
        Contract.objects.count(),
        Contracttarief.objects.count(),
        Contractpartij.objects.count(),
    )
    tweede = importeer([map_])
    assert tweede.accepted == 0 and tweede.overgeslagen == 2
    assert (
        Contract.objects.count(),
        Contracttarief.objects.count(),
        Contractpartij.objects.count(),
    ) == voor

    _schrijf(map_, "tarief.csv", TARIEF.replace("85,20", "86,40"))
    importeer([map_])
    assert Contracttarief.objects.count() == voor[1]
    assert Contracttarief.objects.get(productcode="45A01").tarief == 8640


def test_the_register_can_come_from_excel(tmp_path):
    boek = Workbook()
    blad = boek.active
    blad.append(
        [
            "contractnummer",
            "agb",
            "regio",
            "domein",
            "segment",
            "uitvoeringsvariant",
            "ingangsdatum",
            "einddatum",
        ]
    )
    blad.append(
        [
            "X-1",
            12345678,
            "Zuid-Holland Zuid",
            "Wmo",
            "W",
            "outputgericht",
            date(2025, 1, 1),
            date(2026, 12, 31),
        ]
    )
    pad = tmp_path / "contracten.xlsx"
    boek.save(pad)
    s = importeer([pad])
    assert (s.accepted, s.quarantined) == (1, 0)
    contract = Contract.objects.get(contractnummer="X-1")
    assert contract.hoofdaannemer.agb_code == "12345678" and contract.domein == "wmo"


def test_a_key_in_two_files_keeps_the_later_row_and_a_stop_correction_moves_its_end(tmp_path):
    map_ = tmp_path / "register"
    _schrijf(map_, "contract.csv", CONTRACT)
    _schrijf(map_, "tarief.csv", TARIEF)
    kop = TARIEF.splitlines()[0]
    _schrijf(map_, "tarief2.csv", f"{kop}\n2025/004;45;45A01;04;90,00;2025-01-01;2025-12-31\n")
    _schrijf(map_, "ruimte.csv", RUIMTE)
    _schrijf(map_, "ruimte2.csv", "contractnummer;jaar;bedrag_euro\n2025/004;2026;7\n")
    stop = "contractnummer;van;tot;reden\n2025/004;2025-07-01;;bestedingsruimte\n"
    _schrijf(map_, "stop.csv", stop)
    importeer([map_])
    lokaal = Contract.objects.get(contractnummer="2025/004")
    assert Contracttarief.objects.get(contract=lokaal, productcode="45A01").tarief == 9000
    assert Bestedingsruimte.objects.get(contract=lokaal, jaar=2026).bedrag == 700
    assert lokaal.stops.get().tot is None

    _schrijf(map_, "stop.csv", stop.replace(";;", ";2025-09-30;"))
    importeer([map_])
    assert lokaal.stops.get().tot == date(2025, 9, 30)
    assert Contracttarief.objects.filter(contract=lokaal).count() == 2
