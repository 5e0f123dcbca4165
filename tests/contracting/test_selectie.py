"""Scoring a tender by hand: absolute price scoring, gunnen op waarde, ties, the rank-order
paradox that absolute scoring avoids, and the refusals; Open House admission."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from passend.contracting.selectie import (
    Beoordelingsmethode,
    Criterium,
    Eis,
    Inschrijving,
    scoor,
    toelating,
)

VAST = datetime(2026, 3, 1, 9, 0)
LATER = datetime(2026, 3, 8, 14, 0)


def _gewogen(prijsgewicht="0.4", pmax=100, pmin=60, criteria=None) -> Beoordelingsmethode:
    return Beoordelingsmethode(
        "gewogen_factor",
        criteria
        or (
            Criterium("K1", "Aanpak", Decimal("0.35")),
            Criterium("K2", "Samenwerking", Decimal("0.25")),
        ),
        VAST,
        prijsgewicht=Decimal(prijsgewicht),
        pmax=Decimal(pmax),
        pmin=Decimal(pmin),
    )


def _bod(naam, prijs, **scores) -> Inschrijving:
    return Inschrijving(
        naam, Decimal(prijs), {k: Decimal(str(v)) for k, v in scores.items()}, LATER
    )


BIEDINGEN = [
    _bod("A", 80, K1=8, K2=6),
    _bod("B", 70, K1=6, K2=6),
    _bod("C", 95, K1=10, K2=10),
    _bod("D", 105, K1=10, K2=10),
]


def test_a_hand_scored_tender_with_absolute_price_scoring():
    uit = {u.aanbieder: u for u in scoor(_gewogen(), BIEDINGEN)}
    # A: 0,35 x 0,8 + 0,25 x 0,6 = 0,43 quality; 0,4 x (100 - 80) / 40 = 0,20 price -> 0,63
    assert (uit["A"].kwaliteit, uit["A"].prijsscore, uit["A"].totaal) == (
        Decimal("0.43"),
        Decimal("0.2"),
        Decimal("0.63"),
    )
    # B: 0,21 + 0,15 = 0,36; 0,4 x 30 / 40 = 0,30 -> 0,66.  C: 0,60 + 0,4 x 5 / 40 = 0,65.
    assert uit["B"].totaal == Decimal("0.66") and uit["C"].totaal == Decimal("0.65")
    assert [uit[n].rang for n in "BCA"] == [1, 2, 3]
    # D bids above the Pmax fixed in advance: invalid, no rank.
    assert not uit["D"].geldig and uit["D"].rang is None and "Pmax" in uit["D"].reden


def test_gunnen_op_waarde_turns_quality_into_euros_off_the_bid():
    m = Beoordelingsmethode(
        "gunnen_op_waarde",
        (
            Criterium("K1", "Aanpak", waarde_euro=Decimal(20)),
            Criterium("K2", "Samenwerking", waarde_euro=Decimal(10)),
        ),
        VAST,
    )
    uit = {u.aanbieder: u for u in scoor(m, BIEDINGEN[:3])}
    # A: 80 - (20 x 0,8 + 10 x 0,6) = 58; B: 70 - 18 = 52; C: 95 - 30 = 65.
    assert {n: uit[n].fictieve_prijs for n in "ABC"} == {
        "A": Decimal(58),
        "B": Decimal(52),
        "C": Decimal(65),
    }
    assert [uit[n].rang for n in "BAC"] == [1, 2, 3]


def _relatief(biedingen, prijsgewicht, kwaliteit):
    """Relative price scoring (NOT offered by Passend): points = WP x lowest price / price."""
    laagste = min(b.prijs for b in biedingen)
    totaal = {
        b.aanbieder: kwaliteit[b.aanbieder] + prijsgewicht * laagste / b.prijs for b in biedingen
    }
    return sorted(totaal, key=totaal.get, reverse=True)


def test_absolute_scoring_avoids_the_rank_order_paradox():
    m = _gewogen("0.5", pmax=150, pmin=50, criteria=(Criterium("K", "Kwaliteit", Decimal("0.5")),))
    a, b, c = _bod("A", 100, K=9), _bod("B", 120, K=10), _bod("C", 50, K=2)
    kwaliteit = {"A": Decimal("0.45"), "B": Decimal("0.5"), "C": Decimal("0.1")}
    # With relative scoring, a third (cheap, poor) bid swaps A and B: the paradox.
    assert _relatief([a, b], Decimal("0.5"), kwaliteit) == ["A", "B"]
    assert _relatief([a, b, c], Decimal("0.5"), kwaliteit)[:2] == ["B", "A"]
    # Absolute scoring: A = 0,45 + 0,5 x 50/100 = 0,70; B = 0,50 + 0,5 x 30/100 = 0,65, with
    # or without C.
    for biedingen in ([a, b], [a, b, c]):
        rang = {u.aanbieder: u.rang for u in scoor(m, biedingen)}
        assert rang["A"] < rang["B"]
    assert {u.aanbieder: u.totaal for u in scoor(m, [a, b])} == {
        "A": Decimal("0.70"),
        "B": Decimal("0.65"),
    }


def test_ties_go_to_quality_then_price_then_a_lot_for_the_commissie():
    m = _gewogen()
    # E and F both total 0,63: E has more quality (0,53 vs 0,43), so E ranks first, no lot.
    e, f = _bod("E", 90, K1=10, K2=7.2), _bod("F", 80, K1=8, K2=6)
    uit = {u.aanbieder: u for u in scoor(m, [f, e])}
    assert uit["E"].totaal == uit["F"].totaal == Decimal("0.63")
    assert (uit["E"].rang, uit["F"].rang, uit["E"].loting) == (1, 2, False)
    # Two identical bids share the rank and need a lot.
    g, h = _bod("G", 80, K1=8, K2=6), _bod("H", 80, K1=8, K2=6)
    gelijk = scoor(m, [g, h])
    assert [u.rang for u in gelijk] == [1, 1] and all(u.loting for u in gelijk)


@pytest.mark.parametrize(
    ("maak", "melding"),
    [
        (lambda: _gewogen("1", criteria=(Criterium("K", "K", Decimal(0)),)), "prijs alleen"),
        (lambda: _gewogen("0.5"), "tellen op"),
        (lambda: _gewogen(pmax=60, pmin=60), "Pmax en Pmin"),
        (
            lambda: Beoordelingsmethode("relatief", (Criterium("K", "K"),), VAST),
            "Onbekende methode",
        ),
        (lambda: Beoordelingsmethode("gunnen_op_waarde", (), VAST), "kwaliteitscriteria"),
    ],
)
def test_methods_that_are_not_allowed_are_refused_in_dutch(maak, melding):
    with pytest.raises(ValueError, match=melding):
        maak()


def test_a_score_given_before_the_method_was_fixed_is_refused():
    vroeg = Inschrijving(
        "A", Decimal(80), {"K1": Decimal(8), "K2": Decimal(6)}, datetime(2026, 2, 1)
    )
    with pytest.raises(ValueError, match="vóórdat methode en gewichten vaststonden"):
        scoor(_gewogen(), [vroeg])


def test_open_house_admits_who_meets_every_requirement():
    eisen = [
        Eis("G1", "geschiktheid", "Inschrijving KvK"),
        Eis("K1", "kwaliteit", "Keurmerk"),
    ]
    uit = toelating(
        eisen,
        {
            "Zorg BV": {"G1": (True, "uittreksel 2026"), "K1": (True, "HKZ")},
            "Hulp BV": {"G1": (True, "uittreksel"), "K1": (False, "geen keurmerk")},
            "Stil BV": {"G1": (True, "uittreksel")},
        },
    )
    assert [(r["aanbieder"], r["toegelaten"]) for r in uit] == [
        ("Hulp BV", False),
        ("Stil BV", False),
        ("Zorg BV", True),
    ]
    assert uit[0]["niet_voldaan"] == [
        {"eis": "K1", "soort": "kwaliteit", "toelichting": "geen keurmerk"}
    ]
    assert uit[1]["niet_voldaan"][0]["toelichting"] == "niet beoordeeld"


def test_the_cli_scores_a_tender_file(tmp_path):
    from passend.cli import main

    bestand = tmp_path / "aanbesteding.json"
    bestand.write_text(
        json.dumps(
            {
                "methode": "gewogen_factor",
                "vastgesteld_op": "2026-03-01T09:00",
                "prijsgewicht": 0.4,
                "pmax": 100,
                "pmin": 60,
                "criteria": [{"code": "K1", "gewicht": 0.35}, {"code": "K2", "gewicht": 0.25}],
                "inschrijvingen": [
                    {
                        "aanbieder": n,
                        "prijs": p,
                        "scores": {"K1": k1, "K2": k2},
                        "beoordeeld_op": "2026-03-08T14:00",
                    }
                    for n, p, k1, k2 in (("A", 80, 8, 6), ("B", 70, 6, 6), ("C", 95, 10, 10))
                ],
            }
        )
    )
    uit = CliRunner().invoke(main, ["selectie", "score", str(bestand), "--json"])
    assert uit.exit_code == 0, uit.output
    rangorde = [(r["aanbieder"], r["rang"], r["totaal"]) for r in json.loads(uit.output)["uitslag"]]
    assert rangorde == [("B", 1, 0.66), ("C", 2, 0.65), ("A", 3, 0.63)]
    bestand.write_text(
        json.dumps(
            {
                "methode": "gewogen_factor",
                "vastgesteld_op": "2026-03-01",
                "prijsgewicht": 1,
                "criteria": [{"code": "K", "gewicht": 0}],
            }
        )
    )
    fout = CliRunner().invoke(main, ["selectie", "score", str(bestand)])
    assert fout.exit_code == 2 and "prijs alleen" in fout.output


def _pdftekst(pad) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_gunningsadvies_writes_down_method_weights_scores_ranking_and_reasons(tmp_path):
    """The hand-scored tender above (B 0,66, C 0,65, A 0,63; D above Pmax) as the
    commissie's PDF: read back, it names the method and when it was fixed, the weights, every
    score, the ranking in order and the reason of each place, and advises B."""
    from passend.contracting.gunningsadvies import gunningsadvies_pdf

    methode = _gewogen()
    uitslagen = scoor(methode, BIEDINGEN)
    pad = tmp_path / "advies.pdf"
    pad.write_bytes(gunningsadvies_pdf(methode, BIEDINGEN, uitslagen, titel="Perceel 4A"))
    tekst = _pdftekst(pad)
    assert "Perceel 4A" in tekst and "De commissie adviseert te gunnen aan B." in tekst
    assert "vastgesteld op 01-03-2026 09:00" in tekst
    assert "Aanpak" in tekst and "35%" in tekst and "Samenwerking" in tekst and "40%" in tekst
    rangorde = tekst[tekst.index("4. Rangorde") : tekst.index("5. Motivering")]
    regels = [r.split() for r in rangorde.splitlines() if r.strip() and r.split()[0] in "123–"]
    assert [(r[0], r[1]) for r in regels] == [("1", "B"), ("2", "C"), ("3", "A"), ("–", "D")]
    assert "B: rang 1, totaal 0,660 (kwaliteit 0,360 + prijs 0,300)." in tekst
    assert "D: De prijs ligt boven de vooraf vastgestelde Pmax" in tekst


def test_a_tie_beyond_the_rules_is_advised_as_a_lot():
    from passend.contracting.gunningsadvies import gunningsadvies_html

    gelijk = [_bod("P", 80, K1=8, K2=6), _bod("Q", 80, K1=8, K2=6)]
    html = gunningsadvies_html(_gewogen(), gelijk, scoor(_gewogen(), gelijk))
    assert (
        "P en Q eindigen gelijk, ook na de beslisregels: de commissie adviseert te loten." in html
    )
    assert "gelijk met een andere inschrijving na de beslisregels: loting" in html


def test_the_cli_writes_the_gunningsadvies(tmp_path):
    from passend.cli import main

    bestand = tmp_path / "aanbesteding.json"
    bestand.write_text(
        json.dumps(
            {
                "methode": "gunnen_op_waarde",
                "vastgesteld_op": "2026-03-01T09:00",
                "criteria": [{"code": "K1", "naam": "Aanpak", "waarde_euro": 10}],
                "inschrijvingen": [
                    {
                        "aanbieder": "A",
                        "prijs": 80,
                        "scores": {"K1": 5},
                        "beoordeeld_op": "2026-03-08",
                    },
                    {
                        "aanbieder": "B",
                        "prijs": 78,
                        "scores": {"K1": 1},
                        "beoordeeld_op": "2026-03-08",
                    },
                ],
            }
        )
    )
    pdf = tmp_path / "advies.pdf"
    uit = CliRunner().invoke(main, ["selectie", "score", str(bestand), "--pdf", str(pdf)])
    assert uit.exit_code == 0, uit.output
    tekst = _pdftekst(pdf)
    # A: 80 − 10 × 5/10 = 75, B: 78 − 10 × 1/10 = 77: A wins on the fictitious price
    assert "De commissie adviseert te gunnen aan A." in tekst
    assert "A: rang 1, fictieve prijs € 75,00 (prijs € 80,00 − € 5,00 voor kwaliteit)." in tekst
