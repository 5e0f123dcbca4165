"""The scenario input and the guidance figures built from an analysis connection."""

import numpy as np
import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.markt import markt_segmenten
from passend.strategy.invoer import basisjaar_van, bouw_invoer, segmentkenmerken
from passend.strategy.segmentmodellen import vijf_segmenten_model


def test_base_year_and_horizon(con, invoer):
    assert basisjaar_van(con) == 2025
    assert invoer.basisjaar == 2025 and invoer.jaren == (2026, 2027, 2028, 2029, 2030)
    assert invoer.bevolking.shape == (6, 1, 28)


def test_base_year_clients_match_a_direct_count(con, invoer):
    i = invoer.index("4A")
    direct = con.execute("""
        SELECT count(DISTINCT l.client_id) FROM levering l
        WHERE l.domein = 'jeugd' AND l.productcode = '45A01'
          AND l.begindatum <= DATE '2025-12-31'
          AND coalesce(l.einddatum, DATE '9999-12-31') >= DATE '2025-01-01'""").fetchone()[0]
    assert invoer.start[0, i].sum() == direct


def test_cost_per_client_reproduces_base_year_spend(con, invoer):
    markt = {
        r["segment"]: r["bedrag_cent"] / 100 for r in markt_segmenten(con, 2025, Gebied.standaard())
    }
    for i, s in enumerate(invoer.segmenten):
        if invoer.start[0, i].sum():
            assert invoer.start[0, i].sum() * invoer.kosten_per_client[0, i] == pytest.approx(
                markt[s.code]
            )


def test_rates_are_sane(invoer):
    assert np.all(invoer.incidentie >= 0) and np.all(invoer.doorstroom <= 1)
    jeugd = invoer.domeinmasker("jeugd")
    # jeugdhulp starts before 18; Wmo from 18, i.e. from age 17 on 1 January (age is counted
    # on 1 January, like the population; the synthetic region is built that way)
    assert invoer.instroom[0, jeugd, 18:].sum() == 0
    assert invoer.instroom[0, ~jeugd, :17].sum() == 0
    assert invoer.cohort.sum() > 0 and 0 < invoer.naar_wmo.sum() < invoer.cohort.sum()
    assert invoer.wmo_gewicht[0, ~jeugd].sum() == pytest.approx(1)


def test_other_model_and_area(con):
    inv = bouw_invoer(con, Gebied(vijf_segmenten_model(), "0002"), horizon=3)
    assert [s.code for s in inv.segmenten][:5] == ["1", "2", "3", "4", "5"]
    assert inv.gebieden == ("0002",) and len(inv.jaren) == 3


def test_segment_figures(con):
    kenmerken = {k.segment: k for k in segmentkenmerken(con, Gebied.standaard())}
    assert "LTA" not in kenmerken  # reported apart, not purchased by the region
    hoog, lokaal = kenmerken["1"], kenmerken["4A"]
    assert hoog.complexiteit > 1 > lokaal.complexiteit
    assert hoog.met_verblijf and not lokaal.met_verblijf
    assert lokaal.schaal_hint == "lokaal" and kenmerken["4B"].schaal_hint == "regionaal"
    assert kenmerken["5"].beschikbaarheidsfunctie and kenmerken["6"].beschikbaarheidsfunctie
    assert 0 <= lokaal.aandeel_16_plus <= 1
