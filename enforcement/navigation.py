"""The enforcement supervision menu (行政执法监督)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "enforcement",
    _("Enforcement supervision"),
    57,
    MenuItem(_("Enforcement bodies"), "enforcement:body_list", "enforcement.view_enforcementbody"),
    MenuItem(_("Power transfers"), "enforcement:transfer_list", "enforcement.view_powertransfer"),
    MenuItem(_("Enforcement officers"), "enforcement:officer_list", "enforcement.view_officer"),
    MenuItem(_("Qualification exams"), "enforcement:sitting_list", "enforcement.view_examsitting"),
    MenuItem(_("Enforcement certificates"), "enforcement:certificate_list",
             "enforcement.view_certificate"),
)  # fmt: skip

# Slice 2: enforcement decisions and their publicity.
register(
    "enforcement",
    _("Enforcement supervision"),
    57,
    MenuItem(_("Enforcement decisions"), "enforcement:decision_list", "enforcement.view_decision"),
    MenuItem(_("Import decisions from Excel"), "enforcement:decision_import",
             "enforcement.add_decision"),
)  # fmt: skip

# Slice 3: complaints about enforcement and their dispatch.
register(
    "enforcement",
    _("Enforcement supervision"),
    57,
    MenuItem(_("Complaints about enforcement"), "enforcement:complaint_list",
             "enforcement.view_complaint"),
    MenuItem(_("Dispatched complaints"), "enforcement:dispatch_list", "enforcement.view_dispatch"),
)  # fmt: skip

# Slice 4: case-file review.
register(
    "enforcement",
    _("Enforcement supervision"),
    57,
    MenuItem(_("Case-file reviews"), "enforcement:review_campaign_list",
             "enforcement.view_reviewedfile"),
)  # fmt: skip

# Slice 5: discretion standards and lenient lists.
register(
    "enforcement",
    _("Enforcement supervision"),
    57,
    MenuItem(_("Discretion standards"), "enforcement:discretion_list",
             "enforcement.view_discretionstandard"),
)  # fmt: skip
