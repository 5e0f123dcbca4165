"""Stored planning objects. Each model mirrors a value object of :mod:`passend.strategy`;
:mod:`passend.planning.opslag` converts between them, so views and the CLI never touch the
JSON layout directly.

``gebied`` is the jeugdregio name (or a gemeente code) the object belongs to, as a plain string:
the same key the analyses filter on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from passend.strategy.ambities import DOELGROEPEN
from passend.strategy.keuzes import DIMENSIES, LABELS

_DOELGROEP_KEUZES = [(g, g) for g in DOELGROEPEN]


def _keuzes(dimensie: str) -> list[tuple[str, str]]:
    return [(str(o), LABELS.get(str(o), str(o))) for o in DIMENSIES[dimensie][1]]


class Segmentmodel(models.Model):
    """A segmentation (the JSON of :meth:`Segmentatie.als_dict`)."""

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    naam = models.CharField(max_length=200)
    definitie = models.JSONField(help_text="Segmenten en productregels (Segmentatie.als_dict)")
    actief = models.BooleanField(default=False, help_text="Het model dat het gebied gebruikt")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gebied", "naam"]
        unique_together = [("gebied", "naam")]
        verbose_name = "segmentmodel"
        verbose_name_plural = "segmentmodellen"

    def __str__(self) -> str:
        return f"{self.naam} ({self.gebied or 'alle'})"


class Ambitiekader(models.Model):
    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    visie = models.TextField()
    commitment = models.TextField(blank=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gebied"]
        verbose_name = "ambitiekader"
        verbose_name_plural = "ambitiekaders"

    def __str__(self) -> str:
        return f"Ambities {self.gebied or 'alle'}"


class Ambitie(models.Model):
    kader = models.ForeignKey(Ambitiekader, on_delete=models.CASCADE, related_name="ambities")
    volgorde = models.PositiveIntegerField(default=0)
    doelgroep = models.CharField(max_length=5, choices=_DOELGROEP_KEUZES)
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    principes = models.JSONField(default=list, help_text="Sleutels uit PRINCIPES")
    big5 = models.JSONField(default=list, blank=True, help_text="Sleutels uit BIG5")

    class Meta:
        ordering = ["kader", "volgorde", "id"]
        verbose_name = "ambitie"
        verbose_name_plural = "ambities"

    def __str__(self) -> str:
        return f"{self.doelgroep}: {self.titel}"


class Indicator(models.Model):
    ambitie = models.ForeignKey(Ambitie, on_delete=models.CASCADE, related_name="indicatoren")
    volgorde = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=50)
    naam = models.CharField(max_length=200)
    bron = models.CharField(max_length=50, help_text="'handmatig' of een berekende indicator")
    richting = models.CharField(
        max_length=5, choices=[("lager", "Lager is beter"), ("hoger", "Hoger is beter")]
    )
    eenheid = models.CharField(
        max_length=10,
        choices=[
            ("aandeel", "Aandeel"),
            ("dagen", "Dagen"),
            ("euro", "Euro"),
            ("aantal", "Aantal"),
        ],
    )
    segment = models.CharField(max_length=10, blank=True)
    basisjaar = models.PositiveIntegerField()
    basiswaarde = models.FloatField()
    streefwaarde = models.FloatField()
    streefdatum = models.DateField()

    class Meta:
        ordering = ["ambitie", "volgorde", "id"]
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"

    def __str__(self) -> str:
        return self.naam


class Meting(models.Model):
    """A hand-entered measurement (for indicators the data cannot compute)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="metingen")
    jaar = models.PositiveIntegerField()
    waarde = models.FloatField()
    toelichting = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator", "jaar"]
        unique_together = [("indicator", "jaar")]
        verbose_name = "meting"
        verbose_name_plural = "metingen"


