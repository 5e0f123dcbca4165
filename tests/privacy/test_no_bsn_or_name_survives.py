"""Known BSNs and names go in; none of them may be found anywhere afterwards:
the database file, a PostgreSQL dump, the logs, every export and the quarantine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests import berichten as b

pytestmark = pytest.mark.cli_db

GEHEIMEN = [
    b.BSN_A,
    b.BSN_B,
    b.BSN_C,
    b.FOUT_BSN,
    b.NAAM_A,
    b.NAAM_B,
    "Van Kleef",
    "Kerkstraat",
    "0612345678",
    "ouder@example.nl",
]


def _invoer(map_: Path) -> Path:
    map_.mkdir()
    k = b.kop("301", "P1")
    a, bb, c = b.client(b.BSN_A), b.client(b.BSN_B), b.client(b.BSN_C)
    b.schrijf(map_, "a.xml", b.toewijzingbericht(k, [b.toewijzing(k, 1, c=a)], naam=b.NAAM_A))
    k2 = b.kop("301", "P2")
    b.schrijf(
        map_,
        "b.xml",
        b.toewijzingbericht(
            k2,
            [
                b.toewijzing(k2, 2, c=bb),
                b.toewijzing(k2, 3, c=bb, ingang=date(2024, 5, 1), eind=date(2024, 1, 1)),
            ],
            naam=b.NAAM_B,
        ),
    )
    k3 = b.kop("301", "P3")
    b.schrijf(
        map_,
        "c.xml",
        b.toewijzingbericht(k3, [b.toewijzing(k3, 4, c=b.client(b.FOUT_BSN))], naam="Van Kleef"),
    )
    # Malformed XML with a BSN, a name, a street, a phone number and an e-mail address in it.
    kapot = b.toewijzingbericht(b.kop("301", "P4"), [b.toewijzing(k, 5, c=c)], naam=b.NAAM_A)
    kapot = kapot.replace(
        b"</jw301:Client>",
        b"<Straatnaam>Kerkstraat</Straatnaam>"
        b"<Telefoonnummer>0612345678</Telefoonnummer>"
        b"<Emailadres>ouder@example.nl</Emailadres><kapot>",
    )
    b.schrijf(map_, "d.xml", kapot)
    (map_ / "e.csv").write_text(
        "domein;gemeentecode;agb_code;bsn;naam;adres;toewijzingnummer;toewijzingsdatum;"
        "ingangsdatum\n"
        f"jeugd;0505;12345678;{b.BSN_C};{b.NAAM_B};Kerkstraat 1;9;2024-01-01;2024-01-02\n"
        f"jeugd;0505;12345678;{b.FOUT_BSN};Van Kleef;Kerkstraat 2;10;2024-01-01;2024-01-02\n",
        encoding="utf-8",
    )
    return map_


def _vind(geheimen: list[str], naam: str, inhoud: bytes) -> list[str]:
    gevonden = []
    for geheim in geheimen:
        vormen = {geheim.encode(), geheim.encode("utf-16-le")}
        if geheim.isdigit():
            vormen.add(geheim.lstrip("0").encode())
        if any(vorm in inhoud for vorm in vormen):
            gevonden.append(f"{geheim!r} in {naam}")
    return gevonden


def _importeer_en_exporteer(omgeving, invoer: Path) -> dict[str, bytes]:
    uitvoer = {
        "import --json": omgeving.passend("import", str(invoer), "--json").stdout,
        "quarantine list": omgeving.passend("quarantine", "list", "--alles").stdout,
        "quarantine list --json": omgeving.passend("quarantine", "list", "--json").stdout,
        "status --json": omgeving.passend("status", "--json").stdout,
    }
    for record in json.loads(uitvoer["quarantine list --json"]):
        for vorm in ((), ("--json",)):
            uitvoer[f"quarantine show {record['id']}{vorm}"] = omgeving.passend(
                "quarantine", "show", str(record["id"]), *vorm
            ).stdout
    assert json.loads(uitvoer["import --json"])["quarantined"] >= 4
    return {naam: tekst.encode() for naam, tekst in uitvoer.items()}


def test_nothing_in_database_file_logs_exports_or_quarantine(cli_omgeving, tmp_path):
    invoer = _invoer(tmp_path / "invoer")
    uitvoer = _importeer_en_exporteer(cli_omgeving, invoer)
    gevonden = [f for naam, inhoud in uitvoer.items() for f in _vind(GEHEIMEN, naam, inhoud)]
    for pad in sorted(cli_omgeving.data_dir.rglob("*")):
        if pad.is_file():
            gevonden += _vind(
                GEHEIMEN, str(pad.relative_to(cli_omgeving.data_dir)), pad.read_bytes()
            )
    assert gevonden == []
    # The scan is real: the inputs do contain the secrets, and the database holds the records.
    assert _vind(GEHEIMEN, "invoer", b"".join(p.read_bytes() for p in invoer.iterdir()))
    assert cli_omgeving.sql("SELECT COUNT(*) FROM care_client")[0][0] == 3
    if cli_omgeving.database_url is None:
        assert (cli_omgeving.data_dir / "passend.sqlite3").stat().st_size > 100_000
    assert (cli_omgeving.data_dir / "passend.log").exists()


@pytest.mark.postgres
def test_nothing_in_a_postgresql_dump(cli_omgeving, tmp_path):
    assert cli_omgeving.database_url, "this test runs on the PostgreSQL run only"
    _importeer_en_exporteer(cli_omgeving, _invoer(tmp_path / "invoer"))
    pg_dump = _pg_dump()
    dump = subprocess.run(
        [pg_dump, "--no-owner", cli_omgeving.database_url],
        capture_output=True,
        check=True,
        env=os.environ,
    ).stdout
    assert b"care_client" in dump and b"imports_quarantinerecord" in dump
    assert _vind(GEHEIMEN, "pg_dump", dump) == []


def _pg_dump() -> str:
    import glob

    kandidaten = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    gevonden = kandidaten[-1] if kandidaten else shutil.which("pg_dump")
    assert gevonden, "pg_dump not found"
    return gevonden
