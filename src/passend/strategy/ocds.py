"""OCDS 1.1 export of the planning stage: one contracting process per segment.

A release package (``version`` "1.1") with one release per segment strategy, tagged
``planning``: the buyer (the region), the planning rationale (the reasons for the choices and
the core-values trade-off), the budget (the median cost forecast of the first scenario for the
contract term, or the base-year spend), and the tender as it is planned: procurement method
and its Dutch details, the contract term, the segment's services (CPV 85311300, welfare
services for children and young people, for Jeugd; 85312000 for Wmo) and status ``planning``.

The ``ocid`` is ``<prefix>-<region>-<year>-<segment>``; register your own prefix with the Open
Contracting Partnership before publishing (the default ``ocds-passend`` is a placeholder).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, time
from typing import Any

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
    ocid = f"{prefix}-{_slug(s.regio)}-{s.jaar}-{_slug(st.segment)}"
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


def _zonder_leeg(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def ocds_pakket(
    s: Inkoopstrategie,
    *,
    prefix: str = "ocds-passend",
    uitgever: str = "Passend",
    uri: str | None = None,
) -> dict[str, Any]:
    """The OCDS 1.1 release package of the planning stage (one release per segment)."""
    buyer = {"id": f"NL-REGIO-{_slug(s.regio)}", "name": s.regio}
    releases = [_release(s, st, prefix, buyer) for st in s.strategieen]
    return {
        "uri": uri or f"https://example.invalid/{_slug(s.regio)}/{s.jaar}/inkoopstrategie.json",
        "version": "1.1",
        "publishedDate": _datum(s),
        "publisher": {"name": uitgever},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "releases": releases,
    }
