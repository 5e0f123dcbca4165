"""Formula injection: text a user typed (a scenario name, a segment label) must never become a
formula when a workbook or CSV file is opened in a spreadsheet program.

Every XlsxWriter workbook is made with `WERKBOEK_OPTIES`, so text is written as text; every
CSV cell that is text passes `veilige_csv_tekst`, which prefixes the characters a
spreadsheet reads as the start of a formula (OWASP "CSV injection").
"""

from __future__ import annotations

from typing import Any

#: XlsxWriter options: text is never turned into a formula or a hyperlink.
WERKBOEK_OPTIES: dict[str, Any] = {"strings_to_formulas": False, "strings_to_urls": False}

_FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formule_achtig(tekst: str) -> bool:
    return tekst.lstrip(" ").startswith(_FORMULE_BEGIN)


def veilige_csv_tekst(waarde: Any) -> Any:
    """A CSV cell value: text that could start a formula gets a leading apostrophe.

    Numbers stay numbers (a negative amount is not text and is not changed).
    """
    if isinstance(waarde, str) and is_formule_achtig(waarde):
        return "'" + waarde
    return waarde
