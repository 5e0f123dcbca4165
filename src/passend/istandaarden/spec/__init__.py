"""Generated message specifications (``*.json``); regenerate with ``tools/xsd_to_spec.py``."""
