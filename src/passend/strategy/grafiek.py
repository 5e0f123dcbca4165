"""Scenario charts, rendered offline: Altair specs, turned into SVG/PNG by vl-convert (which
bundles the Vega engine, so nothing is fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from passend.analysis.weergave import FONT, LOCALE_NL, als_png, als_svg
from passend.strategy.budget import Budget
from passend.strategy.scenario import ScenarioResultaat

__all__ = ["als_png", "als_svg", "domein_grafiek", "scenario_grafiek", "waaier_grafiek"]

_DOMEINNAAM = {"jeugd": "Jeugd", "wmo": "Wmo", "totaal": "Totaal"}


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
    return (band + lijn).properties(width=460, height=230).configure(font=FONT, locale=LOCALE_NL)


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
        .configure(font=FONT, locale=LOCALE_NL)
    )


def _eenheid(r: ScenarioResultaat) -> tuple[float, str]:
    """Millions for a region; thousands for a small area, whose millions would read 0,00."""
    grootste = max((rij["p95"] for rij in r.waaier()), default=0.0)
    return (1e6, "€ mln") if grootste >= 1e6 else (1e3, "€ duizend")


def waaierdata(r: ScenarioResultaat, budget: Budget | None = None) -> list[dict[str, Any]]:
    """Per year and domein the payment bands of `r` in the unit of :func:`_eenheid`, with the
    budget if any."""
    deler, _ = _eenheid(r)
    rijen = []
    for rij in r.waaier():
        bedrag = budget.voor(rij["jaar"], rij["domein"]) if budget else None
        rijen.append(
            {
                "jaar": str(rij["jaar"]),
                "domein": _DOMEINNAAM[rij["domein"]],
                **{f"p{q}": rij[f"p{q}"] / deler for q in (5, 25, 50, 75, 95)},
                "budget": None if bedrag is None else bedrag / deler,
            }
        )
    return rijen


def waaier_grafiek(r: ScenarioResultaat, budget: Budget | None = None) -> alt.FacetChart:
    """Fan chart per domein: what the gemeente pays per year (P5-P95 light, P25-P75 dark,
    P50 line) and the entered budget as a red tick."""
    data = alt.Data(values=waaierdata(r, budget))
    x = alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0))
    deler, eenheid = _eenheid(r)
    y = alt.Y(
        "p5:Q",
        title=f"Betaling ({eenheid})",
        scale=alt.Scale(zero=False),
        axis=alt.Axis(format=",.1f" if deler == 1e6 else ",.0f"),
    )
    buiten = alt.Chart().mark_area(opacity=0.18, color="#1f5f99").encode(x=x, y=y, y2="p95:Q")
    binnen = alt.Chart().mark_area(opacity=0.35, color="#1f5f99").encode(x=x, y="p25:Q", y2="p75:Q")
    lijn = alt.Chart().mark_line(point=True, color="#0b3c68").encode(x=x, y="p50:Q")
    lagen = [buiten, binnen, lijn]
    if budget is not None:
        lagen.append(
            alt.Chart()
            .mark_tick(color="#b2182b", thickness=3, size=26)
            .encode(x=x, y="budget:Q")
            .transform_filter("isValid(datum.budget)")
        )
    return (
        alt.layer(*lagen, data=data)
        .properties(width=190, height=170)
        .facet(column=alt.Column("domein:N", title=None, sort=["Jeugd", "Wmo", "Totaal"]))
        .resolve_scale(y="independent")
        .properties(
            title=alt.TitleParams(
                f"Wat de gemeente per jaar betaalt, {r.naam}",
                subtitle="Lijn: P50 · donker: P25–P75 · licht: P5–P95"
                + (" · rood streepje: budget" if budget is not None else ""),
                anchor="start",
            )
        )
        .configure(font=FONT, locale=LOCALE_NL)
    )
