from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalityConfig(AppConfig):
    name = "legality"
    verbose_name = _("Legality review")

    def ready(self) -> None:
        from legality import (  # noqa: F401  (registrations)
            demo,
            documents,
            indicators,
            navigation,
            process,
            report,
            roles,
        )
