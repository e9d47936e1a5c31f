"""Entering a year's holiday schedule, and correcting the clocks that counted on a guess.

The State Council publishes next year's schedule around November (reference/statutes-lines.md
§G); until it is entered, a period reaching that year is counted on the provisional calendar
and flagged 暂定 (cases.calendar). Entering it — pasted from the notice or field by field, or
synced from a newer `chinesecalendar` — replaces the year's days in one transaction and
recomputes every running clock whose count could have read a day of that year; a case whose
due date moved gets a timeline event and its handler a notification ("期限由…调整为…").
Nothing else changes: an identical schedule changes no clock, writes no event and notifies
no one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import calendar as cal
from cases.holiday_notice import HolidaySchedule, ScheduleError, validate_schedule
from cases.models import CalendarDay, CalendarSource, CalendarYear, Clock, ClockState, DayKind

RECOMPUTED = "deadline_recomputed"  # the timeline event of a moved due date


@dataclass
class ClockChange:
    clock: Clock
    old_due: datetime.date | None
    new_due: datetime.date
    old_provisional: bool
    new_provisional: bool
    nominal: datetime.date

    @property
    def moved(self) -> bool:
        return self.old_due != self.new_due


@dataclass
class Outcome:
    schedule: HolidaySchedule
    changes: list[ClockChange]
    replaced: CalendarYear | None  # the year as it stood before, if it was entered already

    @property
    def moved(self) -> list[ClockChange]:
        return [c for c in self.changes if c.moved]

    @property
    def unflagged(self) -> list[ClockChange]:
        return [c for c in self.changes if c.old_provisional and not c.new_provisional]


def other_years_days(year: int) -> dict[datetime.date, str]:
    """Days stored for the schedules of other years (a notice may not take them over)."""
    return {
        d.date: f"{d.year}"
        for d in CalendarDay.objects.exclude(year=year).filter(
            date__gte=datetime.date(year - 1, 12, 1), date__lte=datetime.date(year + 1, 1, 31)
        )
    }


def with_schedule(base: cal.Calendar, schedule: HolidaySchedule) -> cal.Calendar:
    """`base` with `schedule` in place of whatever its year had."""
    owned = set(CalendarDay.objects.filter(year=schedule.year).values_list("date", flat=True)) | {
        d for d in base.rest | base.workdays if d.year == schedule.year
    }
    rest = (base.rest - owned) | set(schedule.rest_days())
    work = (base.workdays - owned) | set(schedule.workdays())
    return cal.Calendar(rest, work, base.years | {schedule.year})


def affected_clocks(years: set[int]):
    """The clocks that are still running (or paused) and whose count may read a day of
    `years`: started before the last day a notice for them may reach, due after the first."""
    first = datetime.date(min(years) - 1, 12, 1)
    last = datetime.date(max(years) + 1, 1, 31)
    return (
        Clock.objects.exclude(state=ClockState.STOPPED)
        .filter(started_on__lte=last, due_date__gte=first)
        .select_related("case_type")
        .order_by("id")
    )


def recompute(calendar: cal.Calendar, years: set[int], today=None) -> list[ClockChange]:
    """What every affected clock's due date becomes on `calendar` (nothing is written)."""
    from cases.clocks import compute_due, local_today
    from cases.models import ClockPause

    today = today or local_today()
    clocks = list(affected_clocks(years))
    pauses: dict[int, list] = {}
    for clock_id, start, end in ClockPause.objects.filter(clock__in=clocks).values_list(
        "clock_id", "start", "end"
    ):
        pauses.setdefault(clock_id, []).append((start, end))
    changes = []
    for clock in clocks:
        due = compute_due(
            start=clock.started_on,
            length=clock.length,
            unit=clock.unit,
            pauses=pauses.get(clock.pk, []),
            extended=clock.extended,
            today=today,
            calendar=calendar,
        )
        if (due.date, due.provisional) != (clock.due_date, clock.provisional):
            changes.append(
                ClockChange(
                    clock,
                    clock.due_date,
                    due.date,
                    clock.provisional,
                    due.provisional,
                    due.nominal,
                )
            )
    return changes


def preview(schedule: HolidaySchedule) -> Outcome:
    """Validate `schedule` and say what entering it would change (nothing is written)."""
    validate_schedule(schedule, other_years=other_years_days(schedule.year))
    calendar = with_schedule(cal.get_calendar(), schedule)
    return Outcome(
        schedule=schedule,
        changes=recompute(calendar, {schedule.year}),
        replaced=CalendarYear.objects.filter(year=schedule.year).first(),
    )


def calendar_year_enter(
    *,
    actor,
    schedule: HolidaySchedule,
    notice_text: str = "",
    source: str = CalendarSource.MANUAL,
) -> Outcome:
    """Store `schedule` as the year's holiday schedule (replacing the year's days), then move
    the clocks that depended on the old or the provisional calendar, with an event on each
    case whose due date moved and a notification to its handler. One transaction: a schedule
    that fails validation writes nothing."""
    with transaction.atomic():
        CalendarYear.objects.select_for_update().filter(year=schedule.year).first()
        validate_schedule(schedule, other_years=other_years_days(schedule.year))
        before = CalendarYear.objects.filter(year=schedule.year).first()
        rest, work = schedule.rest_days(), schedule.workdays()
        clash = CalendarDay.objects.exclude(year=schedule.year).filter(
            date__in=set(rest) | set(work)
        )
        if clash.exists():
            raise ScheduleError([(0, _("%(date)s already belongs to the schedule of %(year)s.")
                                  % {"date": clash[0].date, "year": clash[0].year})])  # fmt: skip
        CalendarDay.objects.filter(year=schedule.year).delete()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(date=d, year=schedule.year, kind=DayKind.REST, name=name[:64],
                            source=source)
                for d, name in sorted(rest.items())
            ]
            + [
                CalendarDay(date=d, year=schedule.year, kind=DayKind.WORKDAY, name=name[:64],
                            source=source)
                for d, name in sorted(work.items())
            ]
        )  # fmt: skip
        CalendarYear.objects.update_or_create(
            year=schedule.year,
            defaults={
                "source": source,
                "document_number": schedule.document_number[:64],
                "issued_on": schedule.issued_on,
                "notice_text": notice_text,
                "entered_by": actor if getattr(actor, "pk", None) else None,
                "entered_at": timezone.now(),
            },
        )
        cal.invalidate()
        transaction.on_commit(cal.invalidate)
        changes = apply_changes(
            recompute(cal.get_calendar(), {schedule.year}), actor=actor, year=schedule.year
        )
        _audit(actor, schedule, before)
    return Outcome(schedule=schedule, changes=changes, replaced=before)


