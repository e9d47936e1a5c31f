"""The legality review process and its clocks, with dates worked out by hand.

Counting (reference/statutes.md §10; statutes-lines.md §0): the day of submission is not
counted; a working-day period counts only working days; make-up working days (调休上班日)
count, statutory holidays do not. 2026 (checked against the project's calendar, the
chinesecalendar package synced into CalendarDay): 中秋 Fri 25 – Sun 27 September; 国庆 Thu 1 –
Wed 7 October; make-up working days Sun 20 September and Sat 10 October.

Periods (legality.process): normative document 15 working days (国办发〔2018〕115号 ❓, at least
5); major decision 15 working days ❓ and "一般不少于7个工作日" (重大行政决策程序暂行条例第二十六条);
contract 10 working days ❓. 补正: the pause's first day counts, the days after it up to and
including the day the materials arrive do not (cases.clocks)."""

from __future__ import annotations

import datetime

import pytest

from cases.models import Clock, ClockState
from core.errors import Conflict, InvalidInput
from legality.models import CounselAssignment, LegalityReview, OpinionPoint
from legality.process import S
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db


def clock(review, kind=None) -> Clock:
    return Clock.for_case(review).get(key=f"review_{kind or review.kind}")


def test_a_document_draft_is_reviewed_within_15_working_days_across_national_day(lw):
    # 国办发〔2018〕115号 ❓: 15 working days. Submitted Wednesday 23 September 2026:
    # 24 Sep (1); 25–27 中秋; 28 (2), 29 (3), 30 (4); 1–7 Oct 国庆; 8 (5), 9 (6),
    # Sat 10 Oct make-up day (7); 12 (8), 13 (9), 14 (10), 15 (11), 16 (12), 19 (13), 20 (14),
    # 21 (15) → Wednesday 21 October 2026.
    review = submit(lw, D(2026, 9, 23))
    assert review.state == S.SUBMITTED
    assert clock(review).due_date == D(2026, 10, 21)
    assert review.due_date == D(2026, 10, 21)
    assert review.number.startswith("（2026）")


def test_correction_pauses_the_clock_and_materials_resume_it(lw):
    clerk = lw.clerk_haizhu
    review = submit(lw, D(2026, 9, 23))
    # 补正 asked on Tuesday 29 September: 24 Sep, 28, 29 counted (3 of 15).
    with on(D(2026, 9, 29)):
        review = fire(review, "request_correction", clerk, items="补充提交起草说明中的法律依据条文")
    running = clock(review)
    assert review.state == S.CORRECTION
    assert running.state == ClockState.PAUSED
    # Materials supplied on Friday 9 October by the department: 30 Sep – 9 Oct not counted;
    # the 12 days left run from Sat 10 Oct (make-up day, 4), 12 (5), 13 (6), 14 (7), 15 (8),
    # 16 (9), 19 (10), 20 (11), 21 (12), 22 (13), 23 (14), 26 (15) → Monday 26 October.
    with on(D(2026, 10, 9)):
        review = fire(review, "materials_supplied", lw.agency_haizhu)
    running = clock(review)
    assert review.state == S.UNDER_REVIEW
    assert (running.state, running.due_date) == (ClockState.RUNNING, D(2026, 10, 26))
    assert review.due_date == D(2026, 10, 26)
    # The opinion on the last day, Monday 26 October: on time, 15 working days of review.
    with on(D(2026, 10, 26)):
        review = fire(review, "issue_opinion", clerk, **OPINION)
    assert review.state == S.OPINION_ISSUED
    assert (review.on_time, review.review_working_days, review.below_minimum) == (True, 15, False)
    assert clock(review).state == ClockState.STOPPED


def test_an_opinion_after_the_period_is_not_on_time(lw):
    review = submit(lw, D(2026, 9, 23))  # due Wednesday 21 October (above)
    with on(D(2026, 10, 22)):
        review = fire(review, "issue_opinion", lw.clerk_haizhu, **OPINION)
    # 16 working days: the 15 above and Thursday 22 October.
    assert (review.on_time, review.review_working_days) == (False, 16)
    assert clock(review).status() == "missed"


def test_a_major_decision_opinion_sooner_than_7_working_days_is_flagged(lw):
    # 重大行政决策程序暂行条例第二十六条: "一般不少于7个工作日". Submitted Monday 28 September.
    early = submit(
        lw, D(2026, 9, 28), "decision", title="关于实施老旧小区改造三年行动的决定（草案）"
    )
    late = submit(lw, D(2026, 9, 28), "decision", title="关于调整城市公交票价的决定（草案）")
    # 15 working days ❓: 29 (1), 30 (2), 8 Oct (3), 9 (4), Sat 10 (5), 12 (6), 13 (7), 14 (8),
    # 15 (9), 16 (10), 19 (11), 20 (12), 21 (13), 22 (14), 23 (15) → Friday 23 October.
    assert clock(early).due_date == D(2026, 10, 23)
    # Opinion on Friday 9 October: 29, 30 Sep, 8, 9 Oct = 4 working days < 7: flagged, not
    # refused ("一般").
    with on(D(2026, 10, 9)):
        early = fire(early, "issue_opinion", lw.clerk_haizhu, **OPINION)
    assert (early.review_working_days, early.below_minimum, early.on_time) == (4, True, True)
    # Opinion on Tuesday 13 October: 29, 30 Sep, 8, 9, Sat 10 (make-up), 12, 13 = 7: not
    # flagged.
    with on(D(2026, 10, 13)):
        late = fire(late, "issue_opinion", lw.clerk_haizhu, **OPINION)
    assert (late.review_working_days, late.below_minimum) == (7, False)


