"""Services given (服务记录) through their pages: recorded, listed with the phone masked,
changed; a record of another district is not found; bad input — a service point of another
jurisdiction, a date in the future, a wrong phone — refused beside its field, nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.errors import InvalidInput
from legalservice.models import ServiceRecord
from legalservice.tests.conftest import SPRING, point, record

pytestmark = pytest.mark.django_db


def _form(w, **extra):
    data = {
        "served_on": SPRING.isoformat(), "organization": w.haizhu_office.pk,
        "channel": "hotline", "matter_kind": "marriage_family", "person_name": "周七",
        "person_phone": "13800138000", "summary": "离婚后子女抚养费", "outcome": "answered",
    }  # fmt: skip
    data.update(extra)
    return data


def test_office_staff_record_a_hotline_call(ls, login):
    client = login(ls.office_haizhu)
    assert client.get("/legalservice/records/new/").status_code == 200
    response = client.post("/legalservice/records/new/", _form(ls))
    assert response.status_code == 302
    saved = ServiceRecord.objects.get()
    assert (saved.channel, saved.region_code, saved.recorded_by) == (
        "hotline", ls.street.code, ls.office_haizhu)  # fmt: skip


def test_a_record_at_a_point_takes_the_points_region(ls):
    office = point(ls, name="赤岗北社区公共法律服务工作室", level="office", region=ls.villages[0])
    saved = record(ls, service_point=office)
    assert saved.region_code == ls.villages[0].code


def test_the_list_masks_the_phone(ls, login):
    record(ls)
    body = login(ls.clerk_haizhu).get("/legalservice/records/").content.decode()
    assert "138****8000" in body
    assert "13800138000" not in body


def test_another_districts_user_gets_404_and_an_empty_list(ls, login):
    saved = record(ls, person_name="独有的名字")
    client = login(ls.clerk_baiyun)
    assert "独有的名字" not in client.get("/legalservice/records/").content.decode()
    assert client.get(f"/legalservice/records/{saved.pk}/").status_code == 404
    assert client.post(f"/legalservice/records/{saved.pk}/edit/",
                       _form(ls, summary="改了")).status_code == 404  # fmt: skip
    saved.refresh_from_db()
    assert saved.summary != "改了"


def test_office_staff_change_a_record(ls, login):
    saved = record(ls)
    client = login(ls.office_haizhu)
    response = client.post(f"/legalservice/records/{saved.pk}/edit/",
                           _form(ls, outcome="referred_mediation"))  # fmt: skip
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.outcome == "referred_mediation"


def test_a_service_point_of_another_jurisdiction_is_refused_naming_the_field(ls):
    foreign = point(ls, actor=ls.office_baiyun, name="景泰街道公共法律服务工作站",
                    region=ls.baiyun_street, organization=ls.baiyun_office)  # fmt: skip
    with translation.override("zh-hans"), pytest.raises(InvalidInput) as caught:
        record(ls, service_point=foreign)
    assert caught.value.fields["service_point"] == [
        gettext("This service point lies outside your jurisdiction.")
    ]
    assert ServiceRecord.objects.count() == 0


def test_a_foreign_service_point_posted_to_the_page_is_refused_beside_it(ls, login):
    foreign = point(ls, actor=ls.office_baiyun, name="景泰街道公共法律服务工作站",
                    region=ls.baiyun_street, organization=ls.baiyun_office)  # fmt: skip
    client = login(ls.office_haizhu)
    response = client.post("/legalservice/records/new/", _form(ls, service_point=foreign.pk))
    assert response.status_code == 200
    assert "service_point" in response.context["form"].errors
    assert ServiceRecord.objects.count() == 0


def test_an_organisation_of_another_district_is_refused(ls):
    with translation.override("zh-hans"), pytest.raises(InvalidInput) as caught:
        record(ls, organization=ls.baiyun_office)
    assert caught.value.fields["organization"] == [
        gettext("This organisation lies outside your jurisdiction.")
    ]
    assert ServiceRecord.objects.count() == 0


def test_a_future_date_and_a_wrong_phone_are_named(ls, login):
    from conftest import frozen_today

    client = login(ls.office_haizhu)
    future = frozen_today() + datetime.timedelta(days=3)
    with translation.override("zh-hans"):
        response = client.post("/legalservice/records/new/", _form(
            ls, served_on=future.isoformat(), person_phone="12345", summary=""),
            HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
        errors = response.context["form"].errors
        assert errors["served_on"] == [gettext("The date cannot be in the future.")]
    assert "person_phone" in errors and "summary" in errors
    assert ServiceRecord.objects.count() == 0


def test_the_referral_hook_is_empty_until_a_later_slice_fills_it(ls):
    saved = record(ls, outcome="referred_legal_aid")
    assert saved.referred_case is None
    assert saved.referred_case_type_id is None and saved.referred_case_id is None


def test_the_change_log_masks_the_phone(ls):
    from auditlog.models import LogEntry

    saved = record(ls)
    entry = LogEntry.objects.get_for_object(saved).get()
    assert "13800138000" not in str(entry.changes)
    assert entry.actor == ls.office_haizhu


def test_a_record_keeps_its_closed_service_point_when_edited(ls, login):
    """The point a service was given at closes later: the record's edit page still offers it,
    and saving keeps the point and the point's region (nothing moves to the office's region)."""
    office = point(ls, name="赤岗北社区公共法律服务工作室", level="office", region=ls.villages[0])
    saved = record(ls, service_point=office)
    office.is_active = False
    office.save(update_fields=["is_active"])
    client = login(ls.office_haizhu)
    page = client.get(f"/legalservice/records/{saved.pk}/edit/").content.decode()
    assert "赤岗北社区公共法律服务工作室" in page
    response = client.post(f"/legalservice/records/{saved.pk}/edit/",
                           _form(ls, service_point=office.pk, summary="补记"))  # fmt: skip
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.service_point_id, saved.region_code, saved.summary) == (
        office.pk, ls.villages[0].code, "补记")  # fmt: skip
    # A new record is not offered the closed point.
    assert (
        "赤岗北社区公共法律服务工作室"
        not in client.get("/legalservice/records/new/").content.decode()
    )


# -- the person's phone on the edit and referral forms: masked, revealed by a logged action ---


def test_the_edit_page_shows_the_phone_masked_and_keeps_it_when_unchanged(ls, login):
    saved = record(ls)
    client = login(ls.office_haizhu)
    page = client.get(f"/legalservice/records/{saved.pk}/edit/").content.decode()
    assert "13800138000" not in page and "138****8000" in page
    response = client.post(f"/legalservice/records/{saved.pk}/edit/",
                           _form(ls, person_phone="138****8000", summary="补记"))  # fmt: skip
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.person_phone, saved.summary) == ("13800138000", "补记")
    # A number typed over the mask replaces it; a mask of another number is refused.
    client.post(f"/legalservice/records/{saved.pk}/edit/",
                _form(ls, person_phone="13912345678"))  # fmt: skip
    saved.refresh_from_db()
    assert saved.person_phone == "13912345678"
    response = client.post(f"/legalservice/records/{saved.pk}/edit/",
                           _form(ls, person_phone="138****8000"))  # fmt: skip
    assert "person_phone" in response.context["form"].errors
    saved.refresh_from_db()
    assert saved.person_phone == "13912345678"


def test_the_full_phone_is_revealed_by_a_logged_post_to_whom_may_change(ls, login):
    from auditlog.models import LogEntry

    saved = record(ls)
    client = login(ls.office_haizhu)
    detail = client.get(f"/legalservice/records/{saved.pk}/").content.decode()
    assert "13800138000" not in detail and 'data-reveal="phone"' in detail
    url = f"/legalservice/records/{saved.pk}/reveal-phone/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "13800138000" in response.content.decode()
    access = LogEntry.objects.get_for_object(saved).filter(action=LogEntry.Action.ACCESS).get()
    assert (access.actor, access.additional_data) == (
        ls.office_haizhu, {"revealed_field": "person_phone"})  # fmt: skip
    # The leader reads the record but may not change it: no button, no number, no log row.
    leader = login(ls.leader_gz)
    assert 'data-reveal="phone"' not in leader.get(
        f"/legalservice/records/{saved.pk}/").content.decode()  # fmt: skip
    assert "13800138000" not in leader.post(url, follow=True).content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == 1
