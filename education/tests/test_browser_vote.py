"""The public vote of the yearly evaluation (履职评议, statutes-lines.md §F "年度履职报告评议":
a review panel and the public grade each agency's report) in a real browser, as a citizen on a
phone and the bureau's staff take it (issue 16, "Must show": one phone votes once per year; a
second vote is refused; the results match the votes cast).

1. A citizen opens the portal on a phone-sized screen, chooses the 2025 evaluation of 海珠区,
   asks for the SMS code, rates both agencies and sends the vote: recorded.
2. The same phone again, in a fresh session: refused, naming the phone; the ratings chosen stay
   on the form; nothing written.
3. A second phone votes; a third sends a wrong code: refused naming the code, nothing written.
4. The section's staff score, grade and publish both evaluations; the portal then shows the
   results counted from the two votes, and the vote form is gone.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from conftest import sign_in
from education import services
from education.models import Evaluation, PublicVote, PublicVoteRating
from portal.sms import MemoryGateway

from .conftest import D

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE, SECOND, THIRD = "13800138000", "13900139000", "13700137000"
REPORT = "建立普法责任制，开展以案释法12场，执法人员旁听庭审2次。"
PHONE_SIZE = {"width": 390, "height": 844}


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


def _code(phone: str) -> str:
    ((to, text),) = [m for m in MemoryGateway.outbox if m[0] == phone][-1:]
    assert to == phone
    return re.search(r"\d{6}", text).group()


@pytest.fixture
def evaluations(edu, settings):
    """The two agencies of 海珠 under evaluation for 2025, their reports filed on 10 Jan 2026."""
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    w = edu
    for agency in (w.haizhu_agency, w.chengguan):
        services.evaluation_report(
            actor=w.clerk_haizhu, agency=agency, year=2025, self_report=REPORT,
            reported_on=D(2026, 1, 10),
        )  # fmt: skip
    yield w
    MemoryGateway.outbox.clear()


def _fill_ballot(page, phone: str, ratings: dict[str, str]) -> None:
    """Rate each agency (by its name on the ballot), give the phone and ask for a code."""
    assert page.locator("#vote-form fieldset").count() == len(ratings)
    for agency, rating in ratings.items():
        fieldset = page.locator(f'#vote-form fieldset:has(legend:text-is("{agency}"))')
        fieldset.locator(f"input[value={rating}]").check()
    page.locator("[name=phone]").fill(phone)
    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )


def _open_ballot(page, live_server) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="education_vote"]').click()
    page.locator('[data-scope="2025-440105"] a').click()
    page.wait_for_selector("#vote-form")


def test_a_phone_votes_once_and_the_published_results_are_the_votes(evaluations, live_server, page):
    w = evaluations
    market, chengguan = w.haizhu_agency.name, w.chengguan.name
    page.set_viewport_size(PHONE_SIZE)

    # 1. The first citizen votes: satisfied with the first agency, fairly with the second.
    _open_ballot(page, live_server)
    names = page.locator("#vote-form legend").all_inner_texts()
    assert sorted(names) == sorted([market, chengguan])
    # The form fits the phone's width: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SIZE["width"]
    _fill_ballot(page, PHONE, {market: "satisfied", chengguan: "fairly_satisfied"})
    page.locator("[name=code]").fill(_code(PHONE))
    page.locator("#send-vote").click()
    page.wait_for_selector(f'.alert:has-text("{zh("Thank you: your vote has been recorded.")}")')
    assert PublicVote.objects.count() == 1

    # 2. The same phone, another session: refused naming the phone; the ratings stay.
    _open_ballot(page, live_server)
    _fill_ballot(page, PHONE, {market: "dissatisfied", chengguan: "dissatisfied"})
    page.locator("[name=code]").fill(_code(PHONE))
    page.locator("#send-vote").click()
    errors = page.locator("#form-errors").inner_text()
    assert zh("your mobile phone") in errors
    assert "2025" in errors and "海珠区" in errors
    checked = page.locator("#vote-form input[type=radio]:checked")
    assert checked.evaluate_all("els => els.map(e => e.value)") == ["dissatisfied"] * 2
    assert PublicVote.objects.count() == 1 and PublicVoteRating.objects.count() == 2

    # 3. A second phone votes; a third gives a wrong code: refused naming the code.
    _open_ballot(page, live_server)
    _fill_ballot(page, SECOND, {market: "satisfied", chengguan: "dissatisfied"})
    page.locator("[name=code]").fill(_code(SECOND))
    page.locator("#send-vote").click()
    page.wait_for_selector(f'.alert:has-text("{zh("Thank you: your vote has been recorded.")}")')
    _open_ballot(page, live_server)
    _fill_ballot(page, THIRD, {market: "satisfied", chengguan: "satisfied"})
    wrong = "000000" if _code(THIRD) != "000000" else "111111"
    page.locator("[name=code]").fill(wrong)
    page.locator("#send-vote").click()
    errors = page.locator("#form-errors").inner_text()
    assert zh("verification code") in errors
    assert zh("The verification code is wrong or has expired.") in errors
    assert PublicVote.objects.count() == 2 and PublicVoteRating.objects.count() == 4

    # 4. The staff score, grade and publish both evaluations (desktop screen).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    sign_in(page, live_server, w.clerk_haizhu.username)
    for evaluation in Evaluation.objects.filter(year=2025, region_code__startswith="440105"):
        page.goto(f"{live_server.url}{evaluation.get_absolute_url()}")
        assert page.locator("#public-votes").inner_text().startswith("2")
        page.locator("#assess").click()
        page.locator("[name=expert_score]").fill("90")
        page.locator("[name=grade]").select_option(index=1)
        page.locator("form button.btn-primary[type=submit]").click()
        page.wait_for_selector("#publish")
        page.locator("#publish").click()
        page.locator("[name=published_on]").fill("2026-03-01")
        page.locator("form button.btn-primary[type=submit]").click()
        page.wait_for_selector(f'.alert:has-text("{zh("The result is published.")}")')

    # The portal shows the results counted from the votes; the ballot is closed.
    page.set_viewport_size(PHONE_SIZE)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="education_vote"]').click()
    page.locator('[data-scope="2025-440105"] a').click()
    page.wait_for_selector("#results")
    assert not page.locator("#vote-form").count()
    rows = {
        row.locator("td").first.inner_text(): [
            cell.strip() for cell in row.locator("td").all_inner_texts()[2:]
        ]
        for row in page.locator("#results tbody tr").all()
    }
    # Columns: 满意, 比较满意, 不满意 (VoteRating's order), votes, satisfied or fairly satisfied.
    assert rows[market] == ["2", "0", "0", "2", "100.0%"]  # both satisfied
    assert rows[chengguan] == ["0", "1", "1", "2", "50.0%"]  # fairly satisfied + dissatisfied
