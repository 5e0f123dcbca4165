"""Large CSV tables in parts, so that the worker processes read one table side by side.

A part is a run of whole lines of the file. A worker reads it behind the file's header
line and numbers its rows from where the part starts (`lees_tabel`'s `eerste_rij`). That
gives exactly the outcomes of reading the whole file only when every line is one row and
reading cannot stop halfway, so a table is cut only where that is certain:

* the text is valid UTF-8 (the whole-file reader decodes in blocks of its own, so where a
  decoding error surfaces depends on where reading started);
* no line is longer than the reader's limit (`tabular.MAX_REGEL`);
* every carriage return ends a line together with a line feed (a bare one ends a line for
  the reader, not for the cut);
* a row ends at every line end, and no part ends inside a quoted value: checked with the
  (strict) csv reader itself where a quote occurs.

Declaratieregels are never cut (their totals span the file), nor are tables of an unknown
kind (they give one outcome). Everything else is read whole, as before.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Generic, TypeVar

from passend.imports.tabular import MAX_REGEL, kop_van, soort_tabel

#: The size of a part: about 10,000 rows of a ZRM table, a few tenths of a second of reading.
DEEL_BYTES = 1 << 19

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Tabeldeel:
    """Bytes `begin`..`eind` of the file at `pad`, whose header line is its first `kop`
    bytes; its first row is row `eerste_rij` of the table (the header is row 1)."""

    pad: str
    kop: int
    begin: int
    eind: int
    eerste_rij: int


def plan_delen(pad: str) -> list[Tabeldeel] | None:
    """The parts of the CSV table at `pad`, or None when it is read whole (see above)."""
    try:
        with open(pad, "rb") as bestand:
            return _plan(bestand, pad)
    except OSError:
        return None


def aantal_delen(grootte: int) -> int:
    """About how many parts a table of `grootte` bytes makes, if it is cut."""
    return grootte // DEEL_BYTES


def _plan(bestand: BinaryIO, pad: str) -> list[Tabeldeel] | None:
    kop = bestand.readline(MAX_REGEL + 1)
    scheiding = _scheiding(kop)
    if scheiding is None:
        return None
    delen: list[Tabeldeel] = []
    begin, rij, rest = len(kop), 2, b""
    while True:
        blok = bestand.read(DEEL_BYTES)
        data = rest + blok
        if not data:
            break
        einde = data.rfind(b"\n") + 1 if blok else len(data)
        if einde == 0:  # no line end yet
            if len(data) >= MAX_REGEL:
                return None
            rest = data
            continue
        stuk, rest = data[:einde], data[einde:]
        regels = _regels(stuk, scheiding)
        if regels is None:
            return None
        delen.append(Tabeldeel(pad, len(kop), begin, begin + len(stuk), rij))
        begin, rij = begin + len(stuk), rij + regels
    return delen if len(delen) > 1 else None


def _scheiding(kop: bytes) -> str | None:
    """The delimiter of a header line that allows cutting the table, else None."""
    if not kop.endswith(b"\n") or len(kop) > MAX_REGEL or not _enkel_crlf(kop):
        return None
    try:
        scheiding, kolommen = kop_van(kop.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None
    soort = soort_tabel(kolommen)
    return None if soort in (None, "declaratieregels") else scheiding


def _regels(stuk: bytes, scheiding: str) -> int | None:
    """How many lines (each a row) `stuk` holds, or None when it may not be cut off here."""
    if not _enkel_crlf(stuk) or max(map(len, stuk.split(b"\n"))) >= MAX_REGEL:
        return None
    try:
        tekst = stuk.decode("utf-8")
    except UnicodeDecodeError:
        return None
    regels = tekst.count("\n") + (not tekst.endswith("\n"))
    if '"' in tekst:
        # Strict: a part that ends inside a quoted value is an error here, where the lenient
        # reader would end the value at the end of the part.
        lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
        try:
            rijen = sum(1 for _ in lezer)
        except csv.Error:
            return None
        if rijen != regels:
            return None
    return regels


def _enkel_crlf(data: bytes) -> bool:
    return data.count(b"\r") == data.count(b"\r\n")


def lees_deel(deel: Tabeldeel) -> bytes:
    """The part behind its table's header line, as the table reader takes it."""
    with open(deel.pad, "rb") as bestand:
        kop = bestand.read(deel.kop)
        bestand.seek(deel.begin)
        inhoud = bestand.read(deel.eind - deel.begin)
    if len(kop) != deel.kop or len(inhoud) != deel.eind - deel.begin:
        raise OSError("het bestand is korter geworden")
    return kop + inhoud


@dataclass(frozen=True)
class Deelitem(Generic[T]):
    """One part of a table in a stream of items: `item` is the whole table's."""

    item: T
    deel: Tabeldeel
    laatste: bool


class Delen(Generic[T, R]):
    """The parts of one table with what was read of each, in order: taken from the stream
    while the caller iterates (so only the parts in flight are in memory)."""

    def __init__(self, eerste: tuple[Deelitem[T], R], stroom: Iterator[tuple[object, R]]) -> None:
        self._eerste: tuple[Deelitem[T], R] | None = eerste
        self._stroom = stroom
        self._klaar = False

    def __iter__(self) -> Iterator[tuple[Tabeldeel, R]]:
        while not self._klaar:
            if self._eerste is not None:
                (item, gelezen), self._eerste = self._eerste, None
            else:
                volgende, gelezen = next(self._stroom)
                assert isinstance(volgende, Deelitem)
                item = volgende
            self._klaar = item.laatste
            yield item.deel, gelezen

    def leeg(self) -> None:
        """Take the parts the caller left (it failed halfway) from the stream."""
        for _ in self:
            pass


def met_delen(items: Iterable[tuple[T, list[Tabeldeel] | None]]) -> Iterator[T | Deelitem[T]]:
    """Each item, or its parts in its place."""
    for item, delen in items:
        if not delen:
            yield item
            continue
        for i, deel in enumerate(delen, start=1):
            yield Deelitem(item, deel, laatste=i == len(delen))


def samengevoegd(stroom: Iterator[tuple[object, R]]) -> Iterator[tuple[object, R | Delen]]:
    """The stream of (item, what was read) with the parts of a table as one entry: the
    table's item, and its `Delen` to iterate before asking for the next entry."""
    for item, gelezen in stroom:
        if not isinstance(item, Deelitem):
            yield item, gelezen
            continue
        delen: Delen = Delen((item, gelezen), stroom)
        yield item.item, delen
        delen.leeg()


__all__ = [
    "DEEL_BYTES",
    "Deelitem",
    "Delen",
    "Tabeldeel",
    "aantal_delen",
    "lees_deel",
    "met_delen",
    "plan_delen",
    "samengevoegd",
]
