from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionConfig(AppConfig):
    name = "profession"
    verbose_name = _("Lawyers, notaries and forensic appraisal")

    def ready(self) -> None:
        from profession import (  # noqa: F401  (registrations)
            audit,
            demo,  # the demo builder (core.demo.register(84, …))
            documents,  # the penalty decision and the notices (cases.documents)
            indicators,
            navigation,
            portal,
            process,
            report,  # the annual report's section (reports.outline)
            roles,
            standing,  # the daily job "practice penalties" (cases.daily)
        )
