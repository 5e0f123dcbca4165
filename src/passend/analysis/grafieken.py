"""Charts of the Step-2 reports as Altair (Vega-Lite) specs; pure: tables in, charts out.

Render them offline with :func:`passend.analysis.weergave.als_svg` / ``als_png``. Every chart
carries its data inline. With ``openbaar`` the charts follow the suppression rules of
:mod:`passend.analysis.privacy`: a count of 1-4 (``"<5"``) or a cell that would give it away
(``"x"``) is never drawn, and the subtitle says so. Tables from ``rapport(...,
openbaar=True)`` arrive suppressed already (:mod:`passend.analysis.openbaar`): they are
drawn as they are, not suppressed a second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import altair as alt

from passend.analysis.kolommen import (
    DOMEINEN,
    MATEN,
    SIGNALEN,
    UITKOMSTEN,
    codenaam,
)
from passend.analysis.privacy import PRIMAIR, SECUNDAIR, onderdruk
from passend.analysis.weergave import (
    FONT,
    GRIJS,
    KLEUREN,
    LOCALE_EN,
    LOCALE_NL,
    ONDERDRUKT_KLEUR,
)
from passend.domain import opmaak
from passend.domain.zrm import SCORES, ZRM_DOMEINEN

Rijen = Sequence[Mapping[str, Any]]
UIT = list(UITKOMSTEN)
OPENBAAR_NOOT = "Kleine aantallen (<5) en wat daaruit is af te leiden (x) zijn niet getekend."
_BREED = 560


def _getal(waarde: Any) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _klein(waarde: Any) -> bool:
    """A count that public output must not show (1-4), or one already suppressed."""
    return waarde in (PRIMAIR, SECUNDAIR) or (_getal(waarde) and 0 < waarde < 5)


def _al_onderdrukt(rijen: Rijen, kolommen: Sequence[str]) -> bool:
    """Whether a table holds suppression symbols already (it is drawn as it is)."""
    return any(r.get(k) in (PRIMAIR, SECUNDAIR) for r in rijen for k in kolommen)


def _som(waarden: Sequence[Any]) -> Any:
    """The sum of published counts; "x" when one of them is hidden."""
    return sum(waarden) if all(_getal(w) for w in waarden) else SECUNDAIR


def _segmentlabel(code: Any, naam: Any) -> str:
    """A segment as a chart shows it: code first ("4A Specialistisch/veel voorkomend,
    lokaal"), so a label cut off at its end still tells 4A from 4B."""
    if naam and str(naam) != str(code):
        return f"{code} {naam}"
    return str(code or naam)


def _tekst(waarde: Any) -> str:
    """A count as Dutch text (1.234), or the suppression symbol."""
    return opmaak.getal(waarde) if _getal(waarde) else str(waarde)


_G = TypeVar("_G", bound=alt.TopLevelMixin)


def _laag(grafiek: alt.LayerChart | alt.FacetChart) -> alt.LayerChart:
    """altair types ``layer().properties()`` as layer or facet; here it is always a layer."""
    assert isinstance(grafiek, alt.LayerChart)
    return grafiek


def _titel(tekst: str, *onder: str) -> alt.TitleParams:
    return alt.TitleParams(
        tekst,
        subtitle=[o for o in onder if o] or alt.Undefined,
        anchor="start",
        fontSize=15,
        subtitleFontSize=11,
        subtitleColor="#444",
    )


def _stijl(grafiek: _G, taal: str = "nl") -> _G:
    locale = LOCALE_EN if taal == "en" else LOCALE_NL
    gestyled: _G = grafiek.configure(font=FONT, locale=locale).configure_view(stroke=None)
    return gestyled


def _laatste_jaar(rijen: Rijen) -> int | None:
    jaren = [r["jaar"] for r in rijen if r.get("jaar") is not None]
    return max(jaren) if jaren else None


# -- transition: a Sankey-like flow ----------------------------------------------------------
def _stroomcellen(
    rijen: Rijen, openbaar: bool, kruistabel: Kruistabel | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Per origin its name, published total and cell per outcome; and the outcome totals.

    In public output the crosstab with its totals is suppressed as one table (the same rule
    as the published tables), so no hidden cell can be worked out from the drawing; cells
    that arrive suppressed are kept. A total with a hidden part is taken from `kruistabel`,
    the published tables of the same cells, so the drawing never hides what the table
    beside it shows (and never shows more).
    """
    volgorde = list(dict.fromkeys(r["van"] for r in rijen))
    namen = {r["van"]: r.get("van_naam") or r["van"] for r in rijen}
    cellen = {(r["van"], r["naar"]): r["aantal"] for r in rijen}
    tabel = [{"van": v, **{u: cellen.get((v, u), 0) for u in UIT}} for v in volgorde]
    if openbaar and not _al_onderdrukt(tabel, UIT):
        tabel = onderdruk(tabel, UIT, totaal_kolom="totaal", totaal_rij="Totaal", label_kolom="van")
    else:
        for rij in tabel:
            rij["totaal"] = _som([rij[u] for u in UIT])
        tabel.append(
            {
                "van": "Totaal",
                **{u: _som([r[u] for r in tabel]) for u in UIT},
                "totaal": _som([r["totaal"] for r in tabel]),
            }
        )
        if kruistabel is not None:
            tabel = [kruistabel.vul_aan(rij) for rij in tabel]
    totaalrij = tabel.pop()
    knopen = [{**rij, "naam": namen[rij["van"]]} for rij in tabel if rij["totaal"] != 0]
    return knopen, totaalrij


@dataclass(frozen=True)
class Kruistabel:
    """The published totals of a flow's crosstab: per origin its cohort (rows of the table per
    zorgvorm or segment, keyed by `sleutel`) and per outcome the cohort's total (the
    summary)."""

    rijen: Rijen
    sleutel: str
    samenvatting: Mapping[str, Any]

    def vul_aan(self, rij: dict[str, Any]) -> dict[str, Any]:
        """`rij` with each hidden total replaced by its published value or symbol."""
        if rij["van"] == "Totaal":
            bron: Mapping[str, Any] = self.samenvatting
        else:
            bron = next((r for r in self.rijen if r.get(self.sleutel) == rij["van"]), {})
        aangevuld = dict(rij)
        for kolom, gepubliceerd in (("totaal", "cohort"), *((u, u) for u in UIT)):
            if not _getal(rij.get(kolom)) and bron.get(gepubliceerd) is not None:
                aangevuld[kolom] = bron[gepubliceerd]
        return aangevuld


def _stapel(hoogtes: list[float], marge: float, minimum: float) -> list[float]:
    """Top of each node when the nodes are stacked with `marge` between them; every node
    takes at least `minimum`, so the labels of small (or hidden) nodes do not overlap."""
    toppen, y = [], 0.0
    for h in hoogtes:
        toppen.append(y)
        y += max(h, minimum) + marge
    return toppen


def _band(
    id_: int, naar: str, links: tuple[float, float], rechts: tuple[float, float], stappen: int = 30
) -> list[dict[str, Any]]:
    """Points of a smooth band from x=0 to x=1 (smoothstep between the two y ranges)."""
    punten = []
    for i in range(stappen + 1):
        t = i / stappen
        s = t * t * (3 - 2 * t)
        punten.append(
            {
                "band": id_,
                "naar": naar,
                "x": t,
                "y": links[0] + s * (rechts[0] - links[0]),
                "y2": links[1] + s * (rechts[1] - links[1]),
            }
        )
    return punten


def _hoogte(totaal: Any, getekend: float) -> float:
    """A node is as high as its published total; a hidden total shows only its drawn flows."""
    return float(totaal) if _getal(totaal) else getekend


def _label(naam: str, aantal: Any, tekst: Callable[[Any], str]) -> str:
    return naam if aantal is None else f"{naam}: {tekst(aantal)}"


def _sankey_data(
    knopen: list[dict[str, Any]],
    totaalrij: Mapping[str, Any],
    pixels: float,
    uitkomsten: Mapping[str, str],
    tekst: Callable[[Any], str],
) -> dict[str, Any]:
    """Node rectangles, labels and band polygons in count units, as one list of rows.

    Only published cells become bands. A node keeps the height of its published total, so
    the part without bands is what was suppressed there (the sum of at least two hidden
    cells, which the published totals give away anyway).
    """
    uit = list(uitkomsten)
    getekend = {
        (i, u): k[u] for i, k in enumerate(knopen) for u in uit if _getal(k.get(u)) and k[u] > 0
    }
    links = [
        _hoogte(k.get("totaal"), sum(getekend.get((i, u), 0) for u in uit))
        for i, k in enumerate(knopen)
    ]
    rechts = [
        _hoogte(totaalrij.get(u), sum(getekend.get((i, u), 0) for i in range(len(knopen))))
        for u in uit
    ]
    som = max(sum(links), sum(rechts), 1)
    marge, minimum = som * 0.05, som * 16 / pixels  # 16 px: one line of label text
    top_l, top_r = _stapel(links, marge, minimum), _stapel(rechts, marge, minimum)
    vrij_l, vrij_r = list(top_l), list(top_r)  # next free y within each node
    rijen: list[dict[str, Any]] = []
    for j, u in enumerate(uit):
        for i, k in enumerate(knopen):
            n = getekend.get((i, u))
            if n:
                for punt in _band(
                    i * len(uit) + j, u, (vrij_l[i], vrij_l[i] + n), (vrij_r[j], vrij_r[j] + n)
                ):
                    rijen.append(
                        {
                            **punt,
                            "laag": "band",
                            "van": k["naam"],
                            "uitkomst": uitkomsten[u],
                            "aantal": n,
                        }
                    )
                vrij_l[i] += n
                vrij_r[j] += n
    rijen += _resten(links, top_l, vrij_l, 0.0, 0.06) + _resten(rechts, top_r, vrij_r, 0.94, 1.0)
    rijen += [
        {
            "laag": "links",
            "x": -0.03,
            "x2": 0.0,
            "y": t,
            "y2": t + h,
            "midden": t + max(h, minimum) / 2,
            "kleur": GRIJS,
            "tekst": _label(k["naam"], k.get("totaal"), tekst),
            "uitleg": _label(k["naam"], k.get("totaal"), tekst),
        }
        for k, t, h in zip(knopen, top_l, links, strict=True)
    ]
    cohort = totaalrij.get("totaal")
    for j, (u, t, h) in enumerate(zip(uit, top_r, rechts, strict=True)):
        aantal = totaalrij.get(u)
        deel = (
            f" ({opmaak.procent(aantal / cohort, 0)})"
            if _getal(aantal) and _getal(cohort) and cohort
            else ""
        )
        rijen.append(
            {
                "laag": "rechts",
                "x": 1.0,
                "x2": 1.03,
                "y": t,
                "y2": t + h,
                "midden": t + max(h, minimum) / 2,
                "kleur": KLEUREN[j % len(KLEUREN)],
                "tekst": _label(uitkomsten[u], aantal, tekst) + deel,
                "uitleg": _label(uitkomsten[u], aantal, tekst) + deel,
            }
        )
    einde = [t + max(h, minimum) for t, h in zip(top_l + top_r, links + rechts, strict=True)]
    return {"rijen": rijen, "hoogte": max(einde)}


_LABELKANTEN: tuple[tuple[str, Literal["left", "right"], int, str], ...] = (
    ("links", "right", -6, "x"),
    ("rechts", "left", 6, "x2"),
)
#: Tooltip of the grey stub that stands for the suppressed part of a node.
ONDERDRUKT_UITLEG = "Onderdrukt: stromen van minder dan 5 jongeren worden niet getoond"


def _resten(
    hoogtes: list[float], toppen: list[float], vrij: list[float], x: float, x2: float
) -> list[dict[str, Any]]:
    """A grey stub for the part of each node without a band (its suppressed cells): the
    node's published height stays honest, and no flow is drawn that was not published."""
    return [
        {
            "laag": "rest",
            "x": x,
            "x2": x2,
            "y": v,
            "y2": t + h,
            "kleur": ONDERDRUKT_KLEUR,
            "uitleg": ONDERDRUKT_UITLEG,
            "aantal": t + h - v,
        }
        for h, t, v in zip(hoogtes, toppen, vrij, strict=True)
        if t + h - v > 1e-9
    ]


