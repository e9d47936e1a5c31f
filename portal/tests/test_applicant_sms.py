"""The applicant is texted the tracking code when filing, and on every change of status or
handling unit and every reply — after the commit, never with a one-time code (issue #10)."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases import engine
from mediation.models import Dispute
from mediation.tests.test_online import _form
from mediation.tests.test_online import committees as committees
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
PHONE = "13800138000"


@pytest.fixture
def filed(client, committees, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mediation:online_apply"), _form())
    return Dispute.objects.get()


def _texts():
    return [text for phone, text in MemoryGateway.outbox if phone == PHONE]


def test_filing_texts_the_tracking_code_and_the_handler(filed):
    [text] = _texts()
    assert filed.tracking_code in text and "赤岗街道人民调解委员会" in text
    assert "/portal/track/" in text
    assert len(MemoryGateway.outbox) == 1  # the other party is not texted


def test_each_change_of_status_or_handler_is_texted_once(
    filed, committees, django_capture_on_commit_callbacks
):
    office, mediator = committees.office_haizhu, committees.mediator_haizhu

    def fire(case, name, actor, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return engine.fire(case, name, actor=actor, version=case.version, data=data)

    dispute = fire(filed, "reroute", office, organization=committees.labour_committee.pk,
                   reason="属劳动争议")  # fmt: skip
    assert "海珠区劳动争议人民调解委员会" in _texts()[-1]
    dispute = fire(dispute, "reroute", committees.clerk_haizhu,
                   organization=committees.haizhu_committee.pk, reason="退回")  # fmt: skip
    with translation.override("zh-hans"):
        accepted, mediating = (dispute.process.state(s).label for s in ("accepted", "mediating"))
    dispute = fire(dispute, "accept", mediator, consent=True,
                   accepted_on=dispute.received_at.date())  # fmt: skip
    assert str(accepted) in _texts()[-1] and filed.tracking_code in _texts()[-1]
    session = {"held_on": dispute.received_at.date(), "place": "调解室", "notes": "听取陈述"}
    dispute = fire(dispute, "record_session", mediator, **session)
    assert str(mediating) in _texts()[-1]
    count = len(_texts())
    fire(dispute, "record_session", mediator, **session)  # still mediating: no news
    assert len(_texts()) == count == 5
    assert not any("验证码为" in text or "verification code is" in text for text in _texts())


def test_a_reply_is_texted_without_its_words(client, filed, committees,
                                             django_capture_on_commit_callbacks):  # fmt: skip
    client.force_login(committees.mediator_haizhu)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mediation:dispute_message", args=[filed.pk]), {"body": "请周三来调解"})
    text = _texts()[-1]
    assert filed.tracking_code in text and "赤岗街道人民调解委员会" in text
    assert "请周三来调解" not in text


class _Down:
    def send(self, phone, text):
        raise ConnectionError("provider down")


def test_a_gateway_outage_never_undoes_the_step(
    filed, committees, settings, django_capture_on_commit_callbacks
):
    settings.FAZHI_SMS_GATEWAY = "portal.tests.test_applicant_sms._Down"
    with django_capture_on_commit_callbacks(execute=True):
        engine.fire(filed, "accept", actor=committees.mediator_haizhu, version=filed.version,
                    data={"consent": True, "accepted_on": filed.received_at.date()})  # fmt: skip
    assert Dispute.objects.get().state == "accepted"


def test_texts_are_in_the_sites_language_whatever_the_staffs(
    filed, committees, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        engine.fire(filed, "accept", actor=committees.mediator_haizhu, version=filed.version,
                    data={"consent": True, "accepted_on": filed.received_at.date()})  # fmt: skip
    with translation.override("zh-hans"):
        expected = str(Dispute.objects.get().state_label)
    assert expected in _texts()[-1]


class _TemplateGateway:
    """A provider with one template for codes and one for notices."""

    codes: list = []
    notices: list = []

    def send(self, phone, text):
        _TemplateGateway.codes.append(text)

    def send_notice(self, phone, text):
        _TemplateGateway.notices.append(text)


def test_a_gateway_may_take_notices_apart_from_codes(client, committees, settings,
                                                     django_capture_on_commit_callbacks):  # fmt: skip
    settings.FAZHI_SMS_GATEWAY = "portal.tests.test_applicant_sms._TemplateGateway"
    _TemplateGateway.codes, _TemplateGateway.notices = [], []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mediation:online_apply"), _form())
    code = Dispute.objects.get().tracking_code
    client.post(reverse("portal:track"), {"tracking_code": code, "phone": PHONE})
    assert len(_TemplateGateway.notices) == len(_TemplateGateway.codes) == 1
    assert code in _TemplateGateway.notices[0]
