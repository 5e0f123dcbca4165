"""The two domains Passend covers: Jeugdwet (iJw) and Wmo (iWmo)."""

from __future__ import annotations

from enum import StrEnum


class Domein(StrEnum):
    JEUGD = "jeugd"
    WMO = "wmo"
