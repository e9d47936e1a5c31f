"""The legal aid part of the fixture world (on top of conftest.world):

- haizhu_centre / baiyun_centre: 海珠区 / 白云区法律援助中心 (legal_aid_centre)
- aid_clerk_haizhu / aid_clerk_baiyun: centre staff (section_staff)
- firm_a, firm_b: two Haizhu law firms; lawyers lawyer_a1, lawyer_a2 (firm_a), lawyer_b1
  (firm_b), each with a user account (role lawyer, in their firm) and in the Haizhu pool;
  lawyer_a2 was licensed less than three years before the test day (Art. 26).
"""

from __future__ import annotations

import datetime

import pytest

from conftest import _user, frozen_today
from core.models import Lawyer, Organization, OrganizationKind
from core.roles import Role
from legalaid.models import PoolMember


def _lawyer(name, firm, licence, licensed_on, username):
    user = _user(username, firm, Role.LAWYER)
    return Lawyer.objects.create(
        name=name,
        organization=firm,
        user=user,
        licence_number=licence,
        licensed_on=licensed_on,
    )


@pytest.fixture
def aid_world(world):
    w = world
    today = frozen_today()
    w.haizhu_centre = Organization.objects.create(
        name="海珠区法律援助中心", short_name="海", kind=OrganizationKind.LEGAL_AID_CENTRE,
        region=w.haizhu, parent=w.haizhu_bureau,
    )  # fmt: skip
    w.baiyun_centre = Organization.objects.create(
        name="白云区法律援助中心", short_name="白", kind=OrganizationKind.LEGAL_AID_CENTRE,
        region=w.baiyun, parent=w.baiyun_bureau,
    )  # fmt: skip
    w.aid_clerk_haizhu = _user("aid_clerk_haizhu", w.haizhu_centre, Role.SECTION_STAFF)
    w.aid_clerk_baiyun = _user("aid_clerk_baiyun", w.baiyun_centre, Role.SECTION_STAFF)
    w.firm_a = Organization.objects.create(
        name="广东海珠甲律师事务所", kind=OrganizationKind.LAW_FIRM, region=w.haizhu
    )
    w.firm_b = Organization.objects.create(
        name="广东海珠乙律师事务所", kind=OrganizationKind.LAW_FIRM, region=w.haizhu
    )
    ten_years = today.replace(year=today.year - 10)
    w.lawyer_a1 = _lawyer("陈律师", w.firm_a, "14401200010000001", ten_years, "lawyer_a1")
    w.lawyer_a2 = _lawyer(
        "林律师", w.firm_a, "14401202310000002", today - datetime.timedelta(days=400),
        "lawyer_a2",
    )  # fmt: skip
    w.lawyer_b1 = _lawyer("黄律师", w.firm_b, "14401200510000003", ten_years, "lawyer_b1")
    for lawyer in (w.lawyer_a1, w.lawyer_a2, w.lawyer_b1):
        PoolMember.objects.create(
            centre=w.haizhu_centre, lawyer=lawyer, joined_on=today.replace(year=today.year - 1)
        )
    return w
