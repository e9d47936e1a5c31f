"""Case-file review indicators (enforcement.review_indicators), worked by hand.

Campaign 2026 of 海珠 (seed 20260301, 4 files per body). Scored (points per §C.8's rubric):
- A 市监 100 on Mon 2027-01-04, B 市监 80 on Mon 2027-01-04, C 城管 71 on Mon 2027-02-01 — the
  first quarter of 2027; D 市监 60 on Fri 2027-04-02 — the second.
Q1 2027: files reviewed 3 (市监 2, 城管 1); mean = (100 + 80 + 71) ÷ 3 = 251 ÷ 3 = 83.67 points
(市监 180/2, 城管 71/1). Q2: 1 file, 60.00.

Rectifications (notice + 30 calendar days, SD-JD Art. 28):
- on B, notified Tue 2027-01-05: Jan 5 + 26 = Jan 31, + 4 = Thu 2027-02-04 (Q1); answered
  2027-01-20, accepted 2027-01-21.
- on C, notified Wed 2027-02-10: Feb 10 + 18 = Feb 28 (2027 is not a leap year), + 12 = Fri
  2027-03-12 (Q1); answered 2027-03-01, sent back 2027-03-02.
- on D, notified Sat 2027-04-03: Apr 3 + 27 = Apr 30, + 3 = Mon 2027-05-03 (Q2); not answered.
Rectified rate Q1 = accepted 1 ÷ due 2 = 50.00% (市监 1/1, 城管 0/1); Q2 = 0 ÷ 1 = 0.00%; the
first quarter of 2026: none due, no value. 白云 (440111): no files, no value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import enforcement.review_indicators  # noqa: F401  (registers the figures)
from enforcement import review_services as svc
from enforcement.tests import test_review as base
from enforcement.tests.conftest import on
from indicators.registry import Period, registry

D = datetime.date
FULL, drawn = base.FULL, base.drawn
perms, rw = base.perms, base.rw  # the fixtures
pytestmark = pytest.mark.django_db
Q1, Q2 = Period.quarter(2027, 1), Period.quarter(2027, 2)


def figure(key, prefix="440105", period=Q1):
    return registry.get(key).compute(prefix, period)


@pytest.fixture
def figures(rw):
    w = rw
    c = drawn(w)
    a, b, d = list(c.files.filter(agency=w.haizhu_agency).order_by("position"))[:3]
    cg = c.files.filter(agency=w.chengguan).order_by("position").first()

    def score(f, day, points):
        with on(day):
            svc.file_score(actor=w.clerk_haizhu, file=f, data={"scores": points})

    def notify(f, day):
        with on(day):
            return svc.rectification_notify(actor=w.clerk_haizhu, file=f, problem="问题")

    score(a, D(2027, 1, 4), FULL)
    score(b, D(2027, 1, 4), {**FULL, "facts": 5})  # 80
    score(cg, D(2027, 2, 1), {**FULL, "facts": 0, "law": 16})  # 71
    score(d, D(2027, 4, 2), {**FULL, "facts": 0, "law": 5})  # 60
    rb, rc, rd = notify(b, D(2027, 1, 5)), notify(cg, D(2027, 2, 10)), notify(d, D(2027, 4, 3))
    assert (rb.deadline, rc.deadline, rd.deadline) == (D(2027, 2, 4), D(2027, 3, 12),
                                                       D(2027, 5, 3))  # fmt: skip
    with on(D(2027, 1, 20)):
        svc.rectification_answer(actor=w.agency_haizhu, rectification=rb, answer="已整改")
    with on(D(2027, 1, 21)):
        svc.rectification_accept(actor=w.clerk_haizhu, rectification=rb)
    with on(D(2027, 3, 1)):
        svc.rectification_answer(actor=w.agency_chengguan, rectification=rc, answer="已整改")
    with on(D(2027, 3, 2)):
        svc.rectification_send_back(actor=w.clerk_haizhu, rectification=rc, reason="材料不全")
    return w


def test_files_reviewed(figures):
    assert figure("enforcement.files_reviewed").value == 3
    assert figure("enforcement.files_reviewed", period=Q2).value == 1
    by_body = registry.get("enforcement.files_reviewed").breakdowns["body"]("440105", Q1)
    assert by_body == {"海珠区市场监督管理局": 2, "海珠区城市管理和综合执法局": 1}
    assert figure("enforcement.files_reviewed", "440111").value == 0


def test_mean_score(figures):
    mean = figure("enforcement.review_score_mean")
    assert (mean.numerator, mean.denominator, mean.value) == (251, 3, Decimal("83.67"))
    assert figure("enforcement.review_score_mean", period=Q2).value == Decimal("60.00")
    assert figure("enforcement.review_score_mean", "440111").value is None


def test_rectified_rate(figures):
    rate = figure("enforcement.rectified_rate")
    assert (rate.numerator, rate.denominator, rate.value) == (1, 2, Decimal("50.00"))
    q2 = figure("enforcement.rectified_rate", period=Q2)
    assert (q2.numerator, q2.denominator, q2.value) == (0, 1, Decimal("0.00"))
    assert figure("enforcement.rectified_rate", period=Period.quarter(2026, 1)).value is None
    by_agency = registry.get("enforcement.rectified_rate").breakdowns["agency"]("440105", Q1)
    assert by_agency == {
        "海珠区市场监督管理局": {"numerator": 1, "denominator": 1},
        "海珠区城市管理和综合执法局": {"numerator": 0, "denominator": 1},
    }


def test_each_drilldown_lists_as_many_rows_as_the_figure(figures, client):
    """The dashboard tile's drill-down lists the rows the figure counts (for a rate, its
    numerator: the accepted rectifications): Q1 2027 in 海珠, read by the 海珠 leader. A mean
    of points has no list of its own (listed=False): its files are files_reviewed's list."""
    from django.urls import reverse

    client.force_login(figures.leader_haizhu)
    expected = {"enforcement.files_reviewed": 3, "enforcement.rectified_rate": 1}
    for key, count in expected.items():
        response = client.get(reverse("indicators:drilldown", args=[key]),
                              {"year": 2027, "quarter": 1, "region": "440105000000"})  # fmt: skip
        assert response.status_code == 200, key
        assert response.context["total"] == response.context["counted"] == count, key
    mean = client.get(reverse("indicators:drilldown", args=["enforcement.review_score_mean"]),
                      {"year": 2027, "quarter": 1, "region": "440105000000"})  # fmt: skip
    assert mean.status_code == 404
