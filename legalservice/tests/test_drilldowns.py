"""The dashboard's drill-downs of public legal services: for each figure with a list, the
drill-down lists as many rows as the tile shows (for the adviser coverage, a rate, the villages
covered: its numerator); a sum (the advisers' services) or a figure not listed has no drill-down
(404) and its tile offers none. Worked on the hand-counted data of test_indicators (海珠, the
first quarter of 2026: 3 points, 4 services of which 2 referrals, 2 of 4 villages covered,
2 check-ups, 4 of 6 answers to "was this helpful?" helpful), which lies in the past on either
test day."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.registry import registry
from legalservice.tests.test_indicators import EXPECTED_HAIZHU, data  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
Q1 = {"region": "440105000000", "start": "2026-01-01", "end": "2026-03-31"}
LISTED = {
    "legalservice.service_points": 3,
    "legalservice.services": 4,
    "legalservice.referrals": 2,
    "legalservice.village_adviser_coverage": 2,  # the numerator: 2 of 4 villages
    "legalservice.enterprise_checkups": 2,
    "legalservice.qa_helpful_rate": 4,  # the numerator: 4 helpful of 6 answers
}


def _tiles(client) -> dict:
    response = client.get(reverse("indicators:dashboard"), Q1)
    assert response.status_code == 200
    return {t.key: t for t in response.context["tiles"] if t.key.startswith("legalservice.")}


def test_each_drilldown_lists_as_many_rows_as_the_tile(data, client):  # noqa: F811
    client.force_login(data.leader_gz)
    tiles = _tiles(client)
    for key, count in LISTED.items():
        if key in EXPECTED_HAIZHU:
            assert EXPECTED_HAIZHU[key] == count, key
        response = client.get(reverse("indicators:drilldown", args=[key]), Q1)
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
        tile = tiles[key]
        assert tile.drillable, key
        shown = tile.numerator if registry.get(key).kind == "ratio" else tile.value
        assert shown == count, key


def test_the_coverage_drilldown_lists_the_covered_villages(data, client):  # noqa: F811
    client.force_login(data.leader_gz)
    response = client.get(
        reverse("indicators:drilldown", args=["legalservice.village_adviser_coverage"]), Q1
    )
    figure = response.context["figure"]
    assert (figure.numerator, figure.denominator, str(figure.value)) == (2, 4, "50.00")
    names = sorted(row["cells"][1] for row in response.context["rows"])
    assert names == sorted([data.villages[0].name, data.villages[1].name])


def test_a_sum_or_an_unlisted_figure_has_no_drilldown(data, client):  # noqa: F811
    client.force_login(data.leader_gz)
    tiles = _tiles(client)
    line = [i for i in registry.all() if i.business_line == "legalservice"]
    closed = [i.key for i in line if i.kind == "sum" or not i.listed or i.cases is None]
    assert "legalservice.village_adviser_services" in closed
    for key in closed:
        assert not tiles[key].drillable, key
        response = client.get(reverse("indicators:drilldown", args=[key]), Q1)
        assert response.status_code == 404, key
    assert sorted(set(i.key for i in line) - set(closed)) == sorted(LISTED)


def test_the_helpful_rate_drilldown_lists_the_helpful_answers(data, client):  # noqa: F811
    client.force_login(data.leader_gz)
    response = client.get(
        reverse("indicators:drilldown", args=["legalservice.qa_helpful_rate"]), Q1
    )
    figure = response.context["figure"]
    assert (figure.numerator, figure.denominator, str(figure.value)) == (4, 6, "66.67")
    questions = sorted(row["cells"][1] for row in response.context["rows"])
    assert questions == sorted([data.custody.question] + [data.wages.question] * 3)


def test_another_districts_staff_see_none_of_haizhus_rows(data, client):  # noqa: F811
    """白云's section staff asking for 海珠 are refused; their own district lists only its one
    service (the 景泰街道 referral)."""
    client.force_login(data.clerk_baiyun)
    url = reverse("indicators:drilldown", args=["legalservice.services"])
    assert client.get(url, Q1).status_code == 404
    response = client.get(url, {**Q1, "region": "440111000000"})
    assert response.status_code == 200
    assert response.context["total"] == response.context["counted"] == 1
