"""The tariff sheet: per product a reële prijs from its cost-price build-up
(:mod:`passend.contracting.tarief`), set against the tariffs actually declared
(docs/contractering.md, tested by hand in tests/contracting/test_tariefblad.py).

A sheet line names a product (categorie, productcode, eenheid) and its build-up per hour.
The tariff of the line is in its own eenheid: per hour for ``04``, per minute for ``01``
(the hour tariff / 60, whole cents), and for any other eenheid the hour tariff times the
hours one unit stands for (``uren_per_eenheid``, required then: a dagdeel, an etmaal).

The declared tariffs are the ``ProductTarief`` of the debet prestaties of the product and
eenheid whose ProductPeriode begins in the year, in the area (credits restate a debet and
are left out): their number, median, the 25th and 75th percentile (the spread) and the
extremes. ``verschil_mediaan`` is the sheet tariff minus the declared median.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb

from passend.contracting.register import gemeentefilter
from passend.contracting.tarief import (
    MINUUTDEELBAAR,
    Kostprijsopbouw,
    bereken,
    cent,
)

#: The eenheden whose length is fixed: uur and minuut.
UUR, MINUUT = "04", "01"
Product = tuple[str, str, str]  # (categorie, productcode, eenheid)


@dataclass(frozen=True)
class Bladregel:
    """One line of the sheet: a product and the build-up of its hour tariff."""

    categorie: str
    productcode: str
    eenheid: str
    opbouw: Kostprijsopbouw
    omschrijving: str = ""
    uren_per_eenheid: Decimal | None = None

    def __post_init__(self) -> None:
        if len(self.categorie) != 2 or not self.categorie.isdigit():
            raise ValueError(f"'{self.categorie[:10]}' is geen productcategorie (twee cijfers).")
        if self.eenheid not in (UUR, MINUUT) and self.uren_per_eenheid is None:
            raise ValueError(
                f"Bij eenheid {self.eenheid[:4]} hoort 'uren_per_eenheid' (hoeveel uur één "
                "eenheid is); alleen uur (04) en minuut (01) liggen vast."
            )
        if self.uren_per_eenheid is not None and self.uren_per_eenheid <= 0:
            raise ValueError("De uren per eenheid zijn positief.")

    @property
    def product(self) -> Product:
        return (self.categorie, self.productcode, self.eenheid)

    def tarief_cent(self, deelbaar_60: bool) -> int:
        """The tariff per unit in cents; per hour (and per minute derived from it) optionally
        rounded to a multiple of 60 cents per hour."""
        uur = bereken(self.opbouw)
        uurtarief = uur.tarief_cent_deelbaar_60 if deelbaar_60 else uur.tarief_cent
        if self.eenheid == MINUUT:
            return uurtarief // MINUUTDEELBAAR if deelbaar_60 else cent(uur.per_uur / 60)
        if self.eenheid == UUR:
            return uurtarief
        assert self.uren_per_eenheid is not None
        return cent(Decimal(uurtarief) / 100 * self.uren_per_eenheid)


def _decimaal(waarde: Any, veld: str) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        getal = Decimal(str(waarde).replace(",", "."))
    except ArithmeticError:
        raise ValueError(f"'{str(waarde)[:20]}' is geen getal ({veld}).") from None
    if not getal.is_finite():
        raise ValueError(f"'{str(waarde)[:20]}' is geen getal ({veld}).")
    return getal


def _regel(d: Mapping[str, Any]) -> Bladregel:
    def getal(veld: str, standaard: int = 0) -> Decimal:
        waarde = _decimaal(d.get(veld), veld)
        return Decimal(standaard) if waarde is None else waarde

    def optioneel(veld: str) -> Decimal | None:
        return _decimaal(d.get(veld), veld)

    opslagen = d.get("opslagen") or {}
    if not isinstance(opslagen, Mapping):
        raise ValueError("'opslagen' is een lijst van naam: fractie.")
    opbouw = Kostprijsopbouw(
        productiviteit=getal("productiviteit"),
        overhead=getal("overhead"),
        risico=getal("risico"),
        overige_clientgebonden_per_uur=getal("overig_per_uur"),
        groepsgrootte=getal("groepsgrootte", 1),
        loonkosten_per_uur=optioneel("loonkosten_per_uur"),
        maandsalaris=optioneel("maandsalaris"),
        opslagen={
            str(k)[:40]: _decimaal(v, str(k)[:40]) or Decimal(0) for k, v in opslagen.items()
        },
        uren_per_fte=optioneel("uren_per_fte"),
        cao=str(d.get("cao") or "")[:80],
        schaal_trede=str(d.get("trede") or "")[:40],
    )
    return Bladregel(
        categorie=str(d.get("productcategorie") or "").zfill(2)[:4],
        productcode=str(d.get("productcode") or "")[:5],
        eenheid=str(d.get("eenheid") or "04").zfill(2)[:4],
        opbouw=opbouw,
        omschrijving=str(d.get("omschrijving") or "")[:120],
        uren_per_eenheid=optioneel("uren_per_eenheid"),
    )


def lees_blad(data: Any) -> tuple[list[Bladregel], bool]:
    """The lines of a sheet in its JSON form (docs/contractering.md) and whether tariffs are
    rounded to a multiple of 60 cents per hour; ValueError naming the line that is wrong."""
    if not isinstance(data, Mapping) or not isinstance(data.get("producten"), list):
        raise ValueError("Een tariefblad is een object met een lijst 'producten'.")
    regels = []
    for i, d in enumerate(data["producten"], start=1):
        if not isinstance(d, Mapping):
            raise ValueError(f"Product {i}: geen object.")
        try:
            regels.append(_regel(d))
        except ValueError as fout:
            raise ValueError(f"Product {i}: {fout}") from None
    return regels, bool(data.get("deelbaar_door_60", True))


def gedeclareerde_tarieven(
    con: duckdb.DuckDBPyConnection, jaar: int, gemeenten: Sequence[str] | None = None
) -> dict[Product, dict[str, Any]]:
    """Per product and eenheid the declared ProductTarief of the year (module docstring)."""
    filter_, param = gemeentefilter(gemeenten)
    rijen = con.execute(
        f"""
        SELECT x.categorie, coalesce(x.productcode, ''), x.eenheid, count(*),
               quantile_cont(x.tarief, 0.5), quantile_cont(x.tarief, 0.25),
               quantile_cont(x.tarief, 0.75), min(x.tarief), max(x.tarief)
        FROM prestatie x
        WHERE x.debet_credit = 'D' AND x.tarief IS NOT NULL AND year(x.periode_begin) = ?
              {filter_}
        GROUP BY ALL""",
        [jaar, *param],
    ).fetchall()
    return {
        (cat, code, eenheid): {
            "regels": int(n),
            "mediaan_cent": float(med),
            "p25_cent": float(p25),
            "p75_cent": float(p75),
            "min_cent": int(laag),
            "max_cent": int(hoog),
        }
        for cat, code, eenheid, n, med, p25, p75, laag, hoog in rijen
    }


def tariefblad(
    regels: Sequence[Bladregel],
    gedeclareerd: Mapping[Product, Mapping[str, Any]],
    *,
    deelbaar_60: bool = True,
) -> list[dict[str, Any]]:
    """Per sheet line its tariff and the declared tariffs of the product beside it."""
    uit = []
    for r in regels:
        tarief = r.tarief_cent(deelbaar_60)
        stat = gedeclareerd.get(r.product)
        mediaan = stat["mediaan_cent"] if stat else None
        uit.append(
            {
                "productcategorie": r.categorie,
                "productcode": r.productcode,
                "eenheid": r.eenheid,
                "omschrijving": r.omschrijving,
                "cao": r.opbouw.cao,
                "trede": r.opbouw.schaal_trede,
                "loonkosten_per_uur_cent": cent(bereken(r.opbouw).loonkosten_per_uur),
                "productiviteit": float(r.opbouw.productiviteit),
                "overhead": float(r.opbouw.overhead),
                "tarief_cent": tarief,
                "gedeclareerd_regels": stat["regels"] if stat else 0,
                "gedeclareerd_mediaan_cent": mediaan,
                "gedeclareerd_p25_cent": stat["p25_cent"] if stat else None,
                "gedeclareerd_p75_cent": stat["p75_cent"] if stat else None,
                "gedeclareerd_min_cent": stat["min_cent"] if stat else None,
                "gedeclareerd_max_cent": stat["max_cent"] if stat else None,
                "verschil_mediaan_cent": None if mediaan is None else round(tarief - mediaan),
                "verschil_mediaan": None if not mediaan else round(tarief / mediaan - 1, 4),
            }
        )
    return uit


def tariefblad_in_gebied(
    con: duckdb.DuckDBPyConnection,
    regels: Sequence[Bladregel],
    jaar: int | None,
    gemeenten: Sequence[str] | None,
    *,
    deelbaar_60: bool = True,
) -> list[dict[str, Any]]:
    """The sheet beside the tariffs declared in `jaar` in the area (None: no year, nothing
    beside it): what the page and ``passend tarief blad`` show."""
    gedeclareerd = gedeclareerde_tarieven(con, jaar, gemeenten) if jaar else {}
    return tariefblad(regels, gedeclareerd, deelbaar_60=deelbaar_60)


def tarieffactoren(
    con: duckdb.DuckDBPyConnection,
    regels: Sequence[Bladregel],
    jaar: int | None,
    gemeenten: Sequence[str] | None,
    segment_van: Any,
    *,
    deelbaar_60: bool = True,
) -> dict[str, dict[str, Any]]:
    """Per segment what its declarations of `jaar` (None: the latest year with declarations
    in the area) would have cost at the sheet's tariffs:
    ``huidig_cent`` (declared, debet − credit), ``nieuw_cent`` (the same with every line of a
    product on the sheet at volume × the sheet tariff; other lines as declared),
    ``op_blad_cent`` (declared on sheet products) and ``factor`` = nieuw / huidig, the
    scenario's tariff lever. `segment_van(domein, categorie, productcode)` places a product
    (:meth:`passend.analysis.segmentatie.Segmentatie.segment_van`)."""
    tarieven = {r.product: r.tarief_cent(deelbaar_60) for r in regels}
    filter_, param = gemeentefilter(gemeenten)
    if jaar is None:
        (jaar,) = con.execute(
            f"SELECT max(year(x.periode_begin)) FROM prestatie x WHERE true {filter_}", param
        ).fetchone() or (None,)
    rijen = con.execute(
        f"""
        SELECT x.domein, x.categorie, x.productcode, x.eenheid,
               sum(CASE x.debet_credit WHEN 'C' THEN -x.volume ELSE x.volume END),
               sum(CASE x.debet_credit WHEN 'C' THEN -x.bedrag ELSE x.bedrag END)
        FROM prestatie x WHERE year(x.periode_begin) = ? {filter_}
        GROUP BY ALL""",
        [jaar, *param],
    ).fetchall()
    uit: dict[str, dict[str, Any]] = {}
    for domein, categorie, code, eenheid, volume, bedrag in rijen:
        segment = segment_van(domein, categorie, code)
        rij = uit.setdefault(segment, {"huidig_cent": 0, "nieuw_cent": 0, "op_blad_cent": 0})
        rij["huidig_cent"] += int(bedrag)
        tarief = tarieven.get((categorie, code or "", eenheid))
        if tarief is None:
            rij["nieuw_cent"] += int(bedrag)
        else:
            rij["nieuw_cent"] += int(volume) * tarief
            rij["op_blad_cent"] += int(bedrag)
    for rij in uit.values():
        rij["factor"] = (
            round(rij["nieuw_cent"] / rij["huidig_cent"], 4) if rij["huidig_cent"] > 0 else None
        )
    return uit


def tariefhefboom(
    con: duckdb.DuckDBPyConnection,
    regels: Sequence[Bladregel],
    gemeenten: Sequence[str] | None,
    segment_van: Any,
    *,
    deelbaar_60: bool = True,
) -> dict[str, float]:
    """The scenario's tariff lever from a sheet: per segment with declarations in the latest
    year its :func:`tarieffactoren` factor (1 where no product of the sheet was declared);
    empty when the sheet touches no declared product, so the lever would change nothing."""
    per_segment = tarieffactoren(con, regels, None, gemeenten, segment_van, deelbaar_60=deelbaar_60)
    if not any(r["op_blad_cent"] for r in per_segment.values()):
        return {}
    return {s: r["factor"] for s, r in per_segment.items() if r["factor"] is not None}


__all__ = [
    "Bladregel",
    "gedeclareerde_tarieven",
    "lees_blad",
    "tariefblad",
    "tariefblad_in_gebied",
    "tarieffactoren",
    "tariefhefboom",
]
