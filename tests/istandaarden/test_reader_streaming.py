"""The reader hands out records one by one and keeps memory flat on a huge message."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests import berichten as b

AANTAL = 60_000


def _grote_declaratie(pad):
    """One JW323 with AANTAL prestaties, written by repeating one writer-made Prestatie."""
    klein = b.declaratie(
        b.kop("323", "GROOT"), "DECG", [("REF", 1, 9000, 9000, "D")], totaal=9000 * AANTAL
    ).decode()
    begin = klein.index("<Prestatie>")
    einde = klein.index("</Prestatie>") + len("</Prestatie>")
    prestatie = klein[begin:einde]
    with pad.open("w", encoding="utf-8") as uit:
        uit.write(klein[:begin])
        for i in range(AANTAL):
            uit.write(re.sub(r">REF<", f">REF{i}<", prestatie))
        uit.write(klein[einde:])
    return pad


LEES = """
import json, sys
from passend.istandaarden.reader import BerichtLezer
with open(sys.argv[1], "rb") as stream:
    lezer = BerichtLezer(sys.argv[1], stream)
    aantal = fouten = 0
    for uitkomst in lezer:
        aantal += 1
        fouten += bool(uitkomst.problemen)
# VmHWM, not ru_maxrss: the latter keeps the high-water mark of the forked parent across exec.
status = open("/proc/self/status").read()
piek_kb = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"aantal": aantal, "fouten": fouten, "type": lezer.info.berichttype,
                  "piek_mb": piek_kb / 1024}))
"""


def test_huge_declaratie_streams_with_flat_memory(tmp_path):
    pad = _grote_declaratie(tmp_path / "groot.xml")
    assert pad.stat().st_size > 40_000_000
    uit = subprocess.run(
        [sys.executable, "-c", LEES, str(pad)], capture_output=True, text=True, check=True
    )
    resultaat = json.loads(uit.stdout)
    assert (resultaat["aantal"], resultaat["fouten"], resultaat["type"]) == (AANTAL, 0, "JW323")
    # Holding the tree would take several hundred MB; a streaming read stays near start-up size.
    assert resultaat["piek_mb"] < 120, resultaat
