"""OCDS 1.1 export of the planning, award and contract stages: one contracting process per
segment.

A release package (``version`` "1.1") with one release per segment strategy, tagged
``planning``: the buyer (the region), the planning rationale (the reasons for the choices and
the core-values trade-off), the budget (the median cost forecast of the first scenario for the
contract term, or the base-year spend), and the tender as it is planned: procurement method
and its Dutch details, the contract term, the segment's services (CPV 85311300, welfare
services for children and young people, for Jeugd; 85312000 for Wmo) and status ``planning``.

With the area's contract register, each segment that has contracts gets a second release of
the same process, tagged ``award`` and ``contract`` (contracts of a segment the strategy does
not name get a process of their own, ``<region>-<year>-<domein>-<segment>``, without a
planning stage): an award per hoofdaannemer (its
suppliers: the hoofdaannemer and, for a consortium, its onderaannemers, identified by AGB
code) and a contract per register contract, with its period, its value (the sum of its
bestedingsruimte over the years) and a status on the document's date (``pending`` before its
ingangsdatum, ``terminated`` after its einddatum, else ``active``).

The ``ocid`` is ``<prefix>-<region>-<year>-<segment>``; register your own prefix with the Open
Contracting Partnership before publishing (the default ``ocds-passend`` is a placeholder).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from passend.contracting.register import Bestedingsruimte, Contract
from passend.strategy.document import Inkoopstrategie
from passend.strategy.keuzes import DIMENSIES, Segmentstrategie, kernwaarden_afweging, label

#: OCDS procurementMethod per procedure (open, selective, limited, direct).
METHODE = {
    "open_house": "open",
    "sas_emvi": "selective",
    "sas_zonder_emvi": "selective",
    "dialoog": "selective",
    "subsidie": "direct",
}
CPV = {
    "jeugd": ("85311300", "Welzijnszorg voor kinderen en jongeren"),
    "wmo": ("85312000", "Maatschappelijk werk zonder huisvesting"),
}


def _slug(tekst: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "regio"


def _datum(s: Inkoopstrategie) -> str:
    return datetime.combine(s.datum, time(0, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _budget(s: Inkoopstrategie, st: Segmentstrategie, jaren: int) -> float | None:
    """Median forecast over the first `jaren` years of the first scenario (else base spend)."""
    if s.scenarios:
        r = s.scenarios[0]
        for i, info in enumerate(r.segmenten):
            if info.code == st.segment:
                return float(r.kosten[r.p(50), :jaren, :, i].sum())
    k = next((k for k in s.kenmerken if k.segment == st.segment), None)
    return k.bedrag_eur * jaren if k else None


def _release(
    s: Inkoopstrategie, st: Segmentstrategie, prefix: str, buyer: dict[str, str]
) -> dict[str, Any]:
    jaren = int(st.looptijd)
    domein = next((k.domein for k in s.kenmerken if k.segment == st.segment), "jeugd")
    ocid = _ocid(s, st.segment, prefix)
    redenen = [
        f"{DIMENSIES[d][0]}: {label(st.keuze(d))}. " + " ".join(r)
        for d, r in st.redenen.items()
        if r
    ]
    afweging = kernwaarden_afweging(st)
    saldo = ", ".join(f"{k} {v:+d}" for k, v in afweging["totaal"].items())
    start = datetime(s.jaar + 1, 1, 1, tzinfo=UTC)
    eind = datetime(s.jaar + 1 + jaren, 1, 1, tzinfo=UTC)
    budget = _budget(s, st, min(jaren, 5))
    tender: dict[str, Any] = {
        "id": f"{ocid}-tender",
        "title": f"Segment {st.segment}: {st.segmentnaam}",
        "description": f"Inkoop van {st.segmentnaam.lower()} ({label(st.verantwoordelijk)}), "
        f"{label(st.schaal).lower()}, bekostiging {label(st.bekostiging).lower()}.",
        "status": "planning",
        "procurementMethod": METHODE[st.procedure],
        "procurementMethodDetails": label(st.procedure),
        "procurementMethodRationale": " ".join(st.redenen.get("procedure", ())) or None,
        "mainProcurementCategory": "services",
        "contractPeriod": {
            "startDate": start.isoformat().replace("+00:00", "Z"),
            "endDate": eind.isoformat().replace("+00:00", "Z"),
            "durationInDays": (eind - start).days,
        },
        "items": [
            {
                "id": "1",
                "description": st.segmentnaam,
                "classification": {
                    "scheme": "CPV",
                    "id": CPV[domein][0],
                    "description": CPV[domein][1],
                },
            }
        ],
    }
    if budget is not None:
        tender["value"] = {"amount": round(budget, 2), "currency": "EUR"}
    planning: dict[str, Any] = {
        "rationale": " ".join(redenen) + f" Saldo kernwaarden: {saldo}.",
    }
    if budget is not None:
        planning["budget"] = {
            "id": f"{ocid}-budget",
            "description": "Mediane prognose van de zorgkosten over de looptijd "
            "(Monte Carlo, P50).",
            "amount": {"amount": round(budget, 2), "currency": "EUR"},
        }
    return {
        "ocid": ocid,
        "id": f"{ocid}-planning-{s.datum.isoformat()}",
        "date": _datum(s),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "nl",
        "parties": [{**buyer, "roles": ["buyer", "procuringEntity"]}],
        "buyer": buyer,
        "planning": planning,
        "tender": _zonder_leeg(tender),
    }


@dataclass(frozen=True)
class Gunningen:
    """The area's contract register, for the award and contract stage."""

    contracten: Sequence[Contract]
    ruimtes: Sequence[Bestedingsruimte] = ()
    #: AGB code to the aanbieder's name (the code itself when unknown).
    namen: Mapping[str, str] = field(default_factory=dict)


