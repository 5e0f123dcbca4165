"""The area an analysis covers, with the segment model that applies to it.

Every analysis takes a :class:`Gebied`: a gemeente, a jeugdregio, or everything in the
data, together with the :class:`~passend.analysis.segmentatie.Segmentatie` resolved for that
area (the area's own active model, else its jeugdregio's, else the default). The model is
required: an analysis can never silently fall back to the default model. Which model
applies is decided in one place, the adapter :func:`passend.planning.gebieden.gebied_voor`;
tests and scripts that want the default say so with :meth:`Gebied.standaard`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from passend.analysis.segmentatie import Segmentatie


@dataclass(frozen=True)
class Gebied:
    """A gemeente (CBS code) or a jeugdregio (name), or neither for all data, plus its model."""

    segmentatie: Segmentatie
    gemeente: str | None = None
    regio: str | None = None
    naam: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.segmentatie, Segmentatie):
            raise TypeError("Een gebied heeft een segmentmodel nodig.")

    @classmethod
    def standaard(
        cls, gemeente: str | None = None, regio: str | None = None, naam: str = ""
    ) -> Gebied:
        """The area with the default 7-segment model (for scripts, tests and the CLI's
        ``--model standaard-7``)."""
        return cls(Segmentatie.standaard(), gemeente, regio, naam)

    def met_model(self, segmentatie: Segmentatie) -> Gebied:
        return Gebied(segmentatie, self.gemeente, self.regio, self.naam)

    @property
    def sleutel(self) -> str:
        """How planning objects name the area: the gemeente code or the jeugdregio name."""
        return self.gemeente or self.regio or ""

    @property
    def omschrijving(self) -> str:
        if self.naam:
            return self.naam
        if self.gemeente:
            return f"gemeente {self.gemeente}"
        return f"jeugdregio {self.regio}" if self.regio else "alle gemeenten"

    def sql(self, kolom: str) -> tuple[str, dict[str, Any]]:
        """A SQL condition (starting with AND) restricting `kolom` to the area, and its
        parameters (placeholders only: the values never enter the SQL text)."""
        sql, params = "", {}
        if self.gemeente is not None:
            sql += f" AND {kolom} = $gemeente"
            params["gemeente"] = self.gemeente
        if self.regio is not None:
            sql += f" AND {kolom} IN (SELECT gemeente FROM gemeente WHERE jeugdregio = $regio)"
            params["regio"] = self.regio
        return sql, params


def gebiedsnaam(gemeente: str | None, regio: str | None, gemeentenaam: str | None) -> str:
    """How pages and reports name an area: 'Dordrecht (0505)', the jeugdregio's name, or
    'Alle gemeenten'."""
    if gemeente:
        return f"{gemeentenaam} ({gemeente})" if gemeentenaam else gemeente
    return regio or "Alle gemeenten"


__all__ = ["Gebied", "gebiedsnaam"]
