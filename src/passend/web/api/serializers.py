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
