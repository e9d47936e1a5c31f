"""The transition engine: the only code that changes a case's state.

`fire()` applies one declared transition in one transaction: it locks the case row, checks that
the actor holds one of the transition's roles over the case's jurisdiction, that the version the
actor saw is still current (else 409), that the case is in a source state, validates the
transition's fields and guards, applies its effect, moves the state, bumps the version, writes
the event and (through django-auditlog) the audit row, recomputes the clocks, and schedules the
notifications for after the commit. `open_case()` registers a new case the same way.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import clocks as clock_engine
from cases import numbering
from cases.models import CaseEvent, Clock
from cases.process import REGISTER, Context, Transition, registry, roles_label
from core.audit import acting
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.middleware import get_request_id
from core.roles import ROLE_SCOPE, Scope

logger = logging.getLogger(__name__)


def roles_over(user, case) -> set[str]:
    """The roles `user` holds that reach this case: a region-scoped role whose jurisdiction
    contains the case's region code, or an organisation-scoped role in its organisation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    roles = set()
    user_fields = getattr(type(case), "scope_user_fields", {})
    org_fields = getattr(type(case), "scope_role_organization_fields", {})
    for m in user.active_memberships():
        if m.role in user_fields:
            # A role narrowed to the cases that name the user (core.querysets).
            if _user_field_value(case, user_fields[m.role]) == user.pk:
                roles.add(m.role)
        elif m.role in org_fields:
            # A role reaching the cases that name its organisation (e.g. the respondent).
            if _user_field_value(case, org_fields[m.role]) == m.organization_id:
                roles.add(m.role)
        elif ROLE_SCOPE[m.role] == Scope.REGION:
            if case.region_code.startswith(m.jurisdiction):
                roles.add(m.role)
        elif m.organization_id in (case.organization_id, case.team_id):
            roles.add(m.role)
    return roles


def _user_field_value(case, path: str):
    """Follow a `scope_user_fields` path ("lawyer__user_id") on a case instance."""
    value = case
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def holds_over(user, case, perm: str) -> bool:
    """Whether one of the roles `user` holds over this case grants `perm` (e.g. uploading
    attachments, generating documents)."""
    from core.roles import ROLE_PERMISSIONS

    return any(perm in ROLE_PERMISSIONS.get(role, ()) for role in roles_over(user, case))


def can_proceed(case, transition: Transition, user) -> bool:
    """Whether the button / API action for `transition` is offered to `user` (the fields and
    guards are checked when it is fired; `offered_if` hides a step that cannot apply yet, such
    as a report on an opinion letter never issued)."""
    return (
        case.state in transition.source
        and (transition.offered_if is None or transition.offered_if(case))
        and transition.allows_role(roles_over(user, case))
    )


def available(case, user) -> list[Transition]:
    process = registry.for_model(type(case))
    return [t for t in process.transitions if can_proceed(case, t, user)]


def _plain(transition: Transition, data) -> dict:
    """The transition data as a form reads it, refusing JSON values no field can take: a form
    field reads text, so numbers become text (a date given as 5 is then an invalid date, not a
    crash); a yes/no field takes true/false only ("yes please" is not consent); a list only
    goes to a field of several choices; nested objects go nowhere."""
    from django import forms as djforms

    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidInput(_("The data must be an object of field values."),
                           fields={"data": [_("Expected an object.")]})  # fmt: skip
    fields = transition.form.base_fields if transition.form else {}
    plain, errors = {}, {}
    for name, value in data.items():
        field = fields.get(name)
        if isinstance(field, djforms.BooleanField):
            if isinstance(value, str) and value.lower() in ("true", "on", "1", "false", "0", ""):
                value = value.lower() in ("true", "on", "1")
            if not isinstance(value, bool) and value is not None:
                errors[name] = [_("Answer true or false.")]
                continue
        elif isinstance(value, list | tuple):
            if not isinstance(field, djforms.MultipleChoiceField) or not all(
                isinstance(v, str | int) for v in value
            ):
                errors[name] = [_("A single value is expected.")]
                continue
            value = [str(v) for v in value]
        elif isinstance(value, dict):
            errors[name] = [_("A single value is expected.")]
            continue
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        plain[name] = value
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], fields=errors)
    return plain


def _clean(transition: Transition, case, data: dict) -> dict:
    data = _plain(transition, data)
    if transition.form is None:
        return data
    form = transition.form(data=data, case=case)
    if not form.is_valid():
        fields = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        missing = [
            str(form.fields[name].label or name)
            for name, errs in form.errors.as_data().items()
            if name in form.fields and any(e.code == "required" for e in errs)
        ]
        if missing:
            message = _("%(action)s needs: %(fields)s.") % {
                "action": transition.label,
                "fields": "、".join(missing),
            }
        else:
            first_name, first_errors = next(iter(fields.items()))
            label = (form.fields[first_name].label if first_name in form.fields else "") or _(
                "Form"
            )
            message = f"{label}：{first_errors[0]}"
        raise InvalidInput(message, fields=fields)
    return form.cleaned_data


