"""The service network on the public portal: only active, open points, by district then by
street, with what a point publishes and nothing of the records; no login; a card on the
portal's home page."""

from __future__ import annotations

import datetime

import pytest

from legalservice.tests.conftest import point, record

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def network(ls):
    w = ls
    w.centre = point(w, name="海珠区公共法律服务中心", level="centre", region=w.haizhu,
                     organization=w.haizhu_bureau, actor=w.clerk_haizhu)  # fmt: skip
    w.station = point(w)
    w.office = point(w, name="赤岗北社区公共法律服务工作室", level="office", region=w.villages[0])
    w.inactive = point(w, name="已停用的工作室", level="office", region=w.villages[1],
                       is_active=False)  # fmt: skip
    w.closed = point(w, name="已关闭的工作室", level="office", region=w.villages[2],
                     is_active=False, established_on=D(2020, 1, 1), closed_on=D(2025, 12, 31))  # fmt: skip
    w.baiyun_station = point(w, name="景泰街道公共法律服务工作站", region=w.baiyun_street,
                             organization=w.baiyun_office, actor=w.office_baiyun)  # fmt: skip
    record(w, service_point=w.station, person_name="不应公开的人")
    return w


def test_only_active_points_are_listed_grouped_by_district_and_street(network, client):
    response = client.get("/legalservice/public/points/")
    assert response.status_code == 200
    groups = response.context["groups"]
    shape = [(g.code, [p.name for p in g.centres],
              [(s.code, [p.name for p in s.points]) for s in g.streets]) for g in groups]  # fmt: skip
    assert shape == [
        ("440105000000", ["海珠区公共法律服务中心"],
         [("440105001000", ["赤岗街道公共法律服务工作站", "赤岗北社区公共法律服务工作室"])]),
        ("440111000000", [], [("440111004000", ["景泰街道公共法律服务工作站"])]),
    ]  # fmt: skip
    body = response.content.decode()
    assert "已停用的工作室" not in body and "已关闭的工作室" not in body
    assert "赤岗街道" in body and "景泰街道" in body
    assert "不应公开的人" not in body and "13800138000" not in body


def test_a_district_narrows_the_list(network, client):
    body = client.get("/legalservice/public/points/", {"district": "440111"}).content.decode()
    assert "景泰街道公共法律服务工作站" in body
    assert "赤岗街道公共法律服务工作站" not in body


def test_a_bad_district_shows_everything_without_error(network, client):
    response = client.get("/legalservice/public/points/", {"district": "x'; --"})
    assert response.status_code == 200
    assert len(response.context["groups"]) == 2


def test_the_portal_home_links_to_the_list(ls, client):
    body = client.get("/portal/").content.decode()
    assert "/legalservice/public/points/" in body


def _district_codes(response):
    return [r.code for r in response.context["districts"]]


def test_only_the_served_regions_points_are_listed(network, client, settings):
    """An installation serving 海珠 alone (FAZHI_PORTAL_REGIONS) shows neither 白云's station
    nor 白云 among the districts, even when 白云 is asked for."""
    settings.FAZHI_PORTAL_REGIONS = ["440105"]
    response = client.get("/legalservice/public/points/")
    assert [g.code for g in response.context["groups"]] == ["440105000000"]
    assert _district_codes(response) == ["440105000000"]
    response = client.get("/legalservice/public/points/", {"district": "440111"})
    assert response.context["groups"] == []
    assert "景泰街道公共法律服务工作站" not in response.content.decode()


def test_points_not_standing_today_are_neither_listed_nor_offered_as_a_district(network, client):
    """景泰街道's station is run by an office dissolved last year, and the only other 白云
    point opens next year: 白云 has no point today, so it is neither listed nor offered."""
    from conftest import frozen_today

    today = frozen_today()
    network.baiyun_office.is_active = False
    network.baiyun_office.dissolved_on = D(today.year - 1, 12, 1)
    network.baiyun_office.save(update_fields=["is_active", "dissolved_on"])
    point(network, name="景泰街道未来工作站", region=network.baiyun_street,
          organization=network.baiyun_bureau, actor=network.clerk_baiyun,
          established_on=D(today.year + 1, 1, 1))  # fmt: skip
    response = client.get("/legalservice/public/points/")
    assert [g.code for g in response.context["groups"]] == ["440105000000"]
    assert _district_codes(response) == ["440105000000"]
    body = client.get("/legalservice/public/points/", {"district": "440111"}).content.decode()
    assert "景泰街道公共法律服务工作站" not in body and "景泰街道未来工作站" not in body


def test_a_district_shows_its_streets_and_villages_points(network, client):
    response = client.get("/legalservice/public/points/", {"district": "440105000000"})
    (group,) = response.context["groups"]
    assert [p.name for p in group.centres] == ["海珠区公共法律服务中心"]
    assert [(s.code, [p.name for p in s.points]) for s in group.streets] == [
        ("440105001000", ["赤岗街道公共法律服务工作站", "赤岗北社区公共法律服务工作室"])
    ]
