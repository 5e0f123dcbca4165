"""Shared chart plumbing: house style and offline rendering of Altair / Vega-Lite specs.

vl-convert bundles the Vega engine, so rendering fetches nothing; external data URLs are
refused outright (``allowed_base_urls=[]``), since every chart carries its data inline.
"""

from __future__ import annotations

from typing import Any

import altair as alt

FONT = "DejaVu Sans"
#: Rijkshuisstijl-like palette, the same as the web charts.
KLEUREN = ["#154273", "#39870c", "#e17000", "#8fcae7", "#a90061", "#ffb612", "#42145f", "#777c00"]
GRIJS = "#6f6f6f"
#: Suppressed parts (a lighter grey than the node rectangles).
ONDERDRUKT_KLEUR = "#c8c8c8"
#: Dutch number formatting (1.234,5 and € 1.234) inside the spec, so it holds in any renderer.
LOCALE_NL = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}}
#: English number formatting (1,234.5 and €1,234), for charts in an English document.
LOCALE_EN = {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}}


def _spec(grafiek: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    return grafiek if isinstance(grafiek, dict) else grafiek.to_dict()


def als_svg(grafiek: alt.TopLevelMixin | dict[str, Any]) -> str:
    """The chart as SVG text (rendered offline)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_spec(grafiek), allowed_base_urls=[])


def als_png(grafiek: alt.TopLevelMixin | dict[str, Any], schaal: float = 2.0) -> bytes:
    """The chart as PNG bytes (rendered offline, `schaal` times the nominal size)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(_spec(grafiek), scale=schaal, allowed_base_urls=[])
