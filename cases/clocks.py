"""Statutory clocks on cases: start, stop, pause (补正, 中止), resume, extend (延长), status.

A clock counts its period with the 期间 rules of `cases.calendar` (first day not counted,
calendar periods rolled past rest days, working-day periods on the working-day calendar). Paused
time is not counted: the day a pause begins still counts, the days after it up to and including
the day the clock resumes do not — as with any period, counting starts again on the day after
the event. An extension adds units to the period, up to the clock's statutory maximum.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.calendar import Due, get_calendar
from cases.models import Clock, ClockPause, ClockState, ClockStatus
from core.errors import InvalidInput


def local_today() -> datetime.date:
    return timezone.localdate()


def excluded_days(
    pauses: list[tuple[datetime.date, datetime.date | None]], today: datetime.date
) -> frozenset[datetime.date]:
    """The days a clock did not run: after each pause's first day, up to its end (or today)."""
    days: set[datetime.date] = set()
    for start, end in pauses:
        last = end or today
        day = start + datetime.timedelta(days=1)
        while day <= last:
            days.add(day)
            day += datetime.timedelta(days=1)
    return frozenset(days)


def compute_due(
    *,
    start: datetime.date,
    length: int,
    unit: str,
    pauses: list[tuple[datetime.date, datetime.date | None]] = (),
    extended: int = 0,
    today: datetime.date | None = None,
    calendar=None,
) -> Due:
    """The due date of a clock. An open pause counts as lasting until `today`, so a paused
    clock shows the date it would have if it resumed today."""
    calendar = calendar or get_calendar()
    today = today or local_today()
    return calendar.count(start, length + extended, unit, excluded_days(list(pauses), today))


def clock_status(
    clock: Clock,
    *,
    today: datetime.date | None = None,
    due_soon_days: int | None = None,
    window: bool = False,
) -> str:
    """running / due_soon / overdue / met / missed / paused; a window for the parties that has
    passed unused is "expired", not overdue."""
    today = today or local_today()
    if due_soon_days is None:
        due_soon_days = settings.FAZHI_DUE_SOON_DAYS
    if clock.state == ClockState.STOPPED:
        if clock.due_date is None or clock.stopped_on <= clock.due_date:
            return ClockStatus.MET
        return ClockStatus.EXPIRED if window else ClockStatus.MISSED
    if clock.state == ClockState.PAUSED:
        return ClockStatus.PAUSED
    if clock.due_date is None:
        return ClockStatus.RUNNING
    if today > clock.due_date:
        return ClockStatus.EXPIRED if window else ClockStatus.OVERDUE
    if (clock.due_date - today).days <= due_soon_days:
        return ClockStatus.DUE_SOON
    return ClockStatus.RUNNING


def _refresh(clock: Clock, today: datetime.date) -> None:
    # Read the pauses afresh: a prefetched list would miss the one this transition just wrote.
    pauses = list(ClockPause.objects.filter(clock=clock).values_list("start", "end"))
    due = compute_due(
        start=clock.started_on,
        length=clock.length,
        unit=clock.unit,
        pauses=pauses,
        extended=clock.extended,
        today=today,
    )
    clock.due_date, clock.nominal_due, clock.provisional = due.date, due.nominal, due.provisional


def start_date(spec, case, on_date: datetime.date) -> datetime.date:
    """The day a clock starts: its `start_field` when the case has it, else the step's day."""
    if spec.start_field:
        value = getattr(case, spec.start_field, None)
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date()
        if isinstance(value, datetime.date):
            return value
    return on_date


def apply(
    process, case, transition_name: str, *, on_date: datetime.date, cleaned: dict, today=None
) -> list[Clock]:
    """Start, stop, pause, resume and extend the case's clocks for one fired transition, then
    set the case's current deadline to the earliest due date among its running clocks."""
    today = today or local_today()
    clocks = {c.key: c for c in Clock.for_case(case)}
    ref = Clock.ref(case)
    changed: list[Clock] = []
    for spec in process.clocks:
        clock = clocks.get(spec.key)
        touched = False
        if transition_name in spec.start_on and (spec.start_if is None or spec.start_if(case)):
            if clock is None:
                clock = Clock(
                    key=spec.key,
                    unit=spec.unit,
                    length=spec.resolved_length(),
                    started_on=start_date(spec, case, on_date),
                    assignee_id=case.assignee_id,
                    **ref,
                )
                clock.save()
                clocks[spec.key] = clock
            elif clock.state == ClockState.STOPPED or transition_name not in spec.resume_on:
                # Started again (e.g. acceptance review after corrections, Reconsideration
                # Law Art. 31 ¶2): a fresh period from this event.
                clock.pauses.all().delete()
                clock.started_on = start_date(spec, case, on_date)
                clock.state, clock.stopped_on, clock.extended = ClockState.RUNNING, None, 0
            touched = True
        elif clock is not None and clock.state != ClockState.STOPPED:
            if transition_name in spec.stop_on:
                open_pause = clock.pauses.filter(end__isnull=True).first()
                if open_pause:
                    open_pause.end = on_date
                    open_pause.save(update_fields=["end"])
                clock.state, clock.stopped_on = ClockState.STOPPED, on_date
                touched = True
            elif transition_name in spec.pause_on and clock.state == ClockState.RUNNING:
                ClockPause.objects.create(clock=clock, start=on_date, reason=transition_name)
                clock.state = ClockState.PAUSED
                touched = True
            elif transition_name in spec.resume_on and clock.state == ClockState.PAUSED:
                clock.pauses.filter(end__isnull=True).update(end=on_date)
                clock.state = ClockState.RUNNING
                touched = True
        if process.transition(transition_name) and (
            process.transition(transition_name).extends == spec.key
        ):
            days = int(cleaned.get("extension") or 0)
            if clock is None or clock.state == ClockState.STOPPED:
                raise InvalidInput(
                    _("The period “%(clock)s” is not running, so it cannot be extended.")
                    % {"clock": spec.label}
                )
            limit = spec.resolved_extend_max()
            if days < 1 or clock.extended + days > limit:
                raise InvalidInput(
                    _(
                        "“%(clock)s” can be extended by at most %(max)s %(unit)s in all; "
                        "%(used)s already granted."
                    )
                    % {
                        "clock": spec.label,
                        "max": limit,
                        "unit": _unit_label(spec.unit),
                        "used": clock.extended,
                    },
                    fields={
                        "extension": [_("At most %(left)s.") % {"left": limit - clock.extended}]
                    },
                )
            clock.extended += days
            touched = True
        if touched and clock.state != ClockState.STOPPED:
            _refresh(clock, today)
        if touched:
            clock.save()
            changed.append(clock)
    case.due_date, case.due_provisional = current_deadline(clocks.values(), process)
    return changed


