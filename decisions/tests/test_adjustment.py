"""Adjusting a major decision (重大行政决策程序暂行条例 = DEC, State Council Decree 713, Art. 37:
"依法作出的重大行政决策，未经法定程序不得随意变更或者停止执行；……需要作出重大调整的，应当依照本条
例履行相关法定程序"). A minor adjustment is recorded and the decision stays in execution; a major
one starts a new round of the procedure: the decision goes back to preparation, the adjusted
draft, public participation (Arts. 14–18, unless the matter is exempt), expert argumentation
and risk assessment where required (Arts. 19–24), the legality review (Arts. 25–28) and the
collective discussion (Arts. 29–31) are run again, then it is decided and published again
(Art. 32). The history stays; the earlier round's evidence and comments stay on the record but
count for nothing in the new round.

Worked dates (calendar days, the first day not counted, DEC Art. 15 with statutes-lines §0):

- Round 1: started Wed 1 Jul 2026; draft Thu 2 Jul; notice Fri 3 Jul, 30 days → Mon 3 Aug
  (2 Aug is a Sunday, test_process); one comment Fri 10 Jul; handling published Tue 4 Aug;
  legality opinion Thu 20 Aug; executive meeting Thu 17 Sep; decided Fri 18 Sep (海府〔2026〕12
  号); published Tue 22 Sep 2026.
- Major adjustment Mon 9 Nov 2026. Round 2: adjusted draft Mon 9 Nov; notice Tue 10 Nov, 30
  days → days 11 Nov … 10 Dec → last day Thu 10 Dec 2026 (no holiday); one comment Mon 16 Nov;
  handling published Fri 11 Dec; legality opinion Mon 14 Dec; meeting Thu 17 Dec; decided Fri
  18 Dec (海府〔2026〕30号); published Mon 21 Dec 2026.
"""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, Clock
from core.errors import Conflict, InvalidInput
from decisions.models import Comment, Evidence, MajorDecision
from decisions.process import missing_steps
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

ADJUSTED = D(2026, 11, 9)


def _published(w, **start_data):
    """Round 1, decided Fri 18 Sep and published Tue 22 Sep 2026 (module docstring)."""
    clerk = w.clerk_haizhu
    d = start(w, D(2026, 7, 1), **start_data)
    d = draft(d, D(2026, 7, 2), clerk)
    d = open_comment(d, D(2026, 7, 3), clerk)
    comment(d, D(2026, 7, 10), body="建议保留早市。")
    answer_all(d, D(2026, 8, 4), clerk)
    d = publish_answers(d, D(2026, 8, 4), clerk)
    d = legality(d, D(2026, 8, 20), clerk)
    d = meeting(d, D(2026, 9, 17), clerk)
    d = decide(d, D(2026, 9, 18), clerk)
    with on(D(2026, 9, 22)):
        return fire(d, "publish", clerk, publication_channels="区政府网站",
                    interpretation="本方案解读：采纳公众意见1条。")  # fmt: skip


def _adjust_major(w, d, day=ADJUSTED):
    with on(day):
        return fire(d, "adjust_major", w.clerk_haizhu,
                    reason="市场布局规划调整，改造范围由42个市场调整为30个。")  # fmt: skip


def test_a_minor_adjustment_is_recorded_and_the_decision_stays_in_execution(dw):
    d = _published(dw)
    with on(ADJUSTED):
        d = fire(d, "adjust", dw.clerk_haizhu, reason="第二批市场改造顺序微调。")
    assert (d.state, d.round, d.adjusted_on) == ("published", 1, ADJUSTED)
    assert (d.decided_on, d.decision_number, d.published_on) == (
        D(2026, 9, 18), "海府〔2026〕12号", D(2026, 9, 22))  # fmt: skip
    assert missing_steps(d) == []


