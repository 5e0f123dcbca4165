"""Vega-Lite specifications for the analysis pages (rendered by the locally served
vega-embed; data inline, so nothing is fetched). Suppressed cells are left out of charts:
the table next to each chart shows them as "<5" or "x"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.formats import number_format

KLEUREN = ["#154273", "#39870c", "#e17000", "#8fcae7", "#a90061", "#ffb612", "#42145f", "#777c00"]


def _basis(id_: str, titel: str, beschrijving: str, waarden: list[dict[str, Any]]) -> dict:
    return {
        "description": beschrijving,
        "width": "container",
        "height": 260,
        "data": {"values": waarden},
        "config": {
            "font": "Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif",
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1b1b1b"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "range": {"category": KLEUREN},
            "view": {"stroke": None},
        },
    }


def _grafiek(id_: str, titel: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"id": id_, "titel": titel, "spec": spec}


def _stappen(spec: dict[str, Any], stap: int) -> None:
    """A chart as wide as its container and as high as its number of categories."""
    spec["height"] = {"step": stap}
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}


def _getal(waarde: Any) -> bool:
    return isinstance(waarde, (int, float)) and not isinstance(waarde, bool)


def staven(
    id_: str,
    titel: str,
    rijen: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    x_titel: str,
    y_titel: str,
    kleur: str | None = None,
    kleur_titel: str = "",
    horizontaal: bool = False,
    y_formaat: str = ",d",
    gestapeld: bool | str = True,
) -> dict[str, Any]:
    """A (stacked or grouped) bar chart; rows whose value is suppressed are dropped."""
    waarden = [dict(r) for r in rijen if _getal(r.get(y))]
    cat = {"field": x, "type": "nominal", "title": x_titel, "sort": None}
    as_ = {"format": y_formaat, **({"tickMinStep": 1} if y_formaat == ",d" else {})}
    num = {"field": y, "type": "quantitative", "title": y_titel, "axis": as_}
    if gestapeld == "normalize":
        num["stack"] = "normalize"
        num["axis"] = {"format": "%"}
    elif not gestapeld:
        num["stack"] = None
    spec = _basis(id_, titel, titel, waarden)
    spec["mark"] = {"type": "bar", "tooltip": True, "color": KLEUREN[0]}
    spec["encoding"] = {"y": cat, "x": num} if horizontaal else {"x": cat, "y": num}
    if kleur:
        spec["encoding"]["color"] = {"field": kleur, "type": "nominal", "title": kleur_titel,
                                     "sort": None}
        if not gestapeld:
            spec["encoding"]["xOffset" if not horizontaal else "yOffset"] = {"field": kleur}
    spec["encoding"]["tooltip"] = [
        {"field": x, "title": x_titel},
        *([{"field": kleur, "title": kleur_titel}] if kleur else []),
        {"field": y, "title": y_titel, "format": y_formaat if gestapeld != "normalize" else ",d"},
    ]
    if horizontaal:
        _stappen(spec, 26)
    return _grafiek(id_, titel, spec)


def lijn(
    id_: str,
    titel: str,
    rijen: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    kleur: str,
    x_titel: str,
    y_titel: str,
    kleur_titel: str,
    y_formaat: str = ",d",
) -> dict[str, Any]:
    waarden = [dict(r) for r in rijen if _getal(r.get(y))]
    spec = _basis(id_, titel, titel, waarden)
    spec["mark"] = {"type": "line", "point": True, "tooltip": True}
    spec["encoding"] = {
        "x": {"field": x, "type": "ordinal", "title": x_titel},
        "y": {"field": y, "type": "quantitative", "title": y_titel, "axis": {"format": y_formaat}},
        "color": {"field": kleur, "type": "nominal", "title": kleur_titel},
        "tooltip": [
            {"field": x, "title": x_titel},
            {"field": kleur, "title": kleur_titel},
            {"field": y, "title": y_titel, "format": y_formaat},
        ],
    }
    return _grafiek(id_, titel, spec)


def _som(waarden: Sequence[Any]) -> Any:
    """The total of published counts; None when any is suppressed (it is not drawn then)."""
    return sum(waarden) if all(_getal(w) for w in waarden) else None


def _aantal_tekst(waarde: Any) -> str:
    if not _getal(waarde):
        return str(waarde)
    return number_format(waarde, decimal_pos=0, force_grouping=True)


def stroom(
    id_: str,
    titel: str,
    rijen: Sequence[Mapping[str, Any]],
    *,
    van_titel: str,
    naar_titel: str,
    uitkomsten: Sequence[str],
) -> dict[str, Any]:
    """Flow from the situation at 17 to the outcome at 18: the Sankey-like chart of the
    analysis package (:func:`passend.analysis.grafieken.sankey`), from rows that may already
    be suppressed ("<5"/"x" cells are not drawn)."""
    from passend.analysis.grafieken import sankey

    cellen: dict[str, dict[str, Any]] = {}
    for r in rijen:
        cellen.setdefault(r["van_naam"], {})[r["naar_naam"]] = r.get("aantal")
    knopen = [{"naam": van, **c, "totaal": _som([c.get(u, 0) for u in uitkomsten])}
              for van, c in cellen.items()]  # fmt: skip
    knopen = [k for k in knopen if k["totaal"] != 0]
    totaalrij = {u: _som([k.get(u, 0) for k in knopen]) for u in uitkomsten}
    totaalrij["totaal"] = _som(list(totaalrij.values()))
    grafiek = sankey(knopen, totaalrij, uitkomsten={u: u for u in uitkomsten},
                     tekst=_aantal_tekst, breedte=320)  # fmt: skip
    spec = grafiek.to_dict()
    spec.pop("$schema", None)  # a URL the page never fetches; the CSP test forbids any
    basis = _basis(id_, titel, f"{titel}: {van_titel} → {naar_titel}", [])
    spec.update(description=basis["description"], config=basis["config"])
    return _grafiek(id_, titel, spec)


def punten_met_regio(
    id_: str, titel: str, rijen: Sequence[Mapping[str, Any]], *, y_titel: str
) -> dict[str, Any]:
    """Benchmark: each gemeente's value as a bar, the region's pooled value as a rule."""
    waarden = [dict(r) for r in rijen if _getal(r.get("waarde"))]
    spec = _basis(id_, titel, titel, waarden)
    _stappen(spec, 24)
    balk = {
        "mark": {"type": "bar", "tooltip": True, "color": KLEUREN[0]},
        "encoding": {
            "y": {"field": "naam", "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": "waarde", "type": "quantitative", "title": y_titel},
            "tooltip": [{"field": "naam"}, {"field": "waarde", "format": ",.2f"},
                        {"field": "regio_waarde", "format": ",.2f"}],
        },
    }
    regel = {
        "mark": {"type": "rule", "color": KLEUREN[2], "strokeWidth": 2, "strokeDash": [6, 3]},
        "encoding": {"x": {"aggregate": "max", "field": "regio_waarde"}},
    }
    spec["layer"] = [balk, regel]
    return _grafiek(id_, titel, spec)
