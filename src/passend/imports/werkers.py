"""Read iJw/iWmo messages in worker processes while the importing process writes.

Parsing and the streaming structure check are most of an import's CPU time, and they need
nothing but the file: a pool of worker processes reads the files ahead of the pipeline and
hands back, per file, what the reader yielded. The pipeline takes those results strictly in
the order of the sources and handles them exactly as if it had read the file itself, so the
order of writes, the rounds, the ledger and therefore idempotence and kill-safety are those
of a single-process import: the workers never touch the database. A worker that is killed,
or that fails on a file, costs speed only: that file is read again in the importing process.

XML files of at most :data:`MAX_BESTAND` bytes and tables of at most :data:`MAX_TABEL` go to
the workers (a zip member's content is sent along, so that it needs no second opening);
larger ones and unreadable sources are read in the importing process, streaming as before.
A table is a task of its own: it is one message of thousands of rows. At most
:data:`TAKEN_PER_WERKER` tasks per worker are in flight, which bounds the memory.

A fragment (the masked source of a quarantined record) is made in the worker while the
record's element still exists, for every outcome the reader already rejects. A record the
pipeline rejects later (a check, a duplicate) gets its fragment by reading the file again in
the importing process, once per file and only then (:func:`later_fragment` marks them).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import itertools
import os
import pickle
import queue
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TypeVar

from passend.domain.checks import Context, controleer
from passend.domain.maskering import VeiligeNaam, veilige_bestandsnaam
from passend.imports.sources import extensie_van, lees_begrensd, minstens
from passend.imports.tabeldelen import Tabeldeel, lees_deel
from passend.imports.tabular import TABEL_EXTENSIES, TabelLezing, lees_tabel
from passend.istandaarden.reader import BerichtLezer
from passend.istandaarden.schema import MAX_BOOM, geldige_boom, is_geldig
from passend.istandaarden.uitkomst import BerichtInfo, Uitkomst, VastFragment, geen_fragment
from passend.reference.loader import controlecontext

T = TypeVar("T")
#: What a worker reads of one source: its content, the path of a plain file, or a part of a
#: large table (see `tabeldelen`).
Inhoud = bytes | str | Tabeldeel
Taak = tuple[str, Inhoud]

#: Files larger than this are read in the importing process (streaming, memory flat).
MAX_BESTAND = 8 << 20
#: The same for tables: a worker hands back all of a file's rows at once, and a table's rows
#: are dense (the ZRM table of the `normaal` demo: 52 bytes a row).
MAX_TABEL = 2 << 20
#: One task: at most this many files and bytes (fewer round trips than one file per task).
BESTANDEN_PER_TAAK = 64
BYTES_PER_TAAK = 2 << 20
#: Tasks in flight per worker: enough to keep every worker busy while the importing process
#: writes a round (with 4 they ran dry during the longer rounds: 10.05 s against 9.6 s on
#: the `normaal` demo), few enough to bound memory.
TAKEN_PER_WERKER = 16
#: How often a worker looks whether the importing process still lives (seconds).
WACHTTIJD_OUDER = 1.0
#: Workers yield the processor to the importing process, which writes and is the slower
#: side: with every process at the same priority the workers, running ahead, took its turns
#: (on 2 cores the `normaal` demo took 12.9-15.7 s at equal priority and 11.5-13.0 s so).
WERKER_NICE = 10
#: Below this many files for the workers, starting them costs more than they save.
MIN_BESTANDEN = 32
#: Files read ahead while the importing process still hashes the sources, at most (see
#: `Werkerpool.vooruit`): their results wait in memory for their turn.
VOORUIT_MAX = 8_192


def standaard_aantal(gevraagd: int | None = None) -> int:
    """Worker processes: as many as `gevraagd` (0: none); by default
    `PASSEND_IMPORT_WERKERS`, else one per core."""
    if gevraagd is not None:
        return max(gevraagd, 0)
    gezet = os.environ.get("PASSEND_IMPORT_WERKERS", "")
    return int(gezet) if gezet.isdigit() else max(os.cpu_count() or 1, 1)


def vooraf_gestarte_werkers(paden: Sequence[Path], werkers: int | None) -> Werkerpool:
    """The workers for importing `paden`, started now when there are enough files for them
    (`sources.minstens`): the command line calls this before it sets Django up (0.4 s), so
    that the workers start meanwhile (0.3 s) and read ahead from the first listed file on.
    The result goes to `pipeline.importeer` as its `pool`, which stops it."""
    pool = Werkerpool(standaard_aantal(werkers))
    if pool.aantal >= 1 and minstens(paden, MIN_BESTANDEN):
        pool.start()
    return pool


def later_fragment() -> str:
    """Marks a record whose fragment the worker did not make (see the module text)."""
    return ""


@dataclass
class Gelezen:
    """What the reader yielded for one file, in order.

    `stappen` holds the outcomes, with a copy of the message's `BerichtInfo` before each
    outcome at which it had changed (the pipeline reads the header's fields while it routes
    outcomes); an outcome with a record carries the checks' findings (pure, so they are made
    here too). `info` is the final state.
    `mislukt` means the reader failed unexpectedly: the pipeline then reads the file itself,
    so that the failure is handled and logged there.
    """

    stappen: list[Uitkomst | BerichtInfo] = field(default_factory=list)
    info: BerichtInfo | None = None
    mislukt: bool = False
    #: The source's stored name (hash and masked display form), made here, not in the
    #: importing process: masking every file name is a few percent of an import.
    veilig: VeiligeNaam | None = None
    #: Of a table: the store keys of the debet prestaties it declares, and the columns it
    #: ignored (see `tabular.TabelLezing`).
    debets: frozenset[str] = frozenset()
    genegeerde_kolommen: list[str] = field(default_factory=list)


def lees_bericht(bestand: str, inhoud: bytes | str) -> Gelezen:
    """Read one message as the pipeline would, keeping what the pipeline needs of it.

    `inhoud` is the content, or the path of a plain file (read here, not in the pipeline).
    """
    try:
        inhoud = _gelezen_inhoud(inhoud, MAX_BESTAND)
        if len(inhoud) > MAX_BESTAND:
            return Gelezen(mislukt=True)  # grew since it was listed: read it streaming
        return _lees(bestand, inhoud, controlecontext())
    except Exception:  # unreadable now, or a bug: the importing process reads it again
        return Gelezen(mislukt=True)


def lees_tabelbestand(bestand: str, inhoud: bytes | str) -> Gelezen:
    """Read one table as the pipeline's `_tabel` would (see `lees_bericht`)."""
    try:
        inhoud = _gelezen_inhoud(inhoud, MAX_TABEL)
        if len(inhoud) > MAX_TABEL:
            return Gelezen(mislukt=True)
        return _tabel_gelezen(lees_tabel(bestand, lambda: io.BytesIO(inhoud)))
    except Exception:
        return Gelezen(mislukt=True)