def _check_guards(transition: Transition, case, cleaned: dict, ctx: Context) -> None:
    for guard in transition.guards:
        problem = guard(case, cleaned, ctx)
        if problem:
            field, message = problem if isinstance(problem, tuple) else ("__all__", problem)
            raise InvalidInput(str(message), fields={field: [str(message)]})


def _lock(case, actor):
    model = type(case)
    locked = model.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None or not model.objects.restrict(actor, "view").filter(pk=case.pk).exists():
        raise NotFound(_("The case does not exist or is outside your jurisdiction."))
    return locked


def _lock_for_system(case):
    locked = type(case).objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise NotFound(_("The case does not exist or is outside your jurisdiction."))
    return locked


def _check_version(locked, version: int | None) -> None:
    if version is not None and int(version) != locked.version:
        raise Conflict(
            _(
                "This case was changed by someone else after you opened it (version %(seen)s, "
                "now %(now)s). Reload the page to see the changes, then try again."
            )
            % {"seen": version, "now": locked.version}
        )


def _event(case, name, from_state, *, actor, on_date, cleaned, note) -> CaseEvent:
    return CaseEvent.objects.create(
        **CaseEvent.ref(case),
        transition=name,
        from_state=from_state,
        to_state=case.state,
        actor=actor if getattr(actor, "pk", None) else None,
        on_date=on_date,
        data=_jsonable(cleaned),
        note=note,
        version=case.version,
        request_id=get_request_id() or "",
    )


def _jsonable(data: dict) -> dict:
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if key in {"version", "note"} or hasattr(value, "read"):
            continue
        if isinstance(value, datetime.date | datetime.datetime):
            out[key] = value.isoformat()
        elif isinstance(value, str | int | float | bool) or value is None:
            out[key] = value
        elif hasattr(value, "pk"):
            out[key] = str(value)
        elif isinstance(value, list | tuple):
            out[key] = [str(v) for v in value]
        else:
            out[key] = str(value)
    return out


def fire(
    case,
    name: str,
    *,
    actor,
    data: dict | None = None,
    version: int | None = None,
    note: str = "",
    system: bool = False,
):
    """Fire transition `name` on `case` as `actor`; return the updated case. `system`: fired
    by Fazhi itself when a period lapses (cases.clocks.fire_lapsed), with no actor and no role
    check; the transition's form and guards still apply."""
    process = registry.for_model(type(case))
    transition = process.transition(name)
    if transition is None:
        raise InvalidInput(_("Unknown action “%(name)s”.") % {"name": name})
    if "\x00" in (note or ""):
        # The note is no field of the transition's form, which would refuse NUL (PostgreSQL
        # text cannot hold it).
        raise InvalidInput(_("Null characters are not allowed."),
                           fields={"note": [_("Null characters are not allowed.")]})  # fmt: skip
    with acting(actor), transaction.atomic():
        locked = _lock_for_system(case) if system else _lock(case, actor)
        roles = roles_over(actor, locked)
        if not system and not transition.allows_role(roles):
            raise PermissionDenied(
                _("Only %(roles)s of this case's jurisdiction may “%(action)s”.")
                % {"roles": roles_label(transition.roles), "action": transition.label}
            )
        _check_version(locked, version)
        if locked.state not in transition.source:
            raise Conflict(
                _("“%(action)s” is not possible while the case is “%(state)s”.")
                % {"action": transition.label, "state": locked.state_label}
            )
        cleaned = _clean(transition, locked, data or {})
        now = timezone.now()
        on_date = cleaned.get(transition.date_field) if transition.date_field else None
        if isinstance(on_date, datetime.datetime):
            on_date = timezone.localtime(on_date).date()
        on_date = on_date or timezone.localdate()
        ctx = Context(actor=actor, on_date=on_date, now=now, transition=transition)
        _check_guards(transition, locked, cleaned, ctx)
        from_state = locked.state
        target = transition.target_for(locked) if transition.target_for else transition.target
        if target and target not in {s.name for s in process.states}:
            raise ValueError(f"{process.key}: {name!r} leads to the undeclared state {target!r}")
        if transition.effect:
            transition.effect(locked, cleaned, ctx)
        # A step recorded after the fact is stamped with its effective date (the statistics
        # count it on that day), at the time of day it was recorded.
        stamp_at = now
        if on_date != timezone.localdate(now):
            stamp_at = timezone.make_aware(
                datetime.datetime.combine(on_date, timezone.localtime(now).time())
            )
        for stamp in transition.stamps:
            setattr(locked, stamp, stamp_at)
        if transition.outcome is not None:
            locked.outcome = transition.outcome
        if target:
            locked._in_transition = True
            locked.state = target
        locked.version += 1
        clock_engine.apply(process, locked, name, on_date=on_date, cleaned=cleaned)
        locked.save()
        locked._in_transition = False
        event = _event(
            locked, name, from_state, actor=actor, on_date=on_date, cleaned=cleaned, note=note
        )
        transaction.on_commit(lambda: _notify_fired(locked, transition, event, actor))
    return locked


