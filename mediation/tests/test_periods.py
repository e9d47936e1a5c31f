"""Figures of a year not yet over (counted to today, compared with the same span a year
earlier) and registers counted as they stood on the last day of the period (issue 9, part 6).

The fixture is asked on 2026-11-30 in Guangzhou, with disputes received in 海珠 in both years:
2025-03-10, 2025-11-30, 2025-12-01, 2025-12-20; 2026-02-01, 2026-07-01, 2026-11-30. So 2026 to
date has 3 against 2 over 2025-01-01..2025-11-30 (+50.0%), not against 4 for the whole of 2025.
"""

import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from core.models import Organization, OrganizationKind
from indicators.registry import Period, registry
from mediation.choices import CommitteeKind
from mediation.models import Committee, Mediator
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db
D = datetime.date
NOV30 = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
RECEIVED = (D(2025, 3, 10), D(2025, 11, 30), D(2025, 12, 1), D(2025, 12, 20),
            D(2026, 2, 1), D(2026, 7, 1), D(2026, 11, 30))  # fmt: skip


@pytest.fixture
def nov30():
    with time_machine.travel(NOV30, tick=False):
        yield


def _committee(world, name, kind=OrganizationKind.MEDIATION_COMMITTEE, **dates):
    org = Organization.objects.create(name=name, kind=kind, region=world.street,
                                      parent=world.haizhu_office, **dates)  # fmt: skip
    Committee.objects.create(organization=org, kind=CommitteeKind.STREET)
    return org


@pytest.fixture
def two_years(nov30, world):
    for day in RECEIVED:
        make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                     received_on=day.isoformat())  # fmt: skip
    w = world
    # Committees of 赤岗街道 (海珠): one kept since before records, one set up in 2026, one
    # set up today, one dissolved in 2026, one switched off long ago without a date.
    Committee.objects.create(organization=w.haizhu_committee, kind=CommitteeKind.STREET)
    w.set_up_2026 = _committee(w, "赤岗街道金融纠纷人民调解委员会",
                               established_on=D(2026, 3, 1))  # fmt: skip
    w.set_up_today = _committee(w, "何家宁个人调解工作室", OrganizationKind.MEDIATION_STUDIO,
                                established_on=D(2026, 11, 30))  # fmt: skip
    w.dissolved_2026 = _committee(w, "李明个人调解工作室", OrganizationKind.MEDIATION_STUDIO,
                                  established_on=D(2010, 5, 1), dissolved_on=D(2026, 6, 30),
                                  is_active=False)  # fmt: skip
    w.switched_off = _committee(w, "赤岗街道旧人民调解委员会", is_active=False)
    # Mediators: 何 always; 赵 appointed on 2025-12-31; 孙 left on 2025-12-31; 王 left in 2026
    # (with the studio); 李 appointed in 2026.
    for name, committee, dates in (
        ("何调解", w.haizhu_committee, {}),
        ("赵调解", w.haizhu_committee, {"joined_on": D(2025, 12, 31)}),
        ("孙调解", w.haizhu_committee, {"left_on": D(2025, 12, 31), "is_active": False}),
        ("王调解", w.dissolved_2026, {"joined_on": D(2015, 1, 1), "left_on": D(2026, 6, 30),
                                      "is_active": False}),
        ("李调解", w.set_up_2026, {"joined_on": D(2026, 4, 1)}),
    ):  # fmt: skip
        Mediator.objects.create(name=name, committee=committee, **dates)
    return w


def _value(key, period, prefix="440105"):
    return registry.get(key).compute(prefix, period).value


def test_the_indicators_for_2026_asked_on_30_november_compare_with_the_same_span(two_years):
    received = registry.get("mediation.received")
    period = Period.year(2026).as_of()
    assert period == Period(D(2026, 1, 1), D(2026, 11, 30))
    now, before = received.compute_with_previous("440105", period)
    assert (now.value, before.value) == (3, 2)  # 2025-01-01..2025-11-30, not 4 for all 2025
    out = StringIO()
    call_command("indicators", "--region", "440105", "--year", "2026", stdout=out)
    text = out.getvalue()
    assert "2026年1—11月（2026-01-01至2026-11-30）" in text and "2025年1—11月" in text
    assert "受理纠纷数 (mediation.received): 3 件  ← 2" in text
    assert "(cases.clocks_running): 0 项  [当前（截至今日）]" in text


