"""What each role may do in legality review (the access matrix).

- Section staff of the justice bureau (its legal section): the whole line in their
  jurisdiction: the reviews, their steps and documents, the counsel register.
- Leaders: read everything in their jurisdiction.
- Agency handlers: only their own department's submissions
  (LegalityReview.scope_role_organization_fields): they submit, supply materials, withdraw, read
  the opinion and answer its points; and the counsel their own agency employs.
"""

from core.roles import Role, register_permissions

_READ = {
    "legality.view_legalityreview",
    "legality.view_opinionpoint",
    "legality.view_counsel",
}
_WRITE = _READ | {
    "legality.add_legalityreview",
    "legality.change_legalityreview",
    "legality.add_counsel",
    "legality.change_counsel",
}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.AGENCY_HANDLER,
    {
        "legality.view_legalityreview",
        "legality.view_opinionpoint",
        "legality.add_legalityreview",
        "legality.change_legalityreview",
        "legality.view_counsel",
    },
)
