from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "passend.care"
    label = "care"
    verbose_name = "Zorggegevens"
