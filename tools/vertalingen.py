"""Refresh the English catalogue of the web interface and list what still needs translating.

Only accounts/ and web/ hold marked strings (the reports and the strategy document have their
own English labels in code). Run, fill in the empty msgstr entries of
src/passend/locale/en/LC_MESSAGES/django.po, run again with --compileer.

    python tools/vertalingen.py [--compileer]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

PAKKET = Path(__file__).resolve().parents[1] / "src" / "passend"
PO = PAKKET / "locale" / "en" / "LC_MESSAGES" / "django.po"
GESCAND = {"accounts", "web", "locale"}


def _django_admin(*args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passend.web.settings"}
    subprocess.run([sys.executable, "-m", "django", *args], cwd=PAKKET, env=env, check=True)


def ververs() -> list[str]:
    negeer = [
        arg
        for d in sorted(PAKKET.iterdir())
        if d.is_dir() and d.name not in GESCAND
        for arg in ("-i", f"./{d.name}/*")
    ]
    _django_admin("makemessages", "-l", "en", "--no-location", "--no-obsolete", *negeer)
    tekst = PO.read_text(encoding="utf-8")
    leeg = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ""\n\n', tekst + "\n")
    vaag = re.findall(r'#, fuzzy\n(?:#\|.*\n)*msgid ((?:".*"\n)+)', tekst)
    return leeg + [f"(vaag, controleer) {m}" for m in vaag]


def main() -> int:
    if "--compileer" in sys.argv:
        _django_admin("compilemessages", "-l", "en")
    leeg = ververs()
    for msgid in leeg:
        print(msgid.strip())
    return 1 if leeg else 0


if __name__ == "__main__":
    sys.exit(main())