def sankey(
    knopen: list[dict[str, Any]],
    totaalrij: Mapping[str, Any],
    *,
    uitkomsten: Mapping[str, str] | None = None,
    tekst: Callable[[Any], str] = _tekst,
    breedte: int = _BREED - 200,
) -> alt.LayerChart:
    """The bare Sankey-like flow (no title, no house style), reused by the web pages.

    `knopen`: per origin a dict with ``naam``, its published ``totaal`` (None: not shown)
    and a cell per outcome code (a count, or "<5"/"x": not drawn). `totaalrij`: per outcome
    code its published total, and ``totaal`` (the cohort). `uitkomsten`: outcome code to
    display name, in drawing order; `tekst` formats a count for the labels.
    """
    uitkomsten = uitkomsten or {u: codenaam(UITKOMSTEN, u) for u in UIT}
    hoogte = max(220, 34 * max(len(knopen), len(uitkomsten)))
    d = _sankey_data(knopen, totaalrij, hoogte, uitkomsten, tekst)
    y_schaal = alt.Scale(domain=[0, d["hoogte"]], reverse=True, nice=False, zero=False)
    x_schaal = alt.Scale(domain=[-0.03, 1.03], nice=False, zero=False)
    kleur = alt.Color(
        "naar:N",
        legend=None,
        scale=alt.Scale(domain=list(uitkomsten), range=KLEUREN[: len(uitkomsten)]),
    )
    basis = alt.Chart()
    banden = (
        basis.transform_filter(alt.datum.laag == "band")
        .mark_area(opacity=0.45)
        .encode(
            x=alt.X("x:Q", axis=None, scale=x_schaal),
            y=alt.Y("y:Q", axis=None, scale=y_schaal),
            y2="y2:Q",
            detail="band:N",
            color=kleur,
            tooltip=[
                alt.Tooltip("van:N"),
                alt.Tooltip("uitkomst:N"),
                alt.Tooltip("aantal:Q", format=",d"),
            ],
        )
    )
    # Node rectangles and the grey stubs of suppressed parts; the tooltip says which.
    rechthoeken = (
        basis.transform_filter(alt.datum.laag != "band")
        .mark_rect()
        .encode(
            x=alt.X("x:Q", scale=x_schaal),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_schaal),
            y2="y2:Q",
            color=alt.Color("kleur:N", scale=None),
            tooltip=[alt.Tooltip("uitleg:N", title=" ")],
        )
    )
    labels = [
        basis.transform_filter(alt.datum.laag == kant)
        .mark_text(align=uitlijning, dx=dx, fontSize=12, color="#1b1b1b")
        .encode(
            x=alt.X(f"{x}:Q", scale=x_schaal), y=alt.Y("midden:Q", scale=y_schaal), text="tekst:N"
        )
        for kant, uitlijning, dx, x in _LABELKANTEN
    ]
    # One top-level dataset, filtered per layer: the spec stays self-contained.
    lagen = alt.layer(banden, rechthoeken, *labels, data=alt.Data(values=d["rijen"]))
    return _laag(lagen.properties(width=breedte, height=hoogte))


