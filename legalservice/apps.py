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
            qa_deadlines,
            qa_demo,  # the Q&A library's demo entries (core.demo.register(87, …))
            qa_portal,  # the Q&A library on the portal (qa_deadlines: the deadline calculator)
            report,  # the annual report's section (reports.outline)
            roles,
        )