def test_a_major_adjustment_reopens_the_procedure_and_keeps_the_history(dw):
    """DEC Art. 37: back to preparation; public participation, legality review and collective
    discussion missing again; the events of round 1 kept."""
    d = _adjust_major(dw, _published(dw))
    assert (d.state, d.round, d.adjusted_on, d.outcome) == ("started", 2, ADJUSTED, "")
    assert (d.decided_on, d.decision_number, d.published_on, d.archived_on) == (None, "", None,
                                                                                None)  # fmt: skip
    assert (d.comment_opens_on, d.answers_published_on, d.legality_opinion_on, d.meeting_on) == (
        None, None, None, None)  # fmt: skip
    assert d.drafted_on is None and d.draft_text  # the text stays as the base of the new one
    labels = [str(m) for m in missing_steps(d)]
    assert any("公众参与" in m or "Public participation" in m for m in labels)
    assert any("合法性审查" in m or "Legality review" in m for m in labels)
    assert any("集体讨论决定" in m or "Collective discussion" in m for m in labels)
    events = list(CaseEvent.objects.filter(**CaseEvent.ref(d), transition__in=(
        "decide", "publish", "adjust_major")).order_by("id").values_list("transition", "to_state"))  # fmt: skip
    assert events == [("decide", "decided"), ("publish", "published"),
                      ("adjust_major", "started")]  # fmt: skip
    decided = CaseEvent.objects.get(**CaseEvent.ref(d), transition="decide")
    assert decided.data["decision_number"] == "海府〔2026〕12号"  # the earlier number, on record
    # The earlier round's evidence and comment are kept, in round 1.
    assert set(Evidence.objects.filter(decision=d).values_list("step", "round")) == {
        ("legality", 1), ("collective", 1)}  # fmt: skip
    assert list(Comment.objects.filter(decision=d).values_list("number", "round", "answer")) == [
        (1, 1, "adopted")]  # fmt: skip


def test_it_cannot_be_decided_again_until_the_steps_are_run_again(dw):
    d = _adjust_major(dw, _published(dw))
    with pytest.raises(InvalidInput) as refused:
        decide(d, D(2026, 11, 10), dw.clerk_haizhu)
    assert "公众参与" in refused.value.message or "Public participation" in refused.value.message
    assert MajorDecision.objects.get(pk=d.pk).state == "started"


def test_the_earlier_rounds_evidence_does_not_count_for_the_new_round(dw):
    """DEC Art. 27, 31 with Art. 37: the legality opinion and the meeting record of round 1
    prove nothing for round 2; new evidence is needed."""
    d = _adjust_major(dw, _published(dw))
    with on(D(2026, 12, 14)):
        with pytest.raises(InvalidInput) as refused:
            fire(d, "legality_review", dw.clerk_haizhu, legality_case_number="（2026）海司合审字第0031号",
                 legality_conclusion="lawful")  # fmt: skip
        assert set(refused.value.fields) == {"evidence"}
        evidence(d, "legality", dw.clerk_haizhu)
        d = fire(d, "legality_review", dw.clerk_haizhu,
                 legality_case_number="（2026）海司合审字第0031号", legality_conclusion="lawful")  # fmt: skip
    assert d.legality_opinion_on == D(2026, 12, 14)
    assert set(Evidence.objects.filter(decision=d, step="legality").values_list("round", flat=True)) == {1, 2}  # fmt: skip


def test_the_adjusted_draft_is_recorded_before_the_public_comments_again(dw):
    d = _adjust_major(dw, _published(dw))
    with on(D(2026, 11, 10)), pytest.raises(InvalidInput) as refused:
        fire(d, "open_comment", dw.clerk_haizhu, comment_days=30, short_period_reason="")
    assert set(refused.value.fields) == {"draft_text"}
    assert MajorDecision.objects.get(pk=d.pk).comment_opens_on is None


def test_the_new_round_runs_to_a_new_decision_and_publication(dw):
    clerk = dw.clerk_haizhu
    d = _adjust_major(dw, _published(dw))
    d = draft(d, ADJUSTED, clerk)
    d = open_comment(d, D(2026, 11, 10), clerk)
    assert d.comment_closes_on == D(2026, 12, 10)
    new = comment(d, D(2026, 11, 16), body="建议保留东晓路市场。")
    assert (new.number, new.round) == (2, 2)  # numbering goes on across rounds
    old = Comment.objects.get(decision=d, number=1)
    from decisions.services import comment_answer

    with on(D(2026, 12, 11)):
        # The earlier round's comment keeps its published answer.
        with pytest.raises(InvalidInput) as refused:
            comment_answer(comment=old, actor=clerk, answer="not_adopted", reasons="x")
        assert set(refused.value.fields) == {"answer"}
        with pytest.raises(InvalidInput):  # only round 2's comment counts as unanswered
            fire(d, "publish_answers", clerk, answers_summary="共收到意见1条。")
        comment_answer(comment=new, actor=clerk, answer="adopted")
    d = publish_answers(d, D(2026, 12, 11), clerk)
    d = legality(d, D(2026, 12, 14), clerk)
    d = meeting(d, D(2026, 12, 17), clerk)
    with on(D(2026, 12, 18)):
        d = fire(d, "decide", clerk, decision_number="海府〔2026〕30号")
    with on(D(2026, 12, 21)):
        d = fire(d, "publish", clerk, publication_channels="区政府网站",
                 interpretation="调整方案解读。")  # fmt: skip
    assert (d.state, d.round, d.decided_on, d.decision_number, d.published_on) == (
        "published", 2, D(2026, 12, 18), "海府〔2026〕30号", D(2026, 12, 21))  # fmt: skip
    assert d.published_on_time is True
    clock = Clock.for_case(d).get(key="publication")  # started again by the new decision
    assert (clock.started_on, clock.stopped_on) == (D(2026, 12, 18), D(2026, 12, 21))
    assert old.answer == "adopted" and Comment.objects.get(pk=old.pk).answer == "adopted"


