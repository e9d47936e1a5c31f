"""Complaints on the public portal (enforcement.complaint_portal): the phone proven by a one-time
SMS code, one complaint per submitted form however often it is sent, bad input named beside
its field with nothing written, the optional file checked by content, and the complainant
following the complaint with the tracking code and an SMS code — statuses and the answer, none
of what the bureau and the bodies wrote to each other."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Attachment, Notification
from enforcement.complaint_models import Complaint
from enforcement.tests.complaints_support import (
    ANSWER,
    CLOSED,
    FACTS,
    FILED,
    INSTRUCTIONS,
    REASONS,
    dispatch,
    fire,
)
from enforcement.tests.conftest import on
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
PHONE = "13800138001"
# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def portal(ew, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    return ew


def _form(w, **overrides):
    data = {
        "submission_key": "k" * 32, "applicant_kind": "organization",
        "applicant_name": "海珠区某某餐饮店", "applicant_phone": PHONE,
        "bureau": str(w.haizhu_bureau.pk), "body": str(w.shijian_body.pk),
        "happened_on": "2026-06-05", "place": "江南大道中100号", "facts": FACTS,
        "action": "file",
    }  # fmt: skip
    data.update(overrides)
    return data


def _code(client, w) -> str:
    """Ask for the code as the page's first button does (only the phone filled in)."""
    url = reverse("enforcement:complaint_file")
    response = client.post(url, {"applicant_phone": PHONE, "action": "send_code",
                                 "submission_key": "k" * 32})  # fmt: skip
    assert response.status_code == 200 and not response.context["form"].errors
    phone, text = MemoryGateway.outbox[-1]
    assert phone == PHONE
    return re.search(r"\d{6}", text).group(0)


def test_a_complaint_is_filed_once_with_the_code_and_texted_its_tracking_code(
    client, portal, django_capture_on_commit_callbacks
):
    w = portal
    url = reverse("enforcement:complaint_file")
    with on(FILED):
        code = _code(client, w)
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url, _form(w, code=code))
        second = client.post(url, _form(w, code=code))  # the same form sent again
        page = client.get(reverse("enforcement:complaint_filed")).content.decode()
    assert first.status_code == second.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.state, complaint.body) == ("online", "received",
                                                                     w.shijian_body)  # fmt: skip
    assert complaint.complainant_phone == PHONE and complaint.organization == w.haizhu_bureau
    assert complaint.tracking_code in page and "海珠区司法局" in page
    assert any(complaint.tracking_code in text for _phone, text in MemoryGateway.outbox)
    assert Notification.objects.filter(recipient=w.clerk_haizhu, kind="online_request").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "000000"}, "code"),
        ({"code": ""}, "code"),
        ({"applicant_name": ""}, "applicant_name"),
        ({"applicant_phone": "020-12345678"}, "applicant_phone"),
        ({"happened_on": "2026-06-30"}, "happened_on"),
        ({"facts": ""}, "facts"),
        ({"bureau": ""}, "bureau"),
    ],
)
def test_bad_input_is_named_beside_its_field_and_nothing_is_saved(client, portal, overrides,
                                                                  field):  # fmt: skip
    w = portal
    with on(FILED):
        code = _code(client, w)
        data = _form(w, **{"code": code, **overrides})
        if overrides.get("code") == "000000" and code == "000000":
            data["code"] = "111111"
        response = client.post(reverse("enforcement:complaint_file"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "海珠区某某餐饮店" in response.content.decode() or field == "applicant_name"
    assert not Complaint.objects.exists()


def test_a_body_of_another_bureau_is_refused_beside_the_body(client, portal):
    w = portal
    with on(FILED):
        code = _code(client, w)
        response = client.post(reverse("enforcement:complaint_file"),
                               _form(w, code=code, body=str(w.baiyun_body.pk)))  # fmt: skip
        assert "body" in response.context["form"].errors
        assert "海珠区司法局" in str(response.context["form"].errors["body"])
        assert not Complaint.objects.exists()
        # The refusal did not spend the code: corrected, the same code files the complaint.
        fixed = client.post(reverse("enforcement:complaint_file"), _form(w, code=code))
    assert fixed.status_code == 302 and Complaint.objects.get().body == w.shijian_body


def test_a_file_is_attached_when_its_content_is_accepted(client, portal):
    w = portal
    url = reverse("enforcement:complaint_file")
    with on(FILED):
        code = _code(client, w)
        bad = client.post(url, {**_form(w, code=code), "attachment": SimpleUploadedFile(
            "现场.png", b"MZ not an image", content_type="image/png")})  # fmt: skip
        assert "attachment" in bad.context["form"].errors
        assert not Complaint.objects.exists()
        # The file is refused before the code is checked: the same code still serves.
        good = client.post(url, {**_form(w, code=code, submission_key="g" * 32),
                                 "attachment": SimpleUploadedFile("现场.png", PNG)})  # fmt: skip
    assert good.status_code == 302
    attachment = Attachment.for_case(Complaint.objects.get()).get()
    assert (attachment.original_name, attachment.content_type, attachment.uploaded_by) == (
        "现场.png", "image/png", None)  # fmt: skip


def _follow(client, complaint) -> str:
    client.post(reverse("portal:track"), {"tracking_code": complaint.tracking_code,
                                          "phone": PHONE})  # fmt: skip
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    assert client.post(reverse("portal:verify"), {"code": otp}).status_code == 302
    return client.get(reverse("portal:case", args=[complaint.tracking_code])).content.decode()


def test_the_complainant_follows_each_step_without_the_internal_texts(client, portal):
    from django.utils.translation import gettext

    w = portal
    with on(FILED):
        code = _code(client, w)
        client.post(reverse("enforcement:complaint_file"), _form(w, code=code))
    complaint = Complaint.objects.get()
    with on(FILED):
        page = _follow(client, complaint)
    assert gettext("Received; the justice bureau is examining it") in page
    fire(complaint, "accept", w.clerk_haizhu, FILED, on_date=FILED)
    dispatch(w, complaint, [w.shijian_body, w.chengguan_body], FILED)
    a = complaint.dispatches.get(body=w.shijian_body)
    fire(a, "reply", w.agency_haizhu, FILED, reply="答复内容：已核查。")
    fire(a, "send_back", w.clerk_haizhu, FILED, reasons=REASONS)
    with on(FILED):
        page = client.get(reverse("portal:case", args=[complaint.tracking_code])).content.decode()
    assert gettext("Passed to the responsible departments") in page
    assert gettext("Returned to be handled again") in page
    assert gettext("Passed on; its reply is awaited") in page  # 城管's dispatch
    for internal in (INSTRUCTIONS, REASONS, "答复内容：已核查。"):
        assert internal not in page
    b = complaint.dispatches.get(body=w.chengguan_body)
    fire(a, "reply", w.agency_haizhu, CLOSED, reply="再次答复。")
    fire(b, "reply", w.agency_chengguan, CLOSED, reply="城管答复。")
    fire(a, "accept", w.clerk_haizhu, CLOSED)
    fire(b, "accept", w.clerk_haizhu, CLOSED)
    fire(complaint, "close", w.clerk_haizhu, CLOSED, finding="partly", answer=ANSWER,
         on_date=CLOSED)  # fmt: skip
    with on(CLOSED):
        page = _follow(client, complaint)  # a new day: the session of 8 June has expired
    assert gettext("Concluded") in page and ANSWER in page
    assert "再次答复。" not in page and "城管答复。" not in page
