"""Run the cycle collector less often during bulk work: an import, writing a snapshot.

Both allocate millions of short-lived objects (an import unpickles what its workers read; a
snapshot fetches every row of the database as a tuple). With Python's default thresholds
every 700 allocations start a collection that also walks the young objects in hand, and now
and then all of Django: on the `normaal` demo that was a quarter of the importing process's
CPU time (3.9 s of 12.4 s, most of it inside unpickling), against 1.1 s of 9.4 s with these
thresholds, and a sixth of writing its snapshot. A large table read in parts by the
workers keeps some 100,000 objects per part in hand while it is written: with a young
generation of 50,000 they were walked again and again (3.5 s of importing a ZRM table of
460,000 rows, 0.3 s with a million). Reference counting still frees everything at once;
only cyclic garbage waits longer.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The cycle collector's thresholds during bulk work (Python's default: 700, 10, 10).
GC_DREMPELS = (1_000_000, 100, 100)


class _Opruimen:
    """Counted, because the web runs uploads' imports (and snapshots) in threads that may
    overlap: the first to start raises the thresholds, the last to end restores what was
    there before the first."""

    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._lopend = 0
        self._eerder = gc.get_threshold()

    @contextmanager
    def zeldzamer(self) -> Iterator[None]:
        with self._slot:
            if self._lopend == 0:
                self._eerder = gc.get_threshold()
                gc.set_threshold(*GC_DREMPELS)
            self._lopend += 1
        try:
            yield
        finally:
            with self._slot:
                self._lopend -= 1
                if self._lopend == 0:
                    gc.set_threshold(*self._eerder)


zeldzamer_opruimen = _Opruimen().zeldzamer

__all__ = ["GC_DREMPELS", "zeldzamer_opruimen"]
