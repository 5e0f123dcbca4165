"""The form of the toekomstplan register editor.

A plan is checked by the same rules as an imported row (``controleer_toekomstplan``: the
elfproef, a known gemeente), its domains and role come from the same vocabulary
(:mod:`passend.domain.toekomstplan`). The BSN is typed, checked and pseudonymised; it is
never stored, echoed back or logged.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.domain.checks import controleer_toekomstplan
from passend.domain.elfproef import normaliseer_bsn
from passend.domain.records import ClientGegevens, ToekomstplanRecord
from passend.domain.toekomstplan import BIG5, DOMEINEN, LEVENSDOMEINEN, ROLLEN
from passend.reference.loader import controlecontext

_AGB = re.compile(r"\d{8}")
_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_VELDEN = {"Bsn": "bsn", "gemeente": "gemeente", "datum_plan": "datum_plan"}


def _domeinkeuzes() -> list[tuple[str, str]]:
    leven = [(c, f"{nl} ({_('leefdomein')})") for c, (nl, _en) in LEVENSDOMEINEN.items()]
    pijlers = [(c, f"{nl} (Big 5)") for c, (nl, _en) in BIG5.items() if c not in LEVENSDOMEINEN]
    return leven + pijlers


class ToekomstplanForm(forms.Form):
    bsn = forms.CharField(
        label=gettext_lazy("BSN"),
        max_length=11,
        required=False,
        # Never rendered back into the page: a refused BSN is typed again.
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "inputmode": "numeric"}
        ),
        help_text=gettext_lazy("Wordt met de elfproef gecontroleerd en direct gepseudonimiseerd."),
    )
    gemeente = forms.ChoiceField(label=gettext_lazy("Gemeente"))
    datum_plan = forms.DateField(label=gettext_lazy("Datum van het plan"), widget=_DATUM)
    regiehouder_agb = forms.CharField(
        label=gettext_lazy("Regiehouder (AGB-code)"), max_length=8, required=False
    )
    regiehouder_rol = forms.ChoiceField(
        label=gettext_lazy("of rol van de regiehouder"), required=False
    )
    datum_overdracht_gestart = forms.DateField(
        label=gettext_lazy("Overdracht naar 18+ gestart op"), required=False, widget=_DATUM
    )
    domeinen = forms.MultipleChoiceField(
        label=gettext_lazy("Domeinen in het plan"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, gemeenten: list[tuple[str, str]], bestaand: bool, **kw: Any):
        super().__init__(*args, **kw)
        self.bestaand = bestaand
        self.fields["gemeente"].choices = gemeenten
        self.fields["regiehouder_rol"].choices = [("", "—")] + [
            (c, nl) for c, (nl, _en) in ROLLEN.items()
        ]
        self.fields["domeinen"].choices = _domeinkeuzes()
        if bestaand:  # the key of a stored plan is fixed; a new date is a new plan
            for veld in ("bsn", "gemeente", "datum_plan"):
                self.fields[veld].disabled = True
        else:
            self.fields["bsn"].required = True

    def clean_regiehouder_agb(self) -> str:
        agb = self.cleaned_data.get("regiehouder_agb", "").strip()
        if agb and not _AGB.fullmatch(agb):
            raise forms.ValidationError(_("Een AGB-code is 8 cijfers."))
        return agb

    def clean_bsn(self) -> str:
        tekst = self.cleaned_data.get("bsn", "")
        return normaliseer_bsn(tekst) or tekst.strip()

    def record(self, bsn: str) -> ToekomstplanRecord:
        c = self.cleaned_data
        return ToekomstplanRecord(
            client=ClientGegevens(bsn=bsn),
            gemeente=c["gemeente"],
            datum_plan=c["datum_plan"],
            regiehouder_agb=c.get("regiehouder_agb", ""),
            regiehouder_rol=c.get("regiehouder_rol", ""),
            datum_overdracht_gestart=c.get("datum_overdracht_gestart"),
            domeinen=tuple(d for d in DOMEINEN if d in set(c.get("domeinen") or ())),
        )

    def controleer(self, record: ToekomstplanRecord) -> bool:
        """The import's rules; their Dutch messages become form errors."""
        for b in controleer_toekomstplan(record, controlecontext()):
            if self.bestaand and b.element == "Bsn":
                continue  # a stored plan has no BSN to check: it was checked on entry
            veld = _VELDEN.get(b.element, b.element)
            self.add_error(veld if veld in self.fields else None, b.melding)
        return not self.errors
