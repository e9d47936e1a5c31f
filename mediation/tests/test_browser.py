"""A mediator takes a dispute from registration to judicial confirmation in a real browser."""

from __future__ import annotations

import datetime

import pytest

from cases.models import CaseEvent, Clock
from conftest import ARTIFACTS, PASSWORD
from mediation.models import Dispute


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def _act(page, action, fill=None, check=(), select=None):
    page.locator(f'#actions [data-action="{action}"]').click()
    for name, value in (fill or {}).items():
        page.locator(f'[name="{name}"]').fill(value)
    for name in check:
        page.locator(f'input[name="{name}"]').check()
    for name, value in (select or {}).items():
        page.locator(f'[name="{name}"][value="{value}"]').check()
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mediator_takes_a_dispute_to_judicial_confirmation(world, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    _login(page, live_server, "mediator_haizhu")
    page.goto(f"{live_server.url}/mediation/disputes/new/")
    page.locator("[name=title]").fill("楼上漏水纠纷")
    page.locator("[name=dispute_type]").select_option("neighbour")
    page.locator("[name=facts]").fill("楼上卫生间漏水，损坏楼下天花板。")
    page.locator("[name=amount]").fill("-3")
    page.locator("[name=parties-0-name]").fill("刘一")
    page.locator("[name=parties-1-name]").fill("陈二")
    page.locator("#submit-dispute").click()
    # Bad input: the error names the field, nothing is saved, the input is still there.
    assert page.locator("#form-errors").is_visible()
    assert page.locator("[name=facts]").input_value() == "楼上卫生间漏水，损坏楼下天花板。"
    assert Dispute.objects.count() == 0
    page.locator("[name=amount]").fill("3000")
    page.locator("#submit-dispute").click()
    page.wait_for_selector("#case-number")
    dispute = Dispute.objects.get()
    assert page.locator("#case-number").inner_text() == dispute.number
    assert "刘一" in page.locator("#parties").inner_text()

    today = datetime.date.today().isoformat()
    _act(page, "accept", fill={"accepted_on": today}, check=["consent"])
    assert page.locator('#clocks [data-clock="mediation_term"]').get_attribute("data-status") in {
        "running",
        "due_soon",
    }
    _act(page, "record_session", fill={"held_on": today, "place": "调委会调解室",
                                       "notes": "双方陈述各自意见。"})  # fmt: skip
    _act(page, "record_session", fill={"held_on": today, "place": "调委会调解室",
                                       "notes": "双方同意赔偿方案。"})  # fmt: skip
    # A written agreement without the committee's seal is refused and nothing changes.
    page.locator('#actions [data-action="reach_agreement"]').click()
    page.locator('[name="form"][value="written"]').check()
    page.locator("[name=terms]").fill("陈二赔偿刘一维修费3000元。")
    page.locator("[name=performance]").fill("签订协议之日起7日内一次性付清。")
    page.locator("[name=effective_on]").fill(today)
    page.locator("input[name=parties_signed]").check()
    page.locator("input[name=mediator_signed]").check()
    page.locator("#submit-transition").click()
    assert page.locator("#form-errors").is_visible()
    assert page.locator("[name=terms]").input_value() == "陈二赔偿刘一维修费3000元。"
    dispute.refresh_from_db()
    assert dispute.state == "mediating"
    page.locator("input[name=committee_sealed]").check()
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    _act(page, "apply_confirmation", fill={"applied_on": today, "court": "广州市海珠区人民法院"})
    _act(page, "confirm_valid", fill={"ruled_on": today})
    page.screenshot(path=str(ARTIFACTS / "mediation-confirmed.png"), full_page=True)

    dispute.refresh_from_db()
    assert (dispute.state, dispute.outcome, dispute.confirmation_result) == (
        "confirmed", "succeeded", "valid")  # fmt: skip
    assert dispute.sessions.count() == 2
    assert [e.transition for e in CaseEvent.for_case(dispute)] == [
        "register", "accept", "record_session", "record_session", "reach_agreement",
        "apply_confirmation", "confirm_valid"]  # fmt: skip
    assert Clock.for_case(dispute).get(key="mediation_term").status() == "met"
    timeline = page.locator("#timeline").inner_text()
    assert timeline.count("\n") >= 6
