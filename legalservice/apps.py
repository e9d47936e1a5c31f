from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalserviceConfig(AppConfig):
    name = "legalservice"
    verbose_name = _("Public legal services")

    def ready(self) -> None:
        from legalservice import (  # noqa: F401  (registrations)
            audit,
            demo,  # the demo builder (core.demo.register(86, …))
            indicators,
            navigation,
            portal,
            report,  # the annual report's section (reports.outline)
            roles,
        )
