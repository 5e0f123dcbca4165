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
from passend.monitoring.raadsrapportage import Raadsrapportage, monitorsoort, tabeltitel
from passend.strategy.pdf import css, pdf_van_html

_MONITORWAARDEN = ("doel", "werkelijk")


def _t(tekst: Any) -> str:
    return escape(str(tekst))


#: The fixed words of the document in each language.
_WOORDEN = {
    "nl": {
        "leeg": "Geen gegevens.",
        "jaar": "jaar",
        "peildatum": "peildatum",
        "openbaar": "Openbaar: kleine aantallen (1–4) staan als ‘&lt;5’; ‘x’ is aanvullend "
        "onderdrukt zodat ze niet terug te rekenen zijn. De definities staan in "
        "docs/definities.md van Passend.",
    },
    "en": {
        "leeg": "No data.",
        "jaar": "year",
        "peildatum": "reference date",
        "openbaar": "Public: small counts (1–4) show as ‘&lt;5’; ‘x’ is suppressed in addition "
        "so that they cannot be worked back. The definitions are in docs/definities.md of "
        "Passend.",
    },
}


def _cel(tabel: str, sleutel: str, rij: dict[str, Any], taal: str) -> tuple[str, bool]:
    """The cell as text, and whether it is a number (right-aligned)."""
    waarde = rij.get(sleutel)
    if isinstance(waarde, str) and (naam := codecel(sleutel, waarde, taal)) != waarde:
        return naam, False
    soort: str = kolom(sleutel, tabel).soort
    if tabel == "commitmentmonitor" and sleutel in _MONITORWAARDEN:
        soort = monitorsoort(rij.get("eenheid"))
    getal = opmaak.is_getal(waarde) and soort not in ("tekst", "jaar")
    return opmaak.cel(waarde, soort, taal), getal or waarde in ("<5", "x")


def _tabel(
    naam: str, titel: str, kolommen: tuple[str, ...], rijen: tuple[Any, ...], taal: str = "nl"
) -> str:
    titel = tabeltitel(titel, taal)
    if not rijen:
        return f'<h3>{_t(titel)}</h3><p class="klein">{_WOORDEN[taal]["leeg"]}</p>'
    koppen = "".join(f"<th>{_t(kolom(k, naam).label(taal))}</th>" for k in kolommen)
    romp = ""
    for rij in rijen:
        cellen = [_cel(naam, k, rij, taal) for k in kolommen]
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


def _grafieken(r: Raadsrapportage, taal: str) -> dict[str, str]:
    """Per section title, the SVG chart drawn from its frozen public tables (only published
    cells are drawn: a suppressed group is left out)."""
    from passend.analysis.grafieken import segmentbenutting_grafiek, toekomstplan_grafiek
    from passend.analysis.weergave import als_svg

    tekenaars = {
        "plan_per_uitkomst": toekomstplan_grafiek,
        "bestedingsruimte_segment": segmentbenutting_grafiek,
    }
    uit = {}
    for s in r.secties:
        for naam, _titel, _kolommen, rijen in s.tabellen:
            teken = tekenaars.get(naam)
            if teken is not None and (grafiek := teken(list(rijen), taal)) is not None:
                uit[s.titel] = als_svg(grafiek)
    return uit


def als_html(r: Raadsrapportage, taal: str = "nl") -> str:
    """The document as HTML in `taal` ('nl' or 'en'): a cover, then each section with its
    tables (and its chart). The figures are the same in both languages."""
    taal = "en" if taal == "en" else "nl"
    woorden = _WOORDEN[taal]
    svg = _grafieken(r, taal)
    dag = r.peildatum if taal == "en" else opmaak.datum(r.peildatum)
    voorblad = (
        f'<div class="voorblad"><h1>{_t(r.titel_in(taal))}</h1>'
        f'<p class="ondertitel">{_t(r.gebied)} · {woorden["jaar"]} {r.jaar} · cohort '
        f"{r.cohort} · {woorden['peildatum']} {_t(dag)}</p>"
        f'<p class="klein">{woorden["openbaar"]}</p></div>'
    )
    secties = "".join(
        f"<h2>{i}. {_t(s.kop(taal))}</h2><p>{_t(s.uitleg(taal))}</p>"
        + "".join(_tabel(*t, taal=taal) for t in s.tabellen)
        + (f'<div class="grafiek">{svg[s.titel]}</div>' if s.titel in svg else "")
        for i, s in enumerate(r.secties, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="{taal}"><head><meta charset="utf-8">'
        f"<title>{_t(r.titel_in(taal))}</title><style>{css(taal)}</style></head><body>{voorblad}"
        f"{secties}</body></html>"
    )


def als_pdf(r: Raadsrapportage, taal: str = "nl") -> bytes:
    """The raadsrapportage as PDF bytes in `taal` (the adapters write or send it)."""
    return pdf_van_html(als_html(r, taal))
