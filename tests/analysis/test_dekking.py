"""The period the data covers and which years and cohorts are complete, by hand."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from passend.analysis.dekking import Dekking, JaarBuitenGegevens, dekking
from passend.analysis.relaties import SCHEMA, verbind


def _con(levering=(), toewijzing=(), prestatie=()):
    """Relations with only the dates these tests need (other columns empty)."""
    rijen = {"levering": levering, "toewijzing": toewijzing, "prestatie": prestatie}
    tabellen = {}
    for naam, schema in SCHEMA.items():
        data = [dict(r) for r in rijen.get(naam, ())]
        tabellen[naam] = pa.Table.from_pylist(
            [{k: r.get(k) for k in schema.names} for r in data], schema=schema
        )
    return verbind(tabellen)


def _lev(domein, begin, eind=None):
    return {"domein": domein, "begindatum": begin, "einddatum": eind}


def test_the_data_begins_at_its_first_recorded_end_not_at_an_old_start():
    # An export of 2021-2025 holds a care started in 2017 that still ran in 2021; the first
    # stop it records is in 2021, so 2017-2020 are outside the data.
    con = _con(
        levering=[
            _lev("jeugd", date(2017, 3, 1), date(2021, 2, 1)),
            _lev("jeugd", date(2021, 5, 1), date(2023, 1, 31)),
            _lev("wmo", date(2024, 1, 1)),
        ],
        toewijzing=[{"domein": "jeugd", "toewijzingsdatum": date(2017, 2, 1)}],
        prestatie=[
            {
                "domein": "jeugd",
                "periode_begin": date(2021, 1, 1),
                "periode_eind": date(2025, 12, 31),
            }
        ],
    )
    d = dekking(con)
    assert (d.van, d.tot) == (date(2021, 1, 1), date(2025, 12, 31))
    assert d.jaren() == [2025, 2024, 2023, 2022, 2021]
    bronnen = {(b.domein, b.bron): (b.eerste, b.laatste) for b in d.bronnen}
    assert bronnen[("jeugd", "levering")] == (date(2017, 3, 1), date(2023, 1, 31))
    assert bronnen[("wmo", "levering")] == (date(2024, 1, 1), date(2024, 1, 1))


def test_without_stops_or_declarations_the_earliest_date_is_the_begin():
    d = dekking(_con(levering=[_lev("jeugd", date(2022, 4, 1)), _lev("jeugd", date(2023, 6, 1))]))
    assert (d.van, d.tot) == (date(2022, 4, 1), date(2023, 6, 1))


def test_years_and_cohorts_are_complete_only_when_the_data_covers_them():
    d = Dekking(date(2021, 1, 1), date(2025, 12, 31))
    assert d.jaar_volledig(2021) and d.jaar_volledig(2025)
    assert not Dekking(date(2021, 1, 2), date(2025, 12, 31)).jaar_volledig(2021)
    assert not Dekking(date(2021, 1, 1), date(2025, 12, 30)).jaar_volledig(2025)
    # cohort Y: from 1 January Y - 365 days to 31 December Y + 365 days
    assert d.cohort_volledig(2024)  # 2024-12-31 + 365 = 2025-12-31
    assert not d.cohort_volledig(2025)  # needs 2026-12-31
    assert d.cohort_volledig(2022)  # 2022-01-01 - 365 = 2021-01-01
    assert not d.cohort_volledig(2021)  # needs 2020-01-01
    assert d.nodig_tot(2025, cohort=True) == date(2026, 12, 31)
    assert d.standaardjaar(cohort=True) == 2024 and d.standaardjaar(cohort=False) == 2025
    # nothing complete: the newest year inside
    assert Dekking(date(2025, 3, 1), date(2025, 6, 30)).standaardjaar(cohort=True) == 2025


def test_a_year_outside_the_data_is_refused_in_plain_dutch():
    d = Dekking(date(2021, 1, 1), date(2025, 12, 31))
    d.controleer(2021)
    with pytest.raises(JaarBuitenGegevens, match=r"2030 valt buiten de gegevens.*1 januari 2021"):
        d.controleer(2030)
    with pytest.raises(JaarBuitenGegevens, match="van 2021 tot en met 2025"):
        d.controleer(2019)
    with pytest.raises(JaarBuitenGegevens, match="nog geen gegevens"):
        Dekking(None, None).controleer(2024)


def test_the_report_table_says_whether_the_year_is_complete():
    d = Dekking(date(2021, 1, 1), date(2025, 12, 31))
    assert d.tabel(2025, cohort=True) == {
        "gegevens_van": date(2021, 1, 1),
        "gegevens_tot": date(2025, 12, 31),
        "jaar": 2025,
        "nodig_tot": date(2026, 12, 31),
        "volledig": False,
    }
    assert d.tabel(None, cohort=False) == {
        "gegevens_van": date(2021, 1, 1),
        "gegevens_tot": date(2025, 12, 31),
    }
