"""Writing past litigation cases in bulk (litigation.history): the rows a case moved through
the engine would have had — events named as litigation.process names its steps, clocks
replayed from their start fields, the hearings summed up — with dates worked out by hand
(行政诉讼法 2017 Arts. 67, 81, 85; Civil Procedure Law Art. 101 via statutes.md §§5, 10).

Periods are calendar days (Art. 101): the day of service is not counted; a period ending on a
rest day ends on the next working day. 2026 (statutes-lines.md §H): 中秋 Fri 25 – Sun 27
September; 国庆 Thu 1 – Wed 7 October; make-up working days Sun 20 September, Sat 10 October.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseEvent, CaseLink, ChallengedAct, Clock, ClockState
from core.models import Party
from litigation import history
from litigation.models import Hearing, LitigationCase, Recommendation
from litigation.tests.helpers import conclude, fire, hear, on, register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def _case(agency, served, *, number="（2026）粤0105行初301号", level="first", **fields):
    return LitigationCase(
        organization=agency, court="广州市海珠区人民法院", court_case_number=number,
        trial_level=level, cause="行政处罚", act_description="海市监罚〔2026〕12号行政处罚决定",
        act_number="海市监罚〔2026〕12号", complaint_served_on=served,
        state=fields.pop("state", "pending"), **fields,
    )  # fmt: skip


def _plaintiff(name="某贸易有限公司"):
    return [("plaintiff", Party(name=name, kind="organization"))]


def _events(case) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date)
        for e in CaseEvent.for_case(case).order_by("version")
    ]


def _clocks(case) -> dict:
    return {
        c.key: (c.state, c.started_on, c.nominal_due, c.due_date, c.stopped_on)
        for c in Clock.for_case(case)
    }


def test_an_open_case_has_its_answer_clock_running(world):
    """Complaint served Monday 28 September 2026: 15 days (Art. 67) → Tuesday 13 October,
    a working day (国庆 1–7 October is past). The case's deadline is the answer's."""
    case = _case(world.haizhu_agency, D(2026, 9, 28))
    [written] = history.write([history.Record(case, _plaintiff())], actor=world.clerk_haizhu)
    case = LitigationCase.objects.get(pk=written.pk)
    assert _events(case) == [("register", "", "pending", D(2026, 9, 28))]
    assert _clocks(case) == {
        "answer": (ClockState.RUNNING, D(2026, 9, 28), D(2026, 10, 13), D(2026, 10, 13), None)
    }
    assert (case.due_date, case.due_provisional, case.version) == (D(2026, 10, 13), False, 1)
    assert case.number == case.court_case_number == "（2026）粤0105行初301号"
    assert case.court_case_key == "(2026)粤0105行初301号"
    received = timezone.localtime(case.received_at)
    assert (received.date(), received.hour, case.number_year) == (D(2026, 9, 28), 9, 2026)
    assert (case.region_code, case.team_id) == ("440105000000", world.haizhu_agency.pk)
    assert case.created_by == world.clerk_haizhu
    assert [p.name for p in case.parties_on("plaintiff")] == ["某贸易有限公司"]
    assert case.parties_on("plaintiff")[0].organization == world.haizhu_agency
    assert list(ChallengedAct.objects.values_list("agency_id", "act_number")) == [
        (world.haizhu_agency.pk, "海市监罚[2026]12号")
    ]


def _whole_course(world):
    """Filed Tuesday 22 September, served Monday 28 September; answered Friday 9 October;
    notice Monday 2 November for a hearing on Tuesday 10 November at which the principal head
    appeared; judgment (annulled) Tuesday 1 December, served Thursday 3 December; appealed by
    the agency Thursday 10 December; a recommendation received Tuesday 15 December, replied
    Friday 25 December."""
    case = _case(
        world.haizhu_agency, D(2026, 9, 28), state="concluded", filed_on=D(2026, 9, 22),
        answer_submitted_on=D(2026, 10, 9), judgment_type="annul", decided_on=D(2026, 12, 1),
        judgment_served_on=D(2026, 12, 3), loss_ground="evidence", loss_reasons="主要证据不足。",
        appealed_on=D(2026, 12, 10), appellant="agency",
    )  # fmt: skip
    hearing = Hearing(
        hearing_on=D(2026, 11, 10), place="第一法庭", notice_served_on=D(2026, 11, 2),
        held_on=D(2026, 11, 10), head_appeared=True, head_name="王局长",
        head_position="principal", staff="法制科 李明",
    )  # fmt: skip
    recommendation = Recommendation(
        received_on=D(2026, 12, 15), content="规范执法程序。", replied_on=D(2026, 12, 25),
        reply="已整改。",
    )  # fmt: skip
    return history.Record(case, _plaintiff(), [hearing], [recommendation])


EXPECTED_EVENTS = [
    ("register", "", "pending", D(2026, 9, 28)),
    ("submit_answer", "pending", "pending", D(2026, 10, 9)),
    ("schedule_hearing", "pending", "pending", D(2026, 11, 2)),
    ("record_hearing", "pending", "pending", D(2026, 11, 10)),
    ("conclude", "pending", "concluded", D(2026, 12, 1)),
    ("record_appeal", "concluded", "concluded", D(2026, 12, 10)),
    ("receive_recommendation", "concluded", "concluded", D(2026, 12, 15)),
    ("reply_recommendation", "concluded", "concluded", D(2026, 12, 25)),
]


def test_a_whole_course_is_written_with_its_events_and_clocks(world):
    """Answer: 28 September + 15 days (Art. 67) → Tuesday 13 October; met on 9 October.
    First-instance term: 22 September + 6 months (Art. 81) → Monday 22 March 2027; stopped by
    the judgment. Appeal: served Thursday 3 December + 15 days (Art. 85) → Friday 18
    December; used on 10 December."""
    [written] = history.write([_whole_course(world)], actor=world.clerk_haizhu)
    case = LitigationCase.objects.get(pk=written.pk)
    assert _events(case) == EXPECTED_EVENTS
    clocks = _clocks(case)
    assert clocks["answer"] == (
        ClockState.STOPPED, D(2026, 9, 28), D(2026, 10, 13), D(2026, 10, 13), D(2026, 10, 9)
    )  # fmt: skip
    assert clocks["first_instance_term"][:3] == (
        ClockState.STOPPED, D(2026, 9, 22), D(2027, 3, 22),
    )  # fmt: skip
    assert clocks["first_instance_term"][4] == D(2026, 12, 1)
    assert clocks["appeal"] == (
        ClockState.STOPPED, D(2026, 12, 3), D(2026, 12, 18), D(2026, 12, 18), D(2026, 12, 10)
    )  # fmt: skip
    assert set(clocks) == {"answer", "first_instance_term", "appeal"}
    assert (case.state, case.outcome, case.version, case.due_date) == (
        "concluded", "annul", len(EXPECTED_EVENTS), None,
    )  # fmt: skip
    assert case.closed_at.date() == D(2026, 12, 1)
    assert (case.first_heard_on, case.head_appeared) == (D(2026, 11, 10), True)
    hearing = case.hearings.get()
    assert (hearing.head_name, hearing.head_position) == ("王局长", "principal")
    assert case.recommendations.get().reply == "已整改。"


def test_the_bulk_rows_are_those_the_engine_writes_for_the_same_course(world):
    """The same course fired step by step through the engine gives the same events and
    clocks (the hearing's notice a week ahead, as the helper serves it)."""
    w = world
    record = _whole_course(world)
    record.hearings[0].notice_served_on = D(2026, 11, 3)
    [bulk] = history.write([record], actor=w.clerk_haizhu)
    live = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 9, 28), filed_on="2026-09-22",
                    court_case_number="（2026）粤0105行初302号")  # fmt: skip
    with on(D(2026, 10, 9)):
        live = fire(live, "submit_answer", w.clerk_haizhu)
    live = hear(live, w.clerk_haizhu, D(2026, 11, 10), head="王局长")
    live = conclude(live, w.clerk_haizhu, D(2026, 12, 1), "annul", served=D(2026, 12, 3))
    with on(D(2026, 12, 10)):
        live = fire(live, "record_appeal", w.clerk_haizhu, appellant="agency")
    with on(D(2026, 12, 15)):
        live = fire(live, "receive_recommendation", w.clerk_haizhu, content="规范执法程序。")
    with on(D(2026, 12, 25)):
        live = fire(live, "reply_recommendation", w.clerk_haizhu, reply="已整改。")
    assert _events(bulk) == _events(live)
    assert _clocks(bulk) == _clocks(live)
    live.refresh_from_db()
    bulk.refresh_from_db()
    for name in ("state", "outcome", "version", "due_date", "first_heard_on", "head_appeared",
                 "decided_on", "judgment_served_on", "appealed_on"):  # fmt: skip
        assert getattr(bulk, name) == getattr(live, name), name


