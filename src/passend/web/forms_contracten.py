"""Forms of the contract register editor.

Each row is checked by the same rules as an imported row (:mod:`passend.domain.checks`:
``controleer_contract``, ``controleer_contracttarief``, ``controleer_bestedingsruimte``), so
the editor can never store what the import would quarantine; their Dutch messages become
form errors.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from passend.contracten.models import PROCEDURE_KEUZES, VARIANT_KEUZES
from passend.domain import opmaak
from passend.domain.checks import (
    Bevinding,
    controleer_bestedingsruimte,
    controleer_clientenstop,
    controleer_contract,
    controleer_contracttarief,
)
from passend.domain.clientenstop import STOPREDENEN
from passend.domain.records import (
    BestedingsruimteRecord,
    ClientenstopRecord,
    ContractRecord,
    ContracttariefRecord,
)
from passend.reference.loader import controlecontext
from passend.web.forms_planning import DOMEINEN

_AGB = re.compile(r"\d{8}")
_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fouten_naar_form(
    form: forms.Form, bevindingen: list[Bevinding], velden: dict[str, str]
) -> None:
    for b in bevindingen:
        veld = velden.get(b.element)
        form.add_error(veld if veld in form.fields else None, b.melding)


class CentVeld(forms.Field):
    """An amount in euro (Dutch or English notation) returned as whole cents."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> int | None:
        tekst = str(value or "").strip()
        if not tekst:
            return None
        heel = _("Vul een bedrag in hele centen in, niet negatief.")
        try:
            cent = opmaak.lees_cent(tekst[:30])
        except opmaak.GeenHeleCenten:
            raise ValidationError(heel) from None
        except ValueError:
            raise ValidationError(_("Vul een bedrag in euro in, bijvoorbeeld 37,02.")) from None
        if not 0 <= cent < 10**14:
            raise ValidationError(heel)
        return cent


def centtekst(cent: int | None) -> str:
    return "" if cent is None else opmaak.getal(cent / 100, 2)


