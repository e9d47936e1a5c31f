from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Major administrative decisions")

    def ready(self) -> None:
        from decisions import (  # noqa: F401  (registrations)
            demo,
            documents,
            indicators,
            navigation,
            portal,
            process,
            report,
            roles,
        )
