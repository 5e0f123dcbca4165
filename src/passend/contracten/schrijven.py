"""Writing register rows that passed the checks: the import's store and the editor call this.

Each row is an upsert on its natural key, so re-importing a file changes nothing and a
corrected file overwrites. Tariff lines and bestedingsruimte need their contract in the
register (written earlier in the same round, or before): otherwise they are refused with a
reason, never stored loose.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, timedelta

from django.db import transaction

from passend.care.upsert import bewaar_op_sleutel
from passend.contracten.models import (
    Bestedingsruimte,
    Clientenstop,
    Contract,
    Contractpartij,
    Contracttarief,
)
from passend.contracten.register import contracten
from passend.contracting.register import Rol
from passend.domain.checks import Regel
from passend.domain.records import (
    BestedingsruimteRecord,
    ClientenstopRecord,
    ContractRecord,
    ContracttariefRecord,
)
from passend.reference.models import Jeugdregio

RegisterRecord = ContractRecord | ContracttariefRecord | BestedingsruimteRecord | ClientenstopRecord
#: Why a row was refused: (rule code, Dutch reason); None when it was written.
Weigering = tuple[str, str] | None


def schrijf_register(
    records: Sequence[RegisterRecord], aanbieder_id: Callable[[str], int], door: str = ""
) -> list[Weigering]:
    """Write the rows (contracts first); one refusal or None per record.

    Contracts are written one by one (they are few, and each names its parties); the lines
    under them (tariffs, bestedingsruimte, cliëntenstops) in bulk, as the single-row writers
    would write them in order: the last row of a key wins.
    """
    uitkomst: dict[int, Weigering] = {}
    for i, r in enumerate(records):
        if isinstance(r, ContractRecord):
            uitkomst[i] = schrijf_contract(r, aanbieder_id, door)
    regels = [(i, r) for i, r in enumerate(records) if not isinstance(r, ContractRecord)]
    uitkomst.update(_schrijf_regels(regels))
    return [uitkomst[i] for i in range(len(records))]


_Regel = ContracttariefRecord | BestedingsruimteRecord | ClientenstopRecord


def _schrijf_regels(regels: Sequence[tuple[int, _Regel]]) -> dict[int, Weigering]:
    nummers = {r.contractnummer for _, r in regels}
    bekend = {
        c.contractnummer: c
        for c in Contract.objects.filter(contractnummer__in=nummers).only(
            "pk", "contractnummer", "ingangsdatum", "einddatum"
        )
    }
    uitkomst: dict[int, Weigering] = {}
    per_soort: dict[type, dict[tuple[object, ...], tuple[object, ...]]] = {}
    for i, r in regels:
        contract = bekend.get(r.contractnummer)
        if contract is None:
            uitkomst[i] = _onbekend(r.contractnummer)
            continue
        uitkomst[i] = _weigering(r, contract)
        if uitkomst[i] is None:
            model, sleutel, waarden = _regel(r, contract.pk)
            per_soort.setdefault(model, {})[sleutel] = waarden
    for model, rijen in per_soort.items():
        _bewaar(model, rijen)
    return uitkomst


def _weigering(r: _Regel, contract: Contract) -> Weigering:
    if isinstance(r, ContracttariefRecord):
        return tarief_buiten_looptijd(r, contract.einddatum)
    if isinstance(r, BestedingsruimteRecord):
        return ruimte_buiten_looptijd(r, contract.ingangsdatum, contract.einddatum)
    return None


#: Per kind of line under a contract: its natural key (besides the contract) and the rest.
_VELDEN: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Contracttarief: (
        ("contract_id", "categorie", "productcode", "eenheid", "geldig_vanaf"),
        ("tarief", "geldig_tot"),
    ),
    Bestedingsruimte: (("contract_id", "jaar"), ("bedrag",)),
    Clientenstop: (("contract_id", "van"), ("tot", "reden")),
}


def _regel(r: _Regel, contract_id: int) -> tuple[type, tuple[object, ...], tuple[object, ...]]:
    """(model, natural key, other values) of a line."""
    if isinstance(r, ContracttariefRecord):
        sleutel = (contract_id, r.categorie, r.productcode or "", r.eenheid, r.geldig_vanaf)
        return Contracttarief, sleutel, (r.tarief_cent, r.geldig_tot)
    if isinstance(r, BestedingsruimteRecord):
        return Bestedingsruimte, (contract_id, r.jaar), (r.bedrag_cent,)
    return Clientenstop, (contract_id, r.van), (r.tot, r.reden)


def _bewaar(model: type, rijen: dict[tuple[object, ...], tuple[object, ...]]) -> None:
    sleutel, waarden = _VELDEN[model]
    bewaar_op_sleutel(model, sleutel, waarden, rijen)


def _onbekend(contractnummer: str) -> Weigering:
    return (
        Regel.CONTRACT_ONBEKEND,
        f"Contract {contractnummer[:40]} staat niet in het register. Importeer eerst het "
        "contractbestand (of beide in één keer) en lever deze rij daarna opnieuw aan.",
    )


def schrijf_contract(
    r: ContractRecord, aanbieder_id: Callable[[str], int], door: str = ""
) -> Weigering:
    hoofd = r.hoofdaannemer or r.agb
    regio_id = None
    if r.regio:
        regio_id = Jeugdregio.objects.filter(naam=r.regio).values_list("pk", flat=True).first()
        if regio_id is None:
            return (Regel.CONTRACT, f"'{r.regio[:60]}' is geen jeugdregio.")
    contract, _ = Contract.objects.update_or_create(
        contractnummer=r.contractnummer,
        defaults={
            "hoofdaannemer_id": aanbieder_id(hoofd),
            "gemeente_id": r.gemeente or None,
            "jeugdregio_id": regio_id,
            "domein": r.domein,
            "segment": r.segment,
            "uitvoeringsvariant": r.uitvoeringsvariant,
            "procedure": r.procedure,
            "ingangsdatum": r.ingangsdatum,
            "einddatum": r.einddatum,
            "gewijzigd_door": door[:150],
        },
    )
    # The hoofdaannemer is a party too, whichever row named it.
    Contractpartij.objects.update_or_create(
        contract=contract, aanbieder_id=aanbieder_id(hoofd), defaults={"rol": Rol.HOOFDAANNEMER}
    )
    if r.agb != hoofd:
        Contractpartij.objects.update_or_create(
            contract=contract, aanbieder_id=aanbieder_id(r.agb), defaults={"rol": Rol.ONDERAANNEMER}
        )
    return None


def tarief_buiten_looptijd(r: ContracttariefRecord, einddatum: date | None) -> Weigering:
    if einddatum is not None and r.geldig_vanaf > einddatum:
        return (
            Regel.CONTRACT,
            f"Het tarief van {r.productcode or r.categorie} gaat in na de einddatum van het "
            "contract.",
        )
    return None


def ruimte_buiten_looptijd(
    r: BestedingsruimteRecord, ingangsdatum: date, einddatum: date | None
) -> Weigering:
    laatste = einddatum.year if einddatum else r.jaar
    if not ingangsdatum.year <= r.jaar <= laatste:
        return (Regel.CONTRACT, f"Het contract loopt niet in {r.jaar}.")
    return None


def bewaar_contract(
    partijen: Sequence[ContractRecord],
    tarieven: Sequence[ContracttariefRecord],
    ruimtes: Sequence[BestedingsruimteRecord],
    aanbieder_id: Callable[[str], int],
    door: str = "",
    stops: Sequence[ClientenstopRecord] = (),
) -> list[str]:
    """The editor's save: the contract with exactly these parties, tariff lines, rooms and
    cliëntenstops (what the form no longer lists is removed). Nothing is written when a line
    falls outside the contract's period; the reasons are returned instead."""
    eerste = partijen[0]
    fouten = [
        w[1]
        for w in [tarief_buiten_looptijd(t, eerste.einddatum) for t in tarieven]
        + [ruimte_buiten_looptijd(r, eerste.ingangsdatum, eerste.einddatum) for r in ruimtes]
        if w is not None
    ]
    if fouten:
        return fouten
    with transaction.atomic():
        for r in partijen:
            if (weigering := schrijf_contract(r, aanbieder_id, door)) is not None:
                transaction.set_rollback(True)
                return [weigering[1]]
        contract = Contract.objects.get(contractnummer=eerste.contractnummer)
        contract.partijen.exclude(aanbieder__agb_code__in=[r.agb for r in partijen]).delete()
        contract.tarieven.all().delete()
        contract.ruimtes.all().delete()
        contract.stops.all().delete()
        _schrijf_regels(list(enumerate([*tarieven, *ruimtes, *stops])))
    return []


