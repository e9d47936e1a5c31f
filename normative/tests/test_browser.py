"""A clean-up campaign and a lapsed validity, in a real browser (issue 14, "Must show": a
clean-up campaign changes the statuses of the chosen documents on its date and the portal shows
them; an expired document shows 失效 without anyone touching it).

The bureau's legal section opens a clean-up (清理, statutes-lines §B.9 ❓) of the documents in
force in 海珠; the issuing body's handler decides on each (保留 / 修改 / 废止 / 宣布失效): a
repeal without reasons is refused, and so is a decision on a document outside the campaign
(forged into the page), naming the field, nothing changed; the section confirms; the portal's
library shows the repealed and the declared-expired documents 有效 the day before the
campaign's date and 废止 / 失效 from that date, with nothing written on it. A 白云 暂行 document
whose validity ran out shows 失效 in the library and on its page from the day after its last
valid day, never touched.

Worked dates (normative.validity, §B.8 ❓ configurable):

- 甲乙丙丁 (海珠区市场监督管理局): published Mon 3 Mar 2025, in effect Tue 1 Apr 2025, validity
  left empty → the longest, 5 years, to Sun 31 Mar 2030: in force throughout.
- 白云区共享单车停放管理暂行办法: published Fri 14 Jun 2024, in effect Sat 15 Jun 2024; a 暂行
  document is valid at most 2 years: the corresponding day is Mon 15 Jun 2026, so its last
  valid day is Sun 14 Jun 2026 and it shows 失效 from Mon 15 Jun 2026.
- Clean-up opened Mon 1 Jun 2026, decisions take effect Wed 1 Jul 2026; decisions Mon 15 Jun;
  confirmed Thu 18 Jun; the library on Tue 30 Jun (all four 有效) and Wed 1 Jul (丙 废止, 丁
  失效; 甲 kept and 乙 to be amended stay 有效 until an amending document takes effect).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from conftest import ARTIFACTS, sign_in
from normative.models import CleanupCampaign, CleanupItem, NormativeDocument
from normative.tests.conftest import D, published_document

SHANGHAI = ZoneInfo("Asia/Shanghai")
OPENED, DECIDED, CONFIRMED = D(2026, 6, 1), D(2026, 6, 15), D(2026, 6, 18)
EVE, EFFECTIVE = D(2026, 6, 30), D(2026, 7, 1)
LAST_VALID = D(2026, 6, 14)
CAMPAIGN = "2026年海珠区行政规范性文件集中清理"
TITLES = {
    "keep": "海珠区农贸市场管理规定",
    "amend": "海珠区户外广告设置管理规定",
    "repeal": "海珠区占道经营管理规定",
    "declare_expired": "海珠区临时摊点管理规定",
}
LAPSING = "白云区共享单车停放管理暂行办法"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.time_machine(datetime.datetime(2026, 6, 1, 10, tzinfo=SHANGHAI), tick=True),
]


def zh(message: str, context: str = "") -> str:
    with translation.override("zh-hans"):
        return pgettext(context, message) if context else gettext(message)


def _on(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(10), SHANGHAI))


def _as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


# The page's own form (the logout form in the menu has an action; the page's form has none).
SAVE = "form[method=post]:not([action]) button[type=submit]"


@pytest.fixture
def documents(nw):
    """The four 海珠 documents and the 白云 暂行 one, published through the engine."""
    docs = {
        decision: published_document(
            nw, published_on=D(2025, 3, 3), effective_from=D(2025, 4, 1), title=title
        )
        for decision, title in TITLES.items()
    }
    docs["lapsing"] = published_document(nw, published_on=D(2024, 6, 14),
                                         effective_from=D(2024, 6, 15), title=LAPSING,
                                         body=nw.baiyun_agency)  # fmt: skip
    return docs


def _library_status(page, live_server, title: str) -> tuple[str, str]:
    """The status of `title` in the portal library's list and on its page (data-status)."""
    page.goto(f"{live_server.url}/normative/public/library/")
    row = page.locator("#documents li").filter(has_text=title)
    listed = row.get_attribute("data-status")
    row.locator("a").click()
    page.wait_for_selector("#full-text")
    return listed, page.locator("#status").get_attribute("data-status")


def _stamp(document) -> tuple:
    fresh = NormativeDocument.objects.get(pk=document.pk)
    return fresh.version, fresh.updated_at, fresh.repealed_on, fresh.declared_expired_on


def _decide(page, document, decision: str, reasons: str = "") -> None:
    row = page.locator(f'#items tr[data-document="{document.pk}"]')
    row.locator("select[name=decision]").select_option(decision)
    row.locator("input[name=reasons]").fill(reasons)
    with page.expect_navigation():
        row.locator("button").click()


