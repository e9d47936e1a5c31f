"""What each role may do with normative documents (the access matrix).

- Section staff of the justice bureau: the whole line in their jurisdiction (register, issue,
  publish, filing review, clean-ups, confirm).
- Leaders: read everything in their jurisdiction.
- Agency handlers: their own body's documents only, before and after publication
  (NormativeDocument/FilingCase.scope_role_organization_fields): register drafts, attach
  evaluation reports, file, answer suggestions, decide their documents in a clean-up.
- The public (no login): the published documents on the portal library (normative.library),
  and their own review proposals with the tracking code and their phone (normative.proposals).
  Agency handlers do not see citizens' proposals (their names and phones).
"""

from core.roles import Role, register_permissions

_READ = {
    "normative.view_normativedocument",
    "normative.view_filingcase",
    "normative.view_cleanupcampaign",
    "normative.view_cleanupitem",
    "normative.view_reviewproposal",
}
_WRITE = _READ | {
    "normative.add_normativedocument",
    "normative.change_normativedocument",
    "normative.add_filingcase",
    "normative.change_filingcase",
    "normative.add_cleanupcampaign",
    "normative.change_cleanupcampaign",
    "normative.change_cleanupitem",
    "normative.change_reviewproposal",
}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.AGENCY_HANDLER,
    {
        "normative.view_normativedocument",
        "normative.add_normativedocument",
        "normative.change_normativedocument",
        "normative.view_filingcase",
        "normative.add_filingcase",
        "normative.change_filingcase",
        "normative.view_cleanupitem",
        "normative.change_cleanupitem",
    },
)
