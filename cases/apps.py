from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case engine")

    def ready(self) -> None:
        from cases import audit, checks, demo, home, signals  # noqa: F401  (registrations)
