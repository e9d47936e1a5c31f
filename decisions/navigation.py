"""The major decisions menu (重大行政决策)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "decisions",
    _("Major administrative decisions"),
    56,
    MenuItem(_("Major decisions"), "decisions:decision_list", "decisions.view_majordecision"),
    MenuItem(_("Start a decision"), "decisions:decision_create", "decisions.add_majordecision"),
    MenuItem(_("Import from Excel"), "decisions:decision_import", "decisions.add_majordecision"),
    MenuItem(_("Catalogues of decision matters"), "decisions:catalogue_list",
             "decisions.view_catalogue"),
)  # fmt: skip
