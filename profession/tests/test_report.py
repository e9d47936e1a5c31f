"""The legal-services sector's section of the annual report (profession.report), as the samples
write it (白云 2019 "现有律所 53 家、执业律师 512 人"; 罗湖 2020 "严格办理律师投诉案件", "全年办理国内外
公证案件26154件"). Time is frozen on 15 Jan 2027: 2026 and 2025 are whole years.

海珠 (440105): one firm with two practising lawyers (registers: no 同比).
- Complaints 2026 (the worked dates of test_complaints): C1 received 8 Jun, penalised 6 Jul (on
  time); C2 against the firm received 8 Jun, dismissed 30 Jun (on time); C3 received 8 Jun,
  dismissed 10 Aug (late, due 7 Aug); C4 received 15 Jun, pending → received 4, concluded 3, on
  time 2 → 66.7%. 2025: one received (Mon 9 Jun 2025), dismissed 30 Jun → 同比 4 ÷ 1 = 增长300%.
- Notarisations 2026: January–April 1,000 + 1,100 + 1,200 + 1,700 = 5,000; 2025: March 4,000
  → 同比增长25%. Appraisals 2026: 法医类 300 + 物证类 100 = 400; none in 2025: no 同比.
白云 (440111) 2026: one firm, one lawyer, nothing else → the register sentence alone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.testing import Sheet
from indicators.registry import registry
from profession import report as profession_report
from profession.importing import COLUMNS, import_volumes
from profession.tests.conftest import complain, fire
from profession.tests.test_complaints import DECISION
from reports import figures, render
from reports.outline import CONTRIBUTIONS
from reports.services import report_create

D = datetime.date
pytestmark = pytest.mark.django_db
HEADING, INTRO = profession_report.HEADING, profession_report.INTRO


def unit(key: str) -> str:
    return str(registry.get(key).unit)


FIRMS, LAWYERS = unit("profession.law_firms"), unit("profession.lawyers")
COMPLAINTS, NOTARISATIONS = unit("profession.complaints"), unit("profession.notarisations")
APPRAISALS = unit("profession.appraisals")


@pytest.fixture
def data(pw):
    w = pw
    moment = datetime.datetime(2027, 1, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        old = complain(w, D(2025, 6, 9))
        fire(old, "accept", w.clerk_haizhu, D(2025, 6, 10))
        fire(old, "dismiss", w.clerk_haizhu, D(2025, 6, 30), findings="不属实。")
        c1 = complain(w, D(2026, 6, 8))
        fire(c1, "accept", w.clerk_haizhu, D(2026, 6, 10))
        fire(c1, "decide", w.clerk_city, D(2026, 7, 6), **DECISION)
        c2 = complain(w, D(2026, 6, 8), firm=w.firm)
        fire(c2, "accept", w.clerk_haizhu, D(2026, 6, 9))
        fire(c2, "dismiss", w.clerk_haizhu, D(2026, 6, 30), findings="不属实。")
        c3 = complain(w, D(2026, 6, 8), lawyer=w.lawyer_b)
        fire(c3, "accept", w.clerk_haizhu, D(2026, 6, 9))
        fire(c3, "dismiss", w.clerk_haizhu, D(2026, 8, 10), findings="不属实。")
        complain(w, D(2026, 6, 15))
        sheet = Sheet(COLUMNS, {"机构名称": "广州市海珠公证处", "业务类别": "公证"})
        rows = [sheet.row(月份=m, 件数=n) for m, n in (
            ("2025-03", 4000), ("2026-01", 1000), ("2026-02", 1100), ("2026-03", 1200),
            ("2026-04", 1700))]  # fmt: skip
        rows += [sheet.row({"机构名称": "广东海珠司法鉴定所", "月份": "2026-05", "业务类别": c,
                            "件数": n}) for c, n in (("法医类", 300), ("物证类", 100))]  # fmt: skip
        assert import_volumes(sheet.file(rows), actor=w.clerk_haizhu).ok
        yield w


def _section(report) -> list[str]:
    blocks = render.paragraphs(report)
    start = next(i for i, (_k, text) in enumerate(blocks) if text.endswith(HEADING)) + 1
    out = []
    for kind, text in blocks[start:]:
        if kind != "body":
            break
        out.append(text)
    return out


def test_the_section_sits_between_public_legal_services_and_education(data):
    w = data
    order = {c.key: c.order for c in CONTRIBUTIONS}
    assert order["legalservice"] < order["profession"] == 52 < order["education"]
    report_ = report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)
    keys = [s.key for s in report_.sections.order_by("position")]
    assert keys.index("measures.legalservice") + 1 == keys.index("measures.profession")
    section = report_.sections.get(key="measures.profession")
    assert figures.unknown_keys(section.body) == []


def test_the_paragraphs_print_the_worked_figures(data):
    w = data
    assert _section(report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2026)) == [
        INTRO + f"截至12月31日，现有律师事务所1{FIRMS}、执业律师2{LAWYERS}；"
        f"严格办理律师、公证、司法鉴定执业投诉案件，全年收到投诉4{COMPLAINTS}，同比增长300%，按期办结率66.7%。",
        f"全年办理公证5000{NOTARISATIONS}，同比增长25%；完成司法鉴定400{APPRAISALS}。",
    ]


def test_sentences_without_data_are_left_out(data):
    w = data
    assert _section(report_create(actor=w.clerk_baiyun, region=w.baiyun, year=2026)) == [
        INTRO + f"截至12月31日，现有律师事务所1{FIRMS}、执业律师1{LAWYERS}。",
    ]
