"""From draft to portal library in a real browser (issue 14, "Must show"): an agency's handler
submits a normative-document draft with its materials for legality review; the bureau's legal
section asks for a material (补正), the handler supplies it, the section issues the opinion
修改后合法 with two points, the handler answers them (one adopted, one not adopted with the
reasons); the handler registers the document, the section issues it with its unified number and
the review's number and publishes it; a visitor finds it in the portal library and reads it.

Worked dates (国办发〔2018〕115号 ❓: a normative document's legality review takes at most 15
working days, FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS; counted from the day after submission; the
2026 calendar: 中秋 Fri 25 – Sun 27 Sep, 国庆 Thu 1 – Wed 7 Oct, make-up working days Sun 20 Sep
and Sat 10 Oct):

- Submitted Wednesday 16 September 2026. Working days 17 (1), 18 (2), Sun 20 (3, make-up),
  21 (4), 22 (5), 23 (6), 24 (7), 28 (8), 29 (9), 30 (10) September, 8 (11), 9 (12),
  Sat 10 (13, make-up), 12 (14), 13 (15) October: due Tuesday 13 October.
- 补正 asked Monday 21 September (a pause's first day still counts: day 4); materials supplied
  Thursday 8 October (the days after the request up to and including the supply day are not
  counted: 22 Sep – 8 Oct). Four days counted before; then 9 (5), Sat 10 (6), 12 (7), 13 (8),
  14 (9), 15 (10), 16 (11), 19 (12), 20 (13), 21 (14), 22 (15) October: due Thursday 22 October.
- Opinion on Friday 16 October: 4 + 7 (9, 10, 12, 13, 14, 15, 16 Oct) = 11 working days of
  review, within the 15 and not less than the 5 of 115号.
- Answers Monday 19 October; registered and issued Tuesday 20 October; published Wednesday
  21 October, in effect from Sunday 1 November 2026, validity left empty: the longest, 5 years
  (FAZHI_NORMATIVE_VALIDITY_YEARS ❓), to Friday 31 October 2031. The visitor reads it on
  Monday 2 November 2026, when it is in force.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import ARTIFACTS, sign_in
from legality.choices import required_materials
from legality.models import LegalityReview
from legality.tests.conftest import PDF
from normative.models import NormativeDocument

SHANGHAI = ZoneInfo("Asia/Shanghai")
SUBMITTED = datetime.date(2026, 9, 16)
CORRECTION = datetime.date(2026, 9, 21)
SUPPLIED = datetime.date(2026, 10, 8)
OPINION = datetime.date(2026, 10, 16)
ANSWERED = datetime.date(2026, 10, 19)
ISSUED = datetime.date(2026, 10, 20)
PUBLISHED = datetime.date(2026, 10, 21)
VISITED = datetime.date(2026, 11, 2)
UNIFIED = "穗海市监规〔2026〕1号"
TITLE = "海珠区市场监督管理局关于规范户外广告设置管理的若干规定"
FULL_TEXT = "第一条 为规范本区户外广告设置管理，制定本规定。\n第二条 本规定自2026年11月1日起施行。"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(datetime.datetime(2026, 9, 16, 10, tzinfo=SHANGHAI), tick=True),
]


def zh(message: str, context: str = "") -> str:
    with translation.override("zh-hans"):
        return pgettext(context, message) if context else gettext(message)


def _on(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(10), SHANGHAI))


def _as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf",
            "buffer": PDF + f"% {name}\n".encode()}  # fmt: skip


def _act(page, action, *, fill=None, select=None):
    page.locator(f'#actions [data-action="{action}"]').click()
    page.wait_for_selector("#submit-transition")
    for name, value in (fill or {}).items():
        page.locator(f'form [name="{name}"]').first.fill(value)
    for name, value in (select or {}).items():
        page.locator(f'select[name="{name}"]').select_option(value)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")


def _due(page) -> str:
    return page.locator('#clocks [data-clock="review_document"]').inner_text()


# The page's own form (the logout form in the menu has an action; the page's form has none).
SAVE = "form[method=post]:not([action]) button[type=submit]"


def test_a_draft_reviewed_issued_and_published_in_the_library(
    world, live_server, page, time_machine
):
    w = world
    ARTIFACTS.mkdir(exist_ok=True)

    # 1. Wed 16 Sep: the handler submits the draft; a missing material is named, nothing is
    # submitted; with all five it is, and the review clock runs to Tue 13 Oct.
    _on(time_machine, SUBMITTED)
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}/legality/reviews/")
    page.locator('a.btn[href="/legality/reviews/new/"]').click()
    page.wait_for_selector("#submit-review")
    page.locator("[name=department]").select_option(str(w.haizhu_agency.pk))
    page.locator("[name=organization]").select_option(str(w.haizhu_bureau.pk))
    page.locator("[name=kind]").select_option("document")
    page.locator("[name=title]").fill(f"{TITLE}（送审稿）")
    page.locator("[name=summary]").fill("规范户外广告设置审批和监督管理。")
    required = required_materials("document", False)
    assert len(required) == 5
    for category in required[:-1]:
        page.locator(f"[name=material_{category}]").set_input_files(_pdf(f"{category}.pdf"))
    page.locator("#submit-review").click()
    errors = page.locator("#form-errors").inner_text()
    with translation.override("zh-hans"):
        missing = gettext("Missing material: %(material)s.") % {
            "material": gettext("The drafting department's own legality opinion")
        }
    assert missing in errors
    assert not LegalityReview.objects.exists()
    for category in required:  # files are not kept by the browser across a refused submission
        page.locator(f"[name=material_{category}]").set_input_files(_pdf(f"{category}.pdf"))
    page.locator("#submit-review").click()
    page.wait_for_selector("#case-state")
    review = LegalityReview.objects.get()
    number = page.locator("#case-number").inner_text().strip()
    assert number == review.number
    assert page.locator("#case-state").inner_text().strip() == zh("Submitted")
    assert "2026-10-13" in _due(page)
    assert len(page.locator("#materials [data-category]").all()) == 5

    # 2. Mon 21 Sep: the legal section asks for a material (补正); the clock pauses, its due
    # date unchanged on the day of the request (the first day of a pause still counts).
    _on(time_machine, CORRECTION)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/legality/reviews/")
    page.locator(f'a:has-text("{number}")').click()
    _act(page, "request_correction",
         fill={"items": "请补充提交征求意见的采纳情况说明（含未采纳意见的理由）。"})  # fmt: skip
    assert page.locator("#case-state").inner_text().strip() == zh("Waiting for materials")
    clock = _due(page)
    assert "2026-10-13" in clock and "2026-09-21 – …" in clock

    # 3. Thu 8 Oct: the handler adds the material; the review resumes and the due date moves
    # to Thu 22 Oct (the 7 working days of 22 Sep – 8 Oct not counted, see above).
    _on(time_machine, SUPPLIED)
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    assert "采纳情况说明" in page.content()
    page.locator("#add-material").click()
    page.locator("[name=category]").select_option("comments")
    page.locator("[name=file]").set_input_files(_pdf("征求意见采纳情况说明.pdf"))
    page.locator(SAVE).click()
    page.wait_for_selector("#case-state")
    assert page.locator("#case-state").inner_text().strip() == zh("Under review")
    clock = _due(page)
    assert "2026-10-22" in clock and "2026-09-21 – 2026-10-08" in clock
    assert (
        "征求意见采纳情况说明.pdf"
        in page.locator('#materials [data-category="comments"]').inner_text()
    )

    # 4. Fri 16 Oct: the section issues the opinion 修改后合法 with two points, after 11 working
    # days of review.
    _on(time_machine, OPINION)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    _act(page, "issue_opinion", select={"conclusion": "lawful_if_revised"}, fill={
        "opinion_authority": "海珠区市场监督管理局在其法定职权范围内制定本文件。",
        "opinion_procedure": "已公开征求意见，期间不少于七个工作日，并进行了公平竞争审查。",
        "opinion_conformity": "第五条增设的备案要求缺乏上位法依据，第八条罚款数额与上位法不一致。",
        "points": "删除第五条关于备案的规定\n第八条罚款数额应与上位法一致",
    })  # fmt: skip
    assert page.locator("#case-state").inner_text().strip() == zh(
        "Opinion issued, awaiting the answer"
    )
    assert "2026-10-16" in page.locator("#conclusion").inner_text()
    assert zh("Lawful once revised") in page.locator("#conclusion").inner_text()
    assert page.locator("#review-time").inner_text().strip() == "11"
    assert len(page.locator("#points tbody tr").all()) == 2

    # 5. Mon 19 Oct: the handler answers: point 1 adopted, point 2 not adopted with the reasons;
    # without the reasons nothing is recorded.
    _on(time_machine, ANSWERED)
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.locator('#actions [data-action="record_answers"]').click()
    page.locator("select[name=answer_1]").select_option("adopted")
    page.locator("select[name=answer_2]").select_option("not_adopted")
    page.locator("#submit-transition").click()
    assert (
        zh("Point %(n)s is not adopted: give the reasons.") % {"n": 2}
        in page.locator("#form-errors").inner_text()
    )
    review.refresh_from_db()
    assert review.state == "opinion_issued"
    page.locator("select[name=answer_2]").select_option("not_adopted")
    page.locator("textarea[name=reasons_2]").fill(
        "第八条罚款数额依据《广告法》第五十八条设定，与上位法一致，无需修改。"
    )
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    assert page.locator("#case-state").inner_text().strip() == zh("Closed", "legality")
    rows = page.locator("#points tbody tr")
    assert zh("Adopted") in rows.nth(0).inner_text()
    assert zh("Not adopted") in rows.nth(1).inner_text()
    assert "广告法" in rows.nth(1).inner_text()

    # 6. Tue 20 Oct: the handler registers the document; the section issues it with the unified
    # number (a number out of the region's format is refused) and the review's number.
    _on(time_machine, ISSUED)
    _as(page, live_server, w.agency_haizhu.username)  # a new day: a new session
    page.goto(f"{live_server.url}/normative/documents/")
    page.locator('a.btn[href="/normative/documents/new/"]').click()
    page.locator("[name=issuing_body]").select_option(str(w.haizhu_agency.pk))
    page.locator("[name=kind]").select_option("department")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=full_text]").fill(FULL_TEXT)
    page.locator(SAVE).click()
    page.wait_for_selector("#case-state")
    document = NormativeDocument.objects.get()
    assert page.locator("#case-state").inner_text().strip() == zh("Registered")

    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/normative/documents/")
    page.locator(f'a:has-text("{document.number}")').click()
    page.locator('#actions [data-action="issue"]').click()
    page.locator("[name=unified_number]").fill("穗海市监规2026-1")
    page.locator("[name=document_number]").fill("海市监〔2026〕12号")
    page.locator("[name=review_number]").fill(number)
    page.locator("[name=signed_on]").fill(ISSUED.isoformat())
    page.locator("#submit-transition").click()
    assert (
        zh("%(number)s is not in this region's format of unified numbers.")
        % {"number": "穗海市监规2026-1"}
        in page.locator("#form-errors").inner_text()
    )
    assert not NormativeDocument.objects.filter(unified_number__gt="").exists()
    page.locator("[name=unified_number]").fill(UNIFIED)
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    assert page.locator("#unified-number").inner_text().strip() == UNIFIED
    assert number in page.content()
    document.refresh_from_db()
    assert (document.state, document.review_number, document.unified_seq) == ("issued", number, 1)

    # 7. Wed 21 Oct: the section publishes it, in effect from 1 November; the validity left empty
    # is the longest, to 31 October 2031.
    _on(time_machine, PUBLISHED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{document.get_absolute_url()}")
    _act(page, "publish", fill={"effective_from": "2026-11-01"})
    assert "2031-10-31" in page.locator("#valid-until").inner_text()
    document.refresh_from_db()
    assert (document.state, document.published_on) == ("published", PUBLISHED)

    # 8. Mon 2 Nov: a visitor, not logged in, finds it in the portal library and reads it.
    _on(time_machine, VISITED)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="normative_library"]').click()
    page.locator("#library-search [name=q]").fill("户外广告")
    page.locator("#library-search button[type=submit]").click()
    page.wait_for_url("**q=*")
    listed = page.locator("#documents").inner_text()
    assert UNIFIED in listed and TITLE in listed
    page.locator(f'#documents a:has-text("{TITLE}")').click()
    page.wait_for_selector("#full-text")
    assert page.locator("#document-title").inner_text().strip() == TITLE
    assert page.locator("#unified-number").inner_text().strip() == UNIFIED
    assert page.locator("#status").get_attribute("data-status") == "valid"
    assert page.locator("#valid-until").inner_text().strip() == "2031-10-31"
    assert "第一条 为规范本区户外广告设置管理" in page.locator("#full-text").inner_text()
    page.screenshot(path=str(ARTIFACTS / "normative-library.png"), full_page=True)
