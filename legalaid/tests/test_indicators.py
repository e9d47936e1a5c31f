"""Legal aid indicators on hand-built cases with worked numbers (法律援助法第四十三条: review and
decision; statutes §8: losses recovered over closed cases).

The data (`aid_history`), every case in 海珠 (440105) through the case engine, in 白云 (440111)
with fields set directly where only the figure matters. Review days are working days after the
day of receipt up to the decision day (legalaid.process.review_days); the local target is one
working day (FAZHI_LEGALAID_TARGET_WORKING_DAYS).

海珠:
- A1 received Mon 2025-03-03, granted Tue 03-04 (1 day, within target), assigned 陈律师,
  concluded 05-20 with 12000.50元 recovered, file submitted 05-26, archived 06-03 (closed);
  received online.
- A2 received Mon 2025-04-07, granted Wed 04-09 (2 days), assigned 黄律师, concluded 08-01 with
  3000元, file submitted 08-05, archived 08-12 (closed).
- A3 (criminal defence) received Mon 2025-09-01, refused Wed 09-03 (2 days).
- A4 received Mon 2025-12-29, granted Tue 12-30 (1 day, within target).
- A5 received Wed 2025-12-31, not decided.
- A6 received Mon 2024-12-30, granted Thu 2025-01-02 (12-31 a working day, 1 January a
  holiday: 2 days): a 2024 application, a 2025 decision.
- C0 received Mon 2024-03-04, granted Tue 03-05 (1 day), closed 2024-09-02 with 10000元.
白云:
- B1 received Mon 2025-03-10, granted Tue 03-11 (1 day), closed 2025-10-20 with 500元 (黄律师).
- B2 received Tue 2025-05-06, refused Wed 05-07 (1 day).

2025 海珠: applications 5, decisions 5 of which granted 4 (80%), review days 1+2+2+1+2 = 8
(mean 1.6), within target 2 of 5 (40%), closed 2, recovered 15000.50元; 2024: applications 2,
granted 1 of 1, closed 1, recovered 10000元, review 1 day.
2025 白云: applications 2, granted 1 of 2 (50%), review 2 days over 2 (mean 1), within target
2 of 2 (100%), closed 1, recovered 500元.
2025 广州: applications 7, granted 5 of 7 (71.43%), review 10 days over 7 (1.43), within target 4
of 7 (57.14%), closed 3, recovered 15500.50元.
Consultations 2025: 海珠 3 (window 2, hotline 1), 白云 1 (online); 2024: 海珠 1.
Removals: 林律师 removed on 2025-03-15 (effective); 黄律师 proposed for 2025 (not effective).
Subsidies: A1 1500元 paid 2025-06-20, A2 2000.50元 paid 2025-09-10, C0 800元 not paid.
Applications on a personal commitment (告知承诺): every application (the factory's default).

`aid_measures` adds, to the same data, A2 made on proof instead of a commitment, and:
- lottery draws (摇珠), by the moment drawn in China's time: 海珠 A1 2025-03-06 and A2
  2025-04-11 drawn by lot, A1 2025-03-05 by rotation (nobody opted in), A2 2025-04-10
  cancelled, C0 2024-12-31 23:00 (15:00 UTC) by lot; 白云 B1 2025-03-12 by lot;
- evaluations (one row per evaluator): 海珠 A1's hearing of 2025-04-01 by three experts, A2's
  of 2025-05-01 by one, A1's file on 2025-06-05, C0's hearing on 2024-12-31; 白云 B1's hearing
  on 2025-03-20 and its file on 2025-03-21.
2025: lottery draws 海珠 2, 白云 1, 广州 3; applications on commitment 海珠 4, 白云 2, 广州 6;
hearing evaluations 海珠 4 (人次), 白云 1, 广州 5; file evaluations 海珠 1, 白云 1, 广州 2.
2024 海珠: 1 draw, 2 applications on commitment (C0, A6), 1 hearing evaluation, no file.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases import engine
from conftest import frozen_today
from indicators import dashboard
from indicators.compute import compute, roll_up
from indicators.registry import Period, registry
from indicators.rollups import check, last_closed_month, months_between, refresh, rollup_measures
from legalaid.choices import AssignmentMethod, Category, Hardship, Matter
from legalaid.models import (
    AidCase,
    Consultation,
    Criterion,
    Draw,
    Evaluation,
    PoolMember,
    Removal,
    Subsidy,
)
from legalaid.tests.factories import make_application

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
Y2025, Y2024 = Period.year(2025), Period.year(2024)
D = datetime.date
KEYS = [key for key in registry.keys() if key.startswith("legalaid.")]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def _apply(centre, clerk, received: datetime.date, **data) -> AidCase:
    return make_application(organization=centre, actor=clerk, received_at=_at(received),
                            on_date=received, **data)  # fmt: skip


def _fire(case, name, actor, **data):
    return engine.fire(case, name, actor=actor, version=case.version, data=data)


def _decide(case, actor, day, *, grant=True):
    if grant:
        return _fire(case, "grant", actor, on_date=day)
    return _fire(case, "refuse", actor, on_date=day, reason="不符合经济困难条件")


def _close(case, actor, lawyer, *, assigned, concluded, submitted, archived, recovered):
    case = _fire(case, "assign", actor, on_date=assigned, lawyer=lawyer.pk, reason="值班安排")
    case = _fire(case, "conclude", actor, on_date=concluded, result="judgment_won",
                 recovered_losses=Decimal(recovered), report="经仲裁裁决，追回欠薪。")  # fmt: skip
    case = _fire(case, "submit_file", actor, on_date=submitted)
    return _fire(case, "archive", actor, on_date=archived, grade="good")


@pytest.fixture
def aid_history(aid_world):
    w = aid_world
    hz, clerk = w.haizhu_centre, w.aid_clerk_haizhu
    by, clerk_b = w.baiyun_centre, w.aid_clerk_baiyun
    w.a1 = _decide(_apply(hz, clerk, D(2025, 3, 3), channel="online"), clerk, D(2025, 3, 4))
    w.a1 = _close(w.a1, clerk, w.lawyer_a1, assigned=D(2025, 3, 5), concluded=D(2025, 5, 20),
                  submitted=D(2025, 5, 26), archived=D(2025, 6, 3), recovered="12000.50")  # fmt: skip
    w.a2 = _decide(_apply(hz, clerk, D(2025, 4, 7)), clerk, D(2025, 4, 9))
    w.a2 = _close(w.a2, clerk, w.lawyer_b1, assigned=D(2025, 4, 10), concluded=D(2025, 8, 1),
                  submitted=D(2025, 8, 5), archived=D(2025, 8, 12), recovered="3000")  # fmt: skip
    a3 = _apply(hz, clerk, D(2025, 9, 1), matter=Matter.CRIMINAL,
                category=Category.CRIMINAL_DEFENCE)  # fmt: skip
    _decide(a3, clerk, D(2025, 9, 3), grant=False)
    _decide(_apply(hz, clerk, D(2025, 12, 29)), clerk, D(2025, 12, 30))
    _apply(hz, clerk, D(2025, 12, 31))
    _decide(_apply(hz, clerk, D(2024, 12, 30)), clerk, D(2025, 1, 2))
    w.c0 = _decide(_apply(hz, clerk, D(2024, 3, 4)), clerk, D(2024, 3, 5))
    AidCase.objects.filter(pk=w.c0.pk).update(
        outcome="closed", state="archived", closed_at=_at(D(2024, 9, 2), 15),
        recovered_losses=Decimal("10000"), lawyer=w.lawyer_a1,
    )  # fmt: skip
    b1 = _decide(_apply(by, clerk_b, D(2025, 3, 10)), clerk_b, D(2025, 3, 11))
    AidCase.objects.filter(pk=b1.pk).update(
        outcome="closed", state="archived", closed_at=_at(D(2025, 10, 20), 15),
        recovered_losses=Decimal("500"), lawyer=w.lawyer_b1,
    )  # fmt: skip
    _decide(_apply(by, clerk_b, D(2025, 5, 6)), clerk_b, D(2025, 5, 7), grant=False)
    for centre, day, channel in (
        (hz, D(2025, 1, 6), "window"), (hz, D(2025, 7, 1), "hotline"),
        (hz, D(2025, 12, 31), "window"), (hz, D(2024, 12, 31), "window"),
        (by, D(2025, 4, 2), "online"),
    ):  # fmt: skip
        Consultation.objects.create(organization=centre, region_code=centre.region_id,
                                    on_date=day, channel=channel, category=Category.WAGES)  # fmt: skip
    members = {m.lawyer_id: m for m in PoolMember.objects.filter(centre=hz)}
    for lawyer, year, state, effective in ((w.lawyer_a2, 2024, "effective", D(2025, 3, 15)),
                                           (w.lawyer_b1, 2025, "proposed", None)):  # fmt: skip
        Removal.objects.create(
            member=members[lawyer.pk], year=year, rank=3, score=Decimal("61.50"), state=state,
            noticed_on=D(year + 1, 1, 20), appeal_until=D(year + 1, 2, 4),
            effective_on=effective, region_code=hz.region_id, centre=hz,
        )  # fmt: skip
    for case, lawyer, amount, paid in ((w.a1, w.lawyer_a1, "1500", D(2025, 6, 20)),
                                       (w.a2, w.lawyer_b1, "2000.50", D(2025, 9, 10)),
                                       (w.c0, w.lawyer_a1, "800", None)):  # fmt: skip
        Subsidy.objects.create(
            case=case, lawyer=lawyer, firm=lawyer.organization, month=(paid or D(2025, 12, 1)),
            base=Decimal(amount), amount=Decimal(amount), paid_on=paid, centre=hz,
            region_code=hz.region_id,
        )  # fmt: skip
    return w


def test_the_engine_measured_the_review_days_worked_out_by_hand(aid_history):
    days = dict(
        AidCase.objects.filter(region_code__startswith="440105", decision="granted")
        .values_list("received_at__date", "review_days")
    )  # fmt: skip
    assert days[D(2025, 3, 3)] == 1 and days[D(2025, 4, 7)] == 2
    assert days[D(2024, 12, 30)] == 2  # 31 December worked, 1 January a holiday


def test_district_figures_equal_the_worked_numbers(aid_history):
    figures = compute("440105", Y2025, KEYS)
    value = {key: figures[key]["value"] for key in KEYS}
    assert value == {
        "legalaid.applications": 5,
        "legalaid.granted": 4,
        "legalaid.grant_rate": 80,
        "legalaid.review_days_mean": 1.6,
        "legalaid.review_within_target_rate": 40,
        "legalaid.cases_closed": 2,
        "legalaid.recovered_losses": 15000.5,
        "legalaid.consultations": 3,
        "legalaid.lawyers_removed": 1,
        "legalaid.subsidies_paid": 3500.5,
        "legalaid.commitment_applications": 5,  # every application (the factory's default)
        "legalaid.lottery_draws": 0,
        "legalaid.hearing_evaluations": 0,
        "legalaid.file_evaluations": 0,
    }
    assert (figures["legalaid.grant_rate"]["numerator"],
            figures["legalaid.grant_rate"]["denominator"]) == (4, 5)  # fmt: skip
    assert (figures["legalaid.review_days_mean"]["numerator"],
            figures["legalaid.review_days_mean"]["denominator"]) == (8, 5)  # fmt: skip
    previous = {key: figures[key]["previous"] for key in KEYS}
    assert previous["legalaid.applications"] == 2  # C0 and A6
    assert previous["legalaid.granted"] == 1 and previous["legalaid.grant_rate"] == 100
    assert previous["legalaid.review_days_mean"] == 1
    assert previous["legalaid.cases_closed"] == 1
    assert previous["legalaid.recovered_losses"] == 10000
    assert previous["legalaid.consultations"] == 1
    assert previous["legalaid.subsidies_paid"] == 0  # C0's subsidy is not paid


def test_city_ratios_are_recomputed_from_sums_never_averaged(aid_history):
    for key, city, average in (
        ("legalaid.grant_rate", Decimal("71.43"), Decimal("65")),  # 5 ÷ 7; (80 + 50) ÷ 2
        ("legalaid.review_days_mean", Decimal("1.43"), Decimal("1.3")),  # 10 ÷ 7; (1.6 + 1) ÷ 2
        ("legalaid.review_within_target_rate", Decimal("57.14"), Decimal("70")),  # 4 ÷ 7
    ):
        indicator = registry.get(key)
        districts = [indicator.compute(prefix, Y2025) for prefix in ("440105", "440111")]
        figure = indicator.compute("4401", Y2025)
        assert figure.value == roll_up(districts).value == city, key
        assert sum(f.value for f in districts) / 2 == average != city, key
    counts = compute("4401", Y2025, KEYS)
    assert counts["legalaid.applications"]["value"] == 7
    assert counts["legalaid.cases_closed"]["value"] == 3
    assert counts["legalaid.recovered_losses"]["value"] == 15500.5


def test_every_count_drills_down_to_as_many_rows_as_it_counts(aid_history):
    for key in KEYS:
        indicator = registry.get(key)
        if indicator.cases is None or indicator.kind == "sum":
            continue
        for prefix in ("4401", "440105", "440111"):
            for period in (Y2025, Y2024):
                figure = indicator.compute(prefix, period)
                counted = figure.numerator if indicator.kind == "ratio" else figure.value
                assert indicator.cases(prefix, period).count() == counted, (key, prefix, period)
    listed = {key for key in KEYS if registry.get(key).cases is not None}
    assert "legalaid.applications" in listed and "legalaid.review_days_mean" not in listed


def test_the_drilldown_pages_list_the_figure(client, aid_history):
    client.force_login(aid_history.leader_gz)
    for key in KEYS:
        indicator = registry.get(key)
        url = reverse("indicators:drilldown", args=[key])
        response = client.get(url, {"year": 2025})
        if indicator.cases is None or indicator.kind == "sum":
            assert response.status_code == 404, key
            continue
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"], key
    page = client.get(reverse("indicators:drilldown", args=["legalaid.lawyers_removed"]),
                      {"year": 2025})  # fmt: skip
    assert "林律师" in page.content.decode() and "黄律师" not in page.content.decode()


def test_the_dashboard_shows_a_tile_for_each_figure_and_the_mean_in_days(client, aid_history):
    client.force_login(aid_history.leader_gz)
    response = client.get(reverse("indicators:dashboard"), {"year": 2025})
    tiles = {t.key: t for t in response.context["tiles"]}
    assert set(KEYS) <= set(tiles)
    assert tiles["legalaid.applications"].value == 7 and tiles["legalaid.applications"].drillable
    mean = tiles["legalaid.review_days_mean"]
    # 1.43 working days against 1 in 2024 (C0): up 43%, not "percentage points", no "%".
    assert mean.display == "1.43" and mean.unit == str(registry.get(mean.key).unit)
    assert mean.delta == Decimal("43.0") and not mean.drillable
    assert mean.yoy == dashboard.yoy_phrase(Decimal("1.43"), Decimal("1"), ratio=False)
    assert tiles["legalaid.grant_rate"].yoy == dashboard.yoy_phrase(
        Decimal("71.43"), Decimal("100"), ratio=True
    )  # 同比 in points for a percentage
    assert not tiles["legalaid.recovered_losses"].drillable  # a sum lists nothing


def test_breakdowns_by_matter_channel_category_and_lawyer(aid_history):
    applications = registry.get("legalaid.applications").breakdowns
    civil, criminal = str(Matter.CIVIL.label), str(Matter.CRIMINAL.label)
    assert applications["matter"]("440105", Y2025) == {civil: 4, criminal: 1}
    assert applications["category"]("440105", Y2025) == {
        str(Category.WAGES.label): 4, str(Category.CRIMINAL_DEFENCE.label): 1}  # fmt: skip
    channels = applications["channel"]("440105", Y2025)
    assert sorted(channels.values()) == [1, 4] and sum(channels.values()) == 5
    rate = registry.get("legalaid.grant_rate").breakdowns["matter"]("440105", Y2025)
    assert rate == {civil: {"numerator": 4, "denominator": 4},
                    criminal: {"numerator": 0, "denominator": 1}}  # fmt: skip
    # A mean's breakdown gives each centre's Σ days and decisions, to divide per centre.
    mean = registry.get("legalaid.review_days_mean").breakdowns["centre"]("4401", Y2025)
    assert mean == {"海珠区法律援助中心": {"numerator": 8, "denominator": 5},
                    "白云区法律援助中心": {"numerator": 2, "denominator": 2}}  # fmt: skip
    closed = registry.get("legalaid.cases_closed").breakdowns["lawyer"]("4401", Y2025)
    assert closed == {"陈律师": 1, "黄律师": 2}
    recovered = registry.get("legalaid.recovered_losses").breakdowns["lawyer"]("4401", Y2025)
    assert recovered == {"陈律师": Decimal("12000.50"), "黄律师": Decimal("3500.00")}
    paid = registry.get("legalaid.subsidies_paid").breakdowns["lawyer"]("440105", Y2025)
    assert paid == {"陈律师": Decimal("1500.00"), "黄律师": Decimal("2000.50")}
    consultations = registry.get("legalaid.consultations").breakdowns["channel"]("4401", Y2025)
    assert sorted(consultations.values()) == [1, 1, 2]


def test_every_indicator_names_its_line_source_and_unit(aid_history):
    for key in KEYS:
        indicator = registry.get(key)
        assert indicator.business_line == "legalaid", key
        assert str(indicator.name) and str(indicator.definition) and str(indicator.source), key
        assert str(indicator.unit), key
    assert registry.get("legalaid.review_days_mean").percent is False
    assert not registry.get("legalaid.review_days_mean").in_points
    assert registry.get("legalaid.grant_rate").in_points


def test_the_rollups_take_the_measures_and_check_equal(aid_history):
    keys = rollup_measures()
    assert {"legalaid.applications:numerator", "legalaid.grant_rate:denominator",
            "legalaid.review_days_mean:numerator", "legalaid.recovered_losses:numerator",
            "legalaid.consultations:numerator", "legalaid.lawyers_removed:numerator",
            "legalaid.subsidies_paid:numerator", "legalaid.commitment_applications:numerator",
            "legalaid.lottery_draws:numerator", "legalaid.hearing_evaluations:numerator",
            "legalaid.file_evaluations:numerator"} <= set(keys)  # fmt: skip
    before = {prefix: compute(prefix, Y2025, KEYS) for prefix in ("4401", "440105", "440111")}
    by_matter = registry.get("legalaid.recovered_losses").breakdowns["matter"]
    matter_before = by_matter("4401", Y2025)
    assert matter_before == {str(Matter.CIVIL.label): Decimal("15500.50")}
    assert refresh(months_between(D(2024, 1, 1), last_closed_month(frozen_today()))) > 0
    for prefix, figures in before.items():
        assert compute(prefix, Y2025, KEYS) == figures, prefix
    # Read from the stored months now; a sum keeps its cents (15500.50, not 15500).
    assert by_matter("4401", Y2025) == matter_before
    last = last_closed_month(frozen_today())
    end = (last + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    whole = Period(D(2024, 1, 1), end)  # every closed month since the data begin
    for prefix in ("", "44", "4401", "440105", "440111"):
        assert check(prefix, whole) == [], prefix
    out = StringIO()
    call_command("rollups", "check", stdout=out)  # `fazhi rollups check`: exit 0
    assert out.getvalue().strip()


MEASURES = ["legalaid.lottery_draws", "legalaid.commitment_applications",
            "legalaid.hearing_evaluations", "legalaid.file_evaluations"]  # fmt: skip


def _draw(case, drawn_at, *, method=AssignmentMethod.LOTTERY, state=Draw.State.DRAWN):
    centre = case.organization
    drawn = state == Draw.State.DRAWN
    return Draw.objects.create(
        case=case, public_code=f"YZ-{Draw.objects.count() + 1}", announcement="劳动报酬纠纷一件",
        matter=case.matter, category=case.category,
        announced_at=drawn_at - datetime.timedelta(days=1), closes_at=drawn_at,
        commitment="0" * 64, state=state, method=method if drawn else "",
        drawn_at=drawn_at if drawn else None, organization=centre, region_code=centre.region_id,
    )  # fmt: skip


def _evaluate(lawyer, kind, day, case, *, evaluator="专家"):
    centre = case.organization
    return Evaluation.objects.create(
        lawyer=lawyer, case=case, kind=kind, evaluated_on=day, scores={}, score=Decimal("80"),
        evaluator=evaluator, centre=centre, region_code=centre.region_id,
    )  # fmt: skip


@pytest.fixture
def aid_measures(aid_history):
    w = aid_history
    b1 = AidCase.objects.get(region_code__startswith="440111", received_at=_at(D(2025, 3, 10)))
    AidCase.objects.filter(pk=w.a2.pk).update(hardship=Hardship.PROOF)
    _draw(w.a1, _at(D(2025, 3, 6), 10))
    _draw(w.a2, _at(D(2025, 4, 11), 10))
    _draw(w.a1, _at(D(2025, 3, 5), 10), method=AssignmentMethod.ROTATION)
    _draw(w.a2, _at(D(2025, 4, 10), 10), state=Draw.State.CANCELLED)
    _draw(w.c0, _at(D(2024, 12, 31), 23))
    _draw(b1, _at(D(2025, 3, 12), 10))
    hearing, file = Criterion.Kind.HEARING, Criterion.Kind.FILE
    for expert in ("甲", "乙", "丙"):
        _evaluate(w.lawyer_a1, hearing, D(2025, 4, 1), w.a1, evaluator=expert)
    _evaluate(w.lawyer_b1, hearing, D(2025, 5, 1), w.a2)
    _evaluate(w.lawyer_a1, file, D(2025, 6, 5), w.a1)
    _evaluate(w.lawyer_a1, hearing, D(2024, 12, 31), w.c0)
    _evaluate(w.lawyer_b1, hearing, D(2025, 3, 20), b1)
    _evaluate(w.lawyer_b1, file, D(2025, 3, 21), b1)
    return w


def test_the_counted_measures_equal_the_worked_numbers(aid_measures):
    values = {prefix: {key: figure["value"] for key, figure in compute(prefix, Y2025,
                                                                        MEASURES).items()}
              for prefix in ("4401", "440105", "440111")}  # fmt: skip
    assert values == {
        "440105": {"legalaid.lottery_draws": 2, "legalaid.commitment_applications": 4,
                   "legalaid.hearing_evaluations": 4, "legalaid.file_evaluations": 1},
        "440111": {"legalaid.lottery_draws": 1, "legalaid.commitment_applications": 2,
                   "legalaid.hearing_evaluations": 1, "legalaid.file_evaluations": 1},
        "4401": {"legalaid.lottery_draws": 3, "legalaid.commitment_applications": 6,
                 "legalaid.hearing_evaluations": 5, "legalaid.file_evaluations": 2},
    }  # fmt: skip
    previous = compute("440105", Y2025, MEASURES)
    assert {key: previous[key]["previous"] for key in MEASURES} == {
        "legalaid.lottery_draws": 1, "legalaid.commitment_applications": 2,
        "legalaid.hearing_evaluations": 1, "legalaid.file_evaluations": 0,
    }  # fmt: skip
    for key in MEASURES:  # the grouped path equals each figure's own queries
        indicator = registry.get(key)
        assert indicator.compute("4401", Y2025) == indicator.compute_single("4401", Y2025), key
        assert indicator.business_line == "legalaid" and str(indicator.definition), key
    draws = registry.get("legalaid.lottery_draws").breakdowns["centre"]("4401", Y2025)
    assert draws == {"海珠区法律援助中心": 2, "白云区法律援助中心": 1}


def test_the_counted_measures_drill_down_to_as_many_rows_as_they_count(client, aid_measures):
    for key in MEASURES:
        indicator = registry.get(key)
        for prefix in ("4401", "440105", "440111"):
            for period in (Y2025, Y2024):
                figure = indicator.compute(prefix, period)
                assert indicator.cases(prefix, period).count() == figure.value, (key, prefix)
    client.force_login(aid_measures.leader_gz)
    for key in MEASURES:
        response = client.get(reverse("indicators:drilldown", args=[key]), {"year": 2025})
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] > 0, key
    page = client.get(reverse("indicators:drilldown", args=["legalaid.lottery_draws"]),
                      {"year": 2025}).content.decode()  # fmt: skip
    assert page.count("YZ-") == 3  # the three 2025 draws by lot in 广州, by their number


def test_the_counted_measures_roll_up_and_check_equal(aid_measures):
    before = {prefix: compute(prefix, Y2025, MEASURES) for prefix in ("4401", "440105")}
    assert refresh(months_between(D(2024, 1, 1), last_closed_month(frozen_today()))) > 0
    for prefix, figures in before.items():
        assert compute(prefix, Y2025, MEASURES) == figures, prefix
    for prefix in ("", "4401", "440105", "440111"):
        assert check(prefix, Y2025) == [] and check(prefix, Y2024) == [], prefix
    # A draw made later in a rolled-up month is seen (the month is read live again).
    _draw(aid_measures.a2, _at(D(2025, 4, 20), 10))
    assert registry.get("legalaid.lottery_draws").compute("440105", Y2025).value == 3
