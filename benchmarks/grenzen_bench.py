"""Import limits: many small files in one zip, one huge message, and an element bomb.

Each case runs `passend import` in a fresh process with a fresh SQLite database and reports
wall time and peak resident memory (VmHWM):

* zip archives of 1,000 and 10,000 small JW301 messages: the time per member must stay flat
  (the archive is opened once; an import used to be quadratic in the member count);
* one JW323 of 5 million elements (about 250,000 prestaties): streaming keeps memory flat;
* an element bomb (a ~10 kB zip expanding to 1.5 million stray elements): refused by the
  expansion-ratio cap in bounded time and memory;
* the same bomb as a plain 6 MB XML file, which no cap refuses: the reader frees every
  element it has passed, records or not, so memory stays flat.

    python benchmarks/grenzen_bench.py [--json] [--leden 1000 10000] [--elementen 5000000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

MET_PIEK = """
import json, sys, time
from passend.opstart import start_django
start_django()
from pathlib import Path
from passend.imports.pipeline import importeer
begin = time.perf_counter()
s = importeer([Path(sys.argv[1])])
duur = time.perf_counter() - begin
status = open("/proc/self/status").read()
piek = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconden": duur, "piek_mb": piek, "accepted": s.accepted,
                  "quarantined": s.quarantined, "berichten": s.berichten}))
"""


def _meet(pad: Path, werk: Path) -> dict:
    env = {**os.environ, "PASSEND_DATA_DIR": str(werk / f"data-{pad.stem}")}
    env.setdefault("PASSEND_PSEUDONYM_KEY", "ef" * 32)
    env["PYTHONPATH"] = str(REPO / "src")
    subprocess.run(
        [sys.executable, "-m", "passend.cli", "status"], env=env, check=True, capture_output=True
    )  # migrate outside the measurement
    uit = subprocess.run(
        [sys.executable, "-c", MET_PIEK, str(pad)], env=env, capture_output=True, text=True
    )
    if uit.returncode:
        raise SystemExit(uit.stderr[-3000:])
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _zip(pad: Path, leden: int) -> Path:
    from tests import berichten as b

    k = b.kop("301", "ZIPX")
    sjabloon = b.toewijzingbericht(k, [b.toewijzing(k, 1)]).decode()
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(leden):
            tekst = sjabloon.replace(">ZIPX<", f">Z{i}<").replace(
                "<jw301:ToewijzingNummer>1<", f"<jw301:ToewijzingNummer>{i + 1}<"
            )
            z.writestr(f"jw301/{i:06d}.xml", tekst)
    return pad


def _groot_bericht(pad: Path, elementen: int) -> Path:
    from tests import berichten as b

    klein = b.declaratie(b.kop("323", "GROOT"), "DECG", [("REF", 1, 9000, 9000, "D")]).decode()
    begin, einde = klein.index("<Prestatie>"), klein.index("</Prestatie>") + len("</Prestatie>")
    prestatie = klein[begin:einde]
    per_prestatie = prestatie.count("<") - prestatie.count("</")
    aantal = elementen // per_prestatie
    with pad.open("w", encoding="utf-8") as uit:
        uit.write(re.sub(r"(TotaalBedrag>)\d+", rf"\g<1>{9000 * aantal}", klein[:begin]))
        for i in range(aantal):
            uit.write(prestatie.replace(">REF<", f">REF{i}<"))
        uit.write(klein[einde:])
    return pad


def _bom_xml() -> bytes:
    from tests import berichten as b

    k = b.kop("301", "BOM")
    heel = b.toewijzingbericht(k, [b.toewijzing(k, 1)])
    plek = heel.index(b"<jw301:ToegewezenProducten>")
    return heel[:plek] + b"<a/>" * 1_500_000 + heel[plek:]


def _bom(pad: Path) -> Path:
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("bom.xml", _bom_xml())
    return pad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leden", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--elementen", type=int, default=5_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    werk = Path(tempfile.mkdtemp(prefix="passend-grenzen-"))
    uitkomst: dict[str, dict] = {}
    for leden in args.leden:
        meting = _meet(_zip(werk / f"zip{leden}.zip", leden), werk)
        meting["ms_per_lid"] = 1000 * meting["seconden"] / leden
        uitkomst[f"zip_{leden}_leden"] = meting
    groot = _groot_bericht(werk / "groot.xml", args.elementen)
    uitkomst["bericht_5m_elementen"] = {**_meet(groot, werk), "mb": groot.stat().st_size / 1e6}
    bom = _bom(werk / "bom.zip")
    uitkomst["elementbom"] = {**_meet(bom, werk), "kb": bom.stat().st_size / 1e3}
    los = werk / "bom_los.xml"  # its own data dir: the zip held the same bytes
    los.write_bytes(_bom_xml())
    uitkomst["elementbom_los"] = {**_meet(los, werk), "mb": los.stat().st_size / 1e6}
    leden = sorted(args.leden)
    if len(leden) > 1:
        klein, groot_ = uitkomst[f"zip_{leden[0]}_leden"], uitkomst[f"zip_{leden[-1]}_leden"]
        uitkomst["lineariteit"] = {
            "verhouding_ms_per_lid": groot_["ms_per_lid"] / klein["ms_per_lid"]
        }
    uitkomst["machine"] = {"load": os.getloadavg(), "cpus": os.cpu_count(), "tijd": time.ctime()}
    print(json.dumps(uitkomst, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
