from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Administrative enforcement supervision")

    def ready(self) -> None:
        from enforcement import (  # noqa: F401  (registrations: audit, figures, menu, portal)
            audit,
            complaint_indicators,
            complaint_portal,
            complaint_process,
            decision_indicators,
            decision_public,
            demo,  # the demo builder (core.demo.register(83, …))
            discretion_views,  # the portal service (裁量基准)
            documents,  # the 交办函 and 监督意见书 (cases.documents)
            indicators,
            navigation,
            public,
            publication,  # the publicity windows recounted when holidays are entered
            report,  # the annual report's section (reports.outline)
            report_indicators,
            review_indicators,
            roles,
        )
