"""Where gemeenten and aanbieders lie: the imported locations (model :class:`Ligging`) over the
coordinates shipped with the package (the demo region's). Read by the care landscape."""

from __future__ import annotations

from passend.reference.loader import laad_liggingen
from passend.reference.models import Ligging

Punt = tuple[float, float]


def gemeenteliggingen() -> dict[str, Punt]:
    """(lat, lon) per CBS gemeentecode: imported, else shipped."""
    uit = {code: (p.lat, p.lon) for code, p in laad_liggingen().items()}
    rijen = Ligging.objects.filter(soort=Ligging.Soort.GEMEENTE)
    uit.update({code: (lat, lon) for code, lat, lon in rijen.values_list("code", "lat", "lon")})
    return uit


def aanbiederliggingen() -> dict[str, Punt]:
    """(lat, lon) per AGB code, as imported."""
    rijen = Ligging.objects.filter(soort=Ligging.Soort.AANBIEDER)
    return {code: (lat, lon) for code, lat, lon in rijen.values_list("code", "lat", "lon")}
