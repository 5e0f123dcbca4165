"""A small synthetic region as Arrow relations (the schema of passend.analysis.relaties).

Three gemeenten, population 2021-2025 by age, about 1,500 clients with jeugdhulp in every
segment of the default model (and onderwijs-jeugdhulp by an OJ product code), some with
verlengde jeugdhulp, some moving on to Wmo begeleiding after 18. Deterministic per seed.
Everything is fake.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pyarrow as pa

from passend.analysis.relaties import SCHEMA, verbind

GEMEENTEN = (
    ("0001", "Aadorp", "Testregio"),
    ("0002", "Beedorp", "Testregio"),
    ("0003", "Ceedorp", "Testregio"),
)
JAREN = range(2021, 2026)
PEIL = date(2025, 12, 31)

# categorie, productcode, mean duration (days), tarief per day (cent), share of starts
JEUGD = (
    ("43", "43A01", 420, 32_000, 3),
    ("44", "44A01", 500, 15_000, 4),
    ("41", "41A01", 300, 9_000, 6),
    ("45", "45A01", 180, 4_000, 30),
    ("45", "OJ001", 200, 3_000, 8),
    ("52", "52A01", 240, 6_000, 20),
    ("46", "46A01", 40, 40_000, 2),
    ("47", "47A01", 365, 5_000, 4),
    ("55", "55A01", 300, 12_000, 1),
)
WMO = (("02", "02A01", 400, 2_500, 5), ("15", "15A01", 700, 11_000, 1))
AANBIEDERS = [f"{10000000 + i:08d}" for i in range(12)]


def _dag(r: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=r.randrange((tot - van).days + 1))


def _jaardag(g: date, n: int) -> date:
    try:
        return g.replace(year=g.year + n)
    except ValueError:
        return date(g.year + n, 3, 1)


class _Bouwer:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.rel: dict[str, list[tuple]] = {k: [] for k in SCHEMA}
        self.nummer = 0

    def traject(
        self, cid: int, gem: str, domein: str, product: tuple, begin: date, eind: date | None
    ) -> None:
        cat, code, _, tarief, _ = product
        self.nummer += 1
        aanbieder = AANBIEDERS[(int(cat) * 7 + self.r.randrange(4)) % len(AANBIEDERS)]
        self.rel["toewijzing"].append(
            (
                domein,
                gem,
                aanbieder,
                cid,
                self.nummer,
                cat,
                code,
                begin - timedelta(days=14),
                begin,
                eind,
            )
        )
        self.rel["levering"].append(
            (
                domein,
                gem,
                aanbieder,
                cid,
                self.nummer,
                cat,
                code,
                begin,
                eind if eind and eind <= PEIL else None,
            )
        )
        for jaar in JAREN:
            van, tot = max(begin, date(jaar, 1, 1)), min(eind or PEIL, date(jaar, 12, 31), PEIL)
            if van <= tot:
                dagen = (tot - van).days + 1
                self.rel["prestatie"].append(
                    (
                        domein,
                        gem,
                        aanbieder,
                        cid,
                        self.nummer,
                        cat,
                        code,
                        van,
                        tot,
                        dagen,
                        "14",
                        dagen * tarief,
                        "D",
                    )
                )

    def client(self, cid: int) -> None:
        r = self.r
        geboren = _dag(r, date(1997, 1, 1), date(2024, 6, 30))
        gem = r.choice(GEMEENTEN)[0]
        self.rel["client"].append((cid, f"pseudo{cid:06d}", geboren, gem))
        begin = _dag(r, max(geboren, date(2018, 1, 1)), date(2025, 11, 30))
        leeftijd = (begin - geboren).days // 365
        if leeftijd >= 18:
            self._wmo(cid, gem, begin, geboren)
            return
        product = r.choices(JEUGD, weights=[p[4] for p in JEUGD])[0]
        eind = begin + timedelta(days=max(1, int(r.expovariate(1 / product[2]))))
        b18 = _jaardag(geboren, 18)
        verlengd = r.random() < 0.15
        grens = _jaardag(geboren, 23) - timedelta(days=1) if verlengd else b18 - timedelta(days=1)
        gestopt_bij_18 = eind > grens and not verlengd
        eind = min(eind, grens)
        self.traject(cid, gem, "jeugd", product, begin, eind)
        if gestopt_bij_18 and r.random() < 0.4:
            self._wmo(cid, gem, eind + timedelta(days=r.randrange(0, 120)), geboren)

    def _wmo(self, cid: int, gem: str, begin: date, geboren: date) -> None:
        if begin > PEIL:
            return
        product = self.r.choices(WMO, weights=[p[4] for p in WMO])[0]
        eind = begin + timedelta(days=max(1, int(self.r.expovariate(1 / product[2]))))
        eind = min(eind, _jaardag(geboren, 27))
        self.traject(cid, gem, "wmo", product, begin, eind)

    def tabellen(self) -> dict[str, pa.Table]:
        self.rel["aanbieder"] = [(a, f"Aanbieder {i} (test)") for i, a in enumerate(AANBIEDERS)]
        self.rel["gemeente"] = list(GEMEENTEN)
        for code, _, _ in GEMEENTEN:
            basis = 900 + 100 * int(code)
            for jaar in JAREN:
                for leeftijd in range(0, 28):
                    aantal = basis + 3 * (leeftijd - 14) + 5 * (jaar - 2021)
                    self.rel["bevolking"].append((code, jaar, leeftijd, aantal))
        return {
            naam: pa.Table.from_pylist(
                # trailing nullable columns (the prestatie's tarief) are left empty
                [dict(zip(schema.names, _vol(rij, schema), strict=True)) for rij in self.rel[naam]],
                schema=schema,
            )
            for naam, schema in SCHEMA.items()
        }


def _vol(rij: tuple, schema: pa.Schema) -> tuple:
    return (*rij, *([None] * (len(schema) - len(rij))))


def synthetische_tabellen(clienten: int = 1500, seed: int = 7) -> dict[str, pa.Table]:
    bouwer = _Bouwer(seed)
    for cid in range(1, clienten + 1):
        bouwer.client(cid)
    return bouwer.tabellen()


def synthetische_verbinding(clienten: int = 1500, seed: int = 7):
    """A DuckDB connection over a fresh synthetic region."""
    return verbind(synthetische_tabellen(clienten, seed))