def lees_tabeldeel(bestand: str, deel: Tabeldeel) -> Gelezen:
    """Read one part of a large table (see `tabeldelen`) as `lees_tabelbestand` reads a
    table, its rows numbered as in the whole table."""
    try:
        return lees_tabeldeel_hier(bestand, deel)
    except Exception:
        return Gelezen(mislukt=True)


def lees_tabeldeel_hier(bestand: str, deel: Tabeldeel) -> Gelezen:
    """`lees_tabeldeel`, raising when the part cannot be read (in the importing process,
    where that fails the table)."""
    inhoud = lees_deel(deel)
    return _tabel_gelezen(
        lees_tabel(bestand, lambda: io.BytesIO(inhoud), eerste_rij=deel.eerste_rij)
    )


def _tabel_gelezen(lezing: TabelLezing) -> Gelezen:
    gelezen = _volg(lezing.info, lezing.uitkomsten, controlecontext())
    gelezen.debets, gelezen.genegeerde_kolommen = lezing.debets, lezing.genegeerde_kolommen
    return gelezen


def is_tabel(naam: str) -> bool:
    return extensie_van(naam) in TABEL_EXTENSIES


def _gelezen_inhoud(inhoud: bytes | str, grens: int) -> bytes:
    if isinstance(inhoud, str):
        with open(inhoud, "rb") as bestand:
            return lees_begrensd(bestand, grens)
    return inhoud


