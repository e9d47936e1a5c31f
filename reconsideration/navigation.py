"""The administrative reconsideration menu (行政复议)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "reconsideration",
    _("Administrative reconsideration"),
    40,
    MenuItem(
        _("Reconsideration cases"),
        "reconsideration:case_list",
        "reconsideration.view_reconsiderationcase",
    ),
    MenuItem(
        _("Register an application"),
        "reconsideration:case_create",
        "reconsideration.add_reconsiderationcase",
    ),
    MenuItem(
        _("Import from Excel"),
        "reconsideration:case_import",
        "reconsideration.add_reconsiderationcase",
    ),
)
