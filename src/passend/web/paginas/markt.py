"""Market per purchasing segment, the largest aanbieders, and one aanbieder's profile."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from passend import analysis as a
from passend.web.analysedata import bereken
from passend.web.grafieken import lijn, staven
from passend.web.onderdrukking import onderdruk_per_kolom
from passend.web.paginas.basis import Filters, Inhoud, Kerngetal
from passend.web.tabellen import Kolom, Tabel

ALLE = "alle"
KOSTEN = ["kosten_per_client_gemiddeld_cent", "kosten_per_client_mediaan_cent",
          "kosten_per_client_p90_cent", "groei_kosten_per_client", "groei_clienten"]


def segment_tabel(f: Filters) -> Tabel:
    rijen = bereken(a.markt_segmenten, f.jaar, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    if f.openbaar:
        rijen = onderdruk_per_kolom(rijen, ["clienten"], afgeleid={"clienten": KOSTEN})
    return Tabel(
        id="segmenten",
        titel=_("Markt per segment, %(jaar)s") % {"jaar": f.jaar},
        bijschrift=f.gebied_naam,
        kolommen=[
            Kolom("segmentnaam", _("Segment")), Kolom("aanbieders", _("Aanbieders"), "getal"),
            Kolom("clienten", _("Cliënten"), "getal"),
            Kolom("bedrag_cent", _("Uitgaven"), "bedrag"),
            Kolom("groei_bedrag", _("Groei uitgaven"), "procent"),
            Kolom("kosten_per_client_mediaan_cent", _("Mediane kosten per cliënt"), "bedrag"),
            Kolom("hhi", _("HHI"), "geheel"), Kolom("top3_aandeel", _("Aandeel top-3"), "procent"),
            Kolom("grootste_aandeel", _("Grootste aanbieder"), "procent"),
            Kolom("duur_mediaan_dagen", _("Mediane duur (dagen)"), "dagen"),
            Kolom("startwachttijd_mediaan_dagen", _("Mediane startwachttijd (dagen)"), "dagen"),
        ],
        rijen=rijen,
    )


def aanbieder_tabel(f: Filters, segment: str, segment_naam: str | None = None) -> Tabel:
    segment_naam = segment_naam or _("alle segmenten")
    rijen = bereken(a.markt_aanbieders, f.jaar, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
    if segment != ALLE:
        rijen = [r for r in rijen if r["segment"] == segment]
    if f.openbaar:
        rijen = onderdruk_per_kolom(rijen, ["clienten"], afgeleid={"clienten": KOSTEN})
    rijen = sorted(rijen, key=lambda r: (r["segment"], -(r["bedrag_cent"] or 0)))
    return Tabel(
        id="aanbieders",
        titel=_("Aanbieders, %(jaar)s") % {"jaar": f.jaar},
        bijschrift=_("Segment: %(segment)s") % {"segment": segment_naam},
        kolommen=[
            Kolom("segmentnaam", _("Segment")), Kolom("naam", _("Aanbieder")),
            Kolom("aanbieder", _("AGB-code")), Kolom("clienten", _("Cliënten"), "getal"),
            Kolom("bedrag_cent", _("Uitgaven"), "bedrag"),
            Kolom("marktaandeel", _("Marktaandeel"), "procent"),
            Kolom("kosten_per_client_mediaan_cent", _("Mediane kosten per cliënt"), "bedrag"),
            Kolom("startwachttijd_mediaan_dagen", _("Mediane startwachttijd (dagen)"), "dagen"),
        ],
        rijen=rijen,
        rij_koppen=False,
        koppelingen={"aanbieder": reverse("aanbieder", args=["x"])[:-2]},
    )


def _grafieken(f: Filters, segmenten: Tabel) -> list[dict[str, Any]]:
    alle = bereken(a.markt_aanbieders, f.jaar, f.gemeente, f.regio, segmentatie=f.segmentatie)
    top = sorted(alle, key=lambda r: -(r["bedrag_cent"] or 0))[:12]
    euro = [{**r, "euro": round((r["bedrag_cent"] or 0) / 100)} for r in segmenten.rijen]
    top_euro = [{**r, "euro": round((r["bedrag_cent"] or 0) / 100),
                 "naam": r["naam"] or f"AGB {r['aanbieder']}"} for r in top]
    return [
        staven("markt-segmenten", _("Uitgaven per segment (€)"), euro, x="segmentnaam", y="euro",
               x_titel=_("Segment"), y_titel=_("Uitgaven (€)"), horizontaal=True),
        staven("markt-top", _("Grootste aanbieders naar uitgaven (€)"), top_euro, x="naam",
               y="euro", x_titel=_("Aanbieder"), y_titel=_("Uitgaven (€)"), kleur="segmentnaam",
               kleur_titel=_("Segment"), horizontaal=True),
    ]


def bouw(f: Filters) -> Inhoud:
    inhoud = Inhoud("markt", _("Markt"), f)
    if f.jaar is None:
        inhoud.meldingen.append(_("Er zijn nog geen leveringen geladen."))
        return inhoud
    segmenten = segment_tabel(f)
    keuzes = [(r["segment"], r["segmentnaam"]) for r in segmenten.rijen]
    segment = f.extra.get("segment") or (keuzes[0][0] if keuzes else ALLE)
    if segment not in {ALLE, *(code for code, _naam in keuzes)}:
        segment = keuzes[0][0] if keuzes else ALLE
    inhoud.grafieken = _grafieken(f, segmenten)
    inhoud.tabellen = [segmenten, aanbieder_tabel(f, segment, dict(keuzes).get(segment))]
    inhoud.context.update(segmenten=keuzes, segment=segment)
    return inhoud


def _profiel(f: Filters, agb: str) -> dict[str, Any]:
    profielen = bereken(a.aanbieder_profielen, f.jaar, f.gemeente, f.regio,
                        segmentatie=f.segmentatie)
    profiel = next((p for p in profielen if p["aanbieder"] == agb), None)
    if profiel is None:
        raise Http404("Deze aanbieder werkt niet in dit gebied en jaar.")
    return profiel


def bouw_aanbieder(f: Filters, agb: str) -> Inhoud:
    profiel = _profiel(f, agb)
    inhoud = Inhoud("aanbieder", profiel["naam"] or agb, f)
    clienten = profiel["clienten"]
    if f.openbaar and isinstance(clienten, int) and 0 < clienten < 5:
        clienten = "<5"
    inhoud.kerngetallen = [
        Kerngetal(_("Cliënten"), clienten),
        Kerngetal(_("Uitgaven"), profiel["bedrag_cent"], "bedrag"),
        Kerngetal(_("Segmenten"), len(profiel["segmenten"])),
        Kerngetal(_("Gemeenten"), len(profiel["gemeenten"])),
    ]
    verloop = [r for r in bereken(a.markt_aanbieders, None, f.gemeente, f.regio,
                    segmentatie=f.segmentatie)
               if r["aanbieder"] == agb]
    if f.openbaar:
        verloop = onderdruk_per_kolom(verloop, ["clienten"], afgeleid={"clienten": KOSTEN})
    tabel = Tabel(
        id="verloop", titel=_("Verloop per jaar en segment"), bijschrift=f.gebied_naam,
        kolommen=[Kolom("jaar", _("Jaar")), Kolom("segmentnaam", _("Segment")),
                  Kolom("clienten", _("Cliënten"), "getal"),
                  Kolom("bedrag_cent", _("Uitgaven"), "bedrag"),
                  Kolom("marktaandeel", _("Marktaandeel"), "procent"),
                  Kolom("duur_mediaan_dagen", _("Mediane duur (dagen)"), "dagen")],
        rijen=sorted(verloop, key=lambda r: (r["jaar"], r["segment"])),
    )
    euro = [{**r, "jaar": str(r["jaar"]), "euro": round((r["bedrag_cent"] or 0) / 100)}
            for r in tabel.rijen]
    inhoud.grafieken = [lijn("aanbieder-verloop", _("Uitgaven per jaar (€)"), euro, x="jaar",
                             y="euro", kleur="segmentnaam", x_titel=_("Jaar"),
                             y_titel=_("Uitgaven (€)"), kleur_titel=_("Segment"))]
    inhoud.tabellen = [tabel]
    inhoud.context["profiel"] = profiel
    return inhoud
