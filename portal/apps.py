from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from cases.signals import transition_committed
        from portal.services import on_transition

        transition_committed.connect(on_transition, dispatch_uid="portal.applicant_sms")
