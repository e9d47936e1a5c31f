"""The legal Q&A library in a real browser on a phone-sized screen (issue 16, Must show 2: the
Q&A search finds an answer by a paraphrase in Chinese, segmented search, not LIKE).

1. A citizen opens the portal, chooses 法律问答, types a paraphrase (老板不给发工资) that shares
   no phrase with the entry (用人单位拖欠工资怎么办), opens the answer found and says it helped:
   counted once.
2. Another finds nothing for their question and hands it off (没有找到答案？提交咨询): a wrong
   SMS code is refused with the input kept and nothing written; with the right code the
   question becomes a pending online service record and a tracking code is shown. The street's
   staff answer; the citizen reads the answer with the tracking code and an SMS code.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from legalservice import qa_services
from legalservice.models import QaConsultation, QaVote, ServiceRecord
from legalservice.tests.test_qa_search import CUSTODY, WAGES, entry
from portal.sms import MemoryGateway

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_SIZE = {"width": 390, "height": 844}
PHONE = "13800138000"


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


def _code(phone: str) -> str:
    texts = [text for to, text in MemoryGateway.outbox if to == phone]
    return re.search(r"\b\d{6}\b", texts[-1]).group()


@pytest.fixture
def library(ls, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    w = ls
    w.wages = entry(w, {**WAGES, "keywords": ""})  # found through the words alone
    w.custody = entry(w, CUSTODY)
    yield w
    MemoryGateway.outbox.clear()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SIZE["width"]


def test_a_paraphrase_finds_the_answer_which_is_rated_helpful(library, live_server, page):
    w = library
    page.set_viewport_size(PHONE_SIZE)
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="legalservice_qa"]').click()
    page.locator("#qa-q").fill("老板不给发工资")
    page.locator("#qa-search").click()
    page.wait_for_selector("#qa-results")
    _fits(page)
    results = page.locator("#qa-results a")
    assert results.count() == 1
    assert "用人单位拖欠工资怎么办" in results.first.inner_text()
    results.first.click()
    page.wait_for_selector("#qa-answer-text")
    assert "劳动争议仲裁委员会" in page.locator("#qa-answer-text").inner_text()
    assert "第三十条" in page.locator("#qa-basis").inner_text()
    _fits(page)
    page.locator("#qa-yes").click()
    page.wait_for_selector("#qa-voted")
    assert QaVote.objects.filter(entry=w.wages, helpful=True).count() == 1
    # Back and again: the same session has answered; no second vote is offered or counted.
    page.reload()
    assert page.locator("#qa-yes").count() == 0
    assert qa_services.tally(w.wages) == {"yes": 1, "no": 0, "total": 1}


def test_no_answer_hands_off_to_a_consultation_answered_by_the_street(library, live_server, page):
    w = library
    question = "房屋租赁押金房东不退"
    page.set_viewport_size(PHONE_SIZE)
    page.goto(f"{live_server.url}/legalservice/public/qa/")
    page.locator("#qa-q").fill(question)
    page.locator("#qa-search").click()
    page.wait_for_selector("#qa-none")
    page.locator("#qa-ask").click()
    page.wait_for_selector("#submit-question")
    assert page.locator("[name=question]").input_value() == question
    page.locator("[name=person_name]").fill("周七")
    page.locator("[name=street]").select_option("440105001000")
    page.locator("[name=person_phone]").fill(PHONE)
    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )
    _fits(page)
    wrong = "000000" if _code(PHONE) != "000000" else "111111"
    page.locator("[name=code]").fill(wrong)
    page.locator("#submit-question").click()
    page.wait_for_selector("#form-errors")
    assert (
        zh("The verification code is wrong or has expired.")
        in page.locator("#form-errors").inner_text()
    )
    assert page.locator("[name=question]").input_value() == question
    assert page.locator("[name=person_name]").input_value() == "周七"
    assert not QaConsultation.objects.exists() and not ServiceRecord.objects.exists()

    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )
    page.locator("[name=code]").fill(_code(PHONE))
    page.locator("#submit-question").click()
    page.wait_for_selector("#tracking-code")
    tracking = page.locator("#tracking-code").inner_text().strip()
    consultation = QaConsultation.objects.get()
    assert consultation.tracking_code == tracking
    assert (consultation.record.channel, consultation.record.outcome) == ("online", "pending")
    assert consultation.record.organization == w.haizhu_office

    qa_services.consultation_answer(actor=w.office_haizhu, consultation=consultation,
                                    answer="押金应当按合同约定退还；协商不成可以申请人民调解。")  # fmt: skip
    page.locator("#qa-lookup").click()
    page.locator("[name=tracking_code]").fill(tracking)
    page.locator("[name=phone]").fill(PHONE)
    page.locator("#send-code").click()
    page.wait_for_selector(".alert-info")
    page.locator("[name=code]").fill(_code(PHONE))
    page.locator("#view-answer").click()
    page.wait_for_selector("#qa-reply")
    assert "协商不成可以申请人民调解" in page.locator("#qa-reply").inner_text()
    _fits(page)
