"""Normative documents' section of the annual report (normative.report), with the figures worked
out by hand as the samples write them (海珠 2020 "审查规范性文件8件，修改、废止规范性文件10件，向市政府
和区人大常委会备案审查政府规范性文件4件"). A figure is written only when the period holds it; no 同比
without a previous year. Time is frozen on 15 Jan 2026: 2025 and 2024 are whole years.

海珠 (440105), through the real services and engine:
- N0 published Mon 6 May 2024 (in effect 1 June 2024), filed Fri 10 May 2024: on time.
- N1 published Mon 3 March 2025 (in effect 1 April), filed Mon 10 March 2025: on time.
- N2 published Tue 3 June 2025 (in effect 1 July), filing due 30 days later, Thu 3 July
  (FAZHI_NORMATIVE_FILING_DAYS 30 ❓; not a holiday); filed Wed 20 Aug 2025: late.
- Clean-up opened Mon 3 Nov 2025, effective Mon 1 Dec 2025, listing N0, N1, N2 (in force on
  3 Nov): N0 repealed, N1 and N2 kept; confirmed Mon 10 Nov 2025.
By hand, 2025: issued N1, N2 = 2 against N0 = 1 in 2024 → 同比增长100%; filed 2 against 1 →
同比增长100%; filed on time 1 ÷ 2 = 50% against 1 ÷ 1 = 100% → 同比下降50个百分点; no correction
suggestion (clause left out); cleaned up 3 (effective 1 Dec 2025); in force on 31 Dec 2025: N1,
N2 = 2 (N0 repealed from 1 Dec).
2024: issued 1, filed 1 at 100%, none in 2023 → no 同比; nothing cleaned up; N0 in force.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from normative import report as normative_report  # noqa: F401  (registers the section)
from normative.services import campaign_confirm, campaign_open, filing_submit, item_decide
from normative.tests.conftest import on, published_document
from reports import figures, render
from reports.services import report_create

D = datetime.date
pytestmark = pytest.mark.django_db
HEADING = "加强规范性文件监督管理"
INTRO = "落实行政规范性文件统一登记、统一编号、统一公布制度，及时备案审查新出台的规范性文件。"


@pytest.fixture(autouse=True)
def _january_2026():
    moment = datetime.datetime(2026, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


def _file(w, document, day):
    with on(day):
        return filing_submit(actor=w.agency_haizhu, document=document)


@pytest.fixture
def documents(nw):
    w = nw
    n0 = published_document(w, published_on=D(2024, 5, 6), effective_from=D(2024, 6, 1),
                            title="海珠区甲规定")  # fmt: skip
    _file(w, n0, D(2024, 5, 10))
    n1 = published_document(w, published_on=D(2025, 3, 3), effective_from=D(2025, 4, 1),
                            title="海珠区乙规定")  # fmt: skip
    _file(w, n1, D(2025, 3, 10))
    n2 = published_document(w, published_on=D(2025, 6, 3), effective_from=D(2025, 7, 1),
                            title="海珠区丙规定")  # fmt: skip
    assert _file(w, n2, D(2025, 8, 20)).late
    with on(D(2025, 11, 3)):
        campaign = campaign_open(actor=w.clerk_haizhu, organization=w.haizhu_bureau,
                                 title="2025年规范性文件集中清理", effective_on=D(2025, 12, 1))  # fmt: skip
        for document, decision in ((n0, "repeal"), (n1, "keep"), (n2, "keep")):
            item_decide(actor=w.agency_haizhu, campaign=campaign, document=document,
                        decision=decision, reasons="与上位法不一致" if decision != "keep" else "")  # fmt: skip
    with on(D(2025, 11, 10)):
        campaign_confirm(actor=w.clerk_haizhu, campaign=campaign)
    return w


def _section(report) -> str:
    lines = [text for _kind, text in render.paragraphs(report)]
    return lines[next(i for i, line in enumerate(lines) if line.endswith(HEADING)) + 1]


def _create(w, year):
    return report_create(actor=w.clerk_haizhu, region=w.haizhu, year=year)


def test_the_paragraph_prints_the_worked_figures(documents):
    report = _create(documents, 2025)
    text = _section(report)
    assert text == (
        INTRO + "全年统一编号公布规范性文件2件，同比增长100%；备案规范性文件2件，同比增长100%，"
        "报备及时率50%，同比下降50个百分点。"
        "开展规范性文件清理，经清理作出保留、修改、废止或者宣布失效决定的规范性文件3件。"
        "截至12月31日，现行有效规范性文件2件。"
    )
    body = report.sections.get(key="measures.normative").body
    assert figures.unknown_keys(body) == []
    assert "normative.filing_corrections" not in figures.keys_in(body)


def test_without_a_previous_year_or_a_clean_up_the_clauses_are_left_out(documents):
    text = _section(_create(documents, 2024))
    assert text == (
        INTRO + "全年统一编号公布规范性文件1件；备案规范性文件1件，报备及时率100%。"
        "截至12月31日，现行有效规范性文件1件。"
    )
    assert "同比" not in text and "清理" not in text and "纠正" not in text


def test_an_empty_year_states_the_count_only(documents):
    report = _create(documents, 2023)
    assert _section(report) == INTRO + "全年统一编号公布规范性文件0件。"
    body = report.sections.get(key="measures.normative").body
    assert figures.keys_in(body) == {"normative.issued"}
