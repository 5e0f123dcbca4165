"""Developer script: encode the iStandaarden 3.2 reference facts as package data.

Reads ../shared/reference/istandaarden-3.2/codelijsten and writes
src/passend/reference/data/. Only codes, short descriptions and the machine-usable mapping
columns are kept; explanatory prose is left out. Run it again when a new release of a
codelist arrives, with a new version label, so that both versions stay loadable.

    python tools/build_reference_data.py [--versie 3.2] [--geldig-vanaf 2026-01-01]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "istandaarden-3.2" / "codelijsten"
TARGET = ROOT / "src" / "passend" / "reference" / "data"

# naam -> (source file, title, {source column: target column})
LISTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "JZ020": (
        "JZ020_Productcategorie.csv",
        "Productcategorie Jeugd",
        {"Code": "code", "Omschrijving": "omschrijving"},
    ),
    "WMO020": (
        "WMO020_Productcategorie.csv",
        "Productcategorie Wmo",
        {"Code": "code", "Omschrijving": "omschrijving"},
    ),
    "WJ756": ("WJ756_Eenheid.csv", "Eenheid", {"Code": "code", "Betekenis": "omschrijving"}),
    "WMO757": (
        "WMO757_Frequentie.csv",
        "Frequentie",
        {"Code": "code", "Betekenis": "omschrijving"},
    ),
    "JZ588": (
        "JZ588_Reden_beeindiging.csv",
        "Reden beëindiging Jeugd",
        {
            "Code": "code",
            "Omschrijving": "omschrijving",
            "Reden wijziging toewijzing": "reden_wijziging",
            "Initiatief aanbieder": "initiatief_aanbieder",
            "Ingangsdatum": "ingangsdatum",
        },
    ),
    "WMO588": (
        "WMO588_Reden_beeindiging.csv",
        "Reden beëindiging Wmo",
        {
            "Code": "code",
            "Omschrijving": "omschrijving",
            "Reden wijziging toewijzing": "reden_wijziging",
            "Initiatief aanbieder": "initiatief_aanbieder",
        },
    ),
    "JZ002": (
        "JZ002_Reden_wijziging_toewijzing.csv",
        "Reden wijziging toewijzing Jeugd",
        {"Code": "code", "Omschrijving": "omschrijving", "Reden beëindiging": "reden_beeindiging"},
    ),
    "WMO002": (
        "WMO002_Reden_wijziging_toewijzing.csv",
        "Reden wijziging toewijzing Wmo",
        {
            "Code": "code",
            "Omschrijving": "omschrijving",
            "Reden beëindiging (WMO307)": "reden_beeindiging",
        },
    ),
    "COD327": (
        "COD327_Code_verwijzer.csv",
        "Verwijzer",
        {"Code": "code", "Betekenis": "omschrijving"},
    ),
    "COD002": (
        "COD002_Berichtcode.csv",
        "Berichtcode",
        {"Berichttype": "omschrijving", "Berichtcode": "code"},
    ),
    "COD043": (
        "COD043_Indicatie_debet_credit.csv",
        "Indicatie debet/credit",
        {"Code": "code", "Betekenis": "omschrijving"},
    ),
    "COD046": ("COD046_Geslacht.csv", "Geslacht", {"Code": "code", "Betekenis": "omschrijving"}),
    "COD170": (
        "COD170_Datumgebruik.csv",
        "Datumgebruik",
        {"Code": "code", "Betekenis": "omschrijving"},
    ),
    "COD467": (
        "COD467_Status_aanlevering.csv",
        "Status aanlevering",
        {"Code": "code", "Betekenis": "omschrijving"},
    ),
    "WJ001": ("WJ001_Retourcode.csv", "Retourcode", {"Code": "code", "Betekenis": "omschrijving"}),
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(versie: str, geldig_vanaf: str) -> None:
    manifest = ["# Reference data manifest. One [[codelijst]] per list version.\n"]
    for naam, (bron, titel, kolommen) in LISTS.items():
        rows = [
            {doel: (rij.get(bronkolom) or "").strip() for bronkolom, doel in kolommen.items()}
            for rij in _read(SOURCE / bron)
        ]
        columns = [
            "code",
            "omschrijving",
            *[c for c in kolommen.values() if c not in ("code", "omschrijving")],
        ]
        rows.sort(key=lambda r: r["code"])
        bestand = f"codelijsten/{naam}/{versie}.csv"
        _write(TARGET / bestand, columns, rows)
        manifest.append(
            f'\n[[codelijst]]\nnaam = "{naam}"\ntitel = "{titel}"\nversie = "{versie}"\n'
            f'geldig_vanaf = {geldig_vanaf}\nbestand = "{bestand}"\n'
        )
    gemeenten = [
        {
            "code": r["Gemeentecode"],
            "naam": r["Gemeentenaam"],
            "provincie": r["Provincienaam"],
            "jeugdregio": r["Jeugdzorgregio"],
        }
        for r in _read(SOURCE / "CBS_Gemeentecodes.csv")
    ]
    gemeenten.sort(key=lambda r: r["code"])
    _write(
        TARGET / "gemeenten" / "2026.csv", ["code", "naam", "provincie", "jeugdregio"], gemeenten
    )
    manifest.append('\n[[gemeenten]]\njaar = 2026\nbestand = "gemeenten/2026.csv"\n')
    (TARGET / "manifest.toml").write_text("".join(manifest), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--versie", default="3.2")
    parser.add_argument("--geldig-vanaf", default="2015-01-01")
    args = parser.parse_args()
    build(args.versie, args.geldig_vanaf)
