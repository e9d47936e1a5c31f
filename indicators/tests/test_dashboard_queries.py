"""The dashboard asks the database a fixed number of questions, however many child regions,
months and cases lie below the region shown (issue 11): rows in 2 districts or in 5, a city or
a district, the same count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import engine
from conftest import frozen_today
from core.models import Membership, Organization, OrganizationKind, Region, User
from core.roles import Role
from indicators import grouped
from indicators.registry import registry
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

YEAR = frozen_today().year  # the dashboard's default year (the test day is past May)
# A street in each of five districts of 广州.
STREETS = ("440105001000", "440111004000", "440103001000", "440104001000", "440106001000")
# What a dashboard request reads: the request's own (session, user, memberships, unread
# notifications; from 1 October the calendar banner's check of next year), the region, the
# regions above it (one query), its children, the dispute-type breakdown (the roll-ups, one
# GROUP BY), deadline health by line, the tiles with the trend (the roll-ups, and one UNION ALL
# of every model's grouped statement: indicators.grouped.BATCHED) and the ranking (the
# roll-ups, one UNION ALL): 14 on 10 June, 15 with the banner, 16 in late December when next
# year's calendar is looked up as well (the late-December CI pass). Whatever the number of
# business lines and models: one statement per model took 39 with the 26 models of nine lines
# (19 with mediation's five alone).
CEILING = 16


def district_rows(street: str, disputes: int) -> None:
    """A committee with its mediator in `street`, and `disputes` disputes received there this
    year and last year, accepted (a running clock each), half of them concluded."""
    committee = Organization.objects.create(
        name=f"{street}人民调解委员会",
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code=street),
    )
    mediator = User.objects.create_user(username=f"m{street}", password="x", full_name="调解员")
    Membership.objects.create(user=mediator, organization=committee, role=Role.MEDIATOR)
    for n in range(disputes):
        received = datetime.date(YEAR - n % 2, 1 + n % 5, 3 + n)
        dispute = make_dispute(organization=committee, actor=mediator,
                               received_on=received.isoformat(),
                               dispute_type=("neighbour", "marriage_family")[n % 2])  # fmt: skip
        dispute = engine.fire(dispute, "accept", actor=mediator, version=dispute.version,
                              data={"consent": True, "accepted_on": received})  # fmt: skip
        if n % 2:
            engine.fire(dispute, "fail", actor=mediator, version=dispute.version,
                        data={"reason": "分歧大", "routes_told": ["litigation"],
                              "decided_on": received + datetime.timedelta(days=5)})  # fmt: skip


def dashboard_queries(client, **params) -> tuple[int, object]:
    client.get(reverse("indicators:dashboard"), params)  # caches filled (content types, …)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("indicators:dashboard"), params)
    assert response.status_code == 200
    return len(queries), response


def test_the_dashboard_asks_as_much_for_two_districts_as_for_five(client, world):
    client.force_login(world.leader_gz)
    for street in STREETS[:2]:
        district_rows(street, 3)
    two, response = dashboard_queries(client)
    ranked = {r["code"][:6] for r in response.context["ranking"] if r["mediation.received"]}
    assert ranked == {"440105", "440111"}
    for street in STREETS[2:]:
        district_rows(street, 6)
    five, response = dashboard_queries(client)
    ranked = {r["code"][:6] for r in response.context["ranking"] if r["mediation.received"]}
    assert ranked == {s[:6] for s in STREETS}
    assert five == two <= CEILING
    tiles = {t.key: t for t in response.context["tiles"]}
    # This year to the test day: 2 + 2 disputes in the first two districts, 3 in each of the others.
    assert tiles["mediation.received"].value == 2 + 2 + 3 * 3
    assert sum(r["value"] for r in response.context["by_type"]) == 13
    trend = next(s for s in response.context["trend"]["series"] if s["key"] == "mediation.received")
    assert sum(trend["data"]) == 13


def test_a_district_and_its_city_take_the_same_queries(client, world):
    client.force_login(world.leader_gz)
    for street in STREETS:
        district_rows(street, 2)
    city, _response = dashboard_queries(client)
    district, response = dashboard_queries(client, region="440105000000")
    assert city == district <= CEILING
    assert [a.code for a in response.context["ancestors"]] == ["440100000000"]
    assert response.context["region"].full_name == "广东省广州市海珠区"


def test_every_tile_links_to_as_many_cases_as_it_shows(client, world):
    """The tiles, now computed with the trend in one evaluation, still equal their lists."""
    client.force_login(world.leader_gz)
    for street in STREETS[:3]:
        district_rows(street, 4)
    _count, response = dashboard_queries(client)
    for tile in response.context["tiles"]:
        indicator = registry.get(tile.key)
        if not tile.drillable:
            continue
        drill = client.get(reverse("indicators:drilldown", args=[tile.key]))
        counted = tile.numerator if indicator.kind == "ratio" else tile.value
        assert drill.context["total"] == drill.context["counted"] == counted, tile.key


def _models(indicators) -> set:
    return {(m.model, m.region) for i in indicators for m in i.measures()}


def test_every_line_registered_takes_as_many_queries_as_one(client, world, monkeypatch):
    """A business line's models add no query to the dashboard (indicators.grouped.BATCHED):
    their tiles are more terms of the one statement that computes mediation's."""
    client.force_login(world.leader_gz)
    for street in STREETS[:2]:
        district_rows(street, 2)
    every_line, _response = dashboard_queries(client)
    everything = dict(registry._items)
    mediation = {k: i for k, i in everything.items() if k.split(".")[0] in ("mediation", "cases")}
    monkeypatch.setattr(registry, "_items", mediation)
    one_line, response = dashboard_queries(client)
    assert len(response.context["tiles"]) == len(mediation) < len(everything)
    assert one_line == every_line <= CEILING
    # Model by model, each model of the other lines was one statement more.
    monkeypatch.setattr(grouped, "BATCHED", False)
    one_line_before = dashboard_queries(client)[0]
    monkeypatch.setattr(registry, "_items", everything)
    every_line_before = dashboard_queries(client)[0]
    added = len(_models(everything.values())) - len(_models(mediation.values()))
    assert every_line_before - one_line_before == added > 15
