from core.roles import Role, register_permissions

_READ = {"reports.view_report"}
_WRITE = _READ | {"reports.add_report", "reports.change_report"}
register_permissions(Role.SYSTEM_ADMIN, _WRITE | {"reports.freeze_report"})
register_permissions(Role.LEADER, _WRITE | {"reports.freeze_report"})
register_permissions(Role.SECTION_STAFF, _WRITE | {"reports.freeze_report"})
