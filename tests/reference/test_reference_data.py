"""The packaged reference data against the official CSVs in ../shared (independent source)."""

import csv

from passend.reference.loader import laad_codelijsten, laad_gemeenten

LIJSTEN = {
    "JZ020": "JZ020_Productcategorie.csv",
    "WMO020": "WMO020_Productcategorie.csv",
    "WJ756": "WJ756_Eenheid.csv",
    "WMO757": "WMO757_Frequentie.csv",
    "JZ588": "JZ588_Reden_beeindiging.csv",
    "WMO588": "WMO588_Reden_beeindiging.csv",
    "JZ002": "JZ002_Reden_wijziging_toewijzing.csv",
    "WMO002": "WMO002_Reden_wijziging_toewijzing.csv",
    "COD327": "COD327_Code_verwijzer.csv",
}


def _codes(pad, kolom="Code"):
    with pad.open(encoding="utf-8-sig", newline="") as f:
        return {rij[kolom].strip() for rij in csv.DictReader(f)}


def test_gemeenten_2026_with_their_jeugdregio(reference_dir):
    gemeenten = laad_gemeenten()
    assert len(gemeenten) == 342
    assert len({g.jeugdregio for g in gemeenten}) == 42
    bron = _codes(reference_dir / "codelijsten" / "CBS_Gemeentecodes.csv", "Gemeentecode")
    assert {g.code for g in gemeenten} == bron
    dordrecht = next(g for g in gemeenten if g.code == "0505")
    assert (dordrecht.naam, dordrecht.jeugdregio) == ("Dordrecht", "Zuid-Holland Zuid")


def test_every_codelist_has_exactly_the_official_codes(reference_dir):
    lijsten = laad_codelijsten()
    for naam, bestand in LIJSTEN.items():
        assert set(lijsten.lijst(naam).waarden) == _codes(reference_dir / "codelijsten" / bestand)


def test_jz020_includes_the_2015_codes():
    jz020 = laad_codelijsten().lijst("JZ020")
    assert {str(c) for c in range(31, 39)} <= set(jz020.waarden)
    assert jz020.omschrijving("43") == "Jeugdhulp verblijf (incl. behandeling)"
