from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "passend.imports"
    label = "imports"
    verbose_name = "Import en quarantaine"
