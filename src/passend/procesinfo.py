"""Which process does a long job, and is it still alive: for imports and upload tasks that a
dead process may leave 'bezig'."""

from __future__ import annotations

import os
import socket


def dit_proces() -> str:
    """'host:pid' of this process."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def leeft(proces: str) -> bool:
    """Whether the process named 'host:pid' may still be running.

    Only a process on this host can be checked; for another host (or an empty value) the
    caller must rely on a heartbeat, so this answers True.
    """
    host, _, pid = proces.rpartition(":")
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True