def stroom_grafiek(
    rijen: Rijen,
    *,
    van_titel: str = "Zorgvorm op 17",
    openbaar: bool = False,
    kruistabel: Kruistabel | None = None,
) -> alt.LayerChart | None:
    """Sankey-like flow from the situation at 17 (rows of ``transitie_stroom``) to the three
    outcomes; band widths are proportional to the number of youths."""
    knopen, totaalrij = _stroomcellen(rijen, openbaar, kruistabel)
    if not knopen:
        return None
    jaar = _laatste_jaar(rijen)
    cohort = _tekst(totaalrij.get("totaal"))
    return _stijl(
        sankey(knopen, totaalrij).properties(
            title=_titel(
                f"Van {van_titel.lower()} naar uitkomst op 18, cohort {jaar}",
                f"Cohort: {cohort} jongeren. De breedte van een stroom is het aantal jongeren.",
                OPENBAAR_NOOT if openbaar else "",
            )
        )
    )


# -- bars --------------------------------------------------------------------------------------
def _drempellijn(waarde: float) -> alt.Chart:
    """A dashed vertical rule at a signal threshold on the x axis."""
    return (
        alt.Chart(alt.Data(values=[{"d": waarde}]))
        .mark_rule(color="#1b1b1b", strokeDash=[6, 3], strokeWidth=1.5)
        .encode(x="d:Q")
    )


def _onder_boven(veld: str, onder: str, boven: str) -> alt.Color:
    """Bars below a threshold in the base colour, above it in the signal colour."""
    return alt.Color(
        f"{veld}:N",
        title=None,
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=[onder, boven], range=[KLEUREN[0], KLEUREN[2]]),
    )


