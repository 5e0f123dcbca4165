"""Bestedingsruimte (Contractstandaarden art. 1.5): how much of a contract's room for a year
is used on a peildatum, the 70% signal, and two year-end prognoses side by side.

Definitions (docs/definities.md § 13, tested by hand in tests/monitoring):

``gedeclareerd_cent``
    the signed sum (debet − credit) of the accepted prestaties of the contract whose
    ProductPeriode begins in [1 January Y, D]: the amount the gemeente granted where its
    declaratieantwoord (JW325/WMO325) is loaded (0 for a rejected line), else the amount
    submitted. ``ingediend_cent`` is the submitted sum, ``beantwoord_cent`` the part of it
    that has an answer, ``afgewezen_cent`` what the answers rejected, and ``bedrag_bron``
    says which amount counts: ``ingediend``, ``toegekend`` or ``deels toegekend``. A
    prestatie belongs to the contract the register assigns it to
    (:func:`passend.contracting.register.toeken`): a contract of its aanbieder (hoofd- or
    onderaannemer), gemeente or jeugdregio, and domain that runs on the ProductPeriode
    begin, preferring a contract with a tariff line for the product.
``benutting``
    gedeclareerd / bestedingsruimte; ``signaal_70`` when it is at least 0.70. The signal date
    is the first ProductPeriode begin from which the cumulative declared amount stayed at or
    above 70% up to D; talks are due within two weeks of it, a decision within two weeks
    after those.
``prognose_lineair_cent``
    gedeclareerd × days in Y / days in [1 January Y, D].
``prognose_verplichtingen_cent``
    gedeclareerd plus, for every toewijzing of the contract that runs after D (its latest
    version on D), the largest volume it may still declare in (D, min(einddatum, 31 December
    Y)] by its frequency (per dag: days; per week: calendar weeks touched, a week cut short
    counts whole; per maand: calendar months touched; totaal binnen de geldigheidsduur: the
    total less what it declared so far), times the contract tariff of the product on the
    first day of that window (else the median declared tariff of the product in Y), times
    the product's verzilveringsgraad: last year's declared volume / largest volume of the
    toewijzingen of the product (per dag, week, maand), at most 1; 1 without data. A
    toewijzing with a budget and no Omvang adds what is left of its budget.
``clientenstop_sinds`` / ``clientenstop_tot``
    the cliëntenstop of the contract that runs on D (None: none runs).
``instroom_tijdens_stop`` / ``crisis_tijdens_stop``
    toewijzingen assigned to the contract (as its prestaties are, by ingangsdatum) whose
    ingangsdatum lies in [1 January Y, D] and inside one of its stops: new clients despite
    the stop, and crisis ones (categorie 46), which a stop leaves open. Crisis prestaties
    always count in ``gedeclareerd_cent``, stop or not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from passend.contracting.register import gemeentefilter, toeken

SIGNAALDREMPEL = 0.70
#: Contractstandaard: talks within two weeks of the signal, a decision within two weeks after.
GESPREK_DAGEN = 14
BESLUIT_DAGEN = 14
Product = tuple[str, str, str | None]  # (domein, categorie, productcode)


class PeildatumBuitenJaar(ValueError):
    """The peildatum lies outside the year asked for."""


@dataclass
class Bestedingsruimteoverzicht:
    jaar: int
    peildatum: date
    contracten: list[dict[str, Any]] = field(default_factory=list)
    verzilvering: list[dict[str, Any]] = field(default_factory=list)
    vertraging: list[dict[str, Any]] = field(default_factory=list)
    mediane_vertraging_dagen: float | None = None

    def als_json(self) -> dict[str, Any]:
        def iso(waarde: Any) -> Any:
            return waarde.isoformat() if isinstance(waarde, date) else waarde

        return {
            "jaar": self.jaar,
            "peildatum": self.peildatum.isoformat(),
            "contracten": [{k: iso(v) for k, v in r.items()} for r in self.contracten],
            "verzilvering": self.verzilvering,
            "mediane_vertraging_dagen": self.mediane_vertraging_dagen,
            "vertraging": self.vertraging,
        }

    def als_tabellen(self) -> dict[str, Any]:
        """The tables of the registered report ``bestedingsruimte``
        (:mod:`passend.analysis.rapport`): a one-row summary, the contracts, the
        verzilveringsgraden and the declaration delay."""
        ruimte = sum(c["bestedingsruimte_cent"] for c in self.contracten)
        gedeclareerd = sum(c["gedeclareerd_cent"] for c in self.contracten)
        return {
            "ruimte_samenvatting": {
                "jaar": self.jaar,
                "peildatum": self.peildatum,
                "contracten": len(self.contracten),
                "met_signaal": sum(bool(c["signaal_70"]) for c in self.contracten),
                "bestedingsruimte_cent": ruimte,
                "gedeclareerd_cent": gedeclareerd,
                "benutting": round(gedeclareerd / ruimte, 4) if ruimte else None,
                **{
                    k: sum(c[k] for c in self.contracten)
                    for k in ("ingediend_cent", "beantwoord_cent", "afgewezen_cent")
                },
                "mediane_vertraging_dagen": self.mediane_vertraging_dagen,
            },
            "bestedingsruimte": self.contracten,
            "verzilvering": self.verzilvering,
            "vertraging": self.vertraging,
        }

    @classmethod
    def uit_tabellen(cls, tabellen: Mapping[str, Any]) -> Bestedingsruimteoverzicht:
        """The overview back from the report's tables (the JSON of the CLI and the API)."""
        s = tabellen["ruimte_samenvatting"]
        return cls(
            s["jaar"],
            s["peildatum"],
            list(tabellen["bestedingsruimte"]),
            list(tabellen["verzilvering"]),
            list(tabellen["vertraging"]),
            s["mediane_vertraging_dagen"],
        )


