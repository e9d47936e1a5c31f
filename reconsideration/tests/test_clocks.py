"""The clocks of a reconsideration case, with dates worked out by hand (行政复议法 2023 Arts. 30,
31, 39, 41, 48, 54, 55, 62, 88; reference/statutes.md §§1, 10).

2026 (statutes-lines.md §H): 端午 Fri 19 – Sun 21 June; 中秋 Fri 25 – Sun 27 September; 国庆
Thu 1 – Wed 7 October; make-up working days Sun 20 September and Sat 10 October. Art. 88: the
三/五/七/十日 periods are working days; 30 and 60 days are calendar days, rolled past rest days
when they end on one (a make-up working day is not one)."""

from __future__ import annotations

import datetime

import pytest

from cases.models import Clock, ClockState
from cases.testing import clock, fire, holidays, on
from core.errors import Conflict, InvalidInput
from reconsideration.models import ReconsiderationCase
from reconsideration.services import application_register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays()


def apply(w, day, **data):
    fields = {
        "respondent": w.haizhu_agency.pk,
        "act_type": "penalty",
        "act_description": "海市监罚〔2026〕12号行政处罚决定",
        "act_number": "海市监罚〔2026〕12号",
        "requests": "撤销该行政处罚决定",
        "facts": "申请人认为处罚认定事实不清。",
        "knew_on": (day - datetime.timedelta(days=10)).isoformat(),
        **data,
    }
    with on(day):
        return application_register(
            actor=w.clerk_haizhu,
            organization=w.haizhu_bureau,
            data=fields,
            parties=[{"side": "applicant", "name": "某贸易有限公司", "kind": "organization"}],
        )


def test_correction_ordinary_procedure_suspension_and_extension(world):
    w = world
    clerk = w.clerk_haizhu
    # Received Monday 1 June: acceptance review 5 working days (Art. 30) → Monday 8 June.
    case = apply(w, D(2026, 6, 1))
    assert clock(case, "acceptance").due_date == D(2026, 6, 8)
    # Corrections asked for on Wednesday 3 June (Art. 31): the review stops; the applicant has
    # 10 working days: 4, 5, 8–12, 15, 16, 17 June → Wednesday 17 June.
    with on(D(2026, 6, 3)):
        case = fire(case, "request_correction", clerk, items="补充提交行政处罚决定书复印件")
    assert clock(case, "acceptance").state == ClockState.STOPPED
    assert clock(case, "correction").due_date == D(2026, 6, 17)
    # Corrections received Wednesday 10 June: the review starts again, 5 working days →
    # 11, 12, 15, 16, 17 June.
    with on(D(2026, 6, 10)):
        case = fire(case, "corrections_received", clerk)
    acceptance = clock(case, "acceptance")
    assert (acceptance.state, acceptance.started_on, acceptance.due_date) == (
        ClockState.RUNNING, D(2026, 6, 10), D(2026, 6, 17),
    )  # fmt: skip
    assert clock(case, "correction").state == ClockState.STOPPED
    # Accepted Friday 12 June, ordinary procedure. The copy within 7 working days (Art. 48):
    # 15, 16, 17, 18, (19 端午) 22, 23, 24 June; the decision within 60 days (Art. 62):
    # 18 days of June, 31 of July, 11 of August → Tuesday 11 August.
    with on(D(2026, 6, 12)):
        case = fire(case, "accept", clerk, procedure="ordinary")
    assert clock(case, "copy").due_date == D(2026, 6, 24)
    assert clock(case, "decision").due_date == D(2026, 8, 11)
    assert case.due_date == D(2026, 6, 24)
    # Copy sent Tuesday 16 June: the answer within 10 working days: 17, 18, 22–26, 29, 30
    # June, 1 July → Wednesday 1 July.
    with on(D(2026, 6, 16)):
        case = fire(case, "send_copy", clerk)
    assert clock(case, "copy").state == ClockState.STOPPED
    assert clock(case, "answer").due_date == D(2026, 7, 1)
    # The agency answers on Monday 29 June.
    with on(D(2026, 6, 29)):
        case = fire(case, "submit_answer", w.agency_haizhu, answer="处罚事实清楚，证据确凿。")
    assert clock(case, "answer").state == ClockState.STOPPED
    # Suspended Wednesday 1 July (Art. 39 ground 8) and resumed Friday 31 July: 2–31 July are
    # not counted, so the decision moves 30 days: 19 days used by 1 July, 41 more from
    # 1 August → Thursday 10 September.
    with on(D(2026, 7, 1)):
        case = fire(case, "suspend", clerk, ground="8", reason="须以另案审理结果为依据")
    assert case.state == "suspended"
    assert clock(case, "decision").state == ClockState.PAUSED
    # No 60-day lapse on ground 8 (Art. 41 ¶1 (5) names grounds 1, 2 and 4).
    assert not Clock.for_case(case).filter(key="suspension").exists()
    with on(D(2026, 7, 31)):
        case = fire(case, "resume", clerk, reason="另案已审结")
    assert clock(case, "decision").due_date == D(2026, 9, 10)
    # Extended on Monday 7 September by 30 days, approved by the office head (Art. 62):
    # 10 September + 30 → Saturday 10 October, a make-up working day: it stands.
    with on(D(2026, 9, 7)):
        case = fire(case, "extend", clerk, extension=30, approved_by="王主任",
                    reason="案情复杂")  # fmt: skip
    decision = clock(case, "decision")
    assert (decision.extended, decision.due_date) == (30, D(2026, 10, 10))
    # Decided Friday 9 October: 119 days since acceptance, 30 of them suspended.
    with on(D(2026, 10, 9)):
        case = fire(case, "decide", clerk, decision_type="annul", reasons="认定事实不清。")
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.state, case.outcome, case.concluded_on, case.processing_days) == (
        "decided", "decided", D(2026, 10, 9), 89,
    )  # fmt: skip
    assert clock(case, "decision").state == ClockState.STOPPED
    assert case.due_date is None