def test_an_exempt_matter_keeps_its_exemption(dw):
    """DEC Art. 14: a legally non-disclosable matter has no public participation, in any
    round; the legality review and the collective discussion are run again."""
    clerk = dw.clerk_haizhu
    d = start(dw, D(2026, 8, 3))
    with on(D(2026, 8, 4)):
        d = fire(d, "exempt_participation", clerk, reason="涉及国家秘密，依法不予公开。")
    d = legality(d, D(2026, 8, 20), clerk)
    d = meeting(d, D(2026, 8, 27), clerk)
    d = decide(d, D(2026, 8, 28), clerk)
    with on(D(2026, 9, 1)):
        d = fire(d, "publish", clerk, publication_channels="内部", interpretation="—")
    d = _adjust_major(dw, d)
    assert d.participation_exempt and d.exemption_reason
    assert len(missing_steps(d)) == 2  # the legality review and the collective discussion


def test_the_triggered_steps_are_run_again(dw):
    """DEC Arts. 19, 22: expert argumentation and risk assessment where required."""
    clerk = dw.clerk_haizhu
    d = start(dw, D(2026, 7, 1), expert_triggered=True, risk_triggered=True)
    with on(D(2026, 7, 20)):
        evidence(d, "expert", clerk)
        d = fire(d, "expert_argumentation", clerk, expert_summary="专家意见已采纳。")
        evidence(d, "risk", clerk)
        d = fire(d, "risk_assessment", clerk, risk_assessor="区委政法委", risk_summary="可控。")
    d = draft(d, D(2026, 7, 2), clerk)
    d = open_comment(d, D(2026, 7, 3), clerk)
    d = publish_answers(d, D(2026, 8, 4), clerk)
    d = legality(d, D(2026, 8, 20), clerk)
    d = meeting(d, D(2026, 9, 17), clerk)
    d = decide(d, D(2026, 9, 18), clerk)
    with on(D(2026, 9, 22)):
        d = fire(d, "publish", clerk, publication_channels="网站", interpretation="解读。")
    d = _adjust_major(dw, d)
    assert (d.expert_on, d.risk_on, d.expert_triggered, d.risk_triggered) == (None, None, True,
                                                                              True)  # fmt: skip
    assert len(missing_steps(d)) == 5


def test_a_suspended_decision_may_be_adjusted_a_decision_in_preparation_not(dw):
    """DEC Art. 37: the head may suspend it first in an emergency, then adjust it."""
    d = _published(dw)
    with on(D(2026, 11, 2)):
        d = fire(d, "suspend", dw.clerk_haizhu, reason="突发公共卫生事件，暂停执行。")
    d = _adjust_major(dw, d)
    assert (d.state, d.round) == ("started", 2)
    with pytest.raises(Conflict):
        _adjust_major(dw, d, D(2026, 11, 10))
    assert MajorDecision.objects.get(pk=d.pk).round == 2


def test_the_page_offers_both_adjustments_and_shows_the_earlier_round(client, login, dw):
    d = _published(dw)
    with on(ADJUSTED):
        login(dw.clerk_haizhu)
        page = client.get(d.get_absolute_url()).content.decode()
    assert 'data-action="adjust"' in page and 'data-action="adjust_major"' in page
    d = _adjust_major(dw, d)
    with on(ADJUSTED):
        page = client.get(d.get_absolute_url()).content.decode()
    assert 'id="round"' in page and 'data-round="2"' in page
    assert 'data-step="legality" data-round="1"' in page  # the earlier evidence, still listed
    assert 'id="missing-steps"' in page
