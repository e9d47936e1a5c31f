"""The clocks of a legal aid case, with dates worked out by hand (法律援助法第四十三条、第四十九条;
reference/statutes.md §§2, 10). 2026: 端午节 Fri 19 June; National Day 1–7 October (make-up
working day Sat 10 October)."""

from __future__ import annotations

import datetime

import pytest

from cases import engine
from cases.calendar import get_calendar
from cases.clocks import compute_due
from cases.models import Clock, ClockState
from cases.testing import clock, fire, holidays, on
from legalaid.models import AidCase
from legalaid.tests.factories import make_application

D = datetime.date


@pytest.fixture
def calendar(db):
    holidays()
    return get_calendar()


def _apply(w, day):
    with on(day):
        return make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)


@pytest.mark.django_db
def test_review_period_pauses_while_materials_are_supplied(aid_world, calendar):
    w = aid_world
    clerk = w.aid_clerk_haizhu
    # Received Monday 1 June: 7 days → Monday 8 June.
    case = _apply(w, D(2026, 6, 1))
    assert clock(case, "review").due_date == D(2026, 6, 8)
    # Materials asked for on Wednesday 3 June (days 2 and 3 counted so far) ...
    with on(D(2026, 6, 3)):
        case = fire(case, "request_correction", clerk, items="身份证明复印件")
    assert clock(case, "review").state == ClockState.PAUSED
    # ... and supplied on Wednesday 10 June: 4–10 June are not counted, days 3–7 are
    # 11–15 June → due Monday 15 June (Art. 43: the time to supply is not counted).
    with on(D(2026, 6, 10)):
        case = fire(case, "corrections_received", clerk, materials=["identity"])
    review = clock(case, "review")
    assert (review.state, review.due_date) == (ClockState.RUNNING, D(2026, 6, 15))
    # Granted on Friday 12 June: review took 2 + 2 working days (the pause not counted), more
    # than the local one-working-day target.
    with on(D(2026, 6, 12)):
        case = fire(case, "grant", clerk)
    case = AidCase.objects.get(pk=case.pk)
    assert clock(case, "review").state == ClockState.STOPPED
    assert (case.review_days, case.review_within_target) == (4, False)
    # The assignment period (3 days) runs from the grant: 15 June.
    assert clock(case, "assignment").due_date == D(2026, 6, 15)


@pytest.mark.django_db
def test_local_target_skips_the_dragon_boat_holiday(aid_world, calendar):
    # Received Thursday 18 June: one working day → not Friday 19 June (端午节), not the
    # weekend, Monday 22 June. The statutory 7 days end Thursday 25 June.
    case = _apply(aid_world, D(2026, 6, 18))
    assert clock(case, "review_target").due_date == D(2026, 6, 22)
    assert clock(case, "review").due_date == D(2026, 6, 25)
    # The case's deadline on the worklist is the earlier of the two.
    assert case.due_date == D(2026, 6, 22)


@pytest.mark.django_db
def test_assignment_period_ending_on_a_holiday_rolls_forward(aid_world, calendar):
    w = aid_world
    case = _apply(w, D(2026, 6, 15))
    # Granted Tuesday 16 June: 3 days → Friday 19 June, 端午节 → Monday 22 June.
    with on(D(2026, 6, 16)):
        case = fire(case, "grant", w.aid_clerk_haizhu)
    assignment = clock(case, "assignment")
    assert (assignment.nominal_due, assignment.due_date) == (D(2026, 6, 19), D(2026, 6, 22))
    # Assigned on Monday 22 June: met.
    with on(D(2026, 6, 22)):
        case = fire(case, "assign", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk, reason="通知辩护")
    assignment = clock(case, "assignment")
    assert assignment.state == ClockState.STOPPED
    assert assignment.status(today=D(2026, 6, 22)) == "met"


@pytest.mark.django_db
def test_objection_period_over_national_day(aid_world, calendar):
    w = aid_world
    case = _apply(w, D(2026, 9, 21))
    with on(D(2026, 9, 22)):
        case = fire(case, "refuse", w.aid_clerk_haizhu, reason="不符合经济困难标准")
    # Objection filed Monday 28 September: 5 days → Saturday 3 October, inside the National
    # Day holiday (1–7 October) → Thursday 8 October (Art. 49).
    with on(D(2026, 9, 28)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="申请人系低保对象")
    objection = clock(case, "objection")
    assert (objection.nominal_due, objection.due_date) == (D(2026, 10, 3), D(2026, 10, 8))
    with on(D(2026, 10, 8)):
        case = fire(case, "uphold_objection", w.aid_clerk_haizhu, reason="低保证明属实")
    case = AidCase.objects.get(pk=case.pk)
    assert (case.state, case.decision, case.closed_at, case.outcome) == (
        "granted",
        "granted",
        None,
        "",
    )
    # The bureau's grant starts the assignment period: 3 days from 8 October → 11 October
    # (a Sunday) → Monday 12 October.
    assert clock(case, "assignment").due_date == D(2026, 10, 12)


