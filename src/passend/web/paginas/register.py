"""The analysis pages: builder, roles, default year and extra filters, by page name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from passend.accounts import rollen as r
from passend.accounts.rollen import Rol
from passend.web.paginas import basis, benchmark, kern, knelpunten, markt, transitie, wmo
from passend.web.paginas.labels import MATEN, ZORGVORMEN


@dataclass(frozen=True)
class Pagina:
    naam: str
    bouw: Callable[[basis.Filters], basis.Inhoud]
    rollen: frozenset[Rol]
    standaard_jaar: str = "laatste"
    keuzes: dict[str, dict[str, Any]] = field(default_factory=dict)


PAGINAS: dict[str, Pagina] = {
    p.naam: p
    for p in (
        Pagina("kerncijfers", kern.bouw, r.ANALYSE | {Rol.CONTRACTMANAGER}),
        Pagina("transitie", transitie.bouw, r.ANALYSE, "laatste_volledig",
               {"zorgvorm": ZORGVORMEN}),
        Pagina("wmo-instroom", wmo.bouw, r.ANALYSE),
        Pagina("markt", markt.bouw, r.MARKT, keuzes={"segment": basis.Patroon(r"\w{1,10}")}),
        Pagina("knelpunten", knelpunten.bouw, r.MARKT),
        Pagina("benchmark", benchmark.bouw, r.ANALYSE, keuzes={"maat": MATEN}),
    )
}
