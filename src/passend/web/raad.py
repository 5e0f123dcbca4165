"""The raadsrapportage on a web page: its tables as web tables (labels from the column
catalogue, codes as names; the monitor's target and actual in the unit of their row)."""

from __future__ import annotations

from typing import Any

from passend.analysis.uitvoer import json_gereed
from passend.domain import opmaak
from passend.monitoring.raadsrapportage import Raadsrapportage, monitorsoort, tabeltitel
from passend.web.models import GepubliceerdRapport
from passend.web.tabellen import Tabel, tabel_als_dict
from passend.web.weergave import taal, tabel


def _monitorrij(rij: dict[str, Any], t: str) -> dict[str, Any]:
    soort = monitorsoort(rij.get("eenheid"))
    return {**rij, **{k: opmaak.cel(rij.get(k), soort, t) for k in ("doel", "werkelijk")}}


def raadstabellen(document: Raadsrapportage) -> list[Tabel]:
    """Every table of the document, in its order, titled 'section — table', in the active
    language (the figures are frozen; only the words change)."""
    t = taal()
    uit = []
    for sectie in document.secties:
        for naam, titel, kolommen, rijen in sectie.tabellen:
            lijst = [_monitorrij(r, t) if naam == "commitmentmonitor" else r for r in rijen]
            uit.append(
                tabel(
                    "raadsrapportage",
                    naam,
                    lijst,
                    kolommen,
                    titel=f"{sectie.kop(t)} — {tabeltitel(titel, t)}",
                    bijschrift=sectie.uitleg(t),
                )
            )
    return uit


def publiceer(
    document: Raadsrapportage, gebied: str, gemeenten: list[str], door: str
) -> GepubliceerdRapport:
    """Store the document frozen as a published report of the gemeenten it covers (the
    web page and the demo both publish through here)."""
    return GepubliceerdRapport.objects.create(
        titel=document.titel[:200],
        soort="raadsrapportage",
        parameters={"gebied": gebied, "jaar": document.jaar, "cohort": document.cohort},
        gemeenten=gemeenten,
        inhoud={
            "raadsrapportage": json_gereed(document.als_json()),
            "tabellen": [tabel_als_dict(t) for t in raadstabellen(document)],
        },
        gepubliceerd_door=door,
    )
