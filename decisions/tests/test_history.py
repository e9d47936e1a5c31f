"""Writing past major decisions in bulk (decisions.history): the rows a decision moved through
the engine would have had — events named as decisions.process names its steps, the
publication clock replayed, the summary fields the steps set — and the refusal of a course
the statute does not allow (重大行政决策程序暂行条例 = DEC; reference/statutes-lines.md §A).

Worked dates (2026, statutes-lines.md §G: 清明 Sat 4 – Mon 6 April; 劳动节 Fri 1 – Tue 5 May,
make-up working day Sat 9 May; 端午 Fri 19 – Sun 21 June):

- Comment period, DEC Art. 15 (30 days, the notice's day not counted): notice Mon 16 March →
  days 17 March … 15 April → last day Wed 15 April 2026, a working day.
- Publication window, DEC Art. 32 with OGI Art. 26 as the ❓ default (20 working days, the
  decision's day not counted): decided Tue 12 May → 1–3 Wed 13–Fri 15, 4–8 Mon 18–Fri 22,
  9–13 Mon 25–Fri 29 May, 14–18 Mon 1–Fri 5 June, 19 Mon 8, 20 Tue 9 June → due Tue 9 June.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import CaseEvent, Clock, ClockState
from decisions import history
from decisions.models import Comment, MajorDecision
from decisions.tests.conftest import (
    DRAFT,
    PHONE,
    D,
    answer_all,
    comment,
    decide,
    draft,
    evidence,
    fire,
    legality,
    meeting,
    on,
    open_comment,
    publish_answers,
    start,
)

pytestmark = pytest.mark.django_db

TITLE = "海珠区农贸市场升级改造三年行动方案"
SUMMARY_FIELDS = (
    "state", "outcome", "version", "due_date", "due_provisional", "number_year",
    "comment_days", "comment_closes_on", "answers_published_on", "expert_on", "risk_on",
    "legality_opinion_on", "legality_conclusion", "meeting_on", "meeting_result", "decided_on",
    "decision_number", "published_on", "published_on_time", "archived_on", "executing_unit_id",
    "evaluated_on", "evaluator", "adjusted_on", "closed_at", "organization_id", "region_code",
    "team_id", "assignee_id", "channel", "created_by_id",
)  # fmt: skip
EXPECTED_EVENTS = [
    ("register", "", "started", D(2026, 3, 2)),
    ("record_draft", "started", "started", D(2026, 3, 10)),
    ("open_comment", "started", "started", D(2026, 3, 16)),
    ("publish_answers", "started", "started", D(2026, 4, 20)),
    ("expert_argumentation", "started", "started", D(2026, 4, 22)),
    ("risk_assessment", "started", "started", D(2026, 4, 24)),
    ("legality_review", "started", "started", D(2026, 5, 6)),
    ("collective_discussion", "started", "started", D(2026, 5, 12)),
    ("decide", "started", "decided", D(2026, 5, 12)),
    ("publish", "decided", "published", D(2026, 5, 26)),
    ("archive", "published", "published", D(2026, 6, 15)),
    ("report_execution", "published", "published", D(2026, 7, 1)),
    ("evaluate", "published", "published", D(2026, 11, 16)),
    ("adjust", "published", "published", D(2026, 11, 30)),
]


def _events(case) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(case).order_by("version")
    ]


def _clocks(case) -> dict:
    return {
        c.key: (c.state, c.unit, c.length, c.started_on, c.nominal_due, c.due_date, c.stopped_on)
        for c in Clock.for_case(case)
    }


def _decision(w, **fields) -> MajorDecision:
    """The whole course of the module docstring's dates, as a past record gives it."""
    values = dict(
        organization=w.haizhu_bureau, decision_maker=w.haizhu_agency, lead_unit=w.chengguan,
        title=TITLE, matter_kind="plan", summary="对辖区42个农贸市场分批升级改造。",
        started_on=D(2026, 3, 2), expert_triggered=True, risk_triggered=True,
        drafted_on=D(2026, 3, 10), **DRAFT,
        comment_opens_on=D(2026, 3, 16), comment_days=30,
        answers_published_on=D(2026, 4, 20), answers_summary="共收到意见，已逐条研究。",
        expert_on=D(2026, 4, 22), expert_summary="方案可行。",
        risk_on=D(2026, 4, 24), risk_assessor="广州某社会稳定风险评估中心",
        risk_summary="风险等级低。",
        legality_case_number="（2026）海司合审字第0007号", legality_opinion_on=D(2026, 5, 6),
        legality_conclusion="lawful",
        meeting_type="executive", meeting_on=D(2026, 5, 12), meeting_result="adopted",
        dissent="一名副区长认为改造批次过密。",
        decided_on=D(2026, 5, 12), decision_number="海府〔2026〕12号",
        published_on=D(2026, 5, 26), publication_channels="政府门户网站",
        interpretation="政策解读",
        archived_on=D(2026, 6, 15), executing_unit=w.chengguan,
        evaluated_on=D(2026, 11, 16), evaluator="某大学法学院", adjusted_on=D(2026, 11, 30),
    )  # fmt: skip
    values.update(fields)
    return MajorDecision(**values)