def current_deadline(clocks, process) -> tuple[datetime.date | None, bool]:
    """The case's current deadline (the earliest due date of its running staff clocks) and
    whether it is provisional (暂定)."""
    dues = [
        (c.due_date, c.provisional)
        for c in clocks
        if c.state != ClockState.STOPPED
        and c.due_date
        and (process.clock(c.key) is None or process.clock(c.key).sets_case_due)
    ]
    if not dues:
        return None, False
    earliest = min(d for d, _ in dues)
    return earliest, any(p for d, p in dues if d == earliest)


def current_due(clocks, process) -> datetime.date | None:
    return current_deadline(clocks, process)[0]


def refresh_open(today: datetime.date | None = None) -> int:
    """Close expired windows, and recompute the due dates of paused clocks (an open pause grows
    every day) and of clocks flagged provisional (the year's schedule may have been entered
    since). Used by `fazhi remind` before it reads due dates."""
    today = today or local_today()
    # Windows for the parties that passed unused are closed, so they leave the running set.
    from cases.selectors import window_keys

    count = Clock.objects.filter(
        key__in=window_keys(), state=ClockState.RUNNING, due_date__lt=today
    ).update(state=ClockState.STOPPED, stopped_on=today)
    qs = Clock.objects.exclude(state=ClockState.STOPPED).filter(
        state=ClockState.PAUSED
    ) | Clock.objects.filter(provisional=True).exclude(state=ClockState.STOPPED)
    # Set-based: one read of the clocks, one of their pauses, one write of those that moved.
    pauses: dict[int, list] = {}
    for clock_id, start, end in ClockPause.objects.filter(clock__in=qs.values("pk")).values_list(
        "clock_id", "start", "end"
    ):
        pauses.setdefault(clock_id, []).append((start, end))
    calendar = get_calendar()
    moved = []
    for clock in qs:
        before = (clock.due_date, clock.provisional)
        due = compute_due(
            start=clock.started_on,
            length=clock.length,
            unit=clock.unit,
            pauses=pauses.get(clock.pk, ()),
            extended=clock.extended,
            today=today,
            calendar=calendar,
        )
        clock.due_date, clock.nominal_due, clock.provisional = (
            due.date,
            due.nominal,
            due.provisional,
        )
        if (clock.due_date, clock.provisional) != before:
            moved.append(clock)
    Clock.objects.bulk_update(moved, ["due_date", "nominal_due", "provisional"])
    return count + len(moved)


def _unit_label(unit: str) -> str:
    from cases.models import ClockUnit

    return str(ClockUnit(unit).label)


def fire_lapsed(today: datetime.date | None = None) -> int:
    """Fire, as the system, the `lapse` transition of every running clock whose period has
    passed (due date before `today`): e.g. deem an application accepted when its acceptance
    review ended without a decision. A case the transition no longer fits (its state moved on,
    a guard says no) is left as it is. Returns the number fired."""
    import logging

    from cases import engine
    from cases.process import registry
    from core.errors import FazhiError

    today = today or local_today()
    fired = 0
    for model in registry.models():
        process = registry.for_model(model)
        specs = [spec for spec in process.clocks if spec.lapse]
        if not specs:
            continue
        content_type = ContentType.objects.get_for_model(model)
        for spec in specs:
            transition = process.transition(spec.lapse)
            ids = Clock.objects.filter(
                case_type=content_type, key=spec.key, state=ClockState.RUNNING,
                due_date__lt=today,
            ).values_list("case_id", flat=True)  # fmt: skip
            for case in model._default_manager.filter(pk__in=list(ids),
                                                      state__in=transition.source):  # fmt: skip
                try:
                    engine.fire(case, spec.lapse, actor=None, system=True)
                except FazhiError as exc:
                    logging.getLogger(__name__).info(
                        "%s not fired on %s: %s", spec.lapse, case.pk, exc.message
                    )
                    continue
                fired += 1
    return fired
