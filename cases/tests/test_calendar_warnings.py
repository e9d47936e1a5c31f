"""Warning ahead: from 1 October, a missing schedule for next year is announced (issue #9)."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from cases.checks import next_year_schedule
from cases.models import CalendarYear, Notification

pytestmark = pytest.mark.django_db

OCTOBER = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)
SEPTEMBER = datetime.datetime(2026, 9, 30, 9, 0, tzinfo=datetime.UTC)


def banner(client, user, when) -> str:
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        return client.get("/worklist/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_leaders_see_a_banner_from_october_while_next_year_is_missing(client, world):
    assert 'id="calendar-banner"' in banner(client, world.leader_gz, OCTOBER)
    assert 'id="calendar-banner"' not in banner(client, world.leader_gz, SEPTEMBER)


def test_mediators_do_not_see_the_banner(client, world):
    assert 'id="calendar-banner"' not in banner(client, world.mediator_haizhu, OCTOBER)


def test_the_banner_goes_once_the_year_is_entered(client, world):
    CalendarYear.objects.create(year=2027, source="manual")
    assert 'id="calendar-banner"' not in banner(client, world.leader_gz, OCTOBER)


def test_the_system_check_warns_only_when_asked_about_the_database(db):
    with time_machine.travel(OCTOBER, tick=False):
        warnings = next_year_schedule(databases=["default"])
        assert [w.id for w in warnings] == ["cases.W001"] and "2027" in warnings[0].msg
        assert next_year_schedule(databases=None) == []
    with time_machine.travel(SEPTEMBER, tick=False):
        assert next_year_schedule(databases=["default"]) == []


def test_the_daily_reminder_says_so_once_a_day_to_leaders(world):
    err = StringIO()
    with time_machine.travel(OCTOBER, tick=False):
        call_command("remind", stdout=StringIO(), stderr=err)
        call_command("remind", stdout=StringIO(), stderr=StringIO())
    assert "2027" in err.getvalue()
    told = Notification.objects.filter(kind="calendar")
    assert list(told.values_list("recipient", flat=True)) == [world.leader_gz.pk]
    assert not told.filter(recipient=world.mediator_haizhu).exists()


def test_the_reminder_names_the_menu_path_the_leader_really_sees(client, world):
    """The message says where to enter the schedule; that path is the one the menu shows."""
    with time_machine.travel(OCTOBER, tick=False):
        call_command("remind", stdout=StringIO(), stderr=StringIO())
        client.force_login(world.leader_gz)
        page = client.get("/worklist/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    body = Notification.objects.get(kind="calendar").body
    section, item = body.split("请在“")[1].split("”")[0].split(" → ")
    assert (section, item) == ("工具", "节假日安排")
    # Both labels are in the menu, and the item links to the calendar page.
    menu = page.split('id="calendar-banner"')[0]
    assert section in menu and item in menu and 'href="/calendar/"' in menu