def test_the_summary_follows_the_hearings_held(world):
    """The head was absent (official duties, Provisions Art. 8 (3)) on 20 October and appeared
    on 3 November (Art. 7: once per level suffices); a hearing only scheduled counts for
    neither. Whatever the record said, the summary is the hearings'."""
    case = _case(world.haizhu_agency, D(2026, 9, 28), head_appeared=False,
                 first_heard_on=D(2026, 9, 30))  # fmt: skip
    hearings = [
        Hearing(hearing_on=D(2026, 11, 3), notice_served_on=D(2026, 10, 27),
                held_on=D(2026, 11, 3), head_appeared=True, head_name="副局长",
                head_position="deputy"),
        Hearing(hearing_on=D(2026, 10, 20), notice_served_on=D(2026, 10, 12),
                held_on=D(2026, 10, 20), absence_ground="3", staff="李明"),
        Hearing(hearing_on=D(2026, 12, 1), notice_served_on=D(2026, 11, 20)),
    ]  # fmt: skip
    [written] = history.write([history.Record(case, _plaintiff(), hearings)])
    case = LitigationCase.objects.get(pk=written.pk)
    assert (case.first_heard_on, case.head_appeared) == (D(2026, 10, 20), True)
    assert case.hearings.count() == 3
    assert [t for t, *_ in _events(case)] == [
        "register", "schedule_hearing", "record_hearing", "schedule_hearing", "record_hearing",
        "schedule_hearing",
    ]  # fmt: skip
    absent_only = _case(world.haizhu_agency, D(2026, 9, 28), number="（2026）粤0105行初303号",
                        head_appeared=True)  # fmt: skip
    absent = Hearing(hearing_on=D(2026, 10, 21), notice_served_on=D(2026, 10, 12),
                     held_on=D(2026, 10, 21), absence_ground="none")  # fmt: skip
    [other] = history.write([history.Record(absent_only, _plaintiff(), [absent])])
    other.refresh_from_db()
    assert (other.first_heard_on, other.head_appeared) == (D(2026, 10, 21), False)


