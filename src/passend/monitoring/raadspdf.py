"""The raadsrapportage as HTML and PDF (WeasyPrint, local fonts, no network).

Cells are written by the column catalogue (:mod:`passend.analysis.kolommen`) and the one
number format (:func:`passend.domain.opmaak.cel`), so the PDF reads like the web page and
the workbook; suppressed cells stay "<5" and "x".
"""

from __future__ import annotations

from html import escape
from typing import Any

from passend.analysis.kolommen import codecel, kolom
from passend.domain import opmaak
from passend.monitoring.raadsrapportage import Raadsrapportage, monitorsoort
from passend.strategy.pdf import CSS, pdf_van_html

_MONITORWAARDEN = ("doel", "werkelijk")


def _t(tekst: Any) -> str:
    return escape(str(tekst))


def _cel(tabel: str, sleutel: str, rij: dict[str, Any]) -> tuple[str, bool]:
    """The cell as text, and whether it is a number (right-aligned)."""
    waarde = rij.get(sleutel)
    if isinstance(waarde, str) and (naam := codecel(sleutel, waarde)) != waarde:
        return naam, False
    soort: str = kolom(sleutel, tabel).soort
    if tabel == "commitmentmonitor" and sleutel in _MONITORWAARDEN:
        soort = monitorsoort(rij.get("eenheid"))
    getal = opmaak.is_getal(waarde) and soort not in ("tekst", "jaar")
    return opmaak.cel(waarde, soort), getal or waarde in ("<5", "x")


def _tabel(naam: str, titel: str, kolommen: tuple[str, ...], rijen: tuple[Any, ...]) -> str:
    if not rijen:
        return f'<h3>{_t(titel)}</h3><p class="klein">Geen gegevens.</p>'
    koppen = "".join(f"<th>{_t(kolom(k, naam).label())}</th>" for k in kolommen)
    romp = ""
    for rij in rijen:
        cellen = [_cel(naam, k, rij) for k in kolommen]
        romp += (
            "<tr>"
            + "".join(
                f'<td class="{"getal" if getal else ""}">{_t(tekst)}</td>'
                for tekst, getal in cellen
            )
            + "</tr>"
        )
    return (
        f'<h3>{_t(titel)}</h3><div class="smal"><table><thead><tr>{koppen}</tr></thead>'
        f"<tbody>{romp}</tbody></table></div>"
    )


def _grafieken(r: Raadsrapportage) -> dict[str, str]:
    """Per section title, the SVG chart drawn from its frozen public tables (only published
    cells are drawn: a suppressed group is left out)."""
    from passend.analysis.grafieken import toekomstplan_grafiek
    from passend.analysis.weergave import als_svg

    uit = {}
    for s in r.secties:
        for naam, _titel, _kolommen, rijen in s.tabellen:
            if naam == "plan_per_uitkomst" and (grafiek := toekomstplan_grafiek(list(rijen))):
                uit[s.titel] = als_svg(grafiek)
    return uit


def als_html(r: Raadsrapportage) -> str:
    """The document as HTML: a cover, then each section with its tables (and its chart)."""
    svg = _grafieken(r)
    voorblad = (
        f'<div class="voorblad"><h1>{_t(r.titel)}</h1>'
        f'<p class="ondertitel">{_t(r.gebied)} · jaar {r.jaar} · cohort {r.cohort} · '
        f"peildatum {_t(opmaak.datum(r.peildatum))}</p>"
        '<p class="klein">Openbaar: kleine aantallen (1–4) staan als ‘&lt;5’; ‘x’ is '
        "aanvullend onderdrukt zodat ze niet terug te rekenen zijn. De definities staan in "
        "docs/definities.md van Passend.</p></div>"
    )
    secties = "".join(
        f"<h2>{i}. {_t(s.titel)}</h2><p>{_t(s.tekst)}</p>"
        + "".join(_tabel(*t) for t in s.tabellen)
        + (f'<div class="grafiek">{svg[s.titel]}</div>' if s.titel in svg else "")
        for i, s in enumerate(r.secties, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{_t(r.titel)}'
        f"</title><style>{CSS}</style></head><body>{voorblad}{secties}</body></html>"
    )


def als_pdf(r: Raadsrapportage) -> bytes:
    """The raadsrapportage as PDF bytes (the adapters write or send it)."""
    return pdf_van_html(als_html(r))
