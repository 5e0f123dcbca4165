"""Login, logout, password change, TOTP and the personal API token."""

from __future__ import annotations

from typing import Any

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from rest_framework.authtoken.models import Token

from passend.accounts import audit, mfa
from passend.accounts.models import AuditRegel
from passend.accounts.rollen import ALLE_ROLLEN
from passend.web.toegang import openbaar, toegang


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code uit de authenticator-app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


class InlogView(auth_views.LoginView):
    """The login form; an IP address with too many failed logins must wait (HTTP 429)."""

    template_name = "passend/account/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if audit.ip_geblokkeerd(request):
            audit.schrijf(request, AuditRegel.Actie.GEWEIGERD, "login (te veel pogingen)")
            return render(request, "passend/account/geblokkeerd.html", status=429)
        return super().post(request, *args, **kwargs)


login = openbaar(InlogView.as_view())
logout = openbaar(auth_views.LogoutView.as_view())
wachtwoord = toegang(ALLE_ROLLEN)(
    auth_views.PasswordChangeView.as_view(
        template_name="passend/account/wachtwoord.html",
        success_url=reverse_lazy("wachtwoord-gewijzigd"),
    )
)
wachtwoord_gewijzigd = toegang(ALLE_ROLLEN)(
    auth_views.PasswordChangeDoneView.as_view(
        template_name="passend/account/wachtwoord_gewijzigd.html"
    )
)


@openbaar
def taal(request: HttpRequest) -> HttpResponse:
    """Django's set_language (POST with CSRF token), open to everyone."""
    return set_language(request)


@toegang(ALLE_ROLLEN)
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "heeft_mfa": mfa.heeft_mfa(request.user),
        "heeft_token": Token.objects.filter(user=request.user).exists(),
        "nieuwe_token": request.session.pop("passend_nieuwe_token", None),
    }
    return render(request, "passend/account/account.html", context)


@require_POST
@toegang(ALLE_ROLLEN)
def token_vernieuwen(request: HttpRequest) -> HttpResponse:
    Token.objects.filter(user=request.user).delete()
    request.session["passend_nieuwe_token"] = Token.objects.create(user=request.user).key
    return redirect("account")


@require_POST
@toegang(ALLE_ROLLEN)
def token_intrekken(request: HttpRequest) -> HttpResponse:
    Token.objects.filter(user=request.user).delete()
    messages.success(request, _("Uw API-sleutel is ingetrokken."))
    return redirect("account")


@toegang(ALLE_ROLLEN, mfa_instellen=True)
def mfa_instellen(request: HttpRequest) -> HttpResponse:
    """Show a new TOTP secret as QR code and confirm it with a first code."""
    if mfa.heeft_mfa(request.user):
        return redirect("account")
    apparaat = mfa.onbevestigd_apparaat(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and apparaat is not None and form.is_valid():
        if mfa.bevestig(apparaat, form.cleaned_data["token"]):
            django_otp.login(request, apparaat)
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect("account")
        form.add_error("token", _("Deze code klopt niet. Probeer de volgende code."))
    if apparaat is None:
        apparaat = mfa.nieuw_apparaat(request.user)
    context = {
        "form": form,
        "qr": mfa.qr_svg(apparaat),
        "geheim": mfa.geheim_base32(apparaat),
        "verplicht": mfa.totp_verplicht(request.user),
    }
    return render(request, "passend/account/mfa_instellen.html", context)


@toegang(ALLE_ROLLEN, mfa_stap=True)
def mfa_verifieren(request: HttpRequest) -> HttpResponse:
    """The second step of the login for users with TOTP."""
    if not mfa.moet_verifieren(request.user):
        return redirect("start")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = django_otp.match_token(request.user, form.cleaned_data["token"].strip())
        if apparaat is not None:
            django_otp.login(request, apparaat)
            return redirect("start")
        form.add_error("token", _("Deze code klopt niet."))
    return render(request, "passend/account/mfa_verifieren.html", {"form": form})


@toegang(ALLE_ROLLEN)
def mfa_uitschakelen(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if django_otp.match_token(request.user, form.cleaned_data["token"].strip()):
            mfa.verwijder(request.user)
            messages.success(request, _("Tweestapsverificatie staat uit."))
            return redirect("account")
        form.add_error("token", _("Deze code klopt niet."))
    return render(request, "passend/account/mfa_uitschakelen.html", {"form": form})