def apply_changes(changes: list[ClockChange], *, actor=None, year: int) -> list[ClockChange]:
    """Write the recomputed due dates (one bulk update), an event and a notification for each
    moved one, and the cases' current deadlines: a few queries per case model, not per case,
    since a new year's schedule can move thousands of clocks at once."""
    from django.db.models import prefetch_related_objects

    from cases.clocks import current_deadline
    from cases.process import registry

    for change in changes:
        clock = change.clock
        clock.due_date, clock.nominal_due = change.new_due, change.nominal
        clock.provisional = change.new_provisional
    Clock.objects.bulk_update(
        [c.clock for c in changes], ["due_date", "nominal_due", "provisional"], batch_size=500
    )
    prefetch_related_objects([c.clock for c in changes], "case")
    by_model: dict[type, dict[int, object]] = {}
    for change in changes:
        case = change.clock.case
        if case is None:
            continue
        by_model.setdefault(type(case), {})[case.pk] = case
        if change.moved:
            _record_move(case, change, actor=actor, year=year)
    for model, cases in by_model.items():
        process = registry.for_model(model)
        clocks: dict[int, list[Clock]] = {}
        for clock in Clock.objects.filter(
            case_type=ContentType.objects.get_for_model(model), case_id__in=list(cases)
        ).exclude(state=ClockState.STOPPED):
            clocks.setdefault(clock.case_id, []).append(clock)
        stale = []
        for pk, case in cases.items():
            due, provisional = current_deadline(clocks.get(pk, []), process)
            if (due, provisional) != (case.due_date, case.due_provisional):
                case.due_date, case.due_provisional = due, provisional
                stale.append(case)
        # Not a transition: the state and the version stay as they are, so nobody's open form
        # is invalidated by a calendar correction (bulk_update does not go through save()).
        model.objects.bulk_update(stale, ["due_date", "due_provisional"], batch_size=500)
    return changes


def _record_move(case, change: ClockChange, *, actor, year: int) -> None:
    from cases.models import CaseEvent
    from cases.notifications import notify
    from cases.process import registry

    spec = registry.for_model(type(case)).clock(change.clock.key)
    label = str(spec.label) if spec else change.clock.key
    text = _(
        "%(clock)s: the deadline moved from %(old)s to %(new)s (holiday schedule of %(year)s)."
    ) % {
        "clock": label,
        "old": _date(change.old_due),
        "new": _date(change.new_due),
        "year": year,
    }
    CaseEvent.objects.create(
        **CaseEvent.ref(case),
        transition=RECOMPUTED,
        from_state=case.state,
        to_state=case.state,
        actor=actor if getattr(actor, "pk", None) else None,
        on_date=timezone.localdate(),
        data={
            "clock": change.clock.key,
            "old_due": change.old_due.isoformat() if change.old_due else None,
            "new_due": change.new_due.isoformat(),
            "year": year,
        },
        note=text,
        version=case.version,
    )
    recipient = change.clock.assignee or getattr(case, "assignee", None)
    if recipient is not None:
        transaction.on_commit(
            lambda: notify(
                recipient,
                title=_("%(number)s: deadline adjusted") % {"number": case},
                body=text,
                url=case.get_absolute_url(),
                kind="deadline",
            )
        )


def _date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def _audit(actor, schedule: HolidaySchedule, before) -> None:
    from auditlog.models import LogEntry

    from core.middleware import get_request_id

    entry = CalendarYear.objects.get(year=schedule.year)
    LogEntry.objects.log_create(
        entry,
        action=LogEntry.Action.UPDATE if before else LogEntry.Action.CREATE,
        changes={
            "schedule": [
                _describe(before) if before else None,
                "; ".join(
                    f"{s.name} {s.start}–{s.end}"
                    + (f" 上班 {','.join(str(d) for d in s.workdays)}" if s.workdays else "")
                    for s in schedule.spans
                ),
            ]
        },
        actor=actor if getattr(actor, "pk", None) else None,
        force_log=True,
        cid=get_request_id(),
    )


def _describe(year: CalendarYear) -> str:
    return f"{year.year} ({year.get_source_display()} {year.document_number})".strip()


def sync_package(actor=None) -> dict:
    """`fazhi calendar sync`: add the years the installed chinesecalendar knows that are not
    entered yet, and correct the clocks that were counted provisionally across them."""
    with transaction.atomic():
        result = cal.sync_from_package()
        changes: list[ClockChange] = []
        if result["new_years"]:
            years = set(result["new_years"])
            changes = recompute(cal.get_calendar(), years)
            apply_changes(changes, actor=actor, year=max(years))
    result["clocks"] = len(changes)
    return result
