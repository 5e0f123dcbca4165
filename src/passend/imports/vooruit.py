"""Before an import's database work: list and hash the sources, decide their order, and
hand the workers what they can read ahead meanwhile. Django-free, so that the command line
does this before it sets Django up (`pipeline.importeer` does it itself otherwise).

Setting Django up takes the importing process 0.4 s; listing and hashing the 38,000 files
of the `normaal` demo 0.6 s. Done in that order, the workers sat idle through both and read
ahead only while the sources were hashed. Listing first lets them read from the moment the
list is known, through the hashing and through Django's start.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from passend.imports.sources import Bron, geopende_bronnen
from passend.imports.tabular import TABEL_EXTENSIES, tabelsoort
from passend.imports.werkers import MAX_BESTAND, MAX_TABEL, MIN_BESTANDEN, VOORUIT_MAX, Werkerpool

#: The share of the messages read ahead before the import proper starts (one in this
#: many): hashing a message takes about a tenth of what reading it takes a worker.
VOORUIT_DEEL = 10
#: Bytes of tables read ahead at most: their rows wait in memory for their turn.
VOORUIT_TABELLEN = 4 << 20
#: Table kinds whose rows need nothing of the messages or of other tables: their checks use
#: the reference data only, and their writers key them by pseudonym and codes.
ZELFSTANDIGE_TABELLEN = frozenset({"zrm", "clientoordeel", "toekomstplan", "bevolking"})


class Volgorde:
    """The order in which sources are handled, as a sort key: contract tables first (their
    tariff and bestedingsruimte tables need them), then the tables that need nothing else
    (:data:`ZELFSTANDIGE_TABELLEN`), then the rest as listed.

    The independent tables go before the messages, which changes nothing in what is
    stored: they are written while the workers still read messages, instead of by the
    importing process alone at the end (0.75 s of the `normaal` demo, whose registers sort
    after its messages). A table's kind is read from its header once per import.
    """

    def __init__(self) -> None:
        self._plaats: dict[str, int] = {}

    def __call__(self, bron: Bron) -> int:
        if bron.fout is not None or bron.extensie not in TABEL_EXTENSIES:
            return 2
        plaats = self._plaats.get(bron.naam)
        if plaats is None:
            soort = tabelsoort(bron.veilig.weergave, bron.open)
            plaats = 0 if soort == "contract" else 1 if soort in ZELFSTANDIGE_TABELLEN else 2
            self._plaats[bron.naam] = plaats
        return plaats


@dataclass
class Voorbereid:
    """The sources with their content hashes, and their order."""

    lijst: list[tuple[Bron, str]]
    volgorde: Volgorde


@contextmanager
def voorbereide_bronnen(paden: Sequence[Path], pool: Werkerpool) -> Iterator[Voorbereid]:
    """List and hash the sources below `paden` (archives kept open meanwhile), the workers
    reading ahead from the moment the list is known (`start_als_genoeg`)."""
    volgorde = Volgorde()
    with geopende_bronnen(paden, na_lijst=partial(start_als_genoeg, pool, volgorde)) as lijst:
        yield Voorbereid(lijst, volgorde)


def start_als_genoeg(pool: Werkerpool, volgorde: Volgorde, bronnen: Sequence[Bron]) -> None:
    """Start the workers while the sources are hashed, if they may get enough to read (some
    may turn out to be imported already; then they read less, or nothing).

    Hashing keeps one core busy; the workers read the first plain files meanwhile, in the
    order and the tasks `pipeline._Verwerker` will ask for (`Volgorde`, `als_pad`). They
    stop at the first zip member: its task carries its content, which only hashing reads.
    """
    aantal = sum(map(voor_werker, bronnen))
    if aantal < MIN_BESTANDEN:
        return
    op_volgorde = sorted(bronnen, key=volgorde)
    los = itertools.takewhile(lambda bron: "!" not in bron.naam, op_volgorde)
    pool.vooruit(los, als_pad, min(aantal // VOORUIT_DEEL, VOORUIT_MAX))
    tabellen = tabellen_vooruit(op_volgorde)
    pool.vooruit(tabellen, als_pad, len(tabellen))


def tabellen_vooruit(volgorde: Sequence[Bron]) -> list[Bron]:
    """The plain-file tables to read ahead as well, within :data:`VOORUIT_TABELLEN` bytes:
    each is one long task, and the importing process would otherwise wait for it."""
    gekozen, ruimte = [], VOORUIT_TABELLEN
    for bron in volgorde:
        tabel = bron.extensie in TABEL_EXTENSIES and "!" not in bron.naam
        if tabel and voor_werker(bron) and bron.grootte <= ruimte:
            gekozen.append(bron)
            ruimte -= bron.grootte
    return gekozen


def als_pad(bron: Bron) -> tuple[str, str] | None:
    """A plain file's task, which the worker reads itself (see `pipeline._Verwerker`)."""
    return (bron.naam, bron.naam) if voor_werker(bron) else None


def voor_werker(bron: Bron) -> bool:
    """Whether a worker may read this source: a small XML message or table that could be
    opened."""
    if bron.fout is not None:
        return False
    if bron.extensie == ".xml":
        return bron.grootte <= MAX_BESTAND
    return bron.extensie in TABEL_EXTENSIES and bron.grootte <= MAX_TABEL


def in_delen(bron: Bron) -> bool:
    """Whether a source is a plain CSV file too large to go to a worker whole (its parts
    may: `tabeldelen.plan_delen` decides)."""
    return (
        bron.fout is None
        and bron.extensie == ".csv"
        and "!" not in bron.naam
        and bron.grootte > MAX_TABEL
    )


__all__ = [
    "ZELFSTANDIGE_TABELLEN",
    "Volgorde",
    "Voorbereid",
    "als_pad",
    "in_delen",
    "voor_werker",
    "voorbereide_bronnen",
]
