"""Writing past legality reviews in bulk (legality.history): the rows a review moved through the
engine would have had — events named as legality.process names its steps, the review clock
replayed with its 补正 pauses, the summary fields the transitions' effects set — compared with
the same course fired step by step (legality.services.review_submit, cases.engine.fire), with
dates worked out by hand.

Periods (legality.process): normative document 15 working days (国办发〔2018〕115号 ❓, at least 5);
major decision 15 working days ❓ and "一般不少于7个工作日" (重大行政决策程序暂行条例第二十六条);
contract 10 working days ❓. The day of submission is not counted; make-up working days count,
statutory holidays do not (statutes.md §10). 补正: the pause's first day counts, the days after
it up to and including the day the materials arrive do not (cases.clocks). 2026: 中秋 Fri 25 –
Sun 27 September; 国庆 Thu 1 – Wed 7 October; make-up working days Sun 20 September and Sat 10
October.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.clocks import refresh_open
from cases.models import CaseEvent, Clock, ClockPause, ClockState, NumberSequence
from legality import history
from legality.models import Counsel, CounselAssignment, LegalityReview, OpinionPoint
from legality.process import S
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db
TITLE = "关于规范城市道路占用管理的若干规定（送审稿）"
POINTS = ["删除第五条关于备案的规定", "第八条罚款数额应与上位法一致"]
REASONS = "上位法已授权地方设定该罚款幅度"


def _events(review) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(review).order_by("version")
    ]


def _clocks(review) -> dict:
    return {
        c.key: (c.state, c.unit, c.length, c.started_on, c.nominal_due, c.due_date,
                c.provisional, c.stopped_on,
                list(ClockPause.objects.filter(clock=c).values_list("start", "end", "reason")))
        for c in Clock.for_case(review)
    }  # fmt: skip


SUMMARY = ("state", "outcome", "version", "due_date", "due_provisional", "number_year",
           "submitted_on", "kind", "department_id", "organization_id", "region_code",
           "team_id", "title", "conclusion", "opinion_authority", "opinion_procedure",
           "opinion_conformity", "opinion_on", "review_working_days", "below_minimum",
           "on_time", "answered_on", "correction_items", "counterparty", "amount",
           "term_start", "term_end")  # fmt: skip


def _summary(review) -> dict:
    review = LegalityReview.objects.get(pk=review.pk)
    local = lambda value: value and timezone.localtime(value).date()  # noqa: E731
    out = {name: getattr(review, name) for name in SUMMARY}
    out["received_on"] = local(review.received_at)
    out["accepted_on"] = local(review.accepted_at)
    out["closed_on"] = local(review.closed_at)
    out["points"] = list(OpinionPoint.objects.filter(review=review).values_list(
        "number", "text", "answer", "reasons", "answered_on", "region_code"))  # fmt: skip
    out["counsel"] = list(CounselAssignment.objects.filter(review=review).values_list(
        "counsel_id", "assigned_on", "opinion", "opinion_on", "hours"))  # fmt: skip
    return out


def _same(bulk, live) -> None:
    assert _events(bulk) == _events(live)
    assert _clocks(bulk) == _clocks(live)
    assert _summary(bulk) == _summary(live)


def _review(w, submitted, kind="document", **fields) -> LegalityReview:
    fields = {"title": TITLE, "summary": "规范占道经营审批。", **fields}
    if kind == "contract":
        fields = {"counterparty": "广州某某建设有限公司", "amount": Decimal("1200000.00"),
                  "term_start": D(2026, 11, 1), "term_end": D(2027, 10, 31),
                  "key_risks": "工期延误；付款条件不明确。", **fields}  # fmt: skip
    return LegalityReview(organization=w.haizhu_bureau, department=w.haizhu_agency, kind=kind,
                          submitted_on=submitted, channel="online", **fields)  # fmt: skip


def _opinion(review, day, conclusion="lawful_if_revised"):
    review.conclusion = conclusion
    review.opinion_authority = OPINION["opinion_authority"]
    review.opinion_procedure = OPINION["opinion_procedure"]
    review.opinion_conformity = OPINION["opinion_conformity"]
    review.opinion_on = day
    return review


def _counsel(w) -> Counsel:
    return Counsel.objects.create(name="陈律", kind="government_lawyer",
                                  organization=w.haizhu_agency, region_code=w.haizhu.code)  # fmt: skip


def test_a_whole_course_gives_the_rows_and_figures_the_engine_gives(lw):
    """Submitted Wednesday 23 September 2026, the review started Thursday 24; 补正 asked
    Tuesday 29 September (24, 28, 29: 3 of 15 counted); materials Friday 9 October (30 Sep – 9
    Oct not counted); counsel asked Monday 12 and answering Wednesday 14 October; the opinion
    on Monday 26 October, the last day: Sat 10 Oct (4), 12 (5) … 23 (14), 26 (15) → on time,
    15 working days, not below the minimum of 5; answered Friday 30 October, point 2 not
    adopted with its reasons."""
    w, clerk = lw, lw.clerk_haizhu
    lawyer = _counsel(w)
    live = submit(w, D(2026, 9, 23))
    with on(D(2026, 9, 24)):
        live = fire(live, "start_review", clerk)
    with on(D(2026, 9, 29)):
        live = fire(live, "request_correction", clerk, items="补充提交起草说明中的法律依据条文")
    with on(D(2026, 10, 9)):
        live = fire(live, "materials_supplied", w.agency_haizhu)
    with on(D(2026, 10, 12)):
        live = fire(live, "ask_counsel", clerk, counsel=str(lawyer.pk))
    assignment = CounselAssignment.objects.get(review=live)
    with on(D(2026, 10, 14)):
        live = fire(live, "counsel_opinion", clerk, assignment=str(assignment.pk),
                    opinion="第五条缺乏上位法依据。", hours="3.5")  # fmt: skip
    with on(D(2026, 10, 26)):
        live = fire(live, "issue_opinion", clerk, **OPINION)
    with on(D(2026, 10, 30)):
        live = fire(live, "record_answers", w.agency_haizhu, answer_1="adopted",
                    answer_2="not_adopted", reasons_2=REASONS)  # fmt: skip

    review = _opinion(_review(w, D(2026, 9, 23)), D(2026, 10, 26))
    review.answered_on = D(2026, 10, 30)
    record = history.Record(
        review, started_on=D(2026, 9, 24),
        corrections=[history.Correction(D(2026, 9, 29), "补充提交起草说明中的法律依据条文",
                                        D(2026, 10, 9))],
        counsel=[CounselAssignment(counsel=lawyer, assigned_on=D(2026, 10, 12),
                                   opinion="第五条缺乏上位法依据。", opinion_on=D(2026, 10, 14),
                                   hours=Decimal("3.5"))],
        points=[OpinionPoint(number=1, text=POINTS[0], answer="adopted",
                             reasons="不该留下的理由"),
                OpinionPoint(number=2, text=POINTS[1], answer="not_adopted", reasons=REASONS)],
    )  # fmt: skip
    with on(D(2026, 10, 30)):
        [bulk] = history.write([record], actor=clerk)
    _same(bulk, live)
    assert [name for name, *_ in _events(bulk)] == [
        "register", "start_review", "request_correction", "materials_supplied", "ask_counsel",
        "counsel_opinion", "issue_opinion", "record_answers",
    ]  # fmt: skip
    bulk = LegalityReview.objects.get(pk=bulk.pk)
    assert (bulk.state, bulk.outcome, bulk.on_time, bulk.review_working_days) == (
        S.CLOSED, "answered", True, 15,
    )  # fmt: skip
    assert _clocks(bulk)["review_document"][:8] == (
        ClockState.STOPPED, "working_days", 15, D(2026, 9, 23), D(2026, 10, 26),
        D(2026, 10, 26), False, D(2026, 10, 26),
    )  # fmt: skip
    assert bulk.number.startswith("（2026）") and bulk.number != live.number
    assert bulk.created_by == clerk


def test_a_contract_withdrawn_while_materials_are_waited_for(lw):
    """A contract submitted Friday 18 September 2026: 10 working days ❓ → Friday 9 October
    (Sun 20 Sep make-up day counted). 补正 asked Tuesday 22 September (20, 21, 22: 3 counted);
    the clock then shows the date it would have if the materials came that day: the 7 left
    from Wed 23 — 23 (4), 24 (5), 28 (6), 29 (7), 30 (8), 8 Oct (9), 9 Oct (10) → 9 October
    (the pause's first day counts). Withdrawn Wednesday 30 September: the pause closes, the
    clock stops; the review is closed as withdrawn."""
    w, clerk = lw, lw.clerk_haizhu
    live = submit(w, D(2026, 9, 18), "contract")
    with on(D(2026, 9, 22)):
        live = fire(live, "request_correction", clerk, items="请补充合同相对方资质证明。")
    with on(D(2026, 9, 30)):
        live = fire(live, "withdraw", w.agency_haizhu, reason="项目取消")
    record = history.Record(
        _review(w, D(2026, 9, 18), "contract"),
        corrections=[history.Correction(D(2026, 9, 22), "请补充合同相对方资质证明。")],
        withdrawn_on=D(2026, 9, 30),
    )
    with on(D(2026, 10, 20)):  # the day of writing does not move a stopped clock
        [bulk] = history.write([record], actor=clerk)
    _same(bulk, live)
    bulk = LegalityReview.objects.get(pk=bulk.pk)
    assert (bulk.state, bulk.outcome, bulk.due_date) == (S.WITHDRAWN, "withdrawn", None)
    assert _clocks(bulk)["review_contract"][5:] == (
        D(2026, 10, 9), False, D(2026, 9, 30),
        [(D(2026, 9, 22), D(2026, 9, 30), "request_correction")],
    )  # fmt: skip


def test_a_review_still_waiting_for_materials(lw):
    """A major decision submitted Monday 28 September 2026, 补正 asked on Friday 9 October
    (29, 30 Sep, 8, 9 Oct: 4 of 15 counted). On that day both show the due date as if the
    materials came that day: Sat 10 (5), 12 (6) … 16 (10), 19 (11) … 23 (15) → Friday 23
    October. Written on Wednesday 14 October instead, the open pause counts to that day (10 –
    14 October not counted: 15 (5), 16 (6), 19 (7) … 23 (11), 26 (12), 27 (13), 28 (14), 29
    (15) → Thursday 29 October), as `fazhi remind` moves the live one."""
    w, clerk = lw, lw.clerk_haizhu
    live = submit(w, D(2026, 9, 28), "decision")
    with on(D(2026, 10, 9)):
        live = fire(live, "request_correction", clerk, items="请补充风险评估报告。")

    def record():
        return history.Record(
            _review(w, D(2026, 9, 28), "decision"),
            corrections=[history.Correction(D(2026, 10, 9), "请补充风险评估报告。")],
        )

    with on(D(2026, 10, 9)):
        [same_day] = history.write([record()], actor=clerk)
    _same(same_day, live)
    assert LegalityReview.objects.get(pk=same_day.pk).due_date == D(2026, 10, 23)
    with on(D(2026, 10, 14)):
        [later] = history.write([record()], actor=clerk)
        refresh_open()
    assert _clocks(later) == _clocks(live)
    assert _clocks(later)["review_decision"][0] == ClockState.PAUSED
    assert _clocks(later)["review_decision"][5] == D(2026, 10, 29)
    assert LegalityReview.objects.get(pk=later.pk).due_date == D(2026, 10, 29)
    assert LegalityReview.objects.get(pk=later.pk).state == S.CORRECTION


def test_an_opinion_straight_from_submission_on_the_day_of_the_materials(lw):
    """No start step (the opinion may be issued while the review is 已报送); a lawful opinion
    without points on the day the materials arrive, after them. A major decision submitted
    Monday 28 September 2026, 补正 asked Tuesday 29 (1 counted), materials Friday 9 October,
    opinion that day: 29 Sep only → 1 working day, below the 7 of DEC Art. 26 ("一般"):
    flagged, not refused; open for answers, no clock running."""
    w, clerk = lw, lw.clerk_haizhu
    live = submit(w, D(2026, 9, 28), "decision")
    with on(D(2026, 9, 29)):
        live = fire(live, "request_correction", clerk, items="请补充风险评估报告。")
    with on(D(2026, 10, 9)):
        live = fire(live, "materials_supplied", clerk)
        live = fire(live, "issue_opinion", clerk,
                    **{**OPINION, "conclusion": "lawful", "points": ""})  # fmt: skip
    record = history.Record(
        _opinion(_review(w, D(2026, 9, 28), "decision"), D(2026, 10, 9), "lawful"),
        corrections=[history.Correction(D(2026, 9, 29), "请补充风险评估报告。", D(2026, 10, 9))],
    )
    with on(D(2026, 10, 9)):
        [bulk] = history.write([record], actor=clerk)
    _same(bulk, live)
    bulk = LegalityReview.objects.get(pk=bulk.pk)
    assert (bulk.state, bulk.review_working_days, bulk.below_minimum, bulk.due_date) == (
        S.OPINION_ISSUED, 1, True, None,
    )  # fmt: skip


def test_numbers_follow_submission_and_a_given_number_moves_the_sequence(lw):
    """Numbers in blocks per bureau and year, in order of submission whatever the order of the
    records; a number given (第0057号) is kept and the next submission gets 第0058号."""
    w = lw
    late, early = _review(w, D(2026, 6, 3)), _review(w, D(2026, 6, 1), title="另一草案")
    given = _review(w, D(2026, 6, 2), title="第三份草案", number="（2026）海合审字第0057号")
    with on(D(2026, 6, 5)):
        history.write([history.Record(late), history.Record(early), history.Record(given)])
    assert [(r.submitted_on, r.number_seq) for r in LegalityReview.objects.filter(
        number_seq__isnull=False).order_by("number_seq")] == [
        (D(2026, 6, 1), 1), (D(2026, 6, 3), 2)]  # fmt: skip
    assert LegalityReview.objects.get(title="第三份草案").number == "（2026）海合审字第0057号"
    assert NumberSequence.objects.get(organization=w.haizhu_bureau, series="legality").last == 57
    fresh = submit(w, D(2026, 6, 8))
    assert fresh.number_seq == 58


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: setattr(r, "started_on", D(2026, 5, 29)), "precedes the submission"),
        # The opinion while the materials are waited for (issue_opinion is not allowed from
        # 等待补充材料).
        (lambda r: (setattr(r, "corrections", [history.Correction(D(2026, 6, 2), "补正")]),
                    _opinion(r.review, D(2026, 6, 8), "lawful")), "not possible"),
        (lambda r: setattr(r.review, "answered_on", D(2026, 6, 9)), "without an opinion"),
        (lambda r: _opinion(r.review, D(2026, 6, 8)), "states its points"),
        (lambda r: (_opinion(r.review, D(2026, 6, 8)),
                    setattr(r.review, "answered_on", D(2026, 6, 9)),
                    setattr(r, "points", [OpinionPoint(number=1, text="删除",
                                                       answer="not_adopted")])),
         "without reasons"),
        # The start after a 补正 request and its materials: the review is already 审查中.
        (lambda r: (setattr(r, "corrections", [history.Correction(D(2026, 6, 2), "补正",
                                                                  D(2026, 6, 3))]),
                    setattr(r, "started_on", D(2026, 6, 4))), "not possible"),
        (lambda r: (_opinion(r.review, D(2026, 6, 8), "lawful"),
                    setattr(r, "withdrawn_on", D(2026, 6, 9))), "not possible"),
    ],
)  # fmt: skip
def test_an_impossible_course_is_refused_and_nothing_is_written(lw, change, message):
    good = history.Record(_review(lw, D(2026, 6, 1), title="另一草案"))
    bad = history.Record(_review(lw, D(2026, 6, 1)))
    change(bad)
    with on(D(2026, 6, 10)), pytest.raises(ValueError, match=message):
        history.write([good, bad])
    assert not LegalityReview.objects.exists()
    assert not CaseEvent.objects.exists()
    assert not NumberSequence.objects.filter(last__gt=0).exists()


def test_every_table_is_written_by_copy_on_postgresql_and_by_the_orm_elsewhere(lw):
    lawyer = _counsel(lw)
    review = _opinion(_review(lw, D(2026, 6, 1)), D(2026, 6, 8))
    record = history.Record(
        review, started_on=D(2026, 6, 2),
        corrections=[history.Correction(D(2026, 6, 2), "补正", D(2026, 6, 3))],
        counsel=[CounselAssignment(counsel=lawyer, assigned_on=D(2026, 6, 4))],
        points=[OpinionPoint(number=1, text=POINTS[0])],
    )  # fmt: skip
    open_ = history.Record(_review(lw, D(2026, 6, 5), title="另一草案"))
    with CaptureQueriesContext(connection) as queries, on(D(2026, 6, 10)):
        history.write([record, open_])
    statements = [q["sql"] for q in queries.captured_queries]
    verb = "COPY" if connection.vendor == "postgresql" else "INSERT INTO"
    for table in ("legality_legalityreview", "legality_opinionpoint",
                  "legality_counselassignment", "cases_caseevent", "cases_clock",
                  "cases_clockpause"):  # fmt: skip
        assert any(s.startswith(f'{verb} "{table}"') for s in statements), (table, statements)
    assert (LegalityReview.objects.count(), CaseEvent.objects.count(), Clock.objects.count(),
            ClockPause.objects.count()) == (2, 6 + 1, 2, 1)  # fmt: skip
