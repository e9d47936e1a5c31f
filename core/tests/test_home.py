"""Home pages open on the user's own work and figures, and name no party."""

from __future__ import annotations

import datetime
import re

import pytest

from cases import engine
from cases.models import Clock
from conftest import frozen_today
from indicators.home import home_year
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

PERSONAS = ["clerk_haizhu", "clerk_baiyun", "leader_gz", "office_haizhu", "mediator_haizhu",
            "agency_haizhu"]  # fmt: skip


@pytest.fixture
def disputes(world):
    """One accepted dispute in each district, received early in the year the home page shows;
    Haizhu's deadline has passed, Baiyun's is a month away."""
    day = datetime.date(home_year(frozen_today()), 1, 5).isoformat()
    made = {}
    for key, committee, mediator in (
        ("haizhu", world.haizhu_committee, world.mediator_haizhu),
        ("baiyun", world.baiyun_committee, world.mediator_baiyun),
    ):
        dispute = make_dispute(organization=committee, actor=mediator, received_on=day)
        made[key] = engine.fire(dispute, "accept", actor=mediator, version=1,
                                data={"consent": True, "accepted_on": day})  # fmt: skip
    today = frozen_today()
    Clock.for_case(made["haizhu"]).update(due_date=today - datetime.timedelta(days=1))
    Clock.for_case(made["baiyun"]).update(due_date=today + datetime.timedelta(days=30))
    return made


def _count(body: str, name: str) -> int:
    return int(re.search(rf'data-count="{name}">(\d+)<', body).group(1))


def test_a_leader_home_opens_on_the_jurisdictions_figures_and_work(world, login, disputes):
    body = login(world.leader_gz).get("/").content.decode()
    year = home_year(frozen_today())
    query = f"region=440100000000&amp;year={year}"
    # The figures: received this year in the whole city, linked to the cases behind them.
    received = re.search(r'<a href="([^"]+)" data-figure="mediation.received">([^<]+)</a>', body)
    assert received.group(2) == "2"
    assert received.group(1) == f"/dashboard/figures/mediation.received/cases/?{query}"
    assert f'href="/dashboard/?{query}" id="home-dashboard-link"' in body
    # The work: the city's running deadlines, one of them overdue.
    assert _count(body, "jurisdiction_running") == 2
    assert _count(body, "jurisdiction_overdue") == 1
    # A leader is assigned no case: no tiles of their own work, only the jurisdiction's.
    assert 'data-count="overdue"' not in body and 'data-count="unclaimed"' not in body
    assert body.index('id="home-work"') < body.index('id="home-figures"')
    assert body.index('id="home-figures"') < body.index('data-figure="organizations"')


def test_the_leaders_figure_link_opens_the_same_count(world, login, disputes):
    client = login(world.leader_gz)
    body = client.get("/").content.decode()
    url = re.search(r'<a href="([^"]+)" data-figure="mediation.received">', body).group(1)
    drilldown = client.get(url.replace("&amp;", "&"))
    assert drilldown.status_code == 200
    page = drilldown.content.decode()
    assert disputes["haizhu"].number in page and disputes["baiyun"].number in page


def test_a_district_clerk_sees_only_the_districts_figures(world, login, disputes):
    body = login(world.clerk_baiyun).get("/").content.decode()
    figure = re.search(r'data-figure="mediation.received">([^<]+)<', body)
    assert figure.group(1) == "1"
    assert _count(body, "jurisdiction_overdue") == 0
    assert _count(body, "jurisdiction_running") == 1
    assert _count(body, "unclaimed") == 0 and _count(body, "mine") == 0


def test_a_mediator_home_counts_their_own_work_without_figures(world, login, disputes):
    client = login(world.mediator_haizhu)
    before = client.get("/").content.decode()
    assert _count(before, "unclaimed") == 1 and _count(before, "mine") == 0
    engine.claim(disputes["haizhu"], actor=world.mediator_haizhu,
                 version=disputes["haizhu"].version)  # fmt: skip
    body = client.get("/").content.decode()
    assert 'id="home-figures"' not in body  # no dashboard for a mediator
    assert _count(body, "mine") == 1
    assert _count(body, "overdue") == 1
    assert _count(body, "unclaimed") == 0  # claimed: no longer waiting in the team queue
    assert 'id="home-jurisdiction-deadlines"' not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_home_page_names_a_party(world, login, disputes, persona):
    body = login(getattr(world, persona)).get("/").content.decode()
    names = {p.party.name for d in disputes.values() for p in d.dispute_parties.all()}
    names |= {world.party_haizhu.name, world.party_street.name, world.party_baiyun.name,
              world.party_agency.name}  # fmt: skip
    for name in names:
        assert name not in body, (persona, name)
    assert 'id="home-work"' in body
