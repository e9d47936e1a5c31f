"""Litigation response in a real browser (issue 13, "Must show": a litigation case with head
appearance). The defendant agency's handler registers the lawsuit that follows a
reconsideration decision, answers, records the court's notice and the hearing at which the
agency's principal head appeared, and the judgment; the bureau sees the case and the
head-appearance figure counts it.

Worked dates (行政诉讼法 Arts. 67, 85; Provisions on heads appearing in court Arts. 2, 5): the
clock stands at 10:00 on Monday 1 June 2026. The complaint was served that day: the answer is due
in 15 days, Tuesday 16 June. The court's notice to appear, served on the head on 1 June, allows
a hearing on 4 June at the earliest (three days); the hearing is on Monday 8 June, the judgment
(claims rejected) is made on Friday 12 June and served on Monday 15 June, so the appeal window
(15 days) ends on Tuesday 30 June.
"""

from __future__ import annotations

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from cases.models import CaseLink, Clock
from conftest import ARTIFACTS, sign_in
from litigation.models import LitigationCase

SHANGHAI = ZoneInfo("Asia/Shanghai")
SERVED_AT = datetime.datetime(2026, 6, 1, 10, tzinfo=SHANGHAI)
HEARING_DAY = datetime.date(2026, 6, 8)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(SERVED_AT, tick=True),
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


def test_a_lawsuit_with_the_head_in_court(world, live_server, page, time_machine):
    from reconsideration.services import application_register

    w = world
    ARTIFACTS.mkdir(exist_ok=True)
    recon = application_register(
        actor=w.clerk_haizhu, organization=w.haizhu_bureau,
        data={"respondent": w.haizhu_agency.pk, "act_type": "penalty",
              "act_description": "海市监罚〔2026〕5号行政处罚决定", "requests": "撤销"},
        parties=[{"side": "applicant", "name": "某贸易有限公司", "kind": "organization"}],
    )  # fmt: skip

    # 1. The agency's handler registers the lawsuit; a missing court case number is named.
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}/litigation/cases/new/")
    page.locator("[name=court]").fill("广州市海珠区人民法院")
    page.locator("[name=trial_level]").select_option("first")
    page.locator("[name=cause]").fill("行政处罚")
    page.locator("[name=act_description]").fill("海市监罚〔2026〕5号行政处罚决定")
    page.locator("[name=act_number]").fill("海市监罚〔2026〕5号")
    page.locator("[name=complaint_served_on]").fill("2026-06-01")
    page.locator("[name=reconsideration_number]").fill(recon.number)
    page.locator("[name=parties-0-name]").fill("某贸易有限公司")
    page.locator("#submit-case").click()
    assert zh("court case number") in page.locator("#form-errors").inner_text()
    assert not LitigationCase.objects.exists()
    page.locator("[name=court_case_number]").fill("（2026）粤0105行初88号")
    page.locator("#submit-case").click()
    page.wait_for_selector("#case-state")
    case = LitigationCase.objects.get()
    assert case.organization == w.haizhu_agency
    assert CaseLink.objects.filter(case_id=case.pk, target_id=recon.pk).exists()
    assert Clock.for_case(case).get(key="answer").due_date == datetime.date(2026, 6, 16)

    # 2. The answer, the court's notice and the hearing with the principal head present.
    _act(page, "submit_answer")
    _act(page, "schedule_hearing", fill={"hearing_on": HEARING_DAY.isoformat(),
                                         "place": "第三法庭"})  # fmt: skip
    time_machine.move_to(datetime.datetime.combine(HEARING_DAY, datetime.time(17), SHANGHAI))
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    _act(page, "record_hearing", check=("head_appeared",), fill={"head_name": "陈局长"},
         select={"head_position": "principal"})  # fmt: skip
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, tzinfo=SHANGHAI))
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    _act(page, "conclude", select={"judgment_type": "reject_claims"},
         fill={"on_date": "2026-06-12", "served_on": "2026-06-15"})  # fmt: skip
    case.refresh_from_db()
    assert (case.state, case.judgment_type) == ("concluded", "reject_claims")
    assert Clock.for_case(case).get(key="appeal").due_date == datetime.date(2026, 6, 30)

    # 3. The bureau sees it, and the figure counts the head's appearance.
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/litigation/cases/")
    assert "（2026）粤0105行初88号" in page.locator("table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "litigation-head-appearance.png"), full_page=True)
    out = io.StringIO()
    call_command("indicators", "--region", "440105", "--year", "2026", "--json", stdout=out)
    figures = json.loads(out.getvalue())["indicators"]
    assert figures["litigation.head_appearance_rate"]["value"] == 100
    assert figures["litigation.win_rate"]["value"] == 100