def _lees(bestand: str, inhoud: bytes, ctx: Context) -> Gelezen:
    boom = geldige_boom(inhoud)
    geldig = boom is not None or (len(inhoud) > MAX_BOOM and is_geldig(inhoud))
    lezer = BerichtLezer(bestand, io.BytesIO(inhoud), geldig=geldig, boom=boom)
    return _volg(lezer.info, lezer, ctx)


def _volg(info: BerichtInfo, uitkomsten: Iterable[Uitkomst], ctx: Context) -> Gelezen:
    """The outcomes of a reader whose `info` fills in while it reads."""
    gelezen = Gelezen()
    vorige: tuple[object, ...] = ()
    for uitkomst in uitkomsten:
        stand = _kopstand(info)
        if stand != vorige:
            gelezen.stappen.append(_kopie(info))
            vorige = stand
        gelezen.stappen.append(_overdraagbaar(uitkomst, ctx))
    gelezen.info = info
    return gelezen


def lees_taak(taak: list[Taak]) -> list[Gelezen]:
    """Read each (source name, content or path): the name is masked here, as the pipeline
    would, and only its masked form reaches the reader."""
    uit = []
    for naam, inhoud in taak:
        veilig = veilige_bestandsnaam(naam)
        if isinstance(inhoud, Tabeldeel):
            gelezen = lees_tabeldeel(veilig.weergave, inhoud)
        else:
            lees = lees_tabelbestand if is_tabel(naam) else lees_bericht
            gelezen = lees(veilig.weergave, inhoud)
        gelezen.veilig = veilig
        uit.append(gelezen)
    return uit


def _kopstand(info: BerichtInfo) -> tuple[object, ...]:
    """The header fields the pipeline reads while it routes outcomes (the rest, such as the
    record count, it takes from the final state)."""
    return (
        info.berichttype,
        info.domein,
        info.afzender,
        info.ontvanger,
        info.identificatie,
        info.dagtekening,
    )


def _kopie(info: BerichtInfo) -> BerichtInfo:
    kopie = object.__new__(BerichtInfo)  # a plain dataclass: its fields are its __dict__
    vars(kopie).update(vars(info), retourcodes=list(info.retourcodes))
    return kopie


def _overdraagbaar(uitkomst: Uitkomst, ctx: Context) -> Uitkomst:
    """The outcome without its closure over the (soon pruned) element, with its findings.

    Changed in place: the reader made it for this worker alone."""
    if uitkomst.fragment is not geen_fragment:
        fragment = uitkomst.fragment
        uitkomst.fragment = (
            later_fragment if uitkomst.record is not None else VastFragment(fragment())
        )
    if uitkomst.record is not None:
        uitkomst.bevindingen = controleer(uitkomst.record, ctx)
    return uitkomst


def neem_over(doel: BerichtInfo, bron: BerichtInfo) -> None:
    """Copy what a worker learnt of a message into the pipeline's `BerichtInfo` (in place:
    the pipeline's objects hold a reference to it). The display name stays the pipeline's."""
    bestand = doel.bestand
    vars(doel).update(vars(bron))  # a plain dataclass: its fields are its __dict__
    doel.bestand = bestand


