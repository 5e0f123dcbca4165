"""Transition 16–27: what happens to youths in jeugdhulp at 18, per cohort year."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passend import analysis as a
from passend.analysis.privacy import onderdruk_transitie
from passend.web.analysedata import bereken
from passend.web.grafieken import stroom
from passend.web.onderdrukking import onderdruk_per_kolom, onderdruk_tabel
from passend.web.paginas.basis import Filters, Inhoud, Kerngetal
from passend.web.paginas.labels import UITKOMSTEN, ZORGVORMEN, naam
from passend.web.tabellen import Kolom, Tabel

UIT = list(UITKOMSTEN)


def _uitkomsten(f: Filters, zorgvorm: str) -> dict[str, int]:
    """Counts per outcome, for the whole cohort or for one zorgvorm at 17."""
    if zorgvorm:
        rijen = bereken(a.transitie_stroom, f.jaar, "zorgvorm", f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
        return {u: sum(r["aantal"] for r in rijen if r["van"] == zorgvorm and r["naar"] == u)
                for u in UIT}
    kern = bereken(a.transitie, f.jaar, f.gemeente, f.regio)
    return {u: kern[u] for u in UIT}


def uitkomst_tabel(f: Filters, zorgvorm: str) -> Tabel:
    aantallen = _uitkomsten(f, zorgvorm)
    cohort = sum(aantallen.values())
    rijen = [{"uitkomst": str(UITKOMSTEN[u]), "aantal": aantallen[u],
              "aandeel": aantallen[u] / cohort if cohort else None} for u in UIT]
    if f.openbaar:
        rijen = onderdruk_tabel(rijen, ["aantal"], label="uitkomst",
                                afgeleid={"aantal": ["aandeel"]})
    else:
        rijen.append({"uitkomst": "Totaal", "aantal": cohort})
    rijen[-1].update(uitkomst=_("Cohort (totaal)"), aandeel=1.0 if cohort else None)
    titel = _("Uitkomst van het cohort %(jaar)s") % {"jaar": f.jaar}
    if zorgvorm:
        titel += f" — {naam(ZORGVORMEN, zorgvorm)}"
    return Tabel(
        id="uitkomsten", titel=titel, bijschrift=f.gebied_naam,
        kolommen=[Kolom("uitkomst", _("Uitkomst")), Kolom("aantal", _("Jongeren"), "getal"),
                  Kolom("aandeel", _("Aandeel"), "procent")],
        rijen=rijen,
    )


def stroom_tabel(f: Filters, van: str) -> Tabel:
    rijen = bereken(a.transitie_stroom, f.jaar, van, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    tabel, _kolommen = a.kruistabel(rijen, "van_naam", "naar", "aantal")
    if f.openbaar:
        tabel = onderdruk_tabel(tabel, UIT, label="van_naam", totaal_kolom="cohort")
    else:
        for rij in tabel:
            rij["cohort"] = sum(rij.get(u, 0) for u in UIT)
        if tabel:
            tabel.append({"van_naam": "Totaal", "cohort": sum(r["cohort"] for r in tabel),
                          **{u: sum(r.get(u, 0) for r in tabel) for u in UIT}})
    for rij in tabel:
        if rij["van_naam"] == "Totaal":
            rij["van_naam"] = _("Totaal")
    kop = _("Zorgvorm op 17") if van == "zorgvorm" else _("Segment op 17")
    return Tabel(
        id=f"stroom-{van}",
        titel=_("Van %(van)s naar uitkomst, cohort %(jaar)s") % {"van": kop.lower(),
                                                                  "jaar": f.jaar},
        kolommen=[Kolom("van_naam", kop),
                  *(Kolom(u, str(UITKOMSTEN[u]), "getal") for u in UIT),
                  Kolom("cohort", _("Cohort"), "getal")],
        rijen=tabel,
        bijschrift=f.gebied_naam,
    )


def _stroomgrafiek(tabel: Tabel, zorgvorm: str) -> dict[str, Any]:
    lang = [
        {"van_naam": r["van_naam"], "naar_naam": str(UITKOMSTEN[u]), "aantal": r.get(u),
         "volgorde": i}
        for r in tabel.rijen if r["van_naam"] != _("Totaal")
        and (not zorgvorm or r["van_naam"] == naam(ZORGVORMEN, zorgvorm))
        for i, u in enumerate(UIT)
    ]
    return stroom("transitie-stroom", tabel.titel, lang, van_titel=tabel.kolommen[0].titel,
                  naar_titel=_("Uitkomst"), uitkomsten=[str(UITKOMSTEN[u]) for u in UIT])


def per_tabel(f: Filters, per: str) -> Tabel:
    rijen = bereken(a.transitie_per, f.jaar, per, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    rijen = [{**r, "naam": r.get("naam") or naam(ZORGVORMEN, r.get(per))} for r in rijen]
    if f.openbaar:
        rijen = onderdruk_tabel(rijen, UIT, label="naam", totaal_kolom="cohort")
    for rij in rijen:
        rij["aandeel_zonder"] = (rij["zonder_vervolg"] / rij["cohort"]
                                 if isinstance(rij["zonder_vervolg"], int)
                                 and isinstance(rij["cohort"], int) and rij["cohort"] else None)
        if rij["naam"] == "Totaal":
            rij["naam"] = _("Totaal")
    kop = {"gemeente": _("Gemeente"), "segment": _("Segment op 17")}.get(per, _("Zorgvorm"))
    return Tabel(
        id=f"per-{per}",
        titel=_("Cohort %(jaar)s per %(per)s") % {"jaar": f.jaar, "per": kop.lower()},
        kolommen=[Kolom("naam", kop), Kolom("cohort", _("Cohort"), "getal"),
                  *(Kolom(u, str(UITKOMSTEN[u]), "getal") for u in UIT),
                  Kolom("aandeel_zonder", _("Aandeel zonder vervolg"), "procent")],
        rijen=rijen,
    )


def doorloop_tabel(f: Filters) -> Tabel:
    rijen = [{**r, "zorgvorm": naam({**ZORGVORMEN, "alle": _("Alle")}, r["zorgvorm"])}
             for r in bereken(a.transitie_doorloop, f.jaar, f.gemeente, f.regio)
             if r.get("beschikbaar")]
    if f.openbaar:
        rijen = onderdruk_per_kolom(rijen, ["noemer", "aantal"],
                                    afgeleid={"aantal": ["aandeel"], "noemer": ["aandeel"]})
    return Tabel(
        id="doorloop",
        titel=_("Nog jeugdhulp op de dag vóór 21 en 23 jaar (cohort %(jaar)s)") % {"jaar": f.jaar},
        bijschrift=_("Alleen zodra de gegevens tot de dag vóór die verjaardag reiken."),
        kolommen=[Kolom("leeftijd", _("Leeftijd")), Kolom("zorgvorm", _("Zorgvorm op 17")),
                  Kolom("noemer", _("Cohort"), "getal"),
                  Kolom("aantal", _("Nog in jeugdhulp"), "getal"),
                  Kolom("aandeel", _("Aandeel"), "procent")],
        rijen=rijen,
    )


def _kerngetallen(f: Filters) -> list[Kerngetal]:
    kern = bereken(a.transitie, f.jaar, f.gemeente, f.regio)
    if f.openbaar:
        kern = onderdruk_transitie(kern)
    return [
        Kerngetal(_("18 geworden met jeugdhulp"), kern["cohort"]),
        Kerngetal(_("Warme overdracht naar Wmo"), kern["warme_overdracht"]),
        Kerngetal(_("Mediaan dagen zonder steun (naar Wmo)"), kern["gat_dagen_mediaan"], "dagen"),
        Kerngetal(_("Wmo-instroom 18–26"), kern["wmo_instroom_18_26"]),
    ]


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("transitie", _("Transitie 16–27"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    zorgvorm = f.extra.get("zorgvorm", "")
    stroom_zorgvorm = stroom_tabel(f, "zorgvorm")
    inhoud.kerngetallen = _kerngetallen(f)
    inhoud.grafieken = [_stroomgrafiek(stroom_zorgvorm, zorgvorm)]
    inhoud.tabellen = [
        uitkomst_tabel(f, zorgvorm),
        stroom_zorgvorm,
        stroom_tabel(f, "segment"),
        per_tabel(f, "gemeente"),
        doorloop_tabel(f),
    ]
    return inhoud


def gevallen_tabel(f: Filters) -> Tabel:
    """Client level (pseudonymous): only for roles allowed it; checked by the view."""
    rijen = [
        {**r, "pseudoniem": r["pseudoniem"][:12] + "…", "uitkomst": naam(UITKOMSTEN, r["uitkomst"]),
         "zorgvorm_17": naam(ZORGVORMEN, r["zorgvorm_17"]),
         "warme_overdracht": _("ja") if r["warme_overdracht"] else _("nee")}
        for r in bereken(a.transitie_gevallen, f.jaar, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    ]
    return Tabel(
        id="gevallen",
        titel=_("Jongeren van cohort %(jaar)s (pseudoniem)") % {"jaar": f.jaar},
        kolommen=[
            Kolom("pseudoniem", _("Pseudoniem")), Kolom("gemeente", _("Gemeente")),
            Kolom("verjaardag_18", _("18 jaar op"), "datum"),
            Kolom("laatste_jeugdhulp", _("Laatste dag jeugdhulp"), "datum"),
            Kolom("uitkomst", _("Uitkomst")), Kolom("gat_dagen", _("Dagen zonder steun"), "getal"),
            Kolom("eerste_wmo_begindatum", _("Eerste Wmo-dag"), "datum"),
            Kolom("warme_overdracht", _("Warme overdracht")),
            Kolom("zorgvorm_17", _("Zorgvorm op 17")), Kolom("segmentnaam_17", _("Segment op 17")),
        ],
        rijen=rijen,
        bijschrift=f.gebied_naam,
    )
