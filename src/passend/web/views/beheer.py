"""Beheer: users (role and scope), lockouts, settings and the audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from passend.accounts import audit, mfa
from passend.accounts.beheer import OngeldigeScope, beheert, gebruikers, zet_gebruiker
from passend.accounts.models import AuditRegel, Profiel
from passend.accounts.rollen import BEHEER, ROL_KEUZES, rol_naam
from passend.accounts.scope import gemeenten_in_scope
from passend.reference.models import Gemeente, Jeugdregio
from passend.web.tabellen import Kolom, Tabel, export_response
from passend.web.tijd import lokale_tijd
from passend.web.toegang import toegang


class GebruikerForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Gebruikersnaam"), max_length=150)
    rol = forms.ChoiceField(label=gettext_lazy("Rol"), choices=ROL_KEUZES)
    jeugdregio = forms.ModelChoiceField(
        label=gettext_lazy("Jeugdregio"),
        queryset=Jeugdregio.objects.all(),
        required=False,
        help_text=gettext_lazy("Alle gemeenten van deze jeugdregio vallen in het bereik."),
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gemeenten"),
        queryset=Gemeente.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Losse gemeenten, naast of in plaats van een jeugdregio."),
    )
    actief = forms.BooleanField(label=gettext_lazy("Actief"), required=False, initial=True)
    wachtwoord = forms.CharField(
        label=gettext_lazy("Nieuw wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Minstens 12 tekens. Leeg laten om het niet te wijzigen."),
    )

    def __init__(self, *args: Any, nieuw: bool = True, door: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nieuw = nieuw
        if not nieuw:
            self.fields["username"].disabled = True
        if door is not None:  # only what lies inside the beheerder's own scope can be granted
            codes = gemeenten_in_scope(door)
            self.fields["gemeenten"].queryset = Gemeente.objects.filter(code__in=codes)
            buiten = Gemeente.objects.exclude(code__in=codes).values("jeugdregio")
            self.fields["jeugdregio"].queryset = Jeugdregio.objects.exclude(pk__in=buiten)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("jeugdregio") and not data.get("gemeenten"):
            raise ValidationError(_("Kies een jeugdregio of ten minste één gemeente."))
        if self.nieuw and not data.get("wachtwoord"):
            self.add_error("wachtwoord", _("Een nieuwe gebruiker heeft een wachtwoord nodig."))
        if self.nieuw and get_user_model().objects.filter(username=data.get("username")).exists():
            self.add_error("username", _("Deze gebruikersnaam bestaat al."))
        if data.get("wachtwoord"):
            try:
                validate_password(data["wachtwoord"])
            except ValidationError as fout:
                self.add_error("wachtwoord", fout)
        return data


@toegang(BEHEER)
def gebruikerslijst(request: HttpRequest) -> HttpResponse:
    rijen = [
        {
            **vars(g),
            "rol": rol_naam(g.rol) or g.rol,
            "actief": _("ja") if g.actief else _("nee"),
            "mfa": _("ja") if g.mfa else _("nee"),
        }
        for g in gebruikers(door=request.user)
    ]
    tabel = Tabel(
        id="gebruikers",
        titel=_("Gebruikers"),
        kolommen=[
            Kolom("username", _("Gebruikersnaam")),
            Kolom("rol", _("Rol")),
            Kolom("scope", _("Bereik")),
            Kolom("actief", _("Actief")),
            Kolom("mfa", _("TOTP")),
        ],
        rijen=rijen,
        koppelingen={"username": "/beheer/gebruikers/"},
    )
    if (export := export_response([tabel], request)) is not None:
        return export
    return render(request, "passend/beheer/gebruikers.html", {"tabel": tabel})


def _opslaan(request: HttpRequest, form: GebruikerForm, username: str) -> None:
    data = form.cleaned_data
    zet_gebruiker(
        username,
        data["rol"],
        gemeenten=[g.code for g in data["gemeenten"]],
        regio=data["jeugdregio"].naam if data["jeugdregio"] else None,
        wachtwoord=data["wachtwoord"] or None,
        valideer_wachtwoord=False,  # validated by the form
        door=request.user,
    )
    get_user_model().objects.filter(username=username).update(is_active=data["actief"])
    audit.schrijf(
        request,
        AuditRegel.Actie.BEHEER,
        f"gebruiker {username}",
        rol=data["rol"],
        wachtwoord_gewijzigd=bool(data["wachtwoord"]),
    )


@toegang(BEHEER)
def gebruiker_nieuw(request: HttpRequest) -> HttpResponse:
    form = GebruikerForm(request.POST or None, nieuw=True, door=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            _opslaan(request, form, form.cleaned_data["username"])
        except OngeldigeScope as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De gebruiker is aangemaakt."))
            return redirect("gebruikers")
    return render(request, "passend/beheer/gebruiker.html", {"form": form, "nieuw": True})


def _beheerde_gebruiker(request: HttpRequest, username: str) -> Any:
    """The user, if the beheerder may manage them (their scope lies inside the beheerder's)."""
    user = get_object_or_404(get_user_model(), username=username)
    if not beheert(request.user, user):
        raise Http404
    return user


def _beginwaarden(user: Any) -> dict[str, Any]:
    profiel = Profiel.objects.filter(gebruiker=user).first()
    return {
        "username": user.username,
        "rol": profiel.rol if profiel else "",
        "jeugdregio": profiel.jeugdregio if profiel else None,
        "gemeenten": list(profiel.gemeenten.all()) if profiel else [],
        "actief": user.is_active,
    }


@toegang(BEHEER)
def gebruiker_wijzigen(request: HttpRequest, username: str) -> HttpResponse:
    user = _beheerde_gebruiker(request, username)
    form = GebruikerForm(
        request.POST or None, nieuw=False, initial=_beginwaarden(user), door=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            _opslaan(request, form, user.username)
        except OngeldigeScope as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De gebruiker is opgeslagen."))
            return redirect("gebruikers")
    context = {"form": form, "nieuw": False, "doel": user, "heeft_mfa": mfa.heeft_mfa(user)}
    return render(request, "passend/beheer/gebruiker.html", context)


@require_POST
@toegang(BEHEER)
def gebruiker_mfa_resetten(request: HttpRequest, username: str) -> HttpResponse:
    user = _beheerde_gebruiker(request, username)
    mfa.verwijder(user)
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"gebruiker {username}", totp="verwijderd")
    messages.success(request, _("Tweestapsverificatie van deze gebruiker is verwijderd."))
    return redirect("gebruiker", username=username)


@toegang(BEHEER)
def auditlog(request: HttpRequest) -> HttpResponse:
    regels = AuditRegel.objects.all()
    wie = request.GET.get("gebruiker", "").strip()
    actie = request.GET.get("actie", "")
    if wie:
        regels = regels.filter(gebruiker=wie)
    if actie in AuditRegel.Actie.values:
        regels = regels.filter(actie=actie)
    velden = ("tijdstip", "gebruiker", "rol", "actie", "object", "ip")
    kolommen = [
        Kolom("tijdstip", _("Tijdstip")),
        Kolom("gebruiker", _("Gebruiker")),
        Kolom("rol", _("Rol")),
        Kolom("actie", _("Actie")),
        Kolom("object", _("Wat")),
        Kolom("ip", _("IP-adres")),
    ]
    if request.GET.get("export"):
        rijen = [_auditrij(r) for r in regels.values(*velden)[:100_000]]
        return export_response([Tabel("auditlog", _("Auditlog"), kolommen, rijen)], request)  # type: ignore[return-value]
    pagina = Paginator(regels.values(*velden), 100).get_page(request.GET.get("pagina"))
    tabel = Tabel("auditlog", _("Auditlog"), kolommen, [_auditrij(r) for r in pagina])
    context = {
        "tabel": tabel,
        "pagina": pagina,
        "wie": wie,
        "actie": actie,
        "acties": AuditRegel.Actie.choices,
    }
    return render(request, "passend/beheer/audit.html", context)


def _auditrij(rij: dict[str, Any]) -> dict[str, Any]:
    return {**rij, "tijdstip": lokale_tijd(rij["tijdstip"], seconden=True)}


@toegang(BEHEER)
def instellingen(request: HttpRequest) -> HttpResponse:
    """Settings in force (from the environment) and current login lockouts."""
    from axes.models import AccessAttempt

    blokkades = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    context = {
        "database": connection.vendor,
        "data_dir": settings.DATA_DIR,
        "https": getattr(settings, "SESSION_COOKIE_SECURE", False),
        "pogingen": settings.AXES_FAILURE_LIMIT,
        "minuten": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "proxies": settings.PASSEND_TRUSTED_PROXIES,
        "max_mb": settings.PASSEND_MAX_UPLOAD_MB,
        "blokkades": blokkades,
    }
    return render(request, "passend/beheer/instellingen.html", context)


@require_POST
@toegang(BEHEER)
def blokkade_opheffen(request: HttpRequest) -> HttpResponse:
    from axes.utils import reset

    username = request.POST.get("username", "")
    reset(username=username)
    audit.schrijf(request, AuditRegel.Actie.BEHEER, f"blokkade {username} opgeheven")
    messages.success(request, _("De blokkade is opgeheven."))
    return redirect("instellingen")
