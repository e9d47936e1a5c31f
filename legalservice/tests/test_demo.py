"""The demo's public legal services (legalservice.demo): a centre in every district, a station
in every street, services over three years growing year on year, check-ups by the demo's
lawyers, and the line's figures equal to the rows written. Called directly on a world built
with the core demo and the holiday calendar only, on the test day, the clock stopped there."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import transaction

from conftest import frozen_today, moved_now
from core import demo
from core.models import Lawyer, Organization, OrganizationKind
from indicators.registry import Period, registry
from legalservice import demo as legalservice_demo
from legalservice.models import EnterpriseCheckup, ServicePoint, ServiceRecord

TODAY = frozen_today()
NOW = moved_now()
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(demo, "_BUILDERS", chosen)
                world = demo.build(seed=11, today=TODAY)
            firm = Organization.objects.create(name="演示海珠律师事务所",
                                               kind=OrganizationKind.LAW_FIRM,
                                               region_id="440105000000")  # fmt: skip
            Lawyer.objects.create(name="演示律师", organization=firm,
                                  licence_number="14401200019999999",
                                  licensed_on=datetime.date(2012, 1, 1))  # fmt: skip
            legalservice_demo.build(world)
        yield world
        transaction.set_rollback(True)


def test_a_centre_per_district_and_a_station_per_street(built):
    centres = ServicePoint.objects.filter(level="centre")
    stations = ServicePoint.objects.filter(level="station")
    assert centres.count() >= 11  # 广州's eleven districts
    assert stations.count() == len(built.offices)
    assert all(p.region_id[:6] + "000000" == p.organization.region_id for p in centres)


def test_services_grow_year_on_year_and_match_the_figure(built):
    years = [TODAY.year - 2, TODAY.year - 1]
    counts = [ServiceRecord.objects.filter(served_on__year=y).count() for y in years]
    assert 0 < counts[0] < counts[1]
    indicator = registry.get("legalservice.services")
    figure = indicator.compute("4401", Period.year(years[1]))
    assert figure.value == counts[1]
    channels = indicator.breakdowns["channel"]("4401", Period.year(years[1]))
    assert len(channels) == 3
    referrals = registry.get("legalservice.referrals").compute("4401", Period.year(years[1]))
    assert 0 < referrals.value < figure.value


def test_check_ups_only_where_a_lawyer_practises(built):
    rows = EnterpriseCheckup.objects.all()
    assert rows.exists()
    assert set(rows.values_list("region_code", flat=True)) <= {
        c for c in built.bureaus if c.startswith("4401")}  # fmt: skip