def _cent(waarde: Decimal) -> int:
    return int(waarde.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def standaard_peildatum(jaar: int, einde_gegevens: date | None) -> date:
    """The peildatum when none is asked: the last date of the data (relaties.peildatum),
    kept within the year; 31 December when there are no data."""
    dag = einde_gegevens or date(jaar, 12, 31)
    return min(max(dag, date(jaar, 1, 1)), date(jaar, 12, 31))


def lineaire_prognose(gedeclareerd_cent: int, jaar: int, peildatum: date) -> int:
    """gedeclareerd × days in the year / days from 1 January up to and including D."""
    dagen_jaar = (date(jaar, 12, 31) - date(jaar, 1, 1)).days + 1
    verstreken = (peildatum - date(jaar, 1, 1)).days + 1
    return _cent(Decimal(gedeclareerd_cent) * dagen_jaar / verstreken)


def signaal(
    per_dag: Sequence[tuple[date, int]], ruimte_cent: int
) -> tuple[date | None, date | None, date | None]:
    """Since when the signal holds: the first day from which the cumulative declared amount
    stayed at or above 70% of the room up to the peildatum (a credit that brings it below
    resets it), with the dates by which talks and a decision are due; None when it does not
    hold (or there is no room)."""
    if ruimte_cent <= 0:
        return None, None, None
    totaal, sinds = 0, None
    for dag, bedrag in sorted(per_dag):
        totaal += bedrag
        boven = totaal >= SIGNAALDREMPEL * ruimte_cent
        sinds = (sinds or dag) if boven else None
    if sinds is None:
        return None, None, None
    gesprek = sinds + timedelta(days=GESPREK_DAGEN)
    return sinds, gesprek, gesprek + timedelta(days=BESLUIT_DAGEN)


def _eenheden(van: str, tot: str, frequentie: str = "frequentie") -> str:
    """Units of a frequency in the window [van, tot] (both inclusive), as SQL: days, the
    calendar weeks (Monday to Sunday) or calendar months the window touches."""
    maandag = "(({d}) - (isodow({d}) - 1)::INTEGER)"
    return f"""CASE {frequentie}
        WHEN '1' THEN ({tot} - {van} + 1)
        WHEN '2' THEN ({maandag.format(d=tot)} - {maandag.format(d=van)}) // 7 + 1
        WHEN '4' THEN (year({tot}) * 12 + month({tot})) - (year({van}) * 12 + month({van})) + 1
    END"""


def _laatste_versie(op: str, filter_: str) -> str:
    """Each toewijzing as its latest version decided on or before `op` (a later toewijzing
    with the same number is a change of it)."""
    return f"""
        SELECT * FROM toewijzing x WHERE x.toewijzingsdatum <= {op} {filter_}
        QUALIFY row_number() OVER (
            PARTITION BY domein, gemeente, aanbieder, toewijzingnummer
            ORDER BY toewijzingsdatum DESC) = 1"""


def verzilveringsgraden(
    con: duckdb.DuckDBPyConnection, jaar: int, gemeenten: Sequence[str] | None = None
) -> dict[Product, tuple[float, int, int]]:
    """Per product of the toewijzingen per dag, week or maand that ran in `jaar`: (graad,
    declared volume, largest volume); graad = declared / largest, between 0 and 1."""
    filter_, param = gemeentefilter(gemeenten)
    einde = date(jaar, 12, 31)
    rijen = con.execute(
        f"""
        WITH versie AS ({_laatste_versie("?::DATE", filter_)}),
        venster AS (
            SELECT *, greatest(ingangsdatum, ?::DATE) AS van,
                   least(coalesce(einddatum, ?::DATE), ?::DATE) AS tot
            FROM versie WHERE frequentie IN ('1', '2', '4') AND volume IS NOT NULL
        ), maximaal AS (
            SELECT domein, gemeente, aanbieder, toewijzingnummer, categorie, productcode,
                   {_eenheden("van", "tot")} * volume AS maximum
            FROM venster WHERE van <= tot
        ), gedeclareerd AS (
            SELECT domein, gemeente, aanbieder, toewijzingnummer,
                   sum(CASE debet_credit WHEN 'C' THEN -volume ELSE volume END) AS volume
            FROM prestatie WHERE year(periode_begin) = ? GROUP BY ALL
        )
        SELECT m.domein, m.categorie, m.productcode,
               sum(coalesce(g.volume, 0)) AS gedeclareerd, sum(m.maximum) AS maximum
        FROM maximaal m LEFT JOIN gedeclareerd g
             USING (domein, gemeente, aanbieder, toewijzingnummer)
        GROUP BY ALL""",
        [einde, *param, date(jaar, 1, 1), einde, einde, jaar],
    ).fetchall()
    uit: dict[Product, tuple[float, int, int]] = {}
    for domein, categorie, code, gedeclareerd, maximum in rijen:
        if maximum and maximum > 0:
            graad = min(max(float(gedeclareerd) / float(maximum), 0.0), 1.0)
            uit[(domein, categorie, code)] = (graad, int(gedeclareerd), int(maximum))
    return uit


def _contracten_in_gebied(
    con: duckdb.DuckDBPyConnection, jaar: int, gemeenten: Sequence[str] | None
) -> list[tuple[Any, ...]]:
    """Contracts with a room in `jaar` whose whole area lies within `gemeenten`."""
    binnen = ""
    param: list[Any] = [jaar]
    if gemeenten is not None:
        binnen = """ AND (c.gemeente IN (SELECT unnest(?::VARCHAR[]))
            OR (c.regio IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM gemeente g WHERE g.jeugdregio = c.regio
                AND g.gemeente NOT IN (SELECT unnest(?::VARCHAR[])))))"""
        param += [list(gemeenten), list(gemeenten)]
    return con.execute(
        f"""
        SELECT c.contractnummer, c.hoofdaannemer, coalesce(a.naam, ''), c.domein, c.segment,
               c.uitvoeringsvariant, r.bedrag
        FROM contract c JOIN bestedingsruimte r USING (contractnummer)
        LEFT JOIN aanbieder a ON a.aanbieder = c.hoofdaannemer
        WHERE r.jaar = ? {binnen}
        ORDER BY c.contractnummer""",
        param,
    ).fetchall()


@dataclass
class _Gedeclareerd:
    """Per contract: the counted amount per ProductPeriode begin, and what was submitted,
    of which how much has an answer and how much that answer rejected (all signed)."""

    per_dag: list[tuple[date, int]] = field(default_factory=list)
    ingediend: int = 0
    beantwoord: int = 0
    afgewezen: int = 0
    regels: int = 0
    beantwoorde_regels: int = 0

    def velden(self) -> dict[str, Any]:
        bron = "ingediend"
        if self.beantwoorde_regels:
            bron = "toegekend" if self.beantwoorde_regels == self.regels else "deels toegekend"
        return {
            "ingediend_cent": self.ingediend,
            "beantwoord_cent": self.beantwoord,
            "afgewezen_cent": self.afgewezen,
            "bedrag_bron": bron,
        }


def _gedeclareerd(
    con: duckdb.DuckDBPyConnection, jaar: int, peildatum: date, gemeenten: Sequence[str] | None
) -> dict[str, _Gedeclareerd]:
    """Per contract the signed amount per ProductPeriode begin in [1 Jan, D]: granted where
    a declaratieantwoord is loaded, else submitted."""
    filter_, param = gemeentefilter(gemeenten)
    toeken(
        con,
        f"""
        SELECT x.domein, x.gemeente, x.aanbieder, x.categorie, x.productcode,
               x.periode_begin AS datum, x.eenheid, x.tarief, x.volume, x.debet_credit,
               CASE x.debet_credit WHEN 'C' THEN -1 ELSE 1 END
                   * coalesce(x.toegekend, x.bedrag) AS bedrag,
               CASE x.debet_credit WHEN 'C' THEN -x.bedrag ELSE x.bedrag END AS ingediend,
               x.toegekend IS NOT NULL AS beantwoord
        FROM prestatie x WHERE x.periode_begin BETWEEN ? AND ? {filter_}""",
        [date(jaar, 1, 1), peildatum, *param],
    )
    uit: dict[str, _Gedeclareerd] = {}
    for nummer, dag, bedrag, ingediend, beantwoord, regels, beantwoorde in con.execute(
        """SELECT t.contractnummer, b.datum, sum(b.bedrag), sum(b.ingediend),
                  coalesce(sum(b.ingediend) FILTER (WHERE b.beantwoord), 0),
                  count(*), count(*) FILTER (WHERE b.beantwoord)
           FROM _berichten b JOIN _toekenning t USING (rij) GROUP BY ALL"""
    ).fetchall():
        rij = uit.setdefault(nummer, _Gedeclareerd())
        rij.per_dag.append((dag, int(bedrag)))
        rij.ingediend += int(ingediend)
        rij.beantwoord += int(beantwoord)
        rij.afgewezen += int(ingediend) - int(bedrag)
        rij.regels += int(regels)
        rij.beantwoorde_regels += int(beantwoorde)
    return uit


def _verplichtingen(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Sequence[str] | None,
    graden: Mapping[Product, float],
) -> tuple[dict[str, Decimal], dict[str, int], set[Product]]:
    """Per contract: the largest amount its running toewijzingen may still declare in the
    rest of the year (× verzilveringsgraad), how many could not be priced, and the products
    of those toewijzingen."""
    filter_, param = gemeentefilter(gemeenten)
    einde = date(jaar, 12, 31)
    toeken(
        con,
        f"""
        WITH versie AS ({_laatste_versie("?::DATE", filter_)}),
        venster AS (
            SELECT *, greatest(ingangsdatum, ?::DATE + 1) AS van,
                   least(coalesce(einddatum, ?::DATE), ?::DATE) AS tot
            FROM versie
        ), al AS (
            SELECT domein, gemeente, aanbieder, toewijzingnummer,
                   sum(CASE debet_credit WHEN 'C' THEN -volume ELSE volume END) AS volume,
                   sum(CASE debet_credit WHEN 'C' THEN -bedrag ELSE bedrag END) AS bedrag
            FROM prestatie WHERE periode_begin <= ? GROUP BY ALL
        )
        SELECT v.domein, v.gemeente, v.aanbieder, v.categorie, v.productcode, v.van AS datum,
               v.eenheid, NULL::BIGINT AS tarief, v.volume, 'D' AS debet_credit,
               0::BIGINT AS bedrag,
               CASE WHEN v.frequentie = '6' THEN greatest(v.volume - coalesce(al.volume, 0), 0)
                    ELSE {_eenheden("v.van", "v.tot", "v.frequentie")} * v.volume
               END AS max_volume,
               CASE WHEN v.volume IS NULL AND v.budget IS NOT NULL
                    THEN greatest(v.budget - coalesce(al.bedrag, 0), 0) END AS rest_budget
        FROM venster v LEFT JOIN al USING (domein, gemeente, aanbieder, toewijzingnummer)
        WHERE v.van <= v.tot""",
        [peildatum, *param, peildatum, einde, einde, peildatum],
    )
    rijen = con.execute(
        f"""
        WITH mediaan AS (
            SELECT domein, categorie, productcode, eenheid,
                   quantile_disc(tarief, 0.5) AS tarief
            FROM prestatie
            WHERE debet_credit = 'D' AND tarief IS NOT NULL AND year(periode_begin) = {jaar}
            GROUP BY ALL
        )
        SELECT t.contractnummer, b.domein, b.categorie, b.productcode, b.max_volume,
               b.rest_budget,
               coalesce(t.contracttarief, CASE WHEN b.eenheid = '83' THEN 100 END, m.tarief)
        FROM _berichten b JOIN _toekenning t USING (rij)
        LEFT JOIN mediaan m USING (domein, categorie, productcode, eenheid)"""
    ).fetchall()
    bedragen: dict[str, Decimal] = {}
    zonder: dict[str, int] = {}
    producten: set[Product] = set()
    for nummer, domein, categorie, code, volume, rest, tarief in rijen:
        bedragen.setdefault(nummer, Decimal(0))
        if categorie is not None and rest is None:
            producten.add((domein, categorie, code))
        if rest is not None:
            bedragen[nummer] += Decimal(int(rest))
        elif volume is None or tarief is None:
            zonder[nummer] = zonder.get(nummer, 0) + 1
        else:
            graad = Decimal(str(graden.get((domein, categorie, code), 1.0)))
            bedragen[nummer] += Decimal(int(volume)) * int(tarief) * graad
    return bedragen, zonder, producten


def clientenstops(
    con: duckdb.DuckDBPyConnection, jaar: int, peildatum: date, gemeenten: Sequence[str] | None
) -> dict[str, dict[str, Any]]:
    """Per contract with a cliëntenstop: the stop running on the peildatum (``sinds``,
    ``tot``; None when none runs) and the toewijzingen assigned to it whose ingangsdatum lies
    in [1 January, D] and inside one of its stops: ``instroom_tijdens_stop`` (not crisis)
    and ``crisis_tijdens_stop`` (categorie 46, which a stop leaves open)."""
    uit: dict[str, dict[str, Any]] = {}
    for nummer, van, tot in con.execute(
        """SELECT contractnummer, van, tot FROM clientenstop
           WHERE van <= ? AND (tot IS NULL OR tot >= ?) ORDER BY van""",
        [peildatum, peildatum],
    ).fetchall():
        uit[nummer] = {"sinds": van, "tot": tot, "instroom": 0, "crisis": 0}
    filter_, param = gemeentefilter(gemeenten)
    toeken(
        con,
        f"""
        WITH versie AS ({_laatste_versie("?::DATE", filter_)})
        SELECT domein, gemeente, aanbieder, categorie, productcode, ingangsdatum AS datum,
               NULL::VARCHAR AS eenheid, NULL::BIGINT AS tarief, 0::BIGINT AS volume,
               'D' AS debet_credit, 0::BIGINT AS bedrag
        FROM versie WHERE ingangsdatum BETWEEN ? AND ?""",
        [peildatum, *param, date(jaar, 1, 1), peildatum],
    )
    for nummer, crisis, aantal in con.execute(
        """SELECT t.contractnummer, coalesce(b.categorie = '46', false), count(*)
           FROM _berichten b JOIN _toekenning t USING (rij)
           WHERE EXISTS (SELECT 1 FROM clientenstop s
                         WHERE s.contractnummer = t.contractnummer AND s.van <= b.datum
                           AND (s.tot IS NULL OR b.datum <= s.tot))
           GROUP BY ALL"""
    ).fetchall():
        rij = uit.setdefault(nummer, {"sinds": None, "tot": None, "instroom": 0, "crisis": 0})
        rij["crisis" if crisis else "instroom"] += int(aantal)
    return uit


def declaratievertraging(
    con: duckdb.DuckDBPyConnection, jaar: int, peildatum: date, gemeenten: Sequence[str] | None
) -> tuple[float | None, list[dict[str, Any]]]:
    """The median days from the end of a ProductPeriode to the dagtekening of its
    declaration (debet lines of this year and the last), and per month of the year up to D
    the declared amount with its expected completeness: the share of those delays that is
    at most the days from the month's last day to the latest dagtekening in the data."""
    filter_, param = gemeentefilter(gemeenten)
    basis = f"""
        SELECT (x.dagtekening - x.periode_eind) AS dagen FROM prestatie x
        WHERE x.debet_credit = 'D' AND x.dagtekening IS NOT NULL
          AND year(x.periode_begin) IN (?, ?) {filter_}"""
    mediaan, laatste = con.execute(
        f"""SELECT quantile_cont(dagen, 0.5), (SELECT max(dagtekening) FROM prestatie)
            FROM ({basis})""",
        [jaar - 1, jaar, *param],
    ).fetchall()[0]
    maanden = [date(jaar, m, 1) for m in range(1, peildatum.month + 1)]
    rijen = con.execute(
        f"""
        WITH vertraging AS ({basis}),
        maand AS (SELECT unnest(?::DATE[]) AS begin),
        bedrag AS (
            SELECT date_trunc('month', x.periode_begin)::DATE AS begin,
                   sum(CASE x.debet_credit WHEN 'C' THEN -x.bedrag ELSE x.bedrag END) AS cent
            FROM prestatie x WHERE year(x.periode_begin) = ? {filter_} GROUP BY ALL
        )
        SELECT m.begin, coalesce(b.cent, 0),
               (SELECT count(*) FILTER (
                    WHERE dagen <= ?::DATE - (m.begin + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE)
                    / nullif(count(*), 0) FROM vertraging)
        FROM maand m LEFT JOIN bedrag b USING (begin) ORDER BY m.begin""",
        [jaar - 1, jaar, *param, maanden, jaar, *param, laatste or peildatum],
    ).fetchall()
    tabel = [
        {
            "maand": begin.strftime("%Y-%m"),
            "gedeclareerd_cent": int(cent),
            "verwachte_volledigheid": None if aandeel is None else round(float(aandeel), 4),
        }
        for begin, cent, aandeel in rijen
    ]
    return (None if mediaan is None else float(mediaan)), tabel


def _bron(
    product: Product,
    verzilvering: Mapping[Product, float] | None,
    geschat: Mapping[Product, tuple[float, int, int]],
) -> str:
    if verzilvering and product in verzilvering:
        return "ingevoerd"
    return "vorig jaar" if product in geschat else "geen gegevens: 1"


def _stopvelden(stop: Mapping[str, Any] | None) -> dict[str, Any]:
    stop = stop or {}
    return {
        "clientenstop_sinds": stop.get("sinds"),
        "clientenstop_tot": stop.get("tot"),
        "instroom_tijdens_stop": stop.get("instroom", 0),
        "crisis_tijdens_stop": stop.get("crisis", 0),
    }


def bestedingsruimte(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    peildatum: date,
    gemeenten: Sequence[str] | None = None,
    verzilvering: Mapping[Product, float] | None = None,
) -> Bestedingsruimteoverzicht:
    """Every contract with a bestedingsruimte in `jaar` whose area lies within `gemeenten`
    (None: all), on `peildatum` (see the module docstring). `verzilvering` overrides the
    estimated verzilveringsgraad per product."""
    if not date(jaar, 1, 1) <= peildatum <= date(jaar, 12, 31):
        raise PeildatumBuitenJaar(f"De peildatum {peildatum:%d-%m-%Y} ligt niet in {jaar}.")
    geschat = verzilveringsgraden(con, jaar - 1, gemeenten)
    graden = {p: g for p, (g, _, _) in geschat.items()} | dict(verzilvering or {})
    contracten = _contracten_in_gebied(con, jaar, gemeenten)
    gedeclareerd_per_contract = _gedeclareerd(con, jaar, peildatum, gemeenten)
    verplicht, zonder, producten = _verplichtingen(con, jaar, peildatum, gemeenten, graden)
    stops = clientenstops(con, jaar, peildatum, gemeenten)
    overzicht = Bestedingsruimteoverzicht(jaar, peildatum)
    for nummer, agb, naam, domein, segment, variant, ruimte in contracten:
        bedragen = gedeclareerd_per_contract.get(nummer, _Gedeclareerd())
        dagen = bedragen.per_dag
        gedeclareerd = sum(b for _, b in dagen)
        signaaldag, gesprek, besluit = signaal(dagen, int(ruimte))
        rest = _cent(verplicht.get(nummer, Decimal(0)))
        overzicht.contracten.append(
            {
                "contractnummer": nummer,
                "aanbieder": agb,
                "naam": naam,
                "domein": domein,
                "segment": segment,
                "uitvoeringsvariant": variant,
                "bestedingsruimte_cent": int(ruimte),
                "gedeclareerd_cent": gedeclareerd,
                **bedragen.velden(),
                "benutting": round(gedeclareerd / ruimte, 4) if ruimte else None,
                "signaal_70": signaaldag is not None,  # the same as benutting >= 0.70
                "signaal_datum": signaaldag,
                "gesprek_uiterlijk": gesprek,
                "besluit_uiterlijk": besluit,
                "prognose_lineair_cent": lineaire_prognose(gedeclareerd, jaar, peildatum),
                "verplichtingen_cent": rest,
                "prognose_verplichtingen_cent": gedeclareerd + rest,
                "toewijzingen_zonder_tarief": zonder.get(nummer, 0),
                **_stopvelden(stops.get(nummer)),
            }
        )
    overzicht.verzilvering = [
        {
            "domein": p[0],
            "categorie": p[1],
            "productcode": p[2],
            "graad": round(graden.get(p, 1.0), 4),
            "bron": _bron(p, verzilvering, geschat),
            "gedeclareerd_volume": geschat[p][1] if p in geschat else None,
            "maximaal_volume": geschat[p][2] if p in geschat else None,
        }
        for p in sorted(set(graden) | producten, key=lambda p: (p[0], p[1], p[2] or ""))
    ]
    mediaan, maanden = declaratievertraging(con, jaar, peildatum, gemeenten)
    overzicht.mediane_vertraging_dagen, overzicht.vertraging = mediaan, maanden
    return overzicht
