"""Analyses over the loaded care data, as pure functions on a DuckDB connection.

Every analysis takes a DuckDB connection holding the relations documented in
:mod:`passend.analysis.relaties` and returns plain Python data: a ``dict`` for
:func:`transitie`, otherwise a ``list`` of row ``dict`` s (JSON-ready apart from dates, see
:func:`passend.analysis.uitvoer.als_json`). Amounts are eurocent, shares are fractions (0-1).
Definitions are in each module's docstring and, in Dutch, in ``docs/definities.md``.

Where the connection comes from: a :class:`Gegevensbron` (:mod:`passend.analysis.bron`):
the Django database and a Parquet snapshot through the adapters in :mod:`passend.bronnen`
(this package never imports Django and never reads files), Arrow tables of your own through
:class:`ArrowBron` or :func:`verbind`.

Every analysis takes a :class:`Gebied`, the area with its segment model; reports run through
the registry :func:`rapport` (see :mod:`passend.analysis.rapport`).
"""

import sys
from importlib import import_module
from types import ModuleType
from typing import Any

#: Where each name of the package lives; imported on first use (PEP 562), so that a command
#: needing one module does not load every analysis (and DuckDB, pyarrow) at start-up.
_WAAR: dict[str, str] = {
    "ArrowBron": "passend.analysis.bron",
    "Drempels": "passend.analysis.knelpunten",
    "Gebied": "passend.analysis.gebied",
    "Gegevensbron": "passend.analysis.bron",
    "LEEFTIJDSGROEPEN": "passend.analysis.zorggebruik",
    "NIET_INGEDEELD": "passend.analysis.segmentatie",
    "OntbrekendeRelatie": "passend.analysis.relaties",
    "RAPPORTSOORTEN": "passend.analysis.rapport",
    "Rapportsoort": "passend.analysis.rapport",
    "SCHEMA": "passend.analysis.relaties",
    "Segment": "passend.analysis.segmentatie",
    "Segmentatie": "passend.analysis.segmentatie",
    "Verzoek": "passend.analysis.rapport",
    "aanbieder_profielen": "passend.analysis.markt",
    "als_json": "passend.analysis.uitvoer",
    "als_xlsx": "passend.analysis.uitvoer",
    "benchmark": "passend.analysis.vergelijking",
    "knelpunten": "passend.analysis.knelpunten",
    "kruistabel": "passend.analysis.privacy",
    "markt_aanbieders": "passend.analysis.markt",
    "markt_segmenten": "passend.analysis.markt",
    "markt_volumes": "passend.analysis.markt",
    "niet_ingedeeld": "passend.analysis.segmentatie",
    "onderdruk": "passend.analysis.privacy",
    "onderdruk_transitie": "passend.analysis.privacy",
    "peildatum": "passend.analysis.relaties",
    "rapport": "passend.analysis.rapport",
    "transitie": "passend.analysis.transitie",
    "transitie_doorloop": "passend.analysis.transitie",
    "transitie_gevallen": "passend.analysis.transitie",
    "transitie_per": "passend.analysis.transitie",
    "transitie_stroom": "passend.analysis.transitie",
    "transitie_uitkomsten": "passend.analysis.transitie",
    "verbind": "passend.analysis.relaties",
    "wmo_instroom": "passend.analysis.transitie",
    "zorggebruik": "passend.analysis.zorggebruik",
}


class _Pakket(ModuleType):
    """Keeps a function exported under its own module's name (``transitie``, ``rapport``,
    ``knelpunten``, ``zorggebruik``) when the import system sets the submodule as the
    package's attribute after loading it, as the eager imports of this package used to."""

    def __setattr__(self, naam: str, waarde: object) -> None:
        if isinstance(waarde, ModuleType) and _WAAR.get(naam) == waarde.__name__:
            waarde = getattr(waarde, naam)
        super().__setattr__(naam, waarde)


sys.modules[__name__].__class__ = _Pakket


def __getattr__(naam: str) -> Any:
    module = _WAAR.get(naam)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")
    waarde = getattr(import_module(module), naam)
    globals()[naam] = waarde
    return waarde


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "LEEFTIJDSGROEPEN",
    "NIET_INGEDEELD",
    "RAPPORTSOORTEN",
    "SCHEMA",
    "ArrowBron",
    "Drempels",
    "Gebied",
    "Gegevensbron",
    "OntbrekendeRelatie",
    "Rapportsoort",
    "Segment",
    "Segmentatie",
    "Verzoek",
    "aanbieder_profielen",
    "als_json",
    "als_xlsx",
    "benchmark",
    "knelpunten",
    "kruistabel",
    "markt_aanbieders",
    "markt_segmenten",
    "markt_volumes",
    "niet_ingedeeld",
    "onderdruk",
    "onderdruk_transitie",
    "peildatum",
    "rapport",
    "transitie",
    "transitie_doorloop",
    "transitie_gevallen",
    "transitie_per",
    "transitie_stroom",
    "transitie_uitkomsten",
    "verbind",
    "wmo_instroom",
    "zorggebruik",
]
