"""The CSV/Excel import template: same checks, same quarantine, names never read."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from passend.care.models import Client, Levering, Prestatie, Toewijzing
from passend.imports.models import QuarantineRecord
from passend.imports.pipeline import importeer

pytestmark = pytest.mark.django_db

BSN_A, BSN_B = "111222333", "123456782"

TOEWIJZINGEN = f"""domein;gemeentecode;agb_code;bsn;naam;geboortedatum;toewijzingnummer;toewijzingsdatum;ingangsdatum;einddatum;productcategorie;productcode;volume;eenheid;frequentie
Jeugd;0505;12345678;{BSN_A};Jansen;2007-03-04;501;2024-01-02;2024-01-10;2024-06-30;45;45A01;3;04;2
Jeugd;0505;12345678;{BSN_B};Pietersen;2008-05-06;502;2024-01-02;2024-01-10;2024-01-01;45;45A01;3;04;2
Jeugd;0505;12345678;123456789;De Vries;2008-05-06;503;2024-01-02;2024-01-10;2024-06-30;45;45A01;3;04;2
Jeugd;0505;12345678;{BSN_B};Pietersen;2008-05-06;504;2024-01-02;2024-01-10;2024-06-30;77;;;;
Wmo;0505;87654321;{BSN_A};Jansen;2007-03-04;601;2025-03-01;2025-03-04;;02;02A01;4;04;4
"""


def _schrijf(tmp_path, naam, inhoud):
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    return pad


def test_toewijzingen_csv_with_each_kind_of_error(tmp_path):
    samenvatting = importeer([_schrijf(tmp_path, "toewijzingen.csv", TOEWIJZINGEN)])
    assert (samenvatting.accepted, samenvatting.quarantined) == (2, 3)
    regels = sorted(QuarantineRecord.objects.values_list("regel", flat=True))
    assert regels == ["CODELIJST", "DATUMVOLGORDE", "ELFPROEF"]
    assert "naam" in samenvatting.niet_verwerkt[0]  # the ignored column is reported
    # The same youth in Jeugd and Wmo is one client.
    assert Client.objects.count() == 1
    assert set(Toewijzing.objects.values_list("domein", flat=True)) == {"jeugd", "wmo"}
    fout = QuarantineRecord.objects.get(regel="ELFPROEF")
    assert fout.element_pad == "rij 4/Bsn" and "123456789" not in fout.fragment
    assert "De Vries" not in fout.fragment


def test_leveringen_and_declaratieregels_csv(tmp_path):
    leveringen = _schrijf(
        tmp_path,
        "leveringen.csv",
        (
            "domein,gemeentecode,agb_code,bsn,toewijzingnummer,productcategorie,productcode,"
            "begindatum,einddatum,reden_beeindiging\n"
            f"jeugd,505,12345678,{BSN_A},501,45,45A01,2024-01-15,2024-05-31,31\n"
            f"jeugd,505,12345678,{BSN_B},502,45,45A01,15-01-2024,,\n"
        ),
    )
    regels = _schrijf(
        tmp_path,
        "declaratie.csv",
        (
            "domein;gemeentecode;agb_code;declaratienummer;bsn;referentie;toewijzingnummer;"
            "productcategorie;productcode;periode_begin;periode_eind;volume;eenheid;"
            "tarief_eurocent;bedrag_eurocent;debet_credit;vorige_referentie\n"
            f"jeugd;0505;12345678;D1;{BSN_A};R1;501;45;45A01;2024-02-01;2024-02-29;12;04;9000;108000;D;\n"
            f"jeugd;0505;12345678;D1;{BSN_A};R2;501;45;45A01;2024-01-01;2024-01-31;2;04;9000;18000;C;R1\n"
            f"jeugd;0505;12345678;D1;{BSN_A};R3;501;45;45A01;2024-02-01;2024-02-29;12;04;9000;100000;D;\n"
        ),
    )
    samenvatting = importeer([leveringen, regels])
    assert samenvatting.accepted == 3 + 2  # start+stop, start; two good prestaties
    assert QuarantineRecord.objects.get().regel == "REKENKUNDE"
    gestopt = Levering.objects.get(toewijzingnummer=501)
    assert (gestopt.einddatum.isoformat(), gestopt.reden_beeindiging) == ("2024-05-31", "31")
    assert Levering.objects.get(toewijzingnummer=502).einddatum is None
    assert sorted(Prestatie.objects.values_list("bedrag", "debet_credit")) == [
        (18000, "C"),
        (108000, "D"),
    ]


def test_excel_workbook_is_read_like_csv(tmp_path):
    werkboek = Workbook()
    blad = werkboek.active
    for rij in TOEWIJZINGEN.strip().splitlines():
        blad.append(rij.split(";"))
    pad = tmp_path / "toewijzingen.xlsx"
    werkboek.save(pad)
    samenvatting = importeer([pad])
    assert (samenvatting.accepted, samenvatting.quarantined) == (2, 3)


def test_unrecognised_table_is_quarantined_with_the_expected_columns(tmp_path):
    samenvatting = importeer([_schrijf(tmp_path, "x.csv", "a,b\n1,2\n")])
    record = QuarantineRecord.objects.get()
    assert samenvatting.quarantined == 1 and record.regel == "CSV-KOLOM"
    assert "toewijzingen" in record.reden


def test_population_table_is_loaded(tmp_path):
    from passend.reference.models import Bevolking

    pad = _schrijf(
        tmp_path,
        "bevolking.csv",
        "gemeente,jaar,leeftijd,aantal\nGM0505,2024,17,1320\n0482,2024,17,250\n",
    )
    importeer([pad])
    assert Bevolking.objects.get(gemeente_id="0505", jaar=2024, leeftijd=17).aantal == 1320
    assert Bevolking.objects.count() == 2


LIGGINGEN = """gemeente;agb;lat;lon;naam
GM0505;;51,81;4,69;Dordrecht
;99990407;51.80;4.66;
9999;;51.8;4.6;
0482;;12;4.6;
;;51;4;
0482;12345678;51;4;
0512;;noord;4.9;
"""


def test_locations_table_loads_gemeenten_and_aanbieders_and_quarantines_the_rest(tmp_path):
    from passend.reference.liggingen import aanbiederliggingen, gemeenteliggingen

    samenvatting = importeer([_schrijf(tmp_path, "liggingen.csv", LIGGINGEN)])
    assert (samenvatting.accepted, samenvatting.quarantined) == (2, 5)
    redenen = {(r.element_pad, r.regel): r.reden for r in QuarantineRecord.objects.order_by("pk")}
    assert "Gemeentecode 9999 komt niet voor" in redenen["rij 4/gemeente", "GEMEENTE-ONBEKEND"]
    assert "12 ligt niet in Nederland" in redenen["rij 5/lat", "CSV-WAARDE"]
    assert "óf een gemeentecode óf een AGB-code" in redenen["rij 6/gemeente", "CSV-WAARDE"]
    assert "óf een gemeentecode óf een AGB-code" in redenen["rij 7/gemeente", "CSV-WAARDE"]
    assert "'noord' is geen getal in graden" in redenen["rij 8/lat", "CSV-WAARDE"]
    assert "naam" in samenvatting.niet_verwerkt[0]  # the name column is never read
    # the import goes before the shipped coordinates; a shipped one stays for the rest
    assert gemeenteliggingen()["0505"] == (51.81, 4.69)
    assert gemeenteliggingen()["0482"] == (51.866, 4.66)
    assert aanbiederliggingen() == {"99990407": (51.8, 4.66)}
    # a second import of a corrected location replaces it, never adds a row
    importeer([_schrijf(tmp_path, "liggingen-2.csv", "gemeente,lat,lon\n0505,51.812,4.68\n")])
    assert gemeenteliggingen()["0505"] == (51.812, 4.68)
    from passend.reference.models import Ligging

    assert Ligging.objects.filter(code="0505").count() == 1
