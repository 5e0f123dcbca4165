"""Listing the files below a directory: which files, and in which order."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from passend.imports.sources import bronnen

NAMEN = [
    "a/x.xml",
    "a-b/y.xml",  # "-" sorts before "/": a string sort would put this before a/x.xml
    "a.b",
    "a0/z.csv",
    "B/c.xml",
    "b",
    "sub/deep/e/f.xml",
    "sub/deep.xml",
    "ä/1.xml",
    "A/2.xml",
]


def _volgens_os_walk(map_: Path) -> list[str]:
    """The reference: every regular file os.walk finds, sorted by its path's parts."""
    gevonden = []
    for wortel, _, namen in os.walk(map_):
        for naam in namen:
            kind = os.path.join(wortel, naam)
            try:
                if stat.S_ISREG(os.stat(kind).st_mode):
                    gevonden.append(kind)
            except OSError:
                continue
    return sorted(gevonden, key=lambda pad: pad.split(os.sep))


def test_files_are_listed_in_the_order_of_their_paths_parts(tmp_path: Path) -> None:
    for naam in NAMEN:
        pad = tmp_path / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(naam)
    (tmp_path / "link_naar_map").symlink_to(tmp_path / "a")  # not descended into
    (tmp_path / "link_naar_bestand").symlink_to(tmp_path / "b")  # followed
    (tmp_path / "kapotte_link").symlink_to(tmp_path / "bestaat_niet")
    os.mkfifo(tmp_path / "fifo")

    gelist = [bron.naam for bron in bronnen([tmp_path])]

    assert gelist == _volgens_os_walk(tmp_path)
    assert [naam.removeprefix(f"{tmp_path}/") for naam in gelist] == [
        "A/2.xml",
        "B/c.xml",
        "a/x.xml",
        "a-b/y.xml",
        "a.b",
        "a0/z.csv",
        "b",
        "link_naar_bestand",
        "sub/deep/e/f.xml",
        "sub/deep.xml",
        "ä/1.xml",
    ]


def test_sizes_come_with_the_listing(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "een.xml").write_bytes(b"x" * 17)
    (tmp_path / "twee.xml").write_bytes(b"")

    assert [(Path(b.naam).name, b.grootte) for b in bronnen([tmp_path])] == [
        ("een.xml", 17),
        ("twee.xml", 0),
    ]
