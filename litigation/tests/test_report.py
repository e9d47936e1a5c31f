"""Administrative litigation response's section of the annual report: the figures of `history`
(test_indicators) woven into the paragraph as the samples write them (白云 2019: 共办理行政应诉案件
282件（含一审行政应诉案件147件），已判决的一审行政应诉案件为117件，胜诉率为94.02%; 海珠 2020: 为被告的
一审案件33宗,二审及再审案31宗……胜诉率100%……行政机关负责人出庭应诉率达44%). A figure the paragraph
claims is written only when the period holds it: no rate without a denominator (statutes §8), no
同比 without a previous year.

On top of `history`, one case for 2024 so that every 同比 has something to compare with:
- A7 first instance against A (海珠区市场监督管理局), served 2024-05-06; heard 2024-06-03, the
  principal head appeared; claims rejected (won) 2024-07-01.

2024 海珠 is then: received 2 (A5, A7), both first instance; heard 2 (A5 on 2024-12-10 without
the head, A7 with him): 1 of 2 = 50%; decided 1 (A7; A5 was decided in 2025), won 1 = 100%.
2025 海珠 (test_indicators): received 7, first instance 6, appeal 1 (A6); decided 5, won 2 =
40%; heard 6, a head appeared in 4 = 66.67%.
"""

from __future__ import annotations

import pytest

from litigation import report as lit_report  # noqa: F401  (registers the section)
from litigation.models import LitigationCase
from litigation.tests.helpers import conclude, hear, register
from litigation.tests.test_indicators import D, history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db
HEADING = "自觉维护司法权威，提升行政应诉水平"


def _create(w, year=2025, region=None, actor=None):
    actor = actor or w.clerk_haizhu
    return report_create(actor=actor, region=region or w.haizhu, year=year)


def _text(report) -> str:
    return "\n".join(text for _kind, text in render.paragraphs(report))


def _section(report) -> str:
    """The section's paragraph as printed (the one after its heading)."""
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(HEADING)) + 1]


def _body(report) -> str:
    return report.sections.get(key="measures.litigation").body


@pytest.fixture
def lit_history(history):  # noqa: F811
    w = history
    a7 = register(w.clerk_haizhu, w.haizhu_agency, D(2024, 5, 6))
    a7 = hear(a7, w.clerk_haizhu, D(2024, 6, 3), head="王局长", position="principal")
    conclude(a7, w.clerk_haizhu, D(2024, 7, 1), "reject_claims")
    return w


@pytest.fixture
def report(lit_history):
    return _create(lit_history)


def test_the_section_follows_reconsideration_in_the_same_chapter(report):
    sections = list(report.sections.all())
    keys = [s.key for s in sections]
    # Both sub-sections of 一、主要举措和成效, litigation's right after reconsideration's.
    assert keys.index("measures.litigation") == keys.index("measures.reconsideration") + 1
    ours = sections[keys.index("measures.litigation")]
    assert ours.level == 2 and ours.heading.endswith(HEADING)
    assert keys.index("measures.litigation") < keys.index("problems")
    body = _body(report)
    assert figures.unknown_keys(body) == []
    names = ("received", "first_instance", "later_instance", "first_instance_decided",
             "win_rate", "head_appearances", "head_appearance_rate")  # fmt: skip
    assert figures.keys_in(body) == {f"litigation.{name}" for name in names}


def test_the_paragraph_prints_the_worked_figures_as_the_samples_do(report):
    text = _section(report)
    # 海珠 2025 against 2024: 7 cases against 2 → (7 − 2) ÷ 2 = 同比增长250%; 6 first instance
    # and 1 appeal; 5 decided, 2 won = 40% against 1 of 1 = 100% → 同比下降60个百分点; heads in 4
    # of 6 heard = 66.67%, printed with one decimal as the samples print rates (66.7%), against
    # 1 of 2 = 50% → 同比上升16.7个百分点 (from the figures as printed).
    assert text.startswith("认真做好行政应诉工作，推动落实行政机关负责人出庭应诉制度")
    assert ("全年共办理行政应诉案件7件（含一审行政应诉案件6件、二审及再审案件1件），同比增长250%；"
            "已判决（含裁定驳回起诉）的一审行政应诉案件5件，胜诉率40%，同比下降60个百分点。"
            "行政机关负责人出庭应诉4件，出庭应诉率66.7%，同比上升16.7个百分点。") in text  # fmt: skip
    assert "{{" not in text and "【未知指标】" not in text and "—" not in text


def test_without_a_previous_year_there_is_no_year_on_year_clause(lit_history):
    # 2024 against 2023 (no case): no 同比 at all, and no later level to name.
    text = _section(_create(lit_history, year=2024))
    assert ("全年共办理行政应诉案件2件（含一审行政应诉案件2件）；"
            "已判决（含裁定驳回起诉）的一审行政应诉案件1件，胜诉率100%。"
            "行政机关负责人出庭应诉1件，出庭应诉率50%。") in text  # fmt: skip
    assert "同比" not in text and "持平" not in text and "二审" not in text


def test_a_rate_whose_cases_are_not_there_is_left_out(lit_history):
    # 白云 2024: nothing received, decided or heard; 2023 neither: the count only, as 0.
    w = lit_history
    report = _create(w, year=2024, region=w.baiyun, actor=w.clerk_baiyun)
    text = _section(report)
    assert text.endswith("全年共办理行政应诉案件0件。")
    assert "胜诉率" not in text and "出庭应诉率" not in text and "（含" not in text
    assert "—" not in text and "0%" not in text and "同比" not in text
    assert figures.keys_in(_body(report)) == {"litigation.received"}


def test_a_year_without_cases_claims_no_rate(lit_history):
    report = _create(lit_history, year=2023)
    text = _section(report)
    # Nothing in 2023 nor in 2022: no rate, and no "与上年持平" between two empty years.
    assert text.endswith("全年共办理行政应诉案件0件。")
    assert "—" not in text and "同比" not in text and "持平" not in text
    assert "胜诉率" not in text and "出庭应诉" not in text.split("制度", 1)[1]
    assert "litigation.win_rate" not in figures.keys_in(_body(report))
    assert "litigation.head_appearance_rate" not in figures.keys_in(_body(report))


def test_freezing_keeps_the_litigation_figures(lit_history, report):
    w = lit_history
    frozen = report_freeze(actor=w.leader_gz, report=report, confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    win = stored["litigation.win_rate"]
    assert (int(win.numerator), int(win.denominator)) == (2, 5)
    assert int(stored["litigation.head_appearances"].value) == 4
    assert figures.differences(frozen) == []
    # B2 (heard 2025-12-15) decided after freezing, annulled on 2025-12-22: the report keeps
    # 5 decided and 40%, the live figures are 6 and 2 of 6 = 33.33%.
    b2 = LitigationCase.objects.get(first_heard_on=D(2025, 12, 15))
    conclude(b2, w.clerk_haizhu, D(2025, 12, 22), "annul")
    text = _text(frozen)
    assert "一审行政应诉案件5件，胜诉率40%" in text
    assert {d["key"] for d in figures.differences(frozen)} == {
        "litigation.first_instance_decided", "litigation.win_rate", "litigation.loss_rate",
    }  # fmt: skip
