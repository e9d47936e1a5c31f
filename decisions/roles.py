"""What each role may do with major administrative decisions (the access matrix).

- Section staff of the justice bureau (its legal section): decisions and catalogues of the
  decision-makers in their jurisdiction: start, record the steps and evidence, answer comments.
- Agency handlers of a decision-maker (a government or department): the same, for their own
  decision-maker only (MajorDecision / Catalogue / Comment.scope_role_organization_fields).
- Leaders: read everything in their jurisdiction.
- The public (no login): published catalogues, drafts in their comment period (and comment on
  them), the published handling of comments and published decisions (decisions.selectors).
"""

from core.roles import Role, register_permissions

_READ = {
    "decisions.view_majordecision",
    "decisions.view_comment",
    "decisions.view_catalogue",
    "decisions.view_catalogueitem",
}
_WRITE = _READ | {
    "decisions.add_majordecision",
    "decisions.change_majordecision",
    "decisions.change_comment",
    "decisions.add_catalogue",
    "decisions.change_catalogue",
}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(Role.AGENCY_HANDLER, _WRITE)
