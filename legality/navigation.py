"""The legality review menu (合法性审查)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "legality",
    _("Legality review"),
    55,
    MenuItem(_("Legality reviews"), "legality:review_list", "legality.view_legalityreview"),
    MenuItem(_("Submit for review"), "legality:review_create", "legality.add_legalityreview"),
    MenuItem(_("Import from Excel"), "legality:review_import", "legality.add_legalityreview"),
    MenuItem(
        _("Register of government contracts"),
        "legality:contract_list",
        "legality.view_legalityreview",
    ),
    MenuItem(_("Legal advisers and government lawyers"), "legality:counsel_list",
             "legality.view_counsel"),
)  # fmt: skip
