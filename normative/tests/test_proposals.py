"""A citizen's review proposal (审查建议, statutes-lines §B.7 ❓) on the portal: filed from a
published document's page, followed with the tracking code and an SMS code, answered by the
bureau. Filed Mon 2026-06-01; answer due in 60 days ❓ (configurable) → Fri 2026-07-31."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from cases.models import Clock, Notification
from normative.models import ReviewProposal
from normative.tests.conftest import fire, on, published_document, register
from portal.sms import MemoryGateway

D = datetime.date
PHONE = "13800138001"
pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(nw, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    nw.doc = published_document(nw, published_on=D(2026, 2, 27), effective_from=D(2026, 3, 1))
    return nw


def _form(**overrides):
    data = {"submission_key": "p" * 32, "reasons": "第五条增设的备案义务缺乏上位法依据。",
            "applicant_name": "林建议", "applicant_phone": PHONE, **overrides}  # fmt: skip
    return {k: v for k, v in data.items() if v is not None}


def test_a_citizen_proposes_a_review_and_follows_the_answer(pw, client,
                                                            django_capture_on_commit_callbacks):  # fmt: skip
    url = reverse("normative:propose", args=[pw.doc.pk])
    with on(D(2026, 6, 1)):
        assert (
            url
            in client.get(reverse("normative:library_detail", args=[pw.doc.pk])).content.decode()
        )
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url, _form())
            second = client.post(url, _form())  # the same submission key: one proposal
    assert first.status_code == second.status_code == 302
    proposal = ReviewProposal.objects.get()
    assert (proposal.document, proposal.state, proposal.organization) == (
        pw.doc, "received", pw.haizhu_bureau)  # fmt: skip
    assert len(proposal.tracking_code) == 10
    assert Clock.for_case(proposal).get(key="proposal_answer").due_date == D(2026, 7, 31)
    assert Notification.objects.filter(recipient=pw.clerk_haizhu,
                                       url=proposal.get_absolute_url()).exists()  # fmt: skip
    assert proposal.tracking_code in MemoryGateway.outbox[0][1]
    with on(D(2026, 6, 20)):
        fire(proposal, "answer", pw.clerk_haizhu, answer="经审查，第五条已提请制定机关纠正。")
        client.post(reverse("portal:track"), {"tracking_code": proposal.tracking_code,
                                              "phone": PHONE})  # fmt: skip
        otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
        assert client.post(reverse("portal:verify"), {"code": otp}).status_code == 302
        page = client.get(reverse("portal:case", args=[proposal.tracking_code])).content.decode()
    assert "经审查，第五条已提请制定机关纠正。" in page and pw.doc.title in page


def test_a_proposal_without_reasons_is_refused_and_nothing_is_filed(pw, client):
    with on(D(2026, 6, 1)):
        response = client.post(reverse("normative:propose", args=[pw.doc.pk]), _form(reasons=""))
    assert response.status_code == 200 and "reasons" in response.context["form"].errors
    assert not ReviewProposal.objects.exists()


def test_an_unpublished_document_cannot_be_proposed(pw, client):
    draft = register(pw, D(2026, 3, 2))
    with on(D(2026, 6, 1)):
        assert client.get(reverse("normative:propose", args=[draft.pk])).status_code == 404
