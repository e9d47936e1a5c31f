from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Annual reports")

    def ready(self) -> None:
        from reports import audit, demo, navigation, roles  # noqa: F401  (registrations)
