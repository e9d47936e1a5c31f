"""Legality review's section of the annual report (legality.report), with the two sections of
the line's other apps that follow it (normative.report, decisions.report): the figures of
`history` (test_indicators) and `market` (test_fair_competition) woven into the paragraph as
the samples write them (白云 2019 "开展重大决策文件合法性审查 1511 件，重大政府合同审查 90 件"; 海珠
2020 "公职律师人数同比上升55.17%"). A figure is written only when the period holds it: no rate
without a denominator, no 同比 without a previous year. Time is frozen on 15 Jan 2026, so 2025
and earlier years are whole years (全年, 截至12月31日).

By hand, 海珠 (440105):
- 2025: reviews received A1–A5, F1, F2, F3 = 8 (F4 was submitted in 2024); 2024: P1, F4 = 2
  → (8 − 2) ÷ 2 = 同比增长300%. Drafts reviewed (opinion issued in 2025): documents A1, F1, F4
  = 3, decisions A2, F2 = 2, contracts A3 = 1. Fair-competition reviews: F1, F2,
  F4 = 3. Opinions issued in 2025: A1, A2, A3, F1, F2, F4; on time A1, A3, F1 (3 June → 13
  June), F2 (→ 20 June; 15 working days from 3 June end on 24 June); A2 late (1 April after 24
  March), F4 late (submitted Mon 2 Dec 2024, 15 working days → Mon 23 Dec 2024; opinion 6 Jan
  2025) → 4 ÷ 6 = 66.67%, printed 66.7%; 2024: P1 1 ÷ 1 = 100% → 66.7 − 100 = 同比下降33.3个
  百分点. Points answered in 2025: A1.1 adopted, A1.2 and A2.1 not → 1 ÷ 3 = 33.3%; none in
  2024 → no 同比. Government lawyers at 31 Dec 2025: C1 = 1; at 31 Dec 2024: C1 = 1 → 与上年持平.
- 2024: reviews 2 (2023: none → no 同比); document reviewed P1 = 1; opinion P1 on time → 100% (2023: no opinion → no
  同比); no contract, no fair-competition review (F4's opinion is of 2025), no point answered;
  C1 = 1 (2023: none → no 同比).
- 2023: nothing at all, nor in 2022: the main count only, as 0.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from decisions import report as decisions_report  # noqa: F401  (registers the section)
from legality import report as legality_report  # noqa: F401  (registers the section)
from legality.tests.test_fair_competition import market  # noqa: F401  (fixture)
from legality.tests.test_indicators import history  # noqa: F401  (fixture)
from normative import report as normative_report  # noqa: F401  (registers the section)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db
HEADING = "推进政府依法决策，严格合法性审查"
INTRO = "严格落实行政规范性文件、重大行政决策和政府合同合法性审查制度，为政府依法决策提供法律保障。"


@pytest.fixture(autouse=True)
def _january_2026():
    moment = datetime.datetime(2026, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def w(market):  # noqa: F811
    return market


def _create(w, year=2025):
    return report_create(actor=w.clerk_haizhu, region=w.haizhu, year=year)


def _section(report, heading=HEADING) -> str:
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(heading)) + 1]


def _body(report, key="measures.legality") -> str:
    return report.sections.get(key=key).body


def test_the_line_s_three_sections_follow_litigation(w):
    report = _create(w)
    sections = list(report.sections.all())
    keys = [s.key for s in sections]
    start = keys.index("measures.litigation") + 1
    assert keys[start : start + 3] == ["measures.legality", "measures.normative",
                                       "measures.decisions"]  # fmt: skip
    assert sections[start].level == 2 and sections[start].heading.endswith(HEADING)
    assert sections[start + 1].heading.endswith("加强规范性文件监督管理")
    assert sections[start + 2].heading.endswith(
        "完善重大行政决策程序制度，推进行政决策科学化、民主化、法治化"
    )
    assert keys.index("measures.decisions") < keys.index("problems")
    for key in ("measures.legality", "measures.normative", "measures.decisions"):
        assert figures.unknown_keys(_body(report, key)) == [], key
    names = ("legality.reviews", "legality.reviews_on_time_rate",
             "legality.opinions_adopted_rate", "legality.document_reviews",
             "legality.decision_reviews", "contract.reviewed",
             "normative.fair_competition_reviews", "counsel.government_lawyers")  # fmt: skip
    assert figures.keys_in(_body(report)) == set(names)


def test_the_paragraph_prints_the_worked_figures_as_the_samples_do(w):
    text = _section(_create(w))
    assert text == (
        INTRO + "全年共开展合法性审查8件，同比增长300%；"
        "审查规范性文件3件、重大行政决策2件、政府合同1件；"
        "对涉及市场主体经济活动的文件开展公平竞争审查3件。"
        "审查意见按期出具率66.7%，同比下降33.3个百分点；审查意见采纳率33.3%。"
        "截至12月31日，在册公职律师1名，与上年持平。"
    )
    assert "{{" not in text and "【未知指标】" not in text and "—" not in text


def test_without_a_previous_year_there_is_no_year_on_year_clause(w):
    text = _section(_create(w, year=2024))
    assert text == (
        INTRO + "全年共开展合法性审查2件；审查规范性文件1件。审查意见按期出具率100%。"
        "截至12月31日，在册公职律师1名。"
    )
    assert "同比" not in text and "持平" not in text
    assert "合同" not in text.removeprefix(INTRO) and "公平竞争" not in text
    assert "采纳率" not in text


def test_an_empty_year_claims_nothing_but_the_count(w):
    report = _create(w, year=2023)
    text = _section(report)
    assert text == INTRO + "全年共开展合法性审查0件。"
    assert "—" not in text and "0%" not in text and "同比" not in text and "持平" not in text
    assert figures.keys_in(_body(report)) == {"legality.reviews"}


def test_the_other_sections_without_data_keep_to_their_main_sentence(w):
    # No normative document nor major decision in this world: the normative section states
    # its main count as 0, the decisions section its opening words only.
    report = _create(w)
    normative = _section(report, "加强规范性文件监督管理")
    assert normative.endswith("全年统一编号公布规范性文件0件。")
    assert "备案规范性文件" not in normative and "及时率" not in normative
    assert "清理" not in normative and "现行有效" not in normative
    assert figures.keys_in(_body(report, "measures.normative")) == {"normative.issued"}
    decisions = _section(report, "完善重大行政决策程序制度，推进行政决策科学化、民主化、法治化")
    assert decisions == ("严格落实《重大行政决策程序暂行条例》，健全公众参与、专家论证、风险评估、"
                         "合法性审查和集体讨论决定等决策程序。")  # fmt: skip
    assert figures.keys_in(_body(report, "measures.decisions")) == set()


def test_freezing_keeps_the_legality_figures(w):
    frozen = report_freeze(actor=w.leader_gz, report=_create(w), confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    rate = stored["legality.reviews_on_time_rate"]
    assert (int(rate.numerator), int(rate.denominator)) == (4, 6)
    assert int(stored["normative.fair_competition_reviews"].value) == 3
    assert figures.differences(frozen) == []
