"""Kerncijfers: care in view per age band, the 18-transition and spend at a glance."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passend import analysis as a
from passend.analysis.privacy import onderdruk_transitie
from passend.web.analysedata import bereken
from passend.web.grafieken import staven
from passend.web.onderdrukking import onderdruk_tabel
from passend.web.paginas.basis import Filters, Inhoud, Kerngetal, aandeel
from passend.web.paginas.labels import DOMEINEN, naam
from passend.web.tabellen import Kolom, Tabel

GROEPEN = [g for g, _, _ in a.LEEFTIJDSGROEPEN] + ["onbekend"]


def niveau(f: Filters) -> str:
    return "gemeente" if f.gemeente else ("regio" if f.regio else "totaal")


def _zorg_rijen(f: Filters) -> list[dict[str, Any]]:
    rijen = bereken(a.zorggebruik, jaren=[f.jaar], gemeente=f.gemeente, regio=f.regio,
                    niveau=niveau(f))
    per_groep: dict[str, dict[str, Any]] = {}
    for r in rijen:
        rij = per_groep.setdefault(r["leeftijdsgroep"], {"leeftijdsgroep": r["leeftijdsgroep"],
                                                          "jeugd": 0, "wmo": 0})
        rij[r["domein"]] = r["aantal"]
        rij[f"{r['domein']}_per_1000"] = r["per_1000"]
    return [per_groep[g] for g in GROEPEN if g in per_groep]


def zorg_tabel(f: Filters) -> Tabel:
    rijen = _zorg_rijen(f)
    if f.openbaar:
        rijen = onderdruk_tabel(rijen, ["jeugd", "wmo"], label="leeftijdsgroep",
                                afgeleid={"jeugd": ["jeugd_per_1000"], "wmo": ["wmo_per_1000"]})
    else:
        rijen.append({"leeftijdsgroep": _("Totaal"), "jeugd": sum(r["jeugd"] for r in rijen),
                      "wmo": sum(r["wmo"] for r in rijen)})
    for rij in rijen:
        if rij["leeftijdsgroep"] == "Totaal":
            rij["leeftijdsgroep"] = _("Totaal")
    return Tabel(
        id="zorggebruik",
        titel=_("Cliënten in zorg in %(jaar)s per leeftijdsgroep") % {"jaar": f.jaar},
        kolommen=[
            Kolom("leeftijdsgroep", _("Leeftijd")),
            Kolom("jeugd", _("Jeugdhulp"), "getal"),
            Kolom("jeugd_per_1000", _("Jeugdhulp per 1.000"), "getal"),
            Kolom("wmo", _("Wmo"), "getal"),
            Kolom("wmo_per_1000", _("Wmo per 1.000"), "getal"),
        ],
        rijen=rijen,
        bijschrift=f.gebied_naam,
    )


def _kerngetallen(f: Filters, zorg: Tabel) -> list[Kerngetal]:
    totaal = next((r for r in zorg.rijen if r["leeftijdsgroep"] == _("Totaal")), {})
    kern = bereken(a.transitie, f.jaar, f.gemeente, f.regio)
    if f.openbaar:
        kern = onderdruk_transitie(kern)
    markt = bereken(a.markt_segmenten, f.jaar, f.gemeente, f.regio, segmentatie=f.segmentatie)
    uitgaven = sum(r["bedrag_cent"] or 0 for r in markt)
    return [
        Kerngetal(_("Jeugdigen met jeugdhulp"), totaal.get("jeugd")),
        Kerngetal(_("Cliënten met Wmo (0–26)"), totaal.get("wmo")),
        Kerngetal(_("18 geworden met jeugdhulp"), kern["cohort"]),
        Kerngetal(_("Daarvan zonder vervolg"), aandeel(kern["zonder_vervolg"], kern["cohort"]),
                  "procent"),
        Kerngetal(_("Gedeclareerd (netto)"), uitgaven, "bedrag"),
    ]


def _grafiek(zorg: Tabel) -> dict[str, Any]:
    lang = [
        {"leeftijd": r["leeftijdsgroep"], "domein": naam(DOMEINEN, d), "aantal": r[d]}
        for r in zorg.rijen if r["leeftijdsgroep"] != _("Totaal") for d in ("jeugd", "wmo")
    ]
    return staven("kern-leeftijd", _("Cliënten per leeftijdsgroep"), lang, x="leeftijd",
                  y="aantal", x_titel=_("Leeftijd"), y_titel=_("Cliënten"), kleur="domein",
                  kleur_titel=_("Domein"), gestapeld=False)


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("kerncijfers", _("Kerncijfers"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    zorg = zorg_tabel(f)
    inhoud.kerngetallen = _kerngetallen(f, zorg)
    inhoud.grafieken = [_grafiek(zorg)]
    inhoud.tabellen = [zorg]
    return inhoud
