"""Small-count suppression for pages and exports: re-exported from passend.analysis.openbaar.

Counts of persons are suppressed for every role without client-level access and in every
published report; figures derived from a suppressed count (rates, shares, medians) are
hidden with it. The helpers are pure and live in the analysis layer, which also applies
them to every table of the CLI and Excel reports.
"""

from __future__ import annotations

from passend.analysis.openbaar import (
    ONDERDRUKT,
    is_onderdrukt,
    onderdruk_per_kolom,
    onderdruk_tabel,
)

__all__ = ["ONDERDRUKT", "is_onderdrukt", "onderdruk_per_kolom", "onderdruk_tabel"]
