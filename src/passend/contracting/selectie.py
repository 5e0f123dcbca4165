"""Provider selection: the Open House admission check and the scoring of a SAS/EMVI tender.

Scoring methods (PIANOo), each with its method and weights fixed *before* any score is given
(:class:`Beoordelingsmethode` carries the moment; a score entered earlier is refused):

* **gewogen factor, absolute price scoring**: ``totaal = Σ w_i × s_i / schaal +
  WP × (Pmax − P) / (Pmax − Pmin)`` with the quality weights w_i summing to WQ = 1 − WP and
  Pmax, Pmin fixed in advance. A bid above Pmax is invalid; one below Pmin scores the full
  price points. Highest total wins.
* **gunnen op waarde**: every quality criterion is worth a fixed amount; a score earns that
  share of it off the bid, ``fictieve prijs = P − Σ waarde_i × s_i / schaal``. Lowest
  fictitious price wins.

Relative price scoring (points by P_laagste / P) is not offered: with it, adding or removing a
bid can swap the order of two other bids (the rank-order paradox). With fixed Pmax and Pmin,
a bid's score depends on that bid alone. A 100% price weighting is refused: the Jeugdwet and
the Wmo require quality to count.

Ties: the higher quality score wins, then the lower price; a tie beyond that is reported for
the beoordelingscommissie (lot), never broken silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

METHODEN = ("gewogen_factor", "gunnen_op_waarde")


def _dec(waarde: Any) -> Decimal:
    return waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))


@dataclass(frozen=True)
class Criterium:
    """A quality criterion: its weight (gewogen factor) or its euro value (gunnen op waarde)."""

    code: str
    naam: str
    gewicht: Decimal = Decimal(0)
    waarde_euro: Decimal = Decimal(0)


@dataclass(frozen=True)
class Beoordelingsmethode:
    """The method, criteria and price parameters, fixed at `vastgesteld_op`."""

    methode: str
    criteria: tuple[Criterium, ...]
    vastgesteld_op: datetime
    prijsgewicht: Decimal = Decimal(0)
    pmax: Decimal | None = None
    pmin: Decimal | None = None
    schaal: Decimal = Decimal(10)

    def __post_init__(self) -> None:
        if self.methode not in METHODEN:
            raise ValueError(f"Onbekende methode {self.methode!r}: kies uit {', '.join(METHODEN)}.")
        if not self.criteria:
            raise ValueError("Zonder kwaliteitscriteria mag niet worden gegund (alleen op prijs).")
        if self.schaal <= 0:
            raise ValueError("De schaal van de scores is positief, bijvoorbeeld 10.")
        if self.methode == "gewogen_factor":
            self._controleer_gewogen_factor()
        elif any(c.waarde_euro <= 0 for c in self.criteria):
            raise ValueError(
                "Bij gunnen op waarde heeft elk criterium een positieve waarde in euro."
            )

    def _controleer_gewogen_factor(self) -> None:
        if self.prijsgewicht >= 1:
            raise ValueError(
                "Gunnen op prijs alleen (100% prijs) is niet toegestaan: kwaliteit moet meetellen."
            )
        kwaliteit = sum((c.gewicht for c in self.criteria), Decimal(0))
        if self.prijsgewicht < 0 or any(c.gewicht < 0 for c in self.criteria):
            raise ValueError("Gewichten zijn niet negatief.")
        if kwaliteit + self.prijsgewicht != 1:
            raise ValueError(
                f"De gewichten tellen op tot {kwaliteit + self.prijsgewicht}, niet tot 1 (100%)."
            )
        if self.pmax is None or self.pmin is None or not self.pmin < self.pmax:
            raise ValueError(
                "Absolute prijsscore: leg Pmax en Pmin vooraf vast, met Pmin lager dan Pmax."
            )


@dataclass(frozen=True)
class Inschrijving:
    """A bid: the price and the commissie's score per criterion code, entered at a moment."""

    aanbieder: str
    prijs: Decimal
    scores: Mapping[str, Decimal]
    beoordeeld_op: datetime


@dataclass(frozen=True)
class Uitslag:
    aanbieder: str
    geldig: bool
    reden: str
    prijs: Decimal
    kwaliteit: Decimal
    prijsscore: Decimal | None
    totaal: Decimal | None
    fictieve_prijs: Decimal | None
    rang: int | None = None
    loting: bool = False
    per_criterium: Mapping[str, Decimal] = field(default_factory=dict)

    def als_dict(self) -> dict[str, Any]:
        def f(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "aanbieder": self.aanbieder,
            "geldig": self.geldig,
            "reden": self.reden,
            "prijs": f(self.prijs),
            "kwaliteit": f(self.kwaliteit),
            "prijsscore": f(self.prijsscore),
            "totaal": f(self.totaal),
            "fictieve_prijs": f(self.fictieve_prijs),
            "rang": self.rang,
            "loting": self.loting,
            "per_criterium": {k: float(v) for k, v in self.per_criterium.items()},
        }


