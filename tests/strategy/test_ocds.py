"""The OCDS export validates against the OCDS 1.1 schema with libcoveocds, offline.

libcoveocds normally downloads the standard; its ``standard_zip`` setting takes the bytes of a
ZIP instead. We build that ZIP from the schema files in ``ocds/`` (taken from PyPI sdists, see
ocds/README.md) plus the closed codelists, which we derive from the schema's own ``enum``s.
A socket guard makes any network access fail the test.
"""

import csv
import io
import json
import socket
import zipfile
from pathlib import Path

import pytest

from passend.analysis.gebied import Gebied

MAP = Path(__file__).parent / "ocds"
BESTANDEN = (
    "release-schema.json",
    "release-package-schema.json",
    "versioned-release-validation-schema.json",
)


def _codelijsten(schema: dict) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}

    def loop(x: object) -> None:
        if isinstance(x, dict):
            enum = x.get("enum") or (x.get("items") or {}).get("enum")
            if "codelist" in x and enum:
                uit[x["codelist"]] = [e for e in enum if e is not None]
            for v in x.values():
                loop(v)
        elif isinstance(x, list):
            for v in x:
                loop(v)

    loop(schema)
    return uit


def _standaard_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("standard-1__1__5/", "")
        for naam in BESTANDEN:
            z.write(MAP / naam, f"standard-1__1__5/schema/{naam}")
        schema = json.loads((MAP / "release-schema.json").read_text(encoding="utf-8"))
        for naam, codes in _codelijsten(schema).items():
            f = io.StringIO()
            w = csv.writer(f)
            w.writerow(["Code"])
            w.writerows([c] for c in codes)
            z.writestr(f"standard-1__1__5/schema/codelists/{naam}", f.getvalue())
    return buf.getvalue()


@pytest.fixture
def geen_netwerk(monkeypatch):
    def weiger(*args, **kwargs):
        raise AssertionError("network access during OCDS validation")

    monkeypatch.setattr(socket.socket, "connect", weiger)


def _valideer(pakket: dict) -> dict:
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    config = LibCoveOCDSConfig({"standard_zip": _standaard_zip(), "context": "api"})
    return ocds_json_output(json_data=pakket, lib_cove_ocds_config=config, schema_version="1.1")


@pytest.fixture(scope="module")
def pakket(con):
    from passend.strategy.demo import demo_strategie
    from passend.strategy.ocds import ocds_pakket

    return ocds_pakket(demo_strategie(con, runs=200))


def test_export_validates(pakket, geen_netwerk):
    uitslag = _valideer(pakket)
    assert uitslag["version_used"] == "1.1"
    assert uitslag["validation_errors"] == []
    assert uitslag["additional_closed_codelist_values"] == {}


def test_one_planning_process_per_segment(pakket, con):
    from passend.strategy.invoer import segmentkenmerken

    segmenten = [k.segment for k in segmentkenmerken(con, Gebied.standaard())]
    assert [r["tender"]["title"].split(":")[0] for r in pakket["releases"]] == [
        f"Segment {s}" for s in segmenten
    ]
    assert len({r["ocid"] for r in pakket["releases"]}) == len(segmenten)
    for r in pakket["releases"]:
        assert r["tag"] == ["planning"] and r["tender"]["status"] == "planning"
        assert r["planning"]["rationale"] and r["buyer"]["name"]
    methoden = {r["tender"]["procurementMethod"] for r in pakket["releases"]}
    assert methoden <= {"open", "selective", "limited", "direct"}


def test_validator_catches_errors(pakket, geen_netwerk):
    kapot = json.loads(json.dumps(pakket))
    del kapot["releases"][0]["date"]
    kapot["releases"][1]["tender"]["status"] = "bijna"
    uitslag = _valideer(kapot)
    fouten = json.dumps(uitslag["validation_errors"]) + json.dumps(
        uitslag["additional_closed_codelist_values"]
    )
    assert "date" in fouten and "bijna" in fouten


