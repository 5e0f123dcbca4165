"""Steps 3 and 4 of the roadmap: from market analysis to ambitions and an inkoopstrategie.

Pure domain code (no Django): everything takes value objects or an analysis DuckDB connection
(:mod:`passend.analysis.relaties`) and returns value objects, rows (dicts) or files. The Django
app :mod:`passend.planning` stores the value objects; the web pages and the CLI call the
functions below. User documentation with every formula: ``docs/strategie.md``.

Python API (what a web view or notebook calls):

Segment models — :mod:`passend.strategy.segmentmodellen`
    ``standaard_model()``, ``vijf_segmenten_model()``, ``modellen()``, ``model(key)``;
    editing: ``met_segment``, ``zonder_segment``, ``met_categorie``, ``met_productregel``,
    ``zonder_productregel`` (each returns a new :class:`Segmentatie`);
    reports: ``indeling_van(seg, domein, categorie, code)`` (which rule places a product),
    ``ongedekte_categorieen(seg)``; unmapped products in the data:
    ``passend.analysis.niet_ingedeeld(con, gebied)``. Every analysis takes a
    :class:`passend.analysis.Gebied` that carries the model.

Ambitions — :mod:`passend.strategy.ambities`
    ``Ambitiekader`` / ``Ambitie`` / ``Indicator`` / ``Meting``; ``voorbeeldkader(jaar)``,
    ``met_basiswaarden(kader, con, gebied)``, ``monitor(kader, jaren, con, gebied)`` (target
    vs actual),
    ``principetoets(kader)``, ``BEREKENDE_INDICATOREN`` (the computed indicators),
    ``kader_als_dict`` / ``kader_uit_dict``.

Strategy per segment — :mod:`passend.strategy.richtlijnen`, :mod:`passend.strategy.keuzes`
    ``segmentkenmerken(con, gebied, jaar)`` (in :mod:`passend.strategy.invoer`) gives the
    figures; ``adviseer(kenmerken)`` the proposal per dimension with reasons and alternatives;
    ``voorstel(kenmerken)`` a :class:`Segmentstrategie`; ``strategie.overschrijf(dimensie,
    optie, rationale, door)`` records a deviation; ``kernwaarden_afweging(strategie)`` the
    four-core-values trade-off; ``RICHTLIJNEN`` / ``regeltabel()`` the rule table;
    ``DIMENSIES``, ``LABELS``, ``KERNWAARDE_EFFECTEN`` for forms.

Scenarios — :mod:`passend.strategy.scenario`, :mod:`passend.strategy.invoer`
    ``bouw_invoer(con, gebied)`` → :class:`ScenarioInvoer`;
    ``simuleer(invoer, Scenario(naam, omschrijving, Hefbomen(...)), runs=2000, seed=…)`` →
    :class:`ScenarioResultaat` (``segmenttabel()``, ``jaartabel()``, ``leeftijdstabel()``,
    ``risicoverdeling()``, ``als_dict()``); ``vergelijk(resultaten)`` side by side;
    charts in :mod:`passend.strategy.grafiek` (Altair; ``als_svg`` / ``als_png``).
    Demo set: ``demo_scenarios(con, gebied)`` in :mod:`passend.strategy.demo`.

Documents — :mod:`passend.strategy.document`, ``pdf``, ``excel``, ``ocds``
    ``stel_op(con, …)`` → :class:`Inkoopstrategie`; ``als_pdf(s)``,
    ``als_xlsx(s)`` (bytes; the adapters write them), ``ocds_pakket(s)``;
    ``demo_strategie(con)`` for the demo.

CLI — :mod:`passend.cli.strategie` and :mod:`passend.cli.scenario` (adapters, outside the
    pure core): the click groups ``strategie`` and ``scenario``.
"""
