"""Which area, and which segment model applies to it: decided here, once.

The analyses, the strategy and scenario pages, ``passend analyse`` and the ``strategie`` /
``scenario`` commands all ask :func:`gebied_voor` (or :func:`gebied_uit_sleutel` for the key
a planning object carries). The model is the area's own active model, else its jeugdregio's,
else the default 7-segment model.
"""

from __future__ import annotations

from passend.analysis.gebied import Gebied, gebiedsnaam
from passend.analysis.segmentatie import Segmentatie
from passend.planning import models as m
from passend.reference.models import Gemeente, Jeugdregio


def _is_gemeente(sleutel: str) -> bool:
    return sleutel.isdigit() and Gemeente.objects.filter(code=sleutel).exists()


def actief_modelobject(gemeente: str | None, regio: str | None) -> m.Segmentmodel | None:
    """The stored active model that applies: the gemeente's own, else its jeugdregio's."""
    sleutels = [gemeente] if gemeente else []
    if regio:
        sleutels.append(regio)
    elif gemeente:
        naam = Gemeente.objects.filter(code=gemeente).values_list("jeugdregio__naam", flat=True)
        sleutels += [n for n in naam if n]
    for sleutel in sleutels:
        obj = m.Segmentmodel.objects.filter(gebied=sleutel, actief=True).first()
        if obj is not None:
            return obj
    return None


def _naam(gemeente: str | None, regio: str | None) -> str:
    naam = None
    if gemeente:
        naam = Gemeente.objects.filter(code=gemeente).values_list("naam", flat=True).first()
    return gebiedsnaam(gemeente, regio, naam)


def gebied_voor(gemeente: str | None, regio: str | None) -> Gebied:
    """The area of a gemeente code and/or jeugdregio name, with the model that applies."""
    obj = actief_modelobject(gemeente, regio)
    seg = Segmentatie.uit_dict(obj.definitie) if obj else Segmentatie.standaard()
    return Gebied(seg, gemeente or None, regio or None, _naam(gemeente, regio))


def gebied_uit_sleutel(sleutel: str) -> Gebied:
    """The area behind a planning key: a gemeente code, a jeugdregio name, or '' for all."""
    if sleutel and _is_gemeente(sleutel):
        return gebied_voor(sleutel, None)
    return gebied_voor(None, sleutel or None)


def gemeenten_van(gemeente: str | None, regio: str | None) -> list[str] | None:
    """The CBS codes of an area, sorted: the gemeente, the gemeenten of the jeugdregio, or
    None for all gemeenten. The one place an area becomes its gemeenten (the register check,
    the monitors, the raadsrapportage and the CLI all ask here)."""
    if gemeente:
        return [gemeente]
    if not regio:
        return None
    codes = Gemeente.objects.filter(jeugdregio__naam=regio).order_by("code")
    return list(codes.values_list("code", flat=True))


def gemeenten_van_sleutel(sleutel: str) -> list[str] | None:
    """:func:`gemeenten_van` of a planning key (a gemeente code, a jeugdregio name, '')."""
    if sleutel and sleutel.isdigit():
        return gemeenten_van(sleutel, None)
    return gemeenten_van(None, sleutel or None)


def bestaat(gemeente: str | None, regio: str | None) -> str | None:
    """None when the gemeente code and jeugdregio name exist; otherwise a Dutch reason."""
    if gemeente and not Gemeente.objects.filter(code=gemeente).exists():
        return f"Onbekende gemeentecode: {gemeente}."
    if regio and not Jeugdregio.objects.filter(naam=regio).exists():
        return f"Onbekende jeugdregio: {regio}."
    return None


__all__ = [
    "actief_modelobject",
    "bestaat",
    "gebied_uit_sleutel",
    "gebied_voor",
    "gemeenten_van",
    "gemeenten_van_sleutel",
]


def actieve_segmentaties() -> list[Segmentatie]:
    """The segmentations of every active segment model (the analysis snapshot prepares its
    relations for these, besides the default)."""
    definities = m.Segmentmodel.objects.filter(actief=True).values_list("definitie", flat=True)
    return [Segmentatie.uit_dict(d) for d in definities]
