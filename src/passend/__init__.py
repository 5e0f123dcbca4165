"""Passend: procurement and steering of youth care (Jeugdwet) and young-adult support (Wmo)."""

__version__ = "0.1.0"
