"""Major decisions' section of the annual report (decisions.report), on the decisions and
catalogues of `history` (test_indicators, all worked out by hand there), as the samples write
it (海珠 2020 "编制海珠区政府2020年度重大行政决策事项目录……推进行政决策科学化、民主化、法治化"). Time
is frozen on 15 Jan 2027: 2026 is a whole year.

海珠 2026: catalogued at 31 Dec = items 1, 3, 4 = 3; decided D1, D2, both with all procedures
= 100%; published D1 on time, D2 late = 50%; comments 1 + 2 + 1 = 4; comment periods D1, D3
(15 days with reasons), D4 all compliant = 100%. 2025 has none of these: no 同比 at all.
白云 2026: its catalogue's 1 item, nothing else: the other sentences are left out.
海珠 2025: nothing: the opening words only, no figure.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from decisions import report as decisions_report  # noqa: F401  (registers the section)
from decisions.tests.test_indicators import history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create

pytestmark = pytest.mark.django_db
HEADING = "完善重大行政决策程序制度，推进行政决策科学化、民主化、法治化"
INTRO = ("严格落实《重大行政决策程序暂行条例》，健全公众参与、专家论证、风险评估、合法性审查和"
         "集体讨论决定等决策程序。")  # fmt: skip


@pytest.fixture
def january_2027(history):  # noqa: F811
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield history


def _section(report) -> str:
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(HEADING)) + 1]


def test_the_paragraph_prints_the_worked_figures(january_2027):
    w = january_2027
    report = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    text = _section(report)
    assert text == (
        INTRO + "编制并公布年度重大行政决策事项目录，截至12月31日列入目录的决策事项3项。"
        "全年作出的重大行政决策全部履行法定程序的比例为100%；决策按时公开率50%。"
        "决策草案公开征求意见，收到公众意见4条；征求意见期限符合规定的比例为100%。"
    )
    assert "同比" not in text and "持平" not in text
    assert figures.unknown_keys(report.sections.get(key="measures.decisions").body) == []


def test_sentences_without_data_are_left_out(january_2027):
    w = january_2027
    text = _section(report_create(actor=w.clerk_baiyun, region=w.baiyun, year=2026))
    assert text == INTRO + "编制并公布年度重大行政决策事项目录，截至12月31日列入目录的决策事项1项。"
    report = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025)
    assert _section(report) == INTRO
    assert figures.keys_in(report.sections.get(key="measures.decisions").body) == set()
