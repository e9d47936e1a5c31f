"""What each role may do in legal aid (the access matrix, docs/user: legal aid).

- Centre staff (section staff of a legal aid centre or the bureau): the whole line in their
  jurisdiction.
- Leaders: read everything in their jurisdiction.
- Justice-office staff: take in applications at the window for the district's centre and
  read the ones they took in (AidCase.scope_user_fields), with the receipt and materials notice.
- Lawyers: only the cases assigned to them (AidCase.scope_user_fields), the open draws they
  may opt into, their own evaluations and subsidies.
- The public: the anonymised announcement and the draw record on the portal, and their own
  application by tracking code + SMS code.
"""

from core.roles import Role, register_permissions

_READ = {
    "legalaid.view_aidcase",
    "legalaid.view_exemption",
    "legalaid.view_poolmember",
    "legalaid.view_draw",
    "legalaid.view_evaluation",
    "legalaid.view_criterion",
    "legalaid.view_removal",
    "legalaid.view_subsidyrate",
    "legalaid.view_subsidy",
    "legalaid.view_consultation",
    "core.view_lawyer",
}
_WRITE = _READ | {
    "legalaid.add_aidcase",
    "legalaid.change_aidcase",
    "legalaid.add_exemption",
    "legalaid.change_exemption",
    "legalaid.add_poolmember",
    "legalaid.change_poolmember",
    "legalaid.add_draw",
    "legalaid.change_draw",
    "legalaid.add_evaluation",
    "legalaid.add_criterion",
    "legalaid.change_criterion",
    "legalaid.add_removal",
    "legalaid.change_removal",
    "legalaid.add_subsidyrate",
    "legalaid.change_subsidyrate",
    "legalaid.add_subsidy",
    "legalaid.change_subsidy",
    "legalaid.add_consultation",
    "core.add_lawyer",
    "core.change_lawyer",
}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.OFFICE_STAFF,
    {"legalaid.view_aidcase", "legalaid.add_aidcase", "legalaid.view_exemption",
     "legalaid.view_consultation", "legalaid.add_consultation"},
)  # fmt: skip
register_permissions(
    Role.LAWYER,
    {"legalaid.view_aidcase", "legalaid.change_aidcase", "legalaid.view_draw",
     "legalaid.view_evaluation", "legalaid.view_removal", "legalaid.view_subsidy"},
)  # fmt: skip
