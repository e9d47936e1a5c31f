"""A complaint about enforcement in a real browser (issue 15, "Must show": a complaint filed on
the portal is dispatched to two bodies, one replies late, the bureau sends one back, and the
citizen follows it with the tracking code).

A business files a complaint on the portal about 海珠区市场监督管理局, proving its phone with the
SMS code, and gets a tracking code (sending the same form again gives the same code, no second
complaint); the bureau's section staff accept it and dispatch it to 海珠区市场监督管理局 (A) and
海珠区城市管理和综合执法局 (B) at once; A's handler replies on time, the staff send the reply
back with reasons, A replies again on time; B replies only after its deadline — overdue on the
staff's worklist and the dashboard the day after the deadline, flagged late once it replies;
the staff accept both replies and close the complaint with the answer. The complainant follows
each step with the tracking code and an SMS code, and never sees the instructions, the replies
or the reasons for sending back.

Worked dates (enforcement.tests.complaints_support; 端午 Fri 19 – Sun 21 June 2026 are rest
days, the first day is not counted): filed Mon 8 Jun (handling 30 WD → Tue 21 Jul), accepted
Tue 9 Jun, dispatched Wed 10 Jun (10 WD each: 11, 12, 15–18, 22–25 → Thu 25 Jun); A replies Mon
22 Jun, sent back Tue 23 Jun (10 WD: 24–26, 29, 30, 1–3 Jul, 6, 7 → Tue 7 Jul); Fri 26 Jun B
overdue; B replies Mon 29 Jun (late); A replies Thu 2 Jul; both accepted and the complaint
closed Fri 3 Jul.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import ARTIFACTS, sign_in
from enforcement.complaint_models import Complaint, DispatchRound
from enforcement.tests.complaints_support import (
    A_REPLIED,
    A_REPLIED_AGAIN,
    ACCEPTED,
    ANSWER,
    B_OVERDUE,
    B_REPLIED,
    CLOSED,
    DISPATCHED,
    FACTS,
    FILED,
    FIRST_DUE,
    INSTRUCTIONS,
    PHONE,
    REASONS,
    SECOND_DUE,
    SENT_BACK,
)
from portal.sms import MemoryGateway

SHANGHAI = ZoneInfo("Asia/Shanghai")
REPLY_A1 = "已核查，执法人员当时出示了证件。"
REPLY_A2 = "补充核查：未出示证件属实，停业要求已撤销，已约谈相关执法人员。"
REPLY_B = "经核查，本局未参与该次检查。"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(datetime.datetime(2026, 6, 8, 10, tzinfo=SHANGHAI), tick=True),
]


def zh(message: str, context: str = "") -> str:
    with translation.override("zh-hans"):
        return pgettext(context, message) if context else gettext(message)


def _on(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(10), SHANGHAI))


def _as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def _last_code(phone: str) -> str:
    return re.search(r"\d{6}", [t for p, t in MemoryGateway.outbox if p == phone][-1]).group()


def _follow(page, live_server, code: str) -> str:
    """The complainant's page, reached with the tracking code, the phone and an SMS code."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/track/")
    page.locator("[name=tracking_code]").fill(code)
    page.locator("[name=phone]").fill(PHONE)
    page.locator("#send-code").click()
    page.locator("[name=code]").fill(_last_code(PHONE))
    page.locator("#verify").click()
    page.wait_for_selector("#public-status")
    return page.locator("main").inner_text() if page.locator("main").count() else page.content()


def _fire(page, live_server, url: str, action: str, fields: dict | None = None) -> None:
    """Open `url`, press the action's button, fill the transition's fields, confirm."""
    page.goto(f"{live_server.url}{url}")
    page.locator(f'[data-action="{action}"]').first.click()
    for name, value in (fields or {}).items():
        locator = page.locator(f"[name={name}]")
        if locator.first.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")