def open_case(case, *, actor, data: dict | None = None, on_date: datetime.date | None = None):
    """Register a new (unsaved) case: number, initial state, first event, first clocks.

    Call inside the business line's creating transaction so that the number, the case, its
    parties and its event are written together or not at all.
    """
    process = registry.for_model(type(case))
    if case.pk:
        raise ValueError("open_case registers a new case")
    with acting(actor), transaction.atomic():
        on_date = on_date or timezone.localdate()
        year = on_date.year
        if process.number_series:
            case.number, case.number_seq = numbering.issue(
                case.organization,
                series=process.number_series,
                year=year,
                default_pattern=process.number_pattern,
            )
            case.number_year = year
        case.state = process.initial_for(case) if process.initial_for else process.initial
        case.version = 1
        if getattr(actor, "pk", None):
            case.created_by = actor
        if case.team_id is None and case.assignee_id is None:
            case.team_id = case.organization_id
        case.save()
        clock_engine.apply(process, case, REGISTER, on_date=on_date, cleaned=data or {})
        if case.due_date:
            case.save(update_fields=["due_date", "due_provisional"])
        _event(case, REGISTER, "", actor=actor, on_date=on_date, cleaned=data or {}, note="")
    return case


def assign(case, *, actor, assignee, version: int | None = None):
    """Give the case to `assignee` (a member of its organisation or team)."""
    with acting(actor), transaction.atomic():
        locked = _lock(case, actor)
        _check_version(locked, version)
        roles = roles_over(actor, locked)
        if not locked.can_assign(roles):
            raise PermissionDenied(_("You may not assign this case."))
        if assignee is not None and not roles_over(assignee, locked):
            raise InvalidInput(
                _("%(user)s does not work in this case's organisation or jurisdiction.")
                % {"user": assignee},
                fields={"assignee": [_("Choose a member of the handling organisation.")]},
            )
        return _set_assignee(locked, assignee, actor=actor, name="assign")


def claim(case, *, actor, version: int | None = None):
    """Take an unclaimed case from one's team queue."""
    with acting(actor), transaction.atomic():
        locked = _lock(case, actor)
        _check_version(locked, version)
        if locked.assignee_id is not None:
            raise Conflict(_("%(user)s has already taken this case.") % {"user": locked.assignee})
        if not any(
            m.organization_id in (locked.team_id, locked.organization_id)
            for m in actor.active_memberships()
        ):
            raise PermissionDenied(_("Only members of the case's team may claim it."))
        return _set_assignee(locked, actor, actor=actor, name="claim")


def _set_assignee(locked, assignee, *, actor, name):
    locked.assignee = assignee
    locked.version += 1
    locked.save()
    Clock.for_case(locked).update(assignee=assignee)
    event = _event(
        locked,
        name,
        locked.state,
        actor=actor,
        on_date=timezone.localdate(),
        cleaned={"assignee": str(assignee) if assignee else ""},
        note="",
    )
    if assignee is not None and assignee != actor:
        transaction.on_commit(lambda: _notify_assigned(locked, assignee, actor, event))
    return locked


def _notify_fired(case, transition, event, actor) -> None:
    from cases.notifications import notify
    from cases.signals import transition_committed

    if case.assignee_id and case.assignee_id != getattr(actor, "pk", None):
        notify(
            case.assignee,
            title=_("%(number)s: %(action)s") % {"number": case, "action": transition.label},
            body=_("%(actor)s recorded “%(action)s”.")
            % {"actor": actor, "action": transition.label},
            url=case.get_absolute_url(),
            kind="transition",
        )
    responses = transition_committed.send_robust(
        type(case), case=case, transition=transition, event=event, actor=actor
    )
    for receiver, result in responses:
        if isinstance(result, Exception):
            logger.error("%r failed after %s", receiver, transition.name, exc_info=result)


def _notify_assigned(case, assignee, actor, event) -> None:
    from cases.notifications import notify

    notify(
        assignee,
        title=_("Case %(number)s assigned to you") % {"number": case},
        body=_("%(actor)s assigned the case to you.") % {"actor": actor},
        url=case.get_absolute_url(),
        kind="assignment",
    )
