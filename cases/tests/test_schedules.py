"""Entering next year's holiday schedule corrects the deadlines counted on a guess (issue #9).

With the clock at 2026-12-10 and no 2027 schedule, a mediator accepts a dispute: its one-month
term (人民调解工作若干规定 Art. 33; Civil Code Art. 202) is nominally Sun 2027-01-10 and so
due Mon 2027-01-11, 暂定. The 2027 notice used here makes Sat 2027-01-09 … Mon 01-11 a New
Year break (an invented but well-formed schedule), so the term moves to Tue 2027-01-12.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from cases import engine, schedules
from cases.holiday_notice import HolidaySchedule, HolidaySpan, ScheduleError
from cases.models import CalendarDay, CalendarYear, CaseEvent, Clock, Notification
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=datetime.UTC)

# A plausible 2027 schedule: the statutory days (statutes-lines.md §G) with swaps; the New Year
# item is stretched over 01-09 … 01-11 so that it covers the one-month term's nominal end.
SPANS_2027 = (
    HolidaySpan("元旦", D(2027, 1, 1), D(2027, 1, 3), ()),
    HolidaySpan("春节", D(2027, 2, 5), D(2027, 2, 13), (D(2027, 2, 20),)),
    HolidaySpan("清明节", D(2027, 4, 3), D(2027, 4, 5), ()),
    HolidaySpan("劳动节", D(2027, 5, 1), D(2027, 5, 5), (D(2027, 4, 25),)),
    HolidaySpan("端午节", D(2027, 6, 9), D(2027, 6, 9), ()),
    HolidaySpan("中秋节", D(2027, 9, 15), D(2027, 9, 15), ()),
    HolidaySpan("国庆节", D(2027, 10, 1), D(2027, 10, 7), (D(2027, 9, 26), D(2027, 10, 9))),
)


def schedule_2027(*, new_year_end: datetime.date | None = None) -> HolidaySchedule:
    new_year_end = new_year_end or D(2027, 1, 3)
    spans = (HolidaySpan("元旦", D(2027, 1, 1), new_year_end, ()), *SPANS_2027[1:])
    return HolidaySchedule(year=2027, spans=spans, document_number="国办发明电〔2026〕9号")


@pytest.fixture
def accepted(world):
    with time_machine.travel(TODAY, tick=False):
        dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
        dispute = engine.fire(
            dispute,
            "accept",
            actor=world.mediator_haizhu,
            data={"consent": True, "accepted_on": D(2026, 12, 10)},
            version=dispute.version,
        )
        engine.assign(dispute, actor=world.office_haizhu, assignee=world.mediator_haizhu)
    return dispute


def term(dispute) -> Clock:
    return Clock.for_case(dispute).get(key="mediation_term")


def test_a_term_reaching_an_unknown_year_is_due_on_a_provisional_date(accepted):
    clock = term(accepted)
    assert (clock.nominal_due, clock.due_date, clock.provisional) == (
        D(2027, 1, 10),
        D(2027, 1, 11),
        True,
    )
    accepted.refresh_from_db()
    assert accepted.due_date == D(2027, 1, 11)


def test_the_case_page_the_worklist_and_the_api_say_provisional(client, world, accepted):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(world.mediator_haizhu)
        page = client.get(accepted.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert 'data-provisional="1"' in page.content.decode()
        work = client.get("/worklist/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "暂定" in work
        api = client.get(f"/api/cases/mediation.dispute/{accepted.pk}/timeline/").json()
        listing = client.get("/mediation/disputes/").content.decode()
        detail = client.get(f"/api/mediation/disputes/{accepted.pk}/").json()
    clocks = {c["key"]: c for c in api["clocks"]}
    assert clocks["mediation_term"]["provisional"] is True
    assert 'data-provisional="1"' in listing
    assert detail["due_date"] == "2027-01-11" and detail["due_provisional"] is True


def test_entering_the_schedule_moves_the_term_notifies_the_handler_and_drops_the_flag(
    world, accepted, django_capture_on_commit_callbacks
):
    with time_machine.travel(TODAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        outcome = schedules.calendar_year_enter(
            actor=world.leader_gz,
            schedule=schedule_2027(new_year_end=D(2027, 1, 11)),
        )
    clock = term(accepted)
    assert (clock.due_date, clock.provisional) == (D(2027, 1, 12), False)
    assert [(c.old_due, c.new_due) for c in outcome.moved] == [(D(2027, 1, 11), D(2027, 1, 12))]
    accepted.refresh_from_db()
    assert (accepted.due_date, accepted.due_provisional) == (D(2027, 1, 12), False)
    event = CaseEvent.for_case(accepted).get(transition=schedules.RECOMPUTED)
    assert event.data["old_due"] == "2027-01-11" and event.data["new_due"] == "2027-01-12"
    assert "2027年1月11日" in event.note and "2027年1月12日" in event.note
    note = Notification.objects.get(recipient=world.mediator_haizhu, kind="deadline")
    assert "2027年1月12日" in note.body
    assert CalendarYear.objects.get(year=2027).document_number == "国办发明电〔2026〕9号"


def test_a_schedule_that_keeps_the_date_only_drops_the_flag(world, accepted):
    accepted.refresh_from_db()
    version = accepted.version
    with time_machine.travel(TODAY, tick=False):
        outcome = schedules.calendar_year_enter(actor=None, schedule=schedule_2027())
    clock = term(accepted)
    assert (clock.due_date, clock.provisional) == (D(2027, 1, 11), False)
    assert outcome.moved == [] and len(outcome.unflagged) == 1
    assert not CaseEvent.for_case(accepted).filter(transition=schedules.RECOMPUTED).exists()
    assert not Notification.objects.filter(kind="deadline").exists()
    accepted.refresh_from_db()
    assert accepted.version == version  # nobody's open form goes stale


def test_entering_the_same_schedule_again_changes_nothing(world, accepted):
    with time_machine.travel(TODAY, tick=False):
        schedules.calendar_year_enter(actor=None, schedule=schedule_2027())
        events = CaseEvent.objects.count()
        days = sorted(CalendarDay.objects.filter(year=2027).values_list("date", "kind"))
        again = schedules.calendar_year_enter(actor=None, schedule=schedule_2027())
    assert again.changes == []
    assert CaseEvent.objects.count() == events
    assert sorted(CalendarDay.objects.filter(year=2027).values_list("date", "kind")) == days


def test_the_preview_writes_nothing(world, accepted):
    with time_machine.travel(TODAY, tick=False):
        outcome = schedules.preview(schedule_2027(new_year_end=D(2027, 1, 11)))
    assert [(c.old_due, c.new_due) for c in outcome.moved] == [(D(2027, 1, 11), D(2027, 1, 12))]
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert term(accepted).provisional


def test_a_schedule_that_fails_validation_writes_nothing(world, accepted):
    bad = HolidaySchedule(
        year=2027,
        spans=(*SPANS_2027[:-1], HolidaySpan("国庆节", D(2027, 10, 1), D(2027, 10, 7), (D(2027, 10, 6),))),
    )  # fmt: skip
    with time_machine.travel(TODAY, tick=False), pytest.raises(ScheduleError):
        schedules.calendar_year_enter(actor=None, schedule=bad)
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(year=2027).exists()
    assert term(accepted).provisional


def test_a_stopped_clock_is_left_alone(world, accepted):
    with time_machine.travel(TODAY, tick=False):
        Clock.objects.filter(pk=term(accepted).pk).update(
            state="stopped", stopped_on=D(2026, 12, 10)
        )
        outcome = schedules.calendar_year_enter(actor=None, schedule=schedule_2027(new_year_end=D(2027, 1, 11)))  # fmt: skip
    assert outcome.changes == []
    assert term(accepted).due_date == D(2027, 1, 11)


def test_only_administrators_may_enter_a_schedule(client, world):
    client.force_login(world.mediator_haizhu)
    assert client.get("/calendar/enter/").status_code == 403
    assert client.get("/calendar/").status_code == 200
    client.force_login(world.leader_gz)
    assert client.get("/calendar/enter/").status_code == 403
    from core.models import Membership, User

    sysadmin = User.objects.create_user("city_sysadmin", password="x" * 12)
    Membership.objects.create(user=sysadmin, organization=world.city_bureau, role="system_admin")
    client.force_login(sysadmin)
    assert client.get("/calendar/enter/?year=2027").status_code == 200


def test_the_sync_command_recomputes_what_it_adds(world, accepted, monkeypatch):
    # A newer chinesecalendar that knows 2027 (as the invented schedule) corrects the term too.
    import chinese_calendar

    sched = schedule_2027(new_year_end=D(2027, 1, 11))
    monkeypatch.setattr(
        chinese_calendar, "holidays", {**chinese_calendar.holidays, **sched.rest_days()}
    )
    monkeypatch.setattr(
        chinese_calendar, "workdays", {**chinese_calendar.workdays, **sched.workdays()}
    )
    with time_machine.travel(TODAY, tick=False):
        call_command("calendar", "sync", stdout=open("/dev/null", "w"))
    assert (term(accepted).due_date, term(accepted).provisional) == (D(2027, 1, 12), False)


NOTICE_2027 = (
    __import__("pathlib").Path(__file__).parent / "fixtures" / "holiday_notice_2027.txt"
).read_text(encoding="utf-8")


def test_an_administrator_pastes_the_notice_previews_it_and_saves_it(
    client, world, django_capture_on_commit_callbacks
):
    from core.models import Membership, User

    # Accepted on Tue 2027-01-05 before the notice is in: the month ends on Fri 02-05, 除夕,
    # provisionally followed by 初一–初三 and two 补假 days, so Thu 02-11 (暂定). The notice gives
    # 02-05 … 02-12 off: Sat 02-13 and Sun 02-14 rest, so Mon 02-15.
    when = datetime.datetime(2027, 1, 5, 9, 0, tzinfo=datetime.UTC)
    admin = User.objects.create_superuser("calendar_admin", password="x" * 12)
    # A system administrator of the city bureau: the preview lists the city's moved cases.
    Membership.objects.create(user=admin, organization=world.city_bureau, role="system_admin")
    with time_machine.travel(when, tick=False):
        dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
        dispute = engine.fire(
            dispute, "accept", actor=world.mediator_haizhu,
            data={"consent": True, "accepted_on": D(2027, 1, 5)}, version=dispute.version,
        )  # fmt: skip
        assert (term(dispute).due_date, term(dispute).provisional) == (D(2027, 2, 11), True)
        client.force_login(admin)
        form = {"mode": "notice", "text": NOTICE_2027}
        preview = client.post(
            "/calendar/enter/", {**form, "action": "preview"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()
        assert 'id="schedule-read"' in preview and "2027-02-12" in preview
        assert "2027-02-11 → 2027-02-15" in preview
        assert not CalendarYear.objects.filter(year=2027).exists()
        with django_capture_on_commit_callbacks(execute=True):
            saved = client.post("/calendar/enter/", {**form, "action": "confirm"})
    assert saved.status_code == 302
    assert (term(dispute).due_date, term(dispute).provisional) == (D(2027, 2, 15), False)
    assert CalendarYear.objects.get(year=2027).issued_on == D(2026, 11, 6)
    assert Notification.objects.filter(kind="deadline").count() == 0  # nobody is assigned


def test_a_notice_that_does_not_parse_saves_nothing_and_keeps_the_text(client, world):
    from core.models import User

    admin = User.objects.create_superuser("calendar_admin2", password="x" * 12)
    client.force_login(admin)
    broken = NOTICE_2027.replace("共8天", "共9天")
    page = client.post(
        "/calendar/enter/",
        {"mode": "notice", "text": broken, "action": "confirm"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    assert 'id="schedule-errors"' in page and "第" in page
    assert "共9天" in page  # the pasted text is kept
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_schedule_can_be_typed_in_field_by_field(client, world):
    from core.models import User

    admin = User.objects.create_superuser("calendar_admin3", password="x" * 12)
    client.force_login(admin)
    data = {"mode": "fields", "year": "2027", "action": "confirm"}
    for index, span in enumerate(SPANS_2027):
        data[f"h{index}_start"] = span.start.isoformat()
        data[f"h{index}_end"] = span.end.isoformat()
        data[f"h{index}_workdays"] = ", ".join(d.isoformat() for d in span.workdays)
    response = client.post("/calendar/enter/", data)
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 2, 20)).kind == "workday"
    assert CalendarYear.objects.get(year=2027).source == "manual"


def test_the_admin_shows_the_calendar_but_does_not_edit_it(client, world):
    from core.models import User

    client.force_login(User.objects.create_superuser("cal_admin4", password="x" * 12))
    assert client.get("/admin/cases/calendaryear/").status_code == 200
    assert client.get("/admin/cases/calendaryear/add/").status_code == 403
    assert client.get("/admin/cases/calendarday/add/").status_code == 403
