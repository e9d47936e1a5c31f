"""What each role may do in administrative reconsideration (the access matrix).

- Bureau staff (section staff of the justice bureau, its reconsideration office): the whole line
  in their jurisdiction.
- Leaders: read everything in their jurisdiction.
- Agency handlers: only the cases against their own agency
  (ReconsiderationCase.scope_role_organization_fields): they read the case, submit the answer
  and evidence (Art. 48) and report on an opinion letter (Art. 76).
- The public: their own application by tracking code + SMS code.
"""

from core.roles import Role, register_permissions

_READ = {"reconsideration.view_reconsiderationcase"}
_WRITE = _READ | {
    "reconsideration.add_reconsiderationcase",
    "reconsideration.change_reconsiderationcase",
}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.AGENCY_HANDLER,
    {"reconsideration.view_reconsiderationcase", "reconsideration.change_reconsiderationcase"},
)