class ContractForm(forms.Form):
    contractnummer = forms.CharField(label=gettext_lazy("Contractnummer"), max_length=40)
    hoofdaannemer = forms.CharField(
        label=gettext_lazy("AGB-code hoofdaannemer"), max_length=8, min_length=8
    )
    onderaannemers = forms.CharField(
        label=gettext_lazy("AGB-codes van onderaannemers of consortiumpartners"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Gescheiden door komma's of spaties."),
    )
    gebied = forms.ChoiceField(label=gettext_lazy("Gemeente of jeugdregio"))
    domein = forms.ChoiceField(label=gettext_lazy("Domein"), choices=DOMEINEN)
    segment = forms.CharField(
        label=gettext_lazy("Segment (perceel)"),
        max_length=20,
        help_text=gettext_lazy("De code van het segment in het segmentmodel, bijvoorbeeld 4A."),
    )
    uitvoeringsvariant = forms.ChoiceField(
        label=gettext_lazy("Uitvoeringsvariant"), choices=VARIANT_KEUZES
    )
    procedure = forms.ChoiceField(
        label=gettext_lazy("Procedure"), choices=[("", "—"), *PROCEDURE_KEUZES], required=False
    )
    ingangsdatum = forms.DateField(label=gettext_lazy("Ingangsdatum"), widget=_DATUM)
    einddatum = forms.DateField(label=gettext_lazy("Einddatum"), required=False, widget=_DATUM)

    def __init__(self, *args: Any, gebieden: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebied"].choices = gebieden  # type: ignore[attr-defined]

    def clean_hoofdaannemer(self) -> str:
        agb = self.cleaned_data["hoofdaannemer"].strip()
        if not _AGB.fullmatch(agb):
            raise ValidationError(_("Een AGB-code is 8 cijfers."))
        return agb

    def clean_onderaannemers(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["onderaannemers"]) if c]
        fout = [c for c in codes if not _AGB.fullmatch(c)]
        if fout:
            raise ValidationError(
                _("Geen AGB-code (8 cijfers): %(codes)s") % {"codes": ", ".join(fout[:5])}
            )
        return sorted(set(codes))

    def records(self) -> list[ContractRecord]:
        """The contract as import rows: one per party, the hoofdaannemer first."""
        d = self.cleaned_data
        gebied = d["gebied"]
        gemeente = gebied if gebied.isdigit() else None
        basis = {
            "contractnummer": d["contractnummer"].strip(),
            "hoofdaannemer": d["hoofdaannemer"],
            "gemeente": gemeente,
            "regio": None if gemeente else gebied,
            "domein": d["domein"],
            "segment": d["segment"].strip(),
            "uitvoeringsvariant": d["uitvoeringsvariant"],
            "procedure": d["procedure"],
            "ingangsdatum": d["ingangsdatum"],
            "einddatum": d["einddatum"],
        }
        partijen = [
            d["hoofdaannemer"],
            *[c for c in d.get("onderaannemers", []) if c != d["hoofdaannemer"]],
        ]
        return [ContractRecord(agb=agb, **basis) for agb in partijen]

    _NODIG = ("contractnummer", "hoofdaannemer", "gebied", "domein", "segment")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if any(k not in data for k in (*self._NODIG, "uitvoeringsvariant", "ingangsdatum")):
            return data  # the field errors say what is missing
        bevindingen = controleer_contract(self.records()[0], controlecontext())
        _fouten_naar_form(self, bevindingen, {"gemeente": "gebied", "regio": "gebied"})
        return data


def _smal(tekens: int) -> forms.TextInput:
    return forms.TextInput(attrs={"size": tekens})


class TariefForm(forms.Form):
    categorie = forms.CharField(
        label=gettext_lazy("Productcategorie"), max_length=2, widget=_smal(3)
    )
    productcode = forms.CharField(
        label=gettext_lazy("Productcode"), max_length=5, required=False, widget=_smal(6)
    )
    eenheid = forms.CharField(label=gettext_lazy("Eenheid"), max_length=2, widget=_smal(3))
    tarief = CentVeld(
        label=gettext_lazy("Tarief (€ per eenheid)"),
        widget=forms.TextInput(attrs={"size": 10, "inputmode": "decimal"}),
    )
    geldig_vanaf = forms.DateField(label=gettext_lazy("Geldig vanaf"), widget=_DATUM)
    geldig_tot = forms.DateField(label=gettext_lazy("Geldig tot"), required=False, widget=_DATUM)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs.setdefault("aria-label", str(veld.label))

    def record(self, contractnummer: str) -> ContracttariefRecord:
        d = self.cleaned_data
        return ContracttariefRecord(
            contractnummer=contractnummer,
            categorie=d["categorie"].strip().zfill(2),
            productcode=d["productcode"].strip() or None,
            eenheid=d["eenheid"].strip().zfill(2),
            tarief_cent=d["tarief"],
            geldig_vanaf=d["geldig_vanaf"],
            geldig_tot=d["geldig_tot"],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        bevindingen = controleer_contracttarief(self.record(""), controlecontext())
        _fouten_naar_form(
            self, bevindingen, {"tarief_euro": "tarief", "productcategorie": "categorie"}
        )
        return data


class RuimteForm(forms.Form):
    jaar = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)
    bedrag = CentVeld(
        label=gettext_lazy("Bestedingsruimte (€)"),
        widget=forms.TextInput(attrs={"size": 16, "inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs.setdefault("aria-label", str(veld.label))

    def record(self, contractnummer: str) -> BestedingsruimteRecord:
        d = self.cleaned_data
        return BestedingsruimteRecord(contractnummer, d["jaar"], d["bedrag"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        _fouten_naar_form(
            self,
            controleer_bestedingsruimte(self.record(""), controlecontext()),
            {"bedrag_euro": "bedrag"},
        )
        return data


TariefFormSet = forms.formset_factory(TariefForm, extra=3, can_delete=True, max_num=2000)
RuimteFormSet = forms.formset_factory(RuimteForm, extra=2, can_delete=True, max_num=50)


class StopForm(forms.Form):
    """A cliëntenstop: from, up to and including (empty: until further notice), and why."""

    van = forms.DateField(label=gettext_lazy("Vanaf"), widget=_DATUM)
    tot = forms.DateField(label=gettext_lazy("Tot en met"), required=False, widget=_DATUM)
    reden = forms.ChoiceField(label=gettext_lazy("Reden"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        engels = get_language() == "en"
        self.fields["reden"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((code, en if engels else nl) for code, (nl, en) in STOPREDENEN.items()),
        ]
        for veld in self.fields.values():
            veld.widget.attrs.setdefault("aria-label", str(veld.label))

    def record(self, contractnummer: str) -> ClientenstopRecord:
        d = self.cleaned_data
        return ClientenstopRecord(contractnummer, d["van"], d.get("tot"), d.get("reden") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        bevindingen = controleer_clientenstop(self.record(""), controlecontext())
        _fouten_naar_form(self, bevindingen, {"tot": "tot", "reden": "reden", "van": "van"})
        return data


StopFormSet = forms.formset_factory(StopForm, extra=1, can_delete=True, max_num=50)
