"""Segmentation of products into purchasing segments, as a value object built from data.

The default (``data/segmentatie.json``) is the 7-segment model of the region: segment per
iJw productcategorie, onderwijs-jeugdhulp (segment 7) by product code, Landelijk ingekocht
(categorie 55) reported separately, and one segment per WMO020 categorie for Wmo. A region
can supply its own JSON with the same shape (:meth:`Segmentatie.uit_json`); every analysis
takes the segmentation as a parameter.

Precedence when a product matches several rules: an exact product-code rule, then the
longest matching prefix rule, then the categorie rule. A product no rule matches is put in
:data:`NIET_INGEDEELD` and listed by :func:`niet_ingedeeld`; it is never dropped.

``rangorde`` orders segments for the one place where a person needs a single segment (the
segment of a youth's jeugdhulp at 17 in the transition analysis): the lowest rangorde among
the person's segments wins. The default puts the heaviest care first.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import duckdb

from passend.analysis.sql import bereid, rijen


@dataclass(frozen=True)
class Segment:
    code: str
    naam: str
    domein: str  # "jeugd" | "wmo" ("" only for NIET_INGEDEELD)
    rangorde: int
    apart: bool = False  # reported separately (e.g. landelijk ingekocht)
    categorieen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Productregel:
    """Maps products by code: an exact `code` or a `begint_met` prefix, optionally per categorie."""

    domein: str
    segment: str
    categorie: str | None = None
    code: str | None = None
    begint_met: str | None = None

    def past(self, domein: str, categorie: str | None, productcode: str | None) -> int:
        """Match strength: 0 no match; longer prefixes beat shorter; an exact code beats all."""
        if domein != self.domein or not productcode:
            return 0
        if self.categorie is not None and categorie != self.categorie:
            return 0
        if self.code is not None:
            return 1000 if productcode == self.code else 0
        if self.begint_met and productcode.startswith(self.begint_met):
            return 1 + len(self.begint_met)
        return 0


NIET_INGEDEELD = Segment("NI", "Niet ingedeeld", "", 999)


@dataclass(frozen=True)
class Segmentatie:
    naam: str
    segmenten: tuple[Segment, ...]
    productregels: tuple[Productregel, ...] = ()
    toelichting: str = ""
    _per_categorie: dict[tuple[str, str], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        codes = [s.code for s in self.segmenten]
        if len(set(codes)) != len(codes) or NIET_INGEDEELD.code in codes:
            raise ValueError("Segmentcodes moeten uniek zijn (en 'NI' is gereserveerd).")
        for segment in self.segmenten:
            for categorie in segment.categorieen:
                sleutel = (segment.domein, categorie)
                if sleutel in self._per_categorie:
                    raise ValueError(
                        f"Categorie {categorie} ({segment.domein}) staat in twee segmenten: "
                        f"{self._per_categorie[sleutel]} en {segment.code}."
                    )
                self._per_categorie[sleutel] = segment.code
        for regel in self.productregels:
            if regel.segment not in codes:
                raise ValueError(f"Productregel verwijst naar onbekend segment {regel.segment}.")

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def standaard(cls) -> Segmentatie:
        return _standaard()

    @classmethod
    def uit_dict(cls, data: dict[str, Any]) -> Segmentatie:
        return cls(
            naam=data["naam"],
            toelichting=data.get("toelichting", ""),
            segmenten=tuple(
                Segment(
                    code=str(s["code"]),
                    naam=s["naam"],
                    domein=s["domein"],
                    rangorde=int(s["rangorde"]),
                    apart=bool(s.get("apart", False)),
                    categorieen=tuple(s.get("categorieen", ())),
                )
                for s in data["segmenten"]
            ),
            productregels=tuple(Productregel(**r) for r in data.get("productregels", ())),
        )

    @classmethod
    def uit_json(cls, tekst: str) -> Segmentatie:
        return cls.uit_dict(json.loads(tekst))

    def als_dict(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "toelichting": self.toelichting,
            "segmenten": [
                {**asdict(s), "categorieen": list(s.categorieen)} for s in self.segmenten
            ],
            "productregels": [
                {k: v for k, v in asdict(r).items() if v is not None} for r in self.productregels
            ],
        }

    def als_json(self) -> str:
        return json.dumps(self.als_dict(), ensure_ascii=False, indent=2)

    @cached_property  # asked at every analysis call; the dataclass is frozen
    def vingerafdruk(self) -> str:
        tekst = json.dumps(self.als_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]

    # -- lookup ------------------------------------------------------------------------------
    def segment(self, code: str) -> Segment:
        for segment in self.segmenten:
            if segment.code == code:
                return segment
        return NIET_INGEDEELD

    def segment_van(self, domein: str, categorie: str | None, productcode: str | None) -> str:
        """The segment code of a product (NIET_INGEDEELD's code when no rule matches)."""
        beste, sterkte = None, 0
        for regel in self.productregels:
            kracht = regel.past(domein, categorie, productcode)
            if kracht > sterkte:
                beste, sterkte = regel.segment, kracht
        if beste is not None:
            return beste
        return self._per_categorie.get((domein, categorie or ""), NIET_INGEDEELD.code)


@cache
def _standaard() -> Segmentatie:
    tekst = (files("passend.analysis") / "data" / "segmentatie.json").read_text(encoding="utf-8")
    return Segmentatie.uit_json(tekst)


if TYPE_CHECKING:
    from passend.analysis.gebied import Gebied


def niet_ingedeeld(con: duckdb.DuckDBPyConnection, gebied: Gebied) -> list[dict[str, Any]]:
    """Products in the data that no rule of `segmentatie` places in a segment.

    One row per (domein, categorie, productcode) with how often it occurs in toewijzingen,
    leveringen and prestaties, so a beheerder can extend the segmentation. A levering
    without categorie takes its product from the toewijzing first. The counts are restricted
    to `gebied` (a user sees only the products of their scope), and the rules are those of
    its segment model.
    """
    bereid(con, gebied.segmentatie, prestaties=True)
    waar, params = gebied.sql("gemeente")
    return rijen(
        con,
        f"""
        WITH tel AS (
            SELECT domein, coalesce(categorie, '') AS categorie,
                   coalesce(productcode, '') AS productcode, 'toewijzingen' AS bron, 1 AS n
            FROM _toew WHERE true {waar}
            UNION ALL SELECT domein, categorie, productcode, 'leveringen', 1 FROM _lev
            WHERE true {waar}
            UNION ALL SELECT domein, categorie, productcode, 'prestaties', regels FROM _pres
            WHERE true {waar})
        SELECT p.domein, p.categorie, p.productcode,
               count(*) FILTER (WHERE bron = 'toewijzingen') AS toewijzingen,
               count(*) FILTER (WHERE bron = 'leveringen') AS leveringen,
               coalesce(sum(n) FILTER (WHERE bron = 'prestaties'), 0) AS prestaties
        FROM _productsegment p JOIN tel USING (domein, categorie, productcode)
        WHERE p.segment = 'NI'
        GROUP BY ALL ORDER BY p.domein, p.categorie, p.productcode
        """,  # `waar` holds placeholders only
        params,
    )
