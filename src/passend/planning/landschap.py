"""The care landscape of an area (issue 13 § 4): the one place that turns an area key and a
segment into the MILP's input from the data (:mod:`passend.contracting.landschapsdata`),
solves it, and stores the run. The web page, ``passend landschap bereken`` and the demo call
:func:`bereken_en_bewaar`, so they cannot compute it differently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb

from passend.analysis.sql import rijen
from passend.contracten.models import Landschapsrun
from passend.contracting.landschap import Landschapseisen
from passend.contracting.landschapsdata import (
    bereken,
    landschapsinvoer,
    met_capaciteit,
    prognosefactor,
)
from passend.planning.gebieden import gebied_uit_sleutel, gemeenten_van_sleutel
from passend.reference.liggingen import aanbiederliggingen, gemeenteliggingen
from passend.reference.models import Gemeente

#: Maximum distance (km, as the crow flies) a user starts from: a local segment short, a
#: regional one longer (seed 004: 4A lokaal, 4B regionaal).
STANDAARD_AFSTAND_KM = {"lokaal": 25.0, "regionaal": 40.0}


#: Room for the providers to grow beyond their proven capacity, as a user starts.
STANDAARD_GROEIRUIMTE = 0.1


def standaard_afstand(segmentnaam: str) -> float:
    return STANDAARD_AFSTAND_KM["lokaal" if "lokaal" in segmentnaam.lower() else "regionaal"]


def standaard_eisen(segmentnaam: str, tijdslimiet_s: float = 60.0) -> Landschapseisen:
    """The constraints a region starts from (the page's form, the demo): the segment's
    distance, two aanbieders within reach of every gemeente (keuzevrijheid), none above 40%
    of the demand (continuïteit), € 5,000 per contract."""
    return Landschapseisen(
        max_afstand_km=standaard_afstand(segmentnaam),
        min_per_gemeente=2,
        max_aandeel=0.4,
        vaste_kosten=5000.0,
        tijdslimiet_s=tijdslimiet_s,
    )


def _gemeenten(con: duckdb.DuckDBPyConnection, sleutel: str) -> list[tuple[str, str]]:
    codes = gemeenten_van_sleutel(sleutel)
    if codes is None:  # every gemeente: those in the data
        codes = [r["gemeente"] for r in rijen(con, "SELECT DISTINCT gemeente FROM prestatie")]
    namen = dict(Gemeente.objects.filter(code__in=codes).values_list("code", "naam"))
    return [(code, namen.get(code, code)) for code in sorted(codes)]


def bereken_en_bewaar(
    con: duckdb.DuckDBPyConnection,
    sleutel: str,
    segment: str,
    eisen: Landschapseisen,
    *,
    doeljaar: int | None = None,
    groeiruimte: float = 0.0,
    capaciteiten: Mapping[str, float] | None = None,
    door: str = "",
    bewaar: bool = True,
    tijdsbudget_s: float | None = None,
) -> dict[str, Any]:
    """The landscape of `segment` in the area `sleutel` (a gemeente code, a jeugdregio name,
    '' for all): demand from the forecast for `doeljaar`, capacity from the history (× 1 +
    `groeiruimte`, or by hand), distances from the locations; solved and (with `bewaar`)
    stored as the area's run for the segment. ValueError (Dutch) when it cannot be set up."""
    gebied = gebied_uit_sleutel(sleutel)
    if segment not in {s.code for s in gebied.segmentatie.segmenten}:
        raise ValueError(f"Segment {segment} staat niet in het segmentmodel van dit gebied.")
    prognose = prognosefactor(con, gebied, segment, doeljaar)
    invoer = landschapsinvoer(
        con,
        gebied,
        segment,
        gemeenten=_gemeenten(con, sleutel),
        liggingen=gemeenteliggingen(),
        aanbiederliggingen=aanbiederliggingen(),
        basisjaar=prognose.basisjaar,
        doeljaar=prognose.doeljaar,
        factor=prognose.factor,
        toelichting=prognose.toelichting,
    )
    resultaat = bereken(
        met_capaciteit(invoer, groeiruimte, capaciteiten), eisen, tijdsbudget_s=tijdsbudget_s
    )
    resultaat["gebied"] = sleutel
    resultaat["segmentnaam"] = gebied.segmentatie.segment(segment).naam
    resultaat["groeiruimte"] = groeiruimte
    resultaat["handmatige_capaciteit"] = dict(capaciteiten or {})
    if bewaar:
        Landschapsrun.objects.update_or_create(
            gebied=sleutel,
            segment=segment,
            defaults={"resultaat": resultaat, "gewijzigd_door": door[:150]},
        )
    return resultaat


def run_van(sleutel: str, segment: str) -> Landschapsrun | None:
    return Landschapsrun.objects.filter(gebied=sleutel, segment=segment).first()


def runs_van(sleutel: str) -> list[Landschapsrun]:
    return list(Landschapsrun.objects.filter(gebied=sleutel))
