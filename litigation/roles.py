"""What each role may do in administrative litigation response (the access matrix).

- Bureau staff (section staff of the justice bureau) and system administrators: every case in
  their jurisdiction — register, and record every step.
- Leaders: read everything in their jurisdiction.
- Agency handlers: their own agency's cases only (the case's `organization` is the defendant
  agency, and the role is organisation-scoped): they register them and record every step.
"""

from core.roles import Role, register_permissions

_READ = {"litigation.view_litigationcase"}
_WRITE = _READ | {"litigation.add_litigationcase", "litigation.change_litigationcase"}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(Role.AGENCY_HANDLER, _WRITE)
