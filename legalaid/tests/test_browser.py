"""Legal aid end to end in a real browser (issue 12, "Must show"): a member of the public applies
online, the centre reviews and grants, the case is announced for the lottery (摇珠), two lawyers
opt in, the draw is made and checked on the public page, the lawyer drawn handles and closes
the case, the centre archives it, evaluates the file, pays the subsidy from the Excel list, and
`fazhi indicators` counts what was done.

Worked dates: the clock stands at 10:00 on Wednesday 10 June 2026 (no holiday that week), the
day the application comes in, is granted and announced with opt-ins open for one hour; the
draw is made at 11:10 the same day; the lawyer reports and the centre archives on Wednesday
24 June 2026, so that every figure falls in June 2026 whatever the real date or FAZHI_TEST_TODAY.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock
from conftest import ARTIFACTS, sign_in
from core.demo import resident_id
from legalaid.models import AidCase, Criterion, Draw, Evaluation, Subsidy
from portal.sms import MemoryGateway

SHANGHAI = ZoneInfo("Asia/Shanghai")
FILED_AT = datetime.datetime(2026, 6, 10, 10, tzinfo=SHANGHAI)
CLOSING_DAY = datetime.date(2026, 6, 24)
PHONE = "13800138000"
ID_NUMBER = resident_id(random.Random(7), "440105")
BAD_ID_NUMBER = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")  # wrong check digit
RECOVERED = Decimal("12000.00")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(FILED_AT, tick=True),
]


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    with translation.override("zh-hans"):
        return translation.ngettext(singular, plural, n)


def _as(page, live_server, username: str) -> None:
    """Sign in afresh: the browser forgets whoever used it before."""
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def _act(page, action, *, fill=None, check=(), select=None):
    """Open an action of the case page, fill its form and confirm; back on the case page."""
    page.locator(f'#actions [data-action="{action}"]').click()
    page.wait_for_selector("#submit-transition")
    for name, value in (fill or {}).items():
        page.locator(f'form [name="{name}"]').first.fill(value)
    for name, value in check:
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    for name, value in (select or {}).items():
        page.locator(f'select[name="{name}"]').select_option(value)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")


def _state(page) -> str:
    return page.locator("#case-state").inner_text().strip()


def _actions(page) -> set[str]:
    return {a.get_attribute("data-action") for a in page.locator("#actions [data-action]").all()}


def test_an_online_application_goes_from_the_portal_to_the_subsidy_list(
    aid_world, live_server, page, settings, time_machine
):
    w = aid_world
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    ARTIFACTS.mkdir(exist_ok=True)
    # The centre's rubric for case files, set up before (its own page has its own tests).
    criteria = [
        Criterion.objects.create(centre=w.haizhu_centre, kind="file", name=name, max_score=top,
                                 position=i, region_code=w.haizhu_centre.region_id)
        for i, (name, top) in enumerate([("案卷完整", 40), ("文书质量", 40), ("归档及时", 20)])
    ]  # fmt: skip

    # 1. A member of the public applies online, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="legalaid"]').click()
    page.locator("[name=centre]").select_option(str(w.haizhu_centre.pk))
    page.locator("[name=applicant_name]").fill("刘申请")
    page.locator("[name=applicant_id_number]").fill(BAD_ID_NUMBER)
    page.locator("[name=applicant_phone]").fill(PHONE)
    page.locator("[name=applicant_address]").fill("广州市海珠区赤岗路1号")
    page.locator('input[name=groups][value="migrant_worker"]').check()
    page.locator("[name=matter]").select_option("civil")
    page.locator("[name=category]").select_option("wages")
    page.locator("[name=opposing_name]").fill("某建筑劳务公司")
    page.locator("[name=facts]").fill("在工地务工三个月，被拖欠工资一万二千元。")
    page.locator("[name=requests]").fill("代理劳动仲裁，追索欠薪")
    page.locator("[name=commitment]").check()
    page.locator("#submit-application").click()
    # A wrong ID number: the error names the field, nothing is filed, the input stays.
    errors = page.locator("#form-errors").inner_text()
    assert zh("your resident ID number") in errors
    assert page.locator("[name=facts]").input_value() == "在工地务工三个月，被拖欠工资一万二千元。"
    assert not AidCase.objects.exists()
    page.locator("[name=applicant_id_number]").fill(ID_NUMBER)
    page.locator("[name=commitment]").check()
    page.locator("#submit-application").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    handled_by = page.locator("#handled-by").inner_text()
    assert "海珠区法律援助中心" in handled_by and "2026-06-17" in handled_by  # 7 days (Art. 43)
    assert [(phone, code in text) for phone, text in MemoryGateway.outbox] == [(PHONE, True)]
    case = AidCase.objects.get(tracking_code=code)
    assert (case.channel, case.state, case.organization) == ("online", "submitted",
                                                             w.haizhu_centre)  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})

    # 2. The centre finds it on the worklist with both review periods, asks for the materials
    #    on the matter (the review clock pauses), receives them and grants aid.
    _as(page, live_server, "aid_clerk_haizhu")
    page.goto(f"{live_server.url}/legalaid/cases/")
    row = page.locator("table tbody tr", has_text=case.number)
    assert row.count() == 1
    listed = row.inner_text()
    assert "2026-06-17" in listed and "2026-06-11" in listed  # Art. 43; one working day
    assert zh("Under review") in listed
    row.locator(f'a:has-text("{case.number}")').click()
    page.wait_for_selector("#case-number")
    assert page.locator("#case-number").inner_text() == case.number
    assert "刘申请" in page.locator("#parties").inner_text()
    assert zh("Materials on the matter") in page.locator("#missing-materials").inner_text()
    _act(page, "request_correction", fill={"on_date": "2026-06-10",
                                           "items": "劳动合同或考勤记录、工资欠条"})  # fmt: skip
    assert _state(page) == zh("Waiting for materials")
    assert page.locator('#clocks [data-clock="review"]').get_attribute("data-status") == "paused"
    _act(page, "corrections_received", fill={"on_date": "2026-06-10"},
         check=[("materials", "matter")])  # fmt: skip
    assert page.locator("#missing-materials").count() == 0
    _act(page, "grant", fill={"on_date": "2026-06-10", "note": "材料齐全，符合经济困难条件"})
    assert _state(page) == zh("Aid granted, to be assigned")
    assert (
        "材料齐全，符合经济困难条件"
        in page.locator('#timeline [data-transition="grant"]').inner_text()
    )
    decision = page.locator("#decision").inner_text()
    assert zh("Aid granted") in decision and "2026-06-10" in decision
    assignment = page.locator('#clocks [data-clock="assignment"]').inner_text()
    # Three days (Art. 43) from Wednesday 10 June end on Saturday 13 June, a rest day: due on
    # Monday 15 June, with the nominal day shown beside it.
    assert "2026-06-15" in assignment and "2026-06-13" in assignment

    # 3. Announced for the lottery, opt-ins open for one hour; two lawyers of the pool opt in.
    _act(page, "announce", fill={"hours": "1"})
    assert _state(page) == zh("Announced for the draw")
    draw_row = page.locator("#draws tr[data-draw]")
    public_code = draw_row.get_attribute("data-draw")
    assert public_code == f"YZ2026-{Draw.objects.get(case=case).pk:06d}"
    assert "2026-06-10 11:0" in draw_row.inner_text()  # closes an hour after the announcement
    page.goto(f"{live_server.url}/legalaid/public/draws/{public_code}/")
    commitment = page.locator("#draw-commitment").inner_text().strip()
    assert page.locator("#draw-pending").is_visible()
    assert page.locator("#draw-seed").count() == 0
    assert Draw.objects.get(public_code=public_code).seed not in page.content()
    public_text = page.locator("main").inner_text()
    for secret in ("刘申请", ID_NUMBER, "某建筑劳务公司", "赤岗路"):
        assert secret not in public_text
    for username in ("lawyer_a1", "lawyer_b1"):
        _as(page, live_server, username)
        page.goto(f"{live_server.url}/legalaid/my/")
        offered = page.locator(f'#open-draws [data-draw="{public_code}"]')
        assert commitment in offered.inner_text()
        assert "刘申请" not in offered.inner_text()
        offered.locator('[data-action="opt-in"]').click()
        page.wait_for_selector(f'#open-draws [data-draw="{public_code}"] [data-opted-in]')
    opted = ngettext("%(counter)s lawyer opted in", "%(counter)s lawyers opted in", 2)
    assert (
        opted % {"counter": 2}
        in page.locator(f'#open-draws [data-draw="{public_code}"]').inner_text()
    )

    # 4. After the window closes the centre draws; anyone can check the draw on the portal.
    draw = Draw.objects.get(public_code=public_code)
    # In Shanghai's zone, as the marker's: time-machine sets the process's zone from it.
    time_machine.move_to((draw.closes_at + datetime.timedelta(minutes=5)).astimezone(SHANGHAI))
    _as(page, live_server, "aid_clerk_haizhu")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert page.locator(f'#draws [data-draw="{public_code}"] [data-opt-ins]').inner_text() == "2"
    _act(page, "draw", fill={"on_date": "2026-06-10"})
    assert _state(page) == zh("Lawyer assigned")
    winner_name = page.locator("#case-lawyer").inner_text().strip()
    assert winner_name in {w.lawyer_a1.name, w.lawyer_b1.name}
    winner = w.lawyer_a1 if winner_name == w.lawyer_a1.name else w.lawyer_b1
    page.goto(f"{live_server.url}/legalaid/public/draws/{public_code}/")
    page.screenshot(path=str(ARTIFACTS / "legalaid-draw.png"), full_page=True)
    assert page.locator("#draw-commitment").inner_text().strip() == commitment
    seed = page.locator("#draw-seed").inner_text().strip()
    candidates = [
        r.locator("td").all_inner_texts() for r in page.locator("#draw-candidates tbody tr").all()
    ]
    assert [(c[0], c[1], c[2]) for c in candidates] == [
        ("0", str(w.lawyer_a1.pk), w.lawyer_a1.name),
        ("1", str(w.lawyer_b1.pk), w.lawyer_b1.name),
    ]
    assert f"id {winner.pk}" in page.locator("#draw-winner").inner_text()
    assert winner_name in page.locator("#recompute-result").inner_text()
    # The published rule, recomputed here from what the page shows and nothing else.
    assert hashlib.sha256(seed.encode()).hexdigest() == commitment
    canonical = page.locator("#recompute-canonical").inner_text().strip()
    assert [row["id"] for row in json.loads(canonical)] == [w.lawyer_a1.pk, w.lawyer_b1.pk]
    r = int(hmac.new(seed.encode(), canonical.encode(), hashlib.sha256).hexdigest(), 16)
    assert candidates[r % len(candidates)][1] == str(winner.pk)

    # 5. The lawyer drawn reports progress, the outcome and the losses recovered, and submits
    #    the file; the centre reviews and archives it. Two weeks later.
    time_machine.move_to(datetime.datetime.combine(CLOSING_DAY, datetime.time(10), SHANGHAI))
    _as(page, live_server, winner.user.username)
    page.goto(f"{live_server.url}/legalaid/my/")
    mine = page.locator(f'#my-cases tr[data-case="{case.pk}"]')
    assert zh("Lawyer assigned") in mine.inner_text()
    mine.locator("a").click()
    page.wait_for_selector("#case-number")
    assert _actions(page) == {"report_progress", "conclude"}  # no centre actions for a lawyer
    _act(page, "report_progress", fill={"on_date": "2026-06-12", "notes": "已向劳动仲裁委申请立案"},
         select={"stage": "filed"})  # fmt: skip
    assert _state(page) == zh("In progress")
    _act(page, "report_progress", fill={"on_date": "2026-06-22", "notes": "仲裁庭开庭审理"},
         select={"stage": "hearing"})  # fmt: skip
    progress = page.locator("#progress").inner_text()
    assert "2026-06-12" in progress and "2026-06-22" in progress
    assert zh("Case filed") in progress and zh("Hearing held") in progress
    _act(page, "conclude", fill={"on_date": "2026-06-23", "recovered_losses": "12000",
                                 "report": "仲裁调解结案，用人单位当庭支付欠薪一万二千元。"},
         select={"result": "mediated"})  # fmt: skip
    assert _state(page) == zh("Matter concluded, file due")
    assert page.locator("#recovered").inner_text().strip() == "12000.00"
    _act(page, "submit_file", fill={"on_date": "2026-06-24"})
    assert _state(page) == zh("File under review")
    assert page.locator("#actions [data-action]").count() == 0

    _as(page, live_server, "aid_clerk_haizhu")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    _act(page, "archive", fill={"on_date": "2026-06-24"}, select={"grade": "good"})
    assert _state(page) == zh("Closed and archived")
    assert page.locator("#grade").inner_text().strip() == zh("Good")
    assert [e.transition for e in CaseEvent.for_case(case)] == [
        "register", "request_correction", "corrections_received", "grant", "announce", "draw",
        "report_progress", "report_progress", "conclude", "submit_file", "archive",
    ]  # fmt: skip
    assert Clock.for_case(case).get(key="review").status() == "met"

    # 6. An expert's evaluation of the case file, recorded by the centre.
    page.goto(f"{live_server.url}/legalaid/quality/evaluate/?kind=file")
    page.locator("[name=lawyer]").select_option(str(winner.pk))
    page.locator("[name=evaluator]").fill("李专家")
    page.locator("[name=case]").select_option(str(case.pk))
    for criterion, score in zip(criteria, ("36", "34", "18"), strict=True):
        page.locator(f"[name=score_{criterion.pk}]").fill(score)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/legalaid/quality/evaluations/"))
    listed = page.locator("#evaluations tbody tr").first.locator("td").all_inner_texts()
    assert listed[:6] == [
        "2026-06-24",
        winner_name,
        winner.organization.name,
        zh("Case file"),
        case.number,
        "88.00",
    ]  # 36 + 34 + 18 of 100
    evaluation = Evaluation.objects.get()
    assert (evaluation.lawyer, evaluation.case, evaluation.score) == (winner, case, 88)

    # 7. The subsidy: a rate in the schedule, the case's subsidy with an adjustment, the list
    #    of June as a workbook.
    page.goto(f"{live_server.url}/legalaid/subsidies/rates/")
    page.locator("#rate-form [name=matter]").select_option("civil")
    page.locator("#rate-form [name=amount]").fill("1800")
    page.locator("#rate-form [name=valid_from]").fill("2026-01-01")
    page.locator("#rate-form button[type=submit]").click()
    page.wait_for_selector("#rates tbody tr:has-text('1800.00')")
    page.goto(f"{live_server.url}/legalaid/subsidies/2026-06/")
    awaiting = page.locator("#awaiting tr", has_text=case.number)
    assert "1800.00" in awaiting.inner_text() and winner_name in awaiting.inner_text()
    awaiting.locator("[name=adjustment]").fill("200")
    awaiting.locator("[name=adjustment_reason]").fill("开庭两次，案情复杂")
    awaiting.locator("button[type=submit]").click()
    page.wait_for_selector(".subsidy-firm")
    firm_card = page.locator(".subsidy-firm").inner_text()
    assert winner.organization.name in firm_card and case.number in firm_card
    assert "2000.00" in firm_card
    assert page.locator("#subsidy-totals").get_attribute("data-total") == "2000.00"
    assert page.locator("#awaiting tr", has_text=case.number).count() == 0
    with page.expect_download() as download:
        page.locator("#subsidy-export").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    line = next(r for r in rows if r[2] == case.number)
    assert line[:2] == [winner.organization.name, winner_name]
    assert line[5].date() == CLOSING_DAY  # archived on
    assert (Decimal(str(line[6])), Decimal(str(line[7])), Decimal(str(line[9]))) == (
        Decimal("1800"), Decimal("200"), Decimal("2000"))  # fmt: skip
    assert line[8] == "开庭两次，案情复杂"
    assert Subsidy.objects.get(case=case).amount == Decimal("2000.00")

    # The applicant follows the case with the tracking code and a code sent by SMS.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/track/")
    page.locator("[name=tracking_code]").fill(code)
    page.locator("[name=phone]").fill(PHONE)
    page.locator("#send-code").click()
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    page.locator("[name=code]").fill(otp)
    page.locator("#verify").click()
    assert page.locator("#public-status").inner_text() == zh("Closed and archived")
    assert winner.organization.name in page.locator("main").inner_text()

    # 8. The figures count the case.
    out = io.StringIO()
    call_command("indicators", "--region", "440105", "--year", "2026", "--json", stdout=out)
    figures = json.loads(out.getvalue())["indicators"]
    counted = {key: figures[f"legalaid.{key}"]["value"] for key in
               ("applications", "granted", "cases_closed", "recovered_losses")}  # fmt: skip
    assert counted["applications"] == counted["granted"] == counted["cases_closed"] == 1
    assert Decimal(str(counted["recovered_losses"])) == RECOVERED
