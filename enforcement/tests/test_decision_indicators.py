"""Enforcement decision indicators (enforcement.decision_indicators) on decisions reported
through the service, with 公示率 (行政执法数据公示率, reference/statutes.md §8: decisions published
on time ÷ decisions that must be published) worked out by hand.

Calendar 2026 (the project's data, chinesecalendar): 清明 Sat 4 – Mon 6 April; 劳动节 Fri 1 – Tue
5 May with the make-up working day Sat 9 May. Windows: 7 working days after the decision for
licences and penalties, 20 for the others (❓ 国办发〔2018〕118号), the decision day not counted.

The second quarter of 2026 (1 April – 30 June), 海珠:
- P1 penalty, 市监, decided Wed 29 April → Thu 30 April (1), [1–5 May], Wed 6 (2), Thu 7 (3),
  Fri 8 (4), Sat 9 调休 (5), Mon 11 (6), Tue 12 (7): due Tue 12 May; published Tue 12 May: on
  time.
- P2 penalty, 市监, decided Wed 29 April, due Tue 12 May; published Wed 13 May: late. Legal
  review required (hearing), none recorded: missing.
- P3 penalty, 市监, decided Thu 30 April → Wed 6 (1), 7, 8, Sat 9 (4), Mon 11, 12, Wed 13 (7):
  due Wed 13 May; published Wed 13 May: on time (the same day as P2, a day later in the count).
  Legal review required (complex) and done on Wed 29 April.
- I1 inspection, 市监, decided Thu 2 April → Fri 3 (1), [Mon 6 清明], 7–10 (5), 13–17 (10),
  20–24 (15), 27–30 (19), [1–5 May], Wed 6 May (20): due Wed 6 May; published Wed 6 May: on
  time. No full-process record.
- L1 licence, 市监, decided Mon 11 May, due Wed 20 May; not published (overdue): in the
  denominator only.
- S1 penalty, 市监, decided Mon 11 May, not to be published (涉及国家秘密): in neither.
- C1 penalty, 城管, decided Tue 12 May → 13, 14, 15, 18, 19, 20, 21: due Thu 21 May; published
  Thu 21 May: on time.
- P0 penalty, 市监, decided Tue 31 March (the first quarter): published on time, not counted.

Decisions Q2 = 7. 公示率 = on time (P1, P3, I1, C1) 4 ÷ to be published (7 − S1) 6 = 66.67%;
by body 市监 3/5, 城管 1/1; by kind penalty 3/4 (P1, P3, C1 of P1, P2, P3, C1), inspection 1/1,
licence 0/1. Legal review missing 1 (P2); full-process record missing 1 (I1). The first
quarter: 1 decision, 1/1 = 100.00%. The city (4401) has the same figures (白云 reported none).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from enforcement.tests.conftest import issue, officer, qualified
from enforcement.tests.decision_world import build, report
from indicators.registry import Period, registry

D = datetime.date
pytestmark = pytest.mark.django_db
Q2, Q1 = Period.quarter(2026, 2), Period.quarter(2026, 1)
SHIJIAN, CHENGGUAN = "海珠区市场监督管理局", "海珠区城市管理和综合执法局"
NOT_PENALTY = {"penalty_kinds": [], "fine_amount": None, "power_code": ""}


@pytest.fixture
def figures(ew, settings):
    w = build(ew, settings)
    sun = officer(w, w.chengguan_body, "孙丽", 16)
    qualified(w, sun, D(2025, 5, 20))
    issue(w, sun, "44010500006", D(2025, 6, 2), D(2028, 6, 1))

    def n(i):
        return f"穗海〔2026〕{i}号"

    report(w, case_number=n(1), decided_on=D(2026, 4, 29), published_on=D(2026, 5, 12))
    report(w, case_number=n(2), decided_on=D(2026, 4, 29), published_on=D(2026, 5, 13),
           legal_review_triggers=["hearing"])  # fmt: skip
    report(w, case_number=n(3), decided_on=D(2026, 4, 30), published_on=D(2026, 5, 13),
           legal_review_triggers=["complex"], legal_reviewed_on=D(2026, 4, 29))  # fmt: skip
    report(w, case_number=n(4), kind="inspection", decided_on=D(2026, 4, 2),
           published_on=D(2026, 5, 6), recorded_full_process=False, **NOT_PENALTY)  # fmt: skip
    report(w, case_number=n(5), kind="licence", decided_on=D(2026, 5, 11), **NOT_PENALTY)
    report(w, case_number=n(6), decided_on=D(2026, 5, 11), publication_required=False,
           publication_exempt_reason="涉及国家秘密")  # fmt: skip
    report(w, case_number=n(7), body=w.chengguan_body, decided_on=D(2026, 5, 12),
           published_on=D(2026, 5, 21), officers=["44010500004", "44010500006"], power_code="",
           actor=w.agency_chengguan)  # fmt: skip
    report(w, case_number=n(0), decided_on=D(2026, 3, 31), published_on=D(2026, 4, 1))
    return w


def figure(key, prefix="440105", period=Q2):
    return registry.get(key).compute(prefix, period)


def test_decisions_made_in_the_period(figures):
    assert figure("enforcement.decisions").value == 7
    assert figure("enforcement.decisions", period=Q1).value == 1
    by_body = registry.get("enforcement.decisions").breakdowns["body"]("440105", Q2)
    assert by_body == {SHIJIAN: 6, CHENGGUAN: 1}


def test_the_publicity_rate_equals_the_hand_count(figures):
    rate = figure("enforcement.published_on_time_rate")
    assert (rate.numerator, rate.denominator, rate.value) == (4, 6, Decimal("66.67"))
    city = figure("enforcement.published_on_time_rate", "4401")
    assert (city.numerator, city.denominator, city.value) == (4, 6, Decimal("66.67"))
    first = figure("enforcement.published_on_time_rate", period=Q1)
    assert (first.numerator, first.denominator, first.value) == (1, 1, Decimal("100.00"))
    # No decision in 白云: no rate, never 0%.
    assert figure("enforcement.published_on_time_rate", "440111").value is None


def test_the_rate_by_body_and_by_kind(figures):
    breakdowns = registry.get("enforcement.published_on_time_rate").breakdowns
    assert breakdowns["body"]("440105", Q2) == {
        SHIJIAN: {"numerator": 3, "denominator": 5},
        CHENGGUAN: {"numerator": 1, "denominator": 1},
    }
    by_kind = breakdowns["kind"]("440105", Q2)
    from enforcement.choices import PowerKind

    assert by_kind == {
        str(PowerKind.PENALTY.label): {"numerator": 3, "denominator": 4},
        str(PowerKind.INSPECTION.label): {"numerator": 1, "denominator": 1},
        str(PowerKind.LICENCE.label): {"numerator": 0, "denominator": 1},
    }


def test_legal_review_and_recording_missing(figures):
    assert figure("enforcement.legal_review_missing").value == 1
    assert figure("enforcement.recording_missing").value == 1


def test_the_grouped_figures_equal_the_single_queries(figures):
    for key in ("enforcement.decisions", "enforcement.published_on_time_rate",
                "enforcement.legal_review_missing", "enforcement.recording_missing"):  # fmt: skip
        indicator = registry.get(key)
        for prefix in ("440105", "4401", "440111"):
            grouped, single = indicator.compute(prefix, Q2), indicator.compute_single(prefix, Q2)
            assert (grouped.value, grouped.numerator) == (single.value, single.numerator), key


def test_every_indicator_names_its_definition_source_and_line():
    for key in ("enforcement.decisions", "enforcement.published_on_time_rate",
                "enforcement.legal_review_missing", "enforcement.recording_missing"):  # fmt: skip
        indicator = registry.get(key)
        assert str(indicator.definition) and str(indicator.source), key
        assert indicator.business_line == "enforcement", key
        assert set(indicator.breakdowns) == {"body", "kind"}, key


def test_each_drilldown_lists_as_many_rows_as_the_figure(figures, client):
    from django.urls import reverse

    client.force_login(figures.leader_gz)
    expected = {"enforcement.decisions": 7, "enforcement.published_on_time_rate": 4,
                "enforcement.legal_review_missing": 1, "enforcement.recording_missing": 1}  # fmt: skip
    for key, count in expected.items():
        response = client.get(reverse("indicators:drilldown", args=[key]),
                              {"year": 2026, "quarter": 2})  # fmt: skip
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