def test_a_contract_clock_counts_the_make_up_sunday(lw):
    # 10 working days ❓ from Friday 18 September: Sun 20 Sep make-up day (1), 21 (2), 22 (3),
    # 23 (4), 24 (5); 25–27 中秋; 28 (6), 29 (7), 30 (8); 国庆; 8 Oct (9), 9 Oct (10) → Friday
    # 9 October.
    review = submit(lw, D(2026, 9, 18), "contract")
    assert clock(review).due_date == D(2026, 10, 9)
    assert clock(review).length == 10


def test_the_period_of_a_kind_is_configurable(lw, settings):
    # FAZHI_LEGALITY_CONTRACT_REVIEW_DAYS = 5 (❓ local): from Friday 18 September: Sun 20
    # (1), 21 (2), 22 (3), 23 (4), 24 (5) → Thursday 24 September.
    settings.FAZHI_LEGALITY_CONTRACT_REVIEW_DAYS = 5
    review = submit(lw, D(2026, 9, 18), "contract")
    assert (clock(review).length, clock(review).due_date) == (5, D(2026, 9, 24))


def test_counsel_opinion_and_the_departments_answers_point_by_point(lw):
    from legality.models import Counsel

    clerk = lw.clerk_haizhu
    lawyer = Counsel.objects.create(
        name="陈律", kind="government_lawyer", organization=lw.haizhu_agency,
        region_code=lw.haizhu.code,
    )  # fmt: skip
    review = submit(lw, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        review = fire(review, "start_review", clerk)
        review = fire(review, "ask_counsel", clerk, counsel=str(lawyer.pk))
        with pytest.raises(InvalidInput) as asked_twice:
            fire(review, "ask_counsel", clerk, counsel=str(lawyer.pk))
    assert "counsel" in asked_twice.value.fields
    assignment = CounselAssignment.objects.get(review=review)
    with on(D(2026, 6, 5)):
        review = fire(review, "counsel_opinion", clerk, assignment=str(assignment.pk),
                      opinion="第五条缺乏上位法依据。", hours="3.5")  # fmt: skip
    assignment.refresh_from_db()
    assert (assignment.opinion_on, str(assignment.hours)) == (D(2026, 6, 5), "3.5")
    with on(D(2026, 6, 10)):
        review = fire(review, "issue_opinion", clerk, **OPINION)
    assert list(review.points.values_list("number", "text")) == [
        (1, "删除第五条关于备案的规定"), (2, "第八条罚款数额应与上位法一致"),
    ]  # fmt: skip
    # Not adopted without reasons: refused, nothing changed.
    with on(D(2026, 6, 12)):
        with pytest.raises(InvalidInput) as no_reasons:
            fire(review, "record_answers", lw.agency_haizhu, answer_1="adopted",
                 answer_2="not_adopted")  # fmt: skip
    assert "reasons_2" in no_reasons.value.fields
    assert LegalityReview.objects.get(pk=review.pk).state == S.OPINION_ISSUED
    assert not OpinionPoint.objects.filter(review=review).exclude(answer="").exists()
    with on(D(2026, 6, 12)):
        review = fire(review, "record_answers", lw.agency_haizhu, answer_1="adopted",
                      answer_2="not_adopted", reasons_2="上位法已授权地方设定该罚款幅度")  # fmt: skip
    assert (review.state, review.outcome, review.answered_on) == (
        S.CLOSED, "answered", D(2026, 6, 12),
    )  # fmt: skip
    assert list(review.points.values_list("answer", "reasons")) == [
        ("adopted", ""), ("not_adopted", "上位法已授权地方设定该罚款幅度"),
    ]  # fmt: skip
    assert review.closed_at is not None


def test_an_opinion_other_than_lawful_needs_its_points(lw):
    review = submit(lw, D(2026, 6, 1))
    with on(D(2026, 6, 8)):
        with pytest.raises(InvalidInput) as refused:
            fire(review, "issue_opinion", lw.clerk_haizhu, **{**OPINION, "points": " \n"})
        assert "points" in refused.value.fields
        assert LegalityReview.objects.get(pk=review.pk).opinion_on is None
        # "合法" needs none.
        review = fire(review, "issue_opinion", lw.clerk_haizhu,
                      **{**OPINION, "conclusion": "lawful", "points": ""})  # fmt: skip
    assert (review.conclusion, review.points.count()) == ("lawful", 0)


def test_only_the_legal_section_issues_the_opinion(lw):
    from core.errors import PermissionDenied

    review = submit(lw, D(2026, 6, 1))
    with on(D(2026, 6, 8)):
        with pytest.raises(PermissionDenied):
            fire(review, "issue_opinion", lw.agency_haizhu, **OPINION)
        with pytest.raises(Conflict):
            fire(review, "record_answers", lw.agency_haizhu)
    assert LegalityReview.objects.get(pk=review.pk).state == S.SUBMITTED
