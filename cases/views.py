from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.attachments import can_add_attachment
from cases.calendar import get_calendar
from cases.documents import available_kinds, can_generate
from cases.forms import DeadlineForm, TransitionForm
from cases.forms_attachments import AttachmentForm
from core.errors import Conflict, FazhiError, InvalidInput, NotFound, PermissionDenied
from core.generic import report_service_error


def deadline_context(request) -> dict:
    """The form and result of the 期限计算器, for the staff page and the portal's."""
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = get_calendar().add(data["start"], data["days"], working=data["working"])
        except OverflowError:
            form.add_error("days", _("The period runs past the calendar."))
    return {"form": form, "result": result, "title": _("Deadline calculator")}


def deadline_calculator(request):
    """期限计算器: open to staff and the public; the same engine as every case clock. The
    portal shows the same calculator in its own look (portal.views.deadline)."""
    return render(request, "cases/deadline.html", deadline_context(request))


# --------------------------------------------------------------------------------------------
# The case page layout every business line reuses, and the views that act on any case.
# --------------------------------------------------------------------------------------------


def case_page_context(request, case) -> dict:
    """Header, timeline, clocks, documents, attachments and the offered actions of a case."""
    from cases import engine, selectors

    process = case.process
    user = request.user
    roles = engine.roles_over(user, case)
    events = list(selectors.timeline(case))
    for event in events:
        transition = process.transition(event.transition)
        event.label = transition.label if transition else _event_label(event.transition)
        event.state_label = process.state(event.to_state).label
    clocks = list(selectors.clocks(case))
    for clock in clocks:
        spec = process.clock(clock.key)
        clock.label = spec.label if spec else clock.key
        clock.article = spec.article if spec else ""
        clock.current_status = clock.status()
    label = selectors.case_label(case)
    context = {
        "case": case,
        "object": case,
        "case_label": label,
        "process": process,
        "state": process.state(case.state),
        "transitions": engine.available(case, user),
        "events": events,
        "clocks": clocks,
        "attachments": list(selectors.attachments(case)),
        "documents": list(selectors.documents(case)),
        "can_upload": can_add_attachment(user, case),
        "can_generate": can_generate(user, case),
        "can_assign": case.can_assign(roles) and not case.is_closed,
        "can_claim": case.assignee_id is None
        and not case.is_closed
        and any(
            m.organization_id in (case.team_id, case.organization_id)
            for m in user.active_memberships()
        ),
        "title": str(case),
    }
    context["attachment_form"] = AttachmentForm()
    context["document_kinds"] = available_kinds(case, user)
    if context["can_assign"]:
        context["assignable"] = assignable_users(case)
    return context


def _event_label(name: str) -> str:
    return {
        "register": _("Registered"),
        "assign": _("Assigned"),
        "claim": _("Claimed"),
    }.get(name, name)


def assignable_users(case):
    from core.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__organization_id__in={case.organization_id, case.team_id} - {None},
        )
        .distinct()
        .order_by("username")
    )


@login_required
def transition(request, label: str, pk: int, name: str):
    """Show the fields a transition needs; fire it on POST. Errors keep the input."""
    from cases import engine, selectors

    try:
        case = selectors.case_for(label, pk, request.user)
    except NotFound as exc:
        raise Http404(exc.message) from None
    spec = case.process.transition(name)
    if spec is None or not engine.can_proceed(case, spec, request.user):
        raise Http404(_("This action is not available for this case."))
    form_class = spec.form or TransitionForm
    version = case.version
    if request.method == "POST":
        form = form_class(data=request.POST, case=case)
        version = _posted_version(request)
        try:
            if version is None:
                # Without the version the page was shown with, a conflict could not be seen.
                raise Conflict(_("The form is incomplete (its version is missing or not a "
                                 "number). Reload the page and try again."))  # fmt: skip
            engine.fire(
                case,
                name,
                actor=request.user,
                data=request.POST.dict() | {k: request.POST.getlist(k) for k in _multi(form)},
                version=version,
                note=request.POST.get("note", ""),
            )
        except InvalidInput as exc:
            form.is_valid()
            for field, errors in exc.fields.items():
                if field in form.fields and field not in form.errors:
                    for error in errors:
                        form.add_error(field, error)
                elif field not in form.fields:
                    for error in errors:
                        form.add_error(None, error)
        except Conflict as exc:
            if version is not None and _already_done(case, name, request.user, version):
                messages.info(request, _("This was already recorded."))
                return redirect(case.get_absolute_url())
            form.is_valid()
            form.add_error(None, exc.message)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from None
        else:
            messages.success(request, _("“%(action)s” recorded.") % {"action": spec.label})
            return redirect(case.get_absolute_url())
    else:
        form = form_class(case=case)
    return render(
        request,
        "cases/transition.html",
        {
            "case": case,
            "transition": spec,
            "form": form,
            "version": version if version is not None else case.version,
            "title": f"{spec.label} · {case}",
        },
    )


def _posted_version(request) -> int | None:
    """The case version a posted form carries; None when it is missing or not a number."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _multi(form) -> list[str]:
    from django import forms as djforms

    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, djforms.MultipleChoiceField)
    ]


def _already_done(case, name, user, version) -> bool:
    """A resubmitted form (double click, browser back + resend): the same user's same action
    was the one that moved the case past the version the form was shown with."""
    from cases.models import CaseEvent

    event = CaseEvent.for_case(case).filter(version=version + 1).first()
    return bool(event and event.transition == name and event.actor_id == user.pk)


@login_required
@require_POST
def assign(request, label: str, pk: int):
    from cases import engine, selectors
    from core.models import User

    try:
        case = selectors.case_for(label, pk, request.user)
        assignee = None
        if request.POST.get("assignee"):
            assignee = User.objects.filter(pk=request.POST["assignee"], is_active=True).first()
            if assignee is None:
                raise InvalidInput(_("Choose a user."), fields={"assignee": [_("Choose a user.")]})
        if request.POST.get("claim"):
            engine.claim(case, actor=request.user, version=_posted_version(request) or 0)
            messages.success(request, _("The case is now yours."))
        else:
            engine.assign(
                case,
                actor=request.user,
                assignee=assignee,
                version=_posted_version(request) or 0,
            )
            messages.success(request, _("Assignment saved."))
    except FazhiError as exc:
        report_service_error(request, exc)
    except ValueError:
        messages.error(request, _("The form was incomplete; reload the page."))
    return redirect(case.get_absolute_url())


@login_required
def worklist(request):
    from cases import selectors

    data = selectors.worklist(request.user)
    return render(request, "cases/worklist.html", {"work": data, "title": _("My work")})


@login_required
def notifications(request):
    from cases.models import Notification

    items = Notification.objects.filter(recipient=request.user)[:100]
    if request.method == "POST":
        Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return redirect("cases:notifications")
    return render(
        request, "cases/notifications.html", {"items": items, "title": _("Notifications")}
    )