def test_the_command_json_gives_the_span_and_the_span_compared_with(two_years):
    out = StringIO()
    call_command("indicators", "--region", "440105", "--year", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["period"] == {
        "start": "2026-01-01", "end": "2026-11-30", "label": "2026年1—11月", "partial": True,
        "previous": {"start": "2025-01-01", "end": "2025-11-30", "label": "2025年1—11月"},
    }  # fmt: skip
    row = data["indicators"]["mediation.received"]
    assert (row["value"], row["previous"], row["snapshot"]) == (3, 2, False)
    assert data["indicators"]["cases.clocks_running"]["snapshot"] is True
    out = StringIO()
    call_command("indicators", "--region", "440105", "--year", "2025", "--json", stdout=out)
    whole = json.loads(out.getvalue())
    assert whole["period"]["label"] == "2025年" and whole["period"]["partial"] is False
    assert whole["period"]["end"] == "2025-12-31"
    assert whole["indicators"]["mediation.received"]["value"] == 4


def test_the_api_gives_the_same_span(two_years):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(two_years.clerk_haizhu)
    data = api.get("/api/indicators/", {"year": 2026}).json()
    assert data["period"]["label"] == "2026年1—11月" and data["period"]["partial"] is True
    assert data["period"]["previous"]["end"] == "2025-11-30"
    received = data["indicators"]["mediation.received"]
    assert (received["value"], received["previous"]) == (3, 2)


def test_the_2025_committee_count_excludes_one_set_up_in_2026_and_includes_one_dissolved_in_2026(
    two_years,
):
    # On 2025-12-31: 赤岗街道人民调解委员会 and 李明个人调解工作室 (dissolved 2026-06-30).
    assert _value("mediation.committees", Period.year(2025)) == 2
    # On 2026-11-30: the old one, the one set up in March and the studio set up today.
    now, before = registry.get("mediation.committees").compute_with_previous(
        "440105", Period.year(2026).as_of()
    )
    assert (now.value, before.value) == (3, 2)
    assert _value("mediation.committees", Period.year(2025), "440111") == 0


def test_mediators_count_as_they_stood_on_the_last_day(two_years):
    # 2025-12-31: 何, 赵 (appointed that day), 王; not 孙 (left that day) nor 李.
    names = set(registry.get("mediation.mediators").cases("440105", Period.year(2025))
                .values_list("name", flat=True))  # fmt: skip
    assert names == {"何调解", "赵调解", "王调解"}
    # 2026-11-30: 何, 赵, 李.
    assert _value("mediation.mediators", Period.year(2026).as_of()) == 3
    # The same day a year earlier: 何, 孙, 王.
    assert _value("mediation.mediators", Period(D(2025, 1, 1), D(2025, 11, 30))) == 3


def test_register_drilldowns_list_exactly_the_entries_counted(client, two_years):
    client.force_login(two_years.leader_gz)
    for key in ("mediation.committees", "mediation.mediators"):
        for year in (2025, 2026):
            response = client.get(reverse("indicators:drilldown", args=[key]),
                                  {"year": year, "region": "440105000000"})  # fmt: skip
            assert response.status_code == 200, key
            figure = _value(key, Period.year(year).as_of())
            assert response.context["total"] == response.context["counted"] == figure, key
            assert len(response.context["rows"]) == figure
    response = client.get(reverse("indicators:drilldown", args=["mediation.committees"]),
                          {"year": 2025, "region": "440105000000"})  # fmt: skip
    listed = {row["cells"][0] for row in response.context["rows"]}
    assert listed == {"赤岗街道人民调解委员会", "李明个人调解工作室"}
    assert response.context["period_label"] == "截至2025年12月31日"
    assert "2026-06-30" in response.content.decode()  # its dissolution date is shown


def test_the_dashboard_names_the_span_and_says_which_figures_are_now(client, two_years):
    client.force_login(two_years.clerk_haizhu)
    response = client.get(reverse("indicators:dashboard"), {"year": 2026})
    assert response.context["period"] == Period(D(2026, 1, 1), D(2026, 11, 30))
    tiles = {t.key: t for t in response.context["tiles"]}
    received = tiles["mediation.received"]
    assert (received.value, received.previous, received.yoy) == (3, 2, "同比增长50.0%")
    assert received.period_label == "2026年1—11月"
    assert received.previous_label == "2025年1—11月" and received.caption == ""
    assert tiles["mediation.committees"].caption == "截至2026年11月30日"
    assert tiles["mediation.committees"].previous == 2
    assert tiles["cases.clocks_running"].caption == "当前（截至今日）"
    assert tiles["cases.clocks_running"].previous is None
    body = response.content.decode()
    assert "2026年1—11月" in body and "同比：与2025年1—11月相比。" in body
    assert response.context["trend"]["months"][-1] == "11月"


def test_register_dates_are_checked():
    org = Organization(name="x", kind=OrganizationKind.MEDIATION_COMMITTEE,
                       established_on=D(2020, 1, 1), dissolved_on=D(2019, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        org.clean()
    assert "dissolved_on" in error.value.message_dict
    with time_machine.travel(NOV30, tick=False):
        org.dissolved_on = D(2026, 6, 30)
        with pytest.raises(ValidationError) as error:
            org.clean()
        assert "is_active" in error.value.message_dict
        org.is_active = False
        org.clean()
        org.dissolved_on = D(2026, 12, 31)  # dissolution planned: still active until then
        org.is_active = True
        org.clean()
