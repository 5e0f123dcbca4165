"""Care records as stored after import.

Kept flat and typed (dates as DATE, amounts as integer eurocents, codes as short strings) so
that DuckDB can read the tables directly for analyses. Every record has a `sleutel`: its
natural key as a string, which makes re-imports idempotent (upsert on the key).
"""

from __future__ import annotations

from django.db import models

from passend.reference.models import Gemeente

DOMEIN_KEUZES = [("jeugd", "Jeugd"), ("wmo", "Wmo")]


class Aanbieder(models.Model):
    agb_code = models.CharField(max_length=8, unique=True)
    naam = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agb_code"]
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"

    def __str__(self) -> str:
        return self.naam or self.agb_code


class Product(models.Model):
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    categorie = models.CharField(max_length=2)
    code = models.CharField(max_length=5, blank=True, help_text="Leeg bij aspecifiek toewijzen")

    class Meta:
        unique_together = [("domein", "categorie", "code")]
        ordering = ["domein", "categorie", "code"]
        verbose_name = "product"
        verbose_name_plural = "producten"

    def __str__(self) -> str:
        return f"{self.domein} {self.categorie}/{self.code or '-'}"


class Client(models.Model):
    """A youth or adult in care, known only by a keyed pseudonym of the BSN."""

    pseudoniem = models.CharField(max_length=64, unique=True)
    geboortedatum = models.DateField(null=True)
    #: COD170: "" exact, "1" day unknown, "2" day and month unknown, "3" unknown
    geboortedatum_precisie = models.CharField(max_length=1, blank=True)
    geslacht = models.CharField(max_length=1, blank=True)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, null=True)

    class Meta:
        verbose_name = "cliënt"
        verbose_name_plural = "cliënten"

    def __str__(self) -> str:
        return f"cliënt {self.pseudoniem[:12]}…"


