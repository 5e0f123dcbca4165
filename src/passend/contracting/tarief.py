"""The reële prijs of a product per hour, and its yearly indexation.

Cost-price build-up (docs/contractering.md, tested by hand)::

    loonkosten_per_uur = maandsalaris × 12 × (1 + opslagen) / uren_per_fte
    tarief_per_uur     = (loonkosten_per_uur / productiviteit + overige_clientgebonden_per_uur)
                         × (1 + overhead) × (1 + risico) / groepsgrootte

``opslagen`` is the sum of the surcharges on the scale salary (IKB/ORT, sociale lasten,
pensioen); ``productiviteit`` is the share of paid hours that is client-bound (the
niet-productieve uren of the Wmo AMvB: training, travel, consultation); overhead and risico
are fractions. A group product divides the hour over ``groepsgrootte`` clients.

Amounts are computed in Decimal and the tariff is rounded half up to whole cents; optionally
to the nearest multiple of 60 cents, so that the tariff per minute is whole cents (iJw rule
IV081: declaring per minute).

Indexation (Contractstandaard): the index applied for year t+1 is the forecast for t+1 plus
the correction of year t, ``prognose(t+1) + (definitief(t) − prognose(t))``, separately for
wages (OVA) and material (PCC), weighted (Jeugd by default 90% OVA, 10% PCC).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

NUL = Decimal(0)
EEN = Decimal(1)
#: Cents per hour divisible by this give a whole number of cents per minute.
MINUUTDEELBAAR = 60


def _dec(waarde: Decimal | float | int | str) -> Decimal:
    return waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))


@dataclass(frozen=True)
class Kostprijsopbouw:
    """The explicit inputs of one product's tariff. Either ``loonkosten_per_uur`` directly, or
    ``maandsalaris`` with ``opslagen`` and ``uren_per_fte`` (then the CAO name and step say
    where the salary comes from)."""

    productiviteit: Decimal
    overhead: Decimal = NUL
    risico: Decimal = NUL
    overige_clientgebonden_per_uur: Decimal = NUL
    groepsgrootte: Decimal = EEN
    loonkosten_per_uur: Decimal | None = None
    maandsalaris: Decimal | None = None
    opslagen: Mapping[str, Decimal] = field(default_factory=dict)
    uren_per_fte: Decimal | None = None
    cao: str = ""
    schaal_trede: str = ""

    def __post_init__(self) -> None:
        for naam in ("productiviteit", "overhead", "risico", "overige_clientgebonden_per_uur"):
            object.__setattr__(self, naam, _dec(getattr(self, naam)))
        object.__setattr__(self, "groepsgrootte", _dec(self.groepsgrootte))
        object.__setattr__(self, "opslagen", {k: _dec(v) for k, v in self.opslagen.items()})
        for naam in ("loonkosten_per_uur", "maandsalaris", "uren_per_fte"):
            if getattr(self, naam) is not None:
                object.__setattr__(self, naam, _dec(getattr(self, naam)))
        self._controleer()

    def _controleer(self) -> None:
        if not NUL < self.productiviteit <= EEN:
            raise ValueError("De productiviteit ligt tussen 0 en 1 (bijvoorbeeld 0,80).")
        if self.groepsgrootte < EEN:
            raise ValueError("De groepsgrootte is ten minste 1.")
        for naam in ("overhead", "risico", "overige_clientgebonden_per_uur"):
            if getattr(self, naam) < NUL:
                raise ValueError(f"{naam.replace('_', ' ').capitalize()} is niet negatief.")
        if any(v < NUL for v in self.opslagen.values()):
            raise ValueError("Een opslag is niet negatief.")
        if self.loonkosten_per_uur is None:
            if self.maandsalaris is None or self.uren_per_fte is None:
                raise ValueError(
                    "Geef de loonkosten per uur, of het maandsalaris met de uren per fte."
                )
            if self.maandsalaris < NUL or self.uren_per_fte <= NUL:
                raise ValueError("Het maandsalaris is niet negatief en de uren per fte positief.")
        elif self.loonkosten_per_uur < NUL:
            raise ValueError("De loonkosten per uur zijn niet negatief.")

    @property
    def loonkosten(self) -> Decimal:
        """Loonkosten per paid hour (given, or from the monthly salary)."""
        if self.loonkosten_per_uur is not None:
            return self.loonkosten_per_uur
        assert self.maandsalaris is not None and self.uren_per_fte is not None
        opslag = sum(self.opslagen.values(), NUL)
        return self.maandsalaris * 12 * (EEN + opslag) / self.uren_per_fte


@dataclass(frozen=True)
class Tarief:
    """A computed tariff, with each step of the build-up (euro per hour, unrounded)."""

    loonkosten_per_uur: Decimal
    per_clientgebonden_uur: Decimal
    met_overhead: Decimal
    met_risico: Decimal
    per_uur: Decimal
    tarief_cent: int
    tarief_cent_deelbaar_60: int

    def als_dict(self) -> dict[str, object]:
        return {
            "loonkosten_per_uur": float(self.loonkosten_per_uur),
            "per_clientgebonden_uur": float(self.per_clientgebonden_uur),
            "met_overhead": float(self.met_overhead),
            "met_risico": float(self.met_risico),
            "tarief_per_uur": float(self.per_uur),
            "tarief_cent": self.tarief_cent,
            "tarief_cent_deelbaar_60": self.tarief_cent_deelbaar_60,
            "tarief_per_minuut_cent": self.tarief_cent_deelbaar_60 // MINUUTDEELBAAR,
        }


def cent(euro: Decimal) -> int:
    """Euro to whole cents, half up."""
    return int((euro * 100).quantize(EEN, rounding=ROUND_HALF_UP))


def deelbaar_door_60(tarief_cent: int) -> int:
    """The nearest multiple of 60 cents (half up): a whole number of cents per minute."""
    return int(
        (Decimal(tarief_cent) / MINUUTDEELBAAR).quantize(EEN, rounding=ROUND_HALF_UP)
        * MINUUTDEELBAAR
    )


def bereken(opbouw: Kostprijsopbouw) -> Tarief:
    """The tariff per hour of `opbouw` (module docstring)."""
    loon = opbouw.loonkosten
    per_clienturen = loon / opbouw.productiviteit + opbouw.overige_clientgebonden_per_uur
    met_overhead = per_clienturen * (EEN + opbouw.overhead)
    met_risico = met_overhead * (EEN + opbouw.risico)
    per_uur = met_risico / opbouw.groepsgrootte
    tarief_cent = cent(per_uur)
    return Tarief(
        loonkosten_per_uur=loon,
        per_clientgebonden_uur=per_clienturen,
        met_overhead=met_overhead,
        met_risico=met_risico,
        per_uur=per_uur,
        tarief_cent=tarief_cent,
        tarief_cent_deelbaar_60=deelbaar_door_60(tarief_cent),
    )


# -- indexation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indexcijfers:
    """The published index figures of one series (OVA or PCC), as fractions per year: the
    forecast made for a year and, once known, its definitive value."""

    prognose: Mapping[int, Decimal]
    definitief: Mapping[int, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prognose", {j: _dec(v) for j, v in self.prognose.items()})
        object.__setattr__(self, "definitief", {j: _dec(v) for j, v in self.definitief.items()})

    def toe_te_passen(self, jaar: int) -> Decimal:
        """The index applied for `jaar`: its forecast plus the correction of the year before
        (definitive minus forecast); without a definitive figure for that year, no correction."""
        if jaar not in self.prognose:
            raise ValueError(f"Er is geen prognose van het indexcijfer voor {jaar}.")
        vorig = jaar - 1
        correctie = (
            self.definitief[vorig] - self.prognose[vorig]
            if vorig in self.definitief and vorig in self.prognose
            else NUL
        )
        return self.prognose[jaar] + correctie


#: Share of wages (OVA) in the index; the rest is material (PCC). Jeugd by default.
LOONAANDEEL_JEUGD = Decimal("0.9")


def index_voor(
    jaar: int, ova: Indexcijfers, pcc: Indexcijfers, loonaandeel: Decimal = LOONAANDEEL_JEUGD
) -> Decimal:
    """The weighted index for `jaar`: loonaandeel × OVA + (1 − loonaandeel) × PCC."""
    loonaandeel = _dec(loonaandeel)
    if not NUL <= loonaandeel <= EEN:
        raise ValueError("Het loonaandeel ligt tussen 0 en 1.")
    return loonaandeel * ova.toe_te_passen(jaar) + (EEN - loonaandeel) * pcc.toe_te_passen(jaar)


def indexeer(
    tarief_cent: int,
    van_jaar: int,
    tot_jaar: int,
    ova: Indexcijfers,
    pcc: Indexcijfers,
    loonaandeel: Decimal = LOONAANDEEL_JEUGD,
) -> list[dict[str, object]]:
    """The tariff of `van_jaar` carried to each year up to `tot_jaar`, rounded to whole cents
    every year (as a contract publishes it): per year the index applied and the tariff."""
    if tot_jaar < van_jaar:
        raise ValueError("Het eindjaar ligt niet vóór het beginjaar.")
    uit: list[dict[str, object]] = [{"jaar": van_jaar, "index": None, "tarief_cent": tarief_cent}]
    huidig = tarief_cent
    for jaar in range(van_jaar + 1, tot_jaar + 1):
        index = index_voor(jaar, ova, pcc, loonaandeel)
        huidig = cent(Decimal(huidig) / 100 * (EEN + index))
        uit.append({"jaar": jaar, "index": float(index), "tarief_cent": huidig})
    return uit
