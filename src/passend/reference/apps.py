from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "passend.reference"
    label = "reference"
    verbose_name = "Referentiegegevens"