def test_a_clean_up_takes_effect_on_its_date_and_a_lapsed_document_shows_expired(
    nw, documents, live_server, page, time_machine
):
    w, docs = nw, documents
    ARTIFACTS.mkdir(exist_ok=True)
    lapsing = docs["lapsing"]
    assert lapsing.valid_until == LAST_VALID
    untouched = _stamp(lapsing)

    # 1. Mon 1 Jun: the 暂行 document is in force; the section opens the clean-up, which lists
    # the four 海珠 documents in force, not the 白云 one.
    _on(time_machine, OPENED)
    page.context.clear_cookies()
    assert _library_status(page, live_server, LAPSING) == ("valid", "valid")
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}/normative/cleanups/")
    page.locator('a.btn[href="/normative/cleanups/new/"]').click()
    page.locator("[name=organization]").select_option(str(w.haizhu_bureau.pk))
    page.locator("[name=title]").fill(CAMPAIGN)
    page.locator("[name=effective_on]").fill(EFFECTIVE.isoformat())
    page.locator(SAVE).click()
    page.wait_for_selector("#items")
    campaign = CleanupCampaign.objects.get()
    assert page.locator("#effective-on").inner_text().strip() == EFFECTIVE.isoformat()
    listed = page.locator("#items").inner_text()
    assert all(title in listed for title in TITLES.values()) and LAPSING not in listed

    # 2. Mon 15 Jun: the 暂行 document's validity ended yesterday: the library shows it 失效,
    # in the list and on its page, and nothing was written to it.
    _on(time_machine, DECIDED)
    page.context.clear_cookies()
    assert _library_status(page, live_server, LAPSING) == ("expired", "expired")
    assert page.locator("#status").inner_text().strip() == zh("Expired", "normative status")
    assert _stamp(lapsing) == untouched

    # The issuing body's handler decides. A repeal without reasons is refused.
    _as(page, live_server, w.agency_haizhu.username)
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    _decide(page, docs["repeal"], "repeal")
    assert zh("Give the reasons for the decision.") in page.locator(".fz-messages").inner_text()
    assert CleanupItem.objects.get(document=docs["repeal"]).decision == ""
    _decide(page, docs["keep"], "keep")
    _decide(page, docs["amend"], "amend", "部分条款与新修订的《广告法》不一致，需修改。")
    _decide(page, docs["repeal"], "repeal", "上位法已废止，本规定失去依据。")
    _decide(page, docs["declare_expired"], "declare_expired", "调整对象已不存在，宣布失效。")
    assert zh("Decision recorded.") in page.locator(".fz-messages").inner_text()

    # A decision forged onto a document outside the campaign (the 白云 one) is refused, naming
    # the campaign; nothing changes.
    decided = dict(CleanupItem.objects.values_list("document_id", "decision"))
    row = page.locator(f'#items tr[data-document="{docs["keep"].pk}"]')
    row.locator("input[name=document]").evaluate(f"e => e.value = '{lapsing.pk}'")
    row.locator("select[name=decision]").select_option("repeal")
    row.locator("input[name=reasons]").fill("一并废止。")
    with page.expect_navigation():
        row.locator("button").click()
    outside = zh("This document is not in the clean-up “%(campaign)s”.") % {"campaign": CAMPAIGN}
    assert outside in page.locator(".fz-messages").inner_text()
    assert dict(CleanupItem.objects.values_list("document_id", "decision")) == decided
    assert decided == {docs[k].pk: k for k in TITLES}
    assert _stamp(lapsing) == untouched

    # 3. Thu 18 Jun: the section confirms; the statuses do not change before the campaign's date.
    _on(time_machine, CONFIRMED)
    _as(page, live_server, w.clerk_haizhu.username)
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    page.locator("#confirm").click()
    page.wait_for_selector(f'.fz-messages .alert:has-text("{zh("The clean-up is confirmed.")}")')
    assert not page.locator("#confirm").count()
    campaign.refresh_from_db()
    assert campaign.confirmed_on == CONFIRMED

    # 4. Tue 30 Jun, the day before: the portal still shows all four 有效.
    _on(time_machine, EVE)
    page.context.clear_cookies()
    for decision in TITLES:
        assert _library_status(page, live_server, TITLES[decision]) == ("valid", "valid")
    stamps = {k: _stamp(docs[k]) for k in TITLES}

    # 5. Wed 1 Jul, the campaign's date: 丙 废止, 丁 失效; 甲 and 乙 still 有效; no write today.
    _on(time_machine, EFFECTIVE)
    expected = {"keep": "valid", "amend": "valid", "repeal": "repealed",
                "declare_expired": "expired"}  # fmt: skip
    for decision, status in expected.items():
        assert _library_status(page, live_server, TITLES[decision]) == (status, status)
    assert page.locator("#status").inner_text().strip() == zh("Expired", "normative status")
    page.goto(f"{live_server.url}/normative/public/library/?status=repealed")
    rows = page.locator("#documents li")
    assert rows.count() == 1 and TITLES["repeal"] in rows.inner_text()
    assert zh("Repealed", "normative status") in rows.inner_text()
    page.goto(f"{live_server.url}/normative/public/library/?status=expired")
    expired = page.locator("#documents").inner_text()
    assert TITLES["declare_expired"] in expired and LAPSING in expired
    assert {k: _stamp(docs[k]) for k in TITLES} == stamps
    assert _stamp(lapsing) == untouched
    page.screenshot(path=str(ARTIFACTS / "normative-cleanup.png"), full_page=True)
