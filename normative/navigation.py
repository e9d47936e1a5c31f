"""The normative documents menu (规范性文件)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "normative",
    _("Normative documents"),
    56,
    MenuItem(_("Normative documents"), "normative:document_list",
             "normative.view_normativedocument"),
    MenuItem(_("Register a normative document"), "normative:document_create",
             "normative.add_normativedocument"),
    MenuItem(_("Import from Excel"), "normative:document_import",
             "normative.add_normativedocument"),
    MenuItem(_("Filings"), "normative:filing_list", "normative.view_filingcase"),
    MenuItem(_("Review proposals"), "normative:proposal_list",
             "normative.view_reviewproposal"),
    MenuItem(_("Clean-up campaigns"), "normative:campaign_list",
             "normative.view_cleanupcampaign"),
)  # fmt: skip
