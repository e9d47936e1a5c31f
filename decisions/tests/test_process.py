"""The procedure of a major decision through the real services and process engine, on fixed
dates (重大行政决策程序暂行条例 = DEC; reference/statutes-lines.md §A).

Worked dates (the project's calendar, chinese_calendar 2026: 中秋 Fri 25–Sun 27 Sept; 国庆
Thu 1–Wed 7 Oct; make-up working days Sun 20 Sept and Sat 10 Oct):

- Comment period, DEC Art. 15 ("一般不少于30日"), the notice's day not counted (§0, MS Art. 85):
  notice Mon 2 Nov 2026 → days 3 Nov … 2 Dec → last day Wed 2 Dec 2026. Notice Tue 1 Sept
  2026 → 30th day Thu 1 Oct, a statutory holiday (国庆) → the period ends on the first day
  after it, Thu 8 Oct 2026. Notice Fri 3 July 2026 → 30th day Sun 2 Aug → Mon 3 Aug.
- Publication window, DEC Art. 32 with OGI Art. 26 as the ❓ default (20 working days from the
  decision, its day not counted): decided Fri 18 Sept 2026 → 1 Sun 20 Sept (调休), 2–5 Mon
  21–Thu 24, (中秋 25–27), 6–8 Mon 28–Wed 30, (国庆 1–7 Oct), 9 Thu 8, 10 Fri 9, 11 Sat 10 Oct
  (调休), 12–16 Mon 12–Fri 16, 17–20 Mon 19–Thu 22 → due Thu 22 Oct 2026.
"""

from __future__ import annotations

import pytest

