from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "figures",
    _("Figures and reports"),
    10,
    MenuItem(_("Annual reports"), "reports:list", "reports.view_report"),
)
