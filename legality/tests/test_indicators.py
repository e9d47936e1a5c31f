"""Legality review indicators on reviews taken through the real submission service and process
engine, with the figures worked out by hand (legality.indicators; local definitions).

2025 (calendar of the project): 海珠区司法局 reviews (440105):
- A1 normative document of 市监, submitted Mon 3 March; 15 working days → Mon 24 March
  (4–7, 10–14, 17–21, 24 March). Opinion Fri 14 March: on time; two points, answered Thu 20
  March: 1 adopted, 2 not adopted (with reasons).
- A2 major decision of 城管, submitted Mon 3 March, due Mon 24 March (same count). Opinion Tue 1
  April: late; one point, answered Thu 3 April: not adopted.
- A3 contract of 城管, submitted Mon 10 March; 10 working days → Mon 24 March (11–14, 17–21,
  24). Opinion Thu 20 March, lawful, no point: on time; closed Fri 21 March.
- A4 contract of 市监, submitted Mon 1 December: no opinion yet.
- A5 normative document of 市监, submitted Mon 17 March, withdrawn Tue 18 March.
白云区司法局 (440111): B1 contract of 白云 发改, submitted Mon 3 March, opinion Mon 10 March
(lawful, on time: due 17 March).
2024: P1 normative document of 市监 submitted Mon 6 May 2024, opinion Fri 10 May 2024.

By hand, 海珠 2025:
- legality.reviews = 5 (A1–A5): document 2 (A1, A5), decision 1 (A2), contract 2 (A3, A4).
- legality.reviews_on_time_rate = opinions on time (A1, A3) ÷ opinions issued (A1, A2, A3)
  = 2/3 = 66.67%.
- legality.opinions_adopted_rate = points adopted (A1.1) ÷ points answered (A1.1, A1.2, A2.1)
  = 1/3 = 33.33%.
- contract.reviewed = 1 (A3; A4 has no opinion).
- legality.document_reviews = 1 (A1; A5 was withdrawn before an opinion), legality.decision_reviews
  = 1 (A2, opinion of 1 April though late: reviewed is reviewed). 海珠 2024: document 1 (P1).
广州 (4401) 2025: reviews 6; on time (2 + 1)/(3 + 1) = 75%, never the mean of 66.67% and 100%;
contract.reviewed 2. 海珠 2024: reviews 1, on time 1/1 = 100%.

counsel.government_lawyers (register, on the period's last day): C1 海珠 公职律师 since
2024-01-01; C2 海珠 公职律师 2025-06-01 until 2025-12-01; C3 海珠 法律顾问 (not counted); C4 白云
公职律师 with no start date; C5 海珠 公职律师 switched off with no end date (no known end: in no
period). 海珠 at 31 Dec 2025: C1 = 1; at 31 July 2025: C1, C2 = 2; 广州 at 31 Dec 2025: C1, C4 = 2.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators.registry import Period, registry
from legality import indicators as legality_indicators  # noqa: F401  (registers them)
from legality.choices import ReviewKind
from legality.models import Counsel
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db
Y2025, Y2024 = Period.year(2025), Period.year(2024)


def _opinion(review, day, actor, points, conclusion="lawful_if_revised"):
    with on(day):
        return fire(review, "issue_opinion", actor, **{**OPINION, "conclusion": conclusion,
                                                       "points": "\n".join(points)})  # fmt: skip


def _answers(review, day, actor, **answers):
    with on(day):
        return fire(review, "record_answers", actor, **answers)


@pytest.fixture
def history(lw):
    w, clerk = lw, lw.clerk_haizhu
    cg = {"actor": w.agency_chengguan, "department": w.chengguan}
    a1 = submit(w, D(2025, 3, 3))
    a1 = _opinion(a1, D(2025, 3, 14), clerk, ["删除第五条", "修改第八条"])
    _answers(a1, D(2025, 3, 20), w.agency_haizhu, answer_1="adopted", answer_2="not_adopted",
             reasons_2="上位法已有授权")  # fmt: skip
    a2 = submit(w, D(2025, 3, 3), "decision", **cg)
    a2 = _opinion(a2, D(2025, 4, 1), clerk, ["补充风险评估"])
    _answers(a2, D(2025, 4, 3), w.agency_chengguan, answer_1="not_adopted", reasons_1="已另行评估")
    a3 = submit(w, D(2025, 3, 10), "contract", **cg)
    a3 = _opinion(a3, D(2025, 3, 20), clerk, [], conclusion="lawful")
    _answers(a3, D(2025, 3, 21), clerk)
    submit(w, D(2025, 12, 1), "contract")
    a5 = submit(w, D(2025, 3, 17))
    with on(D(2025, 3, 18)):
        fire(a5, "withdraw", w.agency_haizhu, reason="起草单位撤回重新论证")
    b1 = submit(w, D(2025, 3, 3), "contract", actor=w.agency_baiyun, department=w.baiyun_agency,
                bureau=w.baiyun_bureau)  # fmt: skip
    _opinion(b1, D(2025, 3, 10), w.clerk_baiyun, [], conclusion="lawful")
    p1 = submit(w, D(2024, 5, 6))
    _opinion(p1, D(2024, 5, 10), clerk, [], conclusion="lawful")
    for name, kind, org, since, until, active in (
        ("C1", "government_lawyer", w.haizhu_agency, D(2024, 1, 1), None, True),
        ("C2", "government_lawyer", w.chengguan, D(2025, 6, 1), D(2025, 12, 1), False),
        ("C3", "legal_adviser", w.haizhu_bureau, D(2024, 1, 1), None, True),
        ("C4", "government_lawyer", w.baiyun_agency, None, None, True),
        ("C5", "government_lawyer", w.haizhu_agency, D(2024, 1, 1), None, False),
    ):
        Counsel.objects.create(name=name, kind=kind, organization=org,
                               region_code=org.region_id, since=since, until=until,
                               active=active)  # fmt: skip
    return w


def value(key, prefix, period):
    return registry.get(key).compute(prefix, period)


def test_reviews_by_kind(history):
    figure = value("legality.reviews", "440105", Y2025)
    assert figure.value == 5
    by_kind = registry.get("legality.reviews").breakdowns["kind"]("440105", Y2025)
    assert by_kind == {str(ReviewKind.DOCUMENT.label): 2, str(ReviewKind.DECISION.label): 1,
                       str(ReviewKind.CONTRACT.label): 2}  # fmt: skip
    assert value("legality.reviews", "4401", Y2025).value == 6
    assert value("legality.reviews", "440105", Y2024).value == 1


def test_reviews_on_time_rate(history):
    figure = value("legality.reviews_on_time_rate", "440105", Y2025)
    assert (figure.numerator, figure.denominator, figure.value) == (2, 3, Decimal("66.67"))
    city = value("legality.reviews_on_time_rate", "4401", Y2025)
    assert (city.numerator, city.denominator, city.value) == (3, 4, Decimal("75.00"))
    assert value("legality.reviews_on_time_rate", "440105", Y2024).value == Decimal("100.00")


def test_opinions_adopted_rate_counts_points(history):
    figure = value("legality.opinions_adopted_rate", "440105", Y2025)
    assert (figure.numerator, figure.denominator, figure.value) == (1, 3, Decimal("33.33"))
    # No point answered in 白云: no value, never 0%.
    assert value("legality.opinions_adopted_rate", "440111", Y2025).value is None


def test_contracts_reviewed(history):
    assert value("contract.reviewed", "440105", Y2025).value == 1
    assert value("contract.reviewed", "4401", Y2025).value == 2


def test_drafts_reviewed_by_kind_count_opinions_issued(history):
    assert value("legality.document_reviews", "440105", Y2025).value == 1
    assert value("legality.decision_reviews", "440105", Y2025).value == 1
    assert value("legality.document_reviews", "440105", Y2024).value == 1
    assert value("legality.decision_reviews", "440105", Y2024).value == 0
    # 白云's only review is a contract: no document or decision reviewed there.
    assert value("legality.document_reviews", "440111", Y2025).value == 0
    assert value("legality.document_reviews", "4401", Y2025).value == 1


def test_government_lawyers_in_the_register(history):
    assert value("counsel.government_lawyers", "440105", Y2025).value == 1
    assert value("counsel.government_lawyers", "440105", Period.month(2025, 7)).value == 2
    assert value("counsel.government_lawyers", "4401", Y2025).value == 2
    # Counted per department (issue 14 item 7): 海珠 at 31 July 2025, one each.
    by_org = registry.get("counsel.government_lawyers").breakdowns["organization"]
    assert by_org("440105", Period.month(2025, 7)) == {history.haizhu_agency.name: 1,
                                                      history.chengguan.name: 1}  # fmt: skip


def test_every_indicator_names_its_definition_source_and_line():
    keys = ["legality.reviews", "legality.reviews_on_time_rate",
            "legality.opinions_adopted_rate", "contract.reviewed", "counsel.government_lawyers"]  # fmt: skip
    for key in keys:
        indicator = registry.get(key)
        assert str(indicator.definition) and str(indicator.source), key
        assert indicator.business_line == "legality", key


def test_each_drilldown_lists_as_many_rows_as_the_figure(history, client):
    from django.urls import reverse

    client.force_login(history.leader_gz)
    expected = {"legality.reviews": 6, "legality.reviews_on_time_rate": 3,
                "legality.opinions_adopted_rate": 1, "contract.reviewed": 2,
                "counsel.government_lawyers": 2}  # fmt: skip
    for key, count in expected.items():
        response = client.get(reverse("indicators:drilldown", args=[key]), {"year": 2025})
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
