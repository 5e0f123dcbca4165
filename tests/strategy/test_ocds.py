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
