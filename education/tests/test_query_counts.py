"""The lists of public legal education read a constant number of queries whatever the number
of rows: the model villages (their full names walk up the region tree), the published vote
results (each evaluation's tally) and the years and districts of the vote."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Organization, OrganizationKind
from education import services, voting
from education.choices import VoteRating
from education.models import PublicVote, PublicVoteRating
from education.tests.conftest import village

pytestmark = pytest.mark.django_db
D = datetime.date


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def test_the_village_list_reads_the_same_queries_for_one_row_or_six(edu, login):
    w = edu
    client = login(w.clerk_haizhu)
    services.village_register(actor=w.clerk_haizhu, data={
        "region": "440105001001", "level": "provincial", "year_named": 2021})  # fmt: skip

    def page():
        response = client.get("/education/villages/")
        assert response.status_code == 200
        return response

    page()  # warm the session and the caches
    one = _queries(page)
    for i in range(2, 7):
        code = f"4401050010{i:02d}"
        village(code, f"第{i}社区")
        services.village_register(actor=w.clerk_haizhu, data={
            "region": code, "level": "provincial", "year_named": 2021})  # fmt: skip
    body = page().content.decode()
    assert "第6社区" in body and "广州市海珠区" in body  # the full name, up the tree
    assert _queries(page) == one


def _agencies(w, n, start=0):
    return [
        Organization.objects.create(
            name=f"海珠区第{i}执法局",
            kind=OrganizationKind.AGENCY,
            region=w.haizhu,
            parent=w.haizhu_bureau,
        )
        for i in range(start, start + n)
    ]


def _publish(w, agencies, year=2025):
    evaluations = []
    for agency in agencies:
        e = services.evaluation_report(actor=w.clerk_haizhu, agency=agency, year=year,
                                       self_report="年度普法履职报告", reported_on=D(2026, 1, 10))  # fmt: skip
        vote = PublicVote.objects.create(year=year, region_code="440105000000",
                                         phone_index=f"idx-{e.pk}")  # fmt: skip
        PublicVoteRating.objects.create(vote=vote, evaluation=e, region_code=e.region_code,
                                        rating=VoteRating.SATISFIED)  # fmt: skip
        services.evaluation_assess(actor=w.clerk_haizhu, evaluation=e,
                                   data={"expert_score": "90", "grade": "good"})  # fmt: skip
        services.evaluation_publish(actor=w.clerk_haizhu, evaluation=e,
                                    published_on=D(2026, 3, 1))  # fmt: skip
        evaluations.append(e)
    return evaluations


def test_the_published_results_count_the_votes_in_one_query(edu):
    w = edu
    _publish(w, _agencies(w, 1))
    one = _queries(lambda: voting.published_results(2025, "440105"))
    _publish(w, _agencies(w, 3, start=1))
    results = voting.published_results(2025, "440105")
    assert [t["by_rating"][VoteRating.SATISFIED] for _e, t in results] == [1, 1, 1, 1]
    assert [t["total"] for _e, t in results] == [1, 1, 1, 1]
    assert _queries(lambda: voting.published_results(2025, "440105")) == one


def test_the_vote_scopes_are_grouped_by_the_database(edu):
    w = edu
    _publish(w, _agencies(w, 1), year=2024)
    one = _queries(voting.scopes)
    services.evaluation_report(actor=w.clerk_haizhu, agency=w.haizhu_agency, year=2025,
                               self_report="报告", reported_on=D(2026, 1, 10))  # fmt: skip
    _publish(w, _agencies(w, 3, start=1), year=2025)
    scopes = voting.scopes()
    assert [(s["year"], s["code"], s["open"], s["published"]) for s in scopes] == [
        (2025, "440105", True, True), (2024, "440105", False, True)]  # fmt: skip
    with CaptureQueriesContext(connection) as captured:
        voting.scopes()
    assert len(captured.captured_queries) == one
    assert "DISTINCT" in captured.captured_queries[0]["sql"].upper()
