"""What each role may do in the enforcement registers (the access matrix).

- Section staff of the justice bureau (its enforcement-supervision section): the whole register
  in their jurisdiction — bodies and power lists, transfers of powers (综合执法改革), officers and
  training, exam sittings and results, certificates (issue, suspend, lift, cancel, revoke,
  annual review).
- Leaders: read everything in their jurisdiction.
- Agency handlers: their own agency's bodies, power lists and officers (register and change),
  their officers' training and exam sign-ups; they read the transfers touching their bodies,
  the sittings of their region and above, and their officers' results and certificates, but
  issue or change no certificate and record no result.
- The public (no login): the certificate look-up on the portal (enforcement.public), which
  answers valid or not, with the body and the officer's name, never the ID number.
"""

from core.roles import Role, register_permissions

MODELS = ("enforcementbody", "power", "powertransfer", "officer", "training", "examsitting",
          "examcandidate", "certificate", "suspension", "annualreview")  # fmt: skip
_READ = {f"enforcement.view_{m}" for m in MODELS}
_WRITE = _READ | {f"enforcement.{a}_{m}" for m in MODELS for a in ("add", "change")}

register_permissions(Role.SYSTEM_ADMIN, _WRITE)
register_permissions(Role.SECTION_STAFF, _WRITE)
register_permissions(Role.LEADER, _READ)
register_permissions(
    Role.AGENCY_HANDLER,
    _READ
    | {
        "enforcement.add_enforcementbody",
        "enforcement.change_enforcementbody",
        "enforcement.add_power",
        "enforcement.change_power",
        "enforcement.add_officer",
        "enforcement.change_officer",
        "enforcement.add_training",
        "enforcement.add_examcandidate",
    },
)

# Slice 2, enforcement decisions (执法决定) and their publicity: an agency's handlers report
# their own agency's decisions (import, API) and publish or withdraw them; section staff do the
# same within their jurisdiction; leaders read. The public reads the published part on the
# portal (enforcement.decision_public), without logging in.
# (Handling officers are written with their decision; the add/change permissions complete the
# matrix.)
DECISION_READ = {"enforcement.view_decision", "enforcement.view_decisionofficer"}
DECISION_WRITE = DECISION_READ | {f"enforcement.{a}_{m}" for a in ("add", "change")
                                  for m in ("decision", "decisionofficer")}  # fmt: skip
register_permissions(Role.SYSTEM_ADMIN, DECISION_WRITE)
register_permissions(Role.SECTION_STAFF, DECISION_WRITE)
register_permissions(Role.LEADER, DECISION_READ)
register_permissions(Role.AGENCY_HANDLER, DECISION_WRITE)

# Slice 3, complaints about enforcement (投诉举报) and their dispatch (交办): section staff
# register, accept, dispatch, verify and close the complaints of their jurisdiction; leaders
# read them; an agency's handlers see only the dispatches to their agency's bodies (and their
# replies), never the complaint itself nor who complained (Dispatch.scope_role_organization_
# fields); they reply through the dispatch's process. The public files and follows a complaint
# on the portal (enforcement.complaint_portal), without logging in.
COMPLAINT_READ = {"enforcement.view_complaint", "enforcement.view_dispatch",
                  "enforcement.view_dispatchround"}  # fmt: skip
# (Dispatches and their rounds are written only by the complaint's and the dispatch's steps,
# through the engine; the add/change permissions complete the matrix.)
COMPLAINT_WRITE = COMPLAINT_READ | {f"enforcement.{a}_{m}" for a in ("add", "change")
                                    for m in ("complaint", "dispatch", "dispatchround")}  # fmt: skip
register_permissions(Role.SYSTEM_ADMIN, COMPLAINT_WRITE)
register_permissions(Role.SECTION_STAFF, COMPLAINT_WRITE)
register_permissions(Role.LEADER, COMPLAINT_READ)
register_permissions(
    Role.AGENCY_HANDLER, {"enforcement.view_dispatch", "enforcement.view_dispatchround"}
)

# Slice 4: case-file review. Section staff run the campaigns and score the files; leaders read;
# an agency's handler sees its own files and answers their rectifications (SD-JD Art. 28).
_REVIEW_MODELS = ("reviewcampaign", "reviewedfile", "rectification")
REVIEW_READ = {f"enforcement.view_{m}" for m in _REVIEW_MODELS}
REVIEW_WRITE = REVIEW_READ | {
    f"enforcement.{a}_{m}" for a in ("add", "change") for m in _REVIEW_MODELS
}
register_permissions(Role.SYSTEM_ADMIN, REVIEW_WRITE)
register_permissions(Role.SECTION_STAFF, REVIEW_WRITE)
register_permissions(Role.LEADER, REVIEW_READ)
register_permissions(
    Role.AGENCY_HANDLER,
    {"enforcement.view_reviewedfile", "enforcement.view_rectification",
     "enforcement.change_rectification"},
)  # fmt: skip

# Slice 5: discretion standards (裁量基准) and lenient lists (免罚轻罚清单), CF Art. 34. Section
# staff draft and publish the standards of their jurisdiction's bodies; leaders read; an agency's
# handlers draft and publish their own agency's bodies' standards (the items and lenient entries
# are written with their version). The public reads the published versions on the portal.
_DISCRETION_MODELS = ("discretionstandard", "discretionitem", "leniententry")
DISCRETION_READ = {f"enforcement.view_{m}" for m in _DISCRETION_MODELS}
DISCRETION_WRITE = DISCRETION_READ | {
    f"enforcement.{a}_{m}" for a in ("add", "change") for m in _DISCRETION_MODELS
}
register_permissions(Role.SYSTEM_ADMIN, DISCRETION_WRITE)
register_permissions(Role.SECTION_STAFF, DISCRETION_WRITE)
register_permissions(Role.LEADER, DISCRETION_READ)
register_permissions(
    Role.AGENCY_HANDLER,
    DISCRETION_READ
    | {"enforcement.add_discretionstandard", "enforcement.change_discretionstandard"},
)
