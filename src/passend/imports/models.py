"""Import bookkeeping: batches, the ledger of processed messages, and the quarantine."""

from __future__ import annotations

from django.db import models


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        BEZIG = "bezig", "Bezig"
        VOLTOOID = "voltooid", "Voltooid"
        AFGEBROKEN = "afgebroken", "Afgebroken"

    bron = models.CharField(
        max_length=1000, help_text="Bestand(en) of map, gemaskeerd (namen en BSN's weggelaten)"
    )
    inhoud_hash = models.CharField(
        max_length=64, db_index=True, help_text="SHA-256 over de inhoud van alle invoerbestanden"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BEZIG)
    gestart_op = models.DateTimeField(auto_now_add=True)
    voltooid_op = models.DateTimeField(null=True)
    aantal_bestanden = models.IntegerField(default=0)
    aantal_berichten = models.IntegerField(default=0)
    geaccepteerd = models.IntegerField(default=0)
    quarantaine = models.IntegerField(default=0)
    overgeslagen = models.IntegerField(default=0, help_text="Al eerder verwerkte berichten")
    per_type = models.JSONField(default=dict)
    gebruiker = models.CharField(max_length=150, blank=True)
    proces = models.CharField(max_length=100, blank=True, help_text="host:pid van de import")
    laatst_actief = models.DateTimeField(null=True, help_text="Laatste schrijfronde")

    class Meta:
        ordering = ["-gestart_op"]
        verbose_name = "importbatch"
        verbose_name_plural = "importbatches"

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"


class VerwerktBericht(models.Model):
    """One input message (file) and how many of its records are in.

    The content hash makes a re-import skip what is already in. A row with `voltooid` False
    belongs to a large message whose records were written in several rounds and that was
    interrupted: the next run completes it (see docs/architecture.md).
    """

    inhoud_hash = models.CharField(max_length=64, unique=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="berichten")
    bestand = models.CharField(max_length=1000, help_text="Gemaskeerde bestandsnaam")
    bestand_sha256 = models.CharField(max_length=64, blank=True)
    voltooid = models.BooleanField(default=True)
    berichttype = models.CharField(max_length=30)
    domein = models.CharField(max_length=5, blank=True)
    afzender = models.CharField(max_length=8, blank=True)
    ontvanger = models.CharField(max_length=8, blank=True)
    bericht_identificatie = models.CharField(max_length=40, blank=True)
    geaccepteerd = models.IntegerField(default=0)
    quarantaine = models.IntegerField(default=0)
    retourcodes = models.JSONField(default=list, blank=True)
    verwerkt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["berichttype", "afzender", "bericht_identificatie"])]
        verbose_name = "verwerkt bericht"
        verbose_name_plural = "verwerkte berichten"


class QuarantineRecord(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        OPGELOST = "opgelost", "Opgelost door herimport"
        VERVANGEN = "vervangen", "Vervangen door nieuwere melding"

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="quarantaine_records"
    )
    bestand = models.CharField(max_length=1000, help_text="Gemaskeerde bestandsnaam")
    bestand_sha256 = models.CharField(max_length=64, blank=True)
    inhoud_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 van het bericht"
    )
    berichttype = models.CharField(max_length=30, blank=True)
    bericht_identificatie = models.CharField(max_length=40, blank=True)
    element_pad = models.CharField(max_length=500, blank=True)
    regel = models.CharField(max_length=40)
    reden = models.TextField(help_text="Uitleg in gewoon Nederlands")
    fragment = models.TextField(blank=True, help_text="Ruwe invoer, BSN en namen gemaskeerd")
    sleutel = models.CharField(
        max_length=300,
        blank=True,
        db_index=True,
        help_text="Logische sleutel, om een herimport te herkennen",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    opgelost_op = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-aangemaakt_op", "id"]
        verbose_name = "quarantainerecord"
        verbose_name_plural = "quarantainerecords"