class Werkerpool:
    """`aantal` worker processes, started on demand and stopped when the block ends.

    The pipeline starts them as soon as it knows there is enough to read, before it hashes
    the sources: spawning a process and loading what it reads with takes about half a
    second, which then overlaps the hashing instead of delaying the first result.

    Each worker has a pipe of its own for tasks and one for results (see `_Werkers`); the
    importing process unpickles a result in its own thread, when its turn comes.
    """

    def __init__(self, aantal: int) -> None:
        self.aantal = aantal
        self._werkers: _Werkers | None = None
        self._vooruit: dict[tuple[Taak, ...], Opdracht] = {}

    def start(self) -> None:
        if self._werkers is None and self.aantal >= 1:
            self._werkers = _Werkers(self.aantal)

    def stuur(self, taak: list[Taak] | None) -> Opdracht | None:
        if taak and self._vooruit and (vooraf := self._vooruit.pop(tuple(taak), None)):
            return vooraf
        self.start()
        return None if self._werkers is None else _verstuur(self._werkers, taak)

    def vooruit(
        self,
        items: Iterable[T],
        taak_van: Callable[[T], Taak | None],
        bestanden: int,
    ) -> None:
        """Hand out the tasks of the first `bestanden` files before the caller asks for them
        (while it still hashes its sources, and a core is idle): `stuur` then gives the
        task handed out here instead of sending it again.

        Cut into tasks as `in_volgorde` cuts them, so that its tasks are these when the
        caller's `taak_van` there agrees with this one; where it does not (a file turned out
        to be imported already), the task differs and is sent anew: what was read ahead is
        then left unused, never used for another file.
        """
        self.start()
        if self._werkers is None:
            return
        gestuurd = 0
        for _, taak in _blokken(items, taak_van):
            if gestuurd >= bestanden:
                return
            if taak is None or tuple(taak) in self._vooruit:
                continue
            opdracht = _verstuur(self._werkers, taak)
            if opdracht is None:
                return
            self._vooruit[tuple(taak)] = opdracht
            gestuurd += len(taak)

    def __enter__(self) -> Werkerpool:
        return self

    def __exit__(self, *fout: object) -> None:
        self._vooruit.clear()
        if self._werkers is not None:
            self._werkers.stop()
            self._werkers = None


@dataclass
class _Werker:
    proces: BaseProcess
    taken: Connection
    uit: Connection
    #: Numbers of the tasks sent to it whose results have not arrived.
    open: set[int] = field(default_factory=set)
    levend: bool = True