def _liggende_balken(rijen: Rijen, label: str, labelbreedte: int, **kanalen: Any) -> alt.Chart:
    """Horizontal bars, one per row in the order of `rijen`, labelled by the field `label`."""
    y = alt.Y(
        f"{label}:N",
        title=None,
        sort=[r[label] for r in rijen],
        axis=alt.Axis(labelLimit=labelbreedte),
    )
    return alt.Chart(alt.Data(values=list(rijen))).mark_bar().encode(y=y, **kanalen)


def hhi_grafiek(segmenten: Rijen, *, drempel: float = 2500) -> alt.LayerChart | None:
    """HHI per segment (latest year in the table) against the signal threshold; segments
    reported apart (landelijk ingekocht, niet ingedeeld) are left out, as in the knelpunten."""
    jaar = _laatste_jaar(segmenten)
    # The value goes into the axis label, so the threshold rule never runs through it.
    rijen = sorted(
        (
            {
                "segment": f"{_segmentlabel(r['segment'], r['segmentnaam'])} ({_tekst(r['hhi'])})",
                "hhi": r["hhi"],
                "boven": "boven de signaalwaarde" if r["hhi"] > drempel else "eronder",
            }
            for r in segmenten
            if r.get("jaar") == jaar and _getal(r.get("hhi")) and not r.get("apart")
        ),
        key=lambda r: -r["hhi"],
    )
    if not rijen:
        return None
    balken = _liggende_balken(
        rijen,
        "segment",
        360,
        x=alt.X("hhi:Q", title="HHI (0–10.000)", scale=alt.Scale(domain=[0, 10000])),
        color=_onder_boven("boven", "eronder", "boven de signaalwaarde"),
    )
    return _stijl(
        _laag(alt.layer(balken, _drempellijn(drempel))).properties(
            width=_BREED - 220,
            height=alt.Step(22),
            title=_titel(
                f"Marktconcentratie per segment, {jaar}",
                f"Herfindahl-Hirschman-index; stippellijn: signaalwaarde "
                f"{_tekst(drempel)}. Landelijk ingekocht en niet ingedeeld apart.",
            ),
        )
    )


def aandelen_grafiek(aanbieders: Rijen, *, top: int = 5) -> alt.FacetChart | None:
    """The `top` providers by market share per segment (latest year in the table)."""
    jaar = _laatste_jaar(aanbieders)
    per_segment: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in aanbieders:
        if r.get("jaar") == jaar and _getal(r.get("marktaandeel")) and not r.get("apart"):
            per_segment[_segmentlabel(r["segment"], r["segmentnaam"])].append(r)
    rijen = [
        {
            "segment": s,
            "aanbieder": r.get("naam") or r["aanbieder"],
            "aandeel": r["marktaandeel"],
            "rang": i,
        }
        for s, lijst in per_segment.items()
        for i, r in enumerate(sorted(lijst, key=lambda r: -r["marktaandeel"])[:top], 1)
    ]
    if not rijen:
        return None
    basis = alt.Chart().encode(
        y=alt.Y("aanbieder:N", title=None, sort="-x", axis=alt.Axis(labelLimit=240)),
        x=alt.X(
            "aandeel:Q",
            title="Marktaandeel (uitgaven)",
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
            scale=alt.Scale(domain=[0, 1]),
        ),
    )
    balk = basis.mark_bar(color=KLEUREN[0])
    tekst = basis.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("aandeel:Q", format=".0%")
    )
    kop = alt.Header(
        labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelFontSize=12, title=None
    )
    grafiek = (
        alt.layer(balk, tekst, data=alt.Data(values=rijen))
        .properties(width=200, height=alt.Step(18))
        .facet(
            facet=alt.Facet("segment:N", header=kop, sort=list(per_segment)),
            columns=2,
            spacing={"row": 8, "column": 24},
            title=_titel(
                f"Grootste aanbieders per segment, {jaar}",
                f"De {top} grootste aanbieders naar aandeel in de uitgaven van het segment.",
            ),
        )
        .resolve_scale(y="independent")
    )
    return _stijl(grafiek)


def instroom_grafiek(rijen: Rijen, *, openbaar: bool = False) -> alt.LayerChart | None:
    """Wmo inflow 18-26 per product category (latest year), split by prior youth care."""
    jaar = _laatste_jaar(rijen)
    eigen = [r for r in rijen if r.get("jaar") == jaar and r["productcategorie"] != "totaal"]
    if not eigen:
        return None
    delen = ["uit_jeugdhulp", "overig"]
    if _al_onderdrukt(eigen, ["instroom", "uit_jeugdhulp"]):  # drawn as published
        tabel = [
            {
                "naam": r["naam"],
                "instroom": r["instroom"],
                "uit_jeugdhulp": r["uit_jeugdhulp"],
                "overig": _verschil(r["instroom"], r["uit_jeugdhulp"]),
            }
            for r in eigen
        ]
    else:
        tabel = [
            {
                "naam": r["naam"],
                "uit_jeugdhulp": r["uit_jeugdhulp"] or 0,
                "overig": (r["instroom"] or 0) - (r["uit_jeugdhulp"] or 0),
            }
            for r in eigen
        ]
        if openbaar:
            tabel = onderdruk(tabel, delen, totaal_kolom="instroom", totaal_rij=None)
        else:
            tabel = [{**t, "instroom": t["uit_jeugdhulp"] + t["overig"]} for t in tabel]
    namen = {
        "uit_jeugdhulp": "Uit jeugdhulp",
        "overig": "Niet uit jeugdhulp",
        "verborgen": "Verdeling niet getoond",
    }
    lang = [deel for t in tabel for deel in _instroom_delen(t, namen)]
    balken = (
        alt.Chart(alt.Data(values=lang))
        .mark_bar()
        .encode(
            y=alt.Y("naam:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X(
                "sum(aantal):Q",
                title="Instroom 18–26 (cliënten)",
                axis=alt.Axis(format=",d", tickMinStep=1),
            ),
            color=alt.Color(
                "deel:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=list(namen.values()), range=[KLEUREN[1], KLEUREN[3], "#c8c8c8"]
                ),
            ),
            order=alt.Order("volgorde:Q"),
        )
    )
    return _stijl(
        balken.properties(
            width=_BREED - 260,
            height=alt.Step(24),
            title=_titel(
                f"Wmo-instroom 18–26 per productcategorie, {jaar}",
                "Tussen haakjes: de instroom; een cliënt kan in meer categorieën tellen.",
                OPENBAAR_NOOT if openbaar else "",
            ),
        )
    )


