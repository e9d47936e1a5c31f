from core.roles import Role, register_permissions

for _role in (Role.SYSTEM_ADMIN, Role.LEADER, Role.SECTION_STAFF, Role.OFFICE_STAFF):
    register_permissions(_role, {"indicators.view_dashboard"})