def test_a_ruling_dismissing_the_suit_opens_the_ten_day_window(world):
    """Ruling served Wednesday 16 September 2026: 10 days (Art. 85) → Saturday 26 September,
    in 中秋 (25–27) → Monday 28 September. A window, not the agency's deadline."""
    case = _case(world.haizhu_agency, D(2026, 6, 1), state="concluded",
                 judgment_type="dismiss_suit", decided_on=D(2026, 9, 15),
                 judgment_served_on=D(2026, 9, 16))  # fmt: skip
    [written] = history.write([history.Record(case, _plaintiff())])
    clocks = _clocks(written)
    assert clocks["appeal_ruling"] == (
        ClockState.RUNNING, D(2026, 9, 16), D(2026, 9, 26), D(2026, 9, 28), None
    )  # fmt: skip
    assert "appeal" not in clocks
    assert written.due_date is None


def test_a_later_level_may_follow_an_earlier_one_of_the_same_batch(world):
    """The appeal's case is given before the first instance's and names it unsaved: the first
    instance is written first. An appeal has no answer clock (Art. 67 is the first
    instance's)."""
    first = _case(world.haizhu_agency, D(2026, 6, 1), state="concluded",
                  judgment_type="reject_claims", decided_on=D(2026, 8, 3),
                  judgment_served_on=D(2026, 8, 5), appealed_on=D(2026, 8, 12),
                  appellant="other")  # fmt: skip
    second = _case(world.haizhu_agency, D(2026, 8, 25), number="（2026）粤01行终44号",
                   level="second", earlier=first)  # fmt: skip
    history.write([history.Record(second, _plaintiff()), history.Record(first, _plaintiff())])
    second = LitigationCase.objects.get(trial_level="second")
    assert second.earlier == LitigationCase.objects.get(trial_level="first")
    assert not Clock.for_case(second).exists()
    assert second.due_date is None


