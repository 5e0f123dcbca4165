"""Dutch by default, English switchable; the committed .mo matches the .po and every
marked string of the web app has an English translation."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

import passend

PASSEND = Path(passend.__file__).parent
PO = PASSEND / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _po() -> dict[str, str]:
    """msgid -> msgstr of the .po file (single-form entries)."""
    vertalingen = {}
    for blok in PO.read_text(encoding="utf-8").split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', blok + "\n", re.M)
        if m:
            deel = [re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(i)) for i in (1, 2)]
            sleutel, waarde = ("".join(d).replace('\\"', '"').replace("\\n", "\n") for d in deel)
            if sleutel:
                vertalingen[sleutel] = waarde
    return vertalingen


def test_mo_file_is_compiled_from_the_po_file():
    catalogus = gettext.GNUTranslations(MO.open("rb"))
    po = _po()
    assert len(po) > 300
    for bron, vertaling in po.items():
        assert vertaling, f"Geen Engelse vertaling voor: {bron!r}"
        assert catalogus.gettext(bron) == vertaling, f"Verouderde .mo voor: {bron!r}"


def test_every_marked_string_has_a_translation():
    po = _po()
    patronen = [r'\{% translate "([^"]+)"', r"\{% translate '([^']+)'", r'(?<![\w.])_\("([^"]+)"\)']
    ontbrekend = set()
    for map_ in (PASSEND / "web", PASSEND / "accounts"):
        for pad in [*map_.rglob("*.html"), *map_.rglob("*.py")]:
            tekst = pad.read_text(encoding="utf-8")
            for patroon in patronen:
                ontbrekend |= {s for s in re.findall(patroon, tekst) if s not in po}
    assert not ontbrekend, f"Draai makemessages en vertaal: {sorted(ontbrekend)}"


@pytest.mark.django_db
def test_dutch_by_default_even_for_an_english_browser(als):
    html = als("analist").get("/analyse/kerncijfers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in html and "Definities" in html


@pytest.mark.django_db
def test_english_after_switching(als):
    client = als("analist")
    client.post("/i18n/setlang/", {"language": "en", "next": "/analyse/kerncijfers/"})
    html = client.get("/analyse/kerncijfers/").content.decode()
    assert '<html lang="en">' in html
    assert "Key figures" in html and "Definitions" in html and "Kerncijfers" not in html
