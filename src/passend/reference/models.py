"""Reference data in the database: gemeenten, jeugdregio's and codelist versions.

The package data stays the source; `passend.reference.sync` copies it here so that the
admin, joins in analyses and foreign keys can use it.
"""

from __future__ import annotations

from django.db import models


class Jeugdregio(models.Model):
    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = "jeugdregio"
        verbose_name_plural = "jeugdregio's"

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    code = models.CharField(max_length=4, primary_key=True, help_text="CBS-gemeentecode")
    naam = models.CharField(max_length=100)
    provincie = models.CharField(max_length=50)
    jeugdregio = models.ForeignKey(Jeugdregio, on_delete=models.PROTECT, related_name="gemeenten")

    class Meta:
        ordering = ["naam"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Codelijst(models.Model):
    naam = models.CharField(max_length=20)
    titel = models.CharField(max_length=100)
    versie = models.CharField(max_length=20)
    geldig_vanaf = models.DateField()

    class Meta:
        unique_together = [("naam", "versie")]
        ordering = ["naam", "geldig_vanaf"]
        verbose_name = "codelijst"
        verbose_name_plural = "codelijsten"

    def __str__(self) -> str:
        return f"{self.naam} {self.versie}"


class Codewaarde(models.Model):
    codelijst = models.ForeignKey(Codelijst, on_delete=models.CASCADE, related_name="waarden")
    code = models.CharField(max_length=10)
    omschrijving = models.CharField(max_length=200)

    class Meta:
        unique_together = [("codelijst", "code")]
        ordering = ["codelijst", "code"]
        verbose_name = "codewaarde"
        verbose_name_plural = "codewaarden"

    def __str__(self) -> str:
        return f"{self.code} {self.omschrijving}"


class Bevolking(models.Model):
    """Inhabitants by age per gemeente on 1 January (CBS 03759ned or a simple CSV)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE)
    jaar = models.IntegerField()
    leeftijd = models.IntegerField()
    aantal = models.IntegerField()

    class Meta:
        unique_together = [("gemeente", "jaar", "leeftijd")]
        verbose_name = "bevolking"
        verbose_name_plural = "bevolking"


class Ligging(models.Model):
    """Where a gemeente or an aanbieder lies (WGS84 degrees), imported; it goes before the
    coordinates shipped with the package (:func:`passend.reference.loader.laad_liggingen`)."""

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        AANBIEDER = "aanbieder", "Aanbieder"

    soort = models.CharField(max_length=10, choices=Soort.choices)
    code = models.CharField(max_length=8, help_text="CBS-gemeentecode of AGB-code")
    lat = models.FloatField()
    lon = models.FloatField()

    class Meta:
        verbose_name = "ligging"
        verbose_name_plural = "liggingen"
        constraints = [models.UniqueConstraint(fields=["soort", "code"], name="ligging_uniek")]

    def __str__(self) -> str:
        return f"{self.soort} {self.code}"
