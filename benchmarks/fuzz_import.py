"""A long fuzz run of the import (the CI test, tests/imports/test_fuzz.py, is a bounded slice).

Generates valid iJw/iWmo messages with known personal values, mutates them (tree mutations
and byte damage, see tests/istandaarden/fuzz.py), and checks for every case that the reader
raises nothing and agrees with lxml XMLSchema; every `--batch` cases it imports the batch
into a fresh database and checks that no personal value survives in the database or the log.

    python benchmarks/fuzz_import.py --minuten 60 [--seed 1] [--json]

Prints the number of cases, crashes, disagreements and leaks; exits 1 if any was found.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))


def _django(data_dir: Path) -> None:
    os.environ["PASSEND_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("PASSEND_PSEUDONYM_KEY", "cd" * 32)
    from passend.opstart import start_django

    start_django()


def _alle_tekst() -> str:
    from django.db import connection

    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{tabel}"')
            delen.extend(repr(rij) for rij in cursor.fetchall())
    return "\n".join(delen)


def _leeg(opvanger: _Opvanger) -> None:
    """Empty the care and import tables after a scan, so each scan reads only new rows."""
    from django.apps import apps

    for app in ("care", "imports"):
        for model in reversed(list(apps.get_app_config(app).get_models())):
            model.objects.all().delete()
    opvanger.regels.clear()


class _Opvanger(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.regels: list[str] = []

        self.fouten = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.regels.append(self.format(record))
        self.fouten += record.levelno >= logging.ERROR


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minuten", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=25, help="cases per import round")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    werk = Path(tempfile.mkdtemp(prefix="passend-fuzz-"))
    _django(werk / "data")
    from passend.imports.pipeline import importeer
    from tests.istandaarden import fuzz

    opvanger = _Opvanger()
    logging.getLogger().addHandler(opvanger)
    rng = random.Random(args.seed)
    telling = {"gevallen": 0, "geimporteerd": 0, "crashes": 0, "oneens": 0, "lekken": 0}
    voorbeelden: list[str] = []
    einde = time.monotonic() + args.minuten * 60
    ronde = 0
    while time.monotonic() < einde:
        ronde += 1
        map_ = werk / f"ronde{ronde}"
        map_.mkdir()
        for i in range(args.batch):
            soort = rng.choice(fuzz.SOORTEN + fuzz.WMO_SOORTEN)
            geval = fuzz.genereer(rng, soort, rng.randint(0, 3), rng.randint(0, 2))
            telling["gevallen"] += 1
            try:
                regels, _ = fuzz.lezer_problemen(geval.xml)
            except Exception:
                telling["crashes"] += 1
                voorbeelden.append(f"crash {soort} {geval.mutaties}: {traceback.format_exc()}")
                continue
            if soort.startswith("JW"):
                fout = any(fuzz.is_structureel(r) for r in regels)
                if fuzz.xsd_geldig(soort, geval.xml) == fout:
                    telling["oneens"] += 1
                    voorbeelden.append(f"oneens {soort} {geval.mutaties} {regels[:3]}")
            naam = f"{i}_{soort}_{fuzz.GEHEIM_BSN}_{fuzz.GEHEIME_NAAM}.xml"
            (map_ / naam).write_bytes(geval.xml)
        try:
            samenvatting = importeer([map_])
            telling["geimporteerd"] += samenvatting.berichten
        except Exception:
            telling["crashes"] += 1
            voorbeelden.append(f"import crash ronde {ronde}: {traceback.format_exc()}")
        if ronde % 20 == 0 or time.monotonic() >= einde:
            tekst = _alle_tekst() + "\n".join(opvanger.regels)
            gelekt = [g for g in fuzz.GEHEIMEN if g in tekst]
            telling["lekken"] += len(gelekt)
            voorbeelden += [f"lek: {g}" for g in gelekt]
            _leeg(opvanger)
    telling["interne_fouten"] = opvanger.fouten
    uitkomst = {
        **telling,
        "minuten": args.minuten,
        "seed": args.seed,
        "voorbeelden": voorbeelden[:10],
    }
    print(json.dumps(uitkomst, indent=None if args.json else 2))
    return 1 if any(telling[k] for k in ("crashes", "oneens", "lekken", "interne_fouten")) else 0


if __name__ == "__main__":
    sys.exit(main())
