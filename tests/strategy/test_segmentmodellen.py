"""Editable segment models: defaults, precedence, editing, unmapped products, re-grouping."""

import pytest

from passend.analysis.gebied import Gebied
from passend.analysis.markt import markt_segmenten
from passend.analysis.segmentatie import Productregel, Segment, Segmentatie, niet_ingedeeld
from passend.strategy import segmentmodellen as sm


def test_default_is_the_analyses_default_with_seven_segments():
    seg = sm.standaard_model()
    assert seg == Segmentatie.standaard()
    jeugd = [s.code for s in seg.segmenten if s.domein == "jeugd" and not s.apart]
    assert jeugd == ["1", "2", "3", "4A", "4B", "5", "6", "7"]
    assert seg.segment("LTA").apart and seg.segment("LTA").categorieen == ("55",)
    assert seg.segment("4A").categorieen == ("40", "45", "51", "31", "32", "34")
    assert seg.segment("4B").categorieen == ("52", "53", "54", "42", "50")


def test_five_segment_example():
    seg = sm.vijf_segmenten_model()
    jeugd = [s.naam for s in seg.segmenten if s.domein == "jeugd" and not s.apart]
    assert jeugd == [
        "Hoog-specialistisch",
        "Wonen",
        "Dagbesteding en dagbehandeling",
        "Specialistisch/veel voorkomend",
        "Crisis",
    ]
    assert sm.ongedekte_categorieen(seg) == []
    assert sm.model("voorbeeld-5") == seg
    with pytest.raises(ValueError, match="Onbekend segmentmodel"):
        sm.model("acht")


def test_code_rules_beat_category_rules():
    seg = sm.standaard_model()
    assert seg.segment_van("jeugd", "45", "45A01") == "4A"  # category rule
    assert sm.indeling_van(seg, "jeugd", "45", "OJ001")["regel"] == "prefix"
    assert seg.segment_van("jeugd", "45", "OJ001") == "7"  # prefix rule beats category
    exact = sm.met_productregel(seg, Productregel("jeugd", "5", code="OJ001"))
    assert exact.segment_van("jeugd", "45", "OJ001") == "5"  # exact code beats prefix
    assert sm.indeling_van(exact, "jeugd", "45", "OJ001")["regel"] == "productcode"
    assert sm.indeling_van(seg, "jeugd", "99", "X")["regel"] == "geen"


def test_editing_returns_new_models():
    seg = sm.standaard_model()
    verplaatst = sm.met_categorie(seg, "jeugd", "42", "4A")
    assert verplaatst.segment_van("jeugd", "42", None) == "4A"
    assert "42" not in verplaatst.segment("4B").categorieen
    assert seg.segment_van("jeugd", "42", None) == "4B"  # the original is untouched
    zonder = sm.zonder_segment(seg, "7")
    assert zonder.segment_van("jeugd", "45", "OJ001") == "4A"  # rule removed with the segment
    leeg = sm.zonder_segment(seg, "5")
    assert {"domein": "jeugd", "categorie": "46"}.items() <= sm.ongedekte_categorieen(leeg)[
        0
    ].items()
    nieuw = sm.met_segment(seg, Segment("8", "Nieuw", "jeugd", 10, categorieen=("46",)))
    assert nieuw.segment_van("jeugd", "46", None) == "8"
    assert nieuw.segment("5").categorieen == ()
    with pytest.raises(ValueError):
        sm.met_categorie(seg, "jeugd", "46", "W02")


def test_unmapped_products_are_reported(con):
    assert niet_ingedeeld(con, Gebied.standaard()) == []
    zonder_4b = sm.zonder_segment(sm.standaard_model(), "4B")
    rijen = niet_ingedeeld(con, Gebied(zonder_4b))
    assert {r["categorie"] for r in rijen} == {"52"}
    assert rijen[0]["leveringen"] > 0


def test_analyses_regroup_by_the_chosen_model(con):
    zeven = {r["segment"]: r["bedrag_cent"] for r in markt_segmenten(con, 2025, Gebied.standaard())}
    vijf = {
        r["segment"]: r["bedrag_cent"]
        for r in markt_segmenten(con, 2025, Gebied(sm.vijf_segmenten_model()))
    }
    # 4 = 4A + 4B + 7 (onderwijs-jeugdhulp falls back to its category in the 5-model)
    assert vijf["4"] == zeven["4A"] + zeven["4B"] + zeven["7"]
    assert vijf["1"] == zeven["1"] and vijf["GI"] == zeven["6"]
    assert sum(vijf.values()) == sum(zeven.values())
