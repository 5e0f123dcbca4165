"""Generic bar and line charts of the planning pages (scenario comparison, commitment
monitor) as Vega-Lite specs, rendered by the locally served vega-embed (data inline, so
nothing is fetched). The charts of the analysis reports are not made here: they come from
the report registry (:mod:`passend.analysis.grafieken` through :mod:`passend.web.weergave`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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
        spec["encoding"]["color"] = {
            "field": kleur,
            "type": "nominal",
            "title": kleur_titel,
            "sort": None,
        }
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
