"""normative.fair_competition_reviews (公平竞争审查件数; 公平竞争审查制度, statutes-lines §B
step 1): legality reviews of drafts touching market activity (market_activity, the
fair-competition self-check a required material), counted by the day of the opinion, by
department. Defined on the legality line: the data are the legality review's.

On top of `history` (test_indicators: A1–A5, B1, P1, none touching market activity):
- F1 海珠 市监 document, market activity, submitted Tue 3 June 2025, opinion Fri 13 June 2025.
- F2 海珠 城管 decision, market activity, submitted Tue 3 June 2025, opinion Fri 20 June 2025.
- F3 海珠 市监 document, market activity, submitted Mon 1 Dec 2025: no opinion yet (not counted).
- F4 海珠 市监 document, market activity, submitted Mon 2 Dec 2024, opinion Mon 6 Jan 2025:
  counted in 2025 (the opinion's year), not in 2024 (the submission's).
- F5 白云 发改 contract, market activity, submitted Mon 3 March 2025, opinion Mon 10 March 2025.
By hand: 海珠 2025 = F1, F2, F4 = 3 (市监 2: F1, F4; 城管 1: F2); 海珠 2024 = 0; 广州 (4401)
2025 = 3 + F5 = 4; 白云 2025 = 1.
"""

from __future__ import annotations

import pytest

from indicators.registry import Period, registry
from legality.tests.conftest import submit
from legality.tests.test_indicators import D, _opinion, history  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
KEY = "normative.fair_competition_reviews"
Y2025, Y2024 = Period.year(2025), Period.year(2024)


@pytest.fixture
def market(history):  # noqa: F811
    w, clerk = history, history.clerk_haizhu
    cg = {"actor": w.agency_chengguan, "department": w.chengguan}
    f1 = submit(w, D(2025, 6, 3), market_activity=True)
    _opinion(f1, D(2025, 6, 13), clerk, ["删除限定交易的条款"])
    f2 = submit(w, D(2025, 6, 3), "decision", market_activity=True, **cg)
    _opinion(f2, D(2025, 6, 20), clerk, [], conclusion="lawful")
    submit(w, D(2025, 12, 1), market_activity=True)
    f4 = submit(w, D(2024, 12, 2), market_activity=True)
    _opinion(f4, D(2025, 1, 6), clerk, [], conclusion="lawful")
    f5 = submit(w, D(2025, 3, 3), "contract", actor=w.agency_baiyun, department=w.baiyun_agency,
                bureau=w.baiyun_bureau, market_activity=True)  # fmt: skip
    _opinion(f5, D(2025, 3, 10), w.clerk_baiyun, [], conclusion="lawful")
    return w


def test_counted_by_the_opinion_date_by_department(market):
    indicator = registry.get(KEY)
    assert indicator.compute("440105", Y2025).value == 3
    assert indicator.compute("440105", Y2024).value == 0  # F4 submitted in 2024, opinion 2025
    assert indicator.compute("4401", Y2025).value == 4
    assert indicator.compute("440111", Y2025).value == 1
    assert indicator.breakdowns["department"]("440105", Y2025) == {
        market.haizhu_agency.name: 2, market.chengguan.name: 1,
    }  # fmt: skip


def test_named_definition_source_and_line():
    indicator = registry.get(KEY)
    assert indicator.business_line == "legality"
    assert "公平竞争审查制度" in str(indicator.source)
    assert "§B" in str(indicator.source)
    assert str(indicator.definition)