def _verschil(totaal: Any, deel: Any) -> Any:
    return totaal - deel if _getal(totaal) and _getal(deel) else SECUNDAIR


def _instroom_delen(t: Mapping[str, Any], namen: Mapping[str, str]) -> list[dict[str, Any]]:
    """The bar pieces of one category: both parts, or (when a part is suppressed) only the
    published total in grey, or (total suppressed too) no bar but the label."""
    naam = f"{t['naam']}  ({_tekst(t['instroom'])})"
    if _getal(t["uit_jeugdhulp"]) and _getal(t["overig"]):
        return [
            {"naam": naam, "deel": namen[d], "aantal": t[d], "volgorde": i}
            for i, d in enumerate(("uit_jeugdhulp", "overig"))
        ]
    totaal = t["instroom"] if _getal(t["instroom"]) else 0
    return [{"naam": naam, "deel": namen["verborgen"], "aantal": totaal, "volgorde": 2}]


def knelpunten_grafiek(knelpunten: Rijen, *, top: int = 15) -> alt.LayerChart | None:
    """The most severe signals, as bars of their severity (a hidden severity, of a signal
    on 1-4 persons in public output, is not drawn)."""
    rijen = [
        {
            "signaal": codenaam(SIGNALEN, r["soort"]),
            "onderwerp": f"{i}. {codenaam(SIGNALEN, r['soort'])}"
            + (
                f" — {_segmentlabel(r.get('segment'), r['segmentnaam'])}"
                if r.get("segmentnaam")
                else ""
            ),
            "ernst": r["ernst"],
        }
        for i, r in enumerate(list(knelpunten)[:top], start=1)
        if _getal(r.get("ernst"))
    ]
    if not rijen:
        return None
    balken = (
        alt.Chart(alt.Data(values=rijen))
        .mark_bar()
        .encode(
            y=alt.Y("onderwerp:N", title=None, sort=None, axis=alt.Axis(labelLimit=380)),
            x=alt.X("ernst:Q", title="Ernst (overschrijding × gewicht)"),
            color=alt.Color(
                "signaal:N",
                legend=None,
                scale=alt.Scale(domain=[n for n, _en in SIGNALEN.values()], range=KLEUREN[:7]),
            ),
        )
    )
    getal = balken.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("ernst:Q", format=",.2f"), color=alt.value("#1b1b1b")
    )
    return _stijl(
        _laag(alt.layer(balken, getal)).properties(
            width=_BREED - 300,
            height=alt.Step(22),
            title=_titel(
                "Knelpunten, de ernstigste eerst",
                "Ernst = relatieve overschrijding van de drempel × log10(10 + betrokken cliënten).",
            ),
        )
    )


def benchmark_grafiek(rijen: Rijen, *, openbaar: bool = False) -> alt.FacetChart | None:
    """Each measure per gemeente, with the pooled regional value as a dashed rule."""
    waarden = [
        {
            "maat": codenaam(MATEN, r["maat"]),
            "gemeente": r["naam"] or r["gemeente"],
            "waarde": r["waarde"],
            "regio": r["regio_waarde"],
        }
        for r in rijen
        if _getal(r.get("waarde"))
        and not (openbaar and r["maat"] != "jeugdkosten_per_jeugdige" and _klein(r.get("teller")))
    ]
    if not waarden:
        return None
    balk = (
        alt.Chart()
        .mark_bar(color=KLEUREN[0])
        .encode(
            y=alt.Y("gemeente:N", title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X("waarde:Q", title=None, axis=alt.Axis(format=",.2~f")),
        )
    )
    regel = (
        alt.Chart()
        .mark_rule(color=KLEUREN[2], strokeDash=[6, 3], strokeWidth=2)
        .encode(x="max(regio):Q")
    )
    kop = alt.Header(
        labelOrient="top",
        labelAnchor="start",
        labelFontWeight="bold",
        labelFontSize=11,
        title=None,
        labelLimit=330,
    )
    return _stijl(
        alt.layer(balk, regel, data=alt.Data(values=waarden))
        .properties(width=230, height=alt.Step(16))
        .facet(
            facet=alt.Facet("maat:N", header=kop, sort=[n for n, _en in MATEN.values()]),
            columns=3,
            spacing={"row": 14, "column": 20},
            title=_titel(
                f"Benchmark van gemeenten, {_laatste_jaar(rijen)}",
                "Stippellijn: het gepoolde cijfer van de jeugdregio.",
                OPENBAAR_NOOT if openbaar else "",
            ),
        )
        .resolve_scale(x="independent", y="independent")
    )


# -- trends ------------------------------------------------------------------------------------
def _periode(r: Mapping[str, Any]) -> str:
    return str(r["jaar"]) if r["periode"] == "jaar" else f"{r['jaar']} {r['periode']}"


def zorggebruik_grafiek(per_regio: Rijen, *, openbaar: bool = False) -> alt.FacetChart | None:
    """Clients in care per period and age group, one panel per domain; only complete
    periods (a period that is still running would look like a drop)."""
    som: dict[tuple[str, str, str], int] = defaultdict(int)
    verborgen: set[tuple[str, str, str]] = set()  # a region hidden: the sum is not drawn
    regio_s, onvolledig = set(), False
    for r in per_regio:
        if not r.get("volledig"):
            onvolledig = True
            continue
        sleutel = (_periode(r), codenaam(DOMEINEN, r["domein"]), r["leeftijdsgroep"])
        regio_s.add(r.get("regio"))
        if _getal(r.get("aantal")):
            som[sleutel] += r["aantal"]
        elif r.get("aantal") in (PRIMAIR, SECUNDAIR):
            verborgen.add(sleutel)
    waarden = [
        {"periode": p, "domein": d, "leeftijd": lft, "aantal": n}
        for (p, d, lft), n in sorted(som.items())
        if (p, d, lft) not in verborgen and not (openbaar and _klein(n))
    ]
    if not waarden:
        return None
    onder = [
        "Alle regio's samen." if len(regio_s) > 1 else "",
        "Alleen afgesloten perioden." if onvolledig else "",
        OPENBAAR_NOOT if openbaar else "",
    ]
    lijnen = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("periode:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("aantal:Q", title="Cliënten in zorg", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "leeftijd:N",
                title="Leeftijd",
                sort=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(range=KLEUREN),
            ),
        )
    )
    return _stijl(
        lijnen.properties(width=250, height=200).facet(
            data=alt.Data(values=waarden),
            column=alt.Column(
                "domein:N",
                title=None,
                sort=[n for n, _en in DOMEINEN.values()],
                header=alt.Header(labelFontWeight="bold", labelFontSize=12),
            ),
            title=_titel("Zorggebruik per periode", *onder),
        )
    )


