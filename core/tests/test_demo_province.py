"""`fazhi demo --scale province`: ten cities of 广东 under a 广东省司法厅, each with its leader,
at a reduced volume (the real one, ~92,000 disputes a year per city, is for the benchmarks)."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from core import demo
from core.models import Organization, OrganizationKind, Region, User
from mediation import demo as mediation_demo
from mediation.models import Dispute

TODAY = datetime.date(2026, 11, 22)
pytestmark = [
    pytest.mark.heavy,
    pytest.mark.django_db,
    pytest.mark.time_machine(datetime.datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai"))),
]
PER_CITY = 60  # disputes a year per city in these tests


@pytest.fixture
def province(regions, monkeypatch):
    monkeypatch.setitem(mediation_demo.PER_YEAR, "province", PER_CITY)
    # Legal aid's demo at province scale would build ~690,000 cases; a few per city here.
    from legalaid import demo as legalaid_demo
    from legality import demo as legality_demo
    from litigation import demo as litigation_demo
    from reconsideration import demo as reconsideration_demo

    monkeypatch.setitem(legalaid_demo.PER_YEAR, "province", 20)
    monkeypatch.setitem(legalaid_demo.LAWYERS_PER_FIRM, "province", 3)
    monkeypatch.setitem(legalaid_demo.FIRMS_PER_DISTRICT, "province", 1)
    monkeypatch.setitem(reconsideration_demo.PER_YEAR, "province", 20)
    monkeypatch.setitem(litigation_demo.PER_YEAR, "province", 20)
    monkeypatch.setitem(legality_demo.PER_YEAR, "province", 20)
    # Enforcement (imported here so that its builder is registered until enforcement.apps does).
    from enforcement import demo as enforcement_demo

    monkeypatch.setitem(enforcement_demo.PER_YEAR, "province", 200)
    monkeypatch.setitem(enforcement_demo.OFFICERS, "province", 3)
    return demo.build(seed=4, scale="province", today=TODAY)


def test_the_province_has_ten_cities_under_the_provincial_department_each_with_a_leader(
    province,
):
    department = Organization.objects.get(name="广东省司法厅")
    assert department.region_id == demo.PROVINCE_CODE
    city_bureaus = Organization.objects.filter(
        kind=OrganizationKind.JUSTICE_BUREAU, region__level=2
    )
    assert sorted(city_bureaus.values_list("region_id", flat=True)) == sorted(
        c.code for c in demo.CITIES
    )
    assert set(city_bureaus.values_list("parent_id", flat=True)) == {department.pk}
    # Every street of every city has its justice office and its people's mediation committee.
    for city in demo.CITIES:
        streets = Region.objects.filter(level=4, code__startswith=city.code[:4]).count()
        assert streets >= 30, city
        offices = Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_OFFICE, region__code__startswith=city.code[:4]
        )
        assert offices.count() == streets, city
    assert Organization.objects.filter(name="乐昌市司法局", parent__name="韶关市司法局").exists()
    assert Organization.objects.get(name="深圳市南山区司法局").phone.startswith("0755-")
    # The logins printed: 广州's, a leader per other city, and one for the province.
    logins = {username for username, _role, _org in province.logins}
    assert set(demo.demo_usernames()) <= logins
    assert {"gd_leader", "sg_leader", "zq_leader"} <= logins
    assert User.objects.get(username="gd_leader").primary_membership.organization == department


def test_every_city_has_disputes_at_its_volume_and_its_leader_sees_only_it(province):
    per_city = Counter(
        code[:4]
        for code in Dispute.objects.filter(received_at__year=2025).values_list(
            "region_code", flat=True
        )
    )
    assert set(per_city) == {c.code[:4] for c in demo.CITIES}
    assert all(0.8 * PER_CITY <= n <= 1.25 * PER_CITY for n in per_city.values()), per_city
    # The committees' short names carry their city's one-character name.
    assert Organization.objects.filter(
        kind=OrganizationKind.MEDIATION_COMMITTEE, region__code__startswith="4405",
        short_name__startswith="汕",
    ).exists()  # fmt: skip

    everything = Dispute.objects.count()
    assert Dispute.objects.restrict(User.objects.get(username="gd_leader")).count() == everything
    for city in demo.CITIES[1:]:
        leader = User.objects.get(username=f"{city.slug}_leader")
        seen = Dispute.objects.restrict(leader).values_list("region_code", flat=True)
        assert seen and {code[:4] for code in seen} == {city.code[:4]}
    gz = Dispute.objects.restrict(User.objects.get(username="gz_leader"))
    assert 0 < gz.count() < everything
