"""Mediation indicators on a fixture with hand-computed values (reference/statutes.md §8)."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases import engine
from indicators.compute import compute, roll_up
from indicators.registry import Period, registry
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


def _conclude(world, committee, mediator, outcome, day, **data):
    received = day - datetime.timedelta(days=10)
    d = make_dispute(organization=committee, actor=mediator, received_on=received.isoformat(),
                     **data)  # fmt: skip
    d = engine.fire(d, "accept", actor=mediator, version=d.version,
                    data={"consent": True, "accepted_on": received})  # fmt: skip
    d = engine.fire(d, "record_session", actor=mediator, version=d.version,
                    data={"held_on": received, "place": "调解室", "notes": "记录"})  # fmt: skip
    if outcome == "succeeded":
        return engine.fire(d, "reach_agreement", actor=mediator, version=d.version,
                           data={"form": "oral", "terms": "t", "performance": "p",
                                 "effective_on": day})  # fmt: skip
    return engine.fire(d, "fail", actor=mediator, version=d.version,
                       data={"reason": "分歧大", "routes_told": ["litigation"], "decided_on": day})  # fmt: skip


@pytest.fixture
def history(world):
    hz, bz = world.haizhu_committee, world.baiyun_committee
    mh, mb = world.mediator_haizhu, world.mediator_baiyun
    d = datetime.date
    # 海珠 2025: 3 succeeded, 1 failed → 75%. 白云 2025: 1 of 1 → 100%. 海珠 2024: 1 of 1.
    for day in (d(2025, 2, 14), d(2025, 6, 3), d(2025, 11, 20)):
        _conclude(world, hz, mh, "succeeded", day, amount="1000")
    failed = _conclude(world, hz, mh, "failed", d(2025, 3, 1), amount="500")
    _conclude(world, bz, mb, "succeeded", d(2025, 7, 7), amount="250.50")
    _conclude(world, hz, mh, "succeeded", d(2024, 5, 5), amount="9")
    return failed


def test_district_success_rate_equals_the_hand_computed_value(world, history):
    figures = compute("440105", Y2025)
    rate = figures["mediation.success_rate"]
    assert (rate["numerator"], rate["denominator"], rate["value"]) == (3, 4, 75)
    assert rate["previous"] == 100
    assert figures["mediation.concluded"]["value"] == 4
    assert figures["mediation.amount_involved"]["value"] == 3500
    assert figures["mediation.received"]["previous"] == 1


def test_city_rate_is_summed_not_averaged(world, history):
    indicator = registry.get("mediation.success_rate")
    districts = [indicator.compute(p, Y2025) for p in ("440105", "440111")]
    city = indicator.compute("4401", Y2025)
    assert city.value == roll_up(districts).value == Decimal("80.00")  # 4 ÷ 5
    mean_of_rates = sum(f.value for f in districts) / 2
    assert mean_of_rates == Decimal("87.5") != city.value


def test_every_figure_links_to_as_many_cases_as_it_counts(world, history):
    for indicator in registry.all():
        if indicator.cases is None or indicator.kind == "sum":
            continue
        figure = indicator.compute("4401", Y2025)
        count = figure.numerator if indicator.kind == "ratio" else figure.value
        assert indicator.cases("4401", Y2025).count() == count, indicator.key


def test_breakdowns_by_type_committee_and_channel(world, history):
    received = registry.get("mediation.received")
    by_committee = received.breakdowns["committee"]("4401", Y2025)
    assert by_committee == {"赤岗街道人民调解委员会": 4, "景泰街道人民调解委员会": 1}
    rates = registry.get("mediation.success_rate").breakdowns["committee"]("440105", Y2025)
    assert rates == {"赤岗街道人民调解委员会": {"numerator": 3, "denominator": 4}}


def test_the_command_prints_the_documented_json(world, history):
    out = StringIO()
    call_command("indicators", "--region", "440105", "--year", "2025", "--json",
                 "--by-child", stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["region"] == "440105" and data["year"] == 2025
    rate = data["indicators"]["mediation.success_rate"]
    assert {k: rate[k] for k in ("value", "numerator", "denominator", "previous", "unit")} == {
        "value": 75, "numerator": 3, "denominator": 4, "previous": 100, "unit": "%"}  # fmt: skip
    assert data["indicators"]["mediation.received"]["numerator"] is None
    street = next(c for c in data["children"] if c["region"] == "440105001000")
    assert street["indicators"]["mediation.received"]["value"] == 4
    with pytest.raises(CommandError):
        call_command("indicators", "--region", "999999", "--year", "2025")
