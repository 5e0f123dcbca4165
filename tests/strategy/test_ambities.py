"""Ambitions, indicators and the commitment monitor."""

from datetime import date

import pytest

from passend.analysis.gebied import Gebied
from passend.strategy.ambities import (
    Ambitie,
    Ambitiekader,
    Indicator,
    Meting,
    kader_als_dict,
    kader_uit_dict,
    met_basiswaarden,
    monitor,
    principetoets,
    voorbeeldkader,
)


def _ind(**kw) -> Indicator:
    basis = dict(
        code="zv",
        naam="Zonder vervolg",
        bron="zonder_vervolg_aandeel",
        richting="lager",
        eenheid="aandeel",
        basisjaar=2024,
        basiswaarde=0.30,
        streefwaarde=0.10,
        streefdatum=date(2028, 12, 31),
    )
    return Indicator(**{**basis, **kw})


def test_target_path_is_linear_then_flat():
    i = _ind()
    # 0.30 in 2024 to 0.10 in 2028: 0.05 less per year
    assert [round(i.doel_in(j), 3) for j in range(2023, 2031)] == [
        0.30,
        0.30,
        0.25,
        0.20,
        0.15,
        0.10,
        0.10,
        0.10,
    ]


def test_status_on_track_behind_and_reached():
    i = _ind(
        bron="handmatig", metingen=(Meting(2025, 0.24), Meting(2026, 0.22), Meting(2028, 0.10))
    )
    kader = Ambitiekader(
        "Visie", ambities=(Ambitie("18-23", "A", "", ("doorgaande_lijnen",), indicatoren=(i,)),)
    )
    status = {r["jaar"]: r["status"] for r in monitor(kader, range(2025, 2029))}
    # 2025: 0.24 <= 0.25 on track; 2026: 0.22 > 0.20 behind; 2027: no value; 2028: reached
    assert status == {2025: "op koers", 2026: "achter", 2027: "geen gegevens", 2028: "gehaald"}


def test_validation():
    with pytest.raises(ValueError, match="principes"):
        Ambitie("18-23", "A", "", ())
    with pytest.raises(ValueError, match="Doelgroep"):
        Ambitie("0-4", "A", "", ("toekomstgericht",))
    with pytest.raises(ValueError, match="Onbekende bron"):
        _ind(bron="geluk")


def test_example_framework_covers_the_three_principles():
    kader = voorbeeldkader(2023)
    gedekt = {r["principe"] for r in principetoets(kader) if r["ambities"]}
    assert gedekt == {"toekomstgericht", "doorgaande_lijnen", "integrale_basis"}
    assert {a.doelgroep for a in kader.ambities} == {"16-18", "18-23", "23-27"}
    assert kader_uit_dict(kader_als_dict(kader)) == kader


def test_computed_indicators_from_the_data(con):
    from passend.analysis.transitie import transitie

    kader = met_basiswaarden(voorbeeldkader(2024), con, Gebied.standaard())
    t = transitie(con, 2024, Gebied.standaard())
    zv = next(i for _, i in kader.indicatoren() if i.bron == "zonder_vervolg_aandeel")
    assert zv.basiswaarde == pytest.approx(t["zonder_vervolg"] / t["cohort"])
    rijen = monitor(kader, [2024, 2025], con, Gebied.standaard())
    gat = [r for r in rijen if r["indicator"] == "gat"]
    assert gat[0]["werkelijk"] == t["gat_dagen_mediaan"]
    # Computed from the toekomstplan register, which this connection leaves empty: no figure
    # (not 0%) in any year.
    plan = [r for r in rijen if r["indicator"] == "toekomstplan"]
    assert plan and all(r["werkelijk"] is None for r in plan)


def test_an_incomplete_cohort_is_voorlopig_in_the_monitor_never_achter(con):
    from passend.analysis.dekking import dekking

    periode = dekking(con)
    kader = met_basiswaarden(voorbeeldkader(2024), con, Gebied.standaard())
    jaren = periode.jaren()
    rijen = monitor(kader, jaren, con, Gebied.standaard())
    laatste = max(jaren)
    assert not periode.cohort_volledig(laatste)  # the newest cohort lacks its year after
    cohortrijen = [r for r in rijen if r["indicator"] == "zonder_vervolg" and r["jaar"] == laatste]
    assert cohortrijen and all(
        r["status"] == "voorlopig" and r["volledig"] is False for r in cohortrijen
    )
    # a complete cohort is judged as before
    volledig = [j for j in jaren if periode.cohort_volledig(j)]
    for r in rijen:
        if r["indicator"] == "zonder_vervolg" and r["jaar"] in volledig:
            assert r["status"] in ("op koers", "achter", "gehaald", "niet gehaald", "geen gegevens")
