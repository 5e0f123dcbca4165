"""Outcomes per life domain by hand (docs/definities.md § 17), without a database.

Year 2024, area Dordrecht (0505); aanbieders A and B; toegang = no aanbieder.

    p1  client 1, born 2006-05-01 (cohort 2024); Jeugd levering A 2023-01-01..2024-06-30
        (categorie 45: segment 4A).
        financien    2023-03-01 2 (A), 2024-03-01 4 (A), 2025-02-01 1 (A, after 2024)
                     -> 2 -> 4, verbeterd; zelfredzaam last, not first.
        huisvesting  2024-02-01 3 (toegang) and 2 (A) on one date -> 2 (the lowest);
                     2024-09-01 2 (A) -> 2 -> 2, gelijk. Per aanbieder A: 2 -> 2.
    p2  client 2, born 2007-02-10 (cohort 2025); Jeugd levering B from 2024-02-01, after
        the first score (segment '': geen levering).
        financien    2024-01-15 4 (B), 2024-12-31 3 (B) -> verslechterd.
        justitie     2024-05-01 1 (B): one score, no traject.
    p3  not in the care data (cohort unknown).
        financien    2022-06-01 1, 2023-06-01 3 (toegang): last in 2023, not in 2024.
        huisvesting  2024-03-01 3 (0505); 2024-10-01 5 registered by Gorinchem (0512),
                     outside the area: one score left, no traject.

financien: gemeten 2 (p1, p2), first mean 3.0, last mean 3.5, change +0.5, verbeterd 1,
verslechterd 1; zelfredzaam first 1 (p2), last 1 (p1). huisvesting: gemeten 1, gelijk 1.
"""

from __future__ import annotations

from datetime import date as d

import pyarrow as pa
import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.grafieken import grafieken
from passend.analysis.kolommen import TABELLEN, bekend
from passend.analysis.rapport import Verzoek, rapport
from passend.analysis.relaties import SCHEMA, verbind
from passend.analysis.weergave import als_png, als_svg
from passend.analysis.zelfredzaamheid import GEEN_LEVERING, zelfredzaamheid, zrm_verdeling
from passend.domain.zrm import ZRM_DOMEINEN

A, B = "11111111", "22222222"
GEBIED = Gebied.standaard("0505", None)


def _tabel(naam, rijen):
    schema = SCHEMA[naam]
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rijen], schema=schema)


def _score(p, domein, datum, score, aanbieder=None, gemeente="0505"):
    return {
        "pseudoniem": p,
        "gemeente": gemeente,
        "aanbieder": aanbieder,
        "domein": domein,
        "datum": datum,
        "score": score,
    }


SCORES = [
    _score("p1", "financien", d(2023, 3, 1), 2, A),
    _score("p1", "financien", d(2024, 3, 1), 4, A),
    _score("p1", "financien", d(2025, 2, 1), 1, A),
    _score("p1", "huisvesting", d(2024, 2, 1), 3),
    _score("p1", "huisvesting", d(2024, 2, 1), 2, A),
    _score("p1", "huisvesting", d(2024, 9, 1), 2, A),
    _score("p2", "financien", d(2024, 1, 15), 4, B),
    _score("p2", "financien", d(2024, 12, 31), 3, B),
    _score("p2", "justitie", d(2024, 5, 1), 1, B),
    _score("p3", "financien", d(2022, 6, 1), 1),
    _score("p3", "financien", d(2023, 6, 1), 3),
    _score("p3", "huisvesting", d(2024, 3, 1), 3),
    _score("p3", "huisvesting", d(2024, 10, 1), 5, gemeente="0512"),
]


def _lev(client, agb, begin, eind):
    return {
        "domein": "jeugd",
        "gemeente": "0505",
        "aanbieder": agb,
        "client_id": client,
        "toewijzingnummer": client,
        "categorie": "45",
        "begindatum": begin,
        "einddatum": eind,
    }


def _con(scores=tuple(SCORES)):
    relaties = {naam: _tabel(naam, []) for naam in SCHEMA if naam != "zrm"}
    relaties["client"] = _tabel(
        "client",
        [
            {"client_id": 1, "pseudoniem": "p1", "geboortedatum": d(2006, 5, 1)},
            {"client_id": 2, "pseudoniem": "p2", "geboortedatum": d(2007, 2, 10)},
        ],
    )
    relaties["levering"] = _tabel(
        "levering", [_lev(1, A, d(2023, 1, 1), d(2024, 6, 30)), _lev(2, B, d(2024, 2, 1), None)]
    )
    relaties["gemeente"] = _tabel(
        "gemeente",
        [
            {"gemeente": "0505", "naam": "Dordrecht", "jeugdregio": "Zuid-Holland Zuid"},
            {"gemeente": "0512", "naam": "Gorinchem", "jeugdregio": "Zuid-Holland Zuid"},
        ],
    )
    relaties["aanbieder"] = _tabel("aanbieder", [{"aanbieder": A, "naam": "Aanbieder A"}])
    if scores is not None:
        relaties["zrm"] = _tabel("zrm", list(scores))
    return verbind(relaties)


