"""The dashboard's drill-downs of public legal education: for each figure with a list, the
drill-down lists as many rows as the tile shows — for the share of agencies with a published
responsibility list (a rate), the published lists: its numerator —; a sum (people reached,
materials, online views) or a figure not listed has no drill-down (404) and its tile offers
none.

Worked example, 海珠 in 2026 (the period is the year to the test day, 10 June or 28 December):
three activities held in 2026 (the fixture's three of December 2025 are not counted, nor 白云's
of 2026); titles standing: 赤岗社区's city title of 2024 and provincial title of 2025, its
national title revoked on 10 January 2026 is not; lists: 海珠's two agencies, the market
regulator's list published on 1 March 2026, 城管's still a draft → 1 of 2 (50 %); evaluations:
the market regulator's result published on 1 March 2026 → 1."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from education import services
from education.tests.conftest import activity_data
from indicators.registry import registry

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = {"region": "440105000000", "year": "2026"}
LISTED = {
    "education.activities": 3,
    "education.model_villages": 2,
    "education.responsibility_lists_published": 1,  # the numerator: 1 of 2 agencies
    "education.evaluations_published": 1,
}
ITEM = {"law": "中华人民共和国食品安全法", "target_audience": "食品经营者", "measures": "以案释法"}


@pytest.fixture
def figures(edu):
    w = edu
    for day, organizer, actor in ((D(2026, 1, 8), w.haizhu_bureau, w.clerk_haizhu),
                                  (D(2026, 3, 15), w.haizhu_bureau, w.clerk_haizhu),
                                  (D(2026, 4, 2), w.haizhu_agency, w.agency_haizhu),
                                  (D(2026, 2, 2), w.baiyun_bureau, w.clerk_baiyun)):  # fmt: skip
        services.activity_record(actor=actor, data=activity_data(organizer, held_on=day,
                                                                 topic=f"普法{day}"))  # fmt: skip
    for level, year, revoked in (("city", 2024, None), ("provincial", 2025, None),
                                 ("national", 2023, D(2026, 1, 10))):  # fmt: skip
        services.village_register(actor=w.clerk_haizhu, data={
            "region": w.village_haizhu, "level": level, "year_named": year,
            "revoked_on": revoked})  # fmt: skip
    market = services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2026,
                                  items=[ITEM])  # fmt: skip
    services.list_publish(actor=w.agency_haizhu, responsibility_list=market,
                          published_on=D(2026, 3, 1))  # fmt: skip
    services.list_create(actor=w.agency_chengguan, agency=w.chengguan, year=2026, items=[ITEM])
    evaluation = services.evaluation_report(actor=w.clerk_haizhu, agency=w.haizhu_agency,
                                            year=2025, self_report="开展以案释法12场",
                                            reported_on=D(2026, 1, 10))  # fmt: skip
    services.evaluation_assess(actor=w.clerk_haizhu, evaluation=evaluation,
                               data={"expert_score": "90", "grade": "excellent"})  # fmt: skip
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=evaluation,
                                published_on=D(2026, 3, 1))  # fmt: skip
    return w


def _tiles(client) -> dict:
    response = client.get(reverse("indicators:dashboard"), YEAR)
    assert response.status_code == 200
    return {t.key: t for t in response.context["tiles"] if t.key.startswith("education.")}


def test_each_drilldown_lists_as_many_rows_as_the_tile(figures, client):
    client.force_login(figures.leader_gz)
    tiles = _tiles(client)
    for key, count in LISTED.items():
        response = client.get(reverse("indicators:drilldown", args=[key]), YEAR)
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
        tile = tiles[key]
        assert tile.drillable, key
        shown = tile.numerator if registry.get(key).kind == "ratio" else tile.value
        assert shown == count, key


def test_the_rate_drilldown_lists_the_published_lists(figures, client):
    w = figures
    client.force_login(w.leader_gz)
    key = "education.responsibility_lists_published"
    response = client.get(reverse("indicators:drilldown", args=[key]), YEAR)
    figure = response.context["figure"]
    assert (figure.numerator, figure.denominator, str(figure.value)) == (1, 2, "50.00")
    assert [row["cells"][0] for row in response.context["rows"]] == [w.haizhu_agency.name]


def test_a_sum_or_an_unlisted_figure_has_no_drilldown(figures, client):
    client.force_login(figures.leader_gz)
    tiles = _tiles(client)
    line = [i for i in registry.all() if i.business_line == "education"]
    closed = [i.key for i in line if i.kind == "sum" or not i.listed or i.cases is None]
    assert {"education.people_reached", "education.materials_distributed",
            "education.online_views"} <= set(closed)  # fmt: skip
    for key in closed:
        assert not tiles[key].drillable, key
        response = client.get(reverse("indicators:drilldown", args=[key]), YEAR)
        assert response.status_code == 404, key
    assert sorted(set(i.key for i in line) - set(closed)) == sorted(LISTED)


def test_another_districts_staff_see_only_their_own_rows(figures, client):
    """白云's staff see 白云's activity of 2026 only, and are refused 海珠's figures."""
    client.force_login(figures.clerk_baiyun)
    url = reverse("indicators:drilldown", args=["education.activities"])
    assert client.get(url, YEAR).status_code == 404
    response = client.get(url, {**YEAR, "region": "440111000000"})
    assert response.context["total"] == response.context["counted"] == 1
