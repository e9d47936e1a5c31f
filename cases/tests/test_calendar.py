"""Statutory periods, checked against the worked examples of reference/statutes.md §10.

Rules: the first day is not counted; a calendar-day period ending on a rest day ends on the next
working day (Civil Procedure Law Art. 85; Civil Code Arts. 201–203); working-day periods skip
weekends and holidays and count make-up working days (Administrative Reconsideration Law Art. 88).
"""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cases.calendar import get_calendar, sync_from_package
from cases.models import CalendarDay, CalendarYear, DayKind

D = datetime.date


def _loaded_calendar():
    # Transactional tests elsewhere may have flushed the rows the data migration loaded.
    if not CalendarYear.objects.exists():
        sync_from_package()
    return get_calendar()


@pytest.fixture
def calendar(db):
    return _loaded_calendar()


@pytest.mark.parametrize(
    ("start", "days", "working", "due"),
    [
        # Art. 88 working days: Sat 2025-10-11 is a make-up working day and counts.
        (D(2025, 9, 30), 5, True, D(2025, 10, 14)),
        # Sun 2025-09-28 is a make-up working day and counts.
        (D(2025, 9, 26), 5, True, D(2025, 10, 10)),
        # 60 days (Reconsideration Law Art. 20 application period) without a holiday at the end.
        (D(2025, 1, 2), 60, False, D(2025, 3, 3)),
        # Nominally 2025-10-01, National Day: rolls past the holiday to 2025-10-09.
        (D(2025, 8, 2), 60, False, D(2025, 10, 9)),
        # Ends on the make-up Saturday 2025-10-11, a working day: no roll-forward.
        (D(2025, 9, 11), 30, False, D(2025, 10, 11)),
        # Nominally 2026-02-15, inside the Spring Festival: ends 2026-02-24.
        (D(2026, 2, 5), 10, False, D(2026, 2, 24)),
        # Nominally 2025-02-04, last day of the Spring Festival: ends 2025-02-05.
        (D(2025, 1, 20), 15, False, D(2025, 2, 5)),
    ],
)
def test_worked_examples_of_the_reference(calendar, start, days, working, due):
    assert calendar.add(start, days, working=working).date == due


def test_a_rolled_period_remembers_its_nominal_end(calendar):
    due = calendar.add_days(D(2025, 8, 2), 60)
    assert (due.nominal, due.date, due.rolled_forward) == (D(2025, 10, 1), D(2025, 10, 9), True)


def test_acceptance_review_of_five_working_days_over_a_weekend(calendar):
    # Reconsideration Law Art. 30: an application received on Friday 2025-03-07 must be
    # reviewed by Friday 2025-03-14 (Mon 10 … Fri 14 are days 1–5).
    assert calendar.add_working_days(D(2025, 3, 7), 5).date == D(2025, 3, 14)


def test_a_year_without_a_schedule_is_counted_provisionally(calendar):
    # 2026-12-20 + 30 days = Tue 2027-01-19; 2027 has no schedule in the package.
    due = calendar.add_days(D(2026, 12, 20), 30)
    assert (due.date, due.provisional, due.provisional_years) == (D(2027, 1, 19), True, (2027,))
    assert "2027" in due.note


def test_a_known_year_is_not_provisional(calendar):
    assert not calendar.add_days(D(2026, 3, 2), 3).provisional


def test_staff_can_enter_next_years_schedule(calendar):
    CalendarYear.objects.create(year=2027, source="manual")
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=DayKind.REST, name="元旦", source="manual")
    # 2026-12-02 + 30 days = Fri 2027-01-01, a holiday: ends Mon 2027-01-04.
    assert get_calendar().add_days(D(2026, 12, 2), 30).date == D(2027, 1, 4)


def test_a_period_has_at_least_one_day(calendar):
    with pytest.raises(ValueError):
        calendar.add_days(D(2025, 1, 1), 0)


dates_2005_2025 = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 10, 1))


@hsettings(max_examples=300, deadline=None)
@given(start=dates_2005_2025, days=st.integers(min_value=1, max_value=60))
def test_a_working_day_due_date_is_a_working_day(db_calendar, start, days):
    assert db_calendar.is_workday(db_calendar.add_working_days(start, days).date)


@hsettings(max_examples=300, deadline=None)
@given(start=dates_2005_2025, days=st.integers(min_value=1, max_value=60))
def test_a_calendar_due_date_is_a_working_day_or_the_unrolled_date(db_calendar, start, days):
    due = db_calendar.add_days(start, days)
    assert db_calendar.is_workday(due.date)
    assert due.date == due.nominal or not db_calendar.is_workday(due.nominal)
    # Only rest days lie between the nominal end and the rolled due date.
    day = due.nominal
    while day < due.date:
        assert not db_calendar.is_workday(day)
        day += datetime.timedelta(days=1)


@hsettings(max_examples=200, deadline=None)
@given(start=dates_2005_2025, days=st.integers(min_value=1, max_value=40))
def test_a_longer_period_never_ends_earlier(db_calendar, start, days):
    for working in (False, True):
        assert (
            db_calendar.add(start, days + 1, working=working).date
            >= db_calendar.add(start, days, working=working).date
        )


@pytest.fixture(scope="module")
def db_calendar(django_db_setup, django_db_blocker):
    # Hypothesis runs many examples in one test; the calendar is read once for all of them.
    with django_db_blocker.unblock():
        return _loaded_calendar()


def test_the_command_prints_the_due_date(calendar):
    out = StringIO()
    call_command("deadline", "2025-09-30", "5", "--working", stdout=out)
    assert out.getvalue().strip() == "2025-10-14"
    out = StringIO()
    call_command("deadline", "2025-08-02", "60", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["due"] == "2025-10-09" and data["rolled_forward"] is True


@pytest.mark.parametrize(
    "args", [("2025-02-30", "5"), ("2025-01-01", "0"), ("9999-12-20", "30"), ("x", "y")]
)
def test_the_command_refuses_bad_input(calendar, args):
    with pytest.raises(CommandError):
        call_command("deadline", *args)


def test_the_command_agrees_with_the_engine_on_every_example(calendar):
    for start, days, working in [
        (D(2025, 9, 26), 5, True),
        (D(2026, 2, 5), 10, False),
        (D(2025, 1, 20), 15, False),
    ]:
        out = StringIO()
        extra = ["--working"] if working else []
        call_command("deadline", start.isoformat(), str(days), *extra, "--json", stdout=out)
        assert (
            json.loads(out.getvalue())["due"]
            == calendar.add(start, days, working=working).date.isoformat()
        )
