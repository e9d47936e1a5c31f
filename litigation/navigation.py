"""The administrative litigation response menu (行政应诉)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "litigation",
    _("Administrative litigation response"),
    45,
    MenuItem(_("Litigation cases"), "litigation:case_list", "litigation.view_litigationcase"),
    MenuItem(_("Register a lawsuit"), "litigation:case_create", "litigation.add_litigationcase"),
    MenuItem(_("Import from Excel"), "litigation:case_import", "litigation.add_litigationcase"),
)
