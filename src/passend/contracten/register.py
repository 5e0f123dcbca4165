"""Reading the register for the checks, the CLI and the web, within a user's scope.

A contract for a gemeente is in scope when that gemeente is; a contract for a jeugdregio when
any of its gemeenten is (it covers that gemeente's care). The checks against the messages run
on the analysis connection of the current data version (the snapshot), with the register
registered next to it fresh from the database: editing a contract never needs a new snapshot.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import duckdb
from django.db.models import Q, QuerySet

from passend.analysis.gebied import Gebied
from passend.analysis.rapport import Tabellen, Verzoek, rapport
from passend.contracten.models import (
    Bestedingsruimte,
    Clientenstop,
    Contract,
    Contractpartij,
    Contracttarief,
    Verzilveringsgraad,
)
from passend.contracting.register import (
    Bestedingsruimte as KernRuimte,
)
from passend.contracting.register import (
    Clientenstop as KernStop,
)
from passend.contracting.register import (
    Contract as KernContract,
)
from passend.contracting.register import (
    Contractcontrole,
    Contractvariant,
    contractsignalen,
    controleer_berichten,
    register_tabellen,
)
from passend.contracting.register import (
    Contracttarief as KernTarief,
)
from passend.monitoring.bestedingsruimte import (
    Bestedingsruimteoverzicht,
    Product,
)
from passend.reference.models import Gemeente

if TYPE_CHECKING:
    from passend.strategy.ocds import Gunningen


def contracten(gemeenten: Collection[str] | None = None) -> QuerySet[Contract]:
    """The contracts covering any of `gemeenten` (None: all)."""
    qs = Contract.objects.select_related("hoofdaannemer", "gemeente", "jeugdregio")
    if gemeenten is None:
        return qs
    regio_ids = Gemeente.objects.filter(code__in=list(gemeenten)).values("jeugdregio_id")
    return qs.filter(Q(gemeente_id__in=list(gemeenten)) | Q(jeugdregio_id__in=regio_ids))


Kern = tuple[list[KernContract], list[KernTarief], list[KernRuimte], list[KernStop]]


def als_kern(qs: QuerySet[Contract]) -> Kern:
    """The contracts of `qs` with their tariff lines and bestedingsruimte as core values."""
    ids = list(qs.values_list("pk", flat=True))
    onder: dict[int, list[str]] = {}
    for contract_id, agb in Contractpartij.objects.filter(
        contract_id__in=ids, rol="onderaannemer"
    ).values_list("contract_id", "aanbieder__agb_code"):
        onder.setdefault(contract_id, []).append(agb)
    kern = [
        KernContract(
            contractnummer=c.contractnummer,
            hoofdaannemer=c.hoofdaannemer.agb_code,
            domein=c.domein,
            segment=c.segment,
            uitvoeringsvariant=Contractvariant(c.uitvoeringsvariant),
            ingangsdatum=c.ingangsdatum,
            einddatum=c.einddatum,
            gemeente=c.gemeente_id,
            regio=c.jeugdregio.naam if c.jeugdregio_id else None,
            procedure=c.procedure,
            onderaannemers=tuple(sorted(onder.get(c.pk, []))),
        )
        for c in qs
    ]
    tarieven = [
        KernTarief(nr, cat, code or None, eenheid, tarief, vanaf, tot)
        for nr, cat, code, eenheid, tarief, vanaf, tot in Contracttarief.objects.filter(
            contract_id__in=ids
        ).values_list(
            "contract__contractnummer",
            "categorie",
            "productcode",
            "eenheid",
            "tarief",
            "geldig_vanaf",
            "geldig_tot",
        )
    ]
    ruimtes = [
        KernRuimte(nr, jaar, bedrag)
        for nr, jaar, bedrag in Bestedingsruimte.objects.filter(contract_id__in=ids).values_list(
            "contract__contractnummer", "jaar", "bedrag"
        )
    ]
    stops = [
        KernStop(nr, van, tot, reden)
        for nr, van, tot, reden in Clientenstop.objects.filter(contract_id__in=ids).values_list(
            "contract__contractnummer", "van", "tot", "reden"
        )
    ]
    return kern, tarieven, ruimtes, stops


def gunningen(gemeenten: Collection[str] | None) -> Gunningen:
    """The contracts in scope, their rooms and their aanbieders' names, for the OCDS award
    and contract stage (:func:`passend.strategy.ocds.ocds_pakket`)."""
    from passend.care.models import Aanbieder
    from passend.strategy.ocds import Gunningen

    kern, _tarieven, ruimtes, _stops = als_kern(contracten(gemeenten))
    agbs = {c.hoofdaannemer for c in kern} | {o for c in kern for o in c.onderaannemers}
    namen = dict(
        Aanbieder.objects.filter(agb_code__in=agbs).exclude(naam="").values_list("agb_code", "naam")
    )
    return Gunningen(kern, ruimtes, namen)


def plafonds(gemeenten: Collection[str], regio: str | None = None) -> dict[tuple[int, str], float]:
    """Per (year, domain) the sum of the bestedingsruimte, in euros, of the contracts for the
    area itself: the contracts of its gemeenten and, for a jeugdregio, the regional ones (a
    regional contract is not split over one gemeente)."""
    binnen = Q(contract__gemeente_id__in=list(gemeenten))
    if regio:
        binnen |= Q(contract__jeugdregio__naam=regio)
    uit: dict[tuple[int, str], float] = {}
    for jaar, domein, bedrag in Bestedingsruimte.objects.filter(binnen).values_list(
        "jaar", "contract__domein", "bedrag"
    ):
        uit[(jaar, domein)] = uit.get((jaar, domein), 0.0) + int(bedrag) / 100
    return uit


def registreer(con: duckdb.DuckDBPyConnection, gemeenten: Collection[str] | None) -> None:
    """Put the register relations (of the contracts in scope) into an analysis connection."""
    for naam, tabel in register_tabellen(*als_kern(contracten(gemeenten))).items():
        con.register(naam, tabel)


def controle(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Collection[str] | None = None,
) -> Contractcontrole:
    registreer(con, gemeenten)
    lijst = sorted(gemeenten) if gemeenten is not None else None
    return controleer_berichten(con, jaar, peildatum, lijst)


def bestedingsruimte_tabellen(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Collection[str] | None = None,
    verzilvering: Mapping[Product, float] | None = None,
    *,
    openbaar: bool = False,
) -> Tabellen:
    """The registered report ``bestedingsruimte`` (:mod:`passend.monitoring.bestedingsruimte`)
    on the analysis connection, with the register of the contracts in scope registered on
    it: what the page, its downloads, the API, the CLI and the raad report all show."""
    registreer(con, gemeenten)
    verzoek = Verzoek(
        Gebied.standaard(),
        jaar,
        peildatum=peildatum,
        verzilvering=tuple(sorted((verzilvering or {}).items(), key=repr)),
        gemeenten=frozenset(gemeenten) if gemeenten is not None else None,
    )
    return rapport("bestedingsruimte", con, verzoek, openbaar=openbaar)


def bestedingsruimte(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Collection[str] | None = None,
    verzilvering: Mapping[Product, float] | None = None,
) -> Bestedingsruimteoverzicht:
    """The report ``bestedingsruimte`` as one overview (the JSON of the CLI and the API)."""
    tabellen = bestedingsruimte_tabellen(con, jaar, peildatum, gemeenten, verzilvering)
    return Bestedingsruimteoverzicht.uit_tabellen(tabellen)


def verzilvering_van(gebied: str, jaar: int) -> dict[Product, float]:
    """The verzilveringsgraden entered for an area and year."""
    return {
        (domein, categorie, code or None): float(graad)
        for domein, categorie, code, graad in Verzilveringsgraad.objects.filter(
            gebied=gebied, jaar=jaar
        ).values_list("domein", "categorie", "productcode", "graad")
    }


def bewaar_verzilvering(
    gebied: str, jaar: int, graden: Mapping[Product, float | None], door: str = ""
) -> None:
    """Store the entered graden (each between 0 and 1); None removes one (the estimate from
    last year applies again)."""
    for (domein, categorie, code), graad in graden.items():
        sleutel = {
            "gebied": gebied,
            "jaar": jaar,
            "domein": domein,
            "categorie": categorie,
            "productcode": code or "",
        }
        if graad is None:
            Verzilveringsgraad.objects.filter(**sleutel).delete()
        elif not 0 <= graad <= 1:
            raise ValueError("Een verzilveringsgraad ligt tussen 0 en 1.")
        else:
            Verzilveringsgraad.objects.update_or_create(
                **sleutel, defaults={"graad": Decimal(str(round(graad, 4))), "door": door[:150]}
            )


def overzicht(qs: QuerySet[Contract], peildatum: date) -> list[dict[str, Any]]:
    """One row per contract with its parties, counts and warnings, for the register page and
    ``passend contract lijst``."""
    qs = qs.prefetch_related("partijen__aanbieder", "tarieven", "ruimtes", "stops")
    rijen = []
    for c in qs:
        onder = [p.aanbieder.agb_code for p in c.partijen.all() if p.rol == "onderaannemer"]
        signalen = contractsignalen(c.ingangsdatum, c.einddatum, peildatum)
        rijen.append(
            {
                "contractnummer": c.contractnummer,
                "hoofdaannemer": c.hoofdaannemer.agb_code,
                "naam": c.hoofdaannemer.naam,
                "onderaannemers": sorted(onder),
                "gebied": c.gebied,
                "gebied_naam": (
                    f"{c.gemeente.naam} ({c.gemeente_id})" if c.gemeente_id else c.gebied
                ),
                "domein": c.domein,
                "segment": c.segment,
                "uitvoeringsvariant": c.uitvoeringsvariant,
                "procedure": c.procedure,
                "ingangsdatum": c.ingangsdatum.isoformat(),
                "einddatum": c.einddatum.isoformat() if c.einddatum else None,
                "tariefregels": len(c.tarieven.all()),
                "bestedingsruimte_cent": {r.jaar: r.bedrag for r in c.ruimtes.all()},
                "waarschuwingen": [s.uitleg for s in signalen],
                "signalen": [s.kort for s in signalen],
                "clientenstops": [
                    {
                        "van": s.van.isoformat(),
                        "tot": s.tot.isoformat() if s.tot else None,
                        "reden": s.reden,
                        "actief": s.van <= peildatum and (s.tot is None or peildatum <= s.tot),
                    }
                    for s in c.stops.all()
                ],
            }
        )
    return rijen
