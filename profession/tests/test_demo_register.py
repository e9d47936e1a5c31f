"""The demo's register at scale "city" (profession.demo._register), calibrated on the samples:
广州 838 law firms and 17,000 lawyers city-wide, 白云 53 firms and 512 lawyers; the firms and
lawyers legal aid's demo wrote are kept and counted. Built on the core demo world at scale
"city" with the holiday calendar only (legal aid's register stood in for by two lawyers in each
of 海珠's firms), the clock stopped on the test day; the small scale adds no firm and no lawyer."""

from __future__ import annotations

import datetime
import random

import pytest
import time_machine
from django.db.models import F

from conftest import frozen_today, moved_now
from core import demo
from core.models import Lawyer, Organization, OrganizationKind
from profession import demo as profession_demo

TODAY = frozen_today()
NOW = moved_now()
pytestmark = pytest.mark.django_db


def _world(scale: str):
    with time_machine.travel(NOW, tick=False):
        chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(demo, "_BUILDERS", chosen)
            world = demo.build(seed=11, scale=scale, today=TODAY)
        for firm in Organization.objects.filter(kind=OrganizationKind.LAW_FIRM,
                                                region_id="440105000000"):  # fmt: skip
            for i in range(2):
                Lawyer.objects.create(name=f"演示律师{firm.pk}{i}", organization=firm,
                                      licence_number=f"1440120001{firm.pk:04d}{i:03d}",
                                      licensed_on=datetime.date(2012, 1, 1))  # fmt: skip
    return world


def _count(prefix: str) -> tuple[int, int]:
    firms = Organization.objects.filter(kind=OrganizationKind.LAW_FIRM,
                                        region__code__startswith=prefix).count()  # fmt: skip
    return firms, Lawyer.objects.filter(region_code__startswith=prefix).count()


def test_the_city_scale_register_reaches_the_samples():
    world = _world("city")
    before_haizhu = set(Lawyer.objects.filter(region_code__startswith="440105").values_list(
        "pk", flat=True))  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        profession_demo._register(world, random.Random(84))
    assert _count("4401") == (838, 17_000)
    assert _count("440111") == (53, 512)
    # The districts the samples do not give share the rest; 天河 holds the most.
    districts = {code: _count(code[:6]) for code in profession_demo.DISTRICT_WEIGHTS}
    assert max(districts, key=lambda c: districts[c][1]) == "440106000000"
    assert all(firms >= 1 and lawyers >= firms for firms, lawyers in districts.values())
    # Legal aid's lawyers are kept; every new lawyer belongs to a new firm of their district
    # and has a certificate number of their own.
    assert before_haizhu <= set(Lawyer.objects.values_list("pk", flat=True))
    lawyers = Lawyer.objects.all()
    assert lawyers.values("licence_number").distinct().count() == lawyers.count()
    assert not lawyers.exclude(region_code=F("organization__region_id")).exists()


def test_the_small_scale_adds_no_firm_and_no_lawyer():
    world = _world("small")
    before = _count("4401")
    profession_demo._register(world, random.Random(84))
    assert _count("4401") == before
