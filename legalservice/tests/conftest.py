"""The public legal services test world: the shared fixture world (conftest.py at the root)
plus four villages under 海珠's 赤岗街道 (440105001001–004) and two under 白云's 景泰街道
(440111004001–002), a 海珠 law firm with two lawyers and a 白云 firm with one, a 白云 justice
office with its staff, and helpers that write through the real services.

Personas: clerk_haizhu (section staff, 440105), office_haizhu (justice office staff, 赤岗街道
440105001), clerk_baiyun (section staff, 440111), office_baiyun (景泰街道 440111004),
leader_gz (reads 4401), agency_haizhu and mediator_haizhu (nothing of this line)."""

from __future__ import annotations

import datetime

import pytest

from core.models import Lawyer, Membership, Organization, OrganizationKind, Region, User
from core.regions import RegionLevel
from core.roles import Role
from legalservice import services

D = datetime.date
# Past days whatever the test day (10 June or 28 December 2026).
SPRING = D(2026, 3, 2)
SINCE = D(2025, 1, 1)


def village(code: str, name: str) -> Region:
    return Region.objects.create(code=code, name=name, level=RegionLevel.VILLAGE,
                                 parent_id=code[:9] + "000", prefix=code)  # fmt: skip


@pytest.fixture
def ls(world):
    w = world
    w.villages = [
        village("440105001001", "赤岗北社区"),
        village("440105001002", "赤岗南社区"),
        village("440105001003", "江海社区"),
        village("440105001004", "珠江帝景社区"),
    ]
    w.baiyun_street = Region.objects.get(code="440111004000")
    w.baiyun_villages = [village("440111004001", "景泰社区"), village("440111004002", "横窖社区")]
    w.baiyun_office = Organization.objects.create(
        name="景泰街道司法所", kind=OrganizationKind.JUSTICE_OFFICE, region=w.baiyun_street,
        parent=w.baiyun_bureau,
    )  # fmt: skip
    user = User.objects.create_user("office_baiyun", password="Testing2026pass")
    Membership.objects.create(user=user, organization=w.baiyun_office, role=Role.OFFICE_STAFF)
    w.office_baiyun = user
    firm = Organization.objects.create(name="广东海珠律师事务所", kind=OrganizationKind.LAW_FIRM,
                                       region=w.haizhu)  # fmt: skip
    baiyun_firm = Organization.objects.create(
        name="广东白云律师事务所", kind=OrganizationKind.LAW_FIRM, region=w.baiyun
    )
    w.lawyer_a = Lawyer.objects.create(name="陈律师", organization=firm,
                                       licence_number="14401200010000001", licensed_on=D(2015, 1, 5))  # fmt: skip
    w.lawyer_b = Lawyer.objects.create(name="林律师", organization=firm,
                                       licence_number="14401200010000002", licensed_on=D(2018, 7, 1))  # fmt: skip
    w.lawyer_baiyun = Lawyer.objects.create(
        name="黄律师", organization=baiyun_firm, licence_number="14401200010000003",
        licensed_on=D(2016, 3, 1),
    )  # fmt: skip
    return w


def point(w, *, actor=None, name="赤岗街道公共法律服务工作站", level="station", region=None,
          organization=None, **extra):  # fmt: skip
    data = {
        "name": name, "level": level, "region": region or w.street,
        "organization": organization or w.haizhu_office, "address": "赤岗路1号",
        "hours": "周一至周五 9:00—17:30", "phone": "020-84000000",
        "services": ["consultation", "mediation_intake"], "is_active": True,
    }  # fmt: skip
    data.update(extra)
    return services.point_register(actor=actor or w.office_haizhu, data=data)


def record(w, *, actor=None, served_on=SPRING, **extra):
    data = {
        "served_on": served_on, "organization": w.haizhu_office, "channel": "window",
        "matter_kind": "labour", "person_name": "周七", "person_phone": "13800138000",
        "summary": "拖欠工资如何维权", "outcome": "answered",
    }  # fmt: skip
    data.update(extra)
    return services.record_create(actor=actor or w.office_haizhu, data=data)


def adviser(w, village_region, lawyer, *, actor=None, started_on=SINCE, ended_on=None):
    return services.adviser_appoint(actor=actor or w.office_haizhu, data={
        "village": village_region, "lawyer": lawyer, "started_on": started_on,
        "ended_on": ended_on,
    })  # fmt: skip
