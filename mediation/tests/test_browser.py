"""A mediator takes a dispute from registration to judicial confirmation in a real browser."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, Clock
from conftest import ARTIFACTS, frozen_today, sign_in
from mediation.models import Dispute


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
    sign_in(page, live_server, "mediator_haizhu")
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

    today = frozen_today().isoformat()
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_citizen_files_online_and_follows_the_case_to_confirmation(
    world, live_server, page, settings
):
    import json
    import re
    from io import StringIO

    from django.core.management import call_command

    from mediation.choices import CommitteeKind
    from mediation.models import Committee
    from portal.sms import MemoryGateway

    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    Committee.objects.create(organization=world.haizhu_committee, kind=CommitteeKind.STREET,
                             region_code=world.street.code)  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    # 1. A citizen on a phone-sized screen files a request on the portal.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="mediation"]').click()
    page.locator("[name=applicant_name]").fill("黄女士")
    page.locator("[name=applicant_phone]").fill("13800138000")
    page.locator("[name=respondent_name]").fill("楼上住户")
    page.locator("[name=street]").select_option(world.street.code)
    page.locator("[name=address]").fill("广州市海珠区赤岗路1号")
    page.locator("[name=dispute_type]").select_option("neighbour")
    page.locator("[name=facts]").fill("楼上漏水两个月未修。")
    page.locator("[name=requests]").fill("请对方修好防水。")
    page.locator("[name=consent]").check()
    page.locator("#submit-request").click()
    code = page.locator("#tracking-code").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "portal-filed.png"), full_page=True)
    dispute = Dispute.objects.get(tracking_code=code)
    assert dispute.organization == world.haizhu_committee  # routed to the street's committee

    # 2. The committee's mediator takes it through to judicial confirmation.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "mediator_haizhu")
    page.goto(f"{live_server.url}{dispute.get_absolute_url()}")
    today = frozen_today().isoformat()
    _act(page, "accept", fill={"accepted_on": today}, check=["consent"])
    for notes in ("双方陈述。", "双方同意方案。"):
        _act(page, "record_session", fill={"held_on": today, "place": "调解室", "notes": notes})
    _act(page, "reach_agreement", fill={"terms": "楼上住户修复防水。", "performance": "十日内",
                                        "effective_on": today},
         check=["parties_signed", "mediator_signed", "committee_sealed"],
         select={"form": "written"})  # fmt: skip
    _act(page, "apply_confirmation", fill={"applied_on": today, "court": "海珠区人民法院"})
    _act(page, "confirm_valid", fill={"ruled_on": today})
    page.locator("#applicant-messages textarea").fill("司法确认已完成，请按协议履行。")
    page.locator("#applicant-messages button[type=submit]").click()
    page.locator("form[action='/logout/'] button").first.dispatch_event("click")

    # 3. The citizen sees the status with the tracking code and the SMS code.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/track/")
    page.locator("[name=tracking_code]").fill(code)
    page.locator("[name=phone]").fill("13800138000")
    page.locator("#send-code").click()
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    page.locator("[name=code]").fill(otp)
    page.locator("#verify").click()
    status = page.locator("#public-status").inner_text()
    page.screenshot(path=str(ARTIFACTS / "portal-status.png"), full_page=True)
    dispute.refresh_from_db()
    assert status == str(dispute.state_label)
    assert dispute.state == "confirmed"
    assert "司法确认已完成" in page.locator("#public-messages").inner_text()

    # 4. The figures count it.
    out = StringIO()
    call_command("indicators", "--region", "440105", "--year", str(frozen_today().year),
                 "--json", stdout=out)  # fmt: skip
    figures = json.loads(out.getvalue())["indicators"]
    assert figures["mediation.received"]["value"] == 1
    assert figures["mediation.succeeded"]["value"] == 1
    assert figures["mediation.online_share"]["value"] == 100
    assert figures["mediation.judicial_confirmations"]["value"] == 1
