"""People's mediation's section of the annual report (mediation.report) on `history`
(test_indicators), with the figures worked out by hand and the sentences chosen as the samples
write them (白云 2019, 海珠 2020: 受理, 调解成功率, 涉及金额; reference/statutes.md §3, §8). Time
is frozen on 15 Jan 2026, so 2025 and earlier years are whole years (全年, 截至12月31日).

By hand, 海珠 (440105):
- 2025: received 4 (2024: 1) → (4 − 1) ÷ 1 = 同比增长300%; concluded 4, succeeded 3 → 75%
  (2024: 1 of 1 = 100% → 同比下降25个百分点); amount 1000 × 3 + 500 = 3500元; none filed
  online → 0%; no screening round, no judicial confirmation, no mass dispute: not claimed.
- 2023: nothing: the main count only, as 0 — no rate ("—"), no 同比, no "与上年持平".
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mediation import report as mediation_report  # noqa: F401  (registers the section)
from mediation.tests.test_indicators import history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create

pytestmark = pytest.mark.django_db
HEADING = "坚持和发展新时代“枫桥经验”，人民调解工作扎实推进"
INTRO = "坚持和发展新时代“枫桥经验”，健全人民调解组织网络，推进矛盾纠纷多元化解。"


@pytest.fixture(autouse=True)
def _january_2026():
    moment = datetime.datetime(2026, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


def _section(report) -> str:
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(HEADING)) + 1]


def _body(report) -> str:
    return report.sections.get(key="measures.mediation").body


def test_the_paragraph_prints_the_worked_figures(world, history):  # noqa: F811
    report = report_create(actor=world.clerk_haizhu, region=world.haizhu, year=2025)
    text = _section(report)
    registers = text.removeprefix(INTRO).split("全年共受理")[0]
    assert text.endswith(
        "全年共受理矛盾纠纷4件，同比增长300%；调解结案4件，其中调解成功3件，"
        "调解成功率75%，同比下降25个百分点；涉及金额3500元。通过网上平台受理的纠纷占0%。"
    )
    # The fixture's committees and mediators have no dates in the register (no standing on
    # 31 Dec): the register sentence is left out, as are screenings, confirmations and mass
    # disputes, of which there are none.
    assert registers == ""
    assert "排查" not in text and "司法确认" not in text and "群体性" not in text
    assert "{{" not in text and "—" not in text and "【未知指标】" not in text


def test_an_empty_year_claims_nothing_but_the_count(world, history):  # noqa: F811
    report = report_create(actor=world.clerk_haizhu, region=world.haizhu, year=2023)
    text = _section(report)
    assert text.endswith("全年共受理矛盾纠纷0件。")
    assert "—" not in text and "0%" not in text and "同比" not in text and "持平" not in text
    assert "成功率" not in text and "涉及金额" not in text
    keys = figures.keys_in(_body(report))
    assert "mediation.received" in keys and "mediation.success_rate" not in keys