class _Werkers:
    """The worker processes, a pipe for tasks to each and one for results from each.

    One thread of the importing process sends the tasks (`_verzend`), another only moves
    the results' bytes from the pipes into memory (reading a pipe lets go of the
    interpreter lock); the importing thread unpickles a result when the pipeline asks for
    it. With `ProcessPoolExecutor` a thread of its own unpickled every result as it came,
    competing for the interpreter lock with the writing thread, while the workers queued
    behind one shared result pipe: 1.0 s of unpickling on the `normaal` demo where the same
    results unpickle in 0.4 s in one thread.

    Tasks wait here until a worker has fewer than :data:`OPEN_PER_WERKER` open, and then go
    to the one with the fewest: handed out at once, a long task (a table) kept one worker
    busy while the other ran out of work. A worker that dies (its result pipe closes) fails
    its open tasks: their files are read by the importing process; waiting tasks go to the
    other workers, or fail when none is left.
    """

    def __init__(self, aantal: int) -> None:
        ctx = get_context("spawn")
        self._slot = threading.Condition()
        self._klaar: dict[int, bytes] = {}
        self._mislukt: set[int] = set()
        self._wachtend: deque[tuple[int, bytes]] = deque()
        self._nummer = itertools.count()
        self._werkers: list[_Werker] = []
        for _ in range(aantal):
            taken_lees, taken_schrijf = ctx.Pipe(duplex=False)
            uit_lees, uit_schrijf = ctx.Pipe(duplex=False)
            proces = ctx.Process(
                target=_werk, args=(taken_lees, uit_schrijf, os.getpid()), daemon=True
            )
            proces.start()
            taken_lees.close()  # the worker's ends: its pipes close when it exits
            uit_schrijf.close()
            _grote_pipe(uit_lees)
            self._werkers.append(_Werker(proces, taken_schrijf, uit_lees))
        self._uitgaand: queue.SimpleQueue[tuple[_Werker, bytes] | None] = queue.SimpleQueue()
        threading.Thread(target=self._verzend, name="werkers-in", daemon=True).start()
        threading.Thread(target=self._ontvang, name="werkers-uit", daemon=True).start()

    def stuur(self, taak: list[Taak]) -> Opdracht | None:
        inhoud = pickle.dumps(taak, pickle.HIGHEST_PROTOCOL)
        with self._slot:
            if not any(w.levend for w in self._werkers):
                return None
            nummer = next(self._nummer)
            self._wachtend.append((nummer, inhoud))
            self._verdeel()
        return Opdracht(self, nummer)

    def uitkomst(self, nummer: int) -> list[Gelezen] | None:
        """The result of task `nummer`, waiting for it; None when its worker died first."""
        with self._slot:
            while nummer not in self._klaar and nummer not in self._mislukt:
                self._slot.wait()
            self._mislukt.discard(nummer)
            inhoud = self._klaar.pop(nummer, None)
        return None if inhoud is None else pickle.loads(inhoud)

    def stop(self) -> None:
        """Close the task pipes once the tasks handed out are sent (each worker exits after
        its last task) and forget what was read but not asked for."""
        self._uitgaand.put(None)
        with self._slot:
            self._wachtend.clear()
            self._klaar.clear()

    def _verdeel(self) -> None:
        """Hand waiting tasks to the workers with room (the lock held)."""
        while self._wachtend:
            levend = [w for w in self._werkers if w.levend]
            if not levend:
                self._mislukt.update(nummer for nummer, _ in self._wachtend)
                self._wachtend.clear()
                self._slot.notify_all()
                return
            werker = min(levend, key=lambda w: len(w.open))
            if len(werker.open) >= OPEN_PER_WERKER:
                return
            nummer, inhoud = self._wachtend.popleft()
            werker.open.add(nummer)
            self._uitgaand.put((werker, _NUMMER.pack(nummer) + inhoud))

    def _verzend(self) -> None:
        """Send the tasks, in the order handed out, from a thread of their own: the
        importing thread never waits for a pipe."""
        while (item := self._uitgaand.get()) is not None:
            werker, inhoud = item
            if not werker.levend:
                continue
            try:
                werker.taken.send_bytes(inhoud)
            except (OSError, ValueError):  # it died (a broken pipe): its files are read here
                self._dood(werker)
        for werker in self._werkers:
            with contextlib.suppress(OSError):
                werker.taken.close()

    def _ontvang(self) -> None:
        pipes = {w.uit: w for w in self._werkers}
        while pipes:
            gereed = wait(list(pipes))
            for pipe, werker in list(pipes.items()):
                if pipe in gereed and not self._ontvang_van(pipe, werker):
                    del pipes[pipe]

    def _ontvang_van(self, pipe: Connection, werker: _Werker) -> bool:
        """Take one result from a worker's pipe; False when the worker is gone."""
        try:
            inhoud = pipe.recv_bytes()
        except (EOFError, OSError):
            self._dood(werker)
            pipe.close()
            # Reaped here, off the importing thread: it exits right after its pipe closes.
            werker.proces.join(timeout=WACHTTIJD_OUDER)
            return False
        (nummer,) = _NUMMER.unpack_from(inhoud)
        with self._slot:
            werker.open.discard(nummer)
            self._klaar[nummer] = inhoud[_NUMMER.size :]
            self._verdeel()
            self._slot.notify_all()
        return True

    def _dood(self, werker: _Werker) -> None:
        with self._slot:
            werker.levend = False
            self._mislukt.update(werker.open)
            werker.open.clear()
            self._verdeel()
            self._slot.notify_all()


@dataclass(frozen=True)
class Opdracht:
    """A task handed to the workers; `result` waits for what one of them read."""

    werkers: _Werkers
    nummer: int

    def result(self) -> list[Gelezen]:
        uit = self.werkers.uitkomst(self.nummer)
        if uit is None:
            raise RuntimeError("De werker is gestopt; de bestanden worden hier gelezen.")
        return uit


#: Tasks sent to a worker and not yet answered, at most: one in hand and the next ready, so
#: that it never waits for the importing process to send one.
OPEN_PER_WERKER = 3
#: A task's number, before the pickled task and before the pickled result.
_NUMMER = struct.Struct("<Q")
#: A result pipe's buffer (Linux; a result of 64 files is about 60 kB).
PIPE_BYTES = 1 << 20


def _grote_pipe(pipe: Connection) -> None:
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or over the system's cap
        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _werk(taken: Connection, uit: Connection, ouder: int) -> None:
    """A worker: read each task, send back what was read (None if that failed as a whole)."""
    _begin_werker(ouder)
    while True:
        try:
            bericht = taken.recv_bytes()
        except (EOFError, OSError):
            return  # the importing process is done (or gone)
        (nummer,) = _NUMMER.unpack_from(bericht)
        taak = pickle.loads(memoryview(bericht)[_NUMMER.size :])
        try:
            inhoud = pickle.dumps(lees_taak(taak), pickle.HIGHEST_PROTOCOL)
        except Exception:  # each file's failure is caught in lees_taak; this is a bug
            inhoud = pickle.dumps(None)
        try:
            uit.send_bytes(_NUMMER.pack(nummer) + inhoud)
        except OSError:
            return


