from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalaidConfig(AppConfig):
    name = "legalaid"
    verbose_name = _("Legal aid")

    def ready(self) -> None:
        from cases.signals import transition_committed
        from legalaid import (  # noqa: F401  (registrations)
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
        from legalaid.models import AidCase
        from legalaid.signals import tell_lawyer

        transition_committed.connect(tell_lawyer, sender=AidCase,
                                     dispatch_uid="legalaid.tell_lawyer")  # fmt: skip