def uitgaven_grafiek(segmenten: Rijen) -> alt.Chart | None:
    """Spending per year and domain (all segments of the market table), in euro."""
    som: dict[tuple[int, str], float] = defaultdict(float)
    for r in segmenten:
        if _getal(r.get("bedrag_cent")):
            som[(r["jaar"], codenaam(DOMEINEN, r["domein"]))] += r["bedrag_cent"] / 100
    if not som:
        return None
    waarden = [{"jaar": str(j), "domein": d, "euro": e} for (j, d), e in sorted(som.items())]
    return _stijl(
        alt.Chart(alt.Data(values=waarden))
        .mark_bar()
        .encode(
            x=alt.X("jaar:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(euro):Q", title="Uitgaven (€)", axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "domein:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=[n for n, _en in DOMEINEN.values()], range=KLEUREN[:2]),
            ),
        )
        .properties(
            width=_BREED - 160,
            height=240,
            title=_titel(
                "Uitgaven per jaar",
                "Debet min credit van de prestaties, naar jaar van de begindatum.",
            ),
        )
    )


# -- per report --------------------------------------------------------------------------------
Grafiek = alt.TopLevelMixin


def _transitie(t: Mapping[str, Any], openbaar: bool) -> dict[str, Grafiek | None]:
    return {
        "transitie_stroom_zorgvorm": stroom_grafiek(
            t["stroom_zorgvorm"],
            openbaar=openbaar,
            kruistabel=Kruistabel(t["per_zorgvorm"], "zorgvorm", t["transitie"]),
        ),
        "transitie_stroom_segment": stroom_grafiek(
            [
                {**r, "van_naam": _segmentlabel(r["van"], r.get("van_naam"))}
                for r in t["stroom_segment"]
            ],
            van_titel="Segment op 17",
            openbaar=openbaar,
            kruistabel=Kruistabel(t["per_segment"], "segment", t["transitie"]),
        ),
    }


def _markt(t: Mapping[str, Any], openbaar: bool) -> dict[str, Grafiek | None]:
    return {
        "markt_hhi": hhi_grafiek(t["segmenten"]),
        "markt_aandelen": aandelen_grafiek(t["aanbieders"]),
        "markt_uitgaven": uitgaven_grafiek(t["segmenten"]),
    }


_EINDES = {
    "volgens_plan": "Volgens plan",
    "uitval": "Uitval",
    "voortijdig_overeenstemming": "Voortijdig in overeenstemming",
    "extern": "Externe oorzaak",
}


def _gestapeld(
    waarden: list[dict[str, Any]],
    *,
    rij: tuple[str, list[str] | None, int],
    deel: tuple[str, str, list[str]],
    x_titel: str,
    maat: tuple[int, int],
    titel: tuple[str, str],
    taal: str = "nl",
) -> alt.LayerChart:
    """Horizontal bars of shares that add up to 100% per row: `rij` is (field, order, label
    width), `deel` the parts (field, legend title, their names in colour order), `maat` the
    width and the step per bar; numbers written the way of `taal`."""
    veld, volgorde, labelbreedte = rij
    kleur, kleurtitel, delen = deel
    balken = (
        alt.Chart(alt.Data(values=waarden))
        .mark_bar()
        .encode(
            y=alt.Y(f"{veld}:N", title=None, sort=volgorde, axis=alt.Axis(labelLimit=labelbreedte)),
            x=alt.X("aandeel:Q", title=x_titel, axis=alt.Axis(format="%"), stack="normalize"),
            color=alt.Color(
                f"{kleur}:N",
                title=kleurtitel,
                scale=alt.Scale(domain=delen, range=KLEUREN[: len(delen)]),
            ),
            order=alt.Order(f"{kleur}:N"),
            tooltip=[f"{veld}:N", f"{kleur}:N", "aantal:Q"],
        )
    )
    breedte, stap = maat
    return _stijl(
        _laag(alt.layer(balken)).properties(
            width=breedte, height=alt.Step(stap), title=_titel(*titel)
        ),
        taal,
    )


