"""The inkoopstrategie as a PDF for the gemeenteraad (WeasyPrint; local fonts, no network).

The HTML is built here with escaped text only; WeasyPrint renders it with the DejaVu fonts of
the system (Debian ``fonts-dejavu-core``) and a URL fetcher that refuses anything but
``data:`` and local files, so rendering never touches the network.
"""

from __future__ import annotations

from html import escape
from typing import Any

from passend.domain import opmaak
from passend.strategy.ambities import BIG5, PRINCIPES, principetoets
from passend.strategy.document import (
    DEFINITIES,
    Inkoopstrategie,
    budgettabel,
    euro,
    getal,
    kernwaardentabel,
    keuzetabel,
    marktoverzicht,
    miljoen,
    procent,
    publiek_aantal,
    scenariotabel,
)
from passend.strategy.keuzes import (
    DIMENSIES,
    KERNWAARDE_EFFECTEN,
    KERNWAARDEN,
    kernwaarden_afweging,
    label,
)
from passend.strategy.richtlijnen import regeltabel

_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
        @bottom-center { content: "@PAGINA@ " counter(page) " @VAN@ " counter(pages);
                         font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #666; }
        @top-right { content: string(kop); font-family: "DejaVu Sans", sans-serif;
                     font-size: 8pt; color: #666; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #1b1b1b;
       line-height: 1.35; }
h1 { font-size: 20pt; color: #154273; margin: 0 0 4mm 0; string-set: kop content(); }
h2 { font-size: 13pt; color: #154273; border-bottom: 1.5pt solid #154273;
     padding-bottom: 1mm; margin-top: 8mm; break-after: avoid; }
h3 { font-size: 10.5pt; color: #154273; margin: 5mm 0 2mm 0; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; break-inside: auto; }
th, td { border: 0.5pt solid #b8c4d6; padding: 1.2mm 1.6mm; vertical-align: top;
         text-align: left; }
th { background: #e8eef7; font-weight: bold; }
td.getal, th.getal { text-align: right; } td.getal { white-space: nowrap; }
tr { break-inside: avoid; }
.voorblad { margin-top: 40mm; }
.ondertitel { font-size: 12pt; color: #444; }
.let-op { border: 1pt solid #c0392b; color: #c0392b; padding: 2mm; margin: 4mm 0; }
.visie { font-size: 12pt; font-style: italic; color: #154273; border-left: 3pt solid #154273;
         padding-left: 4mm; margin: 4mm 0; }
.klein { font-size: 7.5pt; color: #555; }
.segment { margin-top: 6mm; }
.segment > table { font-size: 8.5pt; }
.kernwaarden table { width: 70%; font-size: 8pt; }
.kernwaarden td { text-align: center; } .kernwaarden td:first-child { text-align: left; }
.smal table { font-size: 7.5pt; } .smal th, .smal td { padding: 0.8mm 1.2mm; }
.smal td.getal { white-space: normal; }
table.vast { table-layout: fixed; }
.plus2 { background: #c8e6c9; } .plus1 { background: #e8f5e9; }
.min1 { background: #fdecea; } .min2 { background: #f8c9c4; }
.grafiek { text-align: center; margin: 3mm 0; }
.grafiek svg, .grafiek img { width: 165mm; height: auto; }
ul { margin: 1mm 0 1mm 4mm; padding-left: 3mm; }
"""

#: The page footer's words per language.
_PAGINA = {"nl": ("Pagina", "van"), "en": ("Page", "of")}


def css(taal: str = "nl") -> str:
    """The style sheet of every PDF, its page footer in `taal`."""
    pagina, van = _PAGINA.get(taal, _PAGINA["nl"])
    return _CSS.replace("@PAGINA@", pagina).replace("@VAN@", van)


CSS = css()

_SCORE = {
    2: ("++", "plus2"),
    1: ("+", "plus1"),
    0: ("0", ""),
    -1: ("−", "min1"),
    -2: ("−−", "min2"),
}


def _t(tekst: Any) -> str:
    return escape(str(tekst))


def _tabel(
    koppen: list[str],
    rijen: list[list[Any]],
    getallen: set[int] | None = None,
    klasse: str = "",
) -> str:
    getallen = getallen or set()
    kop = "".join(
        f'<th class="{"getal" if i in getallen else ""}">{_t(k)}</th>' for i, k in enumerate(koppen)
    )
    romp = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"getal" if i in getallen else ""}">{c}</td>' for i, c in enumerate(rij)
        )
        + "</tr>"
        for rij in rijen
    )
    return f'<table class="{klasse}"><thead><tr>{kop}</tr></thead><tbody>{romp}</tbody></table>'


def _lijst(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>" if items else ""


def _voorblad(s: Inkoopstrategie) -> str:
    let_op = (
        (
            '<div class="let-op">Let op: dit document is gemaakt met een synthetische '
            "demoregio. Alle cijfers zijn nep.</div>"
        )
        if s.synthetisch
        else ""
    )
    return f"""
    <div class="voorblad"><h1>{_t(s.titel)}</h1>
    <p class="ondertitel">{_t(s.regio)} &middot; cijfers tot en met {s.jaar}
    &middot; {s.datum.strftime("%d-%m-%Y")}</p>
    <p class="ondertitel">Concept voor de gemeenteraad</p>{let_op}
    <p>Dit document vertaalt de marktanalyse naar ambities (stap 3) en een inkoopstrategie per
    segment (stap 4). Per segment staan de marktcijfers, de voorgestelde keuzes met hun
    onderbouwing, de afweging tussen de vier kernwaarden en de scenario's voor de komende
    jaren. Aantallen personen onder de 5 zijn onderdrukt.</p></div>"""


def _ambities(s: Inkoopstrategie) -> str:
    k = s.kader
    delen = [
        f'<h2>1. Visie en ambities</h2><p class="visie">{_t(k.visie)}</p>',
        f"<p>{_t(k.commitment)}</p>" if k.commitment else "",
    ]
    rijen = []
    for a in k.ambities:
        principes = "<br>".join(_t(PRINCIPES[p]) for p in a.principes)
        big5 = ", ".join(_t(BIG5[b]) for b in a.big5)
        rijen.append(
            [_t(a.doelgroep), f"<b>{_t(a.titel)}</b><br>{_t(a.omschrijving)}", principes, big5]
        )
    delen.append(_tabel(["Doelgroep", "Ambitie", "Principes", "Big 5"], rijen))
    gaten = [
        f"{PRINCIPES[r['principe']]} ({r['doelgroep']})"
        for r in principetoets(k)
        if not r["ambities"]
    ]
    if gaten:
        delen.append("<p class='klein'>Nog geen ambitie voor: " + _t("; ".join(gaten)) + ".</p>")
    delen.append("<h3>Indicatoren en streefwaarden</h3>")
    rijen = [
        [
            _t(a.doelgroep),
            _t(i.naam),
            _t("handmatig" if i.bron == "handmatig" else "berekend uit de gegevens"),
            _waarde(i.basiswaarde, i.eenheid) + f" ({i.basisjaar})",
            _waarde(i.streefwaarde, i.eenheid),
            _t(i.streefdatum.strftime("%d-%m-%Y")),
        ]
        for a, i in k.indicatoren()
    ]
    delen.append(
        _tabel(["Doelgroep", "Indicator", "Bron", "Basis", "Doel", "Streefdatum"], rijen, {3, 4})
    )
    if s.monitor:
        delen.append("<h3>Commitmentmonitor: doel tegenover werkelijk</h3>")
        rijen = [
            [
                _t(m["naam"]),
                _t(m["jaar"]),
                _waarde(m["doel"], m["eenheid"]),
                _waarde(m["werkelijk"], m["eenheid"]),
                _t(m["status"]),
            ]
            for m in s.monitor
        ]
        delen.append(_tabel(["Indicator", "Jaar", "Doel", "Werkelijk", "Status"], rijen, {2, 3}))
    return "".join(delen)


def _waarde(x: float | None, eenheid: str) -> str:
    if x is None:
        return "-"
    if eenheid == "aandeel":
        return procent(x)
    if eenheid == "euro":
        return euro(x)
    return getal(x)


def _markt(s: Inkoopstrategie) -> str:
    rijen = [
        [
            _t(r["segment"]),
            _t(r["segmentnaam"]),
            _t(r["clienten"]),
            _t(r["aanbieders"]),
            _t(r["uitgaven"]),
            _t(r["kosten_per_client"]),
            _t(r["hhi"]),
            _t(r["kostengroei"]),
            _t(r["aandeel_16_plus"]),
        ]
        for r in marktoverzicht(s)
    ]
    return (
        "<h2>2. Marktcijfers per segment</h2>"
        f"<p>Segmentmodel: {_t(s.segmentatie.naam)}. Cijfers over {s.jaar}.</p>"
        + _tabel(
            [
                "Seg.",
                "Segment",
                "Cliënten",
                "Aanbieders",
                "Uitgaven",
                "Per cliënt",
                "HHI",
                "Groei kosten/cliënt",
                "16+",
            ],
            rijen,
            {2, 3, 4, 5, 6, 7, 8},
        )
    )


def _segment(s: Inkoopstrategie, strategie: Any) -> str:
    rijen = [
        [
            _t(r["dimensie"]),
            f"<b>{_t(r['keuze'])}</b>",
            _lijst(r["redenen"])
            + (f"<p class='klein'>{_t(r['afwijking'])}</p>" if r["afwijking"] else ""),
        ]
        for r in keuzetabel(strategie)
    ]
    keuzes = _tabel(["Keuze", "Voorstel / besluit", "Onderbouwing"], rijen)
    kw = []
    for r in kernwaardentabel(strategie):
        cellen = [_t(r["dimensie"])]
        for w in KERNWAARDEN:
            teken, klasse = _SCORE[r[w]]
            cellen.append(f'<span class="{klasse}">&nbsp;{teken}&nbsp;</span>')
        kw.append(cellen)
    afweging = kernwaarden_afweging(strategie)
    kw.append(["<b>Saldo</b>", *[f"<b>{afweging['totaal'][w]:+d}</b>" for w in KERNWAARDEN]])
    return (
        f'<div class="segment"><h3>Segment {_t(strategie.segment)}: '
        f"{_t(strategie.segmentnaam)}</h3>{keuzes}"
        '<div class="kernwaarden">'
        + _tabel(["Afweging kernwaarden", *[w.capitalize() for w in KERNWAARDEN]], kw)
        + "</div>"
        + (
            "<p class='klein'><b>Waar kernwaarden botsen:</b></p><div class='klein'>"
            + _lijst(afweging["conflicten"])
            + "</div>"
            if afweging["conflicten"]
            else ""
        )
        + "</div>"
    )


def _duizendtal(x: float) -> str:
    """A provider figure in whole thousands of euros (the Monte Carlo is not more precise)."""
    return euro(round(x / 1000) * 1000)


def _doorgerekend(s: Inkoopstrategie) -> str:
    eerste = s.scenarios[0]
    momenten = sorted({r.berekend_op[:10] for r in s.scenarios if r.berekend_op})
    wanneer = (
        f"doorgerekend op {', '.join(opmaak.datum(m) for m in momenten)}"
        if momenten
        else "doorgerekend bij het samenstellen van dit document"
    )
    return (
        f"Zorgkosten over {eerste.jaren[0]}-{eerste.jaren[-1]}: {getal(eerste.runs)} Monte "
        f"Carlo-runs per scenario, {wanneer}. P50 is de mediaan, P5-P95 de band waarin 90% van "
        "de uitkomsten valt. Het verschil met de basis is per run berekend, met dezelfde "
        "trekkingen."
    )


def _risicotabel(s: Inkoopstrategie, vergelijking: list[dict[str, Any]]) -> str:
    aanbieders = [
        [
            _duizendtal(r["risico"]["resultaat_aanbieder_p5"]),
            _duizendtal(r["risico"]["verwacht_verlies_aanbieder"]),
        ]
        for r in vergelijking
    ]
    uitleg = (
        "<p class='klein'>Resultaat aanbieders: betaling min de kosten van de geleverde zorg over "
        "de hele periode, afgerond op duizenden euro's; 0 betekent dat alle zorg wordt betaald "
        "(P×Q zonder plafond), negatief is zorg die de aanbieders zelf dragen (P5 = hun slechte "
        "geval).</p>"
    )
    if s.budget is None or not vergelijking[0]["risico"].get("budget"):
        return (
            "<p>Er is geen budget ingevoerd voor de prognosejaren, dus de kans dat de gemeente "
            "haar budget overschrijdt is niet bepaald. Voer het budget per jaar en domein in bij "
            "Scenario's &gt; Budget.</p>"
            + uitleg
            + _tabel(
                ["Scenario", "Resultaat aanbieders P5", "Verwacht verlies aanbieders"],
                [[_t(r["scenario"]), *a] for r, a in zip(vergelijking, aanbieders, strict=True)],
                {1, 2},
                "vast",
            )
        )
    rijen = [
        [
            _t(r["scenario"]),
            "ontschot" if r["ontschot"] else "apart",
            procent(r["risico"]["kans_tekort"]),
            miljoen(r["risico"]["verwacht_tekort"]),
            miljoen(r["risico"]["tekort_p95"]),
            *a,
        ]
        for r, a in zip(vergelijking, aanbieders, strict=True)
    ]
    budget = miljoen(vergelijking[0]["risico"]["budget"])
    return (
        f"<p class='klein'>Getoetst tegen het ingevoerde budget ({budget} over de jaren met een "
        "budget). Tekort: het geld dat de gemeente boven haar "
        "budget moet vinden, per domein (apart) of over Jeugd en Wmo samen (ontschot).</p>"
        + uitleg
        + _tabel(
            [
                "Scenario",
                "Budgetten",
                "Kans op tekort",
                "Verwacht tekort",
                "Tekort P95",
                "Resultaat aanbieders P5",
                "Verwacht verlies aanbieders",
            ],
            rijen,
            {2, 3, 4, 5, 6},
            "vast",
        )
    )


def _budgettabel(s: Inkoopstrategie) -> str:
    """One row per scenario and year: the payment against the budget of both domains
    together, and the overrun chance per domain (the Excel has every domain in full)."""
    per: dict[tuple[str, int], dict[str, dict[str, Any]]] = {}
    for r in budgettabel(s):
        per.setdefault((r["scenario"], r["jaar"]), {})[r["domein"]] = r
    rijen = []
    for (scenario, jaar), domeinen in per.items():
        hoofd = domeinen.get("totaal") or next(iter(domeinen.values()))
        rijen.append(
            [
                _t(scenario),
                str(jaar),
                miljoen(hoofd["budget"]),
                miljoen(hoofd["betaling_p50"]),
                f"{miljoen(hoofd['betaling_p5'])} – {miljoen(hoofd['betaling_p95'])}",
                *[
                    procent(domeinen[d]["kans_overschrijding"]) if d in domeinen else "–"
                    for d in ("jeugd", "wmo", "totaal")
                ],
            ]
        )
    if not rijen:
        return ""
    return (
        "<h3>Budgettoets per jaar</h3><p class='klein'>Budget en betaling voor Jeugd en Wmo "
        "samen (of het ene domein met een budget); de kans op overschrijding per domein en "
        "voor beide samen. De Excel-werkmap heeft elk domein voluit.</p>"
        + _tabel(
            [
                "Scenario",
                "Jaar",
                "Budget",
                "Betaling P50",
                "P5 – P95",
                "Kans over\u00adschrijding Jeugd",
                "Wmo",
                "Samen",
            ],
            rijen,
            {2, 3, 4, 5, 6, 7},
        )
    )


def _scenarios(s: Inkoopstrategie, svg: dict[str, str]) -> str:
    if not s.scenarios:
        return (
            "<h2 style=\"break-before: page\">4. Scenario's</h2><p>Er zijn geen scenario's "
            "gekozen voor dit document. Kies ze op de pagina Scenario's.</p>"
        )
    vergelijking = scenariotabel(s)
    rijen = [
        [
            _t(r["scenario"]),
            _t(r["omschrijving"]),
            miljoen(r["totaal_p50"]),
            f"{miljoen(r['totaal_p5'])} – {miljoen(r['totaal_p95'])}",
            miljoen(r["jeugd_p50"]),
            miljoen(r["wmo_p50"]),
            miljoen(r["verschil_p50"]),
        ]
        for r in vergelijking
    ]
    eerste = s.scenarios[0]
    basis = [
        [
            _t(x["segment"]),
            _t(x["segmentnaam"]),
            _t(label(x["bekostiging"])),
            publiek_aantal(x["clienten_p50"]),
            miljoen(x["kosten_p50"]),
            f"{miljoen(x['kosten_p5'])} – {miljoen(x['kosten_p95'])}",
            miljoen(x["betaling_p50"]),
            _duizendtal(x["resultaat_aanbieder_p5"]),
        ]
        for x in eerste.segmenttabel()
    ]
    return "".join(
        [
            '<h2 style="break-before: page">4. Scenario\'s</h2>',
            f"<p>{_doorgerekend(s)}</p>",
            '<div class="smal">',
            _tabel(
                [
                    "Scenario",
                    "Omschrijving",
                    "Totaal P50",
                    "P5 – P95",
                    "Jeugd P50",
                    "Wmo P50",
                    "Verschil met basis",
                ],
                rijen,
                {2, 3, 4, 5, 6},
            ),
            "</div>",
            f'<div class="grafiek">{svg.get("scenario", "")}</div>',
            f'<div class="grafiek">{svg.get("domein", "")}</div>',
            "<h3>Wie draagt het risico? (hele periode, alle segmenten)</h3>",
            '<div class="smal">',
            _risicotabel(s, vergelijking),
            _budgettabel(s),
            "</div>",
            f'<div class="grafiek">{svg.get("waaier", "")}</div>',
            f"<h3>Per segment in het laatste prognosejaar ({eerste.jaren[-1]}, {_t(eerste.naam)})"
            "</h3>",
            '<div class="smal">',
            _tabel(
                [
                    "Seg.",
                    "Segment",
                    "Bekostiging",
                    "Cliënten P50",
                    "Kosten P50",
                    "P5 – P95",
                    "Betaling P50",
                    "Aanbieder P5",
                ],
                basis,
                {3, 4, 5, 6, 7},
            ),
            "</div>",
        ]
    )


def _bijlagen() -> str:
    definities = _tabel(
        ["Begrip", "Definitie"], [[f"<b>{_t(a)}</b>", _t(b)] for a, b in DEFINITIES]
    )
    regels = _tabel(
        ["Code", "Keuze", "Optie", "Als", "Reden"],
        [
            [
                _t(r["code"]),
                _t(DIMENSIES[r["dimensie"]][0]),
                _t(r["label"]),
                _t(r["als_tekst"]),
                f"<span class='klein'>{_t(r['reden_tekst'])}</span>",
            ]
            for r in regeltabel()
        ],
    )
    return (
        '<h2 style="break-before: page">Bijlage A. Definities</h2>'
        + definities
        + "<h2>Bijlage B. Regels van het adviesmodel</h2><p>Elke regel die geldt, steunt "
        "een optie met een gewicht; per keuze wint de optie met de meeste steun.</p>"
        + regels
        + "<h2>Bijlage C. Effect van elke optie op de kernwaarden</h2>"
        + _effecten()
    )


def _effecten() -> str:
    rijen = []
    for (dimensie, optie), effecten in KERNWAARDE_EFFECTEN.items():
        cellen = [f"{_t(DIMENSIES[dimensie][0])}: <b>{_t(label(optie))}</b>"]
        for w in KERNWAARDEN:
            teken, klasse = _SCORE[effecten[w].score]
            cellen.append(
                f'<span class="{klasse}">&nbsp;{teken}&nbsp;</span> '
                f"<span class='klein'>{_t(effecten[w].uitleg)}</span>"
            )
        rijen.append(cellen)
    return (
        '<div class="smal">'
        + _tabel(["Optie", *[w.capitalize() for w in KERNWAARDEN]], rijen)
        + "</div>"
    )


def html(s: Inkoopstrategie, svg: dict[str, str] | None = None) -> str:
    """The document as HTML (charts as inline SVG when given)."""
    segmenten = '<h2 style="break-before: page">3. Strategie per segment</h2>' + "".join(
        _segment(s, st) for st in s.strategieen
    )
    inhoud = (
        _voorblad(s) + _ambities(s) + _markt(s) + segmenten + _scenarios(s, svg or {}) + _bijlagen()
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{_t(s.titel)}'
        f"</title><style>{CSS}</style></head><body>{inhoud}</body></html>"
    )


def grafieken_svg(s: Inkoopstrategie) -> dict[str, str]:
    if not s.scenarios:
        return {}
    from passend.strategy.grafiek import als_svg, domein_grafiek, scenario_grafiek, waaier_grafiek

    # The fan chart of the last scenario chosen: the first is the baseline.
    return {
        "scenario": als_svg(scenario_grafiek(s.scenarios)),
        "domein": als_svg(domein_grafiek(s.scenarios)),
        "waaier": als_svg(waaier_grafiek(s.scenarios[-1], s.budget)),
    }


def geen_netwerk(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher: data: and file: only (fonts and images stay local)."""
    if not url.startswith(("data:", "file:")):
        raise ValueError(f"Geen netwerk bij het maken van de PDF: {url}")
    from weasyprint.urls import default_url_fetcher

    return default_url_fetcher(url, *args, **kwargs)


def pdf_van_html(tekst: str) -> bytes:
    """HTML rendered as PDF bytes with local fonts and no network (shared by every PDF)."""
    from weasyprint import HTML

    pdf = HTML(string=tekst, url_fetcher=geen_netwerk).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return bytes(pdf)


def als_pdf(s: Inkoopstrategie) -> bytes:
    """The strategy rendered as a PDF (the adapters write or send it)."""
    return pdf_van_html(html(s, grafieken_svg(s)))
