"""Dashboard, drill-down and chart downloads, scoped to the viewer's jurisdiction."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mediation.tests.test_indicators import history  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_leader_sees_tiles_with_year_on_year_and_a_ranking(client, world, history):  # noqa: F811
    client.force_login(world.leader_gz)
    response = client.get(reverse("indicators:dashboard"), {"year": 2025})
    assert response.status_code == 200
    tiles = {t.key: t for t in response.context["tiles"]}
    assert tiles["mediation.success_rate"].value == 80  # 4 ÷ 5 in 广州
    assert tiles["mediation.received"].value == 5 and tiles["mediation.received"].previous == 1
    assert tiles["mediation.received"].yoy  # 同比 phrase present
    ranking = {r["name"]: r for r in response.context["ranking"]}
    assert ranking["海珠区"]["mediation.received"] == 4
    assert ranking["白云区"]["mediation.success_rate"] == 100
    body = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in body


def test_a_district_clerk_cannot_open_another_district(client, world, history):  # noqa: F811
    client.force_login(world.clerk_haizhu)
    assert client.get(reverse("indicators:dashboard")).context["region"].code == "440105000000"
    other = client.get(reverse("indicators:dashboard"), {"region": "440111000000"})
    assert other.status_code == 404
    client.force_login(world.mediator_haizhu)
    assert client.get(reverse("indicators:dashboard")).status_code == 403


def test_every_drilldown_lists_as_many_cases_as_the_figure(client, world, history):  # noqa: F811
    from indicators.registry import registry

    client.force_login(world.leader_gz)
    for indicator in registry.all():
        if indicator.cases is None or indicator.kind == "sum":
            continue
        response = client.get(reverse("indicators:drilldown", args=[indicator.key]),
                              {"year": 2025})  # fmt: skip
        assert response.status_code == 200, indicator.key
        assert response.context["total"] == response.context["counted"], indicator.key


def test_each_chart_downloads_as_a_table(client, world, history):  # noqa: F811
    client.force_login(world.leader_gz)
    for chart in ("tiles", "trend", "types", "ranking", "deadlines"):
        response = client.get(reverse("indicators:export", args=[chart]), {"year": 2025})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row >= 1
    types = load_workbook(io.BytesIO(client.get(reverse("indicators:export", args=["types"]),
                                                {"year": 2025}).content)).active  # fmt: skip
    assert [c.value for c in types[2]] == ["邻里纠纷", 5]


def test_the_api_gives_the_command_shape_for_the_own_jurisdiction(world, history):  # noqa: F811
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    data = api.get("/api/indicators/", {"year": 2025, "by_child": 1}).json()
    assert data["region"] == "440105000000" and data["year"] == 2025
    rate = data["indicators"]["mediation.success_rate"]
    assert (rate["value"], rate["numerator"], rate["denominator"]) == (75, 3, 4)
    assert any(c["region"] == "440105001000" for c in data["children"])
    assert api.get("/api/indicators/", {"year": 2025, "region": "440111000000"}).status_code == 404
    assert api.get("/api/indicators/").status_code == 400
    api.force_authenticate(world.mediator_haizhu)
    assert api.get("/api/indicators/", {"year": 2025}).status_code == 403


def test_a_quarter_shows_its_three_months(client, world, history):  # noqa: F811
    client.force_login(world.leader_gz)
    trend = client.get(reverse("indicators:dashboard"), {"year": 2025, "quarter": 1}).context[
        "trend"
    ]
    assert trend["months"] == ["1月", "2月", "3月"]
    received = next(s for s in trend["series"] if s["key"] == "mediation.received")
    # The fixture's disputes received in Q1 2025: 2025-02-04 and 2025-02-19 (海珠).
    assert received["data"] == [0, 2, 0]


def test_the_api_refuses_an_odd_year(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.clerk_haizhu)
    assert api.get("/api/indicators/", {"year": 1}).status_code == 400


def test_deadline_health_figures_are_registered_snapshots(world):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from cases import engine
    from indicators.registry import Period, registry
    from mediation.tests.factories import make_dispute

    today = datetime.date(2026, 6, 10)
    with time_machine.travel(datetime.datetime(2026, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
                             tick=False):  # fmt: skip
        d = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                         received_on=(today - datetime.timedelta(days=60)).isoformat())  # fmt: skip
        engine.fire(d, "accept", actor=world.mediator_haizhu, version=d.version,
                    data={"consent": True, "accepted_on": today - datetime.timedelta(days=59)})  # fmt: skip
        year = Period.year(today.year).as_of()
        overdue = registry.get("cases.clocks_overdue")
        now, before = overdue.compute_with_previous("4401", year)
        assert now.value == 1 and before.value is None  # a snapshot has no 同比
        assert overdue.breakdowns["business_line"]("4401", year) == {"人民调解": 1}
        assert registry.get("cases.clocks_overdue").compute("440111", year).value == 0
    # Registers are not snapshots: they count as they stood on the period's last day.
    committees = registry.get("mediation.committees")
    assert committees.register and not committees.snapshot
