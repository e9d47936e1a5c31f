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
