"""The hand-off when no answer fits (没有找到答案？提交咨询): a consultation asked on the portal
with name, mobile phone proven by a one-time SMS code (portal.security), street and question
becomes an online service record of the street's justice office, pending an answer (SD‑GF
Arts. 13–14: the network platform), and gives a tracking code; without a valid code nothing is
written and the input stays; a resubmission writes nothing more. The street's staff see it and
answer; the person reads the answer with the tracking code and another SMS code."""

from __future__ import annotations

import re

import pytest

from legalservice.models import QaConsultation, ServiceRecord
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
ASK = "/legalservice/public/qa/ask/"
LOOKUP = "/legalservice/public/qa/answer/"
PHONE = "13800138000"
QUESTION = "我在工地干了三个月活，包工头跑了，工钱找谁要？"


@pytest.fixture
def sms(settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    yield MemoryGateway.outbox
    MemoryGateway.outbox.clear()


def last_code(outbox, phone=PHONE) -> str:
    texts = [text for to, text in outbox if to == phone]
    return re.search(r"\b\d{6}\b", texts[-1]).group()


def ask_data(client, **extra) -> dict:
    form = client.get(ASK).context["form"]
    return {
        "person_name": "周七", "person_phone": PHONE, "street": "440105001000",
        "matter_kind": "labour", "question": QUESTION,
        "submission_key": form.initial["submission_key"], **extra,
    }  # fmt: skip


def test_a_consultation_with_the_sms_code_becomes_a_pending_online_record(ls, client, sms):
    w = ls
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    assert len(sms) == 1
    response = client.post(ASK, {**data, "action": "submit", "code": last_code(sms)})
    assert response.status_code == 302 and response.url == "/legalservice/public/qa/ask/received/"
    (consultation,) = QaConsultation.objects.all()
    record = consultation.record
    assert (record.channel, record.outcome, record.matter_kind) == ("online", "pending", "labour")
    assert record.organization == w.haizhu_office and record.region_code == "440105001000"
    assert (record.person_name, record.person_phone, record.summary) == ("周七", PHONE, QUESTION)
    assert consultation.street_code == "440105001000"
    page = client.get(response.url).content.decode()
    assert consultation.tracking_code in page and "赤岗街道司法所" in page


def test_a_resubmission_writes_nothing_more(ls, client, sms, django_capture_on_commit_callbacks):
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    data.update(action="submit", code=last_code(sms))
    first = client.post(ASK, data)
    again = client.post(ASK, data)  # the same form sent twice (the code is spent by now)
    assert first.status_code == again.status_code == 302
    assert QaConsultation.objects.count() == ServiceRecord.objects.count() == 1
    # The tracking code was texted once.
    code = QaConsultation.objects.get().tracking_code
    assert len([t for _p, t in sms if code in t]) == 1


@pytest.mark.parametrize("code", ["", "000000"])
def test_without_a_valid_code_nothing_is_written_and_the_input_stays(ls, client, sms, code):
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    if code == "000000" and last_code(sms) == code:
        code = "111111"
    response = client.post(ASK, {**data, "action": "submit", "code": code})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    body = response.content.decode()
    assert QUESTION in body and "周七" in body and PHONE in body
    assert not QaConsultation.objects.exists() and not ServiceRecord.objects.exists()


def test_bad_fields_are_named_and_nothing_is_sent(ls, client, sms):
    data = ask_data(client, person_name="", question="", person_phone="12345")
    response = client.post(ASK, {**data, "action": "send_code"})
    errors = response.context["form"].errors
    assert {"person_name", "question", "person_phone"} <= set(errors)
    assert not sms and not QaConsultation.objects.exists()


def test_a_street_without_an_office_goes_to_the_district_bureau(ls, client, sms):
    w = ls
    data = ask_data(client, street="440105002000")  # another 海珠 street: no justice office
    client.post(ASK, {**data, "action": "send_code"})
    client.post(ASK, {**data, "action": "submit", "code": last_code(sms)})
    assert QaConsultation.objects.get().record.organization == w.haizhu_bureau


def _filed(client, sms) -> QaConsultation:
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    client.post(ASK, {**data, "action": "submit", "code": last_code(sms)})
    return QaConsultation.objects.get()


def test_the_streets_staff_see_and_answer_it_others_do_not(ls, client, sms, login,
                                                           django_capture_on_commit_callbacks):  # fmt: skip
    w = ls
    consultation = _filed(client, sms)
    url = f"/legalservice/qa/consultations/{consultation.pk}/"
    other = login(w.office_baiyun)
    assert (
        consultation.tracking_code
        not in other.get("/legalservice/qa/consultations/").content.decode()
    )
    assert other.get(url).status_code == 404
    assert other.post(url, {"answer": "不应保存"}).status_code == 404
    staff = login(w.office_haizhu)
    assert (
        consultation.tracking_code in staff.get("/legalservice/qa/consultations/").content.decode()
    )
    # It is one of the office's service records, pending.
    records = staff.get("/legalservice/records/").content.decode()
    assert "周七" in records
    response = staff.post(url, {"answer": ""})
    assert response.status_code == 200 and response.context["form"].errors["answer"]
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, {"answer": "可以向劳动保障监察机构投诉。"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.answer == "可以向劳动保障监察机构投诉。" and consultation.is_answered
    assert consultation.record.outcome == "answered"
    assert consultation.tracking_code in sms[-1][1] and "投诉" not in sms[-1][1]


def test_the_answer_is_read_with_the_tracking_code_and_an_sms_code(ls, client, sms):
    w = ls
    consultation = _filed(client, sms)
    from legalservice import qa_services

    qa_services.consultation_answer(actor=w.office_haizhu, consultation=consultation,
                                    answer="可以向劳动保障监察机构投诉。")  # fmt: skip
    reader = client.__class__()
    show = f"{LOOKUP}{consultation.tracking_code}/"
    assert reader.get(show).status_code == 302  # not before the code
    sms.clear()
    # A wrong phone gets the same message and no text.
    reader.post(LOOKUP, {"tracking_code": consultation.tracking_code, "phone": "13900139000",
                         "action": "send_code"})  # fmt: skip
    assert not sms
    data = {"tracking_code": consultation.tracking_code.lower(), "phone": PHONE}
    reader.post(LOOKUP, {**data, "action": "send_code"})
    response = reader.post(LOOKUP, {**data, "action": "view", "code": "999999"
                                    if last_code(sms) != "999999" else "888888"})  # fmt: skip
    assert response.status_code == 200 and "code" in response.context["form"].errors
    reader.post(LOOKUP, {**data, "action": "send_code"})
    response = reader.post(LOOKUP, {**data, "action": "view", "code": last_code(sms)})
    assert response.status_code == 302 and response.url == show
    body = reader.get(show).content.decode()
    assert "可以向劳动保障监察机构投诉。" in body and QUESTION in body


def _outcome(response) -> tuple:
    """What the lookup page tells the person: its form errors and its messages."""
    form = response.context["form"]
    return (
        sorted(form.non_field_errors()),
        sorted(str(m) for m in response.context["messages"]),
    )


def test_a_tripped_limit_does_not_tell_whether_code_and_phone_match(ls, client, sms):
    """The phone's code counter is shared with the ask form: once it has tripped (here by five
    more codes asked for the same phone), a matching and a mismatching tracking code must get
    the same answer, or the limit tells which tracking code belongs to the phone."""
    consultation = _filed(client, sms)
    data = ask_data(client.__class__())
    for _ in range(5):
        client.__class__().post(ASK, {**data, "action": "send_code"})
    sms.clear()
    reader = client.__class__()
    wrong = "ABCDEFGHJK" if consultation.tracking_code != "ABCDEFGHJK" else "ABCDEFGHJM"
    matched = reader.post(LOOKUP, {"tracking_code": consultation.tracking_code, "phone": PHONE,
                                   "action": "send_code"})  # fmt: skip
    mismatched = reader.post(LOOKUP, {"tracking_code": wrong, "phone": PHONE,
                                      "action": "send_code"})  # fmt: skip
    assert _outcome(matched) == _outcome(mismatched)
    assert not sms


def test_an_sms_failure_on_lookup_shows_the_neutral_message(ls, client, sms, monkeypatch):
    """A gateway error is logged, not shown: shown, it would appear only for a match."""
    consultation = _filed(client, sms)
    from legalservice import qa_portal

    class Down:
        def send(self, phone, text):
            raise OSError("provider unreachable")

    monkeypatch.setattr(qa_portal, "gateway", Down)
    reader = client.__class__()
    wrong = "ABCDEFGHJK" if consultation.tracking_code != "ABCDEFGHJK" else "ABCDEFGHJM"
    matched = reader.post(LOOKUP, {"tracking_code": consultation.tracking_code, "phone": PHONE,
                                   "action": "send_code"})  # fmt: skip
    mismatched = reader.post(LOOKUP, {"tracking_code": wrong, "phone": PHONE,
                                      "action": "send_code"})  # fmt: skip
    assert _outcome(matched) == _outcome(mismatched)
    assert _outcome(matched)[0] == []


def test_a_refused_consultation_leaves_the_code_usable(ls, client, sms, settings):
    """The code is checked first but spent only when the consultation is written: refused by
    the phone's daily limit, the same code still serves once the limit allows it."""
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    code = last_code(sms)
    settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY = 0
    refused = client.post(ASK, {**data, "action": "submit", "code": code})
    assert refused.status_code == 200 and "person_phone" in refused.context["form"].errors
    assert not QaConsultation.objects.exists()
    settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY = 3
    accepted = client.post(ASK, {**data, "action": "submit", "code": code})
    assert accepted.status_code == 302 and QaConsultation.objects.count() == 1


def test_a_code_serves_one_consultation_only(ls, client, sms):
    """Another form (another hidden key) with the code already spent is refused, naming the
    code, and writes nothing."""
    data = ask_data(client)
    client.post(ASK, {**data, "action": "send_code"})
    code = last_code(sms)
    assert client.post(ASK, {**data, "action": "submit", "code": code}).status_code == 302
    again = ask_data(client, question="另一个问题：加班费怎么算？")
    response = client.post(ASK, {**again, "action": "submit", "code": code})
    assert response.status_code == 200 and "code" in response.context["form"].errors
    assert QaConsultation.objects.count() == ServiceRecord.objects.count() == 1


# -- the record form keeps the consultation in step ------------------------------------------
# A consultation is an online service record; staff may also change that record on the
# ordinary record form. What the person reads under the tracking code follows the record:
# "answered" only with a written answer (given on the consultation's page), an answered
# question never pending again, another outcome (litigation guidance, a referral) shown as it
# is; and the consultation follows its record to another handling organisation.


def _edit(w, consultation, **changes) -> dict:
    record = consultation.record
    data = {
        "served_on": record.served_on.isoformat(), "organization": record.organization_id,
        "channel": record.channel, "matter_kind": record.matter_kind,
        "person_name": record.person_name, "person_phone": record.masked_phone,
        "summary": record.summary, "outcome": record.outcome,
    }  # fmt: skip
    data.update(changes)
    return data


def _read(sms, consultation) -> str:
    """The person's page under the tracking code, after the SMS code."""
    from django.test import Client

    reader = Client()
    data = {"tracking_code": consultation.tracking_code, "phone": PHONE}
    reader.post(LOOKUP, {**data, "action": "send_code"})
    reader.post(LOOKUP, {**data, "action": "view", "code": last_code(sms)})
    return reader.get(f"{LOOKUP}{consultation.tracking_code}/").content.decode()


def test_the_record_form_does_not_mark_a_consultation_answered_without_the_answer(
        ls, client, sms, login):  # fmt: skip
    consultation = _filed(client, sms)
    staff = login(ls.office_haizhu)
    url = f"/legalservice/records/{consultation.record_id}/edit/"
    response = staff.post(url, _edit(ls, consultation, outcome="answered"))
    assert response.status_code == 200 and "outcome" in response.context["form"].errors
    consultation.refresh_from_db()
    assert consultation.record.outcome == "pending" and not consultation.is_answered
    assert 'id="qa-pending"' in _read(sms, consultation)


def test_an_outcome_given_on_the_record_form_is_what_the_person_reads(ls, client, sms, login):
    """Handled by litigation guidance on the record form: the person reads that outcome, not
    "not answered yet", and the consultation leaves the staff's queue of pending ones."""
    from django.utils.translation import gettext

    from legalservice.choices import ServiceOutcome

    consultation = _filed(client, sms)
    staff = login(ls.office_haizhu)
    url = f"/legalservice/records/{consultation.record_id}/edit/"
    response = staff.post(url, _edit(ls, consultation, outcome="litigation_guidance",
                                     summary="已告知向人民法院起诉。"))  # fmt: skip
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.record.outcome == "litigation_guidance"
    assert consultation.question == QUESTION  # the person's own words stay
    page = _read(sms, consultation)
    assert 'id="qa-handled"' in page and 'id="qa-pending"' not in page
    assert gettext(ServiceOutcome.LITIGATION_GUIDANCE.label) in page
    queue = staff.get("/legalservice/qa/consultations/?state=pending").content.decode()
    assert consultation.tracking_code not in queue
    assert consultation.tracking_code in staff.get(
        "/legalservice/qa/consultations/?state=all").content.decode()  # fmt: skip


def test_an_answered_consultation_is_not_pending_again(ls, client, sms):
    from core.errors import InvalidInput
    from legalservice import qa_services, services

    consultation = _filed(client, sms)
    qa_services.consultation_answer(actor=ls.office_haizhu, consultation=consultation,
                                    answer="可以向劳动保障监察机构投诉。")  # fmt: skip
    record = ServiceRecord.objects.get(pk=consultation.record_id)
    with pytest.raises(InvalidInput) as refused:
        services.record_update(actor=ls.office_haizhu, record=record,
                               data=_edit(ls, consultation, outcome="pending"))  # fmt: skip
    assert list(refused.value.fields) == ["outcome"]
    assert ServiceRecord.objects.get(pk=record.pk).outcome == "answered"
    # Another outcome beside the answer is the staff's to record; the answer still shows.
    services.record_update(actor=ls.office_haizhu, record=record,
                           data=_edit(ls, consultation, outcome="litigation_guidance"))  # fmt: skip
    assert "可以向劳动保障监察机构投诉。" in _read(sms, consultation)


def test_pending_is_only_a_consultations_outcome(ls):
    from core.errors import InvalidInput
    from legalservice import services
    from legalservice.tests.conftest import record as given

    saved = given(ls)
    data = {"served_on": saved.served_on.isoformat(), "organization": saved.organization_id,
            "channel": saved.channel, "matter_kind": saved.matter_kind,
            "summary": saved.summary, "outcome": "pending"}  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        services.record_update(actor=ls.office_haizhu, record=saved, data=data)
    assert list(refused.value.fields) == ["outcome"]


def test_the_consultation_follows_its_record_to_another_unit(ls, client, sms, login):
    """Moved on the record form from 赤岗街道司法所 to 海珠区司法局: the consultation is the
    bureau's to list and answer, as if it had been asked there."""
    from legalservice import qa_services, services

    consultation = _filed(client, sms)
    record = ServiceRecord.objects.get(pk=consultation.record_id)
    services.record_update(actor=ls.clerk_haizhu, record=record,
                           data=_edit(ls, consultation, organization=ls.haizhu_bureau.pk))  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.record.organization == ls.haizhu_bureau
    assert consultation.region_code == ls.haizhu_bureau.region_id == record.region_code
    assert not qa_services.can_answer(ls.office_haizhu, consultation)
    assert qa_services.can_answer(ls.clerk_haizhu, consultation)
