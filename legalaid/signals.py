"""Telling the assigned lawyer (律师) what happened to their legal aid case.

The lawyer is not the case's assignee (the centre's staff are): they see their cases through
their own scope (AidCase.scope_user_fields) and hear of the steps that concern them here, after
the step has committed (cases.signals.transition_committed):

- a case assigned to them, directly, by the draw (摇珠) or before the decision (先行提供, Art. 44),
  and the grant that lets aid begun before the decision go on;
- aid provided before the decision that ends because the application was refused or withdrawn
  (Art. 44: the aid continues only if the application is granted);
- aid terminated (Art. 48), and a termination set aside on objection (Art. 49);
- their case file returned for completion, or archived with its grade.

A step the lawyer recorded themselves is not reported back to them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.notifications import notify

ASSIGNED = ("assign", "draw", "provide_first")


def _message(case, name: str) -> str | None:
    if name in ASSIGNED:
        return _("%(number)s: you are assigned to provide legal aid.")
    if name == "grant_provided":
        return _("%(number)s: legal aid was granted; the aid you began before the decision "
                 "goes on (Art. 44).")  # fmt: skip
    if name in ("refuse", "withdraw", "deem_withdrawn"):
        return _(
            "%(number)s: the application was refused or withdrawn; the aid you provided before "
            "the decision ends (Art. 44). Report the work done to the centre."
        )
    if name == "terminate":
        return _("%(number)s: legal aid was terminated (Art. 48); stop acting in the matter.")
    if name == "uphold_objection":
        return _("%(number)s: the termination was set aside on objection; the aid goes on "
                 "(Art. 49).")  # fmt: skip
    if name == "return_file":
        return _("%(number)s: your case file was returned for completion.")
    if name == "archive":
        return _("%(number)s: your case file was reviewed and archived.")
    return None


def tell_lawyer(sender, *, case, transition, event, actor, **kwargs) -> None:
    lawyer = case.lawyer if case.lawyer_id else None
    user = getattr(lawyer, "user", None)
    if user is None or user.pk == getattr(actor, "pk", None) or not user.is_active:
        return
    message = _message(case, transition.name)
    if message is None:
        return
    if transition.name == "uphold_objection" and event.to_state in ("granted",):
        return  # a refusal set aside, or aid terminated before any work: no lawyer acts yet
    notify(
        user,
        title=message % {"number": case.number},
        body=_("Recorded by %(actor)s on %(date)s.") % {"actor": actor, "date": event.on_date},
        url=case.get_absolute_url(),
        kind="legalaid",
    )