def _tijd(dag: date) -> str:
    return datetime.combine(dag, time(0, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _leverancier(agb: str, namen: Mapping[str, str]) -> dict[str, Any]:
    return {"id": f"NL-AGB-{agb}", "name": namen.get(agb) or agb}


def _waarde(contracten: Sequence[Contract], g: Gunningen) -> dict[str, Any] | None:
    nummers = {c.contractnummer for c in contracten}
    cent = sum(r.bedrag_cent for r in g.ruimtes if r.contractnummer in nummers)
    return {"amount": cent / 100, "currency": "EUR"} if cent else None


def _status(c: Contract, dag: date) -> str:
    if c.ingangsdatum > dag:
        return "pending"
    return "terminated" if c.einddatum is not None and c.einddatum < dag else "active"


def _periode(contracten: Sequence[Contract]) -> dict[str, str]:
    periode = {"startDate": _tijd(min(c.ingangsdatum for c in contracten))}
    if all(c.einddatum is not None for c in contracten):
        periode["endDate"] = _tijd(max(c.einddatum for c in contracten if c.einddatum))
    return periode


def _gunning(
    s: Inkoopstrategie, ocid: str, contracten: Sequence[Contract], g: Gunningen, buyer: Any
) -> dict[str, Any]:
    """The award and contract release of one segment's process."""
    per_aanbieder: dict[str, list[Contract]] = {}
    for c in sorted(contracten, key=lambda c: c.contractnummer):
        per_aanbieder.setdefault(c.hoofdaannemer, []).append(c)
    partijen: dict[str, dict[str, Any]] = {}
    awards, contracts = [], []
    for agb, eigen in sorted(per_aanbieder.items()):
        leden = sorted({agb, *(o for c in eigen for o in c.onderaannemers)})
        leveranciers = [_leverancier(a, g.namen) for a in leden]
        for lev, a in zip(leveranciers, leden, strict=True):
            identifier = {"scheme": "NL-AGB", "id": a, "legalName": lev["name"]}
            partijen[a] = {**lev, "identifier": identifier, "roles": ["supplier"]}
        award_id = f"{ocid}-award-{agb}"
        awards.append(
            _zonder_leeg(
                {
                    "id": award_id,
                    "title": f"Gunning aan {leveranciers[0]['name']}",
                    "status": "active",
                    "suppliers": leveranciers,
                    "value": _waarde(eigen, g),
                    "contractPeriod": _periode(eigen),
                }
            )
        )
        contracts += [
            _zonder_leeg(
                {
                    "id": f"{ocid}-{c.contractnummer}",
                    "awardID": award_id,
                    "title": c.contractnummer,
                    "description": f"{c.uitvoeringsvariant.value}, {c.domein}, segment {c.segment}",
                    "status": _status(c, s.datum),
                    "period": _periode([c]),
                    "value": _waarde([c], g),
                }
            )
            for c in eigen
        ]
    return {
        "ocid": ocid,
        "id": f"{ocid}-contract-{s.datum.isoformat()}",
        "date": _datum(s),
        "tag": ["award", "contract"],
        "initiationType": "tender",
        "language": "nl",
        "parties": [{**buyer, "roles": ["buyer", "procuringEntity"]}, *partijen.values()],
        "buyer": buyer,
        "awards": awards,
        "contracts": contracts,
    }


def _gunningen(
    s: Inkoopstrategie, prefix: str, buyer: dict[str, str], g: Gunningen
) -> list[dict[str, Any]]:
    uit, gedaan = [], set()
    for st in s.strategieen:
        domein = next((k.domein for k in s.kenmerken if k.segment == st.segment), "jeugd")
        eigen = [c for c in g.contracten if c.segment == st.segment and c.domein == domein]
        if eigen:
            uit.append(_gunning(s, _ocid(s, st.segment, prefix), eigen, g, buyer))
            gedaan.add((domein, st.segment))
    # Contracts of a segment the strategy does not name (another model, an older perceel)
    # are never left out: each such segment is a process of its own, without a planning.
    overig: dict[tuple[str, str], list[Contract]] = {}
    for c in g.contracten:
        if (c.domein, c.segment) not in gedaan:
            overig.setdefault((c.domein, c.segment), []).append(c)
    for (domein, segment), eigen in sorted(overig.items()):
        ocid = _ocid(s, f"{domein}-{segment}", prefix)
        uit.append(_gunning(s, ocid, eigen, g, buyer))
    return uit


def _ocid(s: Inkoopstrategie, segment: str, prefix: str) -> str:
    return f"{prefix}-{_slug(s.regio)}-{s.jaar}-{_slug(segment)}"


def _zonder_leeg(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def ocds_pakket(
    s: Inkoopstrategie,
    *,
    prefix: str = "ocds-passend",
    uitgever: str = "Passend",
    uri: str | None = None,
    gunningen: Gunningen | None = None,
) -> dict[str, Any]:
    """The OCDS 1.1 release package: the planning stage (one release per segment) and, with
    the area's contract register, the award and contract stage of each segment with
    contracts."""
    buyer = {"id": f"NL-REGIO-{_slug(s.regio)}", "name": s.regio}
    releases = [_release(s, st, prefix, buyer) for st in s.strategieen]
    if gunningen is not None:
        releases += _gunningen(s, prefix, buyer, gunningen)
    return {
        "uri": uri or f"https://example.invalid/{_slug(s.regio)}/{s.jaar}/inkoopstrategie.json",
        "version": "1.1",
        "publishedDate": _datum(s),
        "publisher": {"name": uitgever},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "releases": releases,
    }
