"""Scenario charts, rendered offline: Altair specs, turned into SVG/PNG by vl-convert (which
bundles the Vega engine, so nothing is fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from passend.analysis.weergave import FONT, als_png, als_svg
from passend.strategy.scenario import ScenarioResultaat

__all__ = ["als_png", "als_svg", "domein_grafiek", "scenario_grafiek"]


def _reeks(resultaten: Sequence[ScenarioResultaat]) -> list[dict[str, Any]]:
    rijen = []
    for r in resultaten:
        kosten = r.domeinen["totaal"]["kosten"]
        for t, jaar in enumerate(r.jaren):
            rijen.append(
                {
                    "scenario": r.naam,
                    "jaar": str(jaar),
                    "p5": kosten[r.p(5), t] / 1e6,
                    "p50": kosten[r.p(50), t] / 1e6,
                    "p95": kosten[r.p(95), t] / 1e6,
                }
            )
    return rijen


def scenario_grafiek(resultaten: Sequence[ScenarioResultaat]) -> alt.LayerChart:
    """Total cost per year (P50 line, P5-P95 band) per scenario, in € million."""
    data = alt.Data(values=_reeks(resultaten))
    basis = alt.Chart(data).encode(
        x=alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0)),
        color=alt.Color(
            "scenario:N", title="Scenario", legend=alt.Legend(orient="bottom", columns=2)
        ),
    )
    band = basis.mark_area(opacity=0.15).encode(
        y=alt.Y("p5:Q", title="Zorgkosten (€ mln, P50 met P5-P95)", scale=alt.Scale(zero=False)),
        y2="p95:Q",
    )
    lijn = basis.mark_line(point=True, strokeWidth=2).encode(y="p50:Q")
    return (band + lijn).properties(width=460, height=230).configure(font=FONT)


def domein_grafiek(resultaten: Sequence[ScenarioResultaat]) -> alt.Chart:
    """Cost over the whole horizon per scenario, split in Jeugd and Wmo (P50, € million)."""
    rijen = []
    for r in resultaten:
        for domein, naam in (("jeugd", "Jeugd"), ("wmo", "Wmo")):
            som = r.per_run[f"kosten_{domein}"].sum(axis=1)
            rijen.append(
                {
                    "scenario": r.naam,
                    "domein": naam,
                    "kosten": float(sorted(som)[len(som) // 2]) / 1e6,
                }
            )
    return (
        alt.Chart(alt.Data(values=rijen))
        .mark_bar()
        .encode(
            y=alt.Y("scenario:N", title=None, sort=None),
            x=alt.X("kosten:Q", title="Zorgkosten over de hele periode (€ mln, P50)"),
            color=alt.Color("domein:N", title="Domein", legend=alt.Legend(orient="bottom")),
        )
        .properties(width=420, height=max(60, 28 * len(resultaten)))
        .configure(font=FONT)
    )
