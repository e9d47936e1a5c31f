"""What every line's online application shares (DESIGN.md, Public portal and Public identity):
the apply view's checks (challenge, rate limits, idempotency), the page that shows the
tracking code, the staff's messages to the applicant, and what the tracker shows and tells.

A line keeps its own form fields, its service and what it registers (portal.registry); it
calls these with its model, its names and its texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cases.models import CaseEvent
from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.generic import scoped_object_or_404
from core.idempotency import run_once
from portal.forms import MessageForm
from portal.regions import contact_of
from portal.security import client_ip, rate_limited
from portal.services import applicant_notify_filed, reply_to_applicant

# -- the public form ------------------------------------------------------------------------


def map_service_errors(
    form, exc: InvalidInput, *, parties: Sequence[str], fields: dict[str, str] | None = None
) -> None:
    """The service names the case's fields (`fields` maps them to the form's) and
    `parties-N-field` (the N-th party's fields carry the prefix `parties[N]` on the form);
    show each error at the form field it came from."""
    for field, errors in exc.fields.items():
        target = (fields or {}).get(field, field)
        for index, prefix in enumerate(parties):
            if field.startswith(f"parties-{index}-"):
                target = prefix + field.removeprefix(f"parties-{index}-")
                break
        for error in errors:
            form.add_error(target if target in form.fields else None, error)


def file_application(
    request,
    form,
    *,
    line: str,
    scope: str,
    model,
    create: Callable[[dict], Any],
    phone_limited: str,
    parties: Sequence[str],
    fields: dict[str, str] | None = None,
):
    """Check and file a posted application form; the case filed, else None (the form then
    carries the errors). A resubmitted form (same hidden key) gives the first case. Requests
    are limited per address and per applicant phone (`line`-apply, `line`-apply-phone)."""
    if challenge_active("apply"):
        add_challenge(form)
    if request.method != "POST" or not form.is_valid():
        return None
    phone = form.cleaned_data.get("applicant_phone") or ""
    if rate_limited(
        f"{line}-apply",
        client_ip(request),
        limit=settings.FAZHI_PORTAL_APPLY_PER_ADDRESS,
        window=3600,
    ):
        form.add_error(None, gettext("Too many requests from this address; try again later."))
    elif phone and rate_limited(
        f"{line}-apply-phone",
        phone,
        limit=settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY,
        window=86400,
    ):
        form.add_error("applicant_phone", phone_limited)
    else:
        try:
            case, created = run_once(
                key=form.cleaned_data["submission_key"],
                scope=scope,
                create=lambda: create(form.cleaned_data),
                load=lambda pk: model.objects.get(pk=pk),
            )
        except InvalidInput as exc:
            map_service_errors(form, exc, parties=parties, fields=fields)
        else:
            if created:
                count_submission("apply")
            return case
    return None


def announce_filing(case, notify_unit: Callable[..., None]) -> None:
    """Once the filing is committed, the unit hears of it and the applicant is texted the
    tracking code."""
    transaction.on_commit(lambda: notify_unit(case, kind="online_request"))
    transaction.on_commit(lambda: applicant_notify_filed(case))


def filed_context(request, model, *, session_key: str, name: str, title: str) -> dict | None:
    """The context of the page that shows the tracking code of the case just filed (kept in
    the session under `session_key`), or None when there is none."""
    code = request.session.get(session_key)
    if not code:
        return None
    case = model.objects.select_related("organization").filter(tracking_code=code).first()
    context = {"code": code, name: case, "title": title}
    if case is not None:
        context["contact"], context["phone"] = contact_of(case.organization)
    return context


# -- the handling unit ----------------------------------------------------------------------


def notify_handlers(case, *, kind: str, title: str, body: str = "", also=None) -> None:
    """Tell the people of the handling unit (or the case's assignee), and `also` a user when
    given and active, about something from the public."""
    from cases.notifications import notify
    from core.models import User

    if case.assignee_id:
        recipients = [case.assignee]
    else:
        recipients = list(
            User.objects.filter(
                is_active=True,
                memberships__is_active=True,
                memberships__organization_id=case.organization_id,
            ).distinct()
        )
    if also is not None and also.is_active and also not in recipients:
        recipients.append(also)
    for user in recipients:
        notify(user, title=title, body=body, url=case.get_absolute_url(), kind=kind)


def message_received(notify_unit: Callable[..., None]) -> Callable[[Any, Any], None]:
    """A tracker's `on_message`: the unit hears of the applicant's message after the commit."""

    def received(case, message) -> None:
        transaction.on_commit(
            lambda: notify_unit(case, kind="applicant_message", body=message.body[:500])
        )

    return received


def message_applicant_view(model):
    """The staff's view that writes to the applicant of a case of `model` (who is told by SMS);
    only for a case with a tracking code, by someone with a role on it other than leader."""

    @login_required
    @require_POST
    def message_applicant(request, pk: int):
        from cases.engine import roles_over

        case = scoped_object_or_404(model, request.user, pk)
        if not case.tracking_code or not roles_over(request.user, case) - {"leader"}:
            raise PermissionDenied
        form = MessageForm(request.POST)
        if form.is_valid():
            reply_to_applicant(case=case, author=request.user, body=form.cleaned_data["body"])
            messages.success(
                request, gettext("The message is visible to the applicant, who is told by SMS.")
            )
        else:
            messages.error(request, gettext("Write a message first."))
        return redirect(case.get_absolute_url())

    return message_applicant


# -- what the applicant sees ----------------------------------------------------------------


def find_by_tracking_code(model) -> Callable[[str], Any]:
    """A tracker's `find`: the case of `model` with the code, or None."""
    return lambda code: model.objects.filter(tracking_code=code).first() if code else None


def applicant_phones(case_parties, side) -> list[str]:
    """The phones of the parties on `side` (a case's through rows to its parties)."""
    return [
        row.party.phone
        for row in case_parties.select_related("party")
        if row.side == side and row.party.phone
    ]


def public_view(case, *facts) -> dict:
    """What the applicant may see of any case: its number, status and handling unit with its
    telephone, the date it was received, the steps it went through, and the line's `facts`."""
    process = case.process
    steps, last = [], None
    for event in CaseEvent.for_case(case).order_by("at", "id"):
        label = process.state(event.to_state).label
        if event.to_state != last:
            steps.append((event.on_date, label))
            last = event.to_state
    org = case.organization
    contact, phone = contact_of(org)
    return {
        "title": case.title,
        "number": case.number,
        "status": case.state_label,
        "handler": org.name,
        "facts": [
            (gettext("handled by"), org.name),
            (
                gettext("telephone"),
                gettext("%(phone)s (%(unit)s)") % {"phone": phone, "unit": contact}
                if phone and contact != org.name
                else phone,
            ),
            (gettext("received on"), case.received_at.date().isoformat()),
            *facts,
        ],
        "steps": steps,
    }
