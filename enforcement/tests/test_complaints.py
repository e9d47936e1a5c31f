"""Complaints about enforcement and their dispatch, through the services and the engine, on the
worked example of enforcement.tests.complaints_support (dates worked by hand there, through the
Dragon Boat Festival 2026): the deadlines, the late reply, the send-back and its new deadline,
the overdue dispatch on the worklist, closing only when every reply is accepted, what the
complainant sees; and bad input refused naming the field, with nothing written."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from cases import selectors as case_selectors
from cases.models import CaseEvent, Clock, NumberSequence
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound
from enforcement.complaint_selectors import dispatch_overdue_q, public_view
from enforcement.complaint_services import complaint_register
from enforcement.tests.complaints_support import (
    A_REPLIED,
    A_REPLIED_AGAIN,
    ACCEPTED,
    ANSWER,
    B_OVERDUE,
    B_REPLIED,
    CLOSED,
    DISPATCHED,
    FILED,
    FIRST_DUE,
    HANDLING_DUE,
    INSTRUCTIONS,
    PHONE,
    REASONS,
    SECOND_DUE,
    SENT_BACK,
    D,
    dispatch,
    file_online,
    fire,
    worked_example,
)
from enforcement.tests.conftest import on

pytestmark = pytest.mark.django_db


def test_a_filed_complaint_has_a_number_a_tracking_code_and_a_30_working_day_period(ew):
    complaint = file_online(ew)
    assert complaint.state == "received" and complaint.channel == "online"
    assert complaint.number == "（2026）海珠区司法局执投字第0001号"
    assert len(complaint.tracking_code) == 10
    # 30 WD from Mon 8 Jun 2026 over the Dragon Boat Festival (19–21 Jun): Tue 21 Jul.
    assert complaint.due_date == HANDLING_DUE
    clock = Clock.for_case(complaint).get()
    assert (clock.key, clock.unit, clock.length, clock.started_on) == (
        "handling", "working_days", 30, FILED)  # fmt: skip


def test_the_worked_example_step_by_step(ew):
    w = ew
    out = worked_example(w, until=DISPATCHED)
    complaint, a, b = out["complaint"], out["a"], out["b"]
    assert complaint.state == "dispatched"
    assert (a.number, b.number) == (f"{complaint.number}-1", f"{complaint.number}-2")
    # 10 WD from Wed 10 Jun over the holiday: Thu 25 Jun, for each body its own clock.
    assert (a.due_date, b.due_date) == (FIRST_DUE, FIRST_DUE)
    assert (a.agency_id, b.agency_id) == (w.haizhu_agency.pk, w.chengguan.pk)
    assert a.assignee == w.clerk_haizhu and a.instructions == INSTRUCTIONS
    assert [(r.number, r.started_on, r.due_date) for r in a.rounds.all()] == [
        (1, DISPATCHED, FIRST_DUE)]  # fmt: skip

    # A replies on Mon 22 Jun: on time; the clock stops, met.
    a = fire(a, "reply", w.agency_haizhu, A_REPLIED, reply="已核查，执法人员当时出示了证件。")
    first = a.rounds.get(number=1)
    assert (a.state, first.replied_on, first.on_time) == ("replied", A_REPLIED, True)
    assert Clock.for_case(a).get().status(today=A_REPLIED) == "met"

    # Sent back on Tue 23 Jun: a second round due Tue 7 Jul (10 WD, fresh from 23 Jun).
    a = fire(a, "send_back", w.clerk_haizhu, SENT_BACK, reasons=REASONS)
    first.refresh_from_db()
    second = a.rounds.get(number=2)
    assert (first.verdict, first.reasons, first.verified_on) == ("sent_back", REASONS, SENT_BACK)
    assert (a.state, a.round, a.due_date) == ("sent_back", 2, SECOND_DUE)
    assert (second.started_on, second.due_date, second.replied_on) == (SENT_BACK, SECOND_DUE, None)
    assert Clock.for_case(a).get().due_date == SECOND_DUE  # the engine counted the same

    # Fri 26 Jun: B's deadline (Thu 25 Jun) passed without a reply: overdue on the staff's
    # worklist and in the overdue filter; A (due 7 Jul) is not.
    work = case_selectors.worklist(w.clerk_haizhu, today=B_OVERDUE)
    overdue = [(c.case_type.model, c.case_id) for c in work.overdue]
    assert ("dispatch", b.pk) in overdue and ("dispatch", a.pk) not in overdue
    assert list(Dispatch.objects.filter(dispatch_overdue_q(B_OVERDUE))) == [b]

    # B replies on Mon 29 Jun: late.
    b = fire(b, "reply", w.agency_chengguan, B_REPLIED, reply="经核查，本局未参与该次检查。")
    late = b.rounds.get(number=1)
    assert (late.replied_on, late.on_time) == (B_REPLIED, False)
    assert Clock.for_case(b).get().status(today=B_REPLIED) == "missed"

    # A replies again on Thu 2 Jul (on time); closing the same day is refused: two replies are
    # not yet accepted; nothing changes.
    a = fire(a, "reply", w.agency_haizhu, A_REPLIED_AGAIN, reply="补充核查：停业要求已撤销。")
    assert a.rounds.get(number=2).on_time is True
    version = complaint.version
    with pytest.raises(InvalidInput) as refused:
        fire(complaint, "close", w.clerk_haizhu, A_REPLIED_AGAIN, finding="partly", answer=ANSWER,
             on_date=A_REPLIED_AGAIN)  # fmt: skip
    assert "海珠区市场监督管理局" in refused.value.message
    assert "海珠区城市管理和综合执法局" in refused.value.message
    complaint.refresh_from_db()
    assert (complaint.state, complaint.version, complaint.answer) == ("dispatched", version, "")

    # Fri 3 Jul: both accepted, the complaint closed with the answer; its period met.
    a = fire(a, "accept", w.clerk_haizhu, CLOSED)
    b = fire(b, "accept", w.clerk_haizhu, CLOSED)
    assert (a.state, b.state) == ("accepted", "accepted")
    assert a.rounds.get(number=2).verdict == "accepted" and a.closed_at is not None
    complaint = fire(complaint, "close", w.clerk_haizhu, CLOSED, finding="partly", answer=ANSWER,
                     on_date=CLOSED)  # fmt: skip
    assert (complaint.state, complaint.finding, complaint.answered_on) == (
        "closed", "partly", CLOSED)  # fmt: skip
    assert Clock.for_case(complaint).get().status(today=CLOSED) == "met"


def test_the_complainant_sees_statuses_and_the_answer_but_no_internal_text(ew):
    out = worked_example(ew)
    with on(CLOSED):
        view = public_view(out["complaint"])
    text = str(view)
    assert ANSWER in text
    for internal in (
        INSTRUCTIONS,
        REASONS,
        "已核查，执法人员当时出示了证件。",
        "经核查，本局未参与该次检查。",
    ):
        assert internal not in text
    facts = dict(view["facts"])
    assert any("海珠区市场监督管理局" in label for label in facts)
    assert view["status"] and view["status"] != "closed"
    # The progress lists the complaint's steps and each body's, in date order.
    days = [day for day, _text in view["steps"]]
    assert days == sorted(days) and days[0] == FILED and days[-1] == CLOSED
    assert len([s for s in view["steps"] if "海珠区市场监督管理局" in s[1]]) == 5  # passed, 2×2


def test_an_agency_handler_reaches_only_the_dispatches_to_its_bodies(ew):
    w = ew
    out = worked_example(w, until=DISPATCHED)
    a, b = out["a"], out["b"]
    assert list(Dispatch.objects.restrict(w.agency_haizhu)) == [a]
    assert list(Dispatch.objects.restrict(w.agency_chengguan)) == [b]
    assert not Complaint.objects.restrict(w.agency_haizhu).exists()
    assert list(DispatchRound.objects.restrict(w.agency_chengguan)) == list(b.rounds.all())
    # Another body's dispatch is not found; nothing is written.
    with pytest.raises(NotFound):
        fire(a, "reply", w.agency_chengguan, A_REPLIED, reply="越权答复")
    # A handler accepts no reply: only the bureau verifies.
    fire(a, "reply", w.agency_haizhu, A_REPLIED, reply="已核查。")
    with pytest.raises(PermissionDenied):
        fire(a, "accept", w.agency_haizhu, A_REPLIED)
    a.refresh_from_db()
    assert a.state == "replied"
    # The handler does not see the complaint's events, only the dispatch's.
    events = CaseEvent.objects.restrict(w.agency_haizhu)
    complaint_type = ContentType.objects.get_for_model(Complaint)
    assert not events.filter(case_type=complaint_type).exists()
    assert events.filter(case_id=a.pk).exists()


def test_a_body_is_not_dispatched_twice_while_open_and_only_within_the_jurisdiction(ew):
    w = ew
    out = worked_example(w, until=DISPATCHED)
    complaint = out["complaint"]
    with pytest.raises(InvalidInput) as twice:
        dispatch(w, complaint, [w.shijian_body], D(2026, 6, 11))
    assert "bodies" in twice.value.fields and "海珠区市场监督管理局" in twice.value.message
    with pytest.raises(InvalidInput) as foreign:
        dispatch(w, complaint, [w.baiyun_body], D(2026, 6, 11))
    assert "bodies" in foreign.value.fields
    assert complaint.dispatches.count() == 2


def test_a_complaint_closed_without_dispatch_and_a_refusal_with_reasons(ew):
    w = ew
    complaint = file_online(w)
    fire(complaint, "accept", w.clerk_haizhu, ACCEPTED, on_date=ACCEPTED)
    closed = fire(complaint, "close", w.clerk_haizhu, ACCEPTED, finding="unsubstantiated",
                  answer="经调阅执法记录，执法程序合法。", on_date=ACCEPTED)  # fmt: skip
    assert closed.state == "closed"
    other = file_online(w, phone="13800138002")
    with pytest.raises(InvalidInput) as missing:
        fire(other, "refuse", w.clerk_haizhu, ACCEPTED, on_date=ACCEPTED)
    assert "reasons" in missing.value.fields
    refused = fire(other, "refuse", w.clerk_haizhu, ACCEPTED, on_date=ACCEPTED,
                   reasons="所反映事项已进入行政复议程序，请依复议程序处理。")  # fmt: skip
    assert (refused.state, refused.outcome, refused.due_date) == ("not_accepted", "not_accepted",
                                                                    None)  # fmt: skip
    with on(ACCEPTED):
        assert "行政复议" in str(public_view(refused)["facts"])


def test_staff_enter_a_hotline_referral_and_a_letter(ew, settings,
                                                     django_capture_on_commit_callbacks):  # fmt: skip
    from cases.models import Notification
    from portal.sms import MemoryGateway

    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    w = ew
    with on(D(2026, 6, 15)), django_capture_on_commit_callbacks(execute=True):
        referral = complaint_register(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data={
            "channel": "referral", "referral_source": "12345政务服务便民热线",
            "referral_number": "GD20260612-0042", "received_on": D(2026, 6, 12),
            "complainant_kind": "person", "complainant_name": "王某", "complainant_phone":
            "13900139000", "agency_named": "城管", "happened_on": D(2026, 6, 10),
            "facts": "城管执法人员暴力收缴摊位物品。"})  # fmt: skip
        letter = complaint_register(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data={
            "channel": "post", "complainant_name": "李某", "happened_on": D(2026, 5, 20),
            "facts": "来信反映罚款未开具票据。"})  # fmt: skip
    assert (referral.channel, referral.referral_number, referral.received_at.date()) == (
        "referral", "GD20260612-0042", D(2026, 6, 12))  # fmt: skip
    assert referral.tracking_code and not letter.tracking_code  # a code only with a mobile
    assert letter.body is None and letter.complainant_phone == ""
    # The caller is texted the tracking code; the staff who entered it get no notification.
    assert [p for p, text in MemoryGateway.outbox if referral.tracking_code in text] == [
        "13900139000"]  # fmt: skip
    assert not Notification.objects.filter(kind="online_request").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"complainant_name": ""}, "complainant_name"),
        ({"happened_on": "2026-07-01"}, "happened_on"),  # after the receipt
        ({"happened_on": "not a date"}, "happened_on"),
        ({"facts": " "}, "facts"),
        ({"complainant_phone": "12345"}, "complainant_phone"),
        ({"channel": "online"}, "channel"),  # staff enter no online complaint
        ({"channel": "referral"}, "referral_source"),  # a referral names who referred it
        ({"received_on": "2026-06-20"}, "received_on"),  # in the future
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(ew, changes, field):
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext

    w = ew
    data = {"channel": "phone", "complainant_name": "王某", "complainant_phone": "13900139000",
            "happened_on": "2026-06-01", "facts": "执法人员未出示证件。", **changes}  # fmt: skip
    with on(D(2026, 6, 15)), pytest.raises(InvalidInput) as refused:
        complaint_register(actor=w.clerk_haizhu, organization=w.haizhu_bureau, data=data)
    assert list(refused.value.fields) == [field]
    try:
        label = str(Complaint._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        label = gettext("received on")
    assert refused.value.message.startswith(f"{label}：")
    assert not Complaint.objects.exists()
    assert not NumberSequence.objects.filter(series="enforcement_complaint").exists()


def test_a_body_outside_the_bureau_and_a_foreign_bureau_are_refused(ew):
    w = ew
    with on(FILED), pytest.raises(InvalidInput) as outside:
        complaint_register(actor=None, organization=w.haizhu_bureau, online=True, data={
            "complainant_name": "张某", "complainant_phone": PHONE, "body": w.baiyun_body,
            "happened_on": "2026-06-01", "facts": "x"})  # fmt: skip
    assert "body" in outside.value.fields and "海珠区司法局" in outside.value.fields["body"][0]
    with on(FILED), pytest.raises(PermissionDenied):
        complaint_register(actor=w.clerk_baiyun, organization=w.haizhu_bureau, data={
            "channel": "phone", "complainant_name": "张某", "happened_on": "2026-06-01",
            "facts": "x"})  # fmt: skip
    with on(FILED), pytest.raises(InvalidInput) as landline:
        complaint_register(actor=None, organization=w.haizhu_bureau, online=True, data={
            "complainant_name": "张某", "complainant_phone": "020-12345678",
            "happened_on": "2026-06-01", "facts": "x"})  # fmt: skip
    assert "complainant_phone" in landline.value.fields
    assert not Complaint.objects.exists()


def test_a_stale_version_is_a_conflict(ew):
    w = ew
    complaint = file_online(w)
    from cases import engine

    with on(ACCEPTED), pytest.raises(Conflict):
        engine.fire(complaint, "accept", actor=w.clerk_haizhu, version=complaint.version + 5,
                    data={"on_date": ACCEPTED})  # fmt: skip
