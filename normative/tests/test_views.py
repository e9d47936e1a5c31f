"""The staff pages: the list of documents and the registration form, scoped like the data; the
clean-up page, where an agency handler sees and decides only their own body's documents, a
decision on a document outside the campaign changes nothing, and the bureau confirms."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from normative.models import CleanupItem, NormativeDocument
from normative.services import campaign_open
from normative.tests.conftest import on, published_document, register

D = datetime.date
pytestmark = pytest.mark.django_db


def _numbers(response):
    return {row.record.title for row in response.context["table"].page.object_list}


def test_the_list_shows_each_persona_its_own(nw, client, login):
    mine = register(nw, D(2026, 3, 2), title="海珠区甲规定")
    other = register(nw, D(2026, 3, 2), actor=nw.agency_chengguan, body=nw.chengguan,
                     title="海珠区乙规定")  # fmt: skip
    with on(D(2026, 3, 3)):
        assert _numbers(login(nw.agency_haizhu).get(reverse("normative:document_list"))) == {
            mine.title}  # fmt: skip
        assert _numbers(login(nw.clerk_haizhu).get(reverse("normative:document_list"))) == {
            mine.title, other.title}  # fmt: skip
        assert _numbers(login(nw.clerk_baiyun).get(reverse("normative:document_list"))) == set()


def test_a_handler_registers_through_the_form(nw, client, login):
    with on(D(2026, 3, 2)):
        page = login(nw.agency_haizhu).get(reverse("normative:document_create"))
        assert list(page.context["form"].fields["issuing_body"].queryset) == [nw.haizhu_agency]
        response = client.post(reverse("normative:document_create"), {
            "submission_key": "r" * 32, "issuing_body": nw.haizhu_agency.pk,
            "kind": "department", "title": "海珠区丙规定", "full_text": "第一条……"})  # fmt: skip
    document = NormativeDocument.objects.get()
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert (document.organization, document.region_code) == (nw.haizhu_bureau, "440105000000")


def test_a_leader_has_no_registration_form(nw, client, login):
    with on(D(2026, 3, 2)):
        assert login(nw.leader_gz).get(reverse("normative:document_create")).status_code == 403


@pytest.fixture
def campaign(nw):
    nw.own = published_document(nw, published_on=D(2025, 3, 3), effective_from=D(2025, 4, 1),
                                title="海珠区市监规定")  # fmt: skip
    nw.theirs = published_document(nw, published_on=D(2025, 3, 3), effective_from=D(2025, 4, 1),
                                   title="海珠区城管规定", body=nw.chengguan)  # fmt: skip
    nw.outside = published_document(nw, published_on=D(2025, 3, 3),
                                    effective_from=D(2025, 4, 1), title="白云区规定",
                                    body=nw.baiyun_agency)  # fmt: skip
    with on(D(2026, 6, 1)):
        nw.campaign = campaign_open(actor=nw.clerk_haizhu, organization=nw.haizhu_bureau,
                                    title="2026年清理", effective_on=D(2026, 7, 1))  # fmt: skip
    return nw


def test_the_campaign_page_is_scoped_by_owner(campaign, client, login):
    url = campaign.campaign.get_absolute_url()
    with on(D(2026, 6, 2)):
        staff = login(campaign.clerk_haizhu).get(url)
        own = login(campaign.agency_haizhu).get(url)
        assert login(campaign.agency_baiyun).get(url).status_code == 404
        assert login(campaign.clerk_baiyun).get(url).status_code == 404
    assert {i.document.title for i in staff.context["items"]} == {
        "海珠区市监规定",
        "海珠区城管规定",
    }
    assert {i.document.title for i in own.context["items"]} == {"海珠区市监规定"}
    assert staff.context["can_confirm"] and not own.context["can_confirm"]


def test_a_decision_posted_on_a_document_outside_the_campaign_changes_nothing(campaign, client,
                                                                                login):  # fmt: skip
    url = campaign.campaign.get_absolute_url()
    with on(D(2026, 6, 2)):
        response = login(campaign.clerk_haizhu).post(url, {
            "document": campaign.outside.pk, "decision": "repeal", "reasons": "过时"},
            follow=True)  # fmt: skip
    shown = [str(m) for m in response.context["messages"]]
    assert any("2026年清理" in m for m in shown)
    assert not CleanupItem.objects.exclude(decision="").exists()
    with on(D(2026, 6, 2)):
        login(campaign.agency_haizhu).post(url, {"document": campaign.own.pk,
                                                 "decision": "repeal", "reasons": "过时"})  # fmt: skip
    assert CleanupItem.objects.get(document=campaign.own).decision == "repeal"


def test_a_decision_with_no_choice_names_the_field_and_changes_nothing(campaign, client, login):
    url = campaign.campaign.get_absolute_url()
    with on(D(2026, 6, 2)):
        response = login(campaign.agency_haizhu).post(
            url, {"document": campaign.own.pk, "decision": "", "reasons": ""}, follow=True
        )
    shown = [str(m) for m in response.context["messages"]]
    assert shown and all("：" in m for m in shown)  # "label：reason"
    assert not CleanupItem.objects.exclude(decision="").exists()


def test_a_resubmitted_campaign_form_opens_one_campaign(nw, client, login):
    from normative.models import CleanupCampaign

    data = {"organization": nw.haizhu_bureau.pk, "title": "2027年清理",
            "effective_on": "2027-07-01", "submission_key": "3f2a9c1e-5b7d-4e8a-9c0d-1a2b3c4d5e6f"}  # fmt: skip
    with on(D(2027, 6, 1)):
        staff = login(nw.clerk_haizhu)
        first = staff.post(reverse("normative:campaign_create"), data)
        again = staff.post(reverse("normative:campaign_create"), data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert CleanupCampaign.objects.filter(title="2027年清理").count() == 1
