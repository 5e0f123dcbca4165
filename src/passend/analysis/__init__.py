"""Analyses over the loaded care data, as pure functions on a DuckDB connection.

Every analysis takes a DuckDB connection holding the relations documented in
:mod:`passend.analysis.relaties` and returns plain Python data: a ``dict`` for
:func:`transitie`, otherwise a ``list`` of row ``dict`` s (JSON-ready apart from dates, see
:func:`passend.analysis.uitvoer.als_json`). Amounts are eurocent, shares are fractions (0-1).
Definitions are in each module's docstring and, in Dutch, in ``docs/definities.md``.

Where the connection comes from:

* the Django database: :func:`passend.analysis.bron.django_verbinding` (the only module that
  imports Django; not imported here, so this package works without Django);
* a Parquet snapshot: :func:`lees_snapshot`;
* Arrow tables of your own: :func:`verbind`.
"""

from passend.analysis.knelpunten import Drempels, knelpunten
from passend.analysis.markt import (
    aanbieder_profielen,
    markt_aanbieders,
    markt_segmenten,
    markt_volumes,
)
from passend.analysis.privacy import kruistabel, onderdruk, onderdruk_transitie
from passend.analysis.rapport import RAPPORTEN, rapport
from passend.analysis.relaties import SCHEMA, OntbrekendeRelatie, lees_snapshot, peildatum, verbind
from passend.analysis.segmentatie import NIET_INGEDEELD, Segment, Segmentatie, niet_ingedeeld
from passend.analysis.transitie import (
    transitie,
    transitie_doorloop,
    transitie_gevallen,
    transitie_per,
    transitie_stroom,
    wmo_instroom,
)
from passend.analysis.uitvoer import als_json, schrijf_excel
from passend.analysis.vergelijking import benchmark
from passend.analysis.zorggebruik import LEEFTIJDSGROEPEN, zorggebruik

__all__ = [
    "LEEFTIJDSGROEPEN",
    "NIET_INGEDEELD",
    "RAPPORTEN",
    "SCHEMA",
    "Drempels",
    "OntbrekendeRelatie",
    "Segment",
    "Segmentatie",
    "aanbieder_profielen",
    "als_json",
    "benchmark",
    "knelpunten",
    "kruistabel",
    "lees_snapshot",
    "markt_aanbieders",
    "markt_segmenten",
    "markt_volumes",
    "niet_ingedeeld",
    "onderdruk",
    "onderdruk_transitie",
    "peildatum",
    "rapport",
    "schrijf_excel",
    "transitie",
    "transitie_doorloop",
    "transitie_gevallen",
    "transitie_per",
    "transitie_stroom",
    "verbind",
    "wmo_instroom",
    "zorggebruik",
]
