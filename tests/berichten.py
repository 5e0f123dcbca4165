"""Small factories for test messages, written by the product's writer (itself XSD-tested)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from passend.domain.records import (
    ClientGegevens,
    DeclaratieKop,
    Domein,
    Kop,
    LeveringRecord,
    Omvang,
    PrestatieRecord,
    ToewijzingRecord,
)
from passend.istandaarden import writer

GEMEENTE, AGB = "0505", "12345678"
#: Test BSNs that pass the elfproef; they must never appear in any stored or exported output.
BSN_A, BSN_B, BSN_C = "999990019", "999990020", "999990032"
FOUT_BSN = "999990010"  # fails the elfproef
NAAM_A, NAAM_B = "Zwanenburg", "Oosterveld"
STANDAARD_OMVANG = Omvang(3, "04", "2")  # 3 hours a week


def kop(
    soort: str,
    identificatie: str,
    domein: Domein = Domein.JEUGD,
    gemeente: str = GEMEENTE,
    aanbieder: str = AGB,
) -> Kop:
    prefix = "JW" if domein is Domein.JEUGD else "WMO"
    return Kop(f"{prefix}{soort}", domein, gemeente, aanbieder, identificatie, date(2024, 1, 5))


def client(bsn: str = BSN_A, geboren: date = date(2006, 12, 31)) -> ClientGegevens:
    return ClientGegevens(bsn=bsn, geboortedatum=geboren, geslacht="2")


def toewijzing(
    k: Kop,
    nummer: int,
    *,
    categorie: str = "45",
    code: str | None = "45A01",
    ingang: date = date(2024, 1, 15),
    eind: date | None = date(2024, 12, 31),
    omvang: Omvang | None = STANDAARD_OMVANG,
    c: ClientGegevens | None = None,
    datum: date = date(2024, 1, 5),
    tijd: time = time(10, 0),
) -> ToewijzingRecord:
    return ToewijzingRecord(
        k, c or client(), nummer, categorie, code, datum, tijd, ingang, eind, omvang=omvang
    )


def levering(
    k: Kop,
    nummer: int,
    begin: date,
    *,
    eind: date | None = None,
    reden: str | None = None,
    categorie: str = "45",
    code: str = "45A01",
    c: ClientGegevens | None = None,
) -> LeveringRecord:
    soort = "stop" if k.berichttype.endswith("307") else "start"
    return LeveringRecord(
        k, c or client(), soort, nummer, categorie, code, None, begin, eind, reden
    )


def declaratie(
    k: Kop,
    nummer: str,
    regels: list[tuple],
    *,
    totaal: int | None = None,
    c: ClientGegevens | None = None,
) -> bytes:
    """regels: (referentie, volume, tarief, bedrag, D/C[, vorige referentie]) in January 2024
    for toewijzing 1001; a credit refers to the debet it credits by its vorige referentie."""
    som = sum(r[3] if r[4] == "D" else -r[3] for r in regels) if totaal is None else totaal
    kopje = DeclaratieKop(
        k,
        nummer,
        date(2024, 1, 1),
        date(2024, 1, 31),
        date(2024, 2, 3),
        abs(som),
        "D" if som >= 0 else "C",
    )
    prestaties = [
        PrestatieRecord(
            kopje,
            c or client(),
            r[0],
            r[5] if len(r) > 5 else None,
            1001,
            "45",
            "45A01",
            date(2024, 1, 1),
            date(2024, 1, 31),
            r[1],
            "04",
            r[2],
            r[3],
            r[4],
        )
        for r in regels
    ]
    return writer.declaratiebericht(kopje, prestaties)


def toewijzingbericht(k: Kop, records: list[ToewijzingRecord], naam: str = NAAM_A) -> bytes:
    return writer.toewijzingbericht(k, records[0].client, records, naam=naam)


def startbericht(k: Kop, records: list[LeveringRecord], naam: str = NAAM_A) -> bytes:
    return writer.startbericht(k, records[0].client, records, naam=naam)


def stopbericht(k: Kop, records: list[LeveringRecord], naam: str = NAAM_A) -> bytes:
    return writer.stopbericht(k, records[0].client, records, naam=naam)


def schrijf(map_: Path, naam: str, inhoud: bytes) -> Path:
    pad = map_ / naam
    pad.write_bytes(inhoud)
    return pad
