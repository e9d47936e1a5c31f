from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormativeConfig(AppConfig):
    name = "normative"
    verbose_name = _("Normative documents")

    def ready(self) -> None:
        from normative import (  # noqa: F401  (registrations: portal service, tracker, panel)
            checks,
            demo,
            documents,
            indicators,
            library,
            navigation,
            process,
            proposals,
            reminders,
            report,
            roles,
        )