from cases.models import Clock
from core.errors import InvalidInput, PermissionDenied
from decisions.models import MajorDecision
from decisions.process import comment_closes_on
from decisions.tests.conftest import (
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


def _ready_but_participation(w):
    """Started, drafted, reviewed and discussed: everything but public participation."""
    decision = start(w, D(2026, 8, 3))
    decision = draft(decision, D(2026, 8, 4), w.clerk_haizhu)
    decision = legality(decision, D(2026, 8, 20), w.clerk_haizhu)
    return meeting(decision, D(2026, 8, 27), w.clerk_haizhu)


def test_it_refuses_to_decide_with_public_participation_missing(dw):
    """DEC Art. 14: public participation is mandatory unless the matter is legally
    non-disclosable; the refusal names the missing step and changes nothing."""
    decision = _ready_but_participation(dw)
    version = decision.version
    with pytest.raises(InvalidInput) as exc:
        decide(decision, D(2026, 8, 28), dw.clerk_haizhu)
    assert "公众参与" in exc.value.message
    assert "合法性审查" not in exc.value.message  # only what is missing is named
    fresh = MajorDecision.objects.get(pk=decision.pk)
    assert (fresh.state, fresh.version, fresh.decided_on, fresh.decision_number) == (
        "started",
        version,
        None,
        "",
    )


def test_an_exemption_with_reasons_lets_it_be_decided(dw):
    decision = _ready_but_participation(dw)
    with on(D(2026, 8, 27)):
        decision = fire(decision, "exempt_participation", dw.clerk_haizhu,
                        reason="涉及国家秘密，依法不予公开。")  # fmt: skip
    decision = decide(decision, D(2026, 8, 28), dw.clerk_haizhu)
    assert (decision.state, decision.decided_on, decision.outcome) == (
        "decided",
        D(2026, 8, 28),
        "decided",
    )


def test_it_names_every_missing_step_including_the_triggered_ones(dw):
    decision = start(dw, D(2026, 8, 3), expert_triggered=True, risk_triggered=True)
    with pytest.raises(InvalidInput) as exc:
        decide(decision, D(2026, 8, 4), dw.clerk_haizhu)
    for step in ("公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定"):
        assert step in exc.value.message


def test_a_draft_not_reviewed_or_unlawful_is_not_discussed(dw):
    """DEC Art. 28."""
    decision = start(dw, D(2026, 8, 3))
    with on(D(2026, 8, 27)):
        evidence(decision, "collective", dw.clerk_haizhu)
        with pytest.raises(InvalidInput, match=r"合法性审查|legality review"):
            fire(decision, "collective_discussion", dw.clerk_haizhu, meeting_type="executive",
                 meeting_result="adopted")  # fmt: skip
    decision = legality(decision, D(2026, 8, 28), dw.clerk_haizhu, conclusion="unlawful")
    with on(D(2026, 8, 31)), pytest.raises(InvalidInput):
        fire(decision, "collective_discussion", dw.clerk_haizhu, meeting_type="executive",
             meeting_result="adopted")  # fmt: skip
    assert MajorDecision.objects.get(pk=decision.pk).meeting_on is None


def test_the_risk_assessment_needs_its_report(dw):
    """DEC Art. 23: a written 风险评估报告."""
    decision = start(dw, D(2026, 8, 3), risk_triggered=True)
    with on(D(2026, 8, 10)):
        with pytest.raises(InvalidInput) as exc:
            fire(decision, "risk_assessment", dw.clerk_haizhu, risk_assessor="区委政法委",
                 risk_summary="摊贩安置风险。")  # fmt: skip
        assert "evidence" in exc.value.fields
        evidence(decision, "risk", dw.clerk_haizhu)
        decision = fire(decision, "risk_assessment", dw.clerk_haizhu, risk_assessor="区委政法委",
                        risk_summary="摊贩安置风险。")  # fmt: skip
    assert decision.risk_on == D(2026, 8, 10)


def test_comment_period_of_30_days_first_day_not_counted():
    """DEC Art. 15; statutes-lines §0 (MS Art. 85). See the module docstring."""
    assert comment_closes_on(D(2026, 11, 2), 30) == D(2026, 12, 2)
    assert comment_closes_on(D(2026, 9, 1), 30) == D(2026, 10, 8)  # 1 Oct is 国庆
    assert comment_closes_on(D(2026, 7, 3), 30) == D(2026, 8, 3)  # 2 Aug is a Sunday


def test_opening_the_comment_period_records_its_dates(dw):
    decision = start(dw, D(2026, 11, 2))
    decision = draft(decision, D(2026, 11, 2), dw.clerk_haizhu)
    decision = open_comment(decision, D(2026, 11, 2), dw.clerk_haizhu)
    assert (decision.comment_opens_on, decision.comment_days, decision.comment_closes_on) == (
        D(2026, 11, 2),
        30,
        D(2026, 12, 2),
    )


def test_a_shorter_period_needs_its_reasons(dw):
    """DEC Art. 15: a period under 30 days states its reasons in the notice."""
    decision = draft(start(dw, D(2026, 11, 2)), D(2026, 11, 2), dw.clerk_haizhu)
    with pytest.raises(InvalidInput) as exc:
        open_comment(decision, D(2026, 11, 2), dw.clerk_haizhu, days=15)
    assert "short_period_reason" in exc.value.fields
    assert MajorDecision.objects.get(pk=decision.pk).comment_opens_on is None
    decision = open_comment(decision, D(2026, 11, 2), dw.clerk_haizhu, days=15,
                            reason="台风季前须完成排水改造，时间紧迫。")  # fmt: skip
    assert decision.comment_closes_on == D(2026, 11, 17)


def test_hearing_materials_at_least_7_days_before(dw):
    """DEC Art. 17. Hearing Fri 20 Nov 2026: materials sent Mon 16 Nov (4 days) are refused;
    Fri 13 Nov (7 days) are enough."""
    decision = start(dw, D(2026, 11, 2))
    with on(D(2026, 11, 20)):
        with pytest.raises(InvalidInput) as exc:
            fire(decision, "hold_hearing", dw.clerk_haizhu, hearing_place="区政府三楼会议室",
                 hearing_materials_sent_on="2026-11-16")  # fmt: skip
        assert "hearing_materials_sent_on" in exc.value.fields
        decision = fire(decision, "hold_hearing", dw.clerk_haizhu, hearing_place="区政府三楼会议室",
                        hearing_materials_sent_on="2026-11-13")  # fmt: skip
    assert decision.hearing_on == D(2026, 11, 20)


def _decided_on_18_september(w):
    decision = start(w, D(2026, 7, 1))
    decision = draft(decision, D(2026, 7, 2), w.clerk_haizhu)
    decision = open_comment(decision, D(2026, 7, 3), w.clerk_haizhu)
    assert decision.comment_closes_on == D(2026, 8, 3)
    comment(decision, D(2026, 7, 10))
    answer_all(decision, D(2026, 8, 4), w.clerk_haizhu)
    decision = publish_answers(decision, D(2026, 8, 4), w.clerk_haizhu)
    decision = legality(decision, D(2026, 8, 20), w.clerk_haizhu)
    decision = meeting(decision, D(2026, 9, 17), w.clerk_haizhu)
    return decide(decision, D(2026, 9, 18), w.clerk_haizhu)


def test_publication_window_of_20_working_days_across_national_day(dw):
    """DEC Art. 32; OGI Art. 26 (20 WD, ❓ default). Worked dates in the module docstring."""
    decision = _decided_on_18_september(dw)
    clock = Clock.for_case(decision).get(key="publication")
    assert (clock.started_on, clock.due_date) == (D(2026, 9, 18), D(2026, 10, 22))
    assert decision.due_date == D(2026, 10, 22)
    with on(D(2026, 10, 22)):
        decision = fire(decision, "publish", dw.clerk_haizhu, publication_channels="区政府网站",
                        interpretation="本方案解读：采纳公众意见1条。")  # fmt: skip
    assert (decision.state, decision.published_on, decision.published_on_time) == (
        "published",
        D(2026, 10, 22),
        True,
    )


def test_publication_after_the_window_is_flagged(dw):
    decision = _decided_on_18_september(dw)
    with on(D(2026, 10, 23)):
        decision = fire(decision, "publish", dw.clerk_haizhu, publication_channels="区政府网站",
                        interpretation="解读。")  # fmt: skip
    assert decision.published_on_time is False


def test_answers_are_published_only_after_the_period_with_every_comment_answered(dw):
    decision = draft(start(dw, D(2026, 7, 1)), D(2026, 7, 2), dw.clerk_haizhu)
    decision = open_comment(decision, D(2026, 7, 3), dw.clerk_haizhu)
    comment(decision, D(2026, 7, 10))
    with pytest.raises(InvalidInput, match="2026-08-03"):
        publish_answers(decision, D(2026, 8, 3), dw.clerk_haizhu)  # last day of the period
    with pytest.raises(InvalidInput):
        publish_answers(decision, D(2026, 8, 4), dw.clerk_haizhu)  # one comment unanswered
    answer_all(decision, D(2026, 8, 4), dw.clerk_haizhu)
    decision = publish_answers(decision, D(2026, 8, 4), dw.clerk_haizhu)
    assert decision.answers_published_on == D(2026, 8, 4)


def test_not_adopted_needs_reasons(dw):
    from decisions.services import comment_answer

    decision = open_comment(draft(start(dw, D(2026, 7, 1)), D(2026, 7, 2), dw.clerk_haizhu),
                            D(2026, 7, 3), dw.clerk_haizhu)  # fmt: skip
    c = comment(decision, D(2026, 7, 10))
    with on(D(2026, 8, 4)):
        with pytest.raises(InvalidInput) as exc:
            comment_answer(comment=c, actor=dw.clerk_haizhu, answer="not_adopted")
        assert "reasons" in exc.value.fields
        comment_answer(comment=c, actor=dw.clerk_haizhu, answer="not_adopted",
                       reasons="早市另行规划。")  # fmt: skip
    c.refresh_from_db()
    assert (c.answer, c.reasons, c.answered_on) == ("not_adopted", "早市另行规划。", D(2026, 8, 4))


def test_the_evaluator_is_not_the_pre_decision_assessor(dw):
    """DEC Art. 36."""
    decision = start(dw, D(2026, 7, 1), risk_triggered=True)
    with on(D(2026, 7, 20)):
        evidence(decision, "risk", dw.clerk_haizhu)
        decision = fire(decision, "risk_assessment", dw.clerk_haizhu,
                        risk_assessor="广州某评估中心", risk_summary="可控。")  # fmt: skip
    decision = draft(decision, D(2026, 7, 2), dw.clerk_haizhu)
    decision = open_comment(decision, D(2026, 7, 3), dw.clerk_haizhu)
    decision = publish_answers(decision, D(2026, 8, 4), dw.clerk_haizhu)
    decision = legality(decision, D(2026, 8, 20), dw.clerk_haizhu)
    decision = meeting(decision, D(2026, 9, 17), dw.clerk_haizhu)
    decision = decide(decision, D(2026, 9, 18), dw.clerk_haizhu)
    with on(D(2026, 9, 21)):
        decision = fire(decision, "publish", dw.clerk_haizhu, publication_channels="网站",
                        interpretation="解读。")  # fmt: skip
    with on(D(2026, 11, 20)):
        with pytest.raises(InvalidInput) as exc:
            fire(decision, "evaluate", dw.clerk_haizhu, evaluator="广州某评估中心",
                 findings="效果良好。")  # fmt: skip
        assert "evaluator" in exc.value.fields
        decision = fire(decision, "evaluate", dw.clerk_haizhu, evaluator="某大学法学院",
                        findings="效果良好。")  # fmt: skip
        decision = fire(decision, "suspend", dw.clerk_haizhu, reason="突发事件，暂停执行。")
        decision = fire(decision, "archive", dw.clerk_haizhu)
    assert (decision.state, decision.evaluated_on, decision.archived_on) == (
        "suspended",
        D(2026, 11, 20),
        D(2026, 11, 20),
    )


def test_a_leader_reads_but_does_not_write(dw):
    decision = start(dw, D(2026, 8, 3))
    with on(D(2026, 8, 4)), pytest.raises(PermissionDenied):
        fire(decision, "record_draft", dw.leader_gz, draft_text="x", draft_explanation="y")
    assert MajorDecision.objects.restrict(dw.leader_gz).filter(pk=decision.pk).exists()


def test_a_draft_found_unlawful_after_the_meeting_cannot_be_decided(dw):
    """DEC Art. 28: a draft found unlawful may not be discussed, let alone decided. A review
    recorded again as unlawful after the meeting leaves the legality step missing."""
    d = start(dw, D(2026, 11, 2))
    d = draft(d, D(2026, 11, 2), dw.clerk_haizhu)
    d = open_comment(d, D(2026, 11, 2), dw.clerk_haizhu)
    comment(d, D(2026, 11, 10))
    answer_all(d, D(2026, 12, 3), dw.clerk_haizhu)
    d = publish_answers(d, D(2026, 12, 3), dw.clerk_haizhu)
    d = legality(d, D(2026, 12, 4), dw.clerk_haizhu)
    d = meeting(d, D(2026, 12, 7), dw.clerk_haizhu)
    d = legality(d, D(2026, 12, 8), dw.clerk_haizhu, conclusion="unlawful")
    version = d.version
    with pytest.raises(InvalidInput) as raised:
        decide(d, D(2026, 12, 9), dw.clerk_haizhu)
    assert "合法性审查" in str(raised.value.fields) or "legality" in str(raised.value.fields)
    d = MajorDecision.objects.get(pk=d.pk)
    assert (d.state, d.version) == ("started", version)
