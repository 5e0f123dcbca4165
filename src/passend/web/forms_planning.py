"""Forms of the planning pages. Each form validates with the same value objects the CLI uses
(Segmentatie, Ambitie, Indicator, Hefbomen), so a page can never store what the engine would
refuse; their Dutch messages become form errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.analysis.segmentatie import Segment, Segmentatie
from passend.domain import opmaak
from passend.planning import models as pm
from passend.strategy.ambities import BEREKENDE_INDICATOREN, BIG5, DOELGROEPEN, PRINCIPES
from passend.strategy.bekostiging import MODELLEN
from passend.strategy.keuzes import DIMENSIES, LABELS
from passend.strategy.scenario import Hefbomen
from passend.strategy.segmentmodellen import modellen

_CODE = re.compile(r"[\w.-]{1,10}")
_CATEGORIE = re.compile(r"[A-Za-z0-9]{1,5}")
DOMEINEN = [("jeugd", gettext_lazy("Jeugd")), ("wmo", gettext_lazy("Wmo"))]


# -- segment models --------------------------------------------------------------------------
class NieuwModelForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    basis = forms.ChoiceField(
        label=gettext_lazy("Uitgaan van"),
        choices=[(k, f"{k}: {m.naam}") for k, m in modellen().items()],
    )

    def __init__(self, *args: Any, gebied: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gebied = gebied

    def clean_naam(self) -> str:
        naam = self.cleaned_data["naam"].strip()
        if pm.Segmentmodel.objects.filter(gebied=self.gebied, naam=naam).exists():
            raise ValidationError(_("Er is al een segmentmodel met deze naam."))
        return naam


class ModelNaamForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    toelichting = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class _TabelRij(forms.Form):
    """A form shown as one table row: without a <label>, each input names itself for screen
    readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs.setdefault("aria-label", str(veld.label))