def in_volgorde(
    items: Iterable[T], taak_van: Callable[[T], Taak | None], pool: Werkerpool
) -> Iterator[tuple[T, Gelezen | None]]:
    """Every item in order, with what a worker read of it, or None: the caller reads it.

    `taak_van` gives (source name, content) of an item a worker may read, or None. It is
    called shortly before the item's turn, so that only the tasks in flight are in memory.
    """
    wachtrij: deque[tuple[list[T], Opdracht | None]] = deque()
    blokken = _blokken(items, taak_van)
    while True:
        while len(wachtrij) < TAKEN_PER_WERKER * pool.aantal:
            blok = next(blokken, None)
            if blok is None:
                break
            deel, taak = blok
            wachtrij.append((deel, pool.stuur(taak)))
        if not wachtrij:
            return
        deel, opdracht = wachtrij.popleft()
        yield from zip(deel, _uitkomst(opdracht, len(deel)), strict=True)


def _begin_werker(ouder: int) -> None:
    """In a new worker: watch the importing process, and load the reference data now,
    while that process still hashes the sources.

    Then everything loaded so far (modules, codelists) is exempted from the cycle collector:
    a worker keeps a task's results until they are sent, so young objects survive into the
    older generations and every few tasks a full collection walked all of it again (0.3 s
    of collections for half the `normaal` demo's messages in one worker, 0.12 s frozen).
    """
    _volg_ouder(ouder)
    os.nice(WERKER_NICE)
    controlecontext()
    gc.freeze()


def _volg_ouder(ouder: int) -> None:
    """In a worker: exit when the importing process is gone (killed, say), instead of
    waiting for work forever."""

    def let_op() -> None:
        while os.getppid() == ouder:
            time.sleep(WACHTTIJD_OUDER)
        os._exit(0)

    threading.Thread(target=let_op, name="ouder", daemon=True).start()


def _verstuur(werkers: _Werkers, taak: list[Taak] | None) -> Opdracht | None:
    return werkers.stuur(taak) if taak else None


def _uitkomst(opdracht: Opdracht | None, aantal: int) -> list[Gelezen | None]:
    if opdracht is None:
        return [None] * aantal
    try:
        return list(opdracht.result())
    except Exception:  # its worker died, or its result could not be made or read
        return [None] * aantal  # these files are read in this process


def _blokken(
    items: Iterable[T], taak_van: Callable[[T], Taak | None]
) -> Iterator[tuple[list[T], list[Taak] | None]]:
    """Runs of items: for the workers (with their task) or for the caller (task None). A
    table is a task of its own."""
    deel: list[T] = []
    taak: list[Taak] = []
    grootte = 0
    for item in items:
        inhoud = taak_van(item)
        if inhoud is None or is_tabel(inhoud[0]):
            if deel:
                yield deel, taak
                deel, taak, grootte = [], [], 0
            yield [item], None if inhoud is None else [inhoud]
            continue
        deel.append(item)
        taak.append(inhoud)
        grootte += len(inhoud[1]) if isinstance(inhoud[1], bytes) else 0
        if len(deel) >= BESTANDEN_PER_TAAK or grootte >= BYTES_PER_TAAK:  # paths count 0
            yield deel, taak
            deel, taak, grootte = [], [], 0
    if deel:
        yield deel, taak


__all__ = [
    "MAX_BESTAND",
    "MAX_TABEL",
    "MIN_BESTANDEN",
    "VOORUIT_MAX",
    "Gelezen",
    "Opdracht",
    "Werkerpool",
    "in_volgorde",
    "is_tabel",
    "later_fragment",
    "lees_bericht",
    "lees_tabelbestand",
    "lees_tabeldeel",
    "lees_tabeldeel_hier",
    "neem_over",
    "standaard_aantal",
    "vooraf_gestarte_werkers",
]
