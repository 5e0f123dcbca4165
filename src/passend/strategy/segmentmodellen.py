"""Editable segment models: which products belong to which purchasing segment.

A segment model *is* a :class:`passend.analysis.segmentatie.Segmentatie`, the value object every
analysis takes as its ``segmentatie`` parameter; so choosing or editing a model here re-groups
every analysis (market, transition, care use, knelpunten) and the scenario engine at once.

Mapping rules and their precedence (the same as in the analyses, documented in
``docs/strategie.md``):

1. a **product-code rule** with an exact ``code`` wins over everything;
2. then the **prefix rule** (``begint_met``) with the longest matching prefix (a rule may be
   limited to one categorie, e.g. "45 with a code starting with OJ");
3. then the **categorie rule**: the segment that lists the product's productcategorie;
4. otherwise the product is *niet ingedeeld* (segment ``NI``): it is never dropped, and
   :func:`passend.analysis.segmentatie.niet_ingedeeld` / :func:`ongedekte_categorieen`
   report it.

Models are immutable: the editing functions return a new model, so a saved model and the
analyses' caches (keyed by :attr:`Segmentatie.vingerafdruk`) stay consistent.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib.resources import files
from typing import Any

from passend.analysis.segmentatie import (
    NIET_INGEDEELD,
    Productregel,
    Segment,
    Segmentatie,
)

__all__ = [
    "NIET_INGEDEELD",
    "Productregel",
    "Segment",
    "Segmentatie",
    "indeling_van",
    "met_categorie",
    "met_productregel",
    "met_segment",
    "model",
    "modellen",
    "ongedekte_categorieen",
    "standaard_model",
    "vijf_segmenten_model",
    "zonder_productregel",
    "zonder_segment",
]

STANDAARD = "standaard-7"
VIJF = "voorbeeld-5"


def standaard_model() -> Segmentatie:
    """The default: the 7 segments of the region (4 split in 4A lokaal / 4B regionaal),
    onderwijs-jeugdhulp by product code (prefix ``OJ``), Landelijk ingekocht (55) apart, and one
    segment per WMO020 categorie for Wmo. Identical to the analyses' default."""
    return Segmentatie.standaard()


@cache
def vijf_segmenten_model() -> Segmentatie:
    """The second example: hoog-specialistisch, wonen, dagbesteding/dagbehandeling,
    specialistisch/veel voorkomend, crisis (GI and landelijk ingekocht reported apart)."""
    tekst = (files("passend.strategy") / "data" / "segmentmodel_5.json").read_text("utf-8")
    return Segmentatie.uit_json(tekst)


def modellen() -> dict[str, Segmentatie]:
    """The shipped models by key (for a selection list)."""
    return {STANDAARD: standaard_model(), VIJF: vijf_segmenten_model()}


def model(sleutel: str) -> Segmentatie:
    """A shipped model by key; ValueError with the known keys otherwise."""
    try:
        return modellen()[sleutel]
    except KeyError:
        raise ValueError(
            f"Onbekend segmentmodel {sleutel!r}; kies uit {', '.join(modellen())}."
        ) from None


# -- editing ---------------------------------------------------------------------------------
def met_segment(seg: Segmentatie, segment: Segment) -> Segmentatie:
    """Add `segment`, or replace the segment with the same code.

    Categories the new segment lists are taken away from any other segment of the same
    domein, so a categorie never sits in two segments.
    """
    andere = tuple(
        _zonder_categorieen(s, segment.categorieen) if s.domein == segment.domein else s
        for s in seg.segmenten
        if s.code != segment.code
    )
    bestaand = [s.code for s in seg.segmenten]
    if segment.code in bestaand:
        plek = bestaand.index(segment.code)
        nieuw = (*andere[:plek], segment, *andere[plek:])
    else:
        nieuw = (*andere, segment)
    return replace(seg, segmenten=nieuw)


def zonder_segment(seg: Segmentatie, code: str) -> Segmentatie:
    """Remove a segment and the product rules that point to it; its products become
    niet ingedeeld until another rule covers them."""
    return replace(
        seg,
        segmenten=tuple(s for s in seg.segmenten if s.code != code),
        productregels=tuple(r for r in seg.productregels if r.segment != code),
    )


def met_categorie(seg: Segmentatie, domein: str, categorie: str, segment: str) -> Segmentatie:
    """Move productcategorie `categorie` of `domein` to `segment` (a categorie rule)."""
    doel = seg.segment(segment)
    if doel is NIET_INGEDEELD or doel.domein != domein:
        raise ValueError(f"Segment {segment} bestaat niet in domein {domein}.")
    return met_segment(seg, replace(doel, categorieen=(*doel.categorieen, categorie)))


def met_productregel(seg: Segmentatie, regel: Productregel) -> Segmentatie:
    """Add a product-code rule (replacing a rule for the same code/prefix and categorie)."""
    sleutel = (regel.domein, regel.categorie, regel.code, regel.begint_met)
    over = tuple(
        r for r in seg.productregels if (r.domein, r.categorie, r.code, r.begint_met) != sleutel
    )
    return replace(seg, productregels=(*over, regel))


def zonder_productregel(seg: Segmentatie, regel: Productregel) -> Segmentatie:
    return replace(seg, productregels=tuple(r for r in seg.productregels if r != regel))


def _zonder_categorieen(segment: Segment, weg: tuple[str, ...]) -> Segment:
    return replace(segment, categorieen=tuple(c for c in segment.categorieen if c not in weg))


# -- explanation and reports -----------------------------------------------------------------
def indeling_van(
    seg: Segmentatie, domein: str, categorie: str | None, productcode: str | None
) -> dict[str, Any]:
    """Which segment a product lands in and why: ``regel`` is 'productcode', 'prefix',
    'categorie' or 'geen'; ``toelichting`` says it in Dutch."""
    code = seg.segment_van(domein, categorie, productcode)
    winnaar = max(
        seg.productregels, key=lambda r: r.past(domein, categorie, productcode), default=None
    )
    kracht = winnaar.past(domein, categorie, productcode) if winnaar else 0
    if kracht >= 1000:
        regel, uitleg = "productcode", f"productcode {productcode} staat in een productregel"
    elif kracht > 0 and winnaar is not None:
        regel = "prefix"
        uitleg = f"productcode {productcode} begint met {winnaar.begint_met}"
    elif code != NIET_INGEDEELD.code:
        regel, uitleg = "categorie", f"productcategorie {categorie} hoort bij dit segment"
    else:
        regel, uitleg = "geen", "geen enkele regel past; vul het segmentmodel aan"
    segment = seg.segment(code)
    return {"segment": code, "segmentnaam": segment.naam, "regel": regel, "toelichting": uitleg}


def ongedekte_categorieen(seg: Segmentatie) -> list[dict[str, str]]:
    """Productcategorieën of the codelists (JZ020 jeugd, WMO020 wmo) no categorie rule covers:
    a data-free check a beheerder sees while editing a model."""
    from passend.reference.loader import laad_codelijsten

    lijsten = laad_codelijsten()
    gedekt = {(s.domein, c) for s in seg.segmenten for c in s.categorieen}
    uit = []
    for domein, lijst in (("jeugd", "JZ020"), ("wmo", "WMO020")):
        codelijst = lijsten.lijst(lijst)
        for code in sorted(codelijst.waarden):
            if (domein, code) not in gedekt:
                uit.append(
                    {
                        "domein": domein,
                        "categorie": code,
                        "omschrijving": codelijst.omschrijving(code),
                    }
                )
    return uit