class SegmentForm(_TabelRij):
    # Every dropdown's initial is the option a browser submits for an untouched row, so the
    # blank extra rows of the formset count as unchanged and are skipped.
    code = forms.CharField(label=gettext_lazy("Code"), max_length=10)
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    domein = forms.ChoiceField(label=gettext_lazy("Domein"), choices=DOMEINEN, initial="jeugd")
    rangorde = forms.IntegerField(label=gettext_lazy("Rangorde"), min_value=0, initial=50)
    apart = forms.BooleanField(label=gettext_lazy("Apart"), required=False)
    categorieen = forms.CharField(
        label=gettext_lazy("Productcategorieën"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Gescheiden door komma's, bijvoorbeeld 43, 37"),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not _CODE.fullmatch(code):
            raise ValidationError(_("Een segmentcode is 1 tot 10 letters of cijfers."))
        return code

    def clean_categorieen(self) -> list[str]:
        delen = [d.strip() for d in self.cleaned_data["categorieen"].split(",") if d.strip()]
        fout = [d for d in delen if not _CATEGORIE.fullmatch(d)]
        if fout:
            raise ValidationError(_("Geen geldige categorie: %(c)s") % {"c": ", ".join(fout)})
        return delen


class RegelForm(_TabelRij):
    """A product-code rule: an exact code or a prefix, optionally within one categorie."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=[
            ("code", gettext_lazy("Exacte productcode")),
            ("prefix", gettext_lazy("Begint met")),
        ],
        initial="code",
    )
    waarde = forms.CharField(label=gettext_lazy("Productcode"), max_length=20)
    domein = forms.ChoiceField(label=gettext_lazy("Domein"), choices=DOMEINEN, initial="jeugd")
    categorie = forms.CharField(
        label=gettext_lazy("Alleen in categorie"), required=False, max_length=5
    )
    segment = forms.CharField(label=gettext_lazy("Segment"), max_length=10)

    def clean_categorie(self) -> str:
        categorie = self.cleaned_data["categorie"].strip()
        if categorie and not _CATEGORIE.fullmatch(categorie):
            raise ValidationError(_("Geen geldige categorie."))
        return categorie


SegmentFormSet = forms.formset_factory(SegmentForm, extra=1, can_delete=True)
RegelFormSet = forms.formset_factory(RegelForm, extra=2, can_delete=True)


def segment_initieel(seg: Segmentatie) -> list[dict[str, Any]]:
    return [
        {
            "code": s.code,
            "naam": s.naam,
            "domein": s.domein,
            "rangorde": s.rangorde,
            "apart": s.apart,
            "categorieen": ", ".join(s.categorieen),
        }
        for s in seg.segmenten
    ]


def regel_initieel(seg: Segmentatie) -> list[dict[str, Any]]:
    return [
        {
            "soort": "code" if r.code else "prefix",
            "waarde": r.code or r.begint_met,
            "domein": r.domein,
            "categorie": r.categorie or "",
            "segment": r.segment,
        }
        for r in seg.productregels
    ]


def _levend(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def bouw_segmentatie(
    naam_form: ModelNaamForm, segmenten: forms.BaseFormSet, regels: forms.BaseFormSet
) -> Segmentatie:
    """The Segmentatie of valid forms; ValidationError (Dutch) when the model is inconsistent."""
    segs = tuple(
        Segment(
            code=d["code"],
            naam=d["naam"],
            domein=d["domein"],
            rangorde=d["rangorde"],
            apart=d["apart"],
            categorieen=tuple(d["categorieen"]),
        )
        for d in _levend(segmenten)
    )
    if not segs:
        raise ValidationError(_("Een segmentmodel heeft ten minste één segment."))
    productregels = []
    for d in _levend(regels):
        productregels.append(
            {
                "domein": d["domein"],
                "segment": d["segment"],
                **({"categorie": d["categorie"]} if d["categorie"] else {}),
                **({"code": d["waarde"]} if d["soort"] == "code" else {"begint_met": d["waarde"]}),
            }
        )
    data = {
        "naam": naam_form.cleaned_data["naam"],
        "toelichting": naam_form.cleaned_data["toelichting"],
        "segmenten": [{**s.__dict__, "categorieen": list(s.categorieen)} for s in segs],
        "productregels": productregels,
    }
    try:
        return Segmentatie.uit_dict(data)
    except ValueError as fout:
        raise ValidationError(str(fout)) from fout


# -- ambitions -------------------------------------------------------------------------------
class KaderForm(forms.ModelForm):
    class Meta:
        model = pm.Ambitiekader
        fields = ["visie", "commitment"]
        labels = {"visie": gettext_lazy("Visie"), "commitment": gettext_lazy("Commitment")}
        widgets = {
            "visie": forms.Textarea(attrs={"rows": 3}),
            "commitment": forms.Textarea(attrs={"rows": 3}),
        }


class AmbitieForm(forms.ModelForm):
    principes = forms.MultipleChoiceField(
        label=gettext_lazy("Principes"),
        widget=forms.CheckboxSelectMultiple,
        choices=list(PRINCIPES.items()),
        error_messages={
            "required": gettext_lazy(
                "Spiegel elke ambitie aan ten minste een van de drie principes."
            )
        },
    )
    big5 = forms.MultipleChoiceField(
        label=gettext_lazy("Big 5"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(BIG5.items()),
    )

    class Meta:
        model = pm.Ambitie
        fields = ["doelgroep", "titel", "omschrijving", "principes", "big5"]
        labels = {
            "doelgroep": gettext_lazy("Doelgroep"),
            "titel": gettext_lazy("Titel"),
            "omschrijving": gettext_lazy("Omschrijving"),
        }
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}


AmbitieFormSet = forms.modelformset_factory(pm.Ambitie, form=AmbitieForm, extra=1, can_delete=True)


def bron_keuzes() -> list[tuple[str, str]]:
    return [
        ("handmatig", _("Handmatig ingevoerd")),
        *((k, b.naam) for k, b in BEREKENDE_INDICATOREN.items()),
    ]


class IndicatorForm(forms.ModelForm):
    bron = forms.ChoiceField(label=gettext_lazy("Bron"), choices=bron_keuzes)

    class Meta:
        model = pm.Indicator
        fields = [
            "code",
            "naam",
            "bron",
            "richting",
            "eenheid",
            "segment",
            "basisjaar",
            "basiswaarde",
            "streefwaarde",
            "streefdatum",
        ]
        labels = {
            "code": gettext_lazy("Code"),
            "naam": gettext_lazy("Naam"),
            "richting": gettext_lazy("Richting"),
            "eenheid": gettext_lazy("Eenheid"),
            "segment": gettext_lazy("Segment"),
            "basisjaar": gettext_lazy("Basisjaar"),
            "basiswaarde": gettext_lazy("Basiswaarde"),
            "streefwaarde": gettext_lazy("Streefwaarde"),
            "streefdatum": gettext_lazy("Streefdatum"),
        }
        widgets = {"streefdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, gebied: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gebied = gebied

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not _CODE.fullmatch(code):
            raise ValidationError(_("Een code is 1 tot 10 letters of cijfers."))
        andere = pm.Indicator.objects.filter(ambitie__kader__gebied=self.gebied, code=code)
        if self.instance.pk:
            andere = andere.exclude(pk=self.instance.pk)
        if andere.exists():
            raise ValidationError(_("Deze code is al in gebruik bij een andere indicator."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        datum, basisjaar = data.get("streefdatum"), data.get("basisjaar")
        if datum and basisjaar and datum.year <= basisjaar:
            self.add_error("streefdatum", _("De streefdatum ligt na het basisjaar."))
        return data


IndicatorFormSet = forms.modelformset_factory(
    pm.Indicator, form=IndicatorForm, extra=1, can_delete=True
)


class MetingForm(forms.Form):
    jaar = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)
    waarde = forms.FloatField(label=gettext_lazy("Waarde"))
    toelichting = forms.CharField(label=gettext_lazy("Toelichting"), required=False, max_length=500)


# -- strategy --------------------------------------------------------------------------------
class AfwijkingForm(forms.Form):
    """One choice changed. The options offered are those of the chosen Keuze only, with its
    current option selected; an option of another Keuze is refused."""

    dimensie = forms.ChoiceField(
        label=gettext_lazy("Keuze"), choices=[(d, t) for d, (t, _o) in DIMENSIES.items()]
    )
    optie = forms.ChoiceField(
        label=gettext_lazy("Nieuwe keuze"),
        error_messages={"invalid_choice": gettext_lazy("Kies een van de opties van deze keuze.")},
    )
    rationale = forms.CharField(
        label=gettext_lazy("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        voorstel: dict[str, str],
        gekozen: dict[str, str],
        dimensie: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.voorstel = voorstel
        gevraagd = self.data.get("dimensie") if self.is_bound else dimensie
        self.gekozen_dimensie = gevraagd if gevraagd in DIMENSIES else next(iter(DIMENSIES))
        self.fields["dimensie"].initial = self.gekozen_dimensie
        self.fields["optie"].choices = opties_per_dimensie()[self.gekozen_dimensie]
        self.fields["optie"].initial = gekozen.get(self.gekozen_dimensie)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        dimensie, optie = data.get("dimensie"), data.get("optie")
        if (
            dimensie
            and optie
            and optie != self.voorstel.get(dimensie)
            and not data.get("rationale", "").strip()
        ):
            self.add_error(
                "rationale", _("Geef een onderbouwing: deze keuze wijkt af van het voorstel.")
            )
        return data


def opties_per_dimensie() -> dict[str, list[tuple[str, str]]]:
    return {
        d: [(str(o), LABELS.get(str(o), str(o))) for o in opties]
        for d, (_t, opties) in DIMENSIES.items()
    }


# -- scenarios -------------------------------------------------------------------------------
class BedragVeld(forms.Field):
    """An amount in euro as a Dutch user types it (``€ 98.000.000``, ``98000000,50``)."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> float | None:
        tekst = str(value or "").strip()
        if not tekst:
            return None
        if len(tekst) > 30:
            raise ValidationError(_("Vul een bedrag in euro in, bijvoorbeeld 98.000.000."))
        try:
            bedrag = opmaak.lees_bedrag(tekst)
        except ValueError:
            raise ValidationError(
                _("Vul een bedrag in euro in, bijvoorbeeld 98.000.000 of 98000000,50.")
            ) from None
        if bedrag < 0 or bedrag >= 10**12:
            raise ValidationError(_("Een budget ligt tussen 0 en 1.000 miljard euro."))
        return float(bedrag)


def _bedragtekst(bedrag: float | None) -> str:
    if bedrag is None:
        return ""
    return opmaak.getal(bedrag, 0 if bedrag == int(bedrag) else 2)


class BudgetForm(forms.Form):
    """The budget per year and domain: one amount field per (year, domain); an empty field
    removes that amount."""

    def __init__(self, *args: Any, jaren: list[int], budget: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jaren = jaren
        for jaar in jaren:
            for domein, naam in DOMEINEN:
                bedrag = budget.voor(jaar, domein) if budget else None
                self.fields[f"budget_{jaar}_{domein}"] = BedragVeld(
                    label=f"{naam} {jaar}",
                    required=False,
                    initial=_bedragtekst(bedrag),
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "size": 16, "maxlength": 30}
                    ),
                )

    def rijen(self) -> list[dict[str, Any]]:
        """Per year its two fields, for the table on the page."""
        return [
            {"jaar": jaar, "velden": [self[f"budget_{jaar}_{d}"] for d, _ in DOMEINEN]}
            for jaar in self.jaren
        ]

    def bedragen(self) -> dict[tuple[int, str], float | None]:
        return {
            (jaar, domein): self.cleaned_data[f"budget_{jaar}_{domein}"]
            for jaar in self.jaren
            for domein, _ in DOMEINEN
        }


class ScenarioForm(forms.Form):
    """The levers of :class:`Hefbomen`; per-segment levers get one field per segment."""

    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    omschrijving = forms.CharField(
        label=gettext_lazy("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    doorlopend_tot = forms.TypedChoiceField(
        label=gettext_lazy("Doorlopende zorg tot"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Geen")), ("21", "21"), ("23", "23")],
    )
    doorlopend_pct = forms.FloatField(
        label=gettext_lazy("Aandeel doorlopende zorg (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=gettext_lazy("Van de jongeren die bij 18 zouden stoppen."),
    )
    ontschot = forms.BooleanField(
        label=gettext_lazy("Ontschot budget (Jeugd en Wmo samen)"), required=False
    )
    indexatie_pct = forms.FloatField(
        label=gettext_lazy("Tariefindexatie per jaar (%)"), min_value=-10, max_value=20, initial=0
    )
    tariefblad = forms.BooleanField(
        label=gettext_lazy("Tarieven van het tariefblad (tariefhefboom)"),
        required=False,
        help_text=gettext_lazy(
            "Per segment wat de declaraties van het laatste jaar met de tarieven van het "
            "tariefblad van dit gebied (Contracten › Tarieven) hadden gekost, als factor op de "
            "kosten per cliënt; berekend bij het opslaan."
        ),
    )
    verschuiving_van = forms.ChoiceField(
        label=gettext_lazy("Verschuiving van segment"), required=False
    )
    verschuiving_naar = forms.ChoiceField(label=gettext_lazy("naar segment"), required=False)
    verschuiving_pct = forms.FloatField(
        label=gettext_lazy("Aandeel verschoven (%)"), min_value=0, max_value=100, required=False
    )

    def __init__(
        self,
        *args: Any,
        segmenten: list[tuple[str, str]],
        gebied: str,
        bestaand: pm.Scenario | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.segmenten, self.gebied, self.bestaand = segmenten, gebied, bestaand
        keuzes = [("", "—"), *segmenten]
        self.fields["verschuiving_van"].choices = keuzes
        self.fields["verschuiving_naar"].choices = keuzes
        modellen_ = [
            ("", _("Inspanningsgericht (standaard)")),
            *((m, LABELS.get(m, m)) for m in MODELLEN if m != "inspanningsgericht"),
        ]
        for code, _naam in segmenten:
            self.fields[f"demed_{code}"] = forms.FloatField(
                label=_("Demedicalisering %(s)s (%%)") % {"s": code},
                required=False,
                min_value=0,
                max_value=100,
            )
            self.fields[f"bek_{code}"] = forms.ChoiceField(
                label=_("Bekostiging %(s)s") % {"s": code}, required=False, choices=modellen_
            )
            self.fields[f"plafond_{code}"] = forms.FloatField(
                label=_("Plafond per aanbieder %(s)s (× verwacht)") % {"s": code},
                required=False,
                min_value=0.1,
                max_value=5,
            )
            for soort in ("demed", "bek", "plafond"):  # shown in a table, without <label>
                veld = self.fields[f"{soort}_{code}"]
                veld.widget.attrs["aria-label"] = str(veld.label)

    def segmentvelden(self) -> list[dict[str, Any]]:
        """Per segment its three fields (for the table in the template)."""
        return [
            {
                "code": c,
                "naam": n,
                "demed": self[f"demed_{c}"],
                "bek": self[f"bek_{c}"],
                "plafond": self[f"plafond_{c}"],
            }
            for c, n in self.segmenten
        ]

    def clean_naam(self) -> str:
        naam = self.cleaned_data["naam"].strip()
        andere = pm.Scenario.objects.filter(gebied=self.gebied, naam=naam)
        if self.bestaand is not None:
            andere = andere.exclude(pk=self.bestaand.pk)
        if andere.exists():
            raise ValidationError(_("Er is al een scenario met deze naam."))
        return naam

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            data["hefbomen"] = self._hefbomen(data)
        except ValueError as fout:
            raise ValidationError(str(fout)) from fout
        return data

    def _hefbomen(self, d: dict[str, Any]) -> Hefbomen:
        van, naar, pct = (
            d.get("verschuiving_van"),
            d.get("verschuiving_naar"),
            d.get("verschuiving_pct"),
        )
        if any((van, naar, pct)) and not (van and naar and pct and van != naar):
            raise ValueError(
                _("Kies voor een verschuiving twee verschillende segmenten en een aandeel.")
            )
        if d.get("doorlopend_tot") and not d.get("doorlopend_pct"):
            raise ValueError(_("Geef het aandeel doorlopende zorg op."))
        codes = [c for c, _n in self.segmenten]
        return Hefbomen(
            doorlopend_tot=d.get("doorlopend_tot"),
            doorlopend_aandeel=(d.get("doorlopend_pct") or 0) / 100
            if d.get("doorlopend_tot")
            else 0.0,
            ontschot=bool(d.get("ontschot")),
            demedicalisering={c: d[f"demed_{c}"] / 100 for c in codes if d.get(f"demed_{c}")},
            verschuiving=((van, naar, pct / 100),) if van and naar and pct else (),
            indexatie=(d.get("indexatie_pct") or 0) / 100,
            bekostiging={c: d[f"bek_{c}"] for c in codes if d.get(f"bek_{c}")},
            plafond_per_aanbieder={c: d[f"plafond_{c}"] for c in codes if d.get(f"plafond_{c}")},
        )


def _procent(aandeel: float) -> int | float:
    """A stored share as the percentage a person typed: 0.3 -> 30, not 30.000000000000004;
    0.125 -> 12.5."""
    waarde = round(aandeel * 100, 6)
    return int(waarde) if waarde.is_integer() else waarde


def scenario_initieel(obj: pm.Scenario) -> dict[str, Any]:
    h = Hefbomen.uit_dict(obj.hefbomen)
    uit: dict[str, Any] = {
        "naam": obj.naam,
        "omschrijving": obj.omschrijving,
        "doorlopend_tot": str(h.doorlopend_tot or ""),
        "doorlopend_pct": _procent(h.doorlopend_aandeel),
        "ontschot": h.ontschot,
        "indexatie_pct": _procent(h.indexatie),
        "tariefblad": bool(h.tarieffactor),
    }
    if h.verschuiving:
        van, naar, aandeel = h.verschuiving[0]
        uit.update(verschuiving_van=van, verschuiving_naar=naar, verschuiving_pct=_procent(aandeel))
    for c, v in h.demedicalisering.items():
        uit[f"demed_{c}"] = _procent(v)
    for c, v in h.bekostiging.items():
        uit[f"bek_{c}"] = v
    for c, v in h.plafond_per_aanbieder.items():
        uit[f"plafond_{c}"] = v
    return uit


def doelgroepen() -> tuple[str, ...]:
    return DOELGROEPEN
