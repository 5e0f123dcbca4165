"""Response shapes, for the OpenAPI schema."""

from __future__ import annotations

from rest_framework import serializers


class KolomSerializer(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    soort = serializers.ChoiceField(
        choices=[
            "tekst",
            "getal",
            "geheel",
            "bedrag",
            "euro",
            "procent",
            "dagen",
            "datum",
            "jaartal",
        ]
    )


class TabelSerializer(serializers.Serializer):
    id = serializers.CharField()
    titel = serializers.CharField()
    bijschrift = serializers.CharField(allow_blank=True)
    kolommen = KolomSerializer(many=True)
    rijen = serializers.ListField(
        child=serializers.DictField(),
        help_text="Eén object per rij, sleutels zoals kolommen. "
        "Bedragen in eurocent, aandelen als fractie; onderdrukte aantallen als '<5' of 'x'.",
    )


class KerngetalSerializer(serializers.Serializer):
    label = serializers.CharField()
    waarde = serializers.JSONField(allow_null=True)
    soort = serializers.CharField()


class AnalyseSerializer(serializers.Serializer):
    pagina = serializers.CharField()
    titel = serializers.CharField()
    gebied = serializers.CharField()
    gemeente = serializers.CharField(allow_null=True)
    regio = serializers.CharField(allow_null=True)
    jaar = serializers.IntegerField(allow_null=True)
    onderdrukt = serializers.BooleanField()
    volledig = serializers.BooleanField(
        help_text="Of de gegevens het jaar (of het cohort) helemaal dekken; zo niet, dan zijn "
        "de cijfers voorlopig (zie de tabel `dekking`)."
    )
    voorlopig = serializers.CharField(help_text="Waarom de cijfers voorlopig zijn, of leeg.")
    rapport = serializers.CharField(help_text="Het geregistreerde rapport achter de pagina.")
    segmentmodel = serializers.CharField(help_text="Het segmentmodel van het gebied.")
    kerngetallen = KerngetalSerializer(many=True)
    tabellen = TabelSerializer(many=True, help_text="De tabellen zoals de pagina ze toont.")
    rapporttabellen = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Alle tabellen van het rapport, zoals `passend analyse … --json` ze geeft "
        "(onderdrukt voor rollen zonder cliëntniveau).",
    )


class GemeenteSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    jeugdregio = serializers.CharField()


class RapportKortSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    titel = serializers.CharField()
    soort = serializers.CharField()
    gepubliceerd_op = serializers.DateTimeField()
    gepubliceerd_door = serializers.CharField()


class RapportSerializer(RapportKortSerializer):
    gemeenten = serializers.ListField(child=serializers.CharField())
    inhoud = serializers.DictField()


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    gestart_op = serializers.DateTimeField()
    voltooid_op = serializers.DateTimeField(allow_null=True)
    inhoud_hash = serializers.CharField()
    gebruiker = serializers.CharField()
    aantal_bestanden = serializers.IntegerField()
    aantal_berichten = serializers.IntegerField()
    geaccepteerd = serializers.IntegerField()
    quarantaine = serializers.IntegerField()
    overgeslagen = serializers.IntegerField()
    per_type = serializers.DictField()


class QuarantaineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    batch_id = serializers.IntegerField()
    bestand = serializers.CharField()
    berichttype = serializers.CharField(allow_blank=True)
    bericht_identificatie = serializers.CharField(allow_blank=True)
    element_pad = serializers.CharField(allow_blank=True)
    regel = serializers.CharField()
    reden = serializers.CharField()
    status = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


