"""The public legal education menu (普法)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register

register(
    "education",
    _("Public legal education"),
    62,
    MenuItem(_("Activities"), "education:activity_list", "education.view_educationactivity"),
    MenuItem(_("Record an activity"), "education:activity_create",
             "education.add_educationactivity"),
    MenuItem(_("Responsibility lists"), "education:list_overview",
             "education.view_responsibilitylist"),
    MenuItem(_("Performance evaluations"), "education:evaluation_list",
             "education.view_evaluation"),
    MenuItem(_("Model villages"), "education:village_list", "education.view_modelvillage"),
    # The plan's figures are a jurisdiction's: offered to the region roles (who read the villages).
    MenuItem(_("Five-year plan figures"), "education:plan_report", "education.view_modelvillage"),
)  # fmt: skip