def _kwaliteit(m: Beoordelingsmethode, b: Inschrijving) -> tuple[Decimal, dict[str, Decimal]]:
    """Quality points (gewogen factor) or euros off (gunnen op waarde), and per criterion."""
    per: dict[str, Decimal] = {}
    for c in m.criteria:
        score = b.scores.get(c.code)
        if score is None:
            raise ValueError(f"{b.aanbieder} heeft geen score op criterium {c.code}.")
        if not 0 <= score <= m.schaal:
            raise ValueError(
                f"De score van {b.aanbieder} op {c.code} ligt niet tussen 0 en {m.schaal}."
            )
        factor = c.gewicht if m.methode == "gewogen_factor" else c.waarde_euro
        per[c.code] = factor * score / m.schaal
    return sum(per.values(), Decimal(0)), per


def _uitslag(m: Beoordelingsmethode, b: Inschrijving) -> Uitslag:
    if b.beoordeeld_op < m.vastgesteld_op:
        raise ValueError(
            f"De score van {b.aanbieder} is gegeven vóórdat methode en gewichten vaststonden: "
            "leg ze eerst vast."
        )
    kwaliteit, per = _kwaliteit(m, b)
    basis = Uitslag(b.aanbieder, True, "", b.prijs, kwaliteit, None, None, None, per_criterium=per)
    if m.methode == "gunnen_op_waarde":
        return replace(basis, fictieve_prijs=b.prijs - kwaliteit)
    assert m.pmax is not None and m.pmin is not None
    if b.prijs > m.pmax:
        reden = f"De prijs ligt boven de vooraf vastgestelde Pmax ({m.pmax}): ongeldig."
        return replace(basis, geldig=False, reden=reden)
    prijsscore = m.prijsgewicht * min((m.pmax - b.prijs) / (m.pmax - m.pmin), Decimal(1))
    return replace(basis, prijsscore=prijsscore, totaal=kwaliteit + prijsscore)


def _sorteersleutel(m: Beoordelingsmethode, u: Uitslag) -> tuple[Decimal, Decimal, Decimal]:
    """Best first: the method's figure, then higher quality, then lower price."""
    hoofd = -u.totaal if m.methode == "gewogen_factor" else u.fictieve_prijs  # type: ignore[operator]
    assert hoofd is not None
    return hoofd, -u.kwaliteit, u.prijs


def scoor(m: Beoordelingsmethode, inschrijvingen: Sequence[Inschrijving]) -> list[Uitslag]:
    """Every bid scored and ranked (invalid bids last, without a rank); equal after the
    tie-break rules share a rank and are marked for a lot."""
    namen = [b.aanbieder for b in inschrijvingen]
    if len(set(namen)) != len(namen):
        raise ValueError("Een aanbieder staat meer dan eens tussen de inschrijvingen.")
    uitslagen = [_uitslag(m, b) for b in inschrijvingen]
    geldig = sorted((u for u in uitslagen if u.geldig), key=lambda u: _sorteersleutel(m, u))
    sleutels = [_sorteersleutel(m, u) for u in geldig]
    uit = [
        replace(u, rang=1 + sleutels.index(sleutel), loting=sleutels.count(sleutel) > 1)
        for u, sleutel in zip(geldig, sleutels, strict=True)
    ]
    return uit + [u for u in uitslagen if not u.geldig]


# -- Open House ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Eis:
    code: str
    soort: str  # 'geschiktheid' | 'kwaliteit'
    omschrijving: str


def toelating(
    eisen: Sequence[Eis], beoordelingen: Mapping[str, Mapping[str, tuple[bool, str]]]
) -> list[dict[str, Any]]:
    """Open House admission: per aanbieder admitted when every eis is met; the unmet eisen
    with the evidence note. An eis without a judgement counts as not met."""
    uit = []
    for aanbieder, oordelen in sorted(beoordelingen.items()):
        niet = []
        for e in eisen:
            voldaan, toelichting = oordelen.get(e.code, (False, "niet beoordeeld"))
            if not voldaan:
                niet.append({"eis": e.code, "soort": e.soort, "toelichting": toelichting})
        uit.append({"aanbieder": aanbieder, "toegelaten": not niet, "niet_voldaan": niet})
    return uit


def methode_uit(data: Mapping[str, Any]) -> Beoordelingsmethode:
    """The method of a JSON document (``passend selectie score``)."""
    criteria = tuple(
        Criterium(
            str(c["code"]),
            str(c.get("naam", c["code"])),
            _dec(c.get("gewicht", 0)),
            _dec(c.get("waarde_euro", 0)),
        )
        for c in data.get("criteria", [])
    )
    return Beoordelingsmethode(
        methode=str(data["methode"]),
        criteria=criteria,
        vastgesteld_op=datetime.fromisoformat(str(data["vastgesteld_op"])),
        prijsgewicht=_dec(data.get("prijsgewicht", 0)),
        pmax=None if data.get("pmax") is None else _dec(data["pmax"]),
        pmin=None if data.get("pmin") is None else _dec(data["pmin"]),
        schaal=_dec(data.get("schaal", 10)),
    )


def inschrijvingen_uit(data: Mapping[str, Any]) -> list[Inschrijving]:
    return [
        Inschrijving(
            str(b["aanbieder"]),
            _dec(b["prijs"]),
            {str(k): _dec(v) for k, v in b["scores"].items()},
            datetime.fromisoformat(str(b["beoordeeld_op"])),
        )
        for b in data.get("inschrijvingen", [])
    ]
