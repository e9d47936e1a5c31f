"""Enforcement register indicators (enforcement.indicators; local definitions), on registers
written through the services, with the figures worked out by hand.

Bodies (register, as stood on the period's last day): 海珠 市监, 海珠 城管, 白云 市监 (all
established 2019-01-01); 赤岗街道综合行政执法队 (海珠 440105001000, entrusted, established
2025-07-01); 海珠区文化市场综合执法大队 (established 2019-01-01, abolished 2025-03-01).
- 海珠 at 2025-12-31: 市监, 城管, 赤岗 = 3 (by kind: agency 2, entrusted 1); at 2025-02-28:
  市监, 城管, 文化 = 3; 海珠 at 2024-12-31: 3 (市监, 城管, 文化); 广州 at 2025-12-31: 4.

Exams (FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS set to 0 here; pass mark 60):
- H1 海珠 sitting Wed 2025-05-20: O1 张伟 (市监) 85, O2 李强 (市监) 72, O3 王芳 (城管) 60,
  O4 赵敏 (城管) 90, O6 刘洋 (市监) 59, O7 孙丽 (城管) absent.
- B1 白云 sitting Thu 2025-05-21: O5 陈静 80, O8 周杰 40.
- H0 海珠 sitting Wed 2024-11-20: O6 刘洋 50.
exam_candidates 海珠 2025 = 5 (O7 absent not counted); pass rate 4/5 = 80.00% (by body: 市监
2/3, 城管 2/2); 广州 2025: 7 sat, 5 passed, 71.43% (recomputed from the sums, not the mean of
80% and 50%); 海珠 2024: 0/1 = 0.00%.

Certificates (all issued Mon 2025-06-02): O1 valid to 2028-06-01; O2 suspended from
2025-12-15 (not lifted); O3 valid to 2025-12-30 (expired on the 31st); O4 revoked 2025-09-01;
O5 (白云) valid. officers_certified 海珠 at 2025-12-31 = 1 (O1); at 2025-11-30 = 3 (O1, O2,
O3; by body 市监 2, 城管 1); 广州 at 2025-12-31 = 2 (O1, O5).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from enforcement import services
from enforcement.choices import BodyKind
from enforcement.models import EnforcementBody
from enforcement.tests.conftest import act, body, issue, officer, on, results, sign_up, sitting
from indicators.registry import Period, registry

D = datetime.date
pytestmark = pytest.mark.django_db
Y2025, Y2024 = Period.year(2025), Period.year(2024)


@pytest.fixture
def history(ew, settings):
    w = ew
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    with on(D(2025, 7, 1)):
        services.body_register(actor=w.clerk_haizhu, agency=w.chengguan, data={
            "name": "赤岗街道综合行政执法队", "kind": "entrusted", "legal_basis": "委托书",
            "region": "440105001000", "established_on": D(2025, 7, 1)})  # fmt: skip
    culture = body(w, w.chengguan, "海珠区文化市场综合执法大队", D(2019, 1, 1))
    services.body_update(actor=w.clerk_haizhu, body=culture, data={
        "name": culture.name, "kind": "agency", "legal_basis": "x",
        "established_on": D(2019, 1, 1), "abolished_on": D(2025, 3, 1)})  # fmt: skip
    o = {}
    for key, name, b, seed in (("O1", "张伟", w.shijian_body, 1), ("O2", "李强", w.shijian_body, 2),
                               ("O3", "王芳", w.chengguan_body, 3), ("O4", "赵敏", w.chengguan_body, 4),
                               ("O6", "刘洋", w.shijian_body, 6), ("O7", "孙丽", w.chengguan_body, 7)):  # fmt: skip
        o[key] = officer(w, b, name, seed)
    for key, name, seed in (("O5", "陈静", 5), ("O8", "周杰", 8)):
        o[key] = officer(w, w.baiyun_body, name, seed, actor=w.clerk_baiyun)
    h1 = sitting(w, D(2025, 5, 20))
    c = {k: sign_up(w, h1, o[k]) for k in ("O1", "O2", "O3", "O4", "O6", "O7")}
    results(w, h1, {c["O1"]: "85", c["O2"]: "72", c["O3"]: "60", c["O4"]: "90", c["O6"]: "59",
                    c["O7"]: "absent"})  # fmt: skip
    b1 = sitting(w, D(2025, 5, 21), bureau=w.baiyun_bureau)
    cb = {k: sign_up(w, b1, o[k], actor=w.clerk_baiyun) for k in ("O5", "O8")}
    results(w, b1, {cb["O5"]: "80", cb["O8"]: "40"}, actor=w.clerk_baiyun)
    h0 = sitting(w, D(2024, 11, 20))
    results(w, h0, {sign_up(w, h0, o["O6"]): "50"})
    day = D(2025, 6, 2)
    issue(w, o["O1"], "44010500001", day, D(2028, 6, 1))
    c2 = issue(w, o["O2"], "44010500002", day, D(2028, 6, 1))
    issue(w, o["O3"], "44010500003", day, D(2025, 12, 30))
    c4 = issue(w, o["O4"], "44010500004", day, D(2028, 6, 1))
    issue(w, o["O5"], "44011100005", day, D(2028, 6, 1))
    act(w, "suspend", c2, D(2025, 12, 15), "接受调查")
    act(w, "revoke", c4, D(2025, 9, 1), "严重违法")
    w.officers = o
    return w


def value(key, prefix, period):
    return registry.get(key).compute(prefix, period)


def test_bodies_in_the_register_on_the_last_day(history):
    assert value("enforcement.bodies", "440105", Y2025).value == 3
    assert value("enforcement.bodies", "440105", Period.month(2025, 2)).value == 3
    assert value("enforcement.bodies", "440105", Y2024).value == 3
    assert value("enforcement.bodies", "4401", Y2025).value == 4
    by_kind = registry.get("enforcement.bodies").breakdowns["kind"]("440105", Y2025)
    assert by_kind == {str(BodyKind.AGENCY.label): 2, str(BodyKind.ENTRUSTED.label): 1}
    assert EnforcementBody.objects.count() == 5


def test_officers_certified_on_the_last_day(history):
    assert value("enforcement.officers_certified", "440105", Y2025).value == 1
    november = Period.month(2025, 11)
    assert value("enforcement.officers_certified", "440105", november).value == 3
    assert value("enforcement.officers_certified", "4401", Y2025).value == 2
    by_body = registry.get("enforcement.officers_certified").breakdowns["body"]
    assert by_body("440105", november) == {
        "海珠区市场监督管理局": 2,
        "海珠区城市管理和综合执法局": 1,
    }


def test_exam_candidates_and_pass_rate(history):
    assert value("enforcement.exam_candidates", "440105", Y2025).value == 5
    rate = value("enforcement.exam_pass_rate", "440105", Y2025)
    assert (rate.numerator, rate.denominator, rate.value) == (4, 5, Decimal("80.00"))
    city = value("enforcement.exam_pass_rate", "4401", Y2025)
    assert (city.numerator, city.denominator, city.value) == (5, 7, Decimal("71.43"))
    old = value("enforcement.exam_pass_rate", "440105", Y2024)
    assert (old.numerator, old.denominator, old.value) == (0, 1, Decimal("0.00"))
    by_body = registry.get("enforcement.exam_pass_rate").breakdowns["body"]("440105", Y2025)
    assert by_body == {"海珠区市场监督管理局": {"numerator": 2, "denominator": 3},
                       "海珠区城市管理和综合执法局": {"numerator": 2, "denominator": 2}}  # fmt: skip
    # No exam in 2026 yet: no rate, never 0%.
    assert value("enforcement.exam_pass_rate", "440105", Period.year(2026)).value is None


def test_the_grouped_figures_equal_the_single_queries(history):
    for key in ("enforcement.bodies", "enforcement.officers_certified",
                "enforcement.exam_candidates", "enforcement.exam_pass_rate"):  # fmt: skip
        for prefix in ("440105", "4401", "440111"):
            indicator = registry.get(key)
            grouped, single = (
                indicator.compute(prefix, Y2025),
                indicator.compute_single(prefix, Y2025),
            )
            assert (grouped.value, grouped.numerator) == (single.value, single.numerator), key


def test_every_indicator_names_its_definition_source_and_line():
    for key in ("enforcement.bodies", "enforcement.officers_certified",
                "enforcement.exam_candidates", "enforcement.exam_pass_rate"):  # fmt: skip
        indicator = registry.get(key)
        assert str(indicator.definition) and str(indicator.source), key
        assert indicator.business_line == "enforcement", key


def test_each_drilldown_lists_as_many_rows_as_the_figure(history, client):
    from django.urls import reverse

    client.force_login(history.leader_gz)
    expected = {"enforcement.bodies": 4, "enforcement.officers_certified": 2,
                "enforcement.exam_candidates": 7, "enforcement.exam_pass_rate": 5}  # fmt: skip
    for key, count in expected.items():
        response = client.get(reverse("indicators:drilldown", args=[key]), {"year": 2025})
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
