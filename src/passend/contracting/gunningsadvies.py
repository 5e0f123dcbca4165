"""The gunningsadvies: the beoordelingscommissie's advice on a scored tender, as a document
(HTML, and PDF through WeasyPrint) with the method and when it was fixed, the criteria and
their weights (or euro values), every score per criterion per aanbieder, the ranking with
its figures, and per aanbieder the reason for its place (docs/contractering.md).

The figures come from :func:`passend.contracting.selectie.scoor`; this module only writes
them down, so the advice cannot differ from the ranking the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from passend.contracting.selectie import Beoordelingsmethode, Inschrijving, Uitslag
from passend.domain import opmaak

_METHODENAAM = {
    "gewogen_factor": "gewogen factor met absolute prijsscore",
    "gunnen_op_waarde": "gunnen op waarde (fictieve prijs)",
}


def _t(tekst: Any) -> str:
    return escape(str(tekst))


def _getal(waarde: Decimal | None, decimalen: int = 3) -> str:
    return "–" if waarde is None else opmaak.getal(waarde, decimalen)


def _euro(waarde: Decimal | None) -> str:
    return "–" if waarde is None else opmaak.euro(waarde, 2)


def _tabel(koppen: Sequence[str], rijen: Sequence[Sequence[str]], getallen: int = 1) -> str:
    """A table; the columns from `getallen` on are right-aligned figures."""
    kop = "".join(f"<th>{_t(k)}</th>" for k in koppen)
    romp = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"getal" if j >= getallen else ""}">{_t(c)}</td>'
            for j, c in enumerate(rij)
        )
        + "</tr>"
        for rij in rijen
    )
    return (
        f'<div class="smal"><table><thead><tr>{kop}</tr></thead><tbody>{romp}</tbody></table></div>'
    )


def _methode(m: Beoordelingsmethode) -> str:
    regels = [
        f"Methode: {_METHODENAAM[m.methode]}, vastgesteld op "
        f"{m.vastgesteld_op:%d-%m-%Y %H:%M}, vóór de eerste score.",
        f"Scores op een schaal van 0 tot {opmaak.getal(m.schaal, 0)}.",
    ]
    if m.methode == "gewogen_factor":
        regels.append(
            f"Prijs weegt {opmaak.procent(m.prijsgewicht, 0)} met een absolute prijsscore: "
            f"prijsgewicht × (Pmax − prijs) / (Pmax − Pmin), Pmax {_euro(m.pmax)} en Pmin "
            f"{_euro(m.pmin)} vooraf vastgelegd; een prijs boven Pmax is ongeldig. De score van "
            "een inschrijving hangt zo alleen van die inschrijving af: meer of minder "
            "inschrijvers kan de volgorde van de anderen niet omdraaien."
        )
    else:
        regels.append(
            "Elke kwaliteitsscore levert haar deel van de waarde van het criterium op als "
            "korting op de prijs; de laagste fictieve prijs wint."
        )
    regels.append(
        "Bij gelijke uitkomst wint de hoogste kwaliteit, dan de laagste prijs; wat dan nog "
        "gelijk is, gaat naar loting."
    )
    return "".join(f"<p>{_t(r)}</p>" for r in regels)


def _criteria(m: Beoordelingsmethode) -> str:
    gewogen = m.methode == "gewogen_factor"
    rijen = [
        [c.code, c.naam, opmaak.procent(c.gewicht, 0) if gewogen else _euro(c.waarde_euro)]
        for c in m.criteria
    ]
    if gewogen:
        rijen.append(["Prijs", "absolute prijsscore", opmaak.procent(m.prijsgewicht, 0)])
    return _tabel(["Code", "Criterium", "Gewicht" if gewogen else "Waarde"], rijen, getallen=2)


def _scores(m: Beoordelingsmethode, biedingen: Sequence[Inschrijving]) -> str:
    koppen = ["Aanbieder", "Prijs", *(c.code for c in m.criteria)]
    rijen = [
        [b.aanbieder, _euro(b.prijs), *(_getal(b.scores.get(c.code), 1) for c in m.criteria)]
        for b in biedingen
    ]
    return _tabel(koppen, rijen)


def _rangorde(m: Beoordelingsmethode, uitslagen: Sequence[Uitslag]) -> str:
    if m.methode == "gewogen_factor":
        koppen = ["Rang", "Aanbieder", "Prijs", "Kwaliteit", "Prijsscore", "Totaal"]
        rijen = [
            [
                str(u.rang or "–"),
                u.aanbieder,
                _euro(u.prijs),
                _getal(u.kwaliteit),
                _getal(u.prijsscore),
                _getal(u.totaal),
            ]
            for u in uitslagen
        ]
    else:
        koppen = ["Rang", "Aanbieder", "Prijs", "Korting kwaliteit", "Fictieve prijs"]
        rijen = [
            [
                str(u.rang or "–"),
                u.aanbieder,
                _euro(u.prijs),
                _euro(u.kwaliteit),
                _euro(u.fictieve_prijs),
            ]
            for u in uitslagen
        ]
    return _tabel(koppen, rijen, getallen=2)


def _reden(m: Beoordelingsmethode, u: Uitslag) -> str:
    if not u.geldig:
        return f"{u.aanbieder}: {u.reden}"
    if m.methode == "gewogen_factor":
        uitkomst = (
            f"totaal {_getal(u.totaal)} (kwaliteit {_getal(u.kwaliteit)} + prijs "
            f"{_getal(u.prijsscore)})"
        )
    else:
        uitkomst = (
            f"fictieve prijs {_euro(u.fictieve_prijs)} (prijs {_euro(u.prijs)} − "
            f"{_euro(u.kwaliteit)} voor kwaliteit)"
        )
    loting = "; gelijk met een andere inschrijving na de beslisregels: loting" if u.loting else ""
    return f"{u.aanbieder}: rang {u.rang}, {uitkomst}{loting}."


def _advies(uitslagen: Sequence[Uitslag]) -> str:
    eersten = [u.aanbieder for u in uitslagen if u.rang == 1]
    if not eersten:
        return "Geen geldige inschrijving: de commissie adviseert niet te gunnen."
    if len(eersten) > 1:
        return (
            f"{' en '.join(eersten)} eindigen gelijk, ook na de beslisregels: de commissie "
            "adviseert te loten."
        )
    return f"De commissie adviseert te gunnen aan {eersten[0]}."


def gunningsadvies_html(
    m: Beoordelingsmethode,
    biedingen: Sequence[Inschrijving],
    uitslagen: Sequence[Uitslag],
    *,
    titel: str = "Gunningsadvies",
    css: str = "",
) -> str:
    """The advice as one HTML document (`css`: the house style of the PDFs)."""
    redenen = "".join(f"<li>{_t(_reden(m, u))}</li>" for u in uitslagen)
    inhoud = (
        f'<h1>{_t(titel)}</h1><p class="ondertitel">{_t(_advies(uitslagen))}</p>'
        f"<h2>1. Beoordelingsmethode</h2>{_methode(m)}"
        f"<h2>2. Criteria en gewichten</h2>{_criteria(m)}"
        f"<h2>3. Scores van de beoordelingscommissie</h2>{_scores(m, biedingen)}"
        f"<h2>4. Rangorde</h2>{_rangorde(m, uitslagen)}"
        f"<h2>5. Motivering</h2><ul>{redenen}</ul>"
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{_t(titel)}'
        f"</title><style>{css}</style></head><body>{inhoud}</body></html>"
    )


def gunningsadvies_pdf(
    m: Beoordelingsmethode,
    biedingen: Sequence[Inschrijving],
    uitslagen: Sequence[Uitslag],
    *,
    titel: str = "Gunningsadvies",
) -> bytes:
    """The advice as PDF bytes (the adapters write or send them)."""
    from passend.strategy.pdf import css, pdf_van_html

    return pdf_van_html(gunningsadvies_html(m, biedingen, uitslagen, titel=titel, css=css()))


__all__ = ["gunningsadvies_html", "gunningsadvies_pdf"]
