from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("People's mediation")

    def ready(self) -> None:
        from mediation import (  # noqa: F401  (registrations)
            audit,
            demo,
            documents,
            indicators,
            navigation,
            online,
            process,
            referral,
            report,
            roles,
        )