def resultaten_grafiek(rijen: Rijen, *, top: int = 15) -> alt.LayerChart | None:
    """How the trajectories of the aanbieders with the most closed ones ended, as shares
    (a row with a hidden count in public output is left out)."""
    volledig = [
        r
        for r in rijen
        if _getal(r.get("afgesloten"))
        and r["afgesloten"] > 0
        and all(_getal(r.get(k)) for k in _EINDES)
    ]
    volledig.sort(key=lambda r: (-r["afgesloten"], r.get("aanbieder") or ""))
    waarden = [
        {
            "aanbieder": f"{r.get('naam') or r.get('aanbieder')} ({r['domein']})",
            "einde": naam,
            "aandeel": r[k] / r["afgesloten"],
            "aantal": r[k],
        }
        for r in volledig[:top]
        for k, naam in _EINDES.items()
    ]
    if not waarden:
        return None
    return _gestapeld(
        waarden,
        rij=("aanbieder", None, 320),
        deel=("einde", "Einde", list(_EINDES.values())),
        x_titel="Aandeel van de afgesloten trajecten",
        maat=(_BREED - 280, 22),
        titel=(
            "Hoe trajecten eindigen, per aanbieder",
            "De aanbieders met de meeste afgesloten trajecten; CBS-redenen van beëindiging",
        ),
    )


_PLAN = {
    "nl": {"ja": "Plan op 17½", "nee": "Geen plan op 17½"},
    "en": {"ja": "Plan at 17½", "nee": "No plan at 17½"},
}
_UITKOMST_NAMEN = {
    "nl": {
        "verlengde_jeugdhulp": "Verlengde jeugdhulp",
        "naar_wmo": "Naar Wmo",
        "zonder_vervolg": "Zonder vervolg",
    },
    "en": {
        "verlengde_jeugdhulp": "Youth care extended",
        "naar_wmo": "To the Wmo",
        "zonder_vervolg": "No follow-up",
    },
}
_PLAN_WOORDEN = {
    "nl": (
        "Uitkomst na 18",
        "Aandeel van de groep",
        "Uitkomst na 18, met en zonder toekomstplan op 17½",
        "Cohortjongeren naar de uitkomst van de transitie",
    ),
    "en": (
        "Outcome after 18",
        "Share of the group",
        "Outcome after 18, with and without a future plan at 17½",
        "Young people of the cohort by the outcome of the transition",
    ),
}


def toekomstplan_grafiek(rijen: Rijen, taal: str = "nl") -> alt.LayerChart | None:
    """The transition outcome of youths with and without a plan by 17½, as shares of each
    group (a group with a hidden count in public output is left out); labels in `taal`."""
    taal = "en" if taal == "en" else "nl"
    plan, namen = _PLAN[taal], _UITKOMST_NAMEN[taal]
    waarden = [
        {
            "groep": plan[r["tijdig_plan"]],
            "uitkomst": naam,
            "aandeel": r[k] / r["cohort"],
            "aantal": r[k],
        }
        for r in rijen
        if _getal(r.get("cohort")) and r["cohort"] > 0 and all(_getal(r.get(k)) for k in namen)
        for k, naam in namen.items()
    ]
    if not waarden:
        return None
    uitkomst, x_titel, titel, ondertitel = _PLAN_WOORDEN[taal]
    return _gestapeld(
        waarden,
        rij=("groep", list(plan.values()), 200),
        deel=("uitkomst", uitkomst, list(namen.values())),
        x_titel=x_titel,
        maat=(_BREED - 200, 36),
        titel=(titel, ondertitel),
        taal=taal,
    )


#: Red (acute) to green (volledig zelfredzaam): the order of the scale, readable without colour
#: through the legend and the tooltip.
_SCOREKLEUREN = ["#a90061", "#e17000", "#ffb612", "#8fcae7", "#39870c"]


def zrm_grafiek(rijen: Rijen) -> alt.FacetChart | None:
    """Per ZRM domain, how the clients measured in each half-year are spread over the five
    scores (shares of the measured; a half-year with a hidden count in public output is left
    out, so no share gives a small number away)."""
    scores = {s: f"{s} {nl.lower()}" for s, (nl, _en) in SCORES.items()}
    waarden = [
        {
            "domein": ZRM_DOMEINEN.get(r["zrm_domein"], (r["zrm_domein"], ""))[0],
            "periode": r["periode"],
            "score": naam,
            "aandeel": r[f"score_{s}"] / r["gemeten"],
            "aantal": r[f"score_{s}"],
        }
        for r in rijen
        if _getal(r.get("gemeten"))
        and r["gemeten"] > 0
        and all(_getal(r.get(f"score_{s}")) for s in scores)
        for s, naam in scores.items()
    ]
    if not waarden:
        return None
    jaar = _laatste_jaar(rijen) or 0
    perioden = [f"{j} JH-{h}" for j in range(jaar - 2, jaar + 1) for h in (1, 2)]
    balken = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(
                "periode:N",
                title=None,
                scale=alt.Scale(domain=perioden),
                axis=alt.Axis(labelAngle=-45),
            ),
            y=alt.Y("aandeel:Q", title=None, axis=alt.Axis(format="%"), stack="normalize"),
            color=alt.Color(
                "score:N",
                title="Score",
                scale=alt.Scale(domain=list(scores.values()), range=_SCOREKLEUREN),
            ),
            order=alt.Order("score:N"),
            tooltip=["periode:N", "score:N", "aantal:Q"],
        )
    )
    kop = alt.Header(labelOrient="top", labelAnchor="start", labelFontWeight="bold", title=None)
    volgorde = [nl for nl, _en in ZRM_DOMEINEN.values()]
    return _stijl(
        alt.layer(balken, data=alt.Data(values=waarden))
        .properties(width=220, height=150)
        .facet(
            facet=alt.Facet("domein:N", header=kop, sort=volgorde),
            columns=3,
            spacing={"row": 16, "column": 14},
            title=_titel(
                "Zelfredzaamheid per leefdomein, per halfjaar",
                "Cliënten naar hun laatste ZRM-score in het halfjaar (1 acuut … 5 volledig "
                "zelfredzaam)",
            ),
        )
    )