# -- contracts and monitoring: the same JSON as the CLI's --json --------------------------------
class ContractSerializer(serializers.Serializer):
    contractnummer = serializers.CharField()
    hoofdaannemer = serializers.CharField(help_text="AGB-code van de hoofdaannemer.")
    naam = serializers.CharField(allow_blank=True)
    onderaannemers = serializers.ListField(child=serializers.CharField())
    gebied = serializers.CharField(help_text="Gemeentecode of naam van de jeugdregio.")
    gebied_naam = serializers.CharField()
    domein = serializers.ChoiceField(choices=["jeugd", "wmo"])
    segment = serializers.CharField(allow_blank=True)
    uitvoeringsvariant = serializers.CharField()
    procedure = serializers.CharField(allow_blank=True)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    tariefregels = serializers.IntegerField()
    bestedingsruimte_cent = serializers.DictField(
        child=serializers.IntegerField(), help_text="Per jaar de bestedingsruimte in eurocent."
    )
    waarschuwingen = serializers.ListField(child=serializers.CharField())
    signalen = serializers.ListField(child=serializers.CharField())


class ContractenSerializer(serializers.Serializer):
    peildatum = serializers.DateField()
    contracten = ContractSerializer(many=True)


class ContractDetailSerializer(ContractSerializer):
    tarieven = serializers.ListField(
        child=serializers.DictField(),
        help_text="Tariefregels: productcategorie, productcode, eenheid, tarief_cent, "
        "geldig_vanaf, geldig_tot.",
    )


class ContractcontroleSerializer(serializers.Serializer):
    jaar = serializers.IntegerField()
    peildatum = serializers.DateField()
    per_aanbieder = serializers.ListField(child=serializers.DictField())
    tarieven = serializers.ListField(child=serializers.DictField())
    aflopend = serializers.ListField(child=serializers.DictField())


class BestedingsruimteContractSerializer(serializers.Serializer):
    contractnummer = serializers.CharField()
    aanbieder = serializers.CharField()
    bestedingsruimte_cent = serializers.IntegerField()
    gedeclareerd_cent = serializers.IntegerField(
        help_text="Toegekend waar een declaratieantwoord (JW325/WMO325) is geladen, anders "
        "ingediend; bedrag_bron zegt welk."
    )
    ingediend_cent = serializers.IntegerField()
    beantwoord_cent = serializers.IntegerField(
        help_text="Het deel van ingediend_cent waarop een declaratieantwoord is geladen."
    )
    afgewezen_cent = serializers.IntegerField()
    bedrag_bron = serializers.ChoiceField(choices=["ingediend", "toegekend", "deels toegekend"])
    benutting = serializers.FloatField(allow_null=True)
    signaal_70 = serializers.BooleanField()
    prognose_lineair_cent = serializers.IntegerField(allow_null=True)
    prognose_verplichtingen_cent = serializers.IntegerField(allow_null=True)


class BestedingsruimteSerializer(serializers.Serializer):
    jaar = serializers.IntegerField()
    peildatum = serializers.DateField()
    contracten = BestedingsruimteContractSerializer(
        many=True, help_text="Per contract; elke rij heeft meer velden (signaaldata, segment)."
    )
    verzilvering = serializers.ListField(child=serializers.DictField())
    mediane_vertraging_dagen = serializers.FloatField(allow_null=True)
    vertraging = serializers.ListField(child=serializers.DictField())


class AanbiederresultaatSerializer(serializers.Serializer):
    aanbieder = serializers.CharField()
    naam = serializers.CharField(allow_blank=True, allow_null=True)
    domein = serializers.CharField()
    afgesloten = serializers.JSONField(help_text="Aantal, of '<5'/'x' onderdrukt.")
    volgens_plan = serializers.JSONField()
    uitval = serializers.JSONField()
    afgesloten_h2 = serializers.JSONField()
    herhaald_beroep = serializers.JSONField(allow_null=True)
    duur_mediaan_dagen = serializers.JSONField(allow_null=True)
    kosten_per_client_cent = serializers.JSONField(allow_null=True)


class AanbiederresultatenSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(allow_null=True)
    onderdrukt = serializers.BooleanField()
    aanbieders = AanbiederresultaatSerializer(many=True)
