from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "passend.planning"
    label = "planning"
    verbose_name = _("Ambities, inkoopstrategie en scenario's")
    default_auto_field = "django.db.models.BigAutoField"
