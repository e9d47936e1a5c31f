"""Roles, what each may do, and how far each one sees.

A user holds memberships (organisation + role). A role is either region-scoped (it sees the
whole jurisdiction of its organisation's region) or organisation-scoped (it sees only what
belongs to its own organisation: a mediator's committee, a lawyer's firm, an agency's own
cases). Permissions are "app.action_model" strings, as Django names them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    LEADER = "leader", _("Bureau leader")
    SECTION_STAFF = "section_staff", _("Section staff")
    OFFICE_STAFF = "office_staff", _("Justice office staff")
    MEDIATOR = "mediator", _("People's mediator")
    LAWYER = "lawyer", _("Lawyer")
    AGENCY_HANDLER = "agency_handler", _("Agency case handler")


class Scope(models.TextChoices):
    REGION = "region", _("Jurisdiction of the organisation's region")
    ORGANIZATION = "organization", _("Own organisation only")


ROLE_SCOPE: dict[str, str] = {
    Role.SYSTEM_ADMIN: Scope.REGION,
    Role.LEADER: Scope.REGION,
    Role.SECTION_STAFF: Scope.REGION,
    Role.OFFICE_STAFF: Scope.REGION,
    Role.MEDIATOR: Scope.ORGANIZATION,
    Role.LAWYER: Scope.ORGANIZATION,
    Role.AGENCY_HANDLER: Scope.ORGANIZATION,
}

# Which organisation kinds a role may be held in (checked when a membership is saved).
ROLE_ORGANIZATION_KINDS: dict[str, set[str]] = {
    Role.SYSTEM_ADMIN: {"justice_bureau"},
    Role.LEADER: {"justice_bureau"},
    Role.SECTION_STAFF: {"justice_bureau", "legal_aid_centre"},
    Role.OFFICE_STAFF: {"justice_office"},
    Role.MEDIATOR: {"mediation_committee", "mediation_studio"},
    Role.LAWYER: {"law_firm", "legal_aid_centre"},
    Role.AGENCY_HANDLER: {"agency"},
}

_CORE_READ = {"core.view_region", "core.view_organization"}
_PARTY_WRITE = {"core.view_party", "core.add_party", "core.change_party", "core.reveal_party"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.SYSTEM_ADMIN: _CORE_READ
    | _PARTY_WRITE
    | {
        "core.delete_party",
        "core.add_organization",
        "core.change_organization",
        "core.view_user",
        "core.view_logentry",
        # The national holiday calendar behind every statutory period (cases.schedules).
        "cases.change_calendaryear",
    },
    Role.LEADER: _CORE_READ | {"core.view_party", "core.reveal_party", "core.view_logentry"},
    Role.SECTION_STAFF: _CORE_READ | _PARTY_WRITE | {"core.delete_party", "core.view_logentry"},
    Role.OFFICE_STAFF: _CORE_READ | _PARTY_WRITE,
    Role.MEDIATOR: _CORE_READ | _PARTY_WRITE,
    Role.LAWYER: _CORE_READ | {"core.view_party"},
    Role.AGENCY_HANDLER: _CORE_READ | {"core.view_party"},
}


# The case engine's shared records: whoever works on cases reads their clocks, events,
# attachments and documents (each still restricted to the user's jurisdiction).
_CASE_RECORDS_READ = {
    "cases.view_clock",
    "cases.view_caseevent",
    "cases.view_attachment",
    "cases.view_generateddocument",
}
_CASE_RECORDS_WRITE = {"cases.add_attachment", "cases.add_generateddocument"}
for _role in ROLE_PERMISSIONS:
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _CASE_RECORDS_READ
    if _role != Role.LEADER:
        ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _CASE_RECORDS_WRITE


def register_permissions(role: str, permissions: set[str]) -> None:
    """Let a business line add its own permissions to a role (called from its AppConfig)."""
    ROLE_PERMISSIONS[role] = ROLE_PERMISSIONS[role] | set(permissions)
