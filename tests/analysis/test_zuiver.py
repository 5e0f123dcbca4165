"""Pure tests without a database: DuckDB fed directly from Arrow tables.

Covers the SQL date macros (against ``passend.domain.age``), the segmentation value object,
the relation check, and edge cases that messages cannot express (a client without a birth
date, a source with two versions of one toewijzing).
"""

from __future__ import annotations

from datetime import date as d

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passend.analysis import (
    NIET_INGEDEELD,
    OntbrekendeRelatie,
    Segmentatie,
    markt_segmenten,
    niet_ingedeeld,
    peildatum,
    transitie,
    transitie_gevallen,
    verbind,
    zorggebruik,
)
from passend.analysis.gebied import Gebied
from passend.analysis.relaties import SCHEMA
from passend.analysis.sql import macros
from passend.domain.age import leeftijd_op, verjaardag


def _tabel(naam, rijen):
    schema = SCHEMA[naam]
    # trailing nullable columns (the prestatie's tarief) may be left out of a row
    rijen = [(*r, *([None] * (len(schema) - len(r)))) for r in rijen]
    kolommen = list(zip(*rijen, strict=True)) if rijen else [[] for _ in schema]
    return pa.Table.from_arrays(
        [pa.array(k, type=t) for k, t in zip(kolommen, schema.types, strict=True)], schema=schema
    )


def _relaties(**rijen):
    return {naam: _tabel(naam, rijen.get(naam, [])) for naam in SCHEMA}


# -- date macros -----------------------------------------------------------------------------
_CON = duckdb.connect()
macros(_CON)
datums = st.dates(min_value=d(1996, 1, 1), max_value=d(2032, 12, 31))
feb29 = st.sampled_from([d(2000, 2, 29), d(2004, 2, 29), d(2008, 2, 29), d(2012, 2, 29)])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(datums, feb29), st.integers(0, 30), datums), min_size=1, max_size=40
    )
)
def test_sql_birthday_and_age_match_the_domain(gevallen):
    rijen = _CON.execute(
        "SELECT verjaardag(g, n), leeftijd_op(g, p) FROM (SELECT unnest($g) AS g, "
        "unnest($n) AS n, unnest($p) AS p)",
        {
            "g": [g for g, _, _ in gevallen],
            "n": [n for _, n, _ in gevallen],
            "p": [p for _, _, p in gevallen],
        },
    ).fetchall()
    assert rijen == [(verjaardag(g, n), leeftijd_op(g, p)) for g, n, p in gevallen]


def test_leap_day_birthday_in_sql():
    # 29 February 2004: 18 on 1 March 2022 (not a leap year), 20 on 29 February 2024.
    assert _CON.execute(
        "SELECT verjaardag(DATE '2004-02-29', 18), verjaardag(DATE '2004-02-29', 20), "
        "leeftijd_op(DATE '2004-02-29', DATE '2022-02-28'), "
        "leeftijd_op(DATE '2004-02-29', DATE '2022-03-01')"
    ).fetchone() == (d(2022, 3, 1), d(2024, 2, 29), 17, 18)


# -- segmentation ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("categorie", "segment"),
    [
        ("43", "1"),
        ("37", "1"),
        ("38", "1"),
        ("44", "2"),
        ("35", "2"),
        ("36", "2"),
        ("41", "3"),
        ("33", "3"),
        ("40", "4A"),
        ("45", "4A"),
        ("51", "4A"),
        ("31", "4A"),
        ("32", "4A"),
        ("34", "4A"),
        ("52", "4B"),
        ("53", "4B"),
        ("54", "4B"),
        ("42", "4B"),
        ("50", "4B"),
        ("46", "5"),
        ("47", "6"),
        ("48", "6"),
        ("49", "6"),
        ("55", "LTA"),
    ],
)
def test_default_segment_per_category(categorie, segment):
    assert Segmentatie.standaard().segment_van("jeugd", categorie, f"{categorie}X01") == segment


def test_product_rules_take_precedence_and_unmapped_is_listed():
    s = Segmentatie.standaard()
    # Onderwijs-jeugdhulp: product codes starting with OJ in categorie 45 or 50.
    assert s.segment_van("jeugd", "45", "OJ001") == "7"
    assert s.segment_van("jeugd", "50", "OJ501") == "7"
    assert s.segment_van("jeugd", "54", "OJ001") == "4B"  # the rule is per categorie
    assert s.segment_van("jeugd", "45", None) == "4A"  # aspecifiek: by categorie
    assert s.segment_van("wmo", "15", "15A01") == "W15"
    assert s.segment("W15").naam == "Beschermd wonen"
    assert s.segment("LTA").apart and not s.segment("1").apart
    assert s.segment_van("jeugd", "99", "X") == NIET_INGEDEELD.code == "NI"
    assert s.segment_van("jeugd", None, None) == "NI"
    data = s.als_dict()
    data["productregels"] += [
        {"domein": "jeugd", "begint_met": "OJ0", "segment": "1"},
        {"domein": "jeugd", "code": "OJ001", "segment": "2"},
    ]
    eigen = Segmentatie.uit_dict(data)
    # Exact code beats every prefix; a longer prefix beats a shorter one.
    assert (
        eigen.segment_van("jeugd", "45", "OJ001"),
        eigen.segment_van("jeugd", "45", "OJ002"),
        eigen.segment_van("jeugd", "45", "OJ101"),
    ) == ("2", "1", "7")
    assert Segmentatie.uit_json(s.als_json()) == s
    assert eigen.vingerafdruk != s.vingerafdruk
    dubbel = s.als_dict()
    dubbel["segmenten"][0]["categorieen"].append("45")
    with pytest.raises(ValueError, match="twee segmenten"):
        Segmentatie.uit_dict(dubbel)