def test_a_link_to_the_reconsideration_decision_is_written(world):
    target_type = ContentType.objects.get(app_label="reconsideration",
                                          model="reconsiderationcase")  # fmt: skip
    case = _case(world.haizhu_agency, D(2026, 9, 28))
    record = history.Record(case, _plaintiff(), links=[(target_type.pk, 77)])
    [written] = history.write([record])
    link = CaseLink.for_case(written).get()
    assert (link.target_type_id, link.target_id, link.kind) == (
        target_type.pk, 77, CaseLink.Kind.LITIGATION_OF,
    )  # fmt: skip


def test_an_impossible_course_is_refused_and_nothing_is_written(world):
    answered_late = _case(world.haizhu_agency, D(2026, 6, 1), state="concluded",
                          judgment_type="annul", decided_on=D(2026, 7, 1),
                          answer_submitted_on=D(2026, 7, 2))  # fmt: skip
    with pytest.raises(ValueError, match="follows the conclusion"):
        history.write([history.Record(_case(world.haizhu_agency, D(2026, 6, 1),
                                            number="（2026）粤0105行初9号"), _plaintiff()),
                       history.Record(answered_late, _plaintiff())])  # fmt: skip
    early = _case(world.haizhu_agency, D(2026, 6, 1), answer_submitted_on=D(2026, 5, 30))
    with pytest.raises(ValueError, match="precedes the service"):
        history.write([history.Record(early, _plaintiff())])
    assert not LitigationCase.objects.exists()
    assert not CaseEvent.objects.exists()


def test_links_written_in_bulk_mark_the_months_of_the_decisions_they_challenge(world):
    """The reconsideration line counts a decision taken to court in the month it was concluded
    (not_litigated_rate): links written in bulk mark those months changed (cases.signals.
    links_written), so that rolled-up months are counted live until refreshed."""
    from indicators.models import RollupChange
    from litigation.tests.test_services import _reconsideration
    from reconsideration.models import ReconsiderationCase

    first, second = _reconsideration(world, D(2026, 5, 4)), _reconsideration(world, D(2026, 5, 6))
    ReconsiderationCase.objects.filter(pk=first.pk).update(concluded_on=D(2026, 7, 3))
    ReconsiderationCase.objects.filter(pk=second.pk).update(concluded_on=D(2026, 8, 20))
    RollupChange.objects.all().delete()
    target_type = ContentType.objects.get_for_model(ReconsiderationCase).pk
    records = [
        history.Record(_case(world.haizhu_agency, D(2026, 9, 28), number=f"（2026）粤0105行初{n}号"),
                       _plaintiff(), links=[(target_type, recon.pk)])
        for n, recon in ((401, first), (402, second))
    ]  # fmt: skip
    history.write(records)
    months = set(RollupChange.objects.values_list("month", flat=True))
    assert {D(2026, 7, 1), D(2026, 8, 1)} <= months
    assert D(2026, 6, 1) not in months