def _comment(**fields) -> Comment:
    values = dict(number=1, phone=PHONE, body="建议保留早市。", received_on=D(2026, 3, 20),
                  answer="adopted", answered_on=D(2026, 4, 20))  # fmt: skip
    values.update(fields)
    return Comment(**values)


def _whole(w, **fields) -> history.Record:
    return history.Record(_decision(w, **fields), [_comment()], executions=[D(2026, 7, 1)])


def _live(w):
    """The same course fired step by step through the services and the engine."""
    actor = w.clerk_haizhu
    live = start(w, D(2026, 3, 2), expert_triggered=True, risk_triggered=True)
    live = draft(live, D(2026, 3, 10), actor)
    live = open_comment(live, D(2026, 3, 16), actor)
    comment(live, D(2026, 3, 20))
    answer_all(live, D(2026, 4, 20), actor)
    live = publish_answers(live, D(2026, 4, 20), actor)
    with on(D(2026, 4, 22)):
        evidence(live, "expert", actor)
        live = fire(live, "expert_argumentation", actor, expert_summary="方案可行。")
    with on(D(2026, 4, 24)):
        evidence(live, "risk", actor)
        live = fire(live, "risk_assessment", actor, risk_assessor="广州某社会稳定风险评估中心",
                    risk_summary="风险等级低。")  # fmt: skip
    live = legality(live, D(2026, 5, 6), actor)
    live = meeting(live, D(2026, 5, 12), actor)
    live = decide(live, D(2026, 5, 12), actor)
    with on(D(2026, 5, 26)):
        live = fire(live, "publish", actor, publication_channels="政府门户网站",
                    interpretation="政策解读")  # fmt: skip
    with on(D(2026, 6, 15)):
        live = fire(live, "archive", actor)
    with on(D(2026, 7, 1)):
        live = fire(live, "report_execution", actor, executing_unit=w.chengguan.pk,
                    report="已完成第一批改造。")  # fmt: skip
    with on(D(2026, 11, 16)):
        live = fire(live, "evaluate", actor, evaluator="某大学法学院", findings="效果良好。")
    with on(D(2026, 11, 30)):
        live = fire(live, "adjust", actor, reason="调整第三批改造的时间。")
    return live


