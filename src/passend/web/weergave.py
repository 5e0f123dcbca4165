"""Report tables and charts as the web shows them: a thin renderer over the registry.

Every figure on an analysis page, in its CSV/Excel download, in the API and in a published
raad report comes from :func:`passend.analysis.rapport.rapport` (through the cache in
:mod:`passend.web.analysedata`); public output has passed
:func:`passend.analysis.openbaar.openbaar_rapport` there. This module only chooses columns,
puts the catalogue's labels on them (:mod:`passend.analysis.kolommen`, Dutch or English) and
shows codes by their names. It never changes a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import get_language

from passend.analysis.grafieken import grafieken
from passend.analysis.kolommen import codecel, kolom
from passend.web.tabellen import Kolom, Tabel

#: Catalogue kinds as the web tables format them.
_SOORT = {
    "aantal": "geheel",
    "geheel": "geheel",
    "index": "geheel",
    "jaar": "jaartal",
    "eurocent": "bedrag",
    "tarief": "tarief",
    "euro": "euro",
    "aandeel": "procent",
    "dagen": "dagen",
    "datum": "datum",
    "getal": "getal",
    "janee": "tekst",
    "lijst": "tekst",
    "tekst": "tekst",
}


def taal() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def als_rijen(inhoud: Any) -> list[Mapping[str, Any]]:
    """A report table as rows: a list of dicts, or one dict (a summary) as one row."""
    if isinstance(inhoud, Mapping):
        return [inhoud]
    return list(inhoud or [])


def _toon(sleutel: str, waarde: Any, t: str) -> Any:
    if isinstance(waarde, str):
        return codecel(sleutel, waarde, t)
    if isinstance(waarde, list | tuple):
        return ", ".join(str(w) for w in waarde)
    if isinstance(waarde, bool):
        return ("yes" if waarde else "no") if t == "en" else ("ja" if waarde else "nee")
    return waarde


def tabel(
    rapport: str,
    naam: str,
    inhoud: Any,
    kolommen: Sequence[str],
    *,
    titel: str,
    bijschrift: str = "",
    filter_: Callable[[Mapping[str, Any]], bool] | None = None,
    id_: str | None = None,
    koppelingen: Mapping[str, str] | None = None,
) -> Tabel:
    """Web table of report table `naam`: the rows that pass `filter_`, columns `kolommen`.

    The download of this table (CSV, Excel) holds the same rows with every column of the
    report table (see :func:`passend.web.tabellen.export_response`).
    """
    t = taal()
    rijen = [r for r in als_rijen(inhoud) if filter_ is None or filter_(r)]
    getoond = [{k: _toon(k, r.get(k), t) for k in kolommen} for r in rijen]
    definities = [kolom(k, naam) for k in kolommen]
    return Tabel(
        id=id_ or naam.replace("_", "-"),
        titel=titel,
        kolommen=[Kolom(d.sleutel, d.label(t), _SOORT[d.soort]) for d in definities],
        rijen=getoond,
        bijschrift=bijschrift,
        koppelingen=dict(koppelingen or {}),
        bron=(rapport, naam, rijen),
    )


def webgrafieken(
    rapport: str, tabellen: Mapping[str, Any], *, openbaar: bool, alleen: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """The report's charts (:func:`passend.analysis.grafieken.grafieken`) as Vega-Lite specs
    for the page, drawn from the same (suppressed) tables."""
    gekozen = set(alleen)
    uit = []
    for naam, grafiek in grafieken(rapport, tabellen, openbaar=openbaar).items():
        if gekozen and naam not in gekozen:
            continue
        uit.append(webgrafiek(naam.replace("_", "-"), grafiek))
    return uit


def webgrafiek(id_: str, grafiek: Any) -> dict[str, Any]:
    """One Altair chart as the page embeds it: its Vega-Lite spec without the external
    schema URL (CSP, offline), with its title for the caption."""
    spec = grafiek.to_dict()
    spec.pop("$schema", None)
    titel = spec.get("title", {})
    tekst = titel.get("text", "") if isinstance(titel, dict) else str(titel)
    return {"id": id_, "titel": tekst, "spec": spec}
