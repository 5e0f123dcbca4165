"""The stored tenders (:class:`Aanbesteding`): the method is checked and fixed at the moment
a tender is created; the commissie's scores are checked by ranking them before they are
stored, so a stored tender always ranks (:mod:`passend.contracting.selectie`). And the Open
House admission rounds (:class:`Toelating`): eisen, and per aanbieder per eis the verdict
with its evidence note."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone

from passend.contracten.models import Aanbesteding, Toelating
from passend.contracting.selectie import (
    Beoordelingsmethode,
    Eis,
    Inschrijving,
    Uitslag,
    inschrijvingen_uit,
    methode_uit,
    scoor,
    toelating,
)

#: More bids than this in one tender is not a tender a commissie scores by hand.
MAX_INSCHRIJVINGEN = 200


def _nu() -> str:
    return timezone.now().isoformat(timespec="seconds")


def nieuwe_aanbesteding(
    gebied: str, titel: str, methode: Mapping[str, Any], door: str
) -> Aanbesteding:
    """Fix `methode` (criteria, weights, Pmax/Pmin) now and store the tender; ValueError
    (Dutch) when the method is not allowed (price only, weights not summing to 1, ...)."""
    vast = {**methode, "vastgesteld_op": _nu()}
    methode_uit(vast)
    titel = titel.strip()[:200]
    if not titel:
        raise ValueError("Geef de aanbesteding een titel.")
    return Aanbesteding.objects.create(
        gebied=gebied, titel=titel, methode=vast, gewijzigd_door=door[:150]
    )


def bewaar_scores(a: Aanbesteding, biedingen: Sequence[Mapping[str, Any]], door: str) -> None:
    """Store the bids (aanbieder, prijs, scores per criterion code) as scored now; a bid
    unchanged since its last save keeps its moment. Ranked first: ValueError (Dutch) when a
    score is missing or outside the scale, or an aanbieder appears twice."""
    if len(biedingen) > MAX_INSCHRIJVINGEN:
        raise ValueError(f"Hooguit {MAX_INSCHRIJVINGEN} inschrijvingen per aanbesteding.")
    vorige = {b["aanbieder"]: b for b in a.inschrijvingen}
    nieuw = []
    for b in biedingen:
        bod = {"aanbieder": b["aanbieder"], "prijs": str(b["prijs"]), "scores": dict(b["scores"])}
        oud = vorige.get(bod["aanbieder"])
        gelijk = oud is not None and all(oud.get(k) == bod[k] for k in ("prijs", "scores"))
        nieuw.append({**bod, "beoordeeld_op": oud["beoordeeld_op"] if gelijk else _nu()})
    scoor(methode_uit(a.methode), inschrijvingen_uit({"inschrijvingen": nieuw}))
    a.inschrijvingen = nieuw
    a.gewijzigd_door = door[:150]
    a.save()


def uitslag(a: Aanbesteding) -> tuple[Beoordelingsmethode, list[Inschrijving], list[Uitslag]]:
    """The tender's method, bids and ranking."""
    methode = methode_uit(a.methode)
    biedingen = inschrijvingen_uit({"inschrijvingen": a.inschrijvingen})
    return methode, biedingen, scoor(methode, biedingen)


def vastgesteld_op(a: Aanbesteding) -> datetime:
    return datetime.fromisoformat(a.methode["vastgesteld_op"])


# -- Open House ------------------------------------------------------------------------------
SOORTEN_EIS = ("geschiktheid", "kwaliteit")
#: More aanbieders than this in one admission round is not one a person judges by hand.
MAX_AANBIEDERS = 200


def nieuwe_toelating(
    gebied: str, titel: str, eisen: Sequence[Mapping[str, str]], door: str
) -> Toelating:
    """Store an Open House round with its eisen; ValueError (Dutch) without a title or an
    eis, with a code used twice, or with a soort other than geschiktheid or kwaliteit."""
    titel = titel.strip()[:200]
    if not titel:
        raise ValueError("Geef de toelating een titel.")
    if not eisen:
        raise ValueError("Een toelating zonder eisen laat iedereen toe: geef ten minste één eis.")
    codes = [e["code"] for e in eisen]
    if len(set(codes)) != len(codes):
        raise ValueError("Elke eis heeft een eigen code.")
    if any(e["soort"] not in SOORTEN_EIS for e in eisen):
        raise ValueError("Een eis is een geschiktheidseis of een kwaliteitseis.")
    schoon = [
        {"code": e["code"], "soort": e["soort"], "omschrijving": e.get("omschrijving", "")}
        for e in eisen
    ]
    return Toelating.objects.create(
        gebied=gebied, titel=titel, eisen=schoon, gewijzigd_door=door[:150]
    )


def bewaar_oordelen(
    t: Toelating, beoordelingen: Mapping[str, Mapping[str, Mapping[str, Any]]], door: str
) -> None:
    """Store per aanbieder per eis whether it is met and the evidence note."""
    if len(beoordelingen) > MAX_AANBIEDERS:
        raise ValueError(f"Hooguit {MAX_AANBIEDERS} aanbieders per toelating.")
    codes = {e["code"] for e in t.eisen}
    t.beoordelingen = {
        aanbieder: {
            code: {"voldaan": bool(o.get("voldaan")), "toelichting": str(o.get("toelichting", ""))}
            for code, o in oordelen.items()
            if code in codes
        }
        for aanbieder, oordelen in beoordelingen.items()
    }
    t.gewijzigd_door = door[:150]
    t.save()


def toelatingsuitslag(t: Toelating) -> list[dict[str, Any]]:
    """Per aanbieder admitted or not, with the unmet eisen and their notes."""
    eisen = [Eis(e["code"], e["soort"], e["omschrijving"]) for e in t.eisen]
    oordelen = {
        aanbieder: {
            code: (bool(o["voldaan"]), str(o["toelichting"])) for code, o in per_eis.items()
        }
        for aanbieder, per_eis in t.beoordelingen.items()
    }
    return toelating(eisen, oordelen)
