"""A public comment on a draft major decision, in a real browser (issue 14, "Must show": a major
decision cannot be decided with public participation missing; a public comment filed on the
portal is answered and counted).

A citizen opens the draft's consultation page on the portal, asks for the SMS code and files a
comment; a second citizen's comment, sent after the period closed, is refused naming the field
and nothing is written; the bureau's legal section answers the comment (not adopted: first
without the reasons, refused; then with them); deciding is refused while the handling of the
comments is not published, naming 公众参与; once it is published the decision is made; the
portal shows the answer, and the dashboard's decision.public_comments counts the comment, its
drill-down listing it.

Worked dates (重大行政决策程序暂行条例 = DEC; reference/statutes-lines.md §0 and §A):

- Notice Mon 2 Nov 2026, 30 days (DEC Art. 15 "一般不少于30日"), the notice's day not counted:
  days 3 Nov … 2 Dec → comments accepted until Wed 2 Dec 2026 (no holiday on it).
- The comment Tue 10 Nov (in the period). The late one: page opened Wed 2 Dec, the last day,
  sent Thu 3 Dec → refused (DEC Art. 15; decisions.services.comment_submit).
- Answer Thu 3 Dec (Art. 18); legality opinion Fri 4 Dec (Arts. 25–28); executive meeting
  Mon 7 Dec (Arts. 30–31); Tue 8 Dec: deciding refused (Art. 14: participation mandatory),
  handling published (Art. 18, after the period), decided the same day (Art. 30).
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import ARTIFACTS, sign_in
from decisions.models import Comment, MajorDecision
from decisions.tests.conftest import D, draft, legality, meeting, open_comment, start
from portal.sms import MemoryGateway

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOTICE = D(2026, 11, 2)
COMMENTED = D(2026, 11, 10)
LAST_DAY = D(2026, 12, 2)
LATE = D(2026, 12, 3)
ANSWERED = D(2026, 12, 3)
DECIDED = D(2026, 12, 8)
TITLE = "海珠区农贸市场升级改造三年行动方案"
PHONE, LATE_PHONE = "13800138000", "13900139000"
BODY = "建议改造期间保留早市摊位，方便老年人买菜。"
REASONS = "早市摊位已在第三条另行安排过渡市场，不再单独保留。"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(datetime.datetime(2026, 11, 2, 10, tzinfo=SHANGHAI), tick=True),
]


def zh(message: str, context: str = "") -> str:
    with translation.override("zh-hans"):
        return pgettext(context, message) if context else gettext(message)


def _on(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(10), SHANGHAI))


def _as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def _code(phone: str) -> str:
    ((to, text),) = [m for m in MemoryGateway.outbox if m[0] == phone][-1:]
    assert to == phone
    return re.search(r"\d{6}", text).group()


@pytest.fixture
def consultation(dw, settings):
    """The draft published for comment on Mon 2 Nov 2026 (through the services)."""
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    decision = start(dw, NOTICE, title=TITLE)
    decision = draft(decision, NOTICE, dw.clerk_haizhu)
    return open_comment(decision, NOTICE, dw.clerk_haizhu)


def test_a_public_comment_is_filed_answered_and_counted(
    dw, consultation, live_server, page, time_machine
):
    w = dw
    ARTIFACTS.mkdir(exist_ok=True)
    assert consultation.comment_closes_on == LAST_DAY

    # 1. Tue 10 Nov: a citizen finds the draft on the portal, asks for the code, comments.
    _on(time_machine, COMMENTED)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/")
    page.locator('[data-service="decisions_comment"]').click()
    assert LAST_DAY.isoformat() in page.locator("#open-drafts").inner_text()
    page.locator(f'#open-drafts a:has-text("{TITLE}")').click()
    page.wait_for_selector("#comment-form")
    assert "第一条 为推进农贸市场升级改造" in page.locator("#draft-text").inner_text()
    page.locator("[name=phone]").fill(PHONE)
    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )
    page.locator("[name=code]").fill(_code(PHONE))
    page.locator("[name=body]").fill(BODY)
    page.locator("#send-comment").click()
    page.wait_for_selector(f'.alert:has-text("{zh("Thank you: your comment has been received.")}")')
    comment = Comment.objects.get()
    assert (comment.number, comment.received_on, comment.body, comment.round) == (
        1, COMMENTED, BODY, 1)  # fmt: skip

    # 2. Wed 2 Dec, the last day: a second citizen opens the page and asks for a code, but
    # sends the comment on Thu 3 Dec: refused, naming the field (意见内容), nothing written.
    _on(time_machine, LAST_DAY)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/decisions/public/{consultation.pk}/")
    page.locator("[name=phone]").fill(LATE_PHONE)
    page.locator("#send-code").click()
    page.wait_for_selector(
        f'.alert:has-text("{zh("A verification code has been sent to your phone.")}")'
    )
    page.locator("[name=code]").fill(_code(LATE_PHONE))
    page.locator("[name=body]").fill("迟到的意见：建议延长营业时间。")
    _on(time_machine, LATE)
    page.locator("#send-comment").click()
    errors = page.locator("#form-errors").inner_text()
    refused = zh("Comment: the comment period closed on %(day)s; comments are no longer "
                 "accepted.") % {"day": LAST_DAY.isoformat()}  # fmt: skip
    assert refused in errors and zh("your comment") in errors
    assert page.locator("[name=body]").input_value() == "迟到的意见：建议延长营业时间。"
    assert Comment.objects.count() == 1

    # 3. Thu 3 Dec: the legal section answers: not adopted without the reasons is refused;
    # with them it is saved.
    _on(time_machine, ANSWERED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/decisions/")
    page.locator(f'a:has-text("{consultation.number}")').click()
    page.wait_for_selector("#comments")
    assert BODY in page.locator("#comment-1").inner_text()
    page.locator("#comment-1 select[name=answer]").select_option("not_adopted")
    page.locator("#comment-1 button").click()
    page.wait_for_selector(
        f'.alert-danger:has-text("{zh("The comment is not adopted: give the reasons.")}")'
    )
    comment.refresh_from_db()
    assert comment.answer == ""
    page.locator("#comment-1 select[name=answer]").select_option("not_adopted")
    page.locator("#comment-1 textarea[name=reasons]").fill(REASONS)
    page.locator("#comment-1 button").click()
    page.wait_for_selector(f'.alert:has-text("{zh("Answer saved.")}")')
    assert REASONS in page.locator("#comment-1").inner_text()
    comment.refresh_from_db()
    assert (comment.answer, comment.reasons, comment.answered_on) == (
        "not_adopted", REASONS, ANSWERED)  # fmt: skip

    # The legality review (Fri 4 Dec) and the meeting (Mon 7 Dec), recorded with their evidence.
    decision = legality(MajorDecision.objects.get(), D(2026, 12, 4), w.clerk_haizhu)
    decision = meeting(decision, D(2026, 12, 7), w.clerk_haizhu)

    # 4. Tue 8 Dec: deciding is refused while the handling is not published, naming 公众参与;
    # nothing changes.
    _on(time_machine, DECIDED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{decision.get_absolute_url()}")
    assert zh("Public participation (公众参与)") in page.locator("#missing-steps").inner_text()
    version = decision.version
    page.locator('#actions [data-action="decide"]').click()
    page.locator("[name=decision_number]").fill("海府〔2026〕30号")
    page.locator("#submit-transition").click()
    missing = zh("The decision cannot be made: missing %(steps)s.") % {
        "steps": zh("Public participation (公众参与)")
    }
    assert missing in page.locator("#form-errors").inner_text()
    decision.refresh_from_db()
    assert (decision.state, decision.version, decision.decided_on) == ("started", version, None)

    # The handling of the comments is published, then the decision is made.
    page.goto(f"{live_server.url}{decision.get_absolute_url()}")
    page.locator('#actions [data-action="publish_answers"]').click()
    page.locator("[name=answers_summary]").fill("共收到意见1条，经研究未予采纳，理由见答复。")
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    assert not page.locator("#missing-steps").count()
    page.locator('#actions [data-action="decide"]').click()
    page.locator("[name=decision_number]").fill("海府〔2026〕30号")
    page.locator("#submit-transition").click()
    page.wait_for_selector("#case-state")
    assert page.locator("#case-state").inner_text().strip() == zh("Decided", "decision")
    decision.refresh_from_db()
    assert (decision.state, decision.decided_on, decision.answers_published_on) == (
        "decided", DECIDED, DECIDED)  # fmt: skip

    # 5. The dashboard counts the comment (1 in 海珠 in 2026) and its drill-down lists it.
    page.goto(f"{live_server.url}/dashboard/?year=2026&region=440105000000")
    tile = page.locator('[data-figure="decision.public_comments"]')
    assert tile.inner_text().strip() == "1"
    tile.click()
    page.wait_for_selector("#cases-table")
    assert page.locator("#case-count").inner_text().strip() == "1"
    assert decision.number in page.locator("#cases-table").inner_text()

    # 6. The portal shows the answer, not the phone.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/decisions/public/{decision.pk}/")
    answers = page.locator("#answers").inner_text()
    assert BODY in answers and REASONS in answers and zh("Not adopted") in answers
    assert PHONE not in page.content()
    page.screenshot(path=str(ARTIFACTS / "decision-comments.png"), full_page=True)