def test_a_course_written_in_bulk_is_the_course_fired_through_the_engine(dw):
    """Same events (names, states, days), same publication clock — 20 working days from
    Tuesday 12 May → Tuesday 9 June, stopped on the publication of 26 May (on time) — and the
    same summary fields; only the number's serial differs (the second decision of the year)."""
    w = dw
    live = _live(w)
    with on(D(2026, 12, 1)):
        [bulk] = history.write([_whole(w)], actor=w.clerk_haizhu)
    bulk = MajorDecision.objects.get(pk=bulk.pk)
    live = MajorDecision.objects.get(pk=live.pk)
    assert _events(bulk) == _events(live) == EXPECTED_EVENTS
    assert _clocks(bulk) == _clocks(live) == {
        "publication": (ClockState.STOPPED, "working_days", 20, D(2026, 5, 12), D(2026, 6, 9),
                        D(2026, 6, 9), D(2026, 5, 26)),
    }  # fmt: skip
    for name in SUMMARY_FIELDS:
        assert getattr(bulk, name) == getattr(live, name), name
    assert bulk.comment_closes_on == D(2026, 4, 15)
    assert (bulk.state, bulk.outcome, bulk.published_on_time) == ("published", "decided", True)
    assert timezone.localtime(live.received_at).date() == D(2026, 3, 2)
    assert (timezone.localtime(bulk.received_at).date(), bulk.number_seq) == (D(2026, 3, 2), 2)
    assert bulk.number.endswith("第0002号") and live.number.endswith("第0001号")
    [written] = bulk.comments.all()
    [given] = live.comments.all()
    assert (written.number, written.received_on, written.answer, written.region_code) == (
        given.number, given.received_on, given.answer, given.region_code,
    )  # fmt: skip


def test_a_decision_waiting_for_publication_has_the_window_as_its_deadline(dw):
    """Decided Tuesday 12 May, not yet published: the publication clock runs to Tuesday 9 June
    and is the case's deadline, as after the live `decide` step."""
    w = dw
    cut = dict(published_on=None, publication_channels="", interpretation="", archived_on=None,
               evaluated_on=None, evaluator="", adjusted_on=None, executing_unit=None)  # fmt: skip
    [written] = history.write([history.Record(_decision(w, **cut), [_comment()])])
    written.refresh_from_db()
    assert (written.state, written.outcome, written.version) == ("decided", "decided", 9)
    assert (written.due_date, written.due_provisional, written.published_on_time) == (
        D(2026, 6, 9), False, None,
    )  # fmt: skip
    assert _clocks(written)["publication"][0] == ClockState.RUNNING


def test_a_late_publication_is_written_as_it_was(dw):
    """Published Wednesday 10 June, a day after the window (Tuesday 9 June): recorded, marked
    late, not refused."""
    [written] = history.write([_whole(dw, published_on=D(2026, 6, 10), archived_on=None)])
    written.refresh_from_db()
    assert written.published_on_time is False
    assert _clocks(written)["publication"][5:] == (D(2026, 6, 9), D(2026, 6, 10))


