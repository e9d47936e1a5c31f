"""A complaint against a lawyer in a real browser, to the public record of penalties (律师法
Arts. 47 and 52).

海珠区司法局's section staff register a complaint against 陈律师 on Mon 8 Jun 2026, accept it on
Wed 10 Jun and propose a penalty on Wed 24 Jun (the county-level bureau investigates and
proposes, Art. 52); 广州市司法局's staff decide it on Mon 6 Jul: a fine of 6,000 yuan under Art. 47
is refused naming the fine (Art. 47 allows at most 5,000 yuan), nothing written; a warning and a
fine of 5,000 yuan is decided. The portal's public record of penalties then shows it — who, the
firm, the measures, the decision — and not a complaint against 林律师 that was dismissed, nor
any complainant."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import ARTIFACTS, sign_in
from profession.models import Complaint, Penalty
from profession.tests.conftest import complain, fire

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = datetime.date
RECEIVED, ACCEPTED, PROPOSED, DECIDED = D(2026, 6, 8), D(2026, 6, 10), D(2026, 6, 24), D(2026, 7, 6)
FACTS = "代理费收取后未按约定出庭，且拒绝退还。"
SUMMARY = "该律师收取代理费后无正当理由拒绝出庭，违反律师法第四十七条。"

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


def _step(page, live_server, url: str, action: str, fields: dict) -> None:
    page.goto(f"{live_server.url}{url}")
    page.locator(f'#actions [data-action="{action}"]').click()
    for name, value in fields.items():
        locator = page.locator(f"[name={name}]")
        if locator.first.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(value)
        elif locator.first.get_attribute("type") == "checkbox":
            locator.check()
        else:
            locator.fill(value)
    page.locator("#submit-transition").click()


def test_a_complaint_to_a_published_penalty(pw, live_server, page, time_machine):
    w = pw
    ARTIFACTS.mkdir(exist_ok=True)

    # Mon 8 Jun: the district staff register the complaint against 陈律师.
    _on(time_machine, RECEIVED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/profession/complaints/new/")
    page.locator("[name=subject_kind]").select_option("lawyer")
    assert page.locator(f'[name=lawyer] option[value="{w.lawyer_baiyun.pk}"]').count() == 0
    page.locator("[name=lawyer]").select_option(str(w.lawyer_a.pk))
    page.locator("[name=complainant_name]").fill("李某")
    page.locator("[name=complainant_phone]").fill("13900139000")
    page.locator("[name=facts]").fill(FACTS)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#case-state")
    complaint = Complaint.objects.get()
    assert (complaint.lawyer, complaint.state) == (w.lawyer_a, "received")
    assert "13900139000" not in page.content()

    # Wed 10 Jun: accepted; Wed 24 Jun: a penalty proposed (Art. 52).
    _on(time_machine, ACCEPTED)
    _as(page, live_server, w.clerk_haizhu.username)
    _step(page, live_server, complaint.get_absolute_url(), "accept", {})
    page.wait_for_selector("#case-state")
    _on(time_machine, PROPOSED)
    _as(page, live_server, w.clerk_haizhu.username)
    _step(page, live_server, complaint.get_absolute_url(), "propose",
          {"findings": "经调查，该律师收费后未出庭属实。"})  # fmt: skip
    page.wait_for_selector("#case-state")
    assert page.locator("#case-state").inner_text().strip() == zh(
        "Penalty proposed", "practitioner complaint")  # fmt: skip

    # A second complaint, against 林律师, is dismissed: it never reaches the public record.
    other = complain(w, RECEIVED, lawyer=w.lawyer_b, facts="态度不好。")
    fire(other, "accept", w.clerk_haizhu, ACCEPTED)
    fire(other, "dismiss", w.clerk_haizhu, PROPOSED, findings="经调查，投诉事项不属实。")

    # Mon 6 Jul: the city bureau decides. 6,000 yuan under Art. 47 is refused naming the fine.
    _on(time_machine, DECIDED)
    _as(page, live_server, w.clerk_city.username)
    decision = {"article": "47", "warning": "on", "fine": "6000",
                "decision_number": "穗司罚〔2026〕1号", "summary": SUMMARY}  # fmt: skip
    _step(page, live_server, complaint.get_absolute_url(), "decide", decision)
    page.wait_for_selector("#form-errors")
    errors = page.locator("#form-errors").inner_text()
    assert zh("fine (yuan)") in errors
    assert zh("Art. %(article)s allows a fine of at most %(max)s yuan.") % {
        "article": "47", "max": "5,000"} in errors  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.state == "proposed" and not Penalty.objects.exists()
    _step(page, live_server, complaint.get_absolute_url(), "decide", {**decision, "fine": "5000"})
    page.wait_for_selector("#penalty")
    assert page.locator("#case-state").inner_text().strip() == zh(
        "Penalty decided", "practitioner complaint")  # fmt: skip
    penalty = Penalty.objects.get()
    assert (penalty.subject_name, penalty.fine, penalty.decided_on) == ("陈律师", 5000, DECIDED)

    # The public record (no login) shows the penalty, not the dismissed complaint.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/profession/public/penalties/")
    record = page.locator("#penalties").inner_text()
    assert page.locator("#penalties [data-penalty]").count() == 1
    assert "陈律师" in record and "广东海珠律师事务所" in record and "穗司罚〔2026〕1号" in record
    assert zh("fine of %(amount)s yuan") % {"amount": "5,000"} in record
    assert "林律师" not in record and "李某" not in record and FACTS not in record
    page.screenshot(path=str(ARTIFACTS / "profession-penalty-record.png"), full_page=True)
