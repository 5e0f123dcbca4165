"""The analysis pages as data: filters in, tables, charts and key figures out.

One builder per page, shared by the HTML views, the REST API and published reports. The
builders call :mod:`passend.analysis` through the cached connection of
:mod:`passend.web.analysedata`; `openbaar` builds apply small-count suppression.
"""
