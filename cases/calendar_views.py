"""The holiday calendar: which years are entered, and entering one (paste the notice or type
it in), with a preview of what it reads and which deadlines it moves before anything is saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import schedules
from cases.forms_calendar import NoticeForm, ScheduleFieldsForm
from cases.holiday_notice import ScheduleError, parse_notice
from cases.holidays import holiday_label, provisional_rest_days
from cases.models import CalendarDay, CalendarYear, Clock, ClockState, DayKind

PERMISSION = "cases.change_calendaryear"


def can_enter(user) -> bool:
    return user.is_superuser or user.can(PERMISSION)


@login_required
def calendar_years(request):
    today = timezone.localdate()
    entered = {y.year: y for y in CalendarYear.objects.select_related("entered_by")}
    years = []
    for year in range(today.year - 1, today.year + 2):
        row = {"year": year, "entry": entered.get(year)}
        if row["entry"]:
            days = list(CalendarDay.objects.filter(year=year).order_by("date"))
            row["rest"] = [d for d in days if d.kind == DayKind.REST]
            row["spans"] = _spans(row["rest"])
            row["work"] = [d for d in days if d.kind == DayKind.WORKDAY]
        else:
            row["provisional"] = sorted(provisional_rest_days(year).items())
            row["clocks"] = (
                Clock.objects.restrict(request.user, "view")
                .exclude(state=ClockState.STOPPED)
                .filter(provisional=True, due_date__year=year)
                .count()
            )
        years.append(row)
    return render(
        request,
        "cases/calendar.html",
        {
            "title": _("Holiday calendar"),
            "years": years,
            "older": sorted((y for y in entered if y < today.year - 1), reverse=True),
            "can_enter": can_enter(request.user),
        },
    )


@login_required
def calendar_enter(request):
    """GET: the two ways in. POST with action=preview: what was read, what it changes.
    POST with action=confirm: save it (validated again) and move the deadlines."""
    if not can_enter(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    year = _int(request.GET.get("year")) or today.year + 1
    mode = request.POST.get("mode") or request.GET.get("mode") or "notice"
    notice_form = NoticeForm(
        request.POST if mode == "notice" and request.method == "POST" else None
    )
    fields_form = ScheduleFieldsForm(
        request.POST if mode == "fields" and request.method == "POST" else None,
        initial=ScheduleFieldsForm.initial_for(year),
    )
    outcome, errors = None, []
    if request.method == "POST":
        form = notice_form if mode == "notice" else fields_form
        if form.is_valid():
            try:
                if mode == "notice":
                    schedule = parse_notice(form.cleaned_data["text"])
                    text = form.cleaned_data["text"]
                else:
                    schedule, text = form.schedule(), ""
                if request.POST.get("action") == "confirm":
                    outcome = schedules.calendar_year_enter(
                        actor=request.user, schedule=schedule, notice_text=text
                    )
                    messages.success(request, _entered_message(outcome))
                    return redirect("cases:calendar")
                outcome = schedules.preview(schedule)
            except ScheduleError as exc:
                errors = str(exc).splitlines()  # one problem a line, each naming its line
    return render(
        request,
        "cases/calendar_enter.html",
        {
            "title": _("Enter a holiday schedule"),
            "mode": mode,
            "year": year,
            "notice_form": notice_form,
            "fields_form": fields_form,
            "outcome": outcome,
            "errors": errors,
            "rows": _rows(outcome.schedule) if outcome else [],
            "moves": _visible_moves(outcome, request.user) if outcome else [],
        },
    )


def _spans(rest_days) -> list[dict]:
    """Consecutive rest days of one holiday as one span: 春节 2月15日—23日（9天）."""
    spans: list[dict] = []
    for day in rest_days:
        label = holiday_label(day.name)
        last = spans[-1] if spans else None
        if last and last["name"] == label and (day.date - last["end"]).days == 1:
            last["end"], last["days"] = day.date, last["days"] + 1
        else:
            spans.append({"name": label, "start": day.date, "end": day.date, "days": 1})
    return spans


def _visible_moves(outcome, user) -> list:
    """The moved deadlines the user may see (their jurisdiction), with case and clock name."""
    from cases.selectors import attach_cases

    visible = set(
        Clock.objects.restrict(user, "view")
        .filter(pk__in=[c.clock.pk for c in outcome.moved])
        .values_list("pk", flat=True)
    )
    moves = [c for c in outcome.moved if c.clock.pk in visible][:50]
    attach_cases([c.clock for c in moves])
    return moves


def _rows(schedule) -> list[dict]:
    return [
        {
            "name": span.name,
            "start": span.start,
            "end": span.end,
            "days": (span.end - span.start).days + 1,
            "workdays": span.workdays,
            "line": span.line,
        }
        for span in schedule.spans
    ]


def _entered_message(outcome) -> str:
    return _(
        "The holiday schedule of %(year)s is saved. %(moved)s deadline(s) moved and their "
        "handlers were notified; %(unflagged)s deadline(s) are no longer provisional."
    ) % {
        "year": outcome.schedule.year,
        "moved": len(outcome.moved),
        "unflagged": len(outcome.unflagged),
    }


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 2000 <= number <= 2200 else None
