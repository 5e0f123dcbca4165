"""Django app for the planning stage: saved segment models, ambitions with indicators and
measurements, strategy choices per segment with their recorded deviations, and named
scenarios with their results. Conversion to and from the pure domain objects of
:mod:`passend.strategy` lives in :mod:`passend.planning.opslag`."""
