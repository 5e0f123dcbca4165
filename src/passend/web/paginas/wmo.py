"""Wmo inflow of young adults (18–26): per productcategorie, per gemeente, over the years."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passend import analysis as a
from passend.web.analysedata import bereken
from passend.web.grafieken import staven
from passend.web.onderdrukking import onderdruk_per_kolom, onderdruk_tabel
from passend.web.paginas.basis import Filters, Inhoud
from passend.web.tabellen import Kolom, Tabel

AFGELEID = {"instroom": ["aandeel_uit_jeugdhulp"], "uit_jeugdhulp": ["aandeel_uit_jeugdhulp"]}


def _kolommen(eerste: Kolom) -> list[Kolom]:
    return [eerste, Kolom("instroom", _("Instroom 18–26"), "getal"),
            Kolom("uit_jeugdhulp", _("Waarvan uit jeugdhulp"), "getal"),
            Kolom("aandeel_uit_jeugdhulp", _("Aandeel uit jeugdhulp"), "procent")]


def categorie_tabel(f: Filters) -> Tabel:
    rijen = bereken(a.wmo_instroom, f.jaar, f.gemeente, f.regio)
    if f.openbaar:
        rijen = onderdruk_per_kolom(rijen, ["instroom", "uit_jeugdhulp"], afgeleid=AFGELEID)
    return Tabel(
        id="wmo-per-categorie",
        titel=_("Wmo-instroom %(jaar)s per productcategorie") % {"jaar": f.jaar},
        bijschrift=_("Een cliënt telt mee in elke categorie waarmee de eerste Wmo-dag begon."),
        kolommen=_kolommen(Kolom("naam", _("Productcategorie"))),
        rijen=[{**r, "naam": _("Totaal") if r["productcategorie"] == "totaal" else r["naam"]}
               for r in rijen],
    )


def gemeente_tabel(f: Filters) -> Tabel:
    rijen = bereken(a.wmo_instroom, f.jaar, f.gemeente, f.regio, per="gemeente")
    if f.openbaar:
        rijen = onderdruk_tabel(rijen, ["instroom"], label="naam", afgeleid=AFGELEID)
        rijen = onderdruk_per_kolom(rijen, ["uit_jeugdhulp"], afgeleid=AFGELEID)
    return Tabel(
        id="wmo-per-gemeente",
        titel=_("Wmo-instroom %(jaar)s per gemeente") % {"jaar": f.jaar},
        kolommen=_kolommen(Kolom("naam", _("Gemeente"))),
        rijen=[{**r, "naam": _("Totaal") if r["naam"] == "Totaal" else r["naam"]} for r in rijen],
    )


def trend_tabel(f: Filters) -> Tabel:
    rijen = [r for r in bereken(a.wmo_instroom, None, f.gemeente, f.regio)
             if r["productcategorie"] == "totaal"]
    if f.openbaar:
        rijen = onderdruk_per_kolom(rijen, ["instroom", "uit_jeugdhulp"], afgeleid=AFGELEID)
    return Tabel(id="wmo-per-jaar", titel=_("Wmo-instroom 18–26 per jaar"),
                 kolommen=_kolommen(Kolom("jaar", _("Jaar"))), rijen=rijen,
                 bijschrift=f.gebied_naam)


def _grafiek(trend: Tabel) -> dict[str, Any]:
    lang = []
    for r in trend.rijen:
        if isinstance(r["instroom"], int) and isinstance(r["uit_jeugdhulp"], int):
            lang += [{"jaar": str(r["jaar"]), "herkomst": _("Uit jeugdhulp"),
                      "aantal": r["uit_jeugdhulp"]},
                     {"jaar": str(r["jaar"]), "herkomst": _("Niet uit jeugdhulp"),
                      "aantal": r["instroom"] - r["uit_jeugdhulp"]}]
    return staven("wmo-trend", _("Wmo-instroom 18–26 per jaar"), lang, x="jaar", y="aantal",
                  x_titel=_("Jaar"), y_titel=_("Jongvolwassenen"), kleur="herkomst",
                  kleur_titel=_("Herkomst"))


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("wmo-instroom", _("Wmo-instroom"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    trend = trend_tabel(f)
    inhoud.grafieken = [_grafiek(trend)]
    inhoud.tabellen = [categorie_tabel(f), gemeente_tabel(f), trend]
    return inhoud
