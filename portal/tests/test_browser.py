"""The portal items of issue #10 in a real browser, one short journey each."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases import engine
from mediation.models import Dispute
from portal.sms import MemoryGateway

CHIGANG, XINGANG = "440105001000", "440105002000"  # 赤岗 has a committee, 新港 none


@pytest.fixture
def portal(world, settings):
    from mediation.choices import CommitteeKind
    from mediation.models import Committee

    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    Committee.objects.create(organization=world.haizhu_committee, kind=CommitteeKind.STREET)
    return world


def _zh(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def _fill_request(page, live_server, street=CHIGANG, **values):
    page.goto(f"{live_server.url}/mediation/online/apply/")
    fields = {
        "applicant_name": "黄女士",
        "applicant_phone": "13800138000",
        "respondent_name": "楼上住户",
        "address": "广州市海珠区赤岗路1号",
        "facts": "楼上漏水两个月未修。",
        "requests": "请对方修好防水。",
    } | values
    for name, value in fields.items():
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=street]").select_option(street)
    page.locator("[name=dispute_type]").select_option("neighbour")
    page.locator("[name=consent]").check()
    page.locator("#submit-request").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_error_shows_in_one_round_and_nothing_is_lost(portal, live_server, page):
    _fill_request(page, live_server, applicant_id_number="110105194912310021",
                  respondent_phone="12345", facts="")  # fmt: skip
    errors = page.locator("#form-errors li")
    assert errors.count() == 3  # ID number, the other party's phone, what happened
    assert "请至少填写" not in page.locator("#form-errors").inner_text()
    assert page.locator("[name=respondent_name]").input_value() == "楼上住户"
    assert page.locator("[name=street]").input_value() == CHIGANG
    page.locator("[name=applicant_id_number]").fill("")
    page.locator("[name=respondent_phone]").fill("13900139000")
    page.locator("[name=facts]").fill("楼上漏水两个月未修。")
    page.locator("#submit-request").click()
    assert page.locator("#tracking-code").is_visible()
    assert Dispute.objects.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_phone_boxes_bring_up_the_phone_keypad(portal, live_server, page):
    page.goto(f"{live_server.url}/mediation/online/apply/")
    for name, autocomplete in [("applicant_phone", "tel"), ("respondent_phone", "off")]:
        box = page.locator(f"[name={name}]")
        assert (box.get_attribute("type"), box.get_attribute("inputmode")) == ("tel", "tel")
        assert box.get_attribute("autocomplete") == autocomplete
    page.goto(f"{live_server.url}/portal/track/")
    assert page.locator("[name=phone]").get_attribute("inputmode") == "tel"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_street_list_offers_only_the_deployments_streets(portal, live_server, page):
    page.goto(f"{live_server.url}/mediation/online/apply/")
    codes = page.locator("[name=street] option").evaluate_all("os => os.map(o => o.value)")
    streets = [code for code in codes if code]
    assert CHIGANG in streets and len(streets) > 100  # every street of 广州
    assert all(code.startswith("4401") for code in streets)  # no 罗湖, no 东莞


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_street_without_committee_goes_to_the_unit_above(portal, live_server, page):
    portal.haizhu_bureau.phone = "020-84300000"
    portal.haizhu_bureau.save()
    _fill_request(page, live_server, street=XINGANG)
    note = page.locator("#routing-note").inner_text()
    assert "新港街道" in note and "赤岗街道司法所" in note
    assert page.locator("#handler-phone").get_attribute("href") == "tel:020-84300000"
    assert Dispute.objects.get().organization == portal.haizhu_office


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_applicant_is_texted_the_code_and_each_new_status(portal, live_server, page):
    _fill_request(page, live_server)
    code = page.locator("#tracking-code").inner_text().strip()
    phone, filed_text = MemoryGateway.outbox[-1]
    assert phone == "13800138000" and code in filed_text
    dispute = Dispute.objects.get(tracking_code=code)
    engine.fire(dispute, "accept", actor=portal.mediator_haizhu, version=dispute.version,
                data={"consent": True, "accepted_on": dispute.received_at.date()})  # fmt: skip
    phone, status_text = MemoryGateway.outbox[-1]
    with translation.override("zh-hans"):
        assert code in status_text and str(Dispute.objects.get().state_label) in status_text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_calculator_stays_in_the_portal(portal, live_server, page):
    page.goto(f"{live_server.url}/portal/")
    page.locator("a[href='/portal/deadline/']").click()
    page.locator("#large-text").click()  # 长者模式 on the calculator page too
    assert page.url.startswith(f"{live_server.url}/portal/deadline/")
    assert "fz-large" in page.locator("body").get_attribute("class")
    page.locator("[name=start]").fill("2025-09-30")
    page.locator("[name=days]").fill("5")
    page.locator("[name=working]").check()
    page.get_by_role("button", name=_zh("Calculate")).click()
    assert page.locator("[data-due]").get_attribute("data-due") == "2025-10-14"
    page.locator("#back-to-portal").click()
    assert page.url == f"{live_server.url}/portal/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_elder_mode_toggle_shows_its_state(live_server, page):
    page.goto(f"{live_server.url}/portal/")
    toggle = page.get_by_role("button", name=_zh("Large text"), exact=True)
    assert toggle.get_attribute("aria-pressed") == "false"
    assert toggle.inner_text().strip().endswith(_zh("Large text: off"))
    toggle.click()
    toggle = page.get_by_role("button", name=_zh("Large text"), pressed=True)
    assert toggle.inner_text().strip().endswith(_zh("Large text: on"))
    assert "fz-large" in page.locator("body").get_attribute("class")