class GeboortedatumConflict(models.Model):
    """Another birth date seen for an existing pseudonym: kept, never silently overwritten."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="conflicten")
    bekende_datum = models.DateField(null=True)
    afwijkende_datum = models.DateField()
    bestand = models.CharField(max_length=500)
    berichttype = models.CharField(max_length=30)
    bericht_identificatie = models.CharField(max_length=40)
    vastgesteld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("client", "afwijkende_datum", "bericht_identificatie")]
        verbose_name = "geboortedatumconflict"
        verbose_name_plural = "geboortedatumconflicten"


class Toewijzing(models.Model):
    sleutel = models.CharField(max_length=80, unique=True)
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="toewijzingen")
    toewijzingnummer = models.BigIntegerField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT, null=True)
    categorie = models.CharField(max_length=2, blank=True)
    productcode = models.CharField(max_length=5, blank=True)
    toewijzingsdatum = models.DateField()
    toewijzingstijd = models.TimeField(null=True)
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True)
    volume = models.BigIntegerField(null=True)
    eenheid = models.CharField(max_length=2, blank=True)
    frequentie = models.CharField(max_length=1, blank=True)
    budget = models.BigIntegerField(null=True, help_text="Eurocent")
    reden_wijziging = models.CharField(max_length=2, blank=True)
    uitvoeringsvariant = models.CharField(max_length=20)
    bericht_identificatie = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["domein", "gemeente", "aanbieder", "toewijzingnummer"])]
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"


class Levering(models.Model):
    """Care actually delivered: from a start message (begindatum) to a stop (einddatum)."""

    sleutel = models.CharField(max_length=80, unique=True)
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="leveringen")
    toewijzingnummer = models.BigIntegerField(null=True)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, null=True)
    categorie = models.CharField(max_length=2, blank=True)
    productcode = models.CharField(max_length=5, blank=True)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True)
    reden_beeindiging = models.CharField(max_length=2, blank=True)
    heeft_start = models.BooleanField(default=False)
    heeft_stop = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["domein", "gemeente", "aanbieder", "toewijzingnummer"])]
        verbose_name = "levering"
        verbose_name_plural = "leveringen"


class Declaratie(models.Model):
    sleutel = models.CharField(max_length=80, unique=True)
    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT)
    declaratienummer = models.CharField(max_length=12)
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    dagtekening = models.DateField()
    totaal_bedrag = models.BigIntegerField(help_text="Eurocent, met teken (credit negatief)")
    bericht_identificatie = models.CharField(max_length=40)

    class Meta:
        verbose_name = "declaratie"
        verbose_name_plural = "declaraties"


class Prestatie(models.Model):
    sleutel = models.CharField(max_length=80, unique=True)
    declaratie = models.ForeignKey(Declaratie, on_delete=models.CASCADE, related_name="prestaties")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="prestaties")
    referentie = models.CharField(max_length=36)
    vorige_referentie = models.CharField(max_length=36, blank=True)
    toewijzingnummer = models.BigIntegerField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    categorie = models.CharField(max_length=2)
    productcode = models.CharField(max_length=5)
    periode_begin = models.DateField()
    periode_eind = models.DateField()
    volume = models.BigIntegerField()
    eenheid = models.CharField(max_length=2)
    tarief = models.BigIntegerField(null=True, help_text="Eurocent per eenheid")
    bedrag = models.BigIntegerField(help_text="Eurocent, zonder teken")
    debet_credit = models.CharField(max_length=1, choices=[("D", "Debet"), ("C", "Credit")])

    class Meta:
        verbose_name = "prestatie"
        verbose_name_plural = "prestaties"


class Declaratieantwoord(models.Model):
    """The gemeente's answer (JW325/WMO325) to one declaratie: what it granted. One row per
    declaratie; a later answer replaces an earlier one (docs/definities.md § 13)."""

    domein = models.CharField(max_length=5, choices=DOMEIN_KEUZES)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT)
    declaratienummer = models.CharField(max_length=12)
    declaratie_identificatie = models.CharField(max_length=40, blank=True)
    bericht_identificatie = models.CharField(max_length=40)
    dagtekening = models.DateField(null=True)
    ingediend = models.BigIntegerField(help_text="Eurocent, met teken (credit negatief)")
    toegekend = models.BigIntegerField(help_text="Eurocent, met teken (credit negatief)")
    #: Nothing granted and no prestatie listed: every prestatie of the declaratie rejected.
    geheel_afgewezen = models.BooleanField(default=False)

    class Meta:
        verbose_name = "declaratieantwoord"
        verbose_name_plural = "declaratieantwoorden"
        constraints = [
            models.UniqueConstraint(
                fields=["domein", "gemeente", "aanbieder", "declaratienummer"],
                name="declaratieantwoord_per_declaratie",
            )
        ]


class AfgewezenPrestatie(models.Model):
    """A prestatie its declaratieantwoord rejects, by ReferentieNummer."""

    antwoord = models.ForeignKey(
        Declaratieantwoord, on_delete=models.CASCADE, related_name="afgewezen"
    )
    referentie = models.CharField(max_length=36)
    bedrag = models.BigIntegerField(help_text="Eurocent, met teken (credit negatief)")
    retourcode = models.CharField(max_length=4, blank=True)

    class Meta:
        verbose_name = "afgewezen prestatie"
        verbose_name_plural = "afgewezen prestaties"
        constraints = [
            models.UniqueConstraint(
                fields=["antwoord", "referentie"], name="afgewezen_prestatie_per_antwoord"
            )
        ]


class Toekomstplan(models.Model):
    """A youth's toekomstplan (docs/definities.md § 15), keyed by the BSN's pseudonym (a youth
    with a plan need not be in care data yet). One row per plan date: a revised plan is a new
    row, so the date of the first plan is never overwritten."""

    pseudoniem = models.CharField(max_length=64)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    datum_plan = models.DateField()
    regiehouder_agb = models.CharField(max_length=8, blank=True)
    regiehouder_rol = models.CharField(max_length=20, blank=True)
    datum_overdracht_gestart = models.DateField(null=True, blank=True)
    #: Domain codes of passend.domain.toekomstplan.DOMEINEN, comma-separated, in that order.
    domeinen = models.CharField(max_length=200, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pseudoniem", "gemeente", "datum_plan"], name="toekomstplan_uniek"
            )
        ]
        indexes = [models.Index(fields=["gemeente", "datum_plan"])]
        ordering = ["gemeente", "datum_plan", "pseudoniem"]
        verbose_name = "toekomstplan"
        verbose_name_plural = "toekomstplannen"

    def __str__(self) -> str:
        return f"toekomstplan {self.pseudoniem[:12]}… ({self.datum_plan})"

    @property
    def domeinlijst(self) -> list[str]:
        return [d for d in self.domeinen.split(",") if d]


class ZrmMeting(models.Model):
    """One score of the zelfredzaamheidsmatrix (docs/definities.md § 17), keyed by the BSN's
    pseudonym, gemeente, aanbieder (empty: the gemeente's toegang), domain and date. A
    corrected file overwrites the score of its key; a new date is a new measurement."""

    pseudoniem = models.CharField(max_length=64)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT)
    aanbieder_agb = models.CharField(max_length=8, blank=True)
    #: A code of passend.domain.zrm.ZRM_DOMEINEN.
    domein = models.CharField(max_length=30)
    datum = models.DateField()
    score = models.PositiveSmallIntegerField()
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pseudoniem", "gemeente", "aanbieder_agb", "domein", "datum"],
                name="zrm_meting_uniek",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="zrm_score_1_5"
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "datum"])]
        ordering = ["gemeente", "datum", "pseudoniem", "domein"]
        verbose_name = "ZRM-meting"
        verbose_name_plural = "ZRM-metingen"

    def __str__(self) -> str:
        return f"ZRM {self.domein} {self.score} ({self.datum})"


class Clientoordeel(models.Model):
    """The client's judgement of a closed traject (docs/definities.md § 14): tevredenheid
    (1-10) and 'zonder hulp verder' (01-04), keyed by the BSN's pseudonym, the aanbieder,
    the traject's einddatum and who answered. A corrected file overwrites the answers."""

    pseudoniem = models.CharField(max_length=64)
    aanbieder_agb = models.CharField(max_length=8)
    einddatum = models.DateField()
    informant = models.CharField(max_length=10, default="jeugdige")
    tevredenheid = models.PositiveSmallIntegerField(null=True, blank=True)
    zonder_hulp = models.CharField(max_length=2, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pseudoniem", "aanbieder_agb", "einddatum", "informant"],
                name="clientoordeel_uniek",
            ),
            models.CheckConstraint(
                condition=models.Q(tevredenheid__isnull=True)
                | models.Q(tevredenheid__gte=1, tevredenheid__lte=10),
                name="clientoordeel_tevredenheid_1_10",
            ),
        ]
        indexes = [models.Index(fields=["aanbieder_agb", "einddatum"])]
        ordering = ["aanbieder_agb", "einddatum", "pseudoniem", "informant"]
        verbose_name = "cliëntoordeel"
        verbose_name_plural = "cliëntoordelen"

    def __str__(self) -> str:
        return f"oordeel {self.aanbieder_agb} {self.einddatum}"