def _benuttingsbalken(
    rijen: list[dict[str, Any]],
    label: str,
    legenda: tuple[str, str],
    titel: tuple[str, str],
    as_titel: str = "Benutting",
    taal: str = "nl",
) -> alt.LayerChart:
    """Bars of use (``benutting``) per row labelled by `label`, coloured by ``boven`` (one of
    `legenda`), with their value and the dashed 70% line."""
    balken = _liggende_balken(
        rijen,
        label,
        340,
        x=alt.X("benutting:Q", title=as_titel, axis=alt.Axis(format="%")),
        color=_onder_boven("boven", *legenda),
    )
    getal = balken.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("benutting:Q", format=".1%"), color=alt.value("#1b1b1b")
    )
    return _stijl(
        _laag(alt.layer(balken, getal, _drempellijn(0.7))).properties(
            width=_BREED - 300, height=alt.Step(22), title=_titel(*titel)
        ),
        taal,
    )


def benutting_grafiek(contracten: Rijen, *, top: int = 25) -> alt.LayerChart | None:
    """The use of each contract's room on the peildatum (the highest first), against the
    70% signal; the bar of a contract with the signal in the signal's colour."""
    rijen = sorted(
        (
            {
                "contract": f"{r['contractnummer']} — {r.get('naam') or r['aanbieder']}",
                "benutting": r["benutting"],
                "boven": "signaal 70%" if r.get("signaal_70") else "onder 70%",
            }
            for r in contracten
            if _getal(r.get("benutting"))
        ),
        key=lambda r: -r["benutting"],
    )[:top]
    if not rijen:
        return None
    return _benuttingsbalken(
        rijen,
        "contract",
        ("onder 70%", "signaal 70%"),
        (
            "Benutting van de bestedingsruimte per contract",
            f"Gedeclareerd / bestedingsruimte op de peildatum, de hoogste {top}; "
            "stippellijn: het 70%-signaal.",
        ),
    )


_SEGMENT_WOORDEN = {
    "nl": (
        "Benutting",
        ("onder 70%", "70% of meer"),
        "Benutting van de bestedingsruimte per segment",
        "De contracten van een segment samen, gedeclareerd / bestedingsruimte op de peildatum; "
        "stippellijn: 70%.",
    ),
    "en": (
        "Use",
        ("below 70%", "70% or more"),
        "Use of the spending room by segment",
        "The contracts of a segment together, claimed / spending room on the reference date; "
        "dashed line: 70%.",
    ),
}


def segmentbenutting_grafiek(segmenten: Rijen, taal: str = "nl") -> alt.LayerChart | None:
    """The raad report's bestedingsruimte per segment (table ``bestedingsruimte_segment``):
    the use of each domain and segment's rooms together, against 70%."""
    taal = "en" if taal == "en" else "nl"
    as_titel, legenda, titel, ondertitel = _SEGMENT_WOORDEN[taal]
    rijen = [
        {
            "segment": f"{codenaam(DOMEINEN, r['domein'], taal)} {r['segment']}",
            "benutting": r["benutting"],
            "boven": legenda[1] if r["benutting"] >= 0.7 else legenda[0],
        }
        for r in segmenten
        if _getal(r.get("benutting"))
    ]
    if not rijen:
        return None
    return _benuttingsbalken(rijen, "segment", legenda, (titel, ondertitel), as_titel, taal)


_PER_RAPPORT: dict[str, Callable[[Mapping[str, Any], bool], dict[str, Grafiek | None]]] = {
    "bestedingsruimte": lambda t, o: {"benutting": benutting_grafiek(t["bestedingsruimte"])},
    "transitie": _transitie,
    "zorggebruik": lambda t, o: {
        "zorggebruik_trend": zorggebruik_grafiek(t["per_regio"], openbaar=o)
    },
    "wmo-instroom": lambda t, o: {
        "wmo_instroom": instroom_grafiek(t["per_productcategorie"], openbaar=o)
    },
    "markt": _markt,
    "knelpunten": lambda t, o: {"knelpunten": knelpunten_grafiek(t["knelpunten"])},
    "benchmark": lambda t, o: {"benchmark": benchmark_grafiek(t["benchmark"], openbaar=o)},
    "resultaten": lambda t, o: {"resultaten": resultaten_grafiek(t["resultaat_aanbieder"])},
    "toekomstplan": lambda t, o: {"toekomstplan": toekomstplan_grafiek(t["plan_per_uitkomst"])},
    "zelfredzaamheid": lambda t, o: {"zelfredzaamheid": zrm_grafiek(t["zrm_verdeling"])},
}


def grafieken(
    rapport: str, tabellen: Mapping[str, Any], *, openbaar: bool = False
) -> dict[str, Grafiek]:
    """The charts of report `rapport` (see :data:`passend.analysis.rapport.RAPPORTSOORTEN`) by
    file name; a chart without data is left out."""
    maak = _PER_RAPPORT.get(rapport)
    if maak is None:
        raise ValueError(f"Onbekend rapport {rapport!r}.")
    return {naam: g for naam, g in maak(tabellen, openbaar).items() if g is not None}
