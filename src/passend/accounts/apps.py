from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "passend.accounts"
    label = "accounts"
    verbose_name = _("Gebruikers en audit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from passend.accounts import signalen  # noqa: F401  (connects the login signals)
