"""Benchmark: each gemeente against its jeugdregio, per 1,000 inhabitants."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passend import analysis as a
from passend.web.analysedata import bereken
from passend.web.grafieken import punten_met_regio
from passend.web.paginas.basis import Filters, Inhoud
from passend.web.paginas.labels import MATEN, naam
from passend.web.tabellen import Kolom, Tabel

STANDAARD_MAAT = "jeugdhulp_per_1000"
GEVOELIG = ("waarde", "afwijking", "rang", "overige_waarde")


def _onderdruk(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    uit = []
    for r in rijen:
        r = dict(r)
        teller = r.get("teller")
        if r["maat"] != "jeugdkosten_per_jeugdige" and teller and 0 < teller < 5:
            r["teller"] = "<5"
            r.update({k: "x" for k in GEVOELIG})
        uit.append(r)
    return uit


def _rijen(f: Filters) -> list[dict[str, Any]]:
    rijen = bereken(a.benchmark, f.jaar, f.gemeente, f.regio)
    rijen = [{**r, "teller": int(r["teller"]) if r["maat"] != "jeugdkosten_per_jeugdige"
              and r.get("teller") is not None else r.get("teller")} for r in rijen]
    return _onderdruk(rijen) if f.openbaar else rijen


def maat_tabel(f: Filters, rijen: list[dict[str, Any]], maat: str) -> Tabel:
    return Tabel(
        id="per-gemeente",
        titel=f"{naam(MATEN, maat)}, {f.jaar}",
        bijschrift=_("Regio: gepoolde waarde van de gemeenten in beeld (som tellers / som "
                     "inwoners); in de grafiek de oranje stippellijn."),
        kolommen=[Kolom("naam", _("Gemeente")), Kolom("teller", _("Teller"), "getal"),
                  Kolom("noemer", _("Inwoners"), "getal"), Kolom("waarde", _("Waarde"), "getal"),
                  Kolom("regio_waarde", _("Regio"), "getal"),
                  Kolom("afwijking", _("Afwijking van regio"), "procent"),
                  Kolom("rang", _("Rang in regio"), "getal")],
        rijen=sorted((r for r in rijen if r["maat"] == maat), key=lambda r: r["naam"]),
    )


def overzicht_tabel(f: Filters, rijen: list[dict[str, Any]]) -> Tabel:
    eigen = [{**r, "maat_naam": naam(MATEN, r["maat"])} for r in rijen
             if r["gemeente"] == f.gemeente]
    return Tabel(
        id="alle-maten",
        titel=_("Alle maten voor %(gebied)s, %(jaar)s") % {"gebied": f.gebied_naam,
                                                          "jaar": f.jaar},
        kolommen=[Kolom("maat_naam", _("Maat")), Kolom("waarde", _("Waarde"), "getal"),
                  Kolom("regio_waarde", _("Regio"), "getal"),
                  Kolom("afwijking", _("Afwijking van regio"), "procent"),
                  Kolom("rang", _("Rang in regio"), "getal"),
                  Kolom("regio_min", _("Laagste in regio"), "getal"),
                  Kolom("regio_mediaan", _("Mediaan regio"), "getal"),
                  Kolom("regio_max", _("Hoogste in regio"), "getal")],
        rijen=eigen,
    )


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("benchmark", _("Benchmark"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    maat = f.extra.get("maat") or STANDAARD_MAAT
    rijen = _rijen(f)
    per_gemeente = maat_tabel(f, rijen, maat)
    inhoud.grafieken = [punten_met_regio("benchmark-maat", per_gemeente.titel,
                                         per_gemeente.rijen, y_titel=naam(MATEN, maat))]
    inhoud.tabellen = [per_gemeente]
    if f.gemeente:
        inhoud.tabellen.append(overzicht_tabel(f, rijen))
    inhoud.context["maten"] = [(k, str(v)) for k, v in MATEN.items()]
    inhoud.context["maat"] = maat
    return inhoud
