"""Clocks: pauses (补正, 中止) and extensions (延长), with dates worked out by hand, and the
properties every clock keeps whatever the pause (reference/statutes.md §§1, 10)."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cases import engine
from cases.calendar import get_calendar, sync_from_package
from cases.clocks import compute_due, excluded_days
from cases.models import CalendarYear, Clock, ClockState
from cases.process import ClockSpec, Process, State, Transition, registry
from core.roles import Role

D = datetime.date


@pytest.fixture
def calendar(db):
    if not CalendarYear.objects.exists():
        sync_from_package()
    return get_calendar()


def test_an_unpaused_clock_is_the_plain_period(calendar):
    # 60 days from 2025-08-02: nominally 10-01 (National Day) → 2025-10-09 (§10).
    due = compute_due(start=D(2025, 8, 2), length=60, unit="days", calendar=calendar)
    assert (due.nominal, due.date) == (D(2025, 10, 1), D(2025, 10, 9))
    # 5 working days from 2025-09-30 → 2025-10-14 (§10).
    due = compute_due(start=D(2025, 9, 30), length=5, unit="working_days", calendar=calendar)
    assert due.date == D(2025, 10, 14)


def test_suspension_adds_the_paused_days(calendar):
    """Reconsideration decided within 60 days of acceptance (Art. 62), suspended (中止, Art. 39)
    from 2025-03-20 until it resumed on 2025-04-09.

    Without the pause: 2025-03-03 + 60 days = 2025-05-02, inside the Labour Day holiday
    (1–5 May 2025) → 2025-05-06. With it: 03-04 … 03-20 run (17 days), 03-21 … 04-09 do
    not (20 days), the remaining 43 days run from 04-10 to 2025-05-22, a Thursday.
    """
    plain = compute_due(start=D(2025, 3, 3), length=60, unit="days", calendar=calendar)
    assert plain.date == D(2025, 5, 6)
    paused = compute_due(
        start=D(2025, 3, 3),
        length=60,
        unit="days",
        pauses=[(D(2025, 3, 20), D(2025, 4, 9))],
        calendar=calendar,
    )
    assert paused.nominal == D(2025, 5, 22) and paused.date == D(2025, 5, 22)


def test_correction_pause_on_a_working_day_clock(calendar):
    """5 working days from 2025-09-26 end on 2025-10-10 (§10: Sun 09-28 is a make-up day).
    Paused on Mon 09-29 for correction (补正) and resumed on Tue 09-30: 09-30 does not count;
    09-28 (1), 09-29 (2), holiday 10-01…10-08, 10-09 (3), 10-10 (4), Sat 10-11, a make-up
    working day (5) → 2025-10-11."""
    due = compute_due(
        start=D(2025, 9, 26),
        length=5,
        unit="working_days",
        pauses=[(D(2025, 9, 29), D(2025, 9, 30))],
        calendar=calendar,
    )
    assert due.date == D(2025, 10, 11)


def test_extension_within_the_maximum(calendar):
    """Ordinary procedure: 60 days, extended by at most 30 (Art. 62). 2025-01-02 + 90 days =
    2025-04-02, a Wednesday before Qingming (4–6 April)."""
    due = compute_due(start=D(2025, 1, 2), length=60, unit="days", extended=30, calendar=calendar)
    assert due.date == D(2025, 4, 2)


def test_months_end_on_the_corresponding_day_or_the_months_last(calendar):
    """Civil Code Art. 202: 2025-01-31 + 1 month → 2025-02-28 (a Friday, a working day)."""
    due = compute_due(start=D(2025, 1, 31), length=1, unit="months", calendar=calendar)
    assert due.date == D(2025, 2, 28)


def test_an_open_pause_runs_until_today(calendar):
    due = compute_due(
        start=D(2025, 3, 3),
        length=60,
        unit="days",
        pauses=[(D(2025, 3, 20), None)],
        today=D(2025, 4, 9),
        calendar=calendar,
    )
    assert due.date == D(2025, 5, 22)


def test_excluded_days_leave_the_pause_day_itself_counted():
    assert excluded_days([(D(2025, 1, 1), D(2025, 1, 3))], D(2025, 2, 1)) == {
        D(2025, 1, 2),
        D(2025, 1, 3),
    }


_starts = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 6, 30))
_units = st.sampled_from(["days", "working_days", "months"])


@hsettings(max_examples=150, deadline=None)
@given(start=_starts, length=st.integers(1, 60), unit=_units, offset=st.integers(0, 20),
       pause=st.integers(0, 40), more=st.integers(1, 30))  # fmt: skip
def test_due_never_moves_earlier_as_a_pause_grows(start, length, unit, offset, pause, more):
    calendar = _calendar()
    if unit == "months":
        length = min(length, 3)
    begin = start + datetime.timedelta(days=offset)
    short = compute_due(start=start, length=length, unit=unit, calendar=calendar,
                        pauses=[(begin, begin + datetime.timedelta(days=pause))])  # fmt: skip
    longer = compute_due(start=start, length=length, unit=unit, calendar=calendar,
                         pauses=[(begin, begin + datetime.timedelta(days=pause + more))])  # fmt: skip
    assert longer.date >= short.date


@hsettings(max_examples=150, deadline=None)
@given(start=_starts, length=st.integers(1, 40), offset=st.integers(0, 20),
       pause=st.integers(0, 30))  # fmt: skip
def test_paused_working_day_due_is_a_working_day(start, length, offset, pause):
    calendar = _calendar()
    begin = start + datetime.timedelta(days=offset)
    due = compute_due(start=start, length=length, unit="working_days", calendar=calendar,
                      pauses=[(begin, begin + datetime.timedelta(days=pause))])  # fmt: skip
    assert calendar.is_workday(due.date)


@hsettings(max_examples=150, deadline=None)
@given(start=_starts, length=st.integers(1, 90), offset=st.integers(0, 20),
       pause=st.integers(0, 30))  # fmt: skip
def test_paused_calendar_due_is_a_working_day_or_the_unrolled_date(start, length, offset, pause):
    calendar = _calendar()
    begin = start + datetime.timedelta(days=offset)
    due = compute_due(start=start, length=length, unit="days", calendar=calendar,
                      pauses=[(begin, begin + datetime.timedelta(days=pause))])  # fmt: skip
    assert calendar.is_workday(due.date) or due.date == due.nominal
    day = due.nominal
    while day < due.date:
        assert not calendar.is_workday(day)
        day += datetime.timedelta(days=1)


_CAL = None


def _calendar():
    """The package schedule, built once without the database (hypothesis reruns the body)."""
    global _CAL
    if _CAL is None:
        import chinese_calendar

        from cases.calendar import Calendar

        _CAL = Calendar(
            set(chinese_calendar.holidays),
            set(chinese_calendar.workdays),
            {d.year for d in chinese_calendar.holidays},
        )
    return _CAL


# -- the engine drives pauses and extensions from declared transitions ------------------------


@pytest.fixture
def review_process(monkeypatch):
    """A reconsideration-style review declared on the dispute model for these tests only:
    acceptance review of 5 working days paused for correction (补正) and resumed when the
    corrections arrive, and a 60-day decision clock extendable by 30 (Arts. 30, 31, 62)."""
    from django import forms

    from cases.forms import TransitionForm

    class DayForm(TransitionForm):
        on = forms.DateField()

    class ExtendForm(DayForm):
        extension = forms.IntegerField(min_value=1)

    staff = frozenset({Role.MEDIATOR})
    states = (State("registered", "registered"), State("review", "review"),
              State("done", "done", final=True))  # fmt: skip
    process = Process(
        key="review",
        label="review",
        model="mediation.Dispute",
        states=states,
        initial="registered",
        transitions=(
            Transition(
                "request_correction",
                "补正",
                ("registered",),
                None,
                staff,
                form=DayForm,
                date_field="on",
            ),
            Transition(
                "corrections_received",
                "补正到",
                ("registered",),
                None,
                staff,
                form=DayForm,
                date_field="on",
            ),
            Transition(
                "accept", "受理", ("registered",), "review", staff, form=DayForm, date_field="on"
            ),
            Transition(
                "extend",
                "延长",
                ("review",),
                None,
                staff,
                form=ExtendForm,
                date_field="on",
                extends="decision",
            ),
            Transition("decide", "决定", ("review",), "done", staff, form=DayForm, date_field="on"),
        ),
        clocks=(
            ClockSpec(
                "acceptance_review",
                "受理审查",
                5,
                "working_days",
                start_on=("register",),
                stop_on=("accept",),
                pause_on=("request_correction",),
                resume_on=("corrections_received",),
            ),
            ClockSpec(
                "decision",
                "决定",
                60,
                "days",
                start_on=("accept",),
                stop_on=("decide",),
                extend_max=30,
            ),
        ),
        number_series="review",
    )
    monkeypatch.setitem(registry._by_model, "mediation.dispute", process)
    return process


def test_engine_pauses_resumes_extends_and_stops(world, review_process, calendar):
    from mediation.tests.factories import make_dispute

    actor = world.mediator_haizhu
    case = make_dispute(organization=world.haizhu_committee, actor=actor, received_on="2025-09-26")
    review = Clock.for_case(case).get(key="acceptance_review")
    assert review.due_date == D(2025, 10, 10)
    case = engine.fire(case, "request_correction", actor=actor, version=case.version,
                       data={"on": "2025-09-29"})  # fmt: skip
    review.refresh_from_db()
    assert review.state == ClockState.PAUSED
    case = engine.fire(case, "corrections_received", actor=actor, version=case.version,
                       data={"on": "2025-09-30"})  # fmt: skip
    review.refresh_from_db()
    assert review.state == ClockState.RUNNING and review.due_date == D(2025, 10, 11)
    case = engine.fire(case, "accept", actor=actor, version=case.version,
                       data={"on": "2025-10-09"})  # fmt: skip
    review.refresh_from_db()
    assert review.state == ClockState.STOPPED and review.status() == "met"
    decision = Clock.for_case(case).get(key="decision")
    # 60 days from 2025-10-09 → 2025-12-08 (a Monday).
    assert decision.due_date == D(2025, 12, 8)
    case = engine.fire(case, "extend", actor=actor, version=case.version,
                       data={"on": "2025-11-20", "extension": 30})  # fmt: skip
    decision.refresh_from_db()
    # 90 days → 2026-01-07 (a Wednesday).
    assert decision.due_date == D(2026, 1, 7) and case.due_date == D(2026, 1, 7)
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        engine.fire(case, "extend", actor=actor, version=case.version,
                    data={"on": "2025-11-21", "extension": 1})  # fmt: skip
    case = engine.fire(case, "decide", actor=actor, version=case.version,
                       data={"on": "2026-01-08"})  # fmt: skip
    decision.refresh_from_db()
    assert decision.status() == "missed" and case.due_date is None


def test_the_command_the_page_and_the_clock_agree(world, review_process, calendar, client):
    from mediation.tests.factories import make_dispute

    case = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                        received_on="2025-09-30")  # fmt: skip
    clock = Clock.for_case(case).get(key="acceptance_review")
    out = StringIO()
    call_command("deadline", "2025-09-30", "5", "--working", "--json", stdout=out)
    assert json.loads(out.getvalue())["due"] == clock.due_date.isoformat() == "2025-10-14"
    page = client.get("/deadline/", {"start": "2025-09-30", "days": 5, "working": "on"})
    assert "2025-10-14" in page.content.decode()


def test_clock_status_by_date(world, review_process, calendar):
    from mediation.tests.factories import make_dispute

    case = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                        received_on="2025-09-30")  # fmt: skip
    clock = Clock.for_case(case).get(key="acceptance_review")  # due 2025-10-14
    assert clock.status(today=D(2025, 10, 1), due_soon_days=3) == "running"
    assert clock.status(today=D(2025, 10, 11), due_soon_days=3) == "due_soon"
    assert clock.status(today=D(2025, 10, 15), due_soon_days=3) == "overdue"
