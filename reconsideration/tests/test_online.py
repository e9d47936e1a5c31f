"""The online application for administrative reconsideration (行政复议法第二十二条) and what the
applicant follows with the tracking code and an SMS code; the application period (Arts. 20,
21) warned about on the form, never refused."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from django.urls import reverse

from cases import engine
from cases.models import Clock, Notification
from conftest import frozen_today
from core.demo import resident_id
from portal.sms import MemoryGateway
from reconsideration.models import ReconsiderationCase

pytestmark = pytest.mark.django_db
PHONE = "13800138001"
ID_NUMBER = resident_id(random.Random(11), "440105")
TODAY = frozen_today()


@pytest.fixture
def portal_world(world, settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    return world


def _form(w, **overrides):
    data = {
        "submission_key": "o" * 32,
        "office": w.haizhu_bureau.pk,
        "respondent": w.haizhu_agency.pk,
        "act_type": "penalty",
        "act_description": "对我店罚款五千元的行政处罚决定",
        "act_number": "海市监罚〔2026〕31号",
        "knew_on": (TODAY - datetime.timedelta(days=5)).isoformat(),
        "informed_of_right": "on",
        "requests": "撤销该行政处罚决定",
        "facts": "我店已按要求整改，处罚过重。",
        "applicant_name": "林申请",
        "applicant_id_number": ID_NUMBER,
        "applicant_phone": PHONE,
        "applicant_address": "广州市海珠区江南大道1号",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _track(client, case):
    client.post(reverse("portal:track"), {"tracking_code": case.tracking_code, "phone": PHONE})
    otp = re.search(r"\d{6}", MemoryGateway.outbox[-1][1]).group(0)
    assert client.post(reverse("portal:verify"), {"code": otp}).status_code == 302
    return client.get(reverse("portal:case", args=[case.tracking_code]))


def test_the_public_applies_once_and_follows_the_case(
    client, portal_world, django_capture_on_commit_callbacks
):
    w = portal_world
    page = client.get(reverse("reconsideration:online_apply")).content.decode()
    assert "海珠区司法局" in page and "海珠区市场监督管理局" in page
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("reconsideration:online_apply") in home
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("reconsideration:online_apply"), _form(w))
        second = client.post(reverse("reconsideration:online_apply"), _form(w))
    assert first.status_code == second.status_code == 302
    case = ReconsiderationCase.objects.get()
    assert (case.channel, case.state, case.respondent) == ("online", "submitted", w.haizhu_agency)
    assert re.fullmatch(r"[A-Z2-9]{10}", case.tracking_code)
    acceptance = Clock.for_case(case).get(key="acceptance")
    filed = client.get(reverse("reconsideration:online_filed")).content.decode()
    assert case.tracking_code in filed and acceptance.due_date.isoformat() in filed
    assert [phone for phone, _t in MemoryGateway.outbox] == [PHONE]
    assert Notification.objects.filter(recipient=w.clerk_haizhu, kind="online_request").count() == 1

    view = _track(client, case).context["view"]
    assert acceptance.due_date.isoformat() in dict(view["facts"]).values()
    with django_capture_on_commit_callbacks(execute=True):
        case = engine.fire(case, "accept", actor=w.clerk_haizhu, version=case.version,
                           data={"on_date": TODAY.isoformat(), "procedure": "ordinary"},
                           note="内部备注")  # fmt: skip
        case = engine.fire(case, "send_copy", actor=w.clerk_haizhu, version=case.version,
                           data={"on_date": TODAY.isoformat()})  # fmt: skip
        case = engine.fire(case, "submit_answer", actor=w.agency_haizhu, version=case.version,
                           data={"on_date": TODAY.isoformat(), "answer": "被申请人答复内容"})  # fmt: skip
    body = client.get(reverse("portal:case", args=[case.tracking_code])).content.decode()
    decision = Clock.for_case(case).get(key="decision")
    assert decision.due_date.isoformat() in body
    assert "被申请人答复内容" not in body and "内部备注" not in body and ID_NUMBER not in body


def test_a_late_application_is_warned_and_sent_once_confirmed(client, portal_world):
    """Learned of the act 90 days ago: the 60 days of Art. 20 have passed. The form says so
    and asks for confirmation; confirmed, the application is filed (the office decides)."""
    w = portal_world
    late = {"knew_on": (TODAY - datetime.timedelta(days=90)).isoformat()}
    response = client.post(reverse("reconsideration:online_apply"), _form(w, **late))
    assert response.status_code == 200
    assert "late_confirmed" in response.context["form"].errors
    assert ReconsiderationCase.objects.count() == 0
    confirmed = client.post(reverse("reconsideration:online_apply"),
                            _form(w, late_confirmed="on", **late))  # fmt: skip
    assert confirmed.status_code == 302 and ReconsiderationCase.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"respondent": None}, "respondent"),
        ({"act_description": None}, "act_description"),
        ({"requests": None}, "requests"),
        ({"applicant_id_number": ID_NUMBER[:-1] + "X"}, "applicant_id_number"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(client, portal_world, overrides, field):
    response = client.post(
        reverse("reconsideration:online_apply"), _form(portal_world, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ReconsiderationCase.objects.count() == 0
    assert "我店已按要求整改，处罚过重。" in response.content.decode()
