"""The vocabulary of a cliëntenstop (docs/definities.md § 13, Cliëntenstops)."""

from __future__ import annotations

#: Why a cliëntenstop was set (a code, never free text): Dutch and English names.
STOPREDENEN: dict[str, tuple[str, str]] = {
    "bestedingsruimte": ("Bestedingsruimte bereikt", "Spending room reached"),
    "capaciteit": ("Geen capaciteit", "No capacity"),
    "kwaliteit": ("Kwaliteit of toezicht", "Quality or supervision"),
    "overig": ("Overig", "Other"),
}

__all__ = ["STOPREDENEN"]
