"""django-axes (login lockout) under a name its users read: the package gives its app no
verbose name, so the admin showed "Axes"."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AppConfig):
    verbose_name = _("Login protection")
