"""The care landscape's charts, rendered offline (Altair specs; SVG/PNG by vl-convert):

* :func:`kaart`: a map-like chart of one segment: gemeenten as circles sized by their demand,
  aanbieders as squares (contracted or not), and a line for every flow of clients from a
  gemeente to a contracted aanbieder, in a Mercator projection of the coordinates;
* :func:`afwegingscurve`: the trade-off of the number of aanbieders against the lowest cost
  at that number (:func:`passend.contracting.landschap.afweging`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from passend.analysis.weergave import FONT, LOCALE_EN, LOCALE_NL

_TEKST = {
    "nl": {
        "kaart": "Zorglandschap: gemeenten, aanbieders en de cliëntstromen",
        "curve": "Afweging: aantal aanbieders tegen kosten",
        "gemeente": "Gemeente",
        "aanbieder": "Aanbieder",
        "vraag": "Verwachte vraag (cliënten)",
        "clienten": "Cliënten",
        "capaciteit": "Capaciteit (cliënten)",
        "status": "Status",
        "gekozen": "gecontracteerd",
        "niet": "niet gecontracteerd",
        "aantal": "Aantal aanbieders",
        "kosten": "Laagste kosten (€)",
        "punt": "Punt",
        "curvepunt": "afwegingscurve",
        "uitkomst": "gekozen landschap",
    },
    "en": {
        "kaart": "Care landscape: municipalities, providers and client flows",
        "curve": "Trade-off: number of providers against cost",
        "gemeente": "Municipality",
        "aanbieder": "Provider",
        "vraag": "Expected demand (clients)",
        "clienten": "Clients",
        "capaciteit": "Capacity (clients)",
        "status": "Status",
        "gekozen": "contracted",
        "niet": "not contracted",
        "aantal": "Number of providers",
        "kosten": "Lowest cost (€)",
        "punt": "Point",
        "curvepunt": "trade-off curve",
        "uitkomst": "chosen landscape",
    },
}


def _t(taal: str) -> dict[str, str]:
    return _TEKST["en" if taal == "en" else "nl"]


def _stijl(grafiek: alt.LayerChart, taal: str) -> alt.LayerChart:
    locale = LOCALE_EN if taal == "en" else LOCALE_NL
    gestyled: alt.LayerChart = grafiek.configure(font=FONT, locale=locale).configure_view(
        stroke=None
    )
    return gestyled


def kaart(
    invoer: Mapping[str, Any], uitkomst: Mapping[str, Any], taal: str = "nl"
) -> alt.LayerChart:
    """The map of one run: `invoer` as :meth:`Landschapsinvoer.als_dict` gives it, `uitkomst`
    as :meth:`Landschap.als_dict`."""
    t = _t(taal)
    gekozen = set(uitkomst.get("gekozen", []))
    gemeenten = {g["code"]: g for g in invoer["gemeenten"]}
    aanbieders = {k["code"]: k for k in invoer["kandidaten"]}
    stromen = [
        {
            "lon": gemeenten[s["gemeente"]]["lon"],
            "lat": gemeenten[s["gemeente"]]["lat"],
            "lon2": aanbieders[s["aanbieder"]]["lon"],
            "lat2": aanbieders[s["aanbieder"]]["lat"],
            "clienten": round(float(s["clienten"]), 1),
            "gemeente": gemeenten[s["gemeente"]]["naam"],
            "aanbieder": aanbieders[s["aanbieder"]]["naam"],
        }
        for s in uitkomst.get("toewijzing", [])
        if s["gemeente"] in gemeenten and s["aanbieder"] in aanbieders
    ]
    punten_g = [
        {"lon": g["lon"], "lat": g["lat"], "naam": g["naam"], "vraag": round(g["vraag"], 1)}
        for g in invoer["gemeenten"]
    ]
    punten_a = [
        {
            "lon": k["lon"],
            "lat": k["lat"],
            "naam": k["naam"],
            "capaciteit": k["capaciteit"],
            "status": t["gekozen"] if k["code"] in gekozen else t["niet"],
        }
        for k in invoer["kandidaten"]
    ]
    lijnen = (
        alt.Chart(alt.Data(values=stromen))
        .mark_rule(color="#5b8fb9", opacity=0.55)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            longitude2="lon2:Q",
            latitude2="lat2:Q",
            strokeWidth=alt.StrokeWidth("clienten:Q", legend=None, scale=alt.Scale(range=[1, 6])),
            tooltip=[
                alt.Tooltip("gemeente:N", title=t["gemeente"]),
                alt.Tooltip("aanbieder:N", title=t["aanbieder"]),
                alt.Tooltip("clienten:Q", title=t["clienten"], format=",.1f"),
            ],
        )
    )
    cirkels = (
        alt.Chart(alt.Data(values=punten_g))
        .mark_circle(color="#1f4e79", opacity=0.8)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("vraag:Q", title=t["vraag"], scale=alt.Scale(range=[40, 900])),
            tooltip=[
                alt.Tooltip("naam:N", title=t["gemeente"]),
                alt.Tooltip("vraag:Q", title=t["vraag"], format=",.1f"),
            ],
        )
    )
    namen = (
        alt.Chart(alt.Data(values=punten_g))
        .mark_text(dy=-12, fontSize=11, color="#222222")
        .encode(longitude="lon:Q", latitude="lat:Q", text="naam:N")
    )
    vierkanten = (
        alt.Chart(alt.Data(values=punten_a))
        .mark_square(size=90, stroke="#ffffff", strokeWidth=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color(
                "status:N",
                title=t["status"],
                scale=alt.Scale(domain=[t["gekozen"], t["niet"]], range=["#c0392b", "#b0b0b0"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("naam:N", title=t["aanbieder"]),
                alt.Tooltip("status:N", title=t["status"]),
                alt.Tooltip("capaciteit:Q", title=t["capaciteit"], format=",.0f"),
            ],
        )
    )
    grafiek = alt.LayerChart(
        layer=[lijnen, cirkels, vierkanten, namen],
        projection=alt.Projection(type="mercator"),
        width=560,
        height=380,
        title=t["kaart"],
    )
    return _stijl(grafiek, taal)


def afwegingscurve(
    curve: Sequence[Mapping[str, Any]],
    uitkomst: Mapping[str, Any] | None = None,
    taal: str = "nl",
) -> alt.LayerChart:
    """The lowest cost per number of aanbieders, with the chosen landscape marked."""
    t = _t(taal)
    punten = [
        {"aantal": int(p["aantal"]), "kosten": round(float(p["kosten"])), "punt": t["curvepunt"]}
        for p in curve
    ]
    if uitkomst and uitkomst.get("status") != "onhaalbaar":
        punten.append(
            {
                "aantal": int(uitkomst["aantal"]),
                "kosten": round(float(uitkomst["kosten"])),
                "punt": t["uitkomst"],
            }
        )
    basis = alt.Chart(alt.Data(values=punten)).encode(
        x=alt.X("aantal:Q", title=t["aantal"], axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(
            "kosten:Q",
            title=t["kosten"],
            scale=alt.Scale(zero=False),
            axis=alt.Axis(format=",.0f"),
        ),
        tooltip=[
            alt.Tooltip("aantal:Q", title=t["aantal"]),
            alt.Tooltip("kosten:Q", title=t["kosten"], format=",.0f"),
        ],
    )
    lijn = basis.transform_filter(alt.datum.punt == t["curvepunt"]).mark_line(
        point=True, color="#1f4e79"
    )
    gekozen = basis.transform_filter(alt.datum.punt == t["uitkomst"]).mark_point(
        shape="diamond", size=160, filled=True, color="#c0392b"
    )
    grafiek = (lijn + gekozen).properties(width=460, height=240, title=t["curve"])
    return _stijl(grafiek, taal)
