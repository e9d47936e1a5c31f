"""The register of 民主法治示范村（社区）: a village-level region of the jurisdiction, one title
per level, revocation."""

from __future__ import annotations

import datetime

import pytest

from conftest import frozen_today
from core.errors import InvalidInput
from education import services
from education.models import ModelVillage

pytestmark = pytest.mark.django_db
D = datetime.date


def _data(code="440105001001", **overrides):
    data = {"region": code, "level": "provincial", "year_named": 2021, "batch": "第八批"}
    data.update(overrides)
    return data


def test_a_clerk_registers_a_village_of_the_district(edu, login):
    w = edu
    village = services.village_register(actor=w.clerk_haizhu, data=_data())
    assert village.region == w.village_haizhu and village.region_code == "440105001001"
    body = login(w.clerk_haizhu).get("/education/villages/").content.decode()
    assert "赤岗社区" in body
    assert "赤岗社区" not in login(w.clerk_baiyun).get("/education/villages/").content.decode()
    assert login(w.clerk_baiyun).get(f"/education/villages/{village.pk}/edit/").status_code == 404
    assert login(w.agency_haizhu).get("/education/villages/").status_code == 403


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"region": "440111004001"}, "region"),  # another district
        ({"region": "440105001000"}, "region"),  # a street, not a village
        ({"region": "440105001999"}, "region"),  # not in the region table
        ({"level": "county"}, "level"),
        ({"year_named": 1950}, "year_named"),
        ({"revoked_on": "2020-05-01"}, "revoked_on"),  # before it was named
    ],
)
def test_bad_input_is_refused_naming_the_field(edu, overrides, field):
    w = edu
    with pytest.raises(InvalidInput) as exc:
        services.village_register(actor=w.clerk_haizhu, data=_data(**overrides))
    assert list(exc.value.fields) == [field]
    label = str(ModelVillage._meta.get_field(field).verbose_name)
    assert label in exc.value.fields[field][0]
    assert not ModelVillage.objects.exists()


def test_a_revocation_in_the_future_is_refused(edu):
    w = edu
    tomorrow = frozen_today() + datetime.timedelta(days=1)
    with pytest.raises(InvalidInput) as exc:
        services.village_register(actor=w.clerk_haizhu, data=_data(revoked_on=tomorrow))
    assert list(exc.value.fields) == ["revoked_on"]


def test_one_title_per_level_and_revocation_through_the_page(edu, login):
    w = edu
    village = services.village_register(actor=w.clerk_haizhu, data=_data())
    with pytest.raises(InvalidInput) as exc:
        services.village_register(actor=w.clerk_haizhu, data=_data(year_named=2023))
    assert list(exc.value.fields) == ["level"]
    services.village_register(actor=w.clerk_haizhu, data=_data(level="national", year_named=2023))
    response = login(w.clerk_haizhu).post(f"/education/villages/{village.pk}/edit/", {
        **_data(), "revoked_on": "2024-09-01"})  # fmt: skip
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.revoked_on == D(2024, 9, 1)
