"""Major decision indicators on decisions and catalogues taken through the real services and
process engine, with the figures worked out by hand (decisions.indicators).

2026, 海珠 (440105):
- Catalogue of 海珠 市监: items 1, 2 published Tue 10 Feb (Party committee 5 Feb); adjusted
  Wed 1 July: item 2 removed, items 3 and 4 added. Catalogue of 海珠 城管: 3 items, never
  published (not counted). 白云 发改: 1 item published 10 Feb.
  decision.catalogued at 30 June: items 1, 2 = 2; at 31 Dec: items 1, 3, 4 = 3; 广州 (4401) at
  31 Dec: 3 + 1 = 4.
- D1 (市监): comment period opened Fri 3 July, 30 days; comment Fri 10 July; handling
  published 4 Aug; decided Fri 18 Sept; publication window 20 WD → Thu 22 Oct; published Thu
  22 Oct: on time.
- D2 (市监): exempt from public participation (reasons); decided Fri 28 Aug; published Fri 20
  Nov: window 20 WD from 28 Aug → 31 Aug–4 Sept (5), 7–11 (10), 14–18 (15), 20 Sept 调休
  (16), 21–24 (20) → Thu 24 Sept; 20 Nov is late.
- D3 (城管): comment period opened Mon 2 Nov for 15 days with reasons; two comments, Tue 3
  and Wed 4 Nov. D4 (市监): opened Mon 2 Nov, 30 days, one comment Tue 10 Nov.
By hand: with_all_procedures_rate = 2 ÷ 2 (D1, D2) = 100%; public_comments = 1 + 2 + 1 = 4
(白云 0); comment_compliance_rate = 3 ÷ 3 (D1 30 days, D3 15 days with reasons, D4 30 days);
published_on_time_rate = 1 ÷ 2 (D1 on time, D2 late) = 50%.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from decisions import indicators  # noqa: F401  (registers them)
from decisions.services import catalogue_adjust, catalogue_create, catalogue_publish
from decisions.tests.conftest import (
    D,
    answer_all,
    comment,
    decide,
    draft,
    fire,
    legality,
    meeting,
    on,
    open_comment,
    publish_answers,
    start,
)
from indicators.registry import Period, registry

pytestmark = pytest.mark.django_db
Y2026 = Period.year(2026)


def value(key, prefix, period):
    # Computed after the period, so that the whole period has happened.
    with on(D(2027, 1, 15)):
        return registry.get(key).compute(prefix, period)


def _publish(decision, day, actor):
    with on(day):
        return fire(decision, "publish", actor, publication_channels="区政府网站",
                    interpretation="解读。")  # fmt: skip


@pytest.fixture
def history(dw):
    w, clerk = dw, dw.clerk_haizhu
    item = {"matter_kind": "plan"}
    with on(D(2026, 2, 10)):
        own = catalogue_create(actor=clerk, decision_maker=w.haizhu_agency, year=2026,
                               items=[{"title": "一", **item}, {"title": "二", **item}])  # fmt: skip
        catalogue_publish(actor=clerk, catalogue=own, party_approved_on="2026-02-05",
                          published_on="2026-02-10")  # fmt: skip
        catalogue_create(actor=clerk, decision_maker=w.chengguan, year=2026,
                         items=[{"title": t, **item} for t in "甲乙丙"])  # fmt: skip
        baiyun = catalogue_create(actor=w.clerk_baiyun, decision_maker=w.baiyun_agency,
                                  year=2026, items=[{"title": "白", **item}])  # fmt: skip
        catalogue_publish(actor=w.clerk_baiyun, catalogue=baiyun,
                          party_approved_on="2026-02-05", published_on="2026-02-10")  # fmt: skip
    with on(D(2026, 7, 1)):
        catalogue_adjust(actor=clerk, catalogue=own, party_approved_on="2026-06-28",
                         published_on="2026-07-01", reason="调整。", remove=[2],
                         add=[{"title": "三", **item}, {"title": "四", **item}])  # fmt: skip
    # D1
    d1 = open_comment(draft(start(w, D(2026, 7, 1)), D(2026, 7, 2), clerk), D(2026, 7, 3), clerk)
    comment(d1, D(2026, 7, 10))
    answer_all(d1, D(2026, 8, 4), clerk)
    d1 = publish_answers(d1, D(2026, 8, 4), clerk)
    d1 = meeting(legality(d1, D(2026, 8, 20), clerk), D(2026, 9, 17), clerk)
    _publish(decide(d1, D(2026, 9, 18), clerk), D(2026, 10, 22), clerk)
    # D2
    d2 = start(w, D(2026, 8, 3))
    with on(D(2026, 8, 4)):
        d2 = fire(d2, "exempt_participation", clerk, reason="依法不予公开。")
    d2 = meeting(legality(d2, D(2026, 8, 20), clerk), D(2026, 8, 27), clerk)
    d2 = decide(d2, D(2026, 8, 28), clerk)
    assert d2.due_date == D(2026, 9, 24)
    _publish(d2, D(2026, 11, 20), clerk)
    # D3, D4
    d3 = start(w, D(2026, 11, 2), maker=w.chengguan, actor=w.agency_chengguan)
    d3 = open_comment(draft(d3, D(2026, 11, 2), w.agency_chengguan), D(2026, 11, 2),
                      w.agency_chengguan, days=15, reason="汛期前须完成。")  # fmt: skip
    comment(d3, D(2026, 11, 3))
    comment(d3, D(2026, 11, 4))
    d4 = open_comment(draft(start(w, D(2026, 11, 2)), D(2026, 11, 2), clerk), D(2026, 11, 2), clerk)
    comment(d4, D(2026, 11, 10))
    return w


def test_catalogued_matters_stand_on_the_last_day(history):
    assert value("decision.catalogued", "440105", Period.month(2026, 6)).value == 2
    assert value("decision.catalogued", "440105", Y2026).value == 3
    assert value("decision.catalogued", "4401", Y2026).value == 4
    assert value("decision.catalogued", "440105", Period.year(2025)).value == 0


def test_with_all_procedures_rate(history):
    figure = value("decision.with_all_procedures_rate", "440105", Y2026)
    assert (figure.numerator, figure.denominator, figure.value) == (2, 2, Decimal("100.00"))
    assert value("decision.with_all_procedures_rate", "440111", Y2026).value is None


def test_public_comments(history):
    assert value("decision.public_comments", "440105", Y2026).value == 4
    assert value("decision.public_comments", "440111", Y2026).value == 0
    assert value("decision.public_comments", "440105", Period.month(2026, 11)).value == 3


def test_comment_compliance_rate(history):
    figure = value("decision.comment_compliance_rate", "440105", Y2026)
    assert (figure.numerator, figure.denominator, figure.value) == (3, 3, Decimal("100.00"))


def test_published_on_time_rate(history):
    figure = value("decision.published_on_time_rate", "440105", Y2026)
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, Decimal("50.00"))


def test_every_indicator_names_its_line_definition_and_source():
    for key in ("decision.catalogued", "decision.with_all_procedures_rate",
                "decision.public_comments", "decision.comment_compliance_rate",
                "decision.published_on_time_rate"):  # fmt: skip
        indicator = registry.get(key)
        assert indicator.business_line == "decisions"
        assert str(indicator.definition) and "713" in str(indicator.source)