# -- relation check and edge cases -----------------------------------------------------------
def test_missing_relation_or_column_is_reported():
    with pytest.raises(OntbrekendeRelatie, match="relatie 'prestatie'"):
        verbind({k: v for k, v in _relaties().items() if k != "prestatie"})
    tabellen = _relaties()
    tabellen["levering"] = tabellen["levering"].drop_columns(["einddatum"])
    with pytest.raises(OntbrekendeRelatie, match=r"levering\.einddatum"):
        verbind(tabellen)


def test_unknown_birth_date_and_duplicate_toewijzing_versions():
    tabellen = _relaties(
        client=[(1, "p1", None, "0505"), (2, "p2", d(2006, 5, 15), "0505")],
        # Two versions of toewijzing 7 (a source without natural-key upserts): the latest
        # (toewijzingsdatum 2024-06-01, after E) counts, and the levering is not doubled.
        toewijzing=[
            ("wmo", "0505", "A", 2, 7, "02", "02A01", d(2024, 5, 1), d(2024, 5, 15), None),
            ("wmo", "0505", "A", 2, 7, "02", "02A01", d(2024, 6, 1), d(2024, 5, 15), None),
        ],
        levering=[
            ("jeugd", "0505", "A", 1, 1, "45", "45A01", d(2024, 1, 1), d(2024, 3, 1)),
            ("jeugd", "0505", "A", 2, 2, "45", "45A01", d(2024, 1, 1), d(2024, 5, 14)),
            ("wmo", "0505", "A", 2, 7, None, None, d(2024, 5, 15), None),
        ],
        gemeente=[("0505", "Dordrecht", "Zuid-Holland Zuid")],
    )
    con = verbind(tabellen)
    # p2 goes to the Wmo without a gap, but the toewijzing in force was decided after E.
    gevallen = transitie_gevallen(con, 2024, Gebied.standaard())
    assert [
        (g["pseudoniem"], g["uitkomst"], g["gat_dagen"], g["warme_overdracht"]) for g in gevallen
    ] == [("p2", "naar_wmo", 0, False)]
    assert (
        transitie(con, 2024, Gebied.standaard())["cohort"] == 1
    )  # p1 has no birth date: no cohort
    rijen = zorggebruik(con, Gebied.standaard(), jaren=[2024], uitsplitsing="segment")
    # p1 counts in band "onbekend" (no per-1,000); the Wmo levering takes categorie 02 from
    # its toewijzing and counts once.
    assert [
        (r["domein"], r["segment"], r["leeftijdsgroep"], r["aantal"], r["per_1000"]) for r in rijen
    ] == [
        ("jeugd", "4A", "16-17", 1, None),
        ("jeugd", "4A", "onbekend", 1, None),
        ("wmo", "W02", "18-22", 1, None),
    ]
    assert peildatum(con) == d(2024, 6, 1)  # the latest toewijzingsdatum


def test_products_seen_only_in_prestaties_are_segmented_or_listed():
    con = verbind(
        _relaties(
            client=[(1, "p1", d(2012, 1, 1), "0505")],
            prestatie=[
                (
                    "jeugd",
                    "0505",
                    "A",
                    1,
                    5,
                    "52",
                    "52A01",
                    d(2024, 2, 1),
                    d(2024, 2, 29),
                    2,
                    "04",
                    20000,
                    "D",
                ),
                (
                    "jeugd",
                    "0505",
                    "A",
                    1,
                    6,
                    "99",
                    "X",
                    d(2024, 2, 1),
                    d(2024, 2, 29),
                    1,
                    "04",
                    500,
                    "D",
                ),
            ],
        )
    )
    # A transition analysis first (no prestaties needed), then the market on the same
    # connection: the products of the prestaties are segmented when first needed.
    assert transitie(con, 2024, Gebied.standaard())["cohort"] == 0
    assert {
        r["segment"]: r["bedrag_cent"] for r in markt_segmenten(con, 2024, Gebied.standaard())
    } == {"4B": 20000, "NI": 500}
    assert niet_ingedeeld(con, Gebied.standaard()) == [
        {
            "domein": "jeugd",
            "categorie": "99",
            "productcode": "X",
            "toewijzingen": 0,
            "leveringen": 0,
            "prestaties": 1,
        }
    ]


def test_unmapped_products_can_be_restricted_to_an_area():
    con = verbind(
        _relaties(
            client=[(1, "p1", d(2012, 1, 1), "0505"), (2, "p2", d(2012, 1, 1), "0363")],
            prestatie=[
                (
                    "jeugd",
                    "0505",
                    "A",
                    1,
                    5,
                    "99",
                    "X",
                    d(2024, 2, 1),
                    d(2024, 2, 29),
                    1,
                    "04",
                    500,
                    "D",
                ),
                (
                    "jeugd",
                    "0363",
                    "A",
                    2,
                    6,
                    "98",
                    "Y",
                    d(2024, 2, 1),
                    d(2024, 2, 29),
                    1,
                    "04",
                    700,
                    "D",
                ),
            ],
        )
    )
    assert [r["productcode"] for r in niet_ingedeeld(con, Gebied.standaard())] == [
        "Y",
        "X",
    ]  # by categorie
    assert [r["productcode"] for r in niet_ingedeeld(con, Gebied.standaard("0505"))] == ["X"]
    assert [r["productcode"] for r in niet_ingedeeld(con, Gebied.standaard("0363"))] == ["Y"]
