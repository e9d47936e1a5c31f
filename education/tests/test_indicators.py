"""The education figures equal hand counts on a fixture; the plan page shows them by year."""

from __future__ import annotations

import datetime

import pytest

from education import services
from education.tests.conftest import activity_data
from indicators.registry import Period, registry

pytestmark = pytest.mark.django_db
D = datetime.date
Y2025 = Period.year(2025)


@pytest.fixture
def figures(edu):
    """Activities in 2024 and 2025 in both districts (the `edu` ones are on 2025-12-04:
    海珠 120 + 120 people, 白云 120), and model villages."""
    w = edu
    rows = [  # (actor, organizer, day, form, people, materials, views)
        (w.clerk_haizhu, w.haizhu_bureau, D(2025, 3, 15), "lecture", 50, 10, 0),
        (w.clerk_haizhu, w.haizhu_bureau, D(2025, 12, 1), "law_month", 200, 0, 0),
        (w.clerk_haizhu, w.haizhu_bureau, D(2025, 7, 1), "live_stream", 0, 0, 8300),
        (w.office_haizhu, w.haizhu_office, D(2025, 1, 1), "lecture", 30, 5, 0),
        (w.clerk_haizhu, w.haizhu_bureau, D(2024, 12, 31), "lecture", 999, 999, 999),
        (w.clerk_baiyun, w.baiyun_bureau, D(2025, 5, 5), "case_explanation", 40, 0, 0),
    ]
    for actor, org, day, form, people, materials, views in rows:
        services.activity_record(actor=actor, data=activity_data(
            org, held_on=day, form=form, people_reached=people, materials_distributed=materials,
            online_views=views))  # fmt: skip
    for data in (
        {"region": "440105001001", "level": "national", "year_named": 2020},
        {"region": "440105001001", "level": "provincial", "year_named": 2025},
        {"region": "440111004001", "level": "city", "year_named": 2019,
         "revoked_on": D(2025, 6, 1)},
    ):  # fmt: skip
        actor = w.clerk_haizhu if data["region"].startswith("440105") else w.clerk_baiyun
        services.village_register(actor=actor, data=data)
    return w


def _value(key, prefix, period=Y2025):
    return registry.get(key).compute(prefix, period).value


def test_activity_figures_equal_hand_counts(figures):
    # 海珠 2025: the two edu ones (bureau, agency) + lecture, law month, live stream, office.
    assert _value("education.activities", "440105") == 6
    assert _value("education.activities", "440111") == 2
    assert _value("education.activities", "4401") == 8
    assert _value("education.activities", "440105001") == 1  # the office's, on its street
    assert _value("education.people_reached", "440105") == 120 + 120 + 50 + 200 + 0 + 30
    assert _value("education.people_reached", "4401") == 520 + 120 + 40
    assert _value("education.materials_distributed", "440105") == 300 + 300 + 10 + 0 + 0 + 5
    assert _value("education.online_views", "4401") == 8300
    assert _value("education.activities", "440105", Period.year(2024)) == 1


def test_the_activities_by_form(figures):
    indicator = registry.get("education.activities")
    by_form = indicator.breakdowns["form"]("4401", Y2025)
    labels = dict(indicator.breakdowns["form"].labels())
    assert by_form[labels["lecture"]] == 2
    assert by_form[labels["case_explanation"]] == 2
    assert by_form[labels["constitution_week"]] == 2
    assert by_form[labels["law_month"]] == 1
    assert sum(by_form.values()) == 8


def test_model_villages_count_the_titles_standing_on_the_last_day(figures):
    assert _value("education.model_villages", "4401") == 2  # 白云's city title revoked
    assert _value("education.model_villages", "4401", Period.year(2024)) == 2  # 海珠 + 白云
    assert _value("education.model_villages", "440105", Period.year(2024)) == 1
    assert _value("education.model_villages", "440111", Period.year(2024)) == 1
    level = registry.get("education.model_villages").breakdowns["level"]("4401", Y2025)
    assert sum(level.values()) == 2


def test_every_figure_is_registered_with_definition_source_and_line():
    keys = [i.key for i in registry.all() if i.key.startswith("education.")]
    assert set(keys) == {
        "education.activities", "education.people_reached", "education.materials_distributed",
        "education.online_views", "education.model_villages",
        "education.responsibility_lists_published", "education.evaluations_published",
    }  # fmt: skip
    for key in keys:
        indicator = registry.get(key)
        assert indicator.definition and indicator.source and indicator.business_line == "education"
        assert "§F" in str(indicator.source)


def test_the_plan_page_shows_the_years_of_the_plan(figures, login):
    client = login(figures.leader_gz)
    response = client.get("/education/plan/8th/")
    assert response.status_code == 200
    years = {year: row for year, _period, row in response.context["figures"]["years"]}
    assert sorted(years) == [2021, 2022, 2023, 2024, 2025]
    keys = [i.key for i in response.context["figures"]["indicators"]]
    assert years[2025][keys.index("education.activities")].value == 8
    whole = response.context["figures"]["whole"][1]
    assert whole[keys.index("education.activities")].value == 9  # 2024's one too
    # The agency's handler has no jurisdiction to count.
    assert login(figures.agency_haizhu).get("/education/plan/8th/").status_code == 403
    assert client.get("/education/plan/nope/").status_code == 404
