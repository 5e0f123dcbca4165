"""Web state: import tasks (upload progress) and published reports for the raad."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportTaak(models.Model):
    """One browser upload being imported in the background; polled for progress."""

    class Status(models.TextChoices):
        WACHTEN = "wachten", _("Wacht")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        KLAAR_MET_FOUTEN = "klaar-fouten", _("Klaar met fouten")
        FOUT = "fout", _("Mislukt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gebruiker = models.CharField(max_length=150)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WACHTEN)
    bestanden = models.JSONField(
        default=list, help_text="Gemaskeerde namen, SHA-256 van de naam en groottes"
    )
    proces = models.CharField(max_length=100, blank=True, help_text="host:pid van de import")
    totaal = models.IntegerField(default=0, help_text="Berichten/bestanden in de invoer")
    verwerkt = models.IntegerField(default=0)
    huidig = models.CharField(max_length=300, blank=True)
    batch_id = models.IntegerField(null=True)
    samenvatting = models.JSONField(default=dict, blank=True)
    fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("importtaak")
        verbose_name_plural = _("importtaken")


class GepubliceerdRapport(models.Model):
    """A frozen, suppressed copy of an analysis page, readable by the raad."""

    titel = models.CharField(_("titel"), max_length=200)
    soort = models.CharField(max_length=40, help_text="De analysepagina")
    parameters = models.JSONField(default=dict, blank=True)
    gemeenten = models.JSONField(default=list, help_text="CBS-codes waarover het rapport gaat")
    inhoud = models.JSONField(default=dict, help_text="Tabellen, grafieken en definities")
    gepubliceerd_door = models.CharField(max_length=150)
    gepubliceerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-gepubliceerd_op"]
        verbose_name = _("gepubliceerd rapport")
        verbose_name_plural = _("gepubliceerde rapporten")

    def __str__(self) -> str:
        return self.titel

    @classmethod
    def zichtbaar_voor(cls, scope: set[str]) -> list[GepubliceerdRapport]:
        """The reports about at least one gemeente in `scope` (CBS codes), newest first."""
        return [rap for rap in cls.objects.all() if scope & set(rap.gemeenten)]