def zet_uniforme_tarieven(
    tarieven: Sequence[tuple[str, str, str, int]],
    vanaf: date,
    gemeenten: Collection[str] | None,
    door: str = "",
) -> list[dict[str, object]]:
    """Set the tariff of each (categorie, productcode, eenheid, tarief_cent) from `vanaf` in
    every contract in scope that runs on `vanaf` and already has a line for that product
    (the sheet replaces a tariff, it does not add products to a contract): a new line from
    `vanaf`, and the line that ran on into it ends the day before. Returns what changed."""
    uit: list[dict[str, object]] = []
    per_product = {(c, p, e): t for c, p, e, t in tarieven}
    with transaction.atomic():
        lopend = contracten(gemeenten).filter(ingangsdatum__lte=vanaf).exclude(einddatum__lt=vanaf)
        for contract in lopend.prefetch_related("tarieven"):
            for product, tarief in per_product.items():
                uit += _vervang(contract, product, tarief, vanaf)
            if door:
                Contract.objects.filter(pk=contract.pk).update(gewijzigd_door=door[:150])
    return uit


def _vervang(
    contract: Contract, product: tuple[str, str, str], tarief: int, vanaf: date
) -> list[dict[str, object]]:
    categorie, code, eenheid = product
    regels = [
        t
        for t in contract.tarieven.all()
        if (t.categorie, t.productcode, t.eenheid) == (categorie, code, eenheid)
    ]
    if not regels:
        return []
    for t in regels:
        if t.geldig_vanaf < vanaf and (t.geldig_tot is None or t.geldig_tot >= vanaf):
            t.geldig_tot = vanaf - timedelta(days=1)
            t.save(update_fields=["geldig_tot"])
    later = [t.geldig_vanaf for t in regels if t.geldig_vanaf > vanaf]
    Contracttarief.objects.update_or_create(
        contract=contract,
        categorie=categorie,
        productcode=code,
        eenheid=eenheid,
        geldig_vanaf=vanaf,
        defaults={
            "tarief": tarief,
            "geldig_tot": min(later) - timedelta(days=1) if later else None,
        },
    )
    return [
        {
            "contractnummer": contract.contractnummer,
            "productcategorie": categorie,
            "productcode": code,
            "eenheid": eenheid,
            "tarief_cent": tarief,
            "geldig_vanaf": vanaf.isoformat(),
        }
    ]
