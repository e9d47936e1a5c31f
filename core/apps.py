from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from core import audit, navigation  # noqa: F401  (registers models and menu entries)
        from core.forms import count_failure

        user_login_failed.connect(count_failure, dispatch_uid="fazhi-login-address")
