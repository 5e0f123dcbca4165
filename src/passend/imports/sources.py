"""Input sources: files, directories and zip archives, read lazily in a stable order."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


@dataclass(frozen=True)
class Bron:
    """One input file; `naam` is 'archive.zip!inner/path.xml' for zip members."""

    naam: str
    open: Callable[[], AbstractContextManager[BinaryIO]]
    grootte: int

    @property
    def extensie(self) -> str:
        return Path(self.naam.rsplit("!", 1)[-1]).suffix.lower()

    def inhoud_hash(self) -> str:
        digest = hashlib.sha256()
        with self.open() as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def _bestand(pad: Path) -> Bron:
    return Bron(str(pad), lambda: pad.open("rb"), pad.stat().st_size)


def _zipleden(pad: Path) -> Iterator[Bron]:
    with zipfile.ZipFile(pad) as archief:
        leden = sorted((i for i in archief.infolist() if not i.is_dir()), key=lambda i: i.filename)
    for lid in leden:

        def opener(lid: zipfile.ZipInfo = lid) -> AbstractContextManager[BinaryIO]:
            return _ZipLid(pad, lid)

        yield Bron(f"{pad}!{lid.filename}", opener, lid.file_size)


class _ZipLid(AbstractContextManager):
    """Open one zip member for streaming, closing the archive with it."""

    def __init__(self, pad: Path, lid: zipfile.ZipInfo) -> None:
        self._archief = zipfile.ZipFile(pad)
        self._stream = self._archief.open(lid)

    def __enter__(self) -> BinaryIO:
        return self._stream  # type: ignore[return-value]

    def __exit__(self, *exc: object) -> None:
        self._stream.close()
        self._archief.close()


def bronnen(paden: Sequence[Path]) -> Iterator[Bron]:
    """Every input file below `paden`, zip archives opened, in sorted order."""
    for pad in paden:
        if pad.is_dir():
            for kind in sorted(p for p in pad.rglob("*") if p.is_file()):
                yield from _uit_bestand(kind)
        else:
            yield from _uit_bestand(pad)


def _uit_bestand(pad: Path) -> Iterator[Bron]:
    if pad.suffix.lower() == ".zip" and zipfile.is_zipfile(pad):
        yield from _zipleden(pad)
    else:
        yield _bestand(pad)
