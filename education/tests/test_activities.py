"""Activities: recorded, listed and corrected within the jurisdiction; bad input refused with a
message naming the field, nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.utils.translation import gettext

from conftest import frozen_today
from core.errors import InvalidInput
from education import services
from education.models import EducationActivity
from education.tests.conftest import activity_data

pytestmark = pytest.mark.django_db


def _label(name: str) -> str:
    return str(EducationActivity._meta.get_field(name).verbose_name)


def test_the_list_shows_exactly_the_jurisdiction(edu, login):
    w = edu
    seen = {
        "clerk_haizhu": {"民法典进社区讲座", "食品安全以案释法"},
        "clerk_baiyun": {"白云禁毒宣传"},
        "leader_gz": {"民法典进社区讲座", "食品安全以案释法", "白云禁毒宣传"},
        "agency_haizhu": {"食品安全以案释法"},
    }
    for persona, topics in seen.items():
        body = login(getattr(w, persona)).get("/education/activities/").content.decode()
        for topic in ("民法典进社区讲座", "食品安全以案释法", "白云禁毒宣传"):
            assert (topic in body) == (topic in topics), (persona, topic)


def test_another_districts_activity_answers_404(edu, login):
    w = edu
    client = login(w.clerk_baiyun)
    for suffix in ("", "edit/"):
        response = client.get(f"/education/activities/{w.activity_haizhu.pk}/{suffix}")
        assert response.status_code == 404
    assert client.get(f"/education/activities/{w.activity_baiyun.pk}/").status_code == 200
    response = client.post(f"/education/activities/{w.activity_haizhu.pk}/edit/",
                           {"topic": "改名"})  # fmt: skip
    assert response.status_code == 404
    w.activity_haizhu.refresh_from_db()
    assert w.activity_haizhu.topic == "民法典进社区讲座"


def test_a_mediator_has_no_access(edu, login):
    assert login(edu.mediator_haizhu).get("/education/activities/").status_code == 403


def _post(w, **overrides):
    data = {
        "held_on": "2025-12-04", "organizer": w.haizhu_bureau.pk, "place": "海珠湿地",
        "region": "", "topic": "宪法宣传周", "form": "constitution_week", "audience": "public",
        "people_reached": "80", "materials_distributed": "100", "online_views": "",
        "submission_key": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_a_clerk_records_and_corrects_an_activity_through_the_pages(edu, login):
    w = edu
    client = login(w.clerk_haizhu)
    response = client.post("/education/activities/new/", _post(w, region="440105001001"))
    assert response.status_code == 302
    activity = EducationActivity.objects.get(topic="宪法宣传周")
    assert activity.region_code == "440105001001" and activity.people_reached == 80
    response = client.post(f"/education/activities/{activity.pk}/edit/",
                           _post(w, people_reached="95", region="440105001001"))  # fmt: skip
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.people_reached == 95
    # The other district's clerk cannot record for 海珠's bureau: it is not among the choices.
    other = login(w.clerk_baiyun).post("/education/activities/new/", _post(w, topic="越界"))
    assert other.status_code == 200
    assert not EducationActivity.objects.filter(topic="越界").exists()


def test_an_agency_handler_records_only_for_its_own_agency(edu):
    w = edu
    with pytest.raises(InvalidInput) as exc:
        services.activity_record(actor=w.agency_haizhu, data=activity_data(w.chengguan))
    assert "organizer" in exc.value.fields


@pytest.mark.parametrize(
    ("field", "value"),
    [("people_reached", -5), ("materials_distributed", -1), ("online_views", -30)],
)
def test_a_negative_count_is_refused_naming_the_field(edu, field, value):
    w = edu
    before = EducationActivity.objects.count()
    with pytest.raises(InvalidInput) as exc:
        services.activity_record(actor=w.clerk_haizhu,
                                 data=activity_data(w.haizhu_bureau, **{field: value}))  # fmt: skip
    assert list(exc.value.fields) == [field]
    message = exc.value.fields[field][0]
    assert message == gettext("“%(field)s” cannot be negative.") % {"field": _label(field)}
    assert _label(field) in message
    assert EducationActivity.objects.count() == before


def test_a_future_date_is_refused_naming_the_field(edu):
    w = edu
    tomorrow = frozen_today() + datetime.timedelta(days=1)
    before = EducationActivity.objects.count()
    with pytest.raises(InvalidInput) as exc:
        services.activity_record(actor=w.clerk_haizhu,
                                 data=activity_data(w.haizhu_bureau, held_on=tomorrow))  # fmt: skip
    assert list(exc.value.fields) == ["held_on"]
    assert _label("held_on") in exc.value.fields["held_on"][0]
    assert EducationActivity.objects.count() == before
    # Today itself is fine.
    services.activity_record(actor=w.clerk_haizhu,
                             data=activity_data(w.haizhu_bureau, held_on=frozen_today()))  # fmt: skip


def test_bad_input_on_the_page_stands_beside_the_field_and_writes_nothing(edu, login):
    w = edu
    client = login(w.clerk_haizhu)
    before = EducationActivity.objects.count()
    tomorrow = (frozen_today() + datetime.timedelta(days=1)).isoformat()
    response = client.post("/education/activities/new/",
                           _post(w, people_reached="-3", held_on=tomorrow))  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert _label("people_reached") in form.errors["people_reached"][0]
    assert _label("held_on") in form.errors["held_on"][0]
    assert EducationActivity.objects.count() == before


def test_a_region_outside_the_organisers_jurisdiction_is_refused(edu):
    w = edu
    with pytest.raises(InvalidInput) as exc:
        services.activity_record(actor=w.clerk_haizhu,
                                 data={**activity_data(w.haizhu_bureau), "region": "440111004001"})  # fmt: skip
    assert list(exc.value.fields) == ["region"]


def test_an_office_records_its_streets_activities(edu):
    w = edu
    activity = services.activity_record(actor=w.office_haizhu,
                                        data=activity_data(w.haizhu_office, topic="街道普法"))  # fmt: skip
    assert activity.region_code == w.haizhu_office.region_id
    with pytest.raises(InvalidInput):
        services.activity_record(actor=w.office_haizhu, data=activity_data(w.haizhu_bureau))
