"""The case list at any depth (issue 11): date filters as timestamp bounds, the search box in one
statement through indexes, a page limit with a message, and scoping unchanged."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.api import ListPagination
from core.generic import CappedPaginator
from mediation.filters import DisputeFilter
from mediation.models import Dispute
from mediation.tests.factories import make_dispute
from mediation.views import DisputeListView

pytestmark = pytest.mark.django_db
LIST = "mediation:dispute_list"


def local(*parts) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*parts))  # Asia/Shanghai


def received(dispute, at: datetime.datetime) -> None:
    Dispute.objects.filter(pk=dispute.pk).update(received_at=at)


@pytest.fixture
def around_midnight(world):
    """Four 海珠 disputes received either side of the two midnights of 10 March 2025, and one in
    白云 inside that day."""
    times = {
        "before": local(2025, 3, 9, 23, 59, 59),
        "first": local(2025, 3, 10, 0, 0),
        "last": local(2025, 3, 10, 23, 59, 59),
        "after": local(2025, 3, 11, 0, 0),
    }
    world.at = {}
    for key, at in times.items():
        dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
        received(dispute, at)
        world.at[key] = dispute.pk
    world.baiyun = make_dispute(organization=world.baiyun_committee, actor=world.mediator_baiyun)
    received(world.baiyun, local(2025, 3, 10, 12, 0))
    return world


def listed(client, user, **query) -> list[int]:
    client.force_login(user)
    response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    return sorted(row.record.pk for row in response.context["table"].page.object_list)


def test_a_day_is_from_its_local_midnight_to_the_next(client, around_midnight):
    w = around_midnight
    day = {"received_from": "2025-03-10", "received_to": "2025-03-10"}
    assert listed(client, w.clerk_haizhu, **day) == sorted([w.at["first"], w.at["last"]])
    assert listed(client, w.clerk_haizhu, received_from="2025-03-11") == [w.at["after"]]
    assert listed(client, w.clerk_haizhu, received_to="2025-03-09") == [w.at["before"]]


def test_the_bounds_give_what_the_date_lookup_gave(around_midnight):
    scoped = Dispute.objects.all()
    for start in ("2025-03-09", "2025-03-10", "2025-03-11"):
        for end in ("2025-03-09", "2025-03-10", "2025-03-11"):
            bounds = DisputeFilter({"received_from": start, "received_to": end}, queryset=scoped)
            by_date = scoped.filter(received_at__date__gte=start, received_at__date__lte=end)
            assert set(bounds.qs) == set(by_date), (start, end)


def test_the_date_filter_compiles_to_plain_comparisons(around_midnight):
    sql = str(DisputeFilter({"received_from": "2025-03-10", "received_to": "2025-03-10"}).qs.query)
    assert "AT TIME ZONE" not in sql and "django_datetime_cast_date" not in sql
    assert '"received_at" >=' in sql and '"received_at" <' in sql


def test_the_first_and_last_representable_days_are_no_error(client, around_midnight):
    w = around_midnight
    query = {"received_from": "0001-01-01", "received_to": "9999-12-31"}
    assert len(listed(client, w.clerk_haizhu, **query)) == 4


def test_the_date_filter_keeps_to_the_jurisdiction(client, around_midnight):
    w = around_midnight
    day = {"received_from": "2025-03-10", "received_to": "2025-03-10"}
    assert listed(client, w.clerk_baiyun, **day) == [w.baiyun.pk]
    assert listed(client, w.leader_gz, **day) == sorted([w.at["first"], w.at["last"], w.baiyun.pk])


# -- the search box ------------------------------------------------------------------------


@pytest.fixture
def searchable(world):
    world.both = make_dispute(
        organization=world.haizhu_committee,
        actor=world.mediator_haizhu,
        title="黄美玲诉楼上漏水纠纷",  # the subject and a party both match
        parties=[{"side": "applicant", "name": "黄美玲"}, {"side": "respondent", "name": "黄美华"}],
    )
    world.other = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    world.foreign = make_dispute(
        organization=world.baiyun_committee,
        actor=world.mediator_baiyun,
        parties=[{"side": "applicant", "name": "黄美玲"}, {"side": "respondent", "name": "某公司"}],
    )
    return world


def test_the_search_runs_once_per_statement_and_lists_a_match_once(client, searchable):
    w = searchable
    client.force_login(w.clerk_haizhu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST), {"q": "黄美"})
    rows = [row.record.pk for row in response.context["table"].page.object_list]
    assert rows == [w.both.pk]
    searching = [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]]
    # One count and one page, no second count; the search is one UNION inside each.
    assert len(searching) == 2, searching
    assert sum("COUNT(" in sql for sql in searching) == 1
    for sql in searching:
        assert sql.count("UNION ALL") == 3 and "EXISTS" not in sql  # four arms


def test_the_search_keeps_to_the_jurisdiction(client, searchable):
    w = searchable
    assert listed(client, w.clerk_baiyun, q="黄美玲") == [w.foreign.pk]
    assert listed(client, w.leader_gz, q="黄美玲") == sorted([w.both.pk, w.foreign.pk])
    assert listed(client, w.mediator_baiyun, q="楼上漏水") == []
    assert listed(client, w.clerk_haizhu, q="楼上漏水") == [w.both.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_on_postgresql_the_search_reads_the_trigram_indexes(searchable):
    qs = DisputeFilter({"q": "黄美玲"}, queryset=Dispute.objects.all()).qs
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: force the plan
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("dispute_title_trgm", "dispute_number_trgm", "party_name_trgm"):
        assert index in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="_like indexes are PostgreSQL's")
def test_on_postgresql_no_varchar_pattern_ops_copies_are_left():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename IN "
            "('mediation_dispute', 'mediation_disputeparty') AND indexdef LIKE '%%pattern_ops%%'"
        )
        assert cursor.fetchall() == []


# -- deep pages ----------------------------------------------------------------------------


@pytest.fixture
def four_pages(world, monkeypatch):
    """Four 海珠 disputes, one per page, and a limit of two pages."""
    monkeypatch.setattr(DisputeListView, "paginate_by", 1)
    monkeypatch.setattr(CappedPaginator, "max_pages", 2)
    monkeypatch.setattr(ListPagination, "page_size", 1)
    world.four = [
        make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
        for _ in range(4)
    ]
    return world


def page_of(client, user, page):
    client.force_login(user)
    response = client.get(reverse(LIST), {"page": page})
    assert response.status_code == 200
    table = response.context["table"]
    return table, [str(m) for m in get_messages(response.wsgi_request)]


def test_a_list_serves_pages_up_to_the_limit_and_counts_every_row(client, four_pages):
    table, notes = page_of(client, four_pages.clerk_haizhu, 1)
    assert (table.paginator.num_pages, table.paginator.count) == (2, 4)
    assert notes == []


def test_the_last_page_served_says_how_to_reach_the_rest(client, four_pages):
    table, notes = page_of(client, four_pages.clerk_haizhu, 2)
    assert table.page.number == 2
    assert notes == [table.paginator.page_limit_message()]
    assert "4" in notes[0] and "2" in notes[0]


def test_a_deeper_page_shows_the_last_page_served_with_the_message(client, four_pages):
    table, notes = page_of(client, four_pages.clerk_haizhu, 10_000)
    assert table.page.number == 2
    assert notes == [table.paginator.page_limit_message()]


def test_a_list_within_the_limit_says_nothing(client, four_pages):
    # 白云 sees one dispute: one page, nothing beyond it.
    make_dispute(organization=four_pages.baiyun_committee, actor=four_pages.mediator_baiyun)
    table, notes = page_of(client, four_pages.clerk_baiyun, 1)
    assert (table.paginator.num_pages, table.paginator.count, notes) == (1, 1, [])


def test_the_api_refuses_a_page_beyond_the_limit_naming_the_field(four_pages):
    api = APIClient()
    api.force_authenticate(four_pages.clerk_haizhu)
    within = api.get("/api/mediation/disputes/", {"page": 2})
    assert within.status_code == 200
    assert within.json()["count"] == 4 and within.json()["next"] is None
    beyond = api.get("/api/mediation/disputes/", {"page": 3})
    assert beyond.status_code == 400
    assert list(beyond.json()["error"]["fields"]) == ["page"]
