"""Submit a page's form as a browser would: every successful control with its current value
(the selected option, or the first one when none is; checked boxes only), then the changes a
user makes. Form tests built on this catch what hand-built POST data hides, such as the blank
extra rows of a formset that a browser submits with their default dropdown values."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from lxml import html

#: The first POST form in the page's main content (the header holds the language form).
HOOFDFORMULIER = "//main//form[@method='post']"


def formwaarden(pagina: bytes | str, xpath: str = HOOFDFORMULIER) -> dict[str, Any]:
    """The values a browser would send for the first form matching ``xpath``."""
    return _waarden(_formulier(pagina, xpath))


def _formulier(pagina: bytes | str, xpath: str) -> Any:
    (formulier, *_rest) = html.fromstring(pagina).xpath(xpath)
    return formulier


def _waarden(formulier: Any) -> dict[str, Any]:
    waarden: dict[str, Any] = {}
    for veld in formulier.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
        waarde = _browserwaarde(veld)
        if waarde is not None and veld.get("disabled") is None:
            waarden.setdefault(veld.get("name"), waarde)
    return waarden


def _browserwaarde(veld: Any) -> str | None:
    """What a browser sends for one control, or None when it sends nothing (lxml's own
    form_values leaves out a text input without a value attribute, which a browser sends)."""
    if veld.tag == "textarea":
        return veld.text or ""
    if veld.tag == "select":
        opties = veld.xpath(".//option")
        gekozen = [o for o in opties if o.get("selected") is not None] or opties[:1]
        return gekozen[0].get("value", gekozen[0].text_content()) if gekozen else None
    soort = (veld.get("type") or "text").lower()
    if soort in ("checkbox", "radio"):
        return veld.get("value", "on") if veld.get("checked") is not None else None
    if soort in ("submit", "button", "image", "reset", "file"):
        return None
    return veld.get("value", "")


def verstuur(
    client: Any, url: str, wijzigingen: dict[str, Any] | None = None, xpath: str = HOOFDFORMULIER
) -> Any:
    """GET ``url``, fill its form with ``wijzigingen`` (None removes a control) and POST it
    to the form's action (the page itself when it has none)."""
    formulier = _formulier(client.get(url).content, xpath)
    waarden = _waarden(formulier)
    for naam, waarde in (wijzigingen or {}).items():
        if waarde is None:
            waarden.pop(naam, None)
        else:
            waarden[naam] = waarde
    return client.post(urljoin(url, formulier.get("action") or url), waarden)
