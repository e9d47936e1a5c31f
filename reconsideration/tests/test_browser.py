"""Administrative reconsideration end to end in a real browser (issue 13, "Must show"): a member
of the public applies online, the office accepts and sends the copy, the respondent agency's
handler (who sees only their agency's cases) answers, the office notifies a hearing five
working days ahead, holds it and decides, and the decision is published on the portal after
the redaction is confirmed.

Worked dates (行政复议法 Arts. 30, 48, 51, 62, 88): the clock stands at 10:00 on Wednesday
10 June 2026. Received that day, the acceptance review (5 working days) ends Wednesday 17 June.
Accepted and the copy sent the same day; the hearing notice of 10 June allows a hearing on
Wednesday 17 June at the earliest (11, 12, 15, 16, 17 June). The hearing is held and the case
decided on 17 June, well within the 60 days (due Sunday 9 August → Monday 10 August).
"""

from __future__ import annotations

import datetime
import random
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext

from conftest import ARTIFACTS, sign_in
from core.demo import resident_id
from core.models import Organization, OrganizationKind
from portal.sms import MemoryGateway
from reconsideration.models import Publication, ReconsiderationCase

SHANGHAI = ZoneInfo("Asia/Shanghai")
FILED_AT = datetime.datetime(2026, 6, 10, 10, tzinfo=SHANGHAI)
HEARING_DAY = datetime.date(2026, 6, 17)
PHONE = "13800138002"
ID_NUMBER = resident_id(random.Random(13), "440105")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(FILED_AT, tick=True),
]


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


def _as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def _act(page, action, *, fill=None, select=None, check=()):
    page.locator(f'#actions [data-action="{action}"]').click()
    page.wait_for_selector("#submit-transition")
    for name, value in (fill or {}).items():
        page.locator(f'form [name="{name}"]').first.fill(value)
    for name, value in (select or {}).items():
        page.locator(f'select[name="{name}"]').select_option(value)
    for name in check:
        page.locator(f'input[name="{name}"]').check()
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")


def _actions(page) -> set[str]:
    return {a.get_attribute("data-action") for a in page.locator("#actions [data-action]").all()}


def test_an_online_application_is_heard_decided_and_published(
    world, live_server, page, settings, time_machine
):
    w = world
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    ARTIFACTS.mkdir(exist_ok=True)
    other = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )

    # 1. The public applies on the portal; a missing act is named, nothing is filed.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="reconsideration"]').click()
    page.locator("[name=office]").select_option(str(w.haizhu_bureau.pk))
    page.locator("[name=respondent]").select_option(str(w.haizhu_agency.pk))
    page.locator("[name=act_type]").select_option("penalty")
    page.locator("[name=act_number]").fill("海市监罚〔2026〕88号")
    page.locator("[name=knew_on]").fill("2026-06-01")
    page.locator("[name=informed_of_right]").check()
    page.locator("[name=requests]").fill("撤销该行政处罚决定")
    page.locator("[name=facts]").fill("申请人林某经营的小店被罚款五千元，认定事实不清。")
    page.locator("[name=applicant_name]").fill("林某某")
    page.locator("[name=applicant_id_number]").fill(ID_NUMBER)
    page.locator("[name=applicant_phone]").fill(PHONE)
    page.locator("[name=applicant_address]").fill("广州市海珠区江南大道中88号")
    page.locator("#submit-application").click()
    assert zh("the act you challenge") in page.locator("#form-errors").inner_text()
    assert not ReconsiderationCase.objects.exists()
    assert page.locator("[name=facts]").input_value().startswith("申请人林某经营的小店")
    page.locator("[name=act_description]").fill("海市监罚〔2026〕88号罚款五千元的行政处罚决定")
    page.locator("#submit-application").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    assert "2026-06-17" in page.locator("#handled-by").inner_text()  # Art. 30: 5 working days
    case = ReconsiderationCase.objects.get(tracking_code=code)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 2. The office accepts (ordinary procedure) and sends the copy to the respondent.
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/reconsideration/cases/")
    page.locator(f'a:has-text("{case.number}")').click()
    assert "2026-07-31" in page.locator("#application-period").inner_text()  # Art. 20: 60 days
    _act(page, "accept", select={"procedure": "ordinary"})
    assert page.locator("#case-state").inner_text().strip() == zh("Accepted, under review")
    _act(page, "send_copy")
    case.refresh_from_db()
    assert (case.accepted_on, case.copy_sent_on) == (FILED_AT.date(), FILED_AT.date()), (
        page.content()[:3000]
    )

    # 3. The agency's handler sees only the cases against their agency, and answers.
    ReconsiderationCase.objects.create(
        number="（2026）海珠区司法局行复字第9999号", organization=w.haizhu_bureau,
        region_code=w.haizhu.code, state="submitted", respondent=other, act_type="licence",
        act_description="另一机关的行为", requests="撤销", title="另一机关的案件",
    )  # fmt: skip
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}/reconsideration/cases/")
    listed = page.locator("table").inner_text()
    assert case.number in listed and "第9999号" not in listed
    page.locator(f'a:has-text("{case.number}")').click()
    assert _actions(page) == {"submit_answer"}
    _act(page, "submit_answer", fill={"answer": "处罚认定事实清楚，证据确凿，程序合法。"})

    # 4. The office notifies a hearing: too early is refused with the earliest day; then 17 June.
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.locator('#actions [data-action="schedule_hearing"]').click()
    page.locator('form [name="hearing_on"]').fill("2026-06-16")
    page.locator('form [name="hearing_place"]').fill("海珠区司法局听证室")
    page.locator("#submit-transition").click()
    assert "2026-06-17" in page.content()
    page.locator('form [name="hearing_on"]').fill("2026-06-17")
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    case.refresh_from_db()
    assert case.hearing_on == HEARING_DAY
    time_machine.move_to(datetime.datetime.combine(HEARING_DAY, datetime.time(10), SHANGHAI))
    _as(page, live_server, w.clerk_haizhu.username)  # a week later: a new session
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    _act(page, "hold_hearing")
    _act(page, "decide", select={"decision_type": "annul"},
         fill={"reasons": "被申请人认定林某某无证经营的事实证据不足。"})  # fmt: skip
    case.refresh_from_db()
    assert (case.state, case.decision_type, case.hearing_held_on) == ("decided", "annul",
                                                                       HEARING_DAY)  # fmt: skip

    # 5. Publication: the proposals are marked; the reviewer confirms; the portal shows the
    # redacted text only.
    page.locator("#prepare-publication").click()
    page.wait_for_selector("#redaction-form")
    assert "林某某" in page.locator("#original-text mark").all_inner_texts()
    page.locator("#publish").click()
    page.wait_for_selector("#published-text")
    publication = Publication.objects.get(case=case)
    assert publication.state == "published"
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/reconsideration/public/decisions/?decision_type=annul")
    page.locator(f'#decisions a:has-text("{case.number}")').click()
    text = page.locator("#decision-text").inner_text()
    assert "林某" in text and "林某某" not in text and ID_NUMBER not in text
    assert "江南大道中88号" not in text and PHONE not in text
    page.screenshot(path=str(ARTIFACTS / "reconsideration-published.png"), full_page=True)
