"""The legal aid menu (法律援助)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import MenuItem, register
from core.roles import Role, register_permissions

# The lawyer's own page (their assignments, the draws they may opt into) is for lawyers only;
# every other legal aid permission is shared with centre staff. The permission belongs with
# the others in legalaid/roles.py; registering it twice is harmless (a set union).
LAWYER_PAGE_PERMISSION = "legalaid.opt_in_draw"
register_permissions(Role.LAWYER, {LAWYER_PAGE_PERMISSION})

register(
    "legalaid",
    _("Legal aid"),
    30,
    MenuItem(_("Legal aid cases"), "legalaid:case_list", "legalaid.view_aidcase"),
    MenuItem(_("Register an application"), "legalaid:case_create", "legalaid.add_aidcase"),
    MenuItem(_("Import from Excel"), "legalaid:case_import", "legalaid.add_aidcase"),
    MenuItem(_("My cases and draws"), "legalaid:my_draws", LAWYER_PAGE_PERMISSION),
    MenuItem(_("Legal consultations"), "legalaid:consultation_list", "legalaid.view_consultation"),
    MenuItem(_("Lawyer pool"), "legalaid:pool_list", "legalaid.view_poolmember"),
    MenuItem(_("Exemption categories"), "legalaid:exemption_list", "legalaid.view_exemption"),
    MenuItem(_("Evaluation rubric"), "legalaid:quality_rubric", "legalaid.view_criterion"),
    MenuItem(_("Record an evaluation"), "legalaid:quality_evaluate", "legalaid.add_evaluation"),
    MenuItem(_("Evaluations"), "legalaid:quality_evaluations", "legalaid.view_evaluation"),
    MenuItem(
        _("Yearly ranking and removals"), "legalaid:quality_ranking", "legalaid.view_evaluation"
    ),
    MenuItem(_("Subsidy schedule"), "legalaid:subsidy_rates", "legalaid.view_subsidyrate"),
    MenuItem(_("Subsidy payment list"), "legalaid:subsidy_list", "legalaid.view_subsidy"),
    MenuItem(_("My evaluations"), "legalaid:quality_evaluations", LAWYER_PAGE_PERMISSION),
    MenuItem(_("My subsidies"), "legalaid:subsidy_list", LAWYER_PAGE_PERMISSION),
)
