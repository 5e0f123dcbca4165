"""Where the demo writes to: a directory or one zip archive, byte-for-byte deterministic."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ZIP_NAAM = "passend-demo.zip"
#: Fixed timestamp for zip entries, so the archive does not depend on the clock.
_ZIP_TIJD = (2026, 1, 1, 0, 0, 0)


def csv_bytes(
    kolommen: Sequence[str],
    rijen: Sequence[Mapping[str, Any]],
    volgorde: Callable[[Mapping[str, Any]], Any],
) -> bytes:
    """A demo register as the CSV a region would deliver: a header, the rows sorted by
    `volgorde`, UTF-8 (one writer for the toekomstplannen, ZRM scores and judgements)."""
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, list(kolommen), lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows(sorted(rijen, key=volgorde))
    return uit.getvalue().encode("utf-8")


class Uitvoer:
    """Writes files under relative POSIX paths into `doelmap` or into one zip archive in it."""

    def __init__(self, doelmap: Path, zip_bestand: bool) -> None:
        self.doelmap = doelmap
        doelmap.mkdir(parents=True, exist_ok=True)
        if zip_bestand:
            self.zip_pad: Path | None = doelmap / ZIP_NAAM
            if self.zip_pad.exists():
                raise FileExistsError(f"{self.zip_pad} already exists")
            self._zip: zipfile.ZipFile | None = zipfile.ZipFile(
                self.zip_pad, "w", compression=zipfile.ZIP_DEFLATED
            )
        else:
            if any(doelmap.iterdir()):
                raise FileExistsError(f"{doelmap} is not empty; choose an empty directory")
            self.zip_pad = None
            self._zip = None
        self._mappen: set[str] = set()
        self._toplevel: set[str] = set()

    def schrijf(self, pad: str, data: bytes) -> None:
        if self._zip is not None:
            info = zipfile.ZipInfo(pad, date_time=_ZIP_TIJD)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            self._zip.writestr(info, data)
        else:
            map_naam, _, _ = pad.rpartition("/")
            if map_naam and map_naam not in self._mappen:
                (self.doelmap / map_naam).mkdir(parents=True, exist_ok=True)
                self._mappen.add(map_naam)
            (self.doelmap / pad).write_bytes(data)
        self._toplevel.add(pad.split("/", 1)[0])

    def sluit(self) -> tuple[Path, ...]:
        """Close the archive; the top-level paths written (or the zip file)."""
        if self._zip is not None:
            self._zip.close()
            return (self.zip_pad,) if self.zip_pad else ()
        return tuple(self.doelmap / naam for naam in sorted(self._toplevel))
