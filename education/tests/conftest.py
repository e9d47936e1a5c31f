"""The education test world: the shared world with its agencies (conftest.py at the root), two
villages (one in 海珠's 赤岗街道, one in 白云's 景泰街道) and helpers writing through the real
services. Section staff: clerk_haizhu (440105), clerk_baiyun (440111); leader_gz reads the
city; agency_haizhu is the handler of 海珠区市场监督管理局; office_haizhu is 赤岗街道司法所."""

from __future__ import annotations

import datetime

import pytest

from core.models import Region
from core.regions import RegionLevel
from education import services

D = datetime.date


def village(code: str, name: str) -> Region:
    parent = Region.objects.get(code=code[:9] + "000")
    return Region.objects.create(
        code=code, name=name, level=RegionLevel.VILLAGE, parent=parent, prefix=code
    )  # fmt: skip  (a village's prefix is its code)


def activity_data(organizer, **overrides) -> dict:
    data = {
        "held_on": D(2025, 12, 4), "place": "赤岗街道文化广场", "organizer": organizer,
        "topic": "宪法进社区", "form": "constitution_week", "audience": "public",
        "people_reached": 120, "materials_distributed": 300, "online_views": 0,
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def edu(agencies):
    w = agencies
    w.village_haizhu = village("440105001001", "赤岗社区")
    w.village_baiyun = village("440111004001", "景泰社区")
    w.activity_haizhu = services.activity_record(
        actor=w.clerk_haizhu, data=activity_data(w.haizhu_bureau, topic="民法典进社区讲座")
    )
    w.activity_baiyun = services.activity_record(
        actor=w.clerk_baiyun, data=activity_data(w.baiyun_bureau, topic="白云禁毒宣传")
    )
    w.activity_agency = services.activity_record(
        actor=w.agency_haizhu,
        data=activity_data(w.haizhu_agency, topic="食品安全以案释法", form="case_explanation"),
    )
    return w
