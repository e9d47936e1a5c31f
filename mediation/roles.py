"""What each role may do in people's mediation."""

from core.roles import Role, register_permissions

_READ = {
    "mediation.view_dispute",
    "mediation.view_committee",
    "mediation.view_mediator",
    "mediation.view_screening",
}
_WRITE = _READ | {
    "mediation.add_dispute",
    "mediation.change_dispute",
    "mediation.add_screening",
    "mediation.change_screening",
}

register_permissions(
    Role.SYSTEM_ADMIN, _WRITE | {"mediation.add_mediator", "mediation.change_mediator"}
)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.SECTION_STAFF, _WRITE | {"mediation.add_mediator", "mediation.change_mediator"}
)
register_permissions(
    Role.OFFICE_STAFF, _WRITE | {"mediation.add_mediator", "mediation.change_mediator"}
)
register_permissions(Role.MEDIATOR, _WRITE)