def _kern(rij):
    sleutels = (
        "gemeten",
        "eerste_gemiddeld",
        "laatste_gemiddeld",
        "verschil_gemiddeld",
        "verbeterd",
        "gelijk",
        "verslechterd",
        "zelfredzaam_eerste",
        "zelfredzaam_laatste",
    )
    return tuple(rij[k] for k in sleutels)


def test_per_domain_by_hand_with_every_domain_listed():
    rijen = zelfredzaamheid(_con(), 2024, GEBIED)
    assert [r["zrm_domein"] for r in rijen] == list(ZRM_DOMEINEN)
    per = {r["zrm_domein"]: r for r in rijen}
    assert _kern(per["financien"]) == (2, 3.0, 3.5, 0.5, 1, 0, 1, 1, 1)
    assert per["financien"]["aandeel_verbeterd"] == 0.5
    assert per["financien"]["pijler"] == "inkomen"
    assert _kern(per["huisvesting"]) == (1, 2.0, 2.0, 0.0, 0, 1, 0, 0, 0)
    assert per["huisvesting"]["pijler"] == "wonen"
    # One score is no traject; an empty domain has no means or shares.
    assert per["justitie"]["gemeten"] == 0
    assert per["justitie"]["eerste_gemiddeld"] is None
    assert per["justitie"]["aandeel_verbeterd"] is None


def test_the_summary_is_every_traject_together():
    (rij,) = rapport("zelfredzaamheid", _con(), Verzoek(GEBIED, 2024))["zrm_samenvatting"]
    # financien p1 2->4, p2 4->3; huisvesting p1 2->2: first (2+4+2)/3, last (4+3+2)/3
    assert _kern(rij) == (3, 2.67, 3.0, 0.33, 1, 1, 1, 1, 1)
    assert rij["aandeel_verbeterd"] == pytest.approx(0.3333)


def test_a_traject_counts_in_the_year_of_its_last_score():
    per = {r["zrm_domein"]: r for r in zelfredzaamheid(_con(), 2023, GEBIED)}
    # 2023: p3 financien 1 -> 3 (last 2023-06-01); p1's 2023 score alone is no traject.
    assert _kern(per["financien"]) == (1, 1.0, 3.0, 2.0, 1, 0, 0, 0, 0)
    # 2025: p1 financien runs 2 -> 1 (first 2023, last 2025).
    per = {r["zrm_domein"]: r for r in zelfredzaamheid(_con(), 2025, GEBIED)}
    assert _kern(per["financien"]) == (1, 2.0, 1.0, -1.0, 0, 0, 1, 0, 0)


def test_per_aanbieder_uses_only_its_own_scores():
    rijen = zelfredzaamheid(_con(), 2024, GEBIED, "aanbieder")
    kort = [(r["aanbieder"], r["zrm_domein"], r["naam"], _kern(r)[:2]) for r in rijen]
    assert kort == [
        (A, "financien", "Aanbieder A", (1, 2.0)),
        (A, "huisvesting", "Aanbieder A", (1, 2.0)),
        (B, "financien", "", (1, 4.0)),
    ]


def test_per_cohort_adds_up_to_the_domain():
    rijen = zelfredzaamheid(_con(), 2024, GEBIED, "cohort")
    assert [(r["cohortjaar"], r["zrm_domein"], r["gemeten"]) for r in rijen] == [
        (2024, "financien", 1),
        (2024, "huisvesting", 1),
        (2025, "financien", 1),
    ]
    # p3 (not in the care data) has a traject in 2023 only: its cohort is unknown.
    rijen_2023 = zelfredzaamheid(_con(), 2023, GEBIED, "cohort")
    assert [(r["cohortjaar"], r["gemeten"]) for r in rijen_2023] == [(None, 1)]


def test_per_segment_is_the_care_running_at_the_first_score():
    rijen = zelfredzaamheid(_con(), 2024, GEBIED, "segment")
    kort = [(r["segment"], r["segmentnaam"], r["zrm_domein"], r["gemeten"]) for r in rijen]
    naam_4a = next(r["segmentnaam"] for r in rijen if r["segment"] == "4A")
    assert kort == [
        ("", GEEN_LEVERING, "financien", 1),
        ("4A", naam_4a, "financien", 1),
        ("4A", naam_4a, "huisvesting", 1),
    ]