class Strategiekeuze(models.Model):
    """The strategy of one segment: the engine's proposal and the current choice."""

    segmentmodel = models.ForeignKey(Segmentmodel, on_delete=models.CASCADE, related_name="keuzes")
    segment = models.CharField(max_length=10)
    segmentnaam = models.CharField(max_length=200)
    verantwoordelijk = models.CharField(max_length=20, choices=_keuzes("verantwoordelijk"))
    procedure = models.CharField(max_length=20, choices=_keuzes("procedure"))
    bekostiging = models.CharField(max_length=20, choices=_keuzes("bekostiging"))
    schaal = models.CharField(max_length=20, choices=_keuzes("schaal"))
    aanbieders = models.CharField(max_length=20, choices=_keuzes("aanbieders"))
    aantal_aanbieders = models.PositiveIntegerField(null=True, blank=True)
    looptijd = models.CharField(max_length=2, choices=_keuzes("looptijd"))
    consortium = models.CharField(max_length=3, choices=_keuzes("consortium"))
    plafond_eur = models.FloatField(null=True, blank=True)
    redenen = models.JSONField(default=dict, blank=True)
    voorstel = models.JSONField(
        default=dict, blank=True, help_text="Het voorstel van het adviesmodel bij het opstellen"
    )
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["segmentmodel", "segment"]
        unique_together = [("segmentmodel", "segment")]
        verbose_name = "strategiekeuze"
        verbose_name_plural = "strategiekeuzes"

    def __str__(self) -> str:
        return f"Segment {self.segment}: {self.segmentnaam}"


class Overschrijving(models.Model):
    """A deviation from the proposal, with the user's rationale (kept, never edited)."""

    keuze = models.ForeignKey(
        Strategiekeuze, on_delete=models.CASCADE, related_name="overschrijvingen"
    )
    dimensie = models.CharField(max_length=20, choices=[(d, t) for d, (t, _) in DIMENSIES.items()])
    voorgesteld = models.CharField(max_length=20)
    gekozen = models.CharField(max_length=20)
    rationale = models.TextField()
    door = models.CharField(max_length=150, blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    op = models.DateTimeField()

    class Meta:
        ordering = ["keuze", "op", "id"]
        verbose_name = "afwijking van het voorstel"
        verbose_name_plural = "afwijkingen van het voorstel"


class Scenario(models.Model):
    """A named scenario: its levers and, once run, its result summary."""

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    segmentmodel = models.ForeignKey(
        Segmentmodel, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenarios"
    )
    hefbomen = models.JSONField(default=dict, blank=True, help_text="Hefbomen.als_dict")
    runs = models.PositiveIntegerField(default=2000)
    seed = models.BigIntegerField(default=2026)
    resultaat = models.JSONField(null=True, blank=True, help_text="ScenarioResultaat.als_dict")
    uitkomst = models.BinaryField(
        null=True, blank=True, editable=False, help_text="The stored run (strategy.bewaring)."
    )
    basis_uitkomst = models.BinaryField(
        null=True, blank=True, editable=False, help_text="The baseline run with the same seed."
    )
    data_versie = models.CharField(
        max_length=300, blank=True, editable=False, help_text="The data the run was made on."
    )
    in_document = models.BooleanField(
        default=False, help_text="Goes into the inkoopstrategie for the raad."
    )
    berekend_op = models.DateTimeField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["gebied", "naam"]
        unique_together = [("gebied", "naam")]
        verbose_name = "scenario"
        verbose_name_plural = "scenario's"

    def __str__(self) -> str:
        return self.naam


class Budget(models.Model):
    """What the gemeente (or region) has set aside for a year and domain: the amount scenarios
    are tested against (:mod:`passend.strategy.budget`)."""

    DOMEINEN = [("jeugd", "Jeugd"), ("wmo", "Wmo")]

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    jaar = models.PositiveSmallIntegerField()
    domein = models.CharField(max_length=5, choices=DOMEINEN)
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    bron = models.CharField(max_length=40, default="ingevoerd")
    door = models.CharField(max_length=150, blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gebied", "jaar", "domein"]
        unique_together = [("gebied", "jaar", "domein")]
        verbose_name = "budget"
        verbose_name_plural = "budgetten"

    def __str__(self) -> str:
        return f"{self.gebied} {self.jaar} {self.domein}"
