"""Knelpunten: bottlenecks in market and transition, ranked by severity."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passend import analysis as a
from passend.analysis.knelpunten import drempels_als_dict
from passend.web.analysedata import bereken
from passend.web.paginas.basis import Filters, Inhoud
from passend.web.paginas.labels import KNELPUNTEN, naam
from passend.web.tabellen import Kolom, Tabel

PERSONEN = ("clienten", "cohort", "naar_wmo", "zonder_vervolg")


def _klein(cijfers: dict[str, Any]) -> bool:
    return any(isinstance(cijfers.get(k), int) and 0 < cijfers[k] < 5 for k in PERSONEN)


def _rij(r: dict[str, Any], index: int, openbaar: bool) -> dict[str, Any]:
    uitleg = r["uitleg"]
    if openbaar and _klein(r.get("cijfers") or {}):
        uitleg = _("Signaal op basis van minder dan 5 jongeren of cliënten; de cijfers zijn "
                   "alleen zichtbaar voor de regio-analist.")
    return {"rang": index, "soort": naam(KNELPUNTEN, r["soort"]), "segment": r["segmentnaam"],
            "aanbieder": r.get("aanbieder") or "", "ernst": round(r["ernst"], 1),
            "uitleg": uitleg}


def tabel(f: Filters) -> Tabel:
    lijst = bereken(a.knelpunten, f.jaar, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    return Tabel(
        id="knelpunten",
        titel=_("Knelpunten %(jaar)s, ernstigste eerst") % {"jaar": f.jaar},
        bijschrift=f.gebied_naam,
        kolommen=[Kolom("rang", "#"), Kolom("soort", _("Knelpunt")),
                  Kolom("segment", _("Segment")), Kolom("aanbieder", _("Aanbieder (AGB)")),
                  Kolom("uitleg", _("Toelichting")), Kolom("ernst", _("Ernst"), "getal")],
        rijen=[_rij(r, i, f.openbaar) for i, r in enumerate(lijst, start=1)],
    )


def drempel_tabel() -> Tabel:
    labels = {
        "hhi": _("HHI hoger dan"), "min_aanbieders": _("Minder aanbieders dan"),
        "aandeel_aanbieder": _("Aandeel één aanbieder hoger dan"),
        "kostenstijging": _("Stijging kosten per cliënt hoger dan"),
        "startwachttijd": _("Mediane startwachttijd langer dan (dagen)"),
        "zonder_vervolg": _("Aandeel zonder vervolg hoger dan"),
        "gat_dagen": _("Mediaan gat jeugdhulp–Wmo langer dan (dagen)"),
    }
    rijen = [{"drempel": labels.get(k, k), "waarde": v} for k, v in drempels_als_dict().items()]
    return Tabel(id="drempels", titel=_("Signaalwaarden"),
                 kolommen=[Kolom("drempel", _("Signaal als")),
                           Kolom("waarde", _("Waarde"), "getal")],
                 rijen=rijen)


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("knelpunten", _("Knelpunten"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    inhoud.tabellen = [tabel(f), drempel_tabel()]
    return inhoud
