"""What a reader hands to the import pipeline: records, problems and what it learnt of the file.

Shared by the iStandaarden XML reader and the CSV/Excel template reader, so neither depends
on the other. Readers only yield these; the pipeline decides, the store writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from passend.domain.checks import Bevinding
from passend.domain.records import Declaratieantwoord, Record

#: Message kinds (the part after JW/WMO) whose records Passend stores.
VERWERKTE_SOORTEN = frozenset({"301", "305", "307", "315", "317", "323"})


@dataclass(frozen=True)
class Probleem:
    """Why (part of) a file was not accepted: a stable rule code, where, and plain Dutch."""

    regel: str
    pad: str
    melding: str


def geen_fragment() -> str:
    return ""


@dataclass(frozen=True)
class VastFragment:
    """A fragment made beforehand (by a worker process, while the element still existed)."""

    tekst: str

    def __call__(self) -> str:
        return self.tekst


@dataclass
class Uitkomst:
    """One record read from a file, or a problem when `record` is None.

    `fragment` produces the masked source of the record on demand (only quarantined records
    need it); it never raises and never returns personal data.
    """

    pad: str
    record: Record | None
    problemen: list[Probleem]
    fragment: Callable[[], str] = geen_fragment
    #: The declaration a table row belongs to (domein|gemeente|aanbieder|nummer), if any.
    groep: str = ""
    #: The checks' findings of `record` when already made (by a worker process); None: not
    #: yet made.
    bevindingen: list[Bevinding] | None = None


@dataclass
class BerichtInfo:
    """What a reader learnt of the file as a whole. `bestand` is the masked display name."""

    bestand: str
    berichttype: str = ""
    domein: str = ""
    afzender: str = ""
    ontvanger: str = ""
    identificatie: str = ""
    dagtekening: date | None = None
    retourcodes: list[str] = field(default_factory=list)
    aantal_records: int = 0
    #: What a JW325/WMO325 granted, once the whole message is read without a problem.
    antwoord: Declaratieantwoord | None = None

    @property
    def soort(self) -> str:
        return self.berichttype.removeprefix("JW").removeprefix("WMO")

    @property
    def is_bericht_zonder_records(self) -> bool:
        """A recognised iStandaarden message that carries no care records (retour, answer)."""
        return self.berichttype.startswith(("JW", "WMO")) and self.soort not in VERWERKTE_SOORTEN


__all__ = [
    "VERWERKTE_SOORTEN",
    "BerichtInfo",
    "Probleem",
    "Uitkomst",
    "VastFragment",
    "geen_fragment",
]
