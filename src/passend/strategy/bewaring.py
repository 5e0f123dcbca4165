"""A scenario result as bytes and back, so a stored run is shown, compared and printed
without being run again: the web page, the comparison and the raad document then show the
same figures.

The form is a numpy ``.npz`` archive (compressed): every array of
:class:`~passend.strategy.scenario.ScenarioResultaat`, the per-run totals included, plus one
JSON member with the scalars. It is read with ``allow_pickle=False``, so a stored blob can
only ever yield arrays and JSON.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import Any

import numpy as np

from passend.strategy.scenario import Hefbomen, ScenarioResultaat, SegmentInfo

_ARRAYS = (
    "clienten",
    "clienten_band",
    "kosten",
    "betaling",
    "resultaat_aanbieder",
    "overschrijding",
    "begroting",
    "kans_overschrijding",
)
#: Bumped when the layout changes; an older blob is refused (the user runs the scenario again).
VERSIE = 1


def inpakken(r: ScenarioResultaat) -> bytes:
    """`r` as compressed bytes (about 100-300 kB for a region at 2,000 runs)."""
    meta: dict[str, Any] = {
        "versie": VERSIE,
        "naam": r.naam,
        "omschrijving": r.omschrijving,
        "hefbomen": r.hefbomen.als_dict(),
        "basisjaar": r.basisjaar,
        "jaren": list(r.jaren),
        "segmenten": [asdict(s) for s in r.segmenten],
        "gebieden": list(r.gebieden),
        "runs": r.runs,
        "seed": r.seed,
        "percentielen": list(r.percentielen),
        "bekostiging": r.bekostiging,
        "domeinen": {d: sorted(reeks) for d, reeks in r.domeinen.items()},
        "per_run": sorted(r.per_run),
    }
    arrays = {naam: getattr(r, naam) for naam in _ARRAYS}
    for d, reeks in r.domeinen.items():
        arrays.update({f"domein__{d}__{k}": v for k, v in reeks.items()})
    arrays.update({f"run__{k}": v for k, v in r.per_run.items()})
    buffer = io.BytesIO()
    tekst = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(buffer, meta=tekst, **arrays)
    return buffer.getvalue()


def uitpakken(data: bytes, berekend_op: str | None = None) -> ScenarioResultaat:
    """The result stored by :func:`inpakken`; ValueError for a blob of another version."""
    with np.load(io.BytesIO(data), allow_pickle=False) as archief:
        meta = json.loads(archief["meta"].tobytes().decode("utf-8"))
        if meta.get("versie") != VERSIE:
            raise ValueError("Dit scenario is met een oudere versie doorgerekend.")
        arrays = {naam: archief[naam] for naam in _ARRAYS}
        domeinen = {
            d: {k: archief[f"domein__{d}__{k}"] for k in soorten}
            for d, soorten in meta["domeinen"].items()
        }
        per_run = {k: archief[f"run__{k}"] for k in meta["per_run"]}
    return ScenarioResultaat(
        naam=meta["naam"],
        omschrijving=meta["omschrijving"],
        hefbomen=Hefbomen.uit_dict(meta["hefbomen"]),
        basisjaar=meta["basisjaar"],
        jaren=tuple(meta["jaren"]),
        segmenten=tuple(SegmentInfo(**s) for s in meta["segmenten"]),
        gebieden=tuple(meta["gebieden"]),
        runs=meta["runs"],
        seed=meta["seed"],
        percentielen=tuple(meta["percentielen"]),
        domeinen=domeinen,
        bekostiging=meta["bekostiging"],
        per_run=per_run,
        berekend_op=berekend_op,
        **arrays,
    )
