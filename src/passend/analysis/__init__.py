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

from passend.analysis.bron import ArrowBron, Gegevensbron
from passend.analysis.gebied import Gebied
from passend.analysis.knelpunten import Drempels, knelpunten
from passend.analysis.markt import (
    aanbieder_profielen,
    markt_aanbieders,
    markt_segmenten,
    markt_volumes,
)
from passend.analysis.privacy import kruistabel, onderdruk, onderdruk_transitie
from passend.analysis.rapport import RAPPORTSOORTEN, Rapportsoort, Verzoek, rapport
from passend.analysis.relaties import SCHEMA, OntbrekendeRelatie, peildatum, verbind
from passend.analysis.segmentatie import NIET_INGEDEELD, Segment, Segmentatie, niet_ingedeeld
from passend.analysis.transitie import (
    transitie,
    transitie_doorloop,
    transitie_gevallen,
    transitie_per,
    transitie_stroom,
    transitie_uitkomsten,
    wmo_instroom,
)
from passend.analysis.uitvoer import als_json, als_xlsx
from passend.analysis.vergelijking import benchmark
from passend.analysis.zorggebruik import LEEFTIJDSGROEPEN, zorggebruik

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