def test_deemed_acceptance_from_the_day_the_review_period_ends(world):
    """Received Thursday 24 September: 5 working days skip 中秋 (25–27 Sep) and 国庆 (1–7 Oct):
    28, 29, 30 September, 8, 9 October → Friday 9 October. Not refused by then, the application
    is accepted from that day (Art. 30 ¶3)."""
    w = world
    case = apply(w, D(2026, 9, 24))
    assert clock(case, "acceptance").due_date == D(2026, 10, 9)
    with on(D(2026, 10, 9)), pytest.raises(InvalidInput) as raised:
        fire(case, "deem_accepted", w.clerk_haizhu)
    assert "第三十条" in str(raised.value.message) or "Art. 30" in str(raised.value.message)
    with on(D(2026, 10, 12)):
        case = fire(case, "deem_accepted", w.clerk_haizhu)
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.state, case.accepted_on, case.deemed_accepted, case.procedure) == (
        "accepted", D(2026, 10, 9), True, "ordinary",
    )  # fmt: skip
    # The ordinary periods run from 9 October: the copy within 7 working days — Saturday
    # 10 October (make-up day), 12–16, 19 October; the decision 60 days → Tuesday 8 December.
    assert clock(case, "copy").due_date == D(2026, 10, 19)
    assert clock(case, "decision").due_date == D(2026, 12, 8)


def test_conversion_from_the_simplified_to_the_ordinary_procedure(world):
    w = world
    clerk = w.clerk_haizhu
    case = apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", clerk, procedure="simplified", simplified_ground="warning")
    # Simplified (Arts. 53, 54, 62): copy within 3 working days → Friday 5 June; decision
    # within 30 days → Thursday 2 July.
    assert clock(case, "copy_simplified").due_date == D(2026, 6, 5)
    assert clock(case, "decision_simplified").due_date == D(2026, 7, 2)
    assert not Clock.for_case(case).filter(key="decision").exists()
    with on(D(2026, 6, 4)):
        case = fire(case, "send_copy", clerk)
    # The answer within 5 working days: 5, 8, 9, 10, 11 June.
    assert clock(case, "answer_simplified").due_date == D(2026, 6, 11)
    # No extension on the simplified procedure (Art. 62); nothing is written.
    version = case.version
    with on(D(2026, 6, 5)), pytest.raises(InvalidInput) as raised:
        fire(case, "extend", clerk, extension=10, approved_by="王主任", reason="复杂")
    assert "extension" in raised.value.fields
    assert ReconsiderationCase.objects.get(pk=case.pk).version == version
    # Converted on Monday 8 June (Art. 55): the ordinary periods from acceptance — decision
    # 60 days from 2 June → Saturday 1 August → Monday 3 August; the answer 10 working days
    # from the copy (4 June): 5, 8–12, 15–18 June → Thursday 18 June.
    with on(D(2026, 6, 8)):
        case = fire(case, "convert", clerk, reason="案情复杂", approved_by="王主任")
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.procedure, case.converted_on) == ("ordinary", D(2026, 6, 8))
    assert clock(case, "decision_simplified").state == ClockState.STOPPED
    assert clock(case, "answer_simplified").state == ClockState.STOPPED
    decision = clock(case, "decision")
    assert (decision.started_on, decision.nominal_due, decision.due_date) == (
        D(2026, 6, 2), D(2026, 8, 1), D(2026, 8, 3),
    )  # fmt: skip
    assert clock(case, "answer").due_date == D(2026, 6, 18)
    assert not Clock.for_case(case).filter(key="copy").exists()  # the copy was sent