def _gunningen(pakket):
    """Contracts for the first two segments of the package: in the first a consortium
    (hoofdaannemer 11111111 with onderaannemer 22222222, active on the document's date) and
    a contract of 33333333 that ended; in the second one that starts next year."""
    from datetime import date

    from passend.contracting.register import Bestedingsruimte, Contract, Contractvariant
    from passend.strategy.ocds import Gunningen

    eerste, tweede = (
        r["tender"]["title"].split(":")[0].removeprefix("Segment ") for r in pakket["releases"][:2]
    )
    v = Contractvariant.INSPANNINGSGERICHT
    contracten = [
        Contract(
            "K-1",
            "11111111",
            "jeugd",
            eerste,
            v,
            date(2025, 1, 1),
            date(2028, 12, 31),
            regio="Zuid-Holland Zuid",
            onderaannemers=("22222222",),
        ),
        Contract(
            "K-2",
            "33333333",
            "jeugd",
            eerste,
            v,
            date(2023, 1, 1),
            date(2024, 12, 31),
            regio="Zuid-Holland Zuid",
        ),
        Contract(
            "K-3", "11111111", "jeugd", tweede, v, date(2099, 1, 1), None, regio="Zuid-Holland Zuid"
        ),
    ]
    ruimtes = [
        Bestedingsruimte("K-1", 2025, 100_000_00),
        Bestedingsruimte("K-1", 2026, 50_000_50),
        Bestedingsruimte("K-2", 2024, 20_000_00),
    ]
    return eerste, tweede, Gunningen(contracten, ruimtes, {"11111111": "Zorg Eén (demo)"})


def test_the_award_and_contract_stage_from_the_register(pakket, con, geen_netwerk):
    from passend.strategy.demo import demo_strategie
    from passend.strategy.ocds import ocds_pakket

    eerste, tweede, gunningen = _gunningen(pakket)
    volledig = ocds_pakket(demo_strategie(con, runs=200), gunningen=gunningen)
    uitslag = _valideer(volledig)
    assert uitslag["validation_errors"] == []
    assert uitslag["additional_closed_codelist_values"] == {}
    gunning = [r for r in volledig["releases"] if r["tag"] == ["award", "contract"]]
    planning = {r["ocid"] for r in volledig["releases"] if r["tag"] == ["planning"]}
    # one award/contract release per segment with contracts, in the same process
    assert len(gunning) == 2 and {r["ocid"] for r in gunning} <= planning
    een, twee = gunning
    assert een["ocid"].endswith(f"-{eerste.lower()}") and twee["ocid"].endswith(
        f"-{tweede.lower()}"
    )
    # an award per hoofdaannemer; the consortium's onderaannemer is a supplier of it
    awards = {a["id"].rsplit("-", 1)[1]: a for a in een["awards"]}
    assert set(awards) == {"11111111", "33333333"}
    assert [s["id"] for s in awards["11111111"]["suppliers"]] == [
        "NL-AGB-11111111",
        "NL-AGB-22222222",
    ]
    assert awards["11111111"]["suppliers"][0]["name"] == "Zorg Eén (demo)"
    assert awards["11111111"]["value"] == {"amount": 150_000.50, "currency": "EUR"}
    status = {c["title"]: c["status"] for r in gunning for c in r["contracts"]}
    assert status == {"K-1": "active", "K-2": "terminated", "K-3": "pending"}
    assert "value" not in twee["contracts"][0]  # no room entered: no value made up
    rollen = {p["id"]: p["roles"] for p in een["parties"]}
    assert rollen["NL-AGB-22222222"] == ["supplier"] and "buyer" in rollen[een["buyer"]["id"]]


def test_contracts_outside_the_strategys_segments_get_a_process_of_their_own(
    pakket, con, geen_netwerk
):
    from dataclasses import replace
    from datetime import date

    from passend.contracting.register import Contract, Contractvariant
    from passend.strategy.demo import demo_strategie
    from passend.strategy.ocds import ocds_pakket

    _eerste, _tweede, gunningen = _gunningen(pakket)
    buiten = Contract(
        "K-9",
        "44444444",
        "wmo",
        "W",
        Contractvariant.TAAKGERICHT,
        date(2025, 1, 1),
        None,
        regio="Zuid-Holland Zuid",
    )
    gunningen = replace(gunningen, contracten=[*gunningen.contracten, buiten])
    volledig = ocds_pakket(demo_strategie(con, runs=200), gunningen=gunningen)
    assert _valideer(volledig)["validation_errors"] == []
    (eigen,) = [r for r in volledig["releases"] if r["ocid"].endswith("-wmo-w")]
    assert eigen["tag"] == ["award", "contract"] and eigen["contracts"][0]["title"] == "K-9"
    planning = {r["ocid"] for r in volledig["releases"] if r["tag"] == ["planning"]}
    assert eigen["ocid"] not in planning
