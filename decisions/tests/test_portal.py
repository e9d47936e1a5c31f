"""Public comment on the portal (DEC Arts. 14–18): a draft in its comment period shows with its
text and explanation; a citizen comments (name optional; the mobile phone proven by a one-time
SMS code); a comment after the period closes is refused naming the field and nothing is
written; staff answer each comment; the answers are published and the comments counted.

Dates: notice Mon 2 Nov 2026, 30 days, the notice's day not counted → last day Wed 2 Dec 2026
(DEC Art. 15; statutes-lines §0)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from decisions.models import Comment
from decisions.tests.conftest import PHONE, D, draft, on, open_comment, publish_answers, start
from indicators.registry import Period, registry
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(dw, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    decision = start(dw, D(2026, 11, 2))
    decision = draft(decision, D(2026, 11, 2), dw.clerk_haizhu)
    return open_comment(decision, D(2026, 11, 2), dw.clerk_haizhu)


def _code(client, url) -> str:
    MemoryGateway.outbox.clear()
    response = client.post(url, {"action": "send_code", "phone": PHONE})
    assert response.status_code == 200
    ((phone, text),) = MemoryGateway.outbox
    assert phone == PHONE
    return re.search(r"\d{6}", text).group()


def test_a_draft_in_its_period_shows_with_text_and_explanation(client, consultation):
    with on(D(2026, 11, 10)):
        listing = client.get(reverse("decisions:public_list"))
        page = client.get(reverse("decisions:public_detail", args=[consultation.pk]))
    assert consultation.title in listing.content.decode()
    body = page.content.decode()
    assert "第一条 为推进农贸市场升级改造" in body and "起草背景" in body
    assert 'id="comment-form"' in body and "2026-12-02" in body


def test_a_citizen_comments_staff_answer_the_answers_are_published_and_counted(
    client, login, dw, consultation
):
    url = reverse("decisions:public_detail", args=[consultation.pk])
    with on(D(2026, 11, 10)):
        code = _code(client, url)
        response = client.post(url, {"action": "comment", "phone": PHONE, "code": code,
                                     "body": "建议保留早市摊位。"})  # fmt: skip
        assert response.status_code == 302
    with on(D(2026, 12, 2)):  # the last day of the period still counts
        code = _code(client, url)
        client.post(url, {"action": "comment", "name": "陈女士", "phone": PHONE, "code": code,
                          "body": "改造期间请设临时市场。"})  # fmt: skip
    first, second = Comment.objects.filter(decision=consultation).order_by("number")
    assert (first.number, first.name, first.received_on) == (1, "", D(2026, 11, 10))
    assert (second.number, second.name, second.received_on) == (2, "陈女士", D(2026, 12, 2))
    with on(D(2026, 12, 3)):
        staff = login(dw.clerk_haizhu)
        response = staff.post(reverse("decisions:comment_answer", args=[first.pk]),
                              {"answer": "adopted", "reasons": ""})  # fmt: skip
        assert response.status_code == 302
        staff.post(reverse("decisions:comment_answer", args=[second.pk]),
                   {"answer": "not_adopted", "reasons": "已在第三条另行安排过渡摊位。"})  # fmt: skip
        publish_answers(consultation, D(2026, 12, 3), dw.clerk_haizhu)
        staff.logout()
        page = client.get(url).content.decode()
    assert 'id="answers"' in page and "已在第三条另行安排过渡摊位。" in page
    assert PHONE not in page and "陈女士" not in page  # neither phone nor name is published
    figure = registry.get("decision.public_comments").compute("440105", Period.year(2026))
    assert figure.value == 2
    assert registry.get("decision.public_comments").compute("440111", Period.year(2026)).value == 0


def test_a_comment_after_the_period_is_refused_naming_the_field(client, consultation):
    url = reverse("decisions:public_detail", args=[consultation.pk])
    with on(D(2026, 12, 3)):
        response = client.post(url, {"action": "comment", "phone": PHONE, "code": "123456",
                                     "body": "迟到的意见。"})  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert "2026-12-02" in form.errors["body"][0]
    assert not Comment.objects.exists()


def test_the_service_refuses_a_late_comment_too(consultation):
    from core.errors import InvalidInput
    from decisions.services import comment_submit

    with on(D(2026, 12, 3)), pytest.raises(InvalidInput) as exc:
        comment_submit(decision=consultation, name="", phone=PHONE, body="迟到的意见。")
    assert list(exc.value.fields) == ["body"] and "2026-12-02" in exc.value.message
    assert not Comment.objects.exists()


def test_a_wrong_code_writes_nothing(client, consultation):
    url = reverse("decisions:public_detail", args=[consultation.pk])
    with on(D(2026, 11, 10)):
        _code(client, url)
        response = client.post(url, {"action": "comment", "phone": PHONE, "code": "000000",
                                     "body": "意见。"})  # fmt: skip
    assert "code" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_the_public_sees_only_drafts_in_comment_and_published_decisions(client, dw, consultation):
    preparing = start(dw, D(2026, 11, 2), title="尚未公开征求意见的事项")
    with on(D(2026, 11, 10)):
        assert (
            client.get(reverse("decisions:public_detail", args=[preparing.pk])).status_code == 404
        )
        listing = client.get(reverse("decisions:public_list")).content.decode()
    assert "尚未公开征求意见的事项" not in listing
    with on(D(2026, 12, 3)):  # the period is over, the handling not yet published
        response = client.get(reverse("decisions:public_detail", args=[consultation.pk]))
    assert response.status_code == 404


def test_a_comment_after_the_period_shows_the_reason_not_a_later_draft(client, dw):
    """After the period the page is closed to the public (404); a comment posted from a page
    opened in time is answered with the reason, without the draft revised since."""
    from decisions.tests.conftest import fire

    d = start(dw, D(2026, 11, 2))
    d = draft(d, D(2026, 11, 2), dw.clerk_haizhu)
    d = open_comment(d, D(2026, 11, 2), dw.clerk_haizhu)
    with on(D(2026, 12, 10)):
        d = fire(d, "record_draft", dw.clerk_haizhu, draft_text="内部修改稿条款",
                 draft_explanation="内部说明")  # fmt: skip
    url = reverse("decisions:public_detail", args=[d.pk])
    with on(D(2026, 12, 11)):
        assert client.get(url).status_code == 404
        posted = client.post(url, {"action": "comment", "phone": PHONE, "code": "123456",
                                   "body": "我的意见"})  # fmt: skip
    body = posted.content.decode()
    assert posted.status_code == 200
    assert "内部修改稿条款" not in body and "内部说明" not in body
    assert "2026-12-02" in body and "我的意见" in body  # the reason, and the text kept
    assert not Comment.objects.exists()
