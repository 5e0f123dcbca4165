"""The inkoopstrategie as an Excel workbook (XlsxWriter), with the same suppression as the PDF.

Sheets: Samenvatting, Markt, Keuzes, Kernwaarden, Scenario's (with the chart as a PNG),
Prognose per jaar, Risico, Ambities, Monitor, Definities, Regels.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from passend.domain.spreadsheet import WERKBOEK_OPTIES
from passend.strategy.ambities import BIG5, PRINCIPES
from passend.strategy.document import (
    DEFINITIES,
    Inkoopstrategie,
    budgettabel,
    kernwaardentabel,
    keuzetabel,
    marktcijfers,
    publieke_telling,
    scenariotabel,
)
from passend.strategy.keuzes import DIMENSIES, KERNWAARDEN, label
from passend.strategy.richtlijnen import regeltabel


class _Boek:
    def __init__(self, doel: io.BytesIO) -> None:
        self.wb = xlsxwriter.Workbook(doel, {**WERKBOEK_OPTIES, "in_memory": True})
        self.kop = self.wb.add_format(
            {"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.tekst = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.euro = self.wb.add_format({"num_format": "€ #,##0", "valign": "top"})
        self.pct = self.wb.add_format({"num_format": "0%", "valign": "top"})
        self.geheel = self.wb.add_format({"num_format": "#,##0", "valign": "top"})
        self.pct1 = self.wb.add_format({"num_format": "0.0%", "valign": "top"})
        self.decimaal = self.wb.add_format({"num_format": "#,##0.0", "valign": "top"})
        self.titel = self.wb.add_format({"bold": True, "font_size": 14, "font_color": "#154273"})

    def blad(
        self,
        naam: str,
        koppen: Sequence[str],
        rijen: Sequence[Sequence[Any]],
        breedtes: Sequence[int] | None = None,
        formaten: dict[int, Any] | None = None,
    ) -> Any:
        ws = self.wb.add_worksheet(naam[:31])
        formaten = formaten or {}
        for j, kop in enumerate(koppen):
            ws.write(0, j, kop, self.kop)
            ws.set_column(j, j, (breedtes or [18] * len(koppen))[j])
        for i, rij in enumerate(rijen, start=1):
            for j, waarde in enumerate(rij):
                ws.write(i, j, waarde, formaten.get(j, self.tekst))
        ws.freeze_panes(1, 0)
        return ws


def als_xlsx(s: Inkoopstrategie) -> bytes:
    """The workbook of the strategy (the adapters write or send it)."""
    doel = io.BytesIO()
    boek = _Boek(doel)
    _samenvatting(boek, s)
    markt = marktcijfers(s)
    boek.blad(
        "Markt",
        [
            "Segment",
            "Naam",
            "Domein",
            "Cliënten",
            "Aanbieders",
            "Uitgaven",
            "Kosten per cliënt",
            "HHI",
            "Groei kosten/cliënt",
            "Aandeel 16+",
            "Startwachttijd (dagen)",
        ],
        [
            [
                r[k]
                for k in (
                    "segment",
                    "segmentnaam",
                    "domein",
                    "clienten",
                    "aanbieders",
                    "uitgaven",
                    "kosten_per_client",
                    "hhi",
                    "kostengroei",
                    "aandeel_16_plus",
                    "startwachttijd",
                )
            ]
            for r in markt
        ],
        [9, 34, 8, 10, 10, 14, 14, 8, 12, 10, 12],
        {
            3: boek.geheel,
            4: boek.geheel,
            5: boek.euro,
            6: boek.euro,
            7: boek.geheel,
            8: boek.pct,
            9: boek.pct,
            10: boek.geheel,
        },
    )
    _keuzes(boek, s)
    _scenarios(boek, s)
    _ambities(boek, s)
    boek.blad("Definities", ["Begrip", "Definitie"], [list(d) for d in DEFINITIES], [28, 100])
    boek.blad(
        "Regels",
        ["Code", "Keuze", "Optie", "Als", "Gewicht", "Reden"],
        [
            [
                r["code"],
                DIMENSIES[r["dimensie"]][0],
                r["label"],
                r["als_tekst"],
                r["gewicht"],
                r["reden_tekst"],
            ]
            for r in regeltabel()
        ],
        [6, 16, 30, 40, 8, 80],
    )
    boek.wb.close()
    return doel.getvalue()


def _samenvatting(boek: _Boek, s: Inkoopstrategie) -> None:
    ws = boek.wb.add_worksheet("Samenvatting")
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 100)
    ws.write(0, 0, s.titel, boek.titel)
    regels = [
        ("Gebied", s.regio),
        ("Cijfers tot en met", str(s.jaar)),
        ("Datum", s.datum.isoformat()),
        ("Segmentmodel", s.segmentatie.naam),
        ("Visie", s.kader.visie),
        ("Commitment", s.kader.commitment),
        (
            "Onderdrukking",
            "Aantallen personen van 1-4 staan als '<5'; 'x' is verborgen "
            "omdat hij anders uit de totalen af te leiden is.",
        ),
    ]
    if s.synthetisch:
        regels.insert(0, ("LET OP", "Synthetische demoregio: alle cijfers zijn nep."))
    for i, (a, b) in enumerate(regels, start=2):
        ws.write(i, 0, a, boek.kop)
        ws.write(i, 1, b, boek.tekst)


def _keuzes(boek: _Boek, s: Inkoopstrategie) -> None:
    rijen, kw = [], []
    for st in s.strategieen:
        for r in keuzetabel(st):
            rijen.append(
                [
                    st.segment,
                    st.segmentnaam,
                    r["dimensie"],
                    r["keuze"],
                    "\n".join(r["redenen"]),
                    r["afwijking"],
                ]
            )
        for r in kernwaardentabel(st):
            kw.append(
                [
                    st.segment,
                    r["dimensie"],
                    r["keuze"],
                    *[r[w] for w in KERNWAARDEN],
                    *[r[f"{w}_uitleg"] for w in KERNWAARDEN],
                ]
            )
    boek.blad(
        "Keuzes",
        [
            "Segment",
            "Naam",
            "Keuze",
            "Voorstel / besluit",
            "Onderbouwing",
            "Afwijking van het voorstel",
        ],
        rijen,
        [9, 28, 26, 32, 80, 50],
    )
    boek.blad(
        "Kernwaarden",
        [
            "Segment",
            "Keuze",
            "Optie",
            *[w.capitalize() for w in KERNWAARDEN],
            *[f"Uitleg {w}" for w in KERNWAARDEN],
        ],
        kw,
        [9, 26, 30, 10, 10, 10, 10, 40, 40, 40, 40],
    )


def _scenarios(boek: _Boek, s: Inkoopstrategie) -> None:
    if not s.scenarios:
        return
    vergelijking = scenariotabel(s)
    ws = _scenarioblad(boek, s, vergelijking)
    from passend.strategy.grafiek import als_png, domein_grafiek, scenario_grafiek, waaier_grafiek

    for rij, grafiek in (
        (len(vergelijking) + 3, scenario_grafiek(s.scenarios)),
        (len(vergelijking) + 30, domein_grafiek(s.scenarios)),
        (len(vergelijking) + 50, waaier_grafiek(s.scenarios[-1], s.budget)),
    ):
        ws.insert_image(
            rij,
            0,
            "grafiek.png",
            {"image_data": io.BytesIO(als_png(grafiek)), "x_scale": 0.5, "y_scale": 0.5},
        )
    _jaarblad(boek, s)
    _budgetblad(boek, s)
    _risicoblad(boek, s)


def _scenarioblad(boek: _Boek, s: Inkoopstrategie, vergelijking: list[dict[str, Any]]) -> Any:
    """One row per scenario; the budget columns are empty when no budget was entered."""
    rijen = []
    for r, res in zip(vergelijking, s.scenarios, strict=True):
        risico = r["risico"]
        rijen.append(
            [
                r["scenario"],
                r["omschrijving"],
                r["totaal_p50"],
                r["totaal_p5"],
                r["totaal_p95"],
                r["jeugd_p50"],
                r["wmo_p50"],
                r["verschil_p50"],
                "ontschot" if r["ontschot"] else "apart",
                risico.get("budget"),
                risico.get("kans_tekort"),
                risico.get("verwacht_tekort"),
                risico.get("tekort_p95"),
                round(risico["resultaat_aanbieder_p5"], -3),
                round(risico["verwacht_verlies_aanbieder"], -3),
                res.runs,
                (res.berekend_op or "")[:10],
            ]
        )
    euro = boek.euro
    return boek.blad(
        "Scenario's",
        [
            "Scenario",
            "Omschrijving",
            "Totaal P50",
            "Totaal P5",
            "Totaal P95",
            "Jeugd P50",
            "Wmo P50",
            "Verschil met basis P50",
            "Budget Jeugd en Wmo",
            "Budget (alle jaren)",
            "Kans op tekort",
            "Verwacht tekort",
            "Tekort P95",
            "Resultaat aanbieders P5 (afgerond op € 1.000)",
            "Verwacht verlies aanbieders (afgerond op € 1.000)",
            "Runs",
            "Doorgerekend op",
        ],
        rijen,
        [24, 50, 14, 14, 14, 14, 14, 16, 12, 16, 10, 14, 14, 18, 18, 8, 14],
        {**{i: euro for i in (2, 3, 4, 5, 6, 7, 9, 11, 12, 13, 14)}, 10: boek.pct, 15: boek.geheel},
    )


def _jaarblad(boek: _Boek, s: Inkoopstrategie) -> None:
    rijen = [
        [
            r.naam,
            w["jaar"],
            w["domein"],
            w["p5"],
            w["p25"],
            w["p50"],
            w["p75"],
            w["p95"],
            s.budget.voor(w["jaar"], w["domein"]) if s.budget else None,
        ]
        for r in s.scenarios
        for w in r.waaier()
    ]
    boek.blad(
        "Prognose per jaar",
        ["Scenario", "Jaar", "Domein", "Betaling P5", "P25", "P50", "P75", "P95", "Budget"],
        rijen,
        [24, 8, 10, 14, 14, 14, 14, 14, 14],
        {i: boek.euro for i in range(3, 9)},
    )


def _budgetblad(boek: _Boek, s: Inkoopstrategie) -> None:
    rijen: list[list[Any]] = [
        [
            r["scenario"],
            r["jaar"],
            r["domein"],
            r["budget"],
            r["betaling_p5"],
            r["betaling_p50"],
            r["betaling_p95"],
            r["kans_overschrijding"],
            r["verwachte_overschrijding"],
            r["overschrijding_p95"],
        ]
        for r in budgettabel(s)
    ]
    if not rijen:
        rijen = [["Er is geen budget ingevoerd voor de prognosejaren."]]
    euro = boek.euro
    boek.blad(
        "Budgettoets",
        [
            "Scenario",
            "Jaar",
            "Domein",
            "Budget",
            "Betaling P5",
            "Betaling P50",
            "Betaling P95",
            "Kans op overschrijding",
            "Verwachte overschrijding",
            "Overschrijding P95",
        ],
        rijen,
        [24, 8, 10, 14, 14, 14, 14, 12, 14, 14],
        {3: euro, 4: euro, 5: euro, 6: euro, 7: boek.pct, 8: euro, 9: euro},
    )


def _risicoblad(boek: _Boek, s: Inkoopstrategie) -> None:
    rijen = [
        [
            r.naam,
            x["segment"],
            x["segmentnaam"],
            label(x["bekostiging"]),
            publieke_telling(x["clienten_p50"]),
            x["kosten_p5"],
            x["kosten_p50"],
            x["kosten_p95"],
            x["betaling_p50"],
            round(x["resultaat_aanbieder_p5"], -3),
        ]
        for r in s.scenarios
        for x in r.segmenttabel()
    ]
    euro = boek.euro
    boek.blad(
        "Risico",
        [
            "Scenario",
            "Segment",
            "Naam",
            "Bekostiging",
            "Cliënten P50",
            "Kosten P5",
            "Kosten P50",
            "Kosten P95",
            "Betaling P50",
            "Resultaat aanbieder P5 (afgerond op € 1.000)",
        ],
        rijen,
        [24, 9, 28, 28, 10, 14, 14, 14, 14, 18],
        {4: boek.geheel, 5: euro, 6: euro, 7: euro, 8: euro, 9: euro},
    )


def _ambities(boek: _Boek, s: Inkoopstrategie) -> None:
    rijen = [
        [
            a.doelgroep,
            a.titel,
            a.omschrijving,
            "; ".join(PRINCIPES[p] for p in a.principes),
            ", ".join(BIG5[b] for b in a.big5),
            i.naam,
            i.bron,
            i.basisjaar,
            i.basiswaarde,
            i.streefwaarde,
            i.streefdatum.isoformat(),
        ]
        for a, i in s.kader.indicatoren()
    ]
    ambities = boek.blad(
        "Ambities",
        [
            "Doelgroep",
            "Ambitie",
            "Omschrijving",
            "Principes",
            "Big 5",
            "Indicator",
            "Bron",
            "Basisjaar",
            "Basis",
            "Doel",
            "Streefdatum",
        ],
        rijen,
        [9, 30, 40, 40, 30, 32, 22, 9, 9, 9, 12],
    )
    eenheden = [i.eenheid for _a, i in s.kader.indicatoren()]
    _formatteer_per_eenheid(boek, ambities, rijen, eenheden, (8, 9))
    monitor = boek.blad(
        "Monitor",
        ["Doelgroep", "Ambitie", "Indicator", "Jaar", "Doel", "Werkelijk", "Status"],
        [
            [
                m["doelgroep"],
                m["ambitie"],
                m["naam"],
                m["jaar"],
                m["doel"],
                m["werkelijk"],
                m["status"],
            ]
            for m in s.monitor
        ],
        [9, 30, 32, 8, 10, 10, 14],
    )
    waarden = [[m["doel"], m["werkelijk"]] for m in s.monitor]
    _formatteer_per_eenheid(
        boek, monitor, waarden, [m.get("eenheid", "") for m in s.monitor], (4, 5), bron=(0, 1)
    )


def _formatteer_per_eenheid(
    boek: _Boek,
    ws: Any,
    rijen: Sequence[Sequence[Any]],
    eenheden: Sequence[str],
    kolommen: tuple[int, ...],
    bron: tuple[int, ...] | None = None,
) -> None:
    """Give the indicator values of `kolommen` the format of their row's unit (a share as a
    percentage, euros as euros); `bron`: where those values are in `rijen` (default: the
    same columns)."""
    formaat = {"aandeel": boek.pct1, "euro": boek.euro, "dagen": boek.decimaal}
    for i, (rij, eenheid) in enumerate(zip(rijen, eenheden, strict=True), start=1):
        for kolom, plek in zip(kolommen, bron or kolommen, strict=True):
            waarde = rij[plek]
            if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                ws.write_number(i, kolom, waarde, formaat.get(eenheid, boek.geheel))
