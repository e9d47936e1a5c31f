"""Administrative reconsideration indicators on cases built through the case engine, with the
figures worked out by hand (行政复议法 2023 Arts. 30, 33, 41, 50, 62–74, 76; reference/statutes.md
§8: 直接纠错率, 综合纠错率).

`recon_history`, every case through the engine (`reconsideration.tests.test_clocks` helpers).
海珠 (440105), respondent 海珠区市场监督管理局 (市监) unless said, act type penalty unless said:
- R1 received Mon 2025-03-03, accepted Tue 03-04 as major; hearing held Fri 03-14 (notified
  Wed 03-05, five working days ahead, Art. 51); annulled Thu 04-03 (Art. 64): 30 days.
- R2 against 海珠区城市管理和综合执法局 (城管): received 03-10, accepted 03-11, changed Thu 04-10
  (Art. 63): 30 days.
- R3 received 03-17, accepted 03-18, declared unlawful Fri 05-16 (Art. 65): 13 + 30 + 16 = 59.
- R4 received 03-24, accepted 03-25, upheld Wed 05-14 (Art. 68): 6 + 30 + 14 = 50 days; a
  lawsuit against the decision is recorded (CaseLink LITIGATION_OF).
- R5 against 城管, government information: received 04-07, accepted 04-08, upheld Tue 05-27:
  22 + 27 = 49 days.
- R6 received 04-14, accepted 04-15, mediated Thu 05-15 (Art. 73), the respondent corrected
  the act: 30 days.
- R7 received 04-21, accepted 04-22, withdrawn after a settlement Thu 05-22 (Art. 74), the
  respondent did not correct: 30 days.
- R8 received Mon 06-09; not decided within five working days (10, 11, 12, 13, 16 June): deemed
  accepted from Mon 06-16 (Art. 30 ¶3, recorded on Tue 06-17); terminated Wed 07-16, the
  applicant company having ended without a successor (Art. 41 ¶1 (3)): 30 days.
- R9 received Mon 12-01, accepted Tue 12-02: still open.
- R10 received Mon 12-08, not accepted Tue 12-09 (Art. 30).
- 2024: P1 received Mon 2024-03-04, accepted 03-05, annulled Fri 04-12 (38 days); P2 received
  03-11, accepted 03-12, upheld Fri 04-12 (31); P3 received 03-18, accepted 03-19, upheld Fri
  04-19 (31); P4 received 03-25, accepted 03-26, withdrawn Fri 04-26 (31), nothing corrected.
白云 (440111), respondent 白云区市场监督管理局: B1 received 2025-03-03, accepted 03-04, annulled
04-03 (30 days); B2 received 03-10, accepted 03-11, upheld 04-10 (30 days).

海珠 2025, by hand:
- received 10 (R1–R10); accepted 9 (R1–R9, R8 deemed); concluded 8 (R1–R8; R9 open, R10
  never accepted); mediated or settled 2 (R6, R7); hearings 1 (R1).
- direct correction rate = corrections (R1, R2, R3) ÷ concluded by decision (R1–R5) = 3/5 = 60%.
- overall correction rate = (3 corrections + R6 mediated with the respondent correcting; R7's
  settlement corrected nothing, R8's termination is no correction) ÷ 8 concluded = 4/8 = 50%.
- not litigated = 8 concluded − R4 = 7/8 = 87.5%.
- processing time = (30 + 30 + 59 + 50 + 49 + 30 + 30 + 30) ÷ 8 = 308/8 = 38.5 days.
海珠 2024: received 4, accepted 4, concluded 4, direct 1/3 = 33.33%, overall 1/4 = 25%,
mediated or settled 0, not litigated 4/4 = 100%, processing (38 + 31 + 31 + 31)/4 = 32.75.
白云 2025: concluded 2, direct 1/2 = 50%, processing 60/2 = 30.
广州 2025: direct (3 + 1)/(5 + 2) = 4/7 = 57.14%, never the mean of 60% and 50% (55%);
processing (308 + 60)/10 = 36.8 days, not (38.5 + 30)/2 = 34.25.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseLink
from conftest import frozen_today
from core.models import Organization, OrganizationKind
from indicators.compute import compute, roll_up
from indicators.formatting import format_number
from indicators.registry import Period, registry
from indicators.rollups import (
    changed_months,
    check,
    last_closed_month,
    months_between,
    refresh,
    rollup_measures,
)
from reconsideration import indicators as recon_indicators  # noqa: F401  (registers them)
from reconsideration.choices import ActType, DecisionType, Outcome
from reconsideration.models import ReconsiderationCase
from reconsideration.services import application_register
from reconsideration.tests.test_clocks import apply, fire, on

pytestmark = pytest.mark.django_db
D = datetime.date
Y2025, Y2024 = Period.year(2025), Period.year(2024)
KEYS = [key for key in registry.keys() if key.startswith("reconsideration.")]


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def _baiyun_apply(w, day):
    with on(day):
        return application_register(
            actor=w.clerk_baiyun,
            organization=w.baiyun_bureau,
            data={
                "respondent": w.baiyun_agency.pk, "act_type": "penalty",
                "act_description": "云市监罚〔2025〕3号行政处罚决定", "requests": "撤销该处罚",
                "knew_on": (day - datetime.timedelta(days=10)).isoformat(),
            },
            parties=[{"side": "applicant", "name": "某餐饮有限公司", "kind": "organization"}],
        )  # fmt: skip


def _step(case, actor, day, name, **data):
    with on(day):
        return fire(case, name, actor, **data)


def _accept(case, actor, day, **data):
    return _step(case, actor, day, "accept", procedure="ordinary", **data)


def _decide(case, actor, day, decision_type):
    return _step(case, actor, day, "decide", decision_type=decision_type, reasons="经审查。")


def _decided(w, actor, received, accepted, concluded, decision_type, *, apply_to=None, **data):
    case = (apply_to or (lambda day: apply(w, day, **data)))(received)
    case = _accept(case, actor, accepted)
    return _decide(case, actor, concluded, decision_type)


def litigate(w, case) -> CaseLink:
    """A lawsuit against `case`'s decision, recorded as the litigation line will: a link from
    its own case (here a content type standing for that line's model) to the decision."""
    lawsuit_type, _created = ContentType.objects.get_or_create(
        app_label="litigation", model="litigationcase"
    )
    return CaseLink.objects.create(
        case_type=lawsuit_type, case_id=case.pk, kind=CaseLink.Kind.LITIGATION_OF,
        target_type=ContentType.objects.get_for_model(ReconsiderationCase), target_id=case.pk,
        region_code=case.region_code, organization=case.organization,
    )  # fmt: skip


@pytest.fixture
def recon_history(world):
    w = world
    clerk = w.clerk_haizhu
    w.other_agency = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.baiyun_agency = Organization.objects.create(
        name="白云区市场监督管理局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    other = {"respondent": w.other_agency.pk}
    # R1: major, heard, annulled.
    r1 = _accept(apply(w, D(2025, 3, 3)), clerk, D(2025, 3, 4), major=True)
    r1 = _step(r1, clerk, D(2025, 3, 5), "schedule_hearing", hearing_on="2025-03-14",
               hearing_place="复议听证室")  # fmt: skip
    r1 = _step(r1, clerk, D(2025, 3, 14), "hold_hearing")
    w.r1 = _decide(r1, clerk, D(2025, 4, 3), DecisionType.ANNUL)
    w.r2 = _decided(w, clerk, D(2025, 3, 10), D(2025, 3, 11), D(2025, 4, 10),
                    DecisionType.CHANGE, **other)  # fmt: skip
    w.r3 = _decided(w, clerk, D(2025, 3, 17), D(2025, 3, 18), D(2025, 5, 16),
                    DecisionType.DECLARE_UNLAWFUL)  # fmt: skip
    w.r4 = _decided(w, clerk, D(2025, 3, 24), D(2025, 3, 25), D(2025, 5, 14),
                    DecisionType.UPHOLD)  # fmt: skip
    w.r5 = _decided(w, clerk, D(2025, 4, 7), D(2025, 4, 8), D(2025, 5, 27),
                    DecisionType.UPHOLD, act_type=ActType.INFORMATION, **other)  # fmt: skip
    r6 = _accept(apply(w, D(2025, 4, 14)), clerk, D(2025, 4, 15))
    w.r6 = _step(r6, clerk, D(2025, 5, 15), "mediate", terms="被申请人撤回处罚决定，申请人接受。",
                 signed_by_all=True, respondent_corrected=True)  # fmt: skip
    r7 = _accept(apply(w, D(2025, 4, 21)), clerk, D(2025, 4, 22))
    w.r7 = _step(r7, clerk, D(2025, 5, 22), "withdraw", reason="双方和解，申请人撤回申请",
                 settled=True)  # fmt: skip
    r8 = apply(w, D(2025, 6, 9))
    r8 = _step(r8, clerk, D(2025, 6, 17), "deem_accepted")
    w.r8 = _step(r8, clerk, D(2025, 7, 16), "terminate", ground="no_successor",
                 reason="申请人公司注销，无权利义务承受人")  # fmt: skip
    w.r9 = _accept(apply(w, D(2025, 12, 1)), clerk, D(2025, 12, 2))
    w.r10 = _step(apply(w, D(2025, 12, 8)), clerk, D(2025, 12, 9), "refuse",
                  reason="不属于行政复议范围")  # fmt: skip
    w.p1 = _decided(w, clerk, D(2024, 3, 4), D(2024, 3, 5), D(2024, 4, 12), DecisionType.ANNUL)
    w.p2 = _decided(w, clerk, D(2024, 3, 11), D(2024, 3, 12), D(2024, 4, 12), DecisionType.UPHOLD)
    w.p3 = _decided(w, clerk, D(2024, 3, 18), D(2024, 3, 19), D(2024, 4, 19), DecisionType.UPHOLD)
    p4 = _accept(apply(w, D(2024, 3, 25)), clerk, D(2024, 3, 26))
    w.p4 = _step(p4, clerk, D(2024, 4, 26), "withdraw", reason="申请人撤回申请")
    baiyun = lambda day: _baiyun_apply(w, day)  # noqa: E731
    cb = w.clerk_baiyun
    w.b1 = _decided(w, cb, D(2025, 3, 3), D(2025, 3, 4), D(2025, 4, 3), DecisionType.ANNUL,
                    apply_to=baiyun)  # fmt: skip
    w.b2 = _decided(w, cb, D(2025, 3, 10), D(2025, 3, 11), D(2025, 4, 10), DecisionType.UPHOLD,
                    apply_to=baiyun)  # fmt: skip
    litigate(w, w.r4)
    return w


def _values(prefix, period, keys=KEYS):
    return {key: figure["value"] for key, figure in compute(prefix, period, keys).items()}


def test_the_engine_recorded_what_the_figures_count(recon_history):
    w = recon_history
    r8 = ReconsiderationCase.objects.get(pk=w.r8.pk)
    # Deemed accepted from the day the review period ended, not the day it was recorded.
    assert (r8.accepted_on, r8.deemed_accepted) == (D(2025, 6, 16), True)
    days = dict(
        ReconsiderationCase.objects.filter(region_code__startswith="440105",
                                           concluded_on__year=2025)
        .values_list("pk", "processing_days")
    )  # fmt: skip
    assert days == {w.r1.pk: 30, w.r2.pk: 30, w.r3.pk: 59, w.r4.pk: 50, w.r5.pk: 49,
                    w.r6.pk: 30, w.r7.pk: 30, w.r8.pk: 30}  # fmt: skip
    outcomes = dict(ReconsiderationCase.objects.values_list("pk", "outcome"))
    assert (outcomes[w.r6.pk], outcomes[w.r7.pk], outcomes[w.r8.pk], outcomes[w.r10.pk]) == (
        Outcome.MEDIATED, Outcome.SETTLED, Outcome.TERMINATED, Outcome.REFUSED,
    )  # fmt: skip
    assert outcomes[w.r9.pk] == ""  # still open


def test_district_figures_equal_the_worked_numbers(recon_history):
    figures = compute("440105", Y2025, KEYS)
    assert {key: figures[key]["value"] for key in KEYS} == {
        "reconsideration.received": 10,
        "reconsideration.accepted": 9,
        "reconsideration.concluded": 8,
        "reconsideration.correction_rate_direct": 60,  # 3/5
        "reconsideration.correction_rate_overall": 50,  # (3 + 1)/8
        "reconsideration.mediated_settled": 2,
        "reconsideration.processing_days_mean": 38.5,  # 308/8
        "reconsideration.not_litigated_rate": 87.5,  # 7/8
        "reconsideration.hearings": 1,
    }

    def parts(key):
        return figures[key]["numerator"], figures[key]["denominator"]

    assert parts("reconsideration.correction_rate_direct") == (3, 5)
    assert parts("reconsideration.correction_rate_overall") == (4, 8)
    assert parts("reconsideration.processing_days_mean") == (308, 8)
    assert parts("reconsideration.not_litigated_rate") == (7, 8)
    assert {key: figures[key]["previous"] for key in KEYS} == {
        "reconsideration.received": 4,
        "reconsideration.accepted": 4,
        "reconsideration.concluded": 4,
        "reconsideration.correction_rate_direct": 33.33,  # 1/3
        "reconsideration.correction_rate_overall": 25,  # 1/4
        "reconsideration.mediated_settled": 0,
        "reconsideration.processing_days_mean": 32.75,  # (38 + 31 + 31 + 31)/4
        "reconsideration.not_litigated_rate": 100,  # 4/4
        "reconsideration.hearings": 0,
    }
    for key in KEYS:  # the grouped path equals each figure's own queries
        indicator = registry.get(key)
        assert indicator.compute("4401", Y2025) == indicator.compute_single("4401", Y2025), key


def test_an_opinion_letter_counts_a_case_once_in_the_overall_rate(recon_history):
    w = recon_history
    clerk = w.clerk_haizhu
    # Opinion letters (Art. 76) after the decisions: R1 was annulled (already counted), R4
    # upheld (counted now): (3 + 1 + 1)/8 = 62.5%. The direct rate is decisions only: 60%.
    _step(w.r1, clerk, D(2025, 6, 3), "issue_opinion", opinion="规范执法程序。")
    _step(w.r4, clerk, D(2025, 6, 3), "issue_opinion", opinion="完善证据收集。")
    figures = compute("440105", Y2025, ["reconsideration.correction_rate_overall",
                                        "reconsideration.correction_rate_direct"])  # fmt: skip
    overall = figures["reconsideration.correction_rate_overall"]
    assert (overall["value"], overall["numerator"], overall["denominator"]) == (62.5, 5, 8)
    assert figures["reconsideration.correction_rate_direct"]["value"] == 60
    rows = registry.get("reconsideration.correction_rate_overall").cases("440105", Y2025)
    assert set(rows.values_list("pk", flat=True)) == {w.r1.pk, w.r2.pk, w.r3.pk, w.r4.pk,
                                                      w.r6.pk}  # fmt: skip


def test_only_a_lawsuit_link_naming_the_case_makes_it_litigated(recon_history):
    w = recon_history
    rate = registry.get("reconsideration.not_litigated_rate")
    # A link of the same kind to another model's row with R5's id names another thing.
    CaseLink.objects.create(
        case_type=ContentType.objects.get_for_model(Organization), case_id=1,
        kind=CaseLink.Kind.LITIGATION_OF,
        target_type=ContentType.objects.get_for_model(Organization), target_id=w.r5.pk,
        region_code=w.r5.region_code, organization=w.r5.organization,
    )  # fmt: skip
    # A lawsuit against an open case (R9) changes no concluded figure.
    litigate(w, w.r9)
    assert rate.compute("440105", Y2025).numerator == 7
    listed = set(rate.cases("440105", Y2025).values_list("pk", flat=True))
    assert w.r4.pk not in listed and w.r5.pk in listed and len(listed) == 7
    litigate(w, w.r5)  # 6/8
    assert rate.compute("440105", Y2025).value == 75


def test_a_period_without_a_denominator_has_no_rate_not_zero(recon_history):
    rates = [
        "reconsideration.correction_rate_direct",
        "reconsideration.correction_rate_overall",
        "reconsideration.not_litigated_rate",
        "reconsideration.processing_days_mean",
    ]
    # 2023: nothing at all. Counts are 0; rates have no value.
    y2023 = Period.year(2023)
    empty = compute("440105", y2023, KEYS)
    for key in rates:
        assert empty[key]["value"] is None and empty[key]["denominator"] == 0, key
        assert format_number(empty[key]["value"], "%") == "—"
    assert empty["reconsideration.received"]["value"] == 0
    assert (
        registry.get("reconsideration.correction_rate_direct").cases("440105", y2023).count() == 0
    )
    # July 2025: R8 terminated, nothing decided: no direct rate, but an overall rate of 0/1.
    july = compute("440105", Period.month(2025, 7), rates)
    assert july["reconsideration.correction_rate_direct"]["value"] is None
    assert (july["reconsideration.correction_rate_overall"]["value"],
            july["reconsideration.correction_rate_overall"]["denominator"]) == (0, 1)  # fmt: skip
    assert july["reconsideration.processing_days_mean"]["value"] == 30


def test_city_ratios_are_recomputed_from_sums_never_averaged(recon_history):
    for key, city, average in (
        ("reconsideration.correction_rate_direct", Decimal("57.14"), Decimal("55")),  # 4/7
        ("reconsideration.processing_days_mean", Decimal("36.8"), Decimal("34.25")),  # 368/10
    ):
        indicator = registry.get(key)
        districts = [indicator.compute(prefix, Y2025) for prefix in ("440105", "440111")]
        figure = indicator.compute("4401", Y2025)
        assert figure.value == roll_up(districts).value == city, key
        assert sum(f.value for f in districts) / 2 == average != city, key
    city = _values("4401", Y2025)
    assert (city["reconsideration.received"], city["reconsideration.concluded"]) == (12, 10)
    assert _values("440111", Y2025)["reconsideration.correction_rate_direct"] == 50


def test_every_count_drills_down_to_as_many_cases_as_it_counts(recon_history):
    for key in KEYS:
        indicator = registry.get(key)
        if indicator.cases is None:
            continue
        for prefix in ("4401", "440105", "440111"):
            for period in (Y2025, Y2024, Period.month(2025, 7)):
                figure = indicator.compute(prefix, period)
                counted = figure.numerator if indicator.kind == "ratio" else figure.value
                assert indicator.cases(prefix, period).count() == counted, (key, prefix, period)
    listed = {key for key in KEYS if registry.get(key).cases is not None}
    assert listed == set(KEYS) - {"reconsideration.processing_days_mean"}
    direct = registry.get("reconsideration.correction_rate_direct").cases("440105", Y2025)
    w = recon_history
    assert set(direct.values_list("pk", flat=True)) == {w.r1.pk, w.r2.pk, w.r3.pk}


def test_the_drilldown_pages_list_the_figure(client, recon_history):
    client.force_login(recon_history.leader_gz)
    for key in KEYS:
        indicator = registry.get(key)
        response = client.get(reverse("indicators:drilldown", args=[key]), {"year": 2025})
        if indicator.cases is None:
            assert response.status_code == 404, key
            continue
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"], key
    url = reverse("indicators:drilldown", args=["reconsideration.mediated_settled"])
    page = client.get(url, {"year": 2025})
    assert page.context["total"] == 2


def test_the_dashboard_shows_a_tile_for_each_figure_with_its_definition(client, recon_history):
    client.force_login(recon_history.leader_gz)
    response = client.get(reverse("indicators:dashboard"), {"year": 2025})
    tiles = {t.key: t for t in response.context["tiles"]}
    assert set(KEYS) <= set(tiles)
    direct = tiles["reconsideration.correction_rate_direct"]
    assert (direct.display, direct.numerator, direct.denominator) == ("57.1%", 4, 7)
    assert direct.definition == str(registry.get(direct.key).definition) and direct.source
    # 广州 2024 (海珠 only): 1/3 = 33.33%; 同比 in points: 57.14 − 33.33 = 23.81 → 23.8.
    assert direct.delta == Decimal("23.8")
    mean = tiles["reconsideration.processing_days_mean"]
    assert mean.display == "36.80" and not mean.drillable  # a mean lists nothing
    assert (
        tiles["reconsideration.received"].value == 12
        and tiles["reconsideration.received"].drillable
    )


def test_breakdowns_by_respondent_act_type_decision_and_outcome(recon_history):
    market, city_admin = "海珠区市场监督管理局", "海珠区城市管理和综合执法局"
    received = registry.get("reconsideration.received").breakdowns
    assert received["respondent"]("440105", Y2025) == {market: 8, city_admin: 2}
    assert received["act_type"]("440105", Y2025) == {str(ActType.PENALTY.label): 9,
                                                     str(ActType.INFORMATION.label): 1}  # fmt: skip
    direct = registry.get("reconsideration.correction_rate_direct").breakdowns
    # 市监: R1 annulled, R3 unlawful, R4 upheld; 城管: R2 changed, R5 upheld.
    assert direct["respondent"]("440105", Y2025) == {
        market: {"numerator": 2, "denominator": 3},
        city_admin: {"numerator": 1, "denominator": 2},
    }
    assert direct["decision_type"]("440105", Y2025) == {
        str(DecisionType.ANNUL.label): {"numerator": 1, "denominator": 1},
        str(DecisionType.CHANGE.label): {"numerator": 1, "denominator": 1},
        str(DecisionType.DECLARE_UNLAWFUL.label): {"numerator": 1, "denominator": 1},
        str(DecisionType.UPHOLD.label): {"numerator": 0, "denominator": 2},
    }
    concluded = registry.get("reconsideration.concluded").breakdowns["outcome"]("440105", Y2025)
    assert concluded == {
        str(Outcome.DECIDED.label): 5, str(Outcome.MEDIATED.label): 1,
        str(Outcome.SETTLED.label): 1, str(Outcome.TERMINATED.label): 1,
    }  # fmt: skip
    overall = registry.get("reconsideration.correction_rate_overall").breakdowns["outcome"]
    assert overall("440105", Y2025)[str(Outcome.MEDIATED.label)] == {
        "numerator": 1, "denominator": 1}  # fmt: skip
    mean = registry.get("reconsideration.processing_days_mean").breakdowns["respondent"]
    assert mean("440105", Y2025) == {
        market: {"numerator": 30 + 59 + 50 + 30 + 30 + 30, "denominator": 6},
        city_admin: {"numerator": 30 + 49, "denominator": 2},
    }


def test_every_indicator_names_its_line_definition_source_and_unit(recon_history):
    assert set(KEYS) == {
        f"reconsideration.{name}"
        for name in ("received", "accepted", "concluded", "correction_rate_direct",
                     "correction_rate_overall", "mediated_settled", "processing_days_mean",
                     "not_litigated_rate", "hearings")
    }  # fmt: skip
    for key in KEYS:
        indicator = registry.get(key)
        assert indicator.business_line == "reconsideration", key
        assert str(indicator.name) and str(indicator.definition) and str(indicator.source), key
        assert str(indicator.unit), key
        assert indicator.declared, key  # one grouped query for the whole line
    mean = registry.get("reconsideration.processing_days_mean")
    assert mean.percent is False and not mean.in_points
    assert registry.get("reconsideration.correction_rate_overall").in_points


def test_the_rollups_take_the_measures_and_follow_a_lawsuit_recorded_later(recon_history):
    w = recon_history
    keys = rollup_measures()
    assert {"reconsideration.received:numerator", "reconsideration.concluded:numerator",
            "reconsideration.correction_rate_direct:numerator",
            "reconsideration.correction_rate_direct:denominator",
            "reconsideration.correction_rate_overall:numerator",
            "reconsideration.processing_days_mean:numerator",
            "reconsideration.not_litigated_rate:numerator"} <= set(keys)  # fmt: skip
    prefixes = ("4401", "440105", "440111")
    before = {prefix: compute(prefix, Y2025, KEYS) for prefix in prefixes}
    last = last_closed_month(frozen_today())
    assert refresh(months_between(D(2024, 1, 1), last)) > 0
    for prefix, figures in before.items():
        assert compute(prefix, Y2025, KEYS) == figures, prefix
    end = (last + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    whole = Period(D(2024, 1, 1), end)
    for prefix in ("", "44", *prefixes):
        assert check(prefix, whole) == [], prefix
    # A lawsuit against R5 (upheld 27 May 2025) recorded after the refresh: May is marked
    # changed and counted live again, so the figure follows at once (6/8 = 75%).
    link = litigate(w, w.r5)
    assert D(2025, 5, 1) in changed_months()
    assert _values("440105", Y2025)["reconsideration.not_litigated_rate"] == 75
    refresh(changed_months())
    assert check("440105", whole) == []
    assert _values("440105", Y2025)["reconsideration.not_litigated_rate"] == 75
    link.delete()  # …and removed again: 7/8
    assert _values("440105", Y2025)["reconsideration.not_litigated_rate"] == 87.5
    # An opinion letter after the refresh is the case's own change (the overall rate).
    refresh(changed_months())
    _step(w.r5, w.clerk_haizhu, D(2025, 6, 3), "issue_opinion", opinion="依法公开政府信息。")
    assert _values("440105", Y2025)["reconsideration.correction_rate_overall"] == 62.5
