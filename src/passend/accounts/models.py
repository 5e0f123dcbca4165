"""A user's role and scope, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.accounts.rollen import ROL_KEUZES
from passend.reference.models import Gemeente, Jeugdregio


class Profiel(models.Model):
    """Role and scope of one user: a jeugdregio (all its gemeenten) and/or gemeenten."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiel"
    )
    rol = models.CharField(_("rol"), max_length=30, choices=ROL_KEUZES)
    jeugdregio = models.ForeignKey(
        Jeugdregio, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("jeugdregio")
    )
    gemeenten = models.ManyToManyField(Gemeente, blank=True, verbose_name=_("gemeenten"))
    demo = models.BooleanField(default=False, help_text="Aangemaakt door `passend demo`")

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.rol})"


class AuditRegel(models.Model):
    """Who viewed, exported, uploaded or changed what, and when. Never holds client data."""

    class Actie(models.TextChoices):
        INLOGGEN = "inloggen", _("Ingelogd")
        MISLUKT = "inloggen-mislukt", _("Inloggen mislukt")
        UITLOGGEN = "uitloggen", _("Uitgelogd")
        BEKEKEN = "bekeken", _("Bekeken")
        EXPORT = "export", _("Geëxporteerd")
        UPLOAD = "upload", _("Geüpload")
        BEHEER = "beheer", _("Beheer")
        GEWEIGERD = "geweigerd", _("Toegang geweigerd")

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebruiker = models.CharField(_("gebruiker"), max_length=150, db_index=True)
    rol = models.CharField(max_length=30, blank=True)
    actie = models.CharField(max_length=20, choices=Actie.choices, db_index=True)
    object = models.CharField(max_length=500, help_text="Pagina, export of bestand")
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker} {self.actie} {self.object}"
