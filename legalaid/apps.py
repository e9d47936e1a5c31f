from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalaidConfig(AppConfig):
    name = "legalaid"
    verbose_name = _("Legal aid")

    def ready(self) -> None:
        from legalaid import (  # noqa: F401  (registrations)
            audit,
            demo,
            documents,
            indicators,
            navigation,
            online,
            process,
            report,
            roles,
        )