def test_a_suspension_on_ground_1_lasting_60_days_ends_the_case(world):
    w = world
    clerk = w.clerk_haizhu
    case = apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", clerk, procedure="ordinary")
    # Suspended Wednesday 1 July: the applicant died, the next of kin have not decided
    # (Art. 39 ground 1). 60 days → Sunday 30 August → Monday 31 August (Art. 41 ¶1 (5)).
    with on(D(2026, 7, 1)):
        case = fire(case, "suspend", clerk, ground="1", reason="申请人死亡，近亲属尚未确定")
    assert clock(case, "suspension").due_date == D(2026, 8, 31)
    with on(D(2026, 8, 31)), pytest.raises(InvalidInput) as raised:
        fire(case, "terminate", clerk, ground="lapsed", reason="中止满六十日")
    assert "ground" in raised.value.fields
    with on(D(2026, 9, 1)):
        case = fire(case, "terminate", clerk, ground="lapsed", reason="中止满六十日")
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.state, case.outcome, case.termination_ground) == (
        "terminated", "terminated", "lapsed",
    )  # fmt: skip
    # 2 June – 1 September is 91 days, 62 of them suspended.
    assert case.processing_days == 29
    assert {c.key: c.state for c in Clock.for_case(case)} == {
        "acceptance": "stopped", "copy": "stopped", "decision": "stopped",
        "suspension": "stopped",
    }  # fmt: skip


def test_a_ground_that_does_not_lapse_cannot_end_the_case(world):
    w = world
    case = apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", w.clerk_haizhu, procedure="ordinary")
    with on(D(2026, 6, 3)):
        case = fire(case, "suspend", w.clerk_haizhu, ground="5", reason="不可抗力")
    with on(D(2026, 9, 1)), pytest.raises(InvalidInput) as raised:
        fire(case, "terminate", w.clerk_haizhu, ground="lapsed", reason="中止满六十日")
    assert "ground" in raised.value.fields


def test_bad_steps_name_their_field_and_change_nothing(world):
    w = world
    clerk = w.clerk_haizhu
    case = apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", clerk, procedure="ordinary")
        version = case.version
        # 确认无效 only on the applicant's request (Art. 67).
        with pytest.raises(InvalidInput) as raised:
            fire(case, "decide", clerk, decision_type="declare_void", reasons="无效")
        assert "decision_type" in raised.value.fields
        # 驳回复议请求 only for a failure to act (Art. 69).
        with pytest.raises(InvalidInput) as raised:
            fire(case, "decide", clerk, decision_type="reject_claim", reasons="驳回")
        assert "decision_type" in raised.value.fields
        # A mediation statement not signed by all does not end the case (Art. 73).
        with pytest.raises(InvalidInput) as raised:
            fire(case, "mediate", clerk, terms="双方同意", signed_by_all="")
        assert "signed_by_all" in raised.value.fields
        # The hearing notice reaches the parties five working days ahead (Art. 51): notified
        # Tuesday 2 June, the hearing is on Tuesday 9 June at the earliest.
        with pytest.raises(InvalidInput) as raised:
            fire(case, "schedule_hearing", clerk, hearing_on="2026-06-08", hearing_place="听证室")
        assert "hearing_on" in raised.value.fields
        case = fire(case, "schedule_hearing", clerk, hearing_on="2026-06-09",
                    hearing_place="听证室")  # fmt: skip
    assert version + 1 == case.version
    with on(D(2026, 6, 20)):
        case = fire(case, "decide", clerk, decision_type="uphold", reasons="事实清楚")
    # An answer after the case closed.
    with on(D(2026, 6, 22)), pytest.raises(Conflict):
        fire(case, "submit_answer", w.agency_haizhu, answer="迟到的答复")


def test_the_daily_run_deems_an_application_accepted_once_its_review_ended(world):
    """`fazhi remind` acts on the lapse (cases.clocks.fire_lapsed): received Thursday
    24 September, the review ends Friday 9 October; on Saturday 10 October nothing has been
    decided, so the application is accepted from 9 October (Art. 30 ¶3) — by the system."""
    import io

    from django.core.management import call_command

    from cases.models import CaseEvent

    w = world
    case = apply(w, D(2026, 9, 24))
    decided = apply(w, D(2026, 9, 24))
    with on(D(2026, 9, 28)):
        decided = fire(decided, "refuse", w.clerk_haizhu, reason="不属于行政复议范围")
    with on(D(2026, 10, 9)):
        call_command("remind", stdout=io.StringIO(), stderr=io.StringIO())
    assert ReconsiderationCase.objects.get(pk=case.pk).state == "submitted"  # not yet
    with on(D(2026, 10, 10)):
        call_command("remind", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("remind", stdout=io.StringIO(), stderr=io.StringIO())  # twice: once
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert (case.state, case.accepted_on, case.deemed_accepted) == (
        "accepted", D(2026, 10, 9), True,
    )  # fmt: skip
    event = CaseEvent.for_case(case).get(transition="deem_accepted")
    assert (event.actor_id, event.on_date) == (None, D(2026, 10, 9))
    assert ReconsiderationCase.objects.get(pk=decided.pk).state == "refused"
