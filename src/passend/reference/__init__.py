"""Reference data: gemeenten with their jeugdregio, and the versioned iStandaarden codelists.

The facts ship as package data (`data/`), encoded by `tools/build_reference_data.py`.
"""
