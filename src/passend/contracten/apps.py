from django.apps import AppConfig


class ContractenConfig(AppConfig):
    name = "passend.contracten"
    label = "contracten"
    verbose_name = "Contractregister"
