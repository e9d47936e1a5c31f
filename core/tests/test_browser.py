"""A person's journey in a real browser: Debian's Chromium driven by Playwright, headless."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from conftest import ARTIFACTS, PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_clerk_logs_in_navigates_and_reveals_a_number(world, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/parties/")
    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.locator("h1").inner_text() == "登录法治平台"

    page.get_by_label("用户名").fill("clerk_haizhu")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/parties/")
    page.screenshot(path=str(ARTIFACTS / "parties.png"), full_page=True)
    table = page.locator("table")
    assert world.party_haizhu.name in table.inner_text()
    assert world.party_baiyun.name not in table.inner_text()

    # Navigate through the menu: 基础数据 → 机构.
    page.get_by_role("button", name="基础数据").or_(page.get_by_text("基础数据")).first.click()
    page.get_by_role("link", name="机构").click()
    page.wait_for_url(f"{live_server.url}/organizations/")
    assert "赤岗街道司法所" in page.locator("table").inner_text()

    # Open a party and reveal its full ID number: the page swaps it in, the log records it.
    page.goto(f"{live_server.url}/parties/{world.party_haizhu.pk}/")
    assert world.party_haizhu.id_number not in page.content()
    page.locator('[data-reveal="id_number"]').click()
    page.locator('[data-revealed="id_number"]').wait_for()
    assert page.locator('[data-revealed="id_number"]').inner_text() == world.party_haizhu.id_number
    assert (
        LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, object_pk=str(world.party_haizhu.pk)
        ).count()
        == 1
    )

    # Switch to English and back on the home page.
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Registered parties" in page.content()
    page.screenshot(path=str(ARTIFACTS / "home-en.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bad_id_number_is_shown_beside_the_field_and_input_is_kept(world, live_server, page):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("clerk_haizhu")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/parties/new/")
    page.get_by_label("姓名").or_(page.get_by_label("名称")).first.fill("钱八")
    page.get_by_label("公民身份号码").fill("110105194912310021")
    page.get_by_role("button", name="保存").click()
    feedback = page.locator("#id_id_number ~ .invalid-feedback, .invalid-feedback").first
    assert "校验码" in feedback.inner_text()
    assert page.get_by_label("公民身份号码").input_value() == "110105194912310021"
    page.screenshot(path=str(ARTIFACTS / "party-error.png"), full_page=True)
