from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitigationConfig(AppConfig):
    name = "litigation"
    verbose_name = _("Administrative litigation response")

    def ready(self) -> None:
        from litigation import (  # noqa: F401  (registrations)
            audit,
            demo,
            documents,
            indicators,
            navigation,
            process,
            report,
            roles,
        )