def test_a_decision_in_preparation_an_exempt_one_and_one_not_pursued(dw):
    w = dw
    preparing = _decision(w, title="征求意见中的决策", comment_opens_on=D(2026, 5, 20),
                          answers_published_on=None, expert_on=None, risk_on=None,
                          legality_opinion_on=None, legality_conclusion="", meeting_on=None,
                          meeting_result="", decided_on=None, decision_number="",
                          published_on=None, archived_on=None, evaluated_on=None,
                          adjusted_on=None)  # fmt: skip
    exempt = _decision(w, title="不公开的决策", participation_exempt=True,
                       exemption_reason="涉及国家秘密。", comment_opens_on=None, comment_days=None,
                       answers_published_on=None, evaluated_on=None, adjusted_on=None)  # fmt: skip
    dropped = _decision(w, title="不再决策的事项", comment_opens_on=None, comment_days=None,
                        answers_published_on=None, expert_on=None, risk_on=None,
                        legality_opinion_on=None, legality_conclusion="", meeting_on=None,
                        meeting_result="", decided_on=None, decision_number="",
                        published_on=None, archived_on=D(2026, 4, 1), evaluated_on=None,
                        adjusted_on=None)  # fmt: skip
    records = [
        history.Record(preparing, [_comment(received_on=D(2026, 5, 25), answer="",
                                            answered_on=None)]),
        history.Record(exempt, exempted_on=D(2026, 3, 10), executions=[D(2026, 7, 1)]),
        history.Record(dropped, abandoned_on=D(2026, 3, 31)),
    ]  # fmt: skip
    history.write(records, actor=w.clerk_haizhu)
    preparing, exempt, dropped = (MajorDecision.objects.get(title=r.decision.title)
                                  for r in records)  # fmt: skip
    # Notice Wed 20 May + 30 days → Fri 19 June, 端午 → Mon 22 June.
    assert (preparing.state, preparing.comment_closes_on, preparing.due_date) == (
        "started", D(2026, 6, 22), None,
    )  # fmt: skip
    assert [t for t, *_ in _events(exempt)][:3] == ["register", "record_draft",
                                                    "exempt_participation"]  # fmt: skip
    assert exempt.state == "published"
    assert _events(dropped)[-2:] == [
        ("abandon", "started", "abandoned", D(2026, 3, 31)),
        ("archive", "abandoned", "abandoned", D(2026, 4, 1)),
    ]
    assert (dropped.outcome, timezone.localtime(dropped.closed_at).date()) == (
        "abandoned", D(2026, 3, 31),
    )  # fmt: skip
    assert not Clock.for_case(dropped).exists()


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        # DEC Arts. 14, 25, 30: no decision with a mandatory step missing.
        ({"legality_opinion_on": None, "legality_conclusion": ""}, "discussed only after"),
        ({"meeting_on": None, "meeting_type": "", "meeting_result": ""}, "mandatory steps"),
        ({"meeting_result": "deferred"}, "mandatory steps"),
        ({"expert_on": None}, "mandatory steps"),
        ({"risk_on": None}, "mandatory steps"),
        ({"answers_published_on": None}, "mandatory steps"),
        ({"comment_opens_on": None, "answers_published_on": None}, "mandatory steps"),
        # A mandatory step after the decision is missing on its day.
        ({"risk_on": D(2026, 5, 13)}, "mandatory steps"),
        # Art. 28: discussed before the review, or found unlawful.
        ({"legality_opinion_on": D(2026, 5, 13)}, "discussed only after"),
        ({"legality_conclusion": "unlawful"}, "unlawful"),
        # Art. 18: handling published within the period (it ends 15 April).
        ({"answers_published_on": D(2026, 4, 15)}, "runs until 2026-04-15"),
        # Art. 15: a short period needs its reasons.
        ({"comment_days": 20}, "under 30 days"),
        ({"drafted_on": None}, "after it is recorded"),
        # Art. 36: not the unit that assessed the risk.
        ({"evaluator": "广州某社会稳定风险评估中心"}, "Art. 36"),
        # Order of the process: published before it was decided, a step before the start.
        ({"decided_on": D(2026, 5, 27)}, "not possible in the state"),
        ({"drafted_on": D(2026, 3, 1)}, "precedes the start"),
        ({"state": "decided"}, "lead to 'published'"),
        ({"participation_exempt": True, "exemption_reason": "涉密。"}, "exempt matter"),
    ],
)  # fmt: skip
def test_an_impossible_course_is_refused_and_nothing_is_written(dw, fields, match):
    good = _whole(dw, title="另一项决策")
    with pytest.raises(ValueError, match=match):
        history.write([good, _whole(dw, **fields)])
    assert not MajorDecision.objects.exists()
    assert not CaseEvent.objects.exists() and not Comment.objects.exists()


def test_comments_unanswered_or_outside_the_period_are_refused(dw):
    for comment_ in (_comment(answer="", answered_on=None), _comment(received_on=D(2026, 4, 16)),
                     _comment(answer="not_adopted")):  # fmt: skip
        with pytest.raises(ValueError):
            history.write([history.Record(_decision(dw), [comment_])])
    assert not MajorDecision.objects.exists()
