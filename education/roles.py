"""What each role may do in public legal education (普法), the access matrix.

- Section staff of the justice bureau (its 普法 section) and the system administrator: every
  register in their jurisdiction — activities, responsibility lists, evaluations (report,
  score, grade, publish), model villages.
- Leaders: read everything in their jurisdiction.
- Justice office staff: record and change the activities of their street (their jurisdiction);
  read the lists, the evaluations and the model villages there.
- Agency handlers (谁执法谁普法): their own agency's activities and its responsibility list
  (draft, change, publish), and the self-report of its yearly evaluation (履职评议); the
  evaluation's score, grade and publication are the bureau's (a region role: services).
- Mediators and lawyers: nothing of this line.

The public votes (PublicVote, PublicVoteRating) are written by the public on the portal only
(education.portal); staff who read the evaluations read them, nobody adds or changes them.
"""

from core.roles import Role, register_permissions

MODELS = ("educationactivity", "responsibilitylist", "responsibilityitem", "modelvillage",
          "evaluation")  # fmt: skip
VOTE_MODELS = ("publicvote", "publicvoterating")
READ = {f"education.view_{m}" for m in MODELS + VOTE_MODELS}
WRITE = READ | {f"education.{a}_{m}" for m in MODELS for a in ("add", "change")}
_ACTIVITY_WRITE = {f"education.{a}_educationactivity" for a in ("view", "add", "change")}
_LIST_WRITE = {
    f"education.{a}_{m}"
    for m in ("responsibilitylist", "responsibilityitem", "evaluation")
    for a in ("view", "add", "change")
}

register_permissions(Role.SYSTEM_ADMIN, WRITE)
register_permissions(Role.SECTION_STAFF, WRITE)
register_permissions(Role.LEADER, READ)
register_permissions(Role.OFFICE_STAFF, READ | _ACTIVITY_WRITE)
register_permissions(Role.AGENCY_HANDLER, _ACTIVITY_WRITE | _LIST_WRITE)
