"""Reads of complaints and dispatches, within what the user may see; the bodies a complaint may
be dispatched to; and what a complainant sees on the portal (nothing the bureau or a body
wrote for each other: instructions, replies, reasons for a send-back, internal notes)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import CaseEvent
from core.regions import jurisdiction_prefix, within
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound
from enforcement.complaint_process import AWAITING_REPLY_STATES, C, D
from enforcement.models import EnforcementBody
from enforcement.validity import body_standing_q


def bodies_for(complaint: Complaint, day: datetime.date | None = None) -> QuerySet:
    """The enforcement bodies a complaint may be dispatched to: those standing on `day` (today)
    in the jurisdiction of the bureau handling it."""
    day = day or timezone.localdate()
    prefix = jurisdiction_prefix(complaint.region_code)
    return (
        EnforcementBody.objects.filter(within("region_code", prefix), body_standing_q(day))
        .select_related("agency")
        .order_by("region_code", "name", "id")
    )


def complaints(user, action: str = "view") -> QuerySet[Complaint]:
    return Complaint.objects.restrict(user, action).select_related("body", "organization")


def dispatches(user, action: str = "view") -> QuerySet[Dispatch]:
    return Dispatch.objects.restrict(user, action).select_related("body", "complaint")


def dispatch_overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """Q on Dispatch (or through `prefix`, e.g. "dispatches__"): a reply is awaited and its
    deadline has passed."""
    return Q(**{f"{prefix}state__in": AWAITING_REPLY_STATES, f"{prefix}due_date__lt": today})


def complaint_overdue_q(today: datetime.date) -> Q:
    """Q on Complaint: its own handling period has passed while open, or one of its dispatches
    is overdue."""
    late_dispatch = Dispatch.objects.filter(dispatch_overdue_q(today), complaint=OuterRef("pk"))
    return Q(closed_at__isnull=True, due_date__lt=today) | Q(Exists(late_dispatch))


def dispatches_of(complaint: Complaint) -> list[Dispatch]:
    """The complaint's dispatches with their rounds, in the order they were made."""
    return list(
        complaint.dispatches.select_related("body", "agency")
        .prefetch_related("rounds")
        .order_by("received_at", "id")
    )


# -- what the complainant sees ----------------------------------------------------------------

#: The complaint's state as the complainant reads it.
PUBLIC_STATE = {
    C.RECEIVED: lambda: gettext("Received; the justice bureau is examining it"),
    C.ACCEPTED: lambda: gettext("Accepted by the justice bureau"),
    C.NOT_ACCEPTED: lambda: gettext("Not accepted"),
    C.DISPATCHED: lambda: gettext("Passed to the responsible departments"),
    C.CLOSED: lambda: gettext("Concluded"),
}
#: A dispatch's state as the complainant reads it.
PUBLIC_DISPATCH_STATE = {
    D.AWAITING: lambda: gettext("Passed on; its reply is awaited"),
    D.REPLIED: lambda: gettext("Replied; the justice bureau is checking the reply"),
    D.SENT_BACK: lambda: gettext("Returned to be handled again"),
    D.ACCEPTED: lambda: gettext("Handled; the reply has been checked"),
}
#: The dispatch steps the complainant's progress list shows.
PUBLIC_DISPATCH_STEP = {
    "register": lambda: gettext("Passed to %(body)s"),
    "reply": lambda: gettext("%(body)s replied"),
    "send_back": lambda: gettext("The reply of %(body)s was returned to be handled again"),
    "accept": lambda: gettext("The reply of %(body)s was checked and accepted"),
}


def public_state(state: str) -> str:
    label = PUBLIC_STATE.get(state)
    return label() if label else state


def public_view(complaint: Complaint) -> dict:
    """The complainant's page (portal.registry.Tracker.public_view): the status in plain words,
    the bureau and its telephone, the body complained about, each dispatch's body and status,
    the steps with their dates, and the answer once given."""
    from django.contrib.contenttypes.models import ContentType

    from portal import online as portal_online

    view = portal_online.public_view(
        complaint,
        (gettext("complaint about"), complaint.subject or "—"),
        (gettext("when it happened"), complaint.happened_on.isoformat()),
    )
    view["status"] = public_state(complaint.state)
    # (day, moment recorded, text): a step recorded later on the same day comes after.
    steps = [(event.on_date, event.at, public_state(event.to_state))
             for event in _state_changes(complaint)]  # fmt: skip
    rows = dispatches_of(complaint)
    for dispatch in rows:
        status = PUBLIC_DISPATCH_STATE[dispatch.state]()
        view["facts"].append((gettext("dispatched to %(body)s") % {"body": dispatch.body.name},
                              status))  # fmt: skip
    if rows:
        names = {d.pk: d.body.name for d in rows}
        events = CaseEvent.objects.filter(
            case_type=ContentType.objects.get_for_model(Dispatch), case_id__in=list(names),
            transition__in=list(PUBLIC_DISPATCH_STEP),
        ).order_by("at", "id")  # fmt: skip
        for event in events:
            text = PUBLIC_DISPATCH_STEP[event.transition]() % {"body": names[event.case_id]}
            steps.append((event.on_date, event.at, text))
    view["steps"] = [(day, text) for day, _at, text in sorted(steps, key=lambda s: s[:2])]
    if complaint.state == C.NOT_ACCEPTED:
        view["facts"].append((gettext("reasons for not accepting"), complaint.refusal_reasons))
    if complaint.state == C.CLOSED:
        view["facts"].append((gettext("answer of the justice bureau"),
                              f"{complaint.answer}（{complaint.answered_on.isoformat()}）"))  # fmt: skip
    return view


def _state_changes(complaint: Complaint) -> list[CaseEvent]:
    changes, last = [], None
    for event in CaseEvent.for_case(complaint).order_by("at", "id"):
        if event.to_state != last:
            changes.append(event)
            last = event.to_state
    return changes


def open_rounds(today: datetime.date) -> QuerySet[DispatchRound]:
    """Replies asked and not given whose deadline has passed (unscoped)."""
    return DispatchRound.objects.filter(replied_on__isnull=True, due_date__lt=today)