@pytest.fixture
def world_sms(ew, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    return ew


def test_a_complaint_dispatched_to_two_bodies_followed_by_the_citizen(
    world_sms, live_server, page, time_machine
):
    w = world_sms
    ARTIFACTS.mkdir(exist_ok=True)

    # 1. Mon 8 Jun: a business files the complaint on the portal, its phone proven by SMS.
    _on(time_machine, FILED)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="enforcement_complaint"]').click()
    page.wait_for_selector("#complaint-form")
    page.locator("[name=applicant_kind][value=organization]").check()
    page.locator("[name=applicant_name]").fill("海珠区某某餐饮店")
    page.locator("[name=applicant_phone]").fill(PHONE)
    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )
    assert page.locator("[name=applicant_name]").input_value() == "海珠区某某餐饮店"
    page.locator("[name=code]").fill(_last_code(PHONE))
    page.locator("[name=bureau]").select_option(str(w.haizhu_bureau.pk))
    page.locator("[name=body]").select_option(str(w.shijian_body.pk))
    page.locator("[name=happened_on]").fill("2026-06-05")
    page.locator("[name=place]").fill("海珠区江南大道中100号")
    page.locator("[name=facts]").fill(FACTS)
    sent = page.evaluate(
        "() => Object.fromEntries([...new FormData(document.querySelector('#complaint-form'))]"
        ".filter(([k, v]) => typeof v === 'string'))"
    )
    page.locator("#send-complaint").click()
    page.wait_for_selector("#tracking-code")
    code = page.locator("#tracking-code").inner_text().strip()
    complaint = Complaint.objects.get()
    assert (complaint.tracking_code, complaint.due_date) == (code, datetime.date(2026, 7, 21))
    # The same form sent again (a second click that got through, a resent request): the
    # same complaint, the same code, no second complaint.
    landed = page.evaluate(
        """async ([url, data]) => {
            const form = new FormData();
            for (const [k, v] of Object.entries(data)) form.append(k, v);
            form.set("action", "file");
            const response = await fetch(url, {method: "POST", body: form,
                                               credentials: "same-origin"});
            return response.url;
        }""",
        [f"{live_server.url}/enforcement/public/complaint/", sent],
    )
    assert landed.endswith("/enforcement/public/complaint/filed/")
    assert Complaint.objects.count() == 1
    page.reload()
    assert page.locator("#tracking-code").inner_text().strip() == code

    _follow(page, live_server, code)
    assert page.locator("#public-status").inner_text() == zh(
        "Received; the justice bureau is examining it"
    )

    # 2. Tue 9 Jun: the section accepts it; Wed 10 Jun: dispatches it to A and B at once.
    _on(time_machine, ACCEPTED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/enforcement/complaints/")
    page.locator(f'a:has-text("{complaint.number}")').click()
    page.wait_for_selector("#dispatches")
    assert "138****8001" in page.locator("#complainant-phone").inner_text()
    _fire(page, live_server, complaint.get_absolute_url(), "accept")
    assert page.locator("#case-state").inner_text().strip() == zh(
        "Accepted", "enforcement complaint"
    )
    _on(time_machine, DISPATCHED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    page.locator('#actions [data-action="dispatch"]').click()
    assert page.locator(f'[name=bodies][value="{w.baiyun_body.pk}"]').count() == 0
    page.locator(f'[name=bodies][value="{w.shijian_body.pk}"]').check()
    page.locator(f'[name=bodies][value="{w.chengguan_body.pk}"]').check()
    page.locator("[name=instructions]").fill(INSTRUCTIONS)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#dispatches [data-dispatch]")
    assert page.locator("#dispatches [data-dispatch]").count() == 2
    assert FIRST_DUE.isoformat() in page.locator("#dispatches").inner_text()
    a = complaint.dispatches.get(body=w.shijian_body)
    b = complaint.dispatches.get(body=w.chengguan_body)

    # 3. Mon 22 Jun: A's handler sees only A's dispatch, without who complained, and replies.
    _on(time_machine, A_REPLIED)
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}/enforcement/dispatches/")
    listing = page.locator("main").inner_text()
    assert a.number in listing and b.number not in listing
    page.locator(f'a:has-text("{a.number}")').click()
    page.wait_for_selector("#dispatch-instructions")
    assert FACTS in page.locator("#dispatch-facts").inner_text()
    assert "海珠区某某餐饮店" not in page.content() and PHONE not in page.content()
    _fire(page, live_server, a.get_absolute_url(), "reply", {"reply": REPLY_A1})
    assert page.locator('#rounds [data-round="1"]').get_attribute("data-on-time") == "1"

    # 4. Tue 23 Jun: the section sends A's reply back; a new reply is due Tue 7 Jul.
    _on(time_machine, SENT_BACK)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    page.locator(f'[data-dispatch="{a.pk}"] [data-action="send_back"]').click()
    page.locator("[name=reasons]").fill(REASONS)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#rounds")
    assert SECOND_DUE.isoformat() in page.locator('#rounds [data-round="2"]').inner_text()

    # 5. Fri 26 Jun: B's deadline (Thu 25 Jun) has passed: overdue on the worklist and the
    # dashboard; the citizen sees A returned and B awaited.
    _on(time_machine, B_OVERDUE)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/worklist/")
    overdue = page.locator("#overdue").inner_text()
    assert b.number in overdue and a.number not in overdue
    page.goto(f"{live_server.url}/dashboard/?year=2026&region=440105000000")
    assert page.locator('[data-figure="enforcement.dispatches_overdue"]').inner_text() == "1"
    page.goto(f"{live_server.url}/enforcement/dispatches/?overdue=true")
    assert b.number in page.locator("main").inner_text()
    _follow(page, live_server, code)
    facts = page.locator("main").inner_text()
    assert zh("Returned to be handled again") in facts
    assert zh("Passed on; its reply is awaited") in facts
    assert REASONS not in facts and REPLY_A1 not in facts and INSTRUCTIONS not in facts

    # 6. Mon 29 Jun: B replies, late; Thu 2 Jul: A replies again, on time.
    _on(time_machine, B_REPLIED)
    _as(page, live_server, w.agency_chengguan.username)
    _fire(page, live_server, b.get_absolute_url(), "reply", {"reply": REPLY_B})
    assert page.locator('#rounds [data-round="1"]').get_attribute("data-on-time") == "0"
    _on(time_machine, A_REPLIED_AGAIN)
    _as(page, live_server, w.agency_haizhu.username)
    _fire(page, live_server, a.get_absolute_url(), "reply", {"reply": REPLY_A2})
    assert [(r.number, r.on_time) for r in DispatchRound.objects.filter(dispatch=a)] == [
        (1, True), (2, True)]  # fmt: skip

    # 7. Fri 3 Jul: the section accepts both replies and closes with the answer.
    _on(time_machine, CLOSED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    assert page.locator(f'[data-dispatch="{b.pk}"] [data-role="late"]').count() == 1
    for d in (a, b):
        page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
        page.locator(f'[data-dispatch="{d.pk}"] [data-action="accept"]').click()
        page.locator("#submit-transition").click()
        page.wait_for_selector("#case-state")
    _fire(page, live_server, complaint.get_absolute_url(), "close",
          {"finding": "partly", "answer": ANSWER})  # fmt: skip
    assert page.locator("#case-state").inner_text().strip() == zh("Closed", "enforcement complaint")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.answered_on) == ("closed", CLOSED)

    # 8. The complainant reads the outcome: concluded, the answer, each body handled.
    _follow(page, live_server, code)
    text = page.locator("main").inner_text()
    assert page.locator("#public-status").inner_text() == zh("Concluded")
    assert ANSWER in text and text.count(zh("Handled; the reply has been checked")) == 2
    for internal in (INSTRUCTIONS, REASONS, REPLY_A1, REPLY_A2, REPLY_B):
        assert internal not in text
    page.screenshot(path=str(ARTIFACTS / "enforcement-complaint.png"), full_page=True)
