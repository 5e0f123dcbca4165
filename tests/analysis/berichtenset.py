"""Handmade datasets for the analysis tests, written as real iJw/iWmo messages.

Builds on the factories of ``tests/berichten.py`` (the product writer): each care trajectory
becomes a toewijzing (301), a start (305) and, when it has ended, a stop (307) message; a
declaratie (323) holds prestatie lines with their own product, period and debet/credit.
Population and aanbieder names are CSV tables. Everything goes through
``passend.imports.pipeline.importeer`` and comes back through ``passend.analysis.bron``, so
the whole path is under test.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

import pyarrow as pa

from passend.domain.records import (
    ClientGegevens,
    DeclaratieKop,
    Domein,
    LeveringRecord,
    Omvang,
    PrestatieRecord,
    ToewijzingRecord,
)
from passend.istandaarden import writer
from tests import berichten as b

JEUGD, WMO = Domein.JEUGD, Domein.WMO
#: Gemeenten: Dordrecht and Gorinchem (jeugdregio Zuid-Holland Zuid), Groningen (Groningen).
DORDRECHT, GORINCHEM, GRONINGEN = "0505", "0512", "0014"
ZHZ, GRONINGEN_REGIO = "Zuid-Holland Zuid", "Groningen"
AANBIEDER_A, AANBIEDER_B, AANBIEDER_C, AANBIEDER_D = "11110001", "11110002", "11110003", "11110004"


def bsn(n: int) -> str:
    """The n-th test BSN that passes the elfproef (prefix 1, never a real-looking 999...)."""
    k = n * 11
    while True:
        basis = f"1{k:07d}"
        controle = sum(int(c) * w for c, w in zip(basis, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            return basis + str(controle)
        k += 1


@dataclass(frozen=True)
class Declaratieregel:
    """One prestatie line of a declaratie."""

    client: ClientGegevens
    nummer: int
    categorie: str
    code: str
    begin: date
    eind: date
    volume: int
    tarief: int  # eurocent per eenheid
    dc: str = "D"
    eenheid: str = "04"


class Berichtenset:
    """Collects messages and tables in a directory, then imports them in one run."""

    def __init__(self, map_: Path) -> None:
        self.map = map_
        self.map.mkdir(parents=True, exist_ok=True)
        self.paden: list[Path] = []
        self._teller = 0
        self._personen = 0
        self._nummer = 1000
        self._debets: dict[tuple, str] = {}  # a credit refers to the debet of the same line

    def _id(self, prefix: str) -> str:
        self._teller += 1
        return f"{prefix}{self._teller:05d}"

    def _schrijf(self, naam: str, inhoud: bytes) -> None:
        self.paden.append(b.schrijf(self.map, f"{self._teller:05d}_{naam}", inhoud))

    def persoon(self, geboren: date) -> ClientGegevens:
        self._personen += 1
        return ClientGegevens(bsn=bsn(self._personen), geboortedatum=geboren, geslacht="1")

    def toewijzing(
        self,
        c: ClientGegevens,
        domein: Domein,
        gemeente: str,
        aanbieder: str,
        nummer: int,
        categorie: str,
        code: str | None,
        ingang: date,
        eind: date | None,
        datum: date,
    ) -> None:
        k = b.kop("301", self._id("T"), domein, gemeente, aanbieder)
        t = ToewijzingRecord(
            k,
            c,
            nummer,
            categorie,
            code,
            datum,
            time(9, 0),
            ingang,
            eind,
            omvang=Omvang(10, "04", "4"),
        )
        self._schrijf(f"{domein}301.xml", writer.toewijzingbericht(k, c, [t], naam="Test"))

    def levering(
        self,
        c: ClientGegevens,
        domein: Domein,
        gemeente: str,
        aanbieder: str,
        nummer: int,
        categorie: str,
        code: str,
        begin: date,
        eind: date | None,
    ) -> None:
        k305 = b.kop("305", self._id("S"), domein, gemeente, aanbieder)
        start = LeveringRecord(k305, c, "start", nummer, categorie, code, None, begin)
        self._schrijf(f"{domein}305.xml", writer.startbericht(k305, c, [start], naam="Test"))
        if eind is None:
            return
        reden = "31" if domein is JEUGD else "19"
        k307 = b.kop("307", self._id("E"), domein, gemeente, aanbieder)
        stop = LeveringRecord(k307, c, "stop", nummer, categorie, code, None, begin, eind, reden)
        self._schrijf(f"{domein}307.xml", writer.stopbericht(k307, c, [stop], naam="Test"))

    def zorg(
        self,
        c: ClientGegevens,
        domein: Domein,
        gemeente: str,
        aanbieder: str,
        categorie: str,
        code: str,
        begin: date,
        eind: date | None = None,
        *,
        ingang: date | None = None,
        toegewezen: date | None = None,
        geleverd: bool = True,
    ) -> int:
        """A toewijzing and, unless `geleverd` is False, its levering (start, and stop when
        `eind` is given). Ingangsdatum defaults to `begin`, toewijzingsdatum to the
        ingangsdatum. Returns the toewijzingnummer."""
        self._nummer += 1
        ingang = ingang or begin
        self.toewijzing(
            c,
            domein,
            gemeente,
            aanbieder,
            self._nummer,
            categorie,
            code,
            ingang,
            eind,
            toegewezen or ingang,
        )
        if geleverd:
            self.levering(
                c, domein, gemeente, aanbieder, self._nummer, categorie, code, begin, eind
            )
        return self._nummer

    def declaratie(
        self, domein: Domein, gemeente: str, aanbieder: str, regels: list[Declaratieregel]
    ) -> None:
        k = b.kop("323", self._id("D"), domein, gemeente, aanbieder)
        som = sum(r.volume * r.tarief * (1 if r.dc == "D" else -1) for r in regels)
        kop = DeclaratieKop(
            k,
            self._id("N"),
            min(r.begin for r in regels),
            max(r.eind for r in regels),
            max(r.eind for r in regels) + timedelta(days=5),
            abs(som),
            "D" if som >= 0 else "C",
        )
        prestaties = [
            PrestatieRecord(
                kop,
                r.client,
                ref,
                self._vorige(r, ref),
                r.nummer,
                r.categorie,
                r.code,
                r.begin,
                r.eind,
                r.volume,
                r.eenheid,
                r.tarief,
                r.volume * r.tarief,
                r.dc,
            )
            for r in regels
            for ref in [self._id("R")]
        ]
        self._schrijf(f"{domein}323.xml", writer.declaratiebericht(kop, prestaties))

    def _vorige(self, r: Declaratieregel, ref: str) -> str | None:
        """A debet is remembered by its line; a credit names that debet's reference."""
        sleutel = (r.client.bsn, r.nummer, r.code, r.begin)
        if r.dc == "D":
            self._debets[sleutel] = ref
            return None
        return self._debets[sleutel]

    def tabel(self, naam: str, kolommen: list[str], rijen: list[tuple]) -> None:
        uit = io.StringIO()
        schrijver = csv.writer(uit, lineterminator="\n")
        schrijver.writerow(kolommen)
        schrijver.writerows(rijen)
        self._teller += 1
        self._schrijf(naam, uit.getvalue().encode("utf-8"))

    def importeer(self) -> dict[str, pa.Table]:
        """Import every message; fail on any quarantine; return the analysis relations."""
        from passend.bronnen.database import django_tabellen
        from passend.imports.models import QuarantineRecord
        from passend.imports.pipeline import importeer

        samenvatting = importeer(self.paden)
        redenen = list(QuarantineRecord.objects.values_list("regel", "reden"))
        assert samenvatting.quarantined == 0, redenen
        assert not samenvatting.niet_verwerkt, samenvatting.niet_verwerkt
        return django_tabellen()
