"""Administrative reconsideration's section of the annual report: the figures of `recon_history`
(test_indicators) woven into the paragraph as the samples write them (白云 2019: 共收到行政复议申请
439件，同比下降22.7%，办结400件……近77.25%的行政复议案件未进入行政诉讼程序。综合纠错率为33.5%; 海珠
2020: 综合纠错率达33.3%). A figure the paragraph claims is written only when the period holds it:
no rate without a denominator (statutes §8), no 同比 without a previous year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import pgettext

from indicators.registry import registry
from reconsideration import report as recon_report  # noqa: F401  (registers the section)
from reconsideration.tests.test_indicators import D, _step, recon_history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db
HEADING = "发挥行政复议化解行政争议主渠道作用"


def _create(w, year=2025, region=None):
    return report_create(actor=w.clerk_haizhu, region=region or w.haizhu, year=year)


def _text(report) -> str:
    return "\n".join(text for _kind, text in render.paragraphs(report))


def _section(report) -> str:
    """The section's paragraph as printed (the one after its heading)."""
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(HEADING)) + 1]


def _body(report) -> str:
    return report.sections.get(key="measures.reconsideration").body


@pytest.fixture
def report(recon_history):  # noqa: F811
    return _create(recon_history)


def test_the_section_comes_after_mediation_and_legal_aid(report):
    headings = [s.heading for s in report.sections.all() if s.level == 2]
    ours = next(h for h in headings if h.endswith(HEADING))
    assert headings.index(ours) > max(
        i for i, h in enumerate(headings) if "人民调解" in h or "法律援助" in h
    )
    body = _body(report)
    assert figures.unknown_keys(body) == []
    names = ("received", "accepted", "concluded", "mediated_settled", "correction_rate_direct",
             "correction_rate_overall", "not_litigated_rate", "processing_days_mean",
             "hearings")  # fmt: skip
    assert figures.keys_in(body) == {f"reconsideration.{name}" for name in names}


def test_the_paragraph_prints_the_worked_figures_as_the_samples_do(report):
    text = _section(report)
    days = registry.get("reconsideration.processing_days_mean").unit
    times = registry.get("reconsideration.hearings").unit
    # 海珠 2025 against 2024: 10 applications against 4 → 同比增长150%; 9 accepted; 8 concluded,
    # 2 of them mediated or settled (R6, R7); direct 3/5 = 60%; overall 4/8 = 50% against
    # 1/4 = 25% → 同比上升25个百分点; 7 of 8 not taken to court = 87.5%; 308/8 = 38.5 days;
    # one hearing (R1).
    assert ("全年共收到行政复议申请10件，同比增长150%；受理9件，审结8件，其中调解、和解2件；"
            "直接纠错率60%，综合纠错率50%，同比上升25个百分点。") in text  # fmt: skip
    assert (f"审结的行政复议案件中87.5%未进入行政诉讼程序，案件平均办理用时38.5{days}，"
            f"举行行政复议听证1{times}。") in text  # fmt: skip
    assert "{{" not in text and "【未知指标】" not in text and "—" not in text


def test_the_days_read_as_the_reconsideration_unit(report):
    unit = registry.get("reconsideration.processing_days_mean").unit
    assert str(unit) == pgettext("reconsideration", "days")
    values = render.values_for(report)
    # 38.5 days against 32.75 in 2024: a mean changes by a percentage, not by points.
    shown = figures.render_text("{{reconsideration.processing_days_mean|同比}}", values)
    assert "百分点" not in shown and "%" in shown
    direct = figures.render_text("{{reconsideration.correction_rate_direct|同比}}", values)
    assert "百分点" in direct  # 60% against 33.33%: a rate, in points


def test_without_a_previous_year_there_is_no_year_on_year_clause(recon_history):  # noqa: F811
    # 2024 against 2023 (no case): no 同比 at all; no mediation and no hearing in 2024, so
    # neither is claimed. 2024: 4 received, 4 concluded, direct 1/3, overall 1/4, 131/4 days.
    text = _section(_create(recon_history, year=2024))
    days = registry.get("reconsideration.processing_days_mean").unit
    assert ("全年共收到行政复议申请4件；受理4件，审结4件；直接纠错率33.3%，综合纠错率25%。"
            f"审结的行政复议案件中100%未进入行政诉讼程序，案件平均办理用时32.75{days}。") in text  # fmt: skip
    assert "同比" not in text and "与上年持平" not in text
    assert "调解、和解" not in text and "听证" not in text


def test_a_year_without_cases_claims_no_rate(recon_history):  # noqa: F811
    report = _create(recon_history, year=2023)
    text = _section(report)
    # Nothing in 2023 nor in 2022: no rate, and no "与上年持平" between two empty years.
    assert text.endswith("全年共收到行政复议申请0件；受理0件，审结0件。")
    assert "—" not in text and "同比" not in text and "持平" not in text
    assert "纠错率" not in text and "诉讼程序" not in text and "用时" not in text
    assert "reconsideration.correction_rate_direct" not in figures.keys_in(_body(report))


def test_freezing_keeps_the_reconsideration_figures(recon_history, report):  # noqa: F811
    w = recon_history
    frozen = report_freeze(actor=w.leader_gz, report=report, confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    overall = stored["reconsideration.correction_rate_overall"]
    assert (Decimal(overall.numerator), Decimal(overall.denominator)) == (4, 8)
    assert Decimal(stored["reconsideration.not_litigated_rate"].value) == Decimal("87.5")
    assert figures.differences(frozen) == []
    # An opinion letter on R4 after freezing: the report keeps 50%, the live figure is 62.5%.
    _step(w.r4, w.clerk_haizhu, D(2025, 6, 3), "issue_opinion", opinion="完善证据收集。")
    assert "综合纠错率50%" in _text(frozen)
    assert [d["key"] for d in figures.differences(frozen)] == [
        "reconsideration.correction_rate_overall"
    ]
