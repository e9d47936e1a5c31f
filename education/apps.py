from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = _("Public legal education")

    def ready(self) -> None:
        from education import (  # noqa: F401  (registrations: audit, figures, menu, roles)
            audit,
            demo,  # the demo builder (core.demo.register(85, …))
            indicators,
            navigation,
            portal,  # the public vote (portal.registry)
            report,  # the annual report's section (reports.outline)
            roles,
        )
