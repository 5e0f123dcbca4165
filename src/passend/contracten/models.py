"""The contract register in the database.

A Contract has one hoofdaannemer and any number of onderaannemers or consortium partners
(Contractpartij; the hoofdaannemer is a party too, so one join finds every contract an AGB is
in). It belongs to one gemeente or one jeugdregio. Amounts are integer eurocents, like the
care tables. Natural keys make the import idempotent: contractnummer; (contract, aanbieder);
(contract, categorie, productcode, eenheid, geldig_vanaf); (contract, jaar).
"""

from __future__ import annotations

from django.db import models

from passend.care.models import DOMEIN_KEUZES, Aanbieder
from passend.contracting.register import Contractvariant, Procedure, Rol
from passend.reference.models import Gemeente, Jeugdregio

VARIANT_KEUZES = [(v.value, v.value.capitalize()) for v in Contractvariant]
PROCEDURE_KEUZES = [
    (Procedure.OPEN_HOUSE.value, "Open House"),
    (Procedure.SAS_EMVI.value, "SAS met EMVI"),
    (Procedure.DIALOOG.value, "Dialoog (innovatiepartnerschap of concurrentiegerichte dialoog)"),
    (Procedure.ONDERHANDS.value, "Onderhands"),
    (Procedure.OVERIG.value, "Overig"),
]
ROL_KEUZES = [
    (Rol.HOOFDAANNEMER.value, "Hoofdaannemer"),
    (Rol.ONDERAANNEMER.value, "Onderaannemer"),
]


class Contract(models.Model):
    contractnummer = models.CharField(max_length=40, unique=True)
    hoofdaannemer = models.ForeignKey(
        Aanbieder, on_delete=models.PROTECT, related_name="contracten_als_hoofdaannemer"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, null=True, blank=True)
    jeugdregio = models.ForeignKey(Jeugdregio, on_delete=models.PROTECT, null=True, blank=True)
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    segment = models.CharField(max_length=20, help_text="Perceel: een segment van het model")
    uitvoeringsvariant = models.CharField(max_length=20, choices=VARIANT_KEUZES)
    procedure = models.CharField(max_length=20, choices=PROCEDURE_KEUZES, blank=True)
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    gewijzigd_door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contractnummer"]
        verbose_name = "contract"
        verbose_name_plural = "contracten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gemeente__isnull=True) ^ models.Q(jeugdregio__isnull=True),
                name="contract_gemeente_of_regio",
            )
        ]

    def __str__(self) -> str:
        return self.contractnummer

    @property
    def gebied(self) -> str:
        """The planning key of its area: the gemeente code or the jeugdregio name."""
        return self.gemeente_id or (self.jeugdregio.naam if self.jeugdregio_id else "")


class Contractpartij(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="partijen")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="contractdelen")
    rol = models.CharField(max_length=15, choices=ROL_KEUZES)

    class Meta:
        ordering = ["contract", "rol", "aanbieder"]
        unique_together = [("contract", "aanbieder")]
        verbose_name = "contractpartij"
        verbose_name_plural = "contractpartijen"


class Contracttarief(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="tarieven")
    categorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5, blank=True, help_text="Leeg: de hele categorie")
    eenheid = models.CharField(max_length=2)
    tarief = models.BigIntegerField(help_text="Eurocent per eenheid")
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "categorie", "productcode", "geldig_vanaf"]
        unique_together = [("contract", "categorie", "productcode", "eenheid", "geldig_vanaf")]
        verbose_name = "contracttarief"
        verbose_name_plural = "contracttarieven"


class Bestedingsruimte(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="ruimtes")
    jaar = models.PositiveSmallIntegerField()
    bedrag = models.BigIntegerField(help_text="Eurocent")

    class Meta:
        ordering = ["contract", "jaar"]
        unique_together = [("contract", "jaar")]
        verbose_name = "bestedingsruimte"
        verbose_name_plural = "bestedingsruimtes"


class Clientenstop(models.Model):
    """A period in which the aanbieder takes no new clients under the contract (crisis,
    categorie 46, excepted); `tot` empty: until further notice."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="stops")
    van = models.DateField()
    tot = models.DateField(null=True, blank=True)
    reden = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["contract", "van"]
        unique_together = [("contract", "van")]
        verbose_name = "cliëntenstop"
        verbose_name_plural = "cliëntenstops"


class Verzilveringsgraad(models.Model):
    """A user's own verzilveringsgraad of a product for an area (planning key: gemeente code
    or jeugdregio name) and year; it replaces the estimate from last year in the
    bestedingsruimte monitor."""

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    jaar = models.PositiveSmallIntegerField()
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    categorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5, blank=True)
    graad = models.DecimalField(max_digits=5, decimal_places=4)
    door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gebied", "jaar", "domein", "categorie", "productcode"]
        unique_together = [("gebied", "jaar", "domein", "categorie", "productcode")]
        verbose_name = "verzilveringsgraad"
        verbose_name_plural = "verzilveringsgraden"


class Tariefblad(models.Model):
    """An area's tariff sheet (docs/contractering.md, Tariefblad): per product the build-up
    of its reële prijs, in the sheet's JSON form. One per area (planning key: gemeente code or
    jeugdregio name); a new upload replaces it."""

    gebied = models.CharField(max_length=100, unique=True)
    inhoud = models.JSONField()
    gewijzigd_door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tariefblad"
        verbose_name_plural = "tariefbladen"


class Landschapsrun(models.Model):
    """The last computed care landscape of a segment in an area (issue 13 § 4): its input from
    the data, the constraints, the solver's outcome and the trade-off curve, as JSON (the
    forms of :mod:`passend.contracting.landschapsdata`). Codes and counts only: no client."""

    gebied = models.CharField(max_length=100, blank=True)
    segment = models.CharField(max_length=20)
    resultaat = models.JSONField()
    gewijzigd_door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gebied", "segment"]
        verbose_name = "landschapsrun"
        verbose_name_plural = "landschapsruns"
        constraints = [
            models.UniqueConstraint(fields=["gebied", "segment"], name="landschap_per_segment")
        ]

    def __str__(self) -> str:
        return f"{self.gebied or 'alle'} {self.segment}"


class Aanbesteding(models.Model):
    """A tender judged by a beoordelingscommissie (issue 13 § 3): the scoring method with its
    weights, fixed when the tender is created (`methode`, the JSON form ``passend selectie
    score`` reads, with ``vastgesteld_op``), and the bids with the commissie's scores
    (`inschrijvingen`, each with the moment it was scored). The method never changes after."""

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    titel = models.CharField(max_length=200)
    methode = models.JSONField()
    inschrijvingen = models.JSONField(default=list)
    gewijzigd_door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-gewijzigd_op"]
        verbose_name = "aanbesteding"
        verbose_name_plural = "aanbestedingen"

    def __str__(self) -> str:
        return self.titel


class Toelating(models.Model):
    """An Open House admission (issue 13 § 3): the geschiktheids- and kwaliteitseisen
    (`eisen`: code, soort, omschrijving) and per aanbieder per eis whether it is met, with
    the evidence note (`beoordelingen`: {aanbieder: {eis: {voldaan, toelichting}}})."""

    gebied = models.CharField(max_length=100, blank=True, db_index=True)
    titel = models.CharField(max_length=200)
    eisen = models.JSONField()
    beoordelingen = models.JSONField(default=dict)
    gewijzigd_door = models.CharField(max_length=150, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-gewijzigd_op"]
        verbose_name = "toelating (Open House)"
        verbose_name_plural = "toelatingen (Open House)"

    def __str__(self) -> str:
        return self.titel
