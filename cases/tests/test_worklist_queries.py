""" "My work" asks the database a fixed number of questions, however many cases a person holds
and however many organisations lie in the jurisdiction (issue 11): 2 or 5 of each, the same
count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import engine
from conftest import frozen_today
from core.models import Membership, Organization, OrganizationKind, Region, User
from core.roles import Role
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

TODAY = frozen_today()
# A mediation has one month: accepted 70 days ago it is overdue; accepted 25 days ago it is
# due within days (DUE_SOON_DAYS is set wide enough for a holiday to move the last day).
OVERDUE_FROM = TODAY - datetime.timedelta(days=70)
DUE_SOON_FROM = TODAY - datetime.timedelta(days=25)
DUE_SOON_DAYS = 15
# Session, user, memberships; per case model the cases assigned and the team's unclaimed;
# the running clocks due soon and those overdue, each with one query per case model for
# their cases; unread notifications; and for the roles that oversee a jurisdiction, deadline
# health by organisation (one GROUP BY). 10 for a mediator with deadlines of both kinds; a
# user who sees a second case model (justice-office staff: disputes and legal aid) adds its
# assigned/unclaimed reads.
CEILING = 12


def accepted(committee, mediator, on: datetime.date, *, claim: bool):
    dispute = make_dispute(organization=committee, actor=mediator, received_on=on.isoformat())
    dispute = engine.fire(dispute, "accept", actor=mediator, version=dispute.version,
                          data={"consent": True, "accepted_on": on})  # fmt: skip
    if claim:
        dispute = engine.claim(dispute, actor=mediator, version=dispute.version)
    return dispute


def holdings(committee, mediator, n: int) -> None:
    """n cases claimed by the mediator (overdue and due soon in turn) and n left unclaimed."""
    for i in range(n):
        accepted(committee, mediator, (OVERDUE_FROM, DUE_SOON_FROM)[i % 2], claim=True)
        accepted(committee, mediator, DUE_SOON_FROM, claim=False)


def committee_in(street: str, n: int):
    """Another committee in `street`, with a mediator holding n cases."""
    organization = Organization.objects.create(
        name=f"第{n}调解委员会{street}",
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code=street),
    )
    mediator = User.objects.create_user(username=f"m{street}{n}", password="x", full_name="调解员")
    Membership.objects.create(user=mediator, organization=organization, role=Role.MEDIATOR)
    holdings(organization, mediator, 1)
    return organization


def worklist_queries(client) -> tuple[int, object]:
    client.get(reverse("cases:worklist"))  # caches filled (content types, the calendar)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:worklist"))
    assert response.status_code == 200
    return len(queries), response


@pytest.fixture(autouse=True)
def _due_soon_window(settings):
    settings.FAZHI_DUE_SOON_DAYS = DUE_SOON_DAYS


def test_a_mediator_with_five_cases_takes_as_many_queries_as_with_two(client, world):
    client.force_login(world.mediator_haizhu)
    holdings(world.haizhu_committee, world.mediator_haizhu, 2)
    two, response = worklist_queries(client)
    work = response.context["work"]
    assert (len(work.mine), len(work.unclaimed), len(work.overdue), len(work.due_soon)) == (
        2, 2, 1, 1)  # fmt: skip
    holdings(world.haizhu_committee, world.mediator_haizhu, 3)
    five, response = worklist_queries(client)
    work = response.context["work"]
    assert (len(work.mine), len(work.unclaimed), len(work.overdue), len(work.due_soon)) == (
        5, 5, 3, 2)  # fmt: skip
    assert all(c.case_obj is not None for c in work.overdue + work.due_soon)
    assert five == two <= CEILING


def test_deadline_health_of_five_organisations_takes_as_many_queries_as_of_two(client, world):
    client.force_login(world.office_haizhu)  # 赤岗街道司法所: sees the street's organisations
    street = world.street.code
    holdings(world.haizhu_committee, world.mediator_haizhu, 1)
    committee_in(street, 1)
    two, response = worklist_queries(client)
    assert len(response.context["work"].by_organization) == 2
    for n in (2, 3, 4):
        committee_in(street, n)
    five, response = worklist_queries(client)
    rows = response.context["work"].by_organization
    assert len(rows) == 5 and sum(r["running"] for r in rows) == 5 * 2
    assert five == two <= CEILING