@pytest.mark.django_db
def test_case_file_due_thirty_days_after_the_matter_ends(aid_world, calendar):
    w = aid_world
    case = _apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "grant", w.aid_clerk_haizhu)
        case = fire(case, "assign", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk, reason="紧急")
    lawyer_user = w.lawyer_a1.user
    with on(D(2026, 7, 3)):
        case = fire(case, "report_progress", lawyer_user, stage="filed", notes="已立案")
        case = fire(
            case, "conclude", lawyer_user, result="mediated", recovered_losses="12000",
            report="经调解，用人单位支付欠薪12000元。",
        )  # fmt: skip
    # Concluded Friday 3 July: 30 days → Sunday 2 August → Monday 3 August.
    assert clock(case, "case_file").due_date == D(2026, 8, 3)


def test_the_periods_in_working_days_when_so_configured(calendar):
    # FAZHI_LEGALAID_PERIOD_UNIT=working_days (the 2012 rule's reading): 7 working days from
    # Monday 1 June 2026 → Wednesday 10 June; 3 working days from Tuesday 16 June skip the
    # 端午节 and the weekend → Monday 22 June... (17, 18, 22).
    assert compute_due(start=D(2026, 6, 1), length=7, unit="working_days").date == D(2026, 6, 10)
    assert compute_due(start=D(2026, 6, 16), length=3, unit="working_days").date == D(2026, 6, 22)


@pytest.mark.django_db
def test_a_notified_criminal_case_is_assigned_within_three_days_of_the_notice(aid_world, calendar):
    """Art. 36: the agency assigns a lawyer within 3 days of receiving the notice of a court,
    procuratorate or the police; there is no review (Arts. 25, 28), so no review clock and
    no refusal. Notice received Thursday 18 June 2026: 3 days → Sunday 21 June, inside the
    端午 holiday (19–21 June) → due Monday 22 June."""
    from legalaid.choices import Decision, NotifyingAuthority, Source

    w = aid_world
    with on(D(2026, 6, 18)):
        case = make_application(
            organization=w.haizhu_centre, actor=w.aid_clerk_haizhu, matter="criminal",
            category="criminal_defence", source=Source.NOTIFICATION,
            notifying_authority=NotifyingAuthority.COURT, notifying_body="广州市海珠区人民法院",
            hardship="", materials=["identity", "matter"],
        )  # fmt: skip
    assert case.state == "granted"
    assert (case.decision, case.decided_on, case.review_days) == (
        Decision.GRANTED, D(2026, 6, 18), None,
    )  # fmt: skip
    assert not Clock.for_case(case).filter(key__in=["review", "review_target"]).exists()
    assignment = clock(case, "assignment")
    assert assignment.started_on == D(2026, 6, 18)
    assert (assignment.nominal_due, assignment.due_date) == (D(2026, 6, 21), D(2026, 6, 22))
    names = {t.name for t in engine.available(case, w.aid_clerk_haizhu)}
    assert "refuse" not in names and "grant" not in names
    assert {"announce", "assign"} <= names


@pytest.mark.django_db
def test_an_objection_is_decided_once(aid_world, calendar):
    """Art. 49: after the justice bureau has rejected the objection, the route is
    reconsideration or a lawsuit, not a second objection; nothing is written."""
    from core.errors import InvalidInput

    w = aid_world
    case = _apply(w, D(2026, 9, 21))
    with on(D(2026, 9, 22)):
        case = fire(case, "refuse", w.aid_clerk_haizhu, reason="不符合经济困难标准")
    with on(D(2026, 9, 23)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="申请人系低保对象")
    with on(D(2026, 9, 24)):
        case = fire(case, "reject_objection", w.aid_clerk_haizhu, reason="低保证明不属实")
    version = case.version
    with on(D(2026, 9, 25)), pytest.raises(InvalidInput) as raised:
        fire(case, "file_objection", w.aid_clerk_haizhu, reason="再次异议")
    assert "行政复议" in str(raised.value.message) or "reconsideration" in str(raised.value.message)
    assert AidCase.objects.get(pk=case.pk).version == version