def test_the_distribution_per_half_year_by_hand():
    rijen = zrm_verdeling(_con(), 2024, GEBIED)
    kort = [
        (r["zrm_domein"], r["periode"], r["gemeten"], [r[f"score_{s}"] for s in range(1, 6)])
        for r in rijen
    ]
    assert kort == [
        ("financien", "2022 JH-1", 1, [1, 0, 0, 0, 0]),
        ("financien", "2023 JH-1", 2, [0, 1, 1, 0, 0]),
        ("financien", "2024 JH-1", 2, [0, 0, 0, 2, 0]),
        ("financien", "2024 JH-2", 1, [0, 0, 1, 0, 0]),
        ("huisvesting", "2024 JH-1", 2, [0, 1, 1, 0, 0]),
        ("huisvesting", "2024 JH-2", 1, [0, 1, 0, 0, 0]),
        ("justitie", "2024 JH-1", 1, [1, 0, 0, 0, 0]),
    ]


def test_without_scores_the_report_is_empty_not_an_error():
    tabellen = rapport("zelfredzaamheid", _con(scores=None), Verzoek(GEBIED, 2024))
    assert all(r["gemeten"] == 0 for r in tabellen["zrm_per_domein"])
    assert tabellen["zrm_per_aanbieder"] == [] and tabellen["zrm_verdeling"] == []


def test_public_output_suppresses_small_numbers_and_what_derives_from_them():
    tabellen = rapport("zelfredzaamheid", _con(), Verzoek(GEBIED, 2024), openbaar=True)
    financien = next(r for r in tabellen["zrm_per_domein"] if r["zrm_domein"] == "financien")
    assert financien["gemeten"] == "<5"
    assert financien["eerste_gemiddeld"] == "x" and financien["aandeel_verbeterd"] == "x"
    assert all(r["gemeten"] in ("<5", 0) for r in tabellen["zrm_per_aanbieder"])
    assert all(r["score_1"] in ("<5", "x", 0) for r in tabellen["zrm_verdeling"])


def test_a_larger_group_is_published():
    veel = [
        _score(f"q{i}", "tijdsbesteding", dag, score)
        for i in range(12)
        for dag, score in ((d(2024, 1, 10), 2), (d(2024, 11, 10), 3 if i < 7 else 2))
    ]
    tabellen = rapport("zelfredzaamheid", _con(veel), Verzoek(GEBIED, 2024), openbaar=True)
    rij = next(r for r in tabellen["zrm_per_domein"] if r["zrm_domein"] == "tijdsbesteding")
    assert rij["gemeten"] == 12 and rij["verbeterd"] == 7 and rij["gelijk"] == 5
    assert rij["verslechterd"] == 0
    assert rij["aandeel_verbeterd"] == pytest.approx(7 / 12, abs=1e-4)


def test_every_table_and_column_is_in_the_catalogue():
    tabellen = rapport("zelfredzaamheid", _con(), Verzoek(GEBIED, 2024))
    for tabel, rijen in tabellen.items():
        assert tabel in TABELLEN
        for rij in [rijen] if isinstance(rijen, dict) else rijen:
            assert all(bekend(k, tabel) for k in rij), (
                tabel,
                [k for k in rij if not bekend(k, tabel)],
            )


def test_the_distribution_chart_renders_with_every_measured_domain_and_half_year():
    tabellen = rapport("zelfredzaamheid", _con(), Verzoek(GEBIED, 2024))
    grafiek = grafieken("zelfredzaamheid", tabellen)["zelfredzaamheid"]
    svg, png = als_svg(grafiek), als_png(grafiek)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    for tekst in ("Financiën", "Huisvesting", "Justitie", "2022 JH-1", "2024 JH-2"):
        assert tekst in svg
    assert "Werk en opleiding" not in svg  # a domain without scores gets no panel
    rijen = [r for r in grafiek.to_dict()["data"]["values"] if r["domein"] == "Financiën"]
    h2 = {r["score"]: r["aandeel"] for r in rijen if r["periode"] == "2024 JH-2"}
    assert h2["3 beperkt zelfredzaam"] == 1.0 and h2["4 voldoende zelfredzaam"] == 0.0


def test_the_public_chart_draws_no_half_year_with_a_hidden_count():
    klein = rapport("zelfredzaamheid", _con(), Verzoek(GEBIED, 2024), openbaar=True)
    assert "zelfredzaamheid" not in grafieken("zelfredzaamheid", klein, openbaar=True)
    veel = [
        _score(f"q{i}", "tijdsbesteding", dag, 2 if i < 6 else 4)
        for i in range(12)
        for dag in (d(2024, 1, 10), d(2024, 8, 10))
    ]
    tabellen = rapport(
        "zelfredzaamheid", _con([*SCORES, *veel]), Verzoek(GEBIED, 2024), openbaar=True
    )
    grafiek = grafieken("zelfredzaamheid", tabellen, openbaar=True)["zelfredzaamheid"]
    getekend = {(r["domein"], r["periode"]) for r in grafiek.to_dict()["data"]["values"]}
    assert getekend == {("Tijdsbesteding", "2024 JH-1"), ("Tijdsbesteding", "2024 JH-2")}
