"""The annual report of a year not yet over: its text names the span (1—11月), compares with
the same span of the previous year, counts registers on its last day, and a frozen report
keeps the span it froze (issue 9, part 6)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mediation.tests.factories import make_dispute
from mediation.tests.test_periods import nov30, two_years  # noqa: F401  (fixtures)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db


def _text(report):
    return "\n".join(t for _k, t in render.paragraphs(report))


def test_a_report_for_a_year_not_yet_over_says_1_11月_and_compares_with_the_same_span(
    two_years,  # noqa: F811
):
    report = report_create(actor=two_years.clerk_haizhu, region=two_years.haizhu, year=2026)
    text = _text(report)
    # 2026-01-01..11-30: 3 received against 2 over 2025-01-01..11-30 (not 4 for all 2025).
    assert "1—11月共受理矛盾纠纷3件，同比增长50%" in text
    assert "截至11月30日，共有人民调解委员会3个、人民调解员3名" in text
    assert "全年" not in text and "{{" not in text


def test_a_past_year_report_says_全年_and_counts_registers_at_its_end(two_years):  # noqa: F811
    report = report_create(actor=two_years.clerk_haizhu, region=two_years.haizhu, year=2025)
    text = _text(report)
    assert "全年共受理矛盾纠纷4件" in text
    # On 2025-12-31: the old committee and the studio dissolved in 2026, not the one set up in
    # 2026; 何, 赵 (appointed that day) and 王.
    assert "截至12月31日，共有人民调解委员会2个、人民调解员3名" in text
    assert figures.period_of(report).is_whole_year


def test_a_frozen_partial_report_keeps_its_span(two_years):  # noqa: F811
    w = two_years
    report = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    report = report_freeze(actor=w.leader_gz, report=report, confirm_placeholders=True)
    assert report.frozen_period_end == datetime.date(2026, 11, 30)
    before = _text(report)
    january = datetime.datetime(2027, 1, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(january, tick=False):
        # December's disputes lie outside the frozen span: the text and the comparison hold.
        make_dispute(organization=w.haizhu_committee, actor=w.mediator_haizhu,
                     received_on="2026-12-10")  # fmt: skip
        report.refresh_from_db()
        assert _text(report) == before and "1—11月共受理矛盾纠纷3件" in before
        assert figures.differences(report) == []
        # A dispute of November entered late changes the frozen span's live figure.
        make_dispute(organization=w.haizhu_committee, actor=w.mediator_haizhu,
                     received_on="2026-11-15")  # fmt: skip
        assert "mediation.received" in {d["key"] for d in figures.differences(report)}
        assert _text(report) == before
