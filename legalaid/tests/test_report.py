"""Legal aid's section of the annual report: the figures of `aid_history` (test_indicators)
woven into the paragraph as the samples write them (白云 2019: 受理法律援助案件3037件, 免费法律
咨询9059人次, 挽回经济损失1512.8万元, 审查办结时限压缩到1个工作日)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.registry import registry
from legalaid.tests.test_indicators import aid_history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(aid_history):  # noqa: F811
    w = aid_history
    return report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025)


def _text(report) -> str:
    return "\n".join(text for _kind, text in render.paragraphs(report))


def test_the_section_follows_mediation_in_the_first_part(report):
    headings = [s.heading for s in report.sections.all() if s.level == 2]
    assert "（二）法律援助惠民工程提质增效" in headings
    assert headings.index("（二）法律援助惠民工程提质增效") == 1  # after mediation (order 10)
    body = report.sections.get(key="measures.legalaid").body
    assert {f"legalaid.{k}" for k in ("applications", "granted", "grant_rate", "review_days_mean",
            "review_within_target_rate", "cases_closed", "recovered_losses", "consultations",
            "lawyers_removed", "subsidies_paid")} == figures.keys_in(body)  # fmt: skip
    assert figures.unknown_keys(body) == []


def test_the_paragraph_prints_the_worked_figures_as_the_samples_do(report):
    text = _text(report)
    person_times = str(registry.get("legalaid.consultations").unit)
    # 海珠 2025 against 2024: 5 applications against 2 → 同比增长150%; 4 of 5 granted (80%)
    # against 1 of 1 (100%) → 下降20个百分点; 8 review days over 5 decisions → 1.6 working
    # days; 2 of 5 within the one-day target → 40%; 15000.50元 → 1.5万元; subsidies 1500 +
    # 2000.50 = 3500.5元.
    assert "全年共受理法律援助申请5件，同比增长150%；" in text
    assert "决定给予法律援助4件，给予率80%，同比下降20个百分点；" in text
    assert "法律援助申请平均审查用时1.6工作日，在本地承诺时限内审查办结的占40%。" in text
    assert "办结法律援助案件2件，为受援人挽回经济损失1.5万元；" in text
    assert f"提供免费法律咨询3{person_times}。" in text
    assert "淘汰排名靠后的办案律师1名，发放办案补贴3500.5元。" in text
    assert "{{" not in text and "15,000" not in text


def test_a_mean_in_days_changes_by_a_percentage_not_by_points(report):
    values = render.values_for(report)
    # 1.6 working days in 2025 against 1 in 2024 (C0): 同比增长60%.
    shown = figures.render_text("用时{{legalaid.review_days_mean|同比}}", values)
    assert "60%" in shown and "百分点" not in shown
    rate = figures.render_text("{{legalaid.review_within_target_rate|同比}}", values)
    assert "百分点" in rate  # 40% against 100% (C0 within the target): a rate, in points


def test_freezing_keeps_the_legal_aid_figures(aid_history, report):  # noqa: F811
    frozen = report_freeze(actor=aid_history.leader_gz, report=report, confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    assert Decimal(stored["legalaid.recovered_losses"].value) == Decimal("15000.50")
    assert Decimal(stored["legalaid.review_days_mean"].numerator) == 8
    assert Decimal(stored["legalaid.review_days_mean"].denominator) == 5
    assert figures.differences(frozen) == []
