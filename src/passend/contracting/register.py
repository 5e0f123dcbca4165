"""The contract register: what a region has contracted, and where the messages disagree.

A :class:`Contract` binds a hoofdaannemer (and its onderaannemers or consortium partners) to
an area (one gemeente, or a jeugdregio), a domain and a segment of the area's segment model,
with an uitvoeringsvariant and a period. It carries :class:`Contracttarief` lines per product
(a categorie alone covers every code of that categorie) and per year a
:class:`Bestedingsruimte` (a taakgericht budget for taakgericht contracts).

:func:`controleer_berichten` sets the loaded messages against the register, on the date each
one is about (a declaratie's ProductPeriode begin, a toewijzing's ingangsdatum):

``geen_contract``
    no contract of that aanbieder (as hoofd- or onderaannemer) for the gemeente (directly or
    through its jeugdregio) and domain runs on that date;
``product_buiten_contract``
    contracts run, they list tariff lines, and none covers the product on that date (an
    aspecifiek toewijzing is covered by any line of its categorie, a generiek one by any
    line);
``eenheid_afwijkend``
    the product is covered, but not in the eenheid declared;
``tarief_afwijkend``
    the declared ProductTarief differs from every contract tariff of the product, eenheid
    and date (a code-specific line takes precedence over a categorie line).

A contract without any tariff line (a taakgericht budget, for example) covers every product
of its domain. Declarations are counted by their debet lines; their amount is the signed sum
(credit negative). The relations the checks read are :data:`REGISTER_SCHEMA` (from
:func:`register_tabellen`) next to ``prestatie`` (with ``tarief``), ``toewijzing``,
``gemeente`` and ``aanbieder`` of :data:`passend.analysis.relaties.SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import duckdb
import pyarrow as pa

from passend.domain.age import plus_maanden
from passend.domain.records import (
    BestedingsruimteRecord,
    ClientenstopRecord,
    ContracttariefRecord,
)

#: A raamovereenkomst runs at most this many months (Aanbestedingswet 2012 art. 2.140 for
#: the sociaal domein practice the Contractstandaarden follow): longer gets a warning.
MAX_LOOPTIJD_MAANDEN = 48
#: A contract ending within this many months of the peildatum is listed as expiring.
AFLOPEND_MAANDEN = 6


class Contractvariant(StrEnum):
    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    TAAKGERICHT = "taakgericht"


class Procedure(StrEnum):
    OPEN_HOUSE = "open-house"
    SAS_EMVI = "sas-emvi"
    DIALOOG = "dialoog"
    ONDERHANDS = "onderhands"
    OVERIG = "overig"


class Rol(StrEnum):
    HOOFDAANNEMER = "hoofdaannemer"
    ONDERAANNEMER = "onderaannemer"


@dataclass(frozen=True)
class Contract:
    contractnummer: str
    hoofdaannemer: str  # AGB
    domein: str  # "jeugd" | "wmo"
    segment: str
    uitvoeringsvariant: Contractvariant
    ingangsdatum: date
    einddatum: date | None
    gemeente: str | None = None  # CBS code, or
    regio: str | None = None  # jeugdregio name
    procedure: str = ""
    onderaannemers: tuple[str, ...] = ()


#: A tariff line and a year's room are the same values the import reads (tarief_cent,
#: bedrag_cent in eurocent; a productcode None covers the whole categorie).
Contracttarief = ContracttariefRecord
Bestedingsruimte = BestedingsruimteRecord
Clientenstop = ClientenstopRecord


def looptijd_maanden(ingang: date, eind: date) -> int:
    """Begun months of a period that runs from ingang up to and including eind: the fewest
    whole months from ingang that reach past eind (1 Jan–31 Dec is 12, 1 Jan–1 Jan 13)."""
    maanden = max((eind.year - ingang.year) * 12 + eind.month - ingang.month, 0)
    while plus_maanden(ingang, maanden) <= eind:
        maanden += 1
    while maanden > 0 and plus_maanden(ingang, maanden - 1) > eind:
        maanden -= 1
    return maanden


def loopt_af(einddatum: date, peildatum: date) -> bool:
    """Whether a contract ending on `einddatum` ends within :data:`AFLOPEND_MAANDEN` months of
    `peildatum`: on or after it, and at most peildatum + 6 months (clamped to the month's last
    day, as DuckDB's date + INTERVAL)."""
    return peildatum <= einddatum <= aflopend_tot(peildatum)


def aflopend_tot(peildatum: date) -> date:
    """The last day of the expiry window: :data:`AFLOPEND_MAANDEN` months after `peildatum`
    (the one definition, for the contract signals and the check of the register alike)."""
    return plus_maanden(peildatum, AFLOPEND_MAANDEN)


@dataclass(frozen=True)
class Contractsignaal:
    """Something allowed that deserves a second look: in a few words (a table cell) and in
    full (the contract page, the download)."""

    kort: str
    uitleg: str


def contractsignalen(
    ingangsdatum: date, einddatum: date | None, peildatum: date | None = None
) -> list[Contractsignaal]:
    """No einddatum, a looptijd over :data:`MAX_LOOPTIJD_MAANDEN` months, and (with a
    peildatum) an end within :data:`AFLOPEND_MAANDEN` months. The errors are checked on
    import and in the editor alike, by :func:`passend.domain.checks.controleer`."""
    if einddatum is None:
        return [Contractsignaal("geen einddatum", "Het contract heeft geen einddatum.")]
    uit = []
    maanden = looptijd_maanden(ingangsdatum, einddatum)
    if maanden > MAX_LOOPTIJD_MAANDEN:
        uit.append(
            Contractsignaal(
                f"looptijd {maanden} maanden",
                f"De looptijd is {maanden} maanden; een raamovereenkomst duurt ten hoogste "
                f"{MAX_LOOPTIJD_MAANDEN} maanden, tenzij dat gemotiveerd is.",
            )
        )
    if peildatum is not None and loopt_af(einddatum, peildatum):
        uit.append(Contractsignaal("loopt af", f"Loopt af binnen {AFLOPEND_MAANDEN} maanden."))
    return uit


def contractwaarschuwingen(ingangsdatum: date, einddatum: date | None) -> list[str]:
    """The full texts of :func:`contractsignalen` without a peildatum."""
    return [s.uitleg for s in contractsignalen(ingangsdatum, einddatum)]


# -- relations ---------------------------------------------------------------------------------
REGISTER_SCHEMA: dict[str, pa.Schema] = {
    "contract": pa.schema(
        [
            ("contractnummer", pa.string()),
            ("hoofdaannemer", pa.string()),
            ("domein", pa.string()),
            ("segment", pa.string()),
            ("uitvoeringsvariant", pa.string()),
            ("ingangsdatum", pa.date32()),
            ("einddatum", pa.date32()),
            ("gemeente", pa.string()),
            ("regio", pa.string()),
        ]
    ),
    "contractpartij": pa.schema(
        [("contractnummer", pa.string()), ("aanbieder", pa.string()), ("rol", pa.string())]
    ),
    "contracttarief": pa.schema(
        [
            ("contractnummer", pa.string()),
            ("categorie", pa.string()),
            ("productcode", pa.string()),
            ("eenheid", pa.string()),
            ("tarief", pa.int64()),
            ("geldig_vanaf", pa.date32()),
            ("geldig_tot", pa.date32()),
        ]
    ),
    "bestedingsruimte": pa.schema(
        [("contractnummer", pa.string()), ("jaar", pa.int32()), ("bedrag", pa.int64())]
    ),
    "clientenstop": pa.schema(
        [("contractnummer", pa.string()), ("van", pa.date32()), ("tot", pa.date32())]
    ),
}


def vul_register(con: duckdb.DuckDBPyConnection) -> None:
    """Create each register relation the connection lacks as an empty table: a region
    without a register gets empty figures, not an error."""
    for naam, schema in REGISTER_SCHEMA.items():
        try:
            con.execute(f"DESCRIBE {naam}")
        except duckdb.CatalogException:
            con.register(naam, schema.empty_table())


def register_tabellen(
    contracten: Iterable[Contract],
    tarieven: Iterable[Contracttarief] = (),
    ruimtes: Iterable[Bestedingsruimte] = (),
    stops: Iterable[Clientenstop] = (),
) -> dict[str, pa.Table]:
    """The register as Arrow tables with :data:`REGISTER_SCHEMA`."""
    contracten = list(contracten)
    rijen: dict[str, list[dict[str, Any]]] = {
        "contract": [
            {
                "contractnummer": c.contractnummer,
                "hoofdaannemer": c.hoofdaannemer,
                "domein": c.domein,
                "segment": c.segment,
                "uitvoeringsvariant": c.uitvoeringsvariant.value,
                "ingangsdatum": c.ingangsdatum,
                "einddatum": c.einddatum,
                "gemeente": c.gemeente or None,
                "regio": c.regio or None,
            }
            for c in contracten
        ],
        "contractpartij": [
            {"contractnummer": c.contractnummer, "aanbieder": agb, "rol": rol.value}
            for c in contracten
            for agb, rol in [(c.hoofdaannemer, Rol.HOOFDAANNEMER)]
            + [(o, Rol.ONDERAANNEMER) for o in c.onderaannemers]
        ],
        "contracttarief": [
            {
                "contractnummer": t.contractnummer,
                "categorie": t.categorie,
                "productcode": t.productcode or None,
                "eenheid": t.eenheid,
                "tarief": t.tarief_cent,
                "geldig_vanaf": t.geldig_vanaf,
                "geldig_tot": t.geldig_tot,
            }
            for t in tarieven
        ],
        "bestedingsruimte": [
            {"contractnummer": b.contractnummer, "jaar": b.jaar, "bedrag": b.bedrag_cent}
            for b in ruimtes
        ],
        "clientenstop": [
            {"contractnummer": s.contractnummer, "van": s.van, "tot": s.tot} for s in stops
        ],
    }
    return {
        naam: pa.Table.from_pylist(rijen[naam], schema=schema)
        for naam, schema in REGISTER_SCHEMA.items()
    }


# -- checks against the messages ---------------------------------------------------------------
STATUSSEN = ("geen_contract", "product_buiten_contract", "eenheid_afwijkend", "tarief_afwijkend")


@dataclass
class Contractcontrole:
    """The register set against the messages of one year (see the module docstring)."""

    jaar: int
    peildatum: date
    per_aanbieder: list[dict[str, Any]] = field(default_factory=list)
    tarieven: list[dict[str, Any]] = field(default_factory=list)
    aflopend: list[dict[str, Any]] = field(default_factory=list)

    def als_json(self) -> dict[str, Any]:
        return {
            "jaar": self.jaar,
            "peildatum": self.peildatum.isoformat(),
            "per_aanbieder": self.per_aanbieder,
            "tarieven": self.tarieven,
            "aflopend": [{**r, "einddatum": r["einddatum"].isoformat()} for r in self.aflopend],
        }


def gemeentefilter(gemeenten: Sequence[str] | None, alias: str = "x") -> tuple[str, list[Any]]:
    """A SQL condition (starting with AND) keeping `alias`.gemeente to `gemeenten` (None:
    all), and its parameter."""
    if gemeenten is None:
        return "", []
    return f" AND {alias}.gemeente IN (SELECT unnest(?::VARCHAR[]))", [list(gemeenten)]


_DEKKING = """
    -- The contracts that run for each message (by aanbieder, domain, area and date), and
    -- whether they list tariff lines at all.
    CREATE OR REPLACE TEMP TABLE _dekking AS
    SELECT b.rij, c.contractnummer,
           EXISTS (SELECT 1 FROM contracttarief t
                   WHERE t.contractnummer = c.contractnummer) AS heeft_regels
    FROM _berichten b
    JOIN contractpartij p ON p.aanbieder = b.aanbieder
    JOIN contract c ON c.contractnummer = p.contractnummer AND c.domein = b.domein
         AND (c.gemeente = b.gemeente OR c.regio = b.jeugdregio)
         AND b.datum >= c.ingangsdatum AND (c.einddatum IS NULL OR b.datum <= c.einddatum);

    -- The tariff lines of those contracts that cover the product on that date.
    CREATE OR REPLACE TEMP TABLE _regels AS
    SELECT d.rij, d.contractnummer, t.productcode IS NOT NULL AS specifiek, t.eenheid, t.tarief
    FROM _dekking d JOIN _berichten b USING (rij)
    JOIN contracttarief t ON t.contractnummer = d.contractnummer
         -- an aspecifiek toewijzing (categorie only) is covered by any line of its
         -- categorie, a generiek one (no categorie) by any line at all
         AND (b.categorie IS NULL OR t.categorie = b.categorie)
         AND (t.productcode IS NULL OR b.productcode IS NULL OR t.productcode = b.productcode)
         AND b.datum >= t.geldig_vanaf AND (t.geldig_tot IS NULL OR b.datum <= t.geldig_tot);

    -- Each message to one contract: one with a code line for the product first, then one
    -- with a categorie line, then one without lines; ties by contractnummer. The contract's
    -- tariff in the message's eenheid goes with it.
    CREATE OR REPLACE TEMP TABLE _toekenning AS
    WITH lijn AS (
        SELECT r.rij, r.contractnummer, r.specifiek,
               CASE WHEN r.eenheid = b.eenheid THEN r.tarief END AS tarief
        FROM _regels r JOIN _berichten b USING (rij)
        QUALIFY row_number() OVER (
            PARTITION BY r.rij, r.contractnummer
            ORDER BY r.specifiek DESC, (r.eenheid = b.eenheid) DESC, r.tarief) = 1
    )
    SELECT d.rij, d.contractnummer, l.tarief AS contracttarief
    FROM _dekking d LEFT JOIN lijn l USING (rij, contractnummer)
    WHERE l.rij IS NOT NULL OR NOT d.heeft_regels
    QUALIFY row_number() OVER (
        PARTITION BY d.rij
        ORDER BY CASE WHEN l.specifiek THEN 0 WHEN l.rij IS NOT NULL THEN 1 ELSE 2 END,
                 d.contractnummer) = 1;
"""

_STATUS = """
    CREATE OR REPLACE TEMP TABLE _status AS
    WITH contr AS (
        SELECT rij, bool_or(NOT heeft_regels) AS vrij FROM _dekking GROUP BY rij
    ), beste AS (  -- code-specific lines win over categorie lines
        SELECT * FROM _regels
        QUALIFY specifiek = max(specifiek) OVER (PARTITION BY rij)
    ), regels AS (
        SELECT b.rij,
               count(*) AS n,
               count(*) FILTER (WHERE r.eenheid = b.eenheid) AS n_eenheid,
               bool_or(r.eenheid = b.eenheid AND r.tarief = b.tarief) AS gelijk,
               min(r.tarief) FILTER (WHERE r.eenheid = b.eenheid) AS contracttarief
        FROM beste r JOIN _berichten b USING (rij)
        GROUP BY b.rij
    )
    SELECT b.*, r.contracttarief,
        CASE
            WHEN c.rij IS NULL THEN 'geen_contract'
            WHEN r.rij IS NULL AND c.vrij THEN NULL
            WHEN r.rij IS NULL THEN 'product_buiten_contract'
            WHEN b.tarief IS NULL THEN NULL
            WHEN r.n_eenheid = 0 THEN 'eenheid_afwijkend'
            WHEN NOT r.gelijk THEN 'tarief_afwijkend'
        END AS status
    FROM _berichten b LEFT JOIN contr c USING (rij) LEFT JOIN regels r USING (rij);
"""


def toeken(con: duckdb.DuckDBPyConnection, bron: str, parameters: Sequence[Any] = ()) -> None:
    """Set the messages of the query `bron` against the register.

    `bron` yields at least ``domein, gemeente, aanbieder, categorie, productcode, datum,
    eenheid, tarief, volume, debet_credit, bedrag`` (``datum``: the day the message is
    about); more columns are carried along. Leaves the temporary tables ``_berichten`` (the
    rows with a number ``rij`` and the gemeente's jeugdregio), ``_dekking`` (every contract
    that runs for a row), ``_regels`` (the tariff lines that cover it) and ``_toekenning``
    (the one contract a row belongs to, and that contract's tariff in its eenheid).
    """
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _berichten AS
        SELECT row_number() OVER () AS rij, m.*, g.jeugdregio
        FROM ({bron}) m LEFT JOIN gemeente g USING (gemeente)""",
        list(parameters),
    )
    con.execute(_DEKKING)


def _berichten(
    con: duckdb.DuckDBPyConnection, jaar: int, gemeenten: Sequence[str] | None, soort: str
) -> None:
    """The messages of the year against the register, with a status each (``_status``):
    declaratie lines, or toewijzingen."""
    if soort == "declaratie":
        filter_, param = gemeentefilter(gemeenten, "x")
        bron = f"""
            SELECT x.domein, x.gemeente, x.aanbieder, x.categorie, x.productcode,
                   x.periode_begin AS datum, x.eenheid, x.tarief, x.volume, x.debet_credit,
                   CASE x.debet_credit WHEN 'C' THEN -x.bedrag ELSE x.bedrag END AS bedrag
            FROM prestatie x
            WHERE year(x.periode_begin) = ? {filter_}"""
    else:
        filter_, param = gemeentefilter(gemeenten, "x")
        bron = f"""
            SELECT x.domein, x.gemeente, x.aanbieder, x.categorie, x.productcode,
                   x.ingangsdatum AS datum, NULL::VARCHAR AS eenheid, NULL::BIGINT AS tarief,
                   0::BIGINT AS volume, 'D' AS debet_credit, 0::BIGINT AS bedrag
            FROM toewijzing x
            WHERE year(x.ingangsdatum) = ? {filter_}"""
    toeken(con, bron, [jaar, *param])
    con.execute(_STATUS)


def _tel_per_aanbieder(con: duckdb.DuckDBPyConnection, soort: str) -> dict[str, dict[str, Any]]:
    rijen = con.execute(
        """
        SELECT aanbieder, status,
               count(*) FILTER (WHERE debet_credit = 'D') AS aantal,
               sum(bedrag) AS bedrag,
               sum(CASE WHEN status = 'tarief_afwijkend' AND debet_credit = 'D'
                        THEN (tarief - contracttarief) * volume END) AS verschil
        FROM _status WHERE status IS NOT NULL GROUP BY ALL"""
    ).fetchall()
    uit: dict[str, dict[str, Any]] = {}
    for aanbieder, status, aantal, bedrag, verschil in rijen:
        rij = uit.setdefault(aanbieder, {})
        rij[f"{soort}_{status}"] = int(aantal)
        if soort == "declaratie":
            rij[f"{soort}_{status}_cent"] = int(bedrag or 0)
        if verschil is not None:
            rij["tariefverschil_cent"] = int(verschil)
    return uit


def _afwijkende_tarieven(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rijen = con.execute(
        """
        SELECT aanbieder, domein, categorie, productcode, eenheid, tarief, contracttarief,
               count(*) AS regels, sum(volume) AS volume,
               sum((tarief - contracttarief) * volume) AS verschil
        FROM _status
        WHERE status = 'tarief_afwijkend' AND debet_credit = 'D'
        GROUP BY ALL ORDER BY aanbieder, domein, categorie, productcode, tarief"""
    ).fetchall()
    sleutels = (
        "aanbieder",
        "domein",
        "categorie",
        "productcode",
        "eenheid",
        "gedeclareerd_tarief_cent",
        "contracttarief_cent",
        "regels",
        "volume",
        "verschil_cent",
    )
    return [dict(zip(sleutels, r, strict=True)) for r in rijen]


def _aflopend(
    con: duckdb.DuckDBPyConnection, peildatum: date, gemeenten: Sequence[str] | None
) -> list[dict[str, Any]]:
    filter_ = ""
    param: list[Any] = [peildatum, aflopend_tot(peildatum)]
    if gemeenten is not None:
        filter_ = """ AND (c.gemeente IN (SELECT unnest(?::VARCHAR[]))
            OR c.regio IN (SELECT jeugdregio FROM gemeente
                           WHERE gemeente IN (SELECT unnest(?::VARCHAR[]))))"""
        param += [list(gemeenten), list(gemeenten)]
    rijen = con.execute(
        f"""
        SELECT c.contractnummer, c.hoofdaannemer, c.domein, c.segment, c.einddatum
        FROM contract c
        WHERE c.einddatum BETWEEN ? AND ?
        {filter_}
        ORDER BY c.einddatum, c.contractnummer""",
        param,
    ).fetchall()
    sleutels = ("contractnummer", "aanbieder", "domein", "segment", "einddatum")
    return [dict(zip(sleutels, r, strict=True)) for r in rijen]


def controleer_berichten(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Sequence[str] | None = None,
) -> Contractcontrole:
    """The messages of `jaar` (of `gemeenten`, None for all) against the register, and the
    contracts expiring within :data:`AFLOPEND_MAANDEN` months of `peildatum`.

    Per aanbieder the counts (and for declaraties the signed amounts) per status, and the
    total tariff difference ((declared − contract tariff) × volume over the debet lines);
    the deviating tariffs per product. Aanbieders without findings are left out.
    """
    per: dict[str, dict[str, Any]] = {}
    tarieven: list[dict[str, Any]] = []
    for soort in ("toewijzing", "declaratie"):
        _berichten(con, jaar, gemeenten, soort)
        for aanbieder, tellingen in _tel_per_aanbieder(con, soort).items():
            per.setdefault(aanbieder, {}).update(tellingen)
        if soort == "declaratie":
            tarieven = _afwijkende_tarieven(con)
    namen = dict(con.execute("SELECT aanbieder, naam FROM aanbieder").fetchall())
    rijen = [
        {"aanbieder": agb, "naam": namen.get(agb) or "", **_met_nullen(tellingen)}
        for agb, tellingen in sorted(per.items())
    ]
    return Contractcontrole(jaar, peildatum, rijen, tarieven, _aflopend(con, peildatum, gemeenten))


def _met_nullen(tellingen: dict[str, Any]) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for status in STATUSSEN:
        if status not in ("eenheid_afwijkend", "tarief_afwijkend"):
            uit[f"toewijzing_{status}"] = tellingen.get(f"toewijzing_{status}", 0)
        uit[f"declaratie_{status}"] = tellingen.get(f"declaratie_{status}", 0)
        uit[f"declaratie_{status}_cent"] = tellingen.get(f"declaratie_{status}_cent", 0)
    uit["tariefverschil_cent"] = tellingen.get("tariefverschil_cent", 0)
    return uit


__all__ = [
    "AFLOPEND_MAANDEN",
    "MAX_LOOPTIJD_MAANDEN",
    "REGISTER_SCHEMA",
    "STATUSSEN",
    "Bestedingsruimte",
    "Contract",
    "Contractcontrole",
    "Contractsignaal",
    "Contracttarief",
    "Contractvariant",
    "Procedure",
    "Rol",
    "aflopend_tot",
    "contractsignalen",
    "contractwaarschuwingen",
    "controleer_berichten",
    "gemeentefilter",
    "loopt_af",
    "looptijd_maanden",
    "plus_maanden",
    "register_tabellen",
    "toeken",
]
