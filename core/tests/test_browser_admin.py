"""Admin, API and calendar messages read in Chinese in a real browser (issue 10, first-time
user: "Admin and API pages in English … are translated; the calendar error names the real menu
path")."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command

from conftest import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_system_administrator_reads_the_admin_and_the_api_in_chinese(world, live_server, page):
    user = world.leader_gz
    user.is_superuser = user.is_staff = True
    user.save()
    sign_in(page, live_server, "leader_gz")
    page.goto(f"{live_server.url}/admin/")
    text = page.locator("#content-main").inner_text()
    for chinese in ("登录防护", "登录尝试", "审计日志"):
        assert chinese in text
    for english in ("AXES", "Axes", "AUDIT LOG", "Access attempts"):
        assert english not in text
    page.get_by_role("link", name="登录尝试").first.click()
    assert "登录尝试" in page.locator("h1").inner_text()

    page.goto(f"{live_server.url}/api/")
    assert page.title().startswith("法治平台接口")
    body = page.locator("body").inner_text()
    assert "Api Root" not in body and "Django REST framework" not in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_calendar_warning_points_to_a_menu_path_that_exists(world, live_server, page):
    october = datetime.datetime(2026, 10, 9, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(october, tick=True):
        call_command("remind")
        sign_in(page, live_server, "leader_gz")
        page.goto(f"{live_server.url}/notifications/")
        message = page.get_by_text("粘贴国务院办公厅的通知").first.inner_text()
        section, item = message.split("请在“")[1].split("”")[0].split(" → ")
        # Follow the path the message names, in the menu.
        page.locator("nav").get_by_text(section, exact=True).click()
        page.locator("nav").get_by_role("link", name=item).click()
        page.wait_for_url(f"{live_server.url}/calendar/")
        assert item in page.locator("h1").inner_text()
