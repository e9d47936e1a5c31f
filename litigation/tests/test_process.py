"""The steps of a litigation case after registration: the court's notice of a hearing served on
the head at least three days ahead (最高人民法院关于行政机关负责人出庭应诉若干问题的规定 Art. 5),
who appeared (Arts. 2, 7, 8), the judgment with the reasons of a loss, the judicial
recommendations and their replies (行政诉讼法 Art. 66; Provisions Art. 12)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseEvent
from core.errors import InvalidInput
from litigation.models import Hearing, LitigationCase, Recommendation
from litigation.process import HearingNoticeForm
from litigation.tests.helpers import conclude, fire, hear, on, register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.fixture
def case(world):
    return register(world.agency_haizhu, world.haizhu_agency, D(2026, 6, 1))


def test_a_notice_served_fewer_than_three_days_ahead_is_recorded_and_flagged(world, case):
    """Provisions Art. 5: the court serves the notice to appear three days before the hearing.
    Served Monday 8 June, a hearing on Thursday 11 June is in time; one on Wednesday 10 June is
    the court's lapse — the hearing takes place all the same, so it is recorded and flagged. A
    hearing before the notice is a typing error: refused on the field, nothing changed."""
    w = world
    version, events = case.version, CaseEvent.objects.count()
    with on(D(2026, 6, 8)):
        with pytest.raises(InvalidInput) as raised:
            fire(case, "schedule_hearing", w.agency_haizhu, hearing_on="2026-06-05")
        assert set(raised.value.fields) == {"hearing_on"}
        assert "2026-06-08" in raised.value.fields["hearing_on"][0]
        assert (Hearing.objects.count(), CaseEvent.objects.count()) == (0, events)
        assert LitigationCase.objects.get(pk=case.pk).version == version
        case = fire(case, "schedule_hearing", w.agency_haizhu, hearing_on="2026-06-11",
                    place="第三法庭")  # fmt: skip
        case = fire(case, "schedule_hearing", w.agency_haizhu, hearing_on="2026-06-10")
    timely, late = Hearing.objects.order_by("hearing_on").reverse()
    assert (timely.notice_served_on, timely.hearing_on, timely.place, timely.held_on) == (
        D(2026, 6, 8), D(2026, 6, 11), "第三法庭", None,
    )  # fmt: skip
    assert not timely.notice_late
    assert (late.notice_served_on, late.hearing_on, late.notice_late) == (
        D(2026, 6, 8), D(2026, 6, 10), True,
    )  # fmt: skip


def test_the_transition_page_names_the_hearing_field_in_chinese(client, world, case):
    w = world
    client.force_login(w.agency_haizhu)
    url = reverse("cases:transition", args=["litigation.litigationcase", case.pk,
                                            "schedule_hearing"])  # fmt: skip
    with on(D(2026, 6, 8)):
        response = client.post(url, {"version": case.version, "on_date": "2026-06-08",
                                      "hearing_on": "2026-06-05"})  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    with translation.override("zh-hans"):
        label = str(HearingNoticeForm.base_fields["hearing_on"].label)
    assert label in body and "2026-06-08" in body  # the notice date the hearing precedes
    assert not Hearing.objects.exists()


def test_who_appeared_for_the_agency(world, case):
    w = world
    # The first hearing: the head away on official duty no one else can perform (Art. 8 (3)).
    case = hear(case, w.agency_haizhu, D(2026, 7, 6), ground="3")
    case = LitigationCase.objects.get(pk=case.pk)
    assert (case.first_heard_on, case.head_appeared) == (D(2026, 7, 6), False)
    first = Hearing.objects.get()
    assert (first.held_on, first.absence_ground, first.staff) == (D(2026, 7, 6), "3", "法制科 李明")
    # A second hearing at the same level: a deputy head appears — the level counts (Art. 7).
    case = hear(case, w.agency_haizhu, D(2026, 7, 20), head="王副局长", position="deputy")
    case = LitigationCase.objects.get(pk=case.pk)
    assert (case.first_heard_on, case.head_appeared) == (D(2026, 7, 6), True)
    second = Hearing.objects.get(hearing_on=D(2026, 7, 20))
    assert (second.head_name, second.head_position, second.absence_ground) == (
        "王副局长", "deputy", "",
    )  # fmt: skip


def test_a_hearing_record_names_what_is_missing(world, case):
    w = world
    with on(D(2026, 7, 1)):
        with pytest.raises(InvalidInput) as raised:  # nothing scheduled yet
            fire(case, "record_hearing", w.agency_haizhu, head_appeared=True, head_name="王局长",
                 head_position="principal")  # fmt: skip
        assert "hearing" in raised.value.fields
        case = fire(case, "schedule_hearing", w.agency_haizhu, hearing_on="2026-07-06")
    with on(D(2026, 7, 6)):
        with pytest.raises(InvalidInput) as raised:  # a head, but whose position counts?
            fire(case, "record_hearing", w.agency_haizhu, head_appeared=True, head_name="王局长")
        assert "head_position" in raised.value.fields
        with pytest.raises(InvalidInput) as raised:  # absent, and why?
            fire(case, "record_hearing", w.agency_haizhu, head_appeared=False)
        assert "absence_ground" in raised.value.fields
        with pytest.raises(InvalidInput) as raised:  # the head of a delegated body: no choice
            fire(case, "record_hearing", w.agency_haizhu, head_appeared=True, head_name="赵所长",
                 head_position="delegated")  # fmt: skip
        assert "head_position" in raised.value.fields
    assert Hearing.objects.get().held_on is None
    assert not LitigationCase.objects.get(pk=case.pk).head_appeared


def test_a_loss_needs_its_ground_and_reasons(world, case):
    w = world
    with on(D(2026, 8, 3)):
        with pytest.raises(InvalidInput) as raised:
            fire(case, "conclude", w.agency_haizhu, judgment_type="annul", served_on="2026-08-03")
        assert {"loss_ground", "loss_reasons"} <= set(raised.value.fields)
        with pytest.raises(InvalidInput) as raised:  # served before it was made
            fire(case, "conclude", w.agency_haizhu, judgment_type="reject_claims",
                 on_date="2026-08-03", served_on="2026-08-01")  # fmt: skip
        assert "served_on" in raised.value.fields
    case = conclude(case, w.agency_haizhu, D(2026, 8, 3), "declare_unlawful",
                    loss_ground="procedure", loss_reasons="未告知陈述申辩权利。")  # fmt: skip
    case = LitigationCase.objects.get(pk=case.pk)
    assert (case.state, case.outcome, case.judgment_type, case.decided_on) == (
        "concluded", "declare_unlawful", "declare_unlawful", D(2026, 8, 3),
    )  # fmt: skip
    assert (case.loss_ground, case.loss_reasons) == ("procedure", "未告知陈述申辩权利。")
    assert case.closed_at is not None
    # A win keeps no loss reasons, whatever was typed.
    other = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 2))
    other = conclude(other, w.agency_haizhu, D(2026, 8, 3), "reject_claims",
                     loss_ground="law", loss_reasons="x")  # fmt: skip
    assert (other.loss_ground, other.loss_reasons) == ("", "")


def test_judicial_recommendations_and_replies(world, case):
    w = world
    case = conclude(case, w.agency_haizhu, D(2026, 8, 3), "annul")
    with on(D(2026, 8, 10)):
        case = fire(case, "receive_recommendation", w.clerk_haizhu,
                    content="建议加强执法程序规范。", reply_due="2026-10-10")  # fmt: skip
    with on(D(2026, 9, 1)):
        with pytest.raises(InvalidInput) as raised:
            fire(case, "reply_recommendation", w.agency_haizhu, on_date="2026-08-09",
                 reply="已整改")  # fmt: skip
        assert "on_date" in raised.value.fields
        case = fire(case, "reply_recommendation", w.agency_haizhu, reply="已组织执法人员培训。")
        with pytest.raises(InvalidInput) as raised:  # nothing left to reply to
            fire(case, "reply_recommendation", w.agency_haizhu, reply="再次回复")
        assert "recommendation" in raised.value.fields
    r = Recommendation.objects.get()
    assert (r.received_on, r.reply_due, r.replied_on, r.reply) == (
        D(2026, 8, 10), D(2026, 10, 10), D(2026, 9, 1), "已组织执法人员培训。",
    )  # fmt: skip


def test_the_case_page_shows_hearings_recommendations_and_levels(client, world, case):
    w = world
    case = hear(case, w.agency_haizhu, D(2026, 7, 6), head="王局长", position="principal")
    case = conclude(case, w.agency_haizhu, D(2026, 8, 3), "reject_claims")
    appeal = register(w.agency_haizhu, w.haizhu_agency, D(2026, 8, 20), level="second",
                      court_case_number="（2026）粤01行终5号",
                      earlier_number=case.court_case_number)  # fmt: skip
    client.force_login(w.agency_haizhu)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "王局长" in body and appeal.get_absolute_url() in body
    body = client.get(appeal.get_absolute_url()).content.decode()
    assert case.get_absolute_url() in body and "（2026）粤01行终5号" in body
