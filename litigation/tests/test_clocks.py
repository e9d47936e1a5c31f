"""The clocks of a litigation case, with dates worked out by hand (行政诉讼法 2017 Arts. 67, 81,
85, 101; reference/statutes.md §§5, 10).

Periods follow the Civil Procedure Law's rules (Art. 101): the day of service is not counted; a
period whose last day is a rest day ends on the next working day; a make-up working day is not
a rest day. 2026 (statutes-lines.md §H): 端午 Fri 19 – Sun 21 June; 中秋 Fri 25 – Sun 27
September; 国庆 Thu 1 – Wed 7 October; make-up working days Sun 20 September and Sat 10
October."""

from __future__ import annotations

import datetime

import pytest

from cases.calendar import sync_from_package
from cases.models import CalendarYear, Clock, ClockState, ClockStatus
from cases.testing import clock
from core.errors import InvalidInput
from litigation.models import LitigationCase
from litigation.tests.helpers import conclude, fire, on, register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def test_the_answer_period_ends_after_the_dragon_boat_festival(world):
    """Complaint served Thursday 4 June 2026: 15 days (Art. 67) → Friday 19 June, 端午 (19–21
    June) → Monday 22 June."""
    w = world
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 4))
    answer = clock(case, "answer")
    assert (answer.started_on, answer.nominal_due, answer.due_date) == (
        D(2026, 6, 4), D(2026, 6, 19), D(2026, 6, 22),
    )  # fmt: skip
    assert case.due_date == D(2026, 6, 22)
    # The agency answers on Monday 15 June: the clock stops, met.
    with on(D(2026, 6, 15)):
        case = fire(case, "submit_answer", w.agency_haizhu)
    answer = clock(case, "answer")
    assert (answer.state, answer.stopped_on) == (ClockState.STOPPED, D(2026, 6, 15))
    assert answer.status() == ClockStatus.MET
    assert LitigationCase.objects.get(pk=case.pk).answer_submitted_on == D(2026, 6, 15)
    assert case.due_date is None


@pytest.mark.parametrize(
    ("served", "due"),
    [
        # Thursday 10 September + 15 → Friday 25 September, 中秋 (25–27) → Monday 28 September.
        (D(2026, 9, 10), D(2026, 9, 28)),
        # Wednesday 16 September + 15 → Thursday 1 October, 国庆 (1–7) → Thursday 8 October.
        (D(2026, 9, 16), D(2026, 10, 8)),
        # Saturday 5 September + 15 → Sunday 20 September, a make-up working day: it stands.
        (D(2026, 9, 5), D(2026, 9, 20)),
    ],
)
def test_the_answer_period_rolls_past_holidays_not_make_up_days(world, served, due):
    case = register(world.clerk_haizhu, world.haizhu_agency, served)
    assert clock(case, "answer").due_date == due


def test_an_appeal_or_retrial_has_no_first_instance_answer_clock(world):
    case = register(world.clerk_haizhu, world.haizhu_agency, D(2026, 6, 4), level="second",
                    court_case_number="（2026）粤01行终7号")  # fmt: skip
    assert not Clock.for_case(case).exists()
    assert case.due_date is None


def test_the_first_instance_term_is_shown_as_information(world):
    """Filed Wednesday 25 March 2026: 6 months (Art. 81) → Friday 25 September, 中秋 → Monday
    28 September. It is the court's period: a window, never the agency's deadline."""
    w = world
    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 3, 30), filed_on="2026-03-25")
    term = clock(case, "first_instance_term")
    assert (term.started_on, term.nominal_due, term.due_date) == (
        D(2026, 3, 25), D(2026, 9, 25), D(2026, 9, 28),
    )  # fmt: skip
    # 30 March + 15 → Tuesday 14 April: the case's deadline is the answer, not the term.
    assert case.due_date == clock(case, "answer").due_date == D(2026, 4, 14)


def test_appeal_fifteen_days_from_a_judgment(world):
    """Judgment served Wednesday 16 September 2026: 15 days (Art. 85) → Thursday 1 October,
    国庆 (1–7) → Thursday 8 October."""
    w = world
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 1))
    case = conclude(case, w.agency_haizhu, D(2026, 9, 14), "annul", served=D(2026, 9, 16))
    appeal = clock(case, "appeal")
    assert (appeal.started_on, appeal.nominal_due, appeal.due_date) == (
        D(2026, 9, 16), D(2026, 10, 1), D(2026, 10, 8),
    )  # fmt: skip
    assert not Clock.for_case(case).filter(key="appeal_ruling").exists()
    assert clock(case, "answer").state == ClockState.STOPPED  # the case ended
    # A window for the parties, not a staff deadline.
    assert case.due_date is None
    # The agency appeals on Monday 28 September: the window closes, used.
    with on(D(2026, 9, 28)):
        case = fire(case, "record_appeal", w.agency_haizhu, appellant="agency")
    appeal = clock(case, "appeal")
    assert (appeal.state, appeal.stopped_on) == (ClockState.STOPPED, D(2026, 9, 28))
    case = LitigationCase.objects.get(pk=case.pk)
    assert (case.appealed_on, case.appellant) == (D(2026, 9, 28), "agency")
    with on(D(2026, 9, 29)), pytest.raises(InvalidInput):  # recorded once
        fire(case, "record_appeal", w.agency_haizhu, appellant="other")


def test_appeal_ten_days_from_a_ruling_dismissing_the_suit(world):
    """The same day of service, a ruling: 10 days (Art. 85) from Wednesday 16 September →
    Saturday 26 September, in 中秋 (25–27) → Monday 28 September. From Wednesday 30 September
    → Saturday 10 October, a make-up working day: it stands."""
    w = world
    first = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1))
    first = conclude(first, w.clerk_haizhu, D(2026, 9, 15), "dismiss_suit", served=D(2026, 9, 16))
    ruling = clock(first, "appeal_ruling")
    assert (ruling.nominal_due, ruling.due_date) == (D(2026, 9, 26), D(2026, 9, 28))
    assert not Clock.for_case(first).filter(key="appeal").exists()
    second = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 2))
    second = conclude(second, w.clerk_haizhu, D(2026, 9, 30), "dismiss_suit",
                      served=D(2026, 9, 30))  # fmt: skip
    assert clock(second, "appeal_ruling").due_date == D(2026, 10, 10)


@pytest.mark.parametrize("kind", ["withdrawn", "mediated"])
def test_a_withdrawal_or_a_mediation_is_not_appealed(world, kind):
    w = world
    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1))
    case = conclude(case, w.clerk_haizhu, D(2026, 7, 1), kind)
    assert set(Clock.for_case(case).values_list("key", flat=True)) == {"answer"}
    with on(D(2026, 7, 2)), pytest.raises(InvalidInput):
        fire(case, "record_appeal", w.clerk_haizhu, appellant="other")


def test_a_second_instance_judgment_is_final(world):
    w = world
    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1), level="second",
                    court_case_number="（2026）粤01行终8号")  # fmt: skip
    case = conclude(case, w.clerk_haizhu, D(2026, 7, 1), "upheld")
    assert not Clock.for_case(case).exists()
    # A first instance is never "upheld" (Art. 89 is the appeal's).
    first = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 1))
    with pytest.raises(InvalidInput) as raised:
        conclude(first, w.clerk_haizhu, D(2026, 7, 1), "upheld")
    assert "judgment_type" in raised.value.fields
