"""The register of service points through its pages: created, listed, changed within the
jurisdiction; another district's user neither sees nor changes it; bad input is refused beside
its field in Chinese, nothing written."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from legalservice.models import ServicePoint
from legalservice.tests.conftest import point

pytestmark = pytest.mark.django_db


def _form(w, **extra):
    data = {
        "name": "赤岗街道公共法律服务工作站", "level": "station", "region": w.street.code,
        "organization": w.haizhu_office.pk, "address": "赤岗路1号", "hours": "9:00—17:30",
        "phone": "020-84000000", "services": ["consultation", "legal_aid_intake"],
        "is_active": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def test_office_staff_register_a_station_and_find_it_in_their_list(ls, login):
    client = login(ls.office_haizhu)
    response = client.post("/legalservice/points/new/", _form(ls))
    assert response.status_code == 302
    created = ServicePoint.objects.get()
    assert (created.level, created.region_id, created.services) == (
        "station", "440105001000", ["consultation", "legal_aid_intake"])  # fmt: skip
    body = client.get("/legalservice/points/").content.decode()
    assert created.name in body
    assert client.get(f"/legalservice/points/{created.pk}/").status_code == 200


def test_a_resubmitted_form_registers_one_point(ls, login):
    client = login(ls.office_haizhu)
    page = client.get("/legalservice/points/new/").content.decode()
    import re

    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    for _i in range(2):
        client.post("/legalservice/points/new/", _form(ls, submission_key=key))
    assert ServicePoint.objects.count() == 1


def test_office_staff_change_their_point(ls, login):
    created = point(ls)
    client = login(ls.office_haizhu)
    response = client.post(f"/legalservice/points/{created.pk}/edit/",
                           _form(ls, hours="周一至周六 9:00—18:00"))  # fmt: skip
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.hours == "周一至周六 9:00—18:00"


def test_another_districts_user_gets_404_and_an_empty_list(ls, login):
    created = point(ls)
    client = login(ls.clerk_baiyun)
    body = client.get("/legalservice/points/").content.decode()
    assert created.name not in body
    assert client.get(f"/legalservice/points/{created.pk}/").status_code == 404
    response = client.post(f"/legalservice/points/{created.pk}/edit/", _form(ls, name="改名"))
    assert response.status_code == 404
    created.refresh_from_db()
    assert created.name != "改名"


def test_the_leader_reads_but_does_not_change(ls, login):
    created = point(ls)
    client = login(ls.leader_gz)
    assert created.name in client.get("/legalservice/points/").content.decode()
    assert client.get(f"/legalservice/points/{created.pk}/").status_code == 200
    assert client.get(f"/legalservice/points/{created.pk}/edit/").status_code == 403
    assert client.get("/legalservice/points/new/").status_code == 403


def test_a_point_in_another_jurisdiction_is_refused_beside_the_region(ls, login):
    client = login(ls.office_haizhu)
    with translation.override("zh-hans"):
        response = client.post("/legalservice/points/new/",
                               _form(ls, region=ls.baiyun_street.code),
                               HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
        form = response.context["form"]
        assert "region" in form.errors
    assert ServicePoint.objects.count() == 0


def test_the_service_refuses_a_foreign_region_in_chinese_naming_the_field(ls):
    from core.errors import InvalidInput

    with translation.override("zh-hans"), pytest.raises(InvalidInput) as caught:
        point(ls, region=ls.baiyun_street, organization=ls.haizhu_office)
    assert caught.value.fields["region"] == [gettext("This region lies outside your jurisdiction.")]
    assert ServicePoint.objects.count() == 0


def test_a_level_that_does_not_fit_the_region_is_refused(ls, login):
    client = login(ls.clerk_haizhu)
    with translation.override("zh-hans"):
        response = client.post("/legalservice/points/new/",
                               _form(ls, level="office", region=ls.street.code),
                               HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
        expected = gettext("An office serves a village or residents' committee.")
    assert response.status_code == 200
    assert response.context["form"].errors["region"] == [expected]
    assert ServicePoint.objects.count() == 0


def test_missing_services_and_address_are_named(ls, login):
    client = login(ls.office_haizhu)
    data = _form(ls, address="")
    data.pop("services")
    response = client.post("/legalservice/points/new/", data)
    errors = response.context["form"].errors
    assert "address" in errors and "services" in errors
    assert ServicePoint.objects.count() == 0


def test_section_staff_register_the_district_centre(ls, login):
    client = login(ls.clerk_haizhu)
    response = client.post("/legalservice/points/new/", _form(
        ls, name="海珠区公共法律服务中心", level="centre", region=ls.haizhu.code,
        organization=ls.haizhu_bureau.pk))  # fmt: skip
    assert response.status_code == 302
    assert ServicePoint.objects.get().level == "centre"


def test_office_staff_cannot_register_the_district_centre(ls):
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        point(ls, name="海珠区公共法律服务中心", level="centre", region=ls.haizhu,
              organization=ls.haizhu_bureau)  # fmt: skip
    assert set(caught.value.fields) >= {"region", "organization"}


def test_a_closed_point_cannot_stay_active(ls):
    import datetime

    from core.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        point(ls, established_on=datetime.date(2020, 1, 1), closed_on=datetime.date(2025, 1, 1))
    assert "is_active" in caught.value.fields


def test_people_of_other_lines_have_no_point_pages(ls, login):
    for user in (ls.agency_haizhu, ls.mediator_haizhu):
        client = login(user)
        assert client.get("/legalservice/points/").status_code == 403
        assert client.get("/legalservice/points/new/").status_code == 403


def test_the_list_filters_by_a_service_offered(ls, login):
    point(ls, name="只做咨询的工作站", services=["consultation"])
    point(ls, name="受理法援的工作室", level="office", region=ls.villages[0],
          services=["legal_aid_intake"])  # fmt: skip
    client = login(ls.office_haizhu)
    body = client.get("/legalservice/points/", {"service": "legal_aid_intake"}).content.decode()
    assert "受理法援的工作室" in body and "只做咨询的工作站" not in body
